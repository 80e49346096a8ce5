import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const CLI = path.resolve(import.meta.dirname, "../dist/bundle/cli.js");

/** The rules that check links and references into other files, off by default, turned on. */
export const LINK_RULES = { "no-broken-link": "error", "no-unknown-reference": "error" } as const;
/** A config file that turns them on. */
export const LINK_RULES_ON = { "skill-lint.config.json": `${JSON.stringify({ rules: LINK_RULES })}\n` };
/** The rules on by default until the sample on thirty-three fresh repositories, which many tests exercise. */
export const FORMER_DEFAULTS = {
  "frontmatter-schema": "error",
  "skill-name": "error",
  "agent-definition": "error",
  "host-loads": "error",
  "skill-description": "error",
  "unique-names": "error",
  "self-contained-prompt": "warn",
} as const;
/** A config file that turns them on. */
export const FORMER_DEFAULTS_ON = { "skill-lint.config.json": `${JSON.stringify({ rules: FORMER_DEFAULTS })}\n` };

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

/** Runs the built CLI without colour or wrapping; `env` adds variables, and one set to undefined is removed. */
export function runCli(args: string[], cwd: string, input?: string, env: Record<string, string | undefined> = {}) {
  // Bounded, so a run that hangs fails its test instead of stalling the suite.
  const merged = Object.fromEntries(Object.entries({ ...process.env, NO_COLOR: "1", COLUMNS: undefined, ...env }).filter(([, value]) => value !== undefined));
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", input, maxBuffer: 256 * 1024 * 1024, env: merged, timeout: 120_000 });
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
 * Git settings for a test's repositories: an empty global config in `dir` and a fixed author, so the developer's
 * own git settings (hooksPath, signing, templates) cannot change what the test sees.
 */
export function isolatedGitEnv(dir: string): NodeJS.ProcessEnv {
  const gitConfig = path.join(dir, "gitconfig");
  writeFileSync(gitConfig, "");
  return {
    GIT_CONFIG_GLOBAL: gitConfig,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Test",
    GIT_AUTHOR_EMAIL: "test@example.com",
    GIT_COMMITTER_NAME: "Test",
    GIT_COMMITTER_EMAIL: "test@example.com",
  };
}

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

/** How a repository's files are found: listed by git, or walked (SKILL_LINT_NO_GIT_LISTING). */
export const LISTINGS = [
  ["listed by git", true],
  ["walked", false],
] as const;

/**
 * A project of `files` that is a repository: committed with git (`byGit`; `home` holds its isolated config), else
 * with a bare `.git` folder (which marks the root) and SKILL_LINT_NO_GIT_LISTING set, so its files are walked.
 */
export function repositoryProject(files: Record<string, string>, byGit: boolean, home: string): string {
  if (!byGit) process.env.SKILL_LINT_NO_GIT_LISTING = "1";
  const dir = project(files);
  if (!byGit) mkdirSync(path.join(dir, ".git"));
  else {
    const env = { ...process.env, ...isolatedGitEnv(home) };
    for (const args of [["init", "-q"], ["add", "-A"], ["commit", "-qm", "init"]]) {
      if (spawnSync("git", args, { cwd: dir, env }).status !== 0) throw new Error(`git ${args[0]} failed in ${dir}`);
    }
  }
  return dir;
}
