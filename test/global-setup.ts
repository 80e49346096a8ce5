import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Every test's temporary folders (projects, homes, caches) go under one folder made for the run and removed
 * after it, so a run leaves nothing in the system's temporary folder. Test files and the CLIs they start read
 * it through TMPDIR, which os.tmpdir() honours.
 */
export default function setup(): () => void {
  const root = mkdtempSync(path.join(tmpdir(), "skill-lint-tests-"));
  process.env.TMPDIR = root;
  return () => {
    if (process.env.SKILL_LINT_KEEP_TEST_DIRS) return;
    // rm copes with the deepest trees the tests make (paths longer than PATH_MAX), where rmSync gives up.
    if (spawnSync("rm", ["-rf", root]).status === 0) return;
    try {
      rmSync(root, { recursive: true, force: true });
    } catch (error) {
      process.stderr.write(`test teardown: could not remove ${root}: ${(error as Error).message}\n`);
    }
  };
}
