#!/usr/bin/env bash
# Prints the path of the node that runs skill-lint, and leaves the job's own Node.js alone (no PATH change for
# later steps): the runner's node when it is 20 or newer (or the version asked for), else one from the runner's
# tool cache, else one downloaded into RUNNER_TEMP for this step alone.
set -euo pipefail

want="${SKILL_LINT_NODE_VERSION:-}"
mirror="${SKILL_LINT_NODE_MIRROR:-https://nodejs.org/dist}"
# What runs when the runner's node is older than 20 and no version is asked for: the Active LTS line.
fallback=24

fail() {
  echo "skill-lint: $1" >&2
  exit 2
}

# Whether a node binary is the version wanted: a major (24), an exact version (24.11.1), or "" for 20 or newer.
matches() {
  local version
  version="$("$1" --version 2>/dev/null)" || return 1
  version="${version#v}"
  if [ -z "$2" ]; then
    [ "${version%%.*}" -ge 20 ] 2>/dev/null
  else
    [ "$version" = "$2" ] || [[ "$version" == "$2".* ]]
  fi
}

if runner_node="$(command -v node)" && matches "$runner_node" "$want"; then
  echo "$runner_node"
  exit 0
fi
want="${want:-$fallback}"

case "${RUNNER_OS:-}" in
  Linux) os=linux ;;
  macOS) os=darwin ;;
  *) fail "no Node.js ${want} on this runner (${RUNNER_OS:-unknown OS}); run actions/setup-node before this step" ;;
esac
case "${RUNNER_ARCH:-}" in
  X64) arch=x64 ;;
  ARM64) arch=arm64 ;;
  *) fail "no Node.js ${want} for this runner's architecture (${RUNNER_ARCH:-unknown}); run actions/setup-node before this step" ;;
esac

# The runner's tool cache (node/<version>/<arch>/bin/node), newest first.
if [ -d "${RUNNER_TOOL_CACHE:-}/node" ]; then
  while IFS= read -r dir; do
    if [ -x "$dir/$arch/bin/node" ] && matches "$dir/$arch/bin/node" "$want"; then
      echo "$dir/$arch/bin/node"
      exit 0
    fi
  done < <(find "$RUNNER_TOOL_CACHE/node" -mindepth 1 -maxdepth 1 -type d | sort -rV)
fi

case "$want" in
  *.*.*) release="v$want" ;;
  *) release="latest-v${want%%.*}.x" ;;
esac
sums="$(curl -fsSL "$mirror/$release/SHASUMS256.txt")" || fail "cannot download Node.js $want: $mirror/$release/SHASUMS256.txt"
line="$(printf '%s\n' "$sums" | grep -E " node-v[0-9.]+-$os-$arch\.tar\.gz\$" | head -n 1)" ||
  fail "no Node.js $want for $os-$arch at $mirror/$release"
name="${line##* }"
dest="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/skill-lint-node"
node="$dest/${name%.tar.gz}/bin/node"
if [ ! -x "$node" ]; then
  mkdir -p "$dest"
  curl -fsSL -o "$dest/$name" "$mirror/$release/$name" || fail "cannot download Node.js $want: $mirror/$release/$name"
  sum="$( (sha256sum "$dest/$name" 2>/dev/null || shasum -a 256 "$dest/$name") | cut -d ' ' -f 1)"
  [ "$sum" = "${line%% *}" ] || fail "$mirror/$release/$name does not match its SHA-256 in SHASUMS256.txt"
  tar -xzf "$dest/$name" -C "$dest"
fi
echo "$node"
