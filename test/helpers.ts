import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const CLI = path.resolve(import.meta.dirname, "../dist/bundle/cli.js");

/** Lays out files (path -> content) in a new temporary folder and returns its path. */
export function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "skill-lint-"));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

export function runCli(args: string[], cwd: string, input?: string) {
  // Bounded, so a run that hangs fails its test instead of stalling the suite.
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", input, env: { ...process.env, NO_COLOR: "1" }, timeout: 120_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

export const BROKEN_SKILL = `---
name: parse
description: "Convert HCL files" when the user has one.
---

# Parse
`;

export const GOOD_SKILL = `---
name: release-notes
description: "Drafts release notes from merged pull requests."
---

# Release notes

List the merged pull requests since the last tag and write one line per change.
`;

/**
 * `run` and `must` (a run that has to succeed, failing with its output) for other programs (npm, git,
 * pre-commit), with the environment the caller holds at the time of each call.
 */
export function commandRunner(env: () => NodeJS.ProcessEnv) {
  const run = (command: string, args: string[], cwd: string): SpawnSyncReturns<string> =>
    spawnSync(command, args, { cwd, env: env(), encoding: "utf8", timeout: 600_000 });
  const must = (command: string, args: string[], cwd: string): string => {
    const result = run(command, args, cwd);
    if (result.status !== 0) {
      throw new Error(`${command} ${args.join(" ")} exited ${result.status}\n${result.stdout}${result.stderr}${result.error ?? ""}`);
    }
    return result.stdout;
  };
  return { run, must };
}
