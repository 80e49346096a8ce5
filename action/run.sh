#!/usr/bin/env bash
# The action's one step: runs skill-lint once, writing the log's report (annotations or the terminal report) and
# a SARIF report from the same run, then the job summary and the step's outputs from that SARIF. The inputs
# come from the environment (see action.yml), never pasted into a script, so they cannot inject commands.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
package="$(dirname "$here")"
node="$(bash "$here/node.sh")"
cli="$package/dist/bundle/cli.js"
if [ ! -f "$cli" ]; then
  # A checkout of the sources, not of a package: building needs the dev dependencies (TypeScript, esbuild).
  echo "skill-lint: $cli is missing, so it is built first (npm ci)" >&2
  (cd "$package" && PATH="$(dirname "$node"):$PATH" npm ci --no-audit --no-fund >&2)
fi

sarif="${SKILL_LINT_SARIF:-}"
if [ -z "$sarif" ]; then
  sarif="$(mktemp "${RUNNER_TEMP:-${TMPDIR:-/tmp}}/skill-lint-XXXXXX.sarif")"
fi
rm -f "$sarif"

# Paths may be globs that skill-lint expands itself; the shell must only split them into words.
set -f
status=0
# shellcheck disable=SC2086
"$node" "$cli" ${SKILL_LINT_ARGS:-} --format "${SKILL_LINT_FORMAT:-github}" --report "sarif=$sarif" ${SKILL_LINT_PATHS:-.} || status=$?
set +f

"$node" "$here/summary.mjs" "$sarif" "$status"
exit "$status"
