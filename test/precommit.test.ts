// The pre-commit framework installs skill-lint from .pre-commit-hooks.yaml the way its users will: it clones a
// commit of this repository, runs `npm install`, `npm pack` and `npm install -g` of the tarball, then runs the hook
// on the staged markdown files of a real `git commit`.
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import picomatch from "picomatch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { expandPaths } from "../src/files.js";
import { BROKEN_SKILL, GOOD_SKILL, commandRunner, isolatedGitEnv, project } from "./helpers.js";

const REPO_ROOT = path.resolve(import.meta.dirname, "..");
const NOT_COPIED = new Set(["node_modules", "dist", ".git", "coverage"]);
const HAS_PRE_COMMIT = spawnSync("pre-commit", ["--version"]).status === 0;

let root = "";
let hookRepo = "";
let rev = "";
let env: NodeJS.ProcessEnv = {};

const { run, must } = commandRunner(() => env);

function write(dir: string, name: string, content: string): void {
  mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
  writeFileSync(path.join(dir, name), content);
}

/** A new git repository whose pre-commit config uses the skill-lint hook, with the git hook installed. */
function userRepo(): string {
  const dir = mkdtempSync(path.join(root, "user-"));
  must("git", ["init", "-q", "-b", "main"], dir);
  write(dir, ".pre-commit-config.yaml", `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: skill-lint\n`);
  must("pre-commit", ["install"], dir);
  return dir;
}

function commit(dir: string): { code: number | null; output: string } {
  const result = run("git", ["commit", "-m", "docs"], dir);
  return { code: result.status, output: result.stdout + result.stderr };
}

/** Files of a repository, some of which a folder walk lints (markdown, .mdc rules, plugin manifests). */
const SAMPLE = [
  "skills/notes/SKILL.md",
  "docs/guide.MD",
  ".cursor/rules/style.mdc",
  ".claude-plugin/plugin.json",
  ".claude-plugin/marketplace.json",
  "plugins/review/.claude-plugin/plugin.json",
  ".claude-plugin/hooks.json",
  "package.json",
  "settings.json",
  "CHANGELOG.md",
  "docs/LICENSE.md",
  "license-notes.md",
  "src/index.ts",
];

/** What a folder walk over SAMPLE picks up, as paths relative to the repository. */
async function walked(): Promise<string[]> {
  const dir = project(Object.fromEntries(SAMPLE.map((file) => [file, "{}\n"])));
  try {
    return (await expandPaths(["."], dir)).map((file) => path.relative(dir, file).split(path.sep).join("/")).sort();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const README = readFileSync(path.join(REPO_ROOT, "README.md"), "utf8");

describe("the lint-staged recipe in the README", () => {
  // lint-staged matches each staged path with micromatch, dot files included, and a pattern without a slash
  // against the file name in any folder (lint-staged's generateTasks); picomatch is the matcher micromatch uses.
  const recipe = /```json\n(\{\n {2}"lint-staged"[^`]*)```/.exec(README)?.[1];
  const patterns = Object.keys((JSON.parse(recipe ?? "{}") as { "lint-staged"?: Record<string, string> })["lint-staged"] ?? {});
  const selected = (file: string) => patterns.some((pattern) => picomatch(pattern, { dot: true, basename: !pattern.includes("/") })(file));

  it("runs skill-lint on the staged markdown, .mdc rules and plugin manifests", async () => {
    expect(patterns.length).toBeGreaterThan(0);
    // The walk's files but the upper-case .MD (micromatch matches case), and what the walk leaves out by name.
    const expected = (await walked()).filter((file) => !file.endsWith(".MD")).concat(["CHANGELOG.md", "docs/LICENSE.md"]).sort();
    expect(SAMPLE.filter(selected).sort()).toEqual(expected);
  });
});

const SKIP_REASON = "skipped: the `pre-commit` program is not on PATH (apt-get install pre-commit)";
// A skipped suite's title only shows in the verbose reporter, so the reason is also printed.
if (!HAS_PRE_COMMIT) console.warn(`test/precommit.test.ts ${SKIP_REASON}`);

describe.skipIf(!HAS_PRE_COMMIT)(HAS_PRE_COMMIT ? "the pre-commit hook" : `the pre-commit hook (${SKIP_REASON})`, { timeout: 120_000 }, () => {
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "skill-lint-pre-commit-"));
    env = {
      ...process.env,
      PRE_COMMIT_HOME: path.join(root, "pre-commit-home"),
      PRE_COMMIT_COLOR: "never",
      NO_COLOR: "1",
      ...isolatedGitEnv(root),
    };
    // pre-commit installs hooks from a commit, and the working tree under test is not committed yet, so a
    // snapshot of it is committed in a repository of its own.
    hookRepo = path.join(root, "skill-lint");
    cpSync(REPO_ROOT, hookRepo, {
      recursive: true,
      filter: (source) => {
        const relative = path.relative(REPO_ROOT, source);
        return !NOT_COPIED.has(relative.split(path.sep)[0]!) && !relative.endsWith(".tgz");
      },
    });
    must("git", ["init", "-q", "-b", "main"], hookRepo);
    must("git", ["add", "-A"], hookRepo);
    must("git", ["commit", "-q", "-m", "snapshot"], hookRepo);
    rev = must("git", ["rev-parse", "HEAD"], hookRepo).trim();
    // Installing the hook's environment (npm install, npm pack, npm install -g) is the slow part; it is cached
    // in PRE_COMMIT_HOME for the repositories the tests make.
    must("pre-commit", ["install-hooks"], userRepo());
  }, 900_000);

  // Removing the hook's installed environment can take a while on a loaded machine.
  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  }, 120_000);

  it("refuses a commit that stages a broken doc and shows the finding", () => {
    const dir = userRepo();
    write(dir, "skills/parse/SKILL.md", BROKEN_SKILL);
    must("git", ["add", "-A"], dir);
    const { code, output } = commit(dir);
    expect(code).not.toBe(0);
    expect(output).toMatch(/skill-lint\.+Failed/);
    expect(output).toContain(path.join("skills", "parse", "SKILL.md"));
    expect(output).toMatch(/3:34 +error +Invalid YAML in frontmatter.*frontmatter-yaml/);
    expect(run("git", ["rev-parse", "--verify", "-q", "HEAD"], dir).status).not.toBe(0);
  });

  it("selects what a folder walk lints, as pre-commit reads its patterns", async () => {
    const [hook] = parse(readFileSync(path.join(REPO_ROOT, ".pre-commit-hooks.yaml"), "utf8")) as [{ files: string; exclude: string; types?: string[] }];
    expect(hook.types ?? ["file"]).toEqual(["file"]);
    // pre-commit is Python and applies `files` and `exclude` with re.search to each path.
    const script = "import re, sys\nf, e = re.compile(sys.argv[1]), re.compile(sys.argv[2])\nfor p in sys.argv[3:]:\n    if f.search(p) and not e.search(p): print(p)";
    const selected = must("python3", ["-c", script, hook.files, hook.exclude, ...SAMPLE], root).trim().split("\n").sort();
    expect(selected).toEqual(await walked());
  });

  it("refuses a commit of a broken plugin manifest, marketplace manifest or Cursor rule, naming each", () => {
    const dir = userRepo();
    write(dir, ".claude-plugin/plugin.json", '{ "name": "review", }\n');
    write(dir, ".claude-plugin/marketplace.json", "{\n");
    write(dir, ".cursor/rules/style.mdc", BROKEN_SKILL);
    must("git", ["add", "-A"], dir);
    const { code, output } = commit(dir);
    expect(code).not.toBe(0);
    expect(output).toMatch(/skill-lint\.+Failed/);
    for (const file of [".claude-plugin/plugin.json", ".claude-plugin/marketplace.json", ".cursor/rules/style.mdc"]) {
      expect(output).toContain(path.join(...file.split("/")));
    }
    expect(output.match(/ error .*plugin-manifest/g)).toHaveLength(2);
    expect(output).toMatch(/3:34 +error +Invalid YAML in frontmatter.*frontmatter-yaml/);
    expect(run("git", ["rev-parse", "--verify", "-q", "HEAD"], dir).status).not.toBe(0);
  });

  it("leaves a CHANGELOG and other JSON alone", () => {
    const dir = userRepo();
    write(dir, "CHANGELOG.md", BROKEN_SKILL);
    write(dir, "settings.json", "{\n");
    write(dir, "skills/release-notes/SKILL.md", GOOD_SKILL);
    must("git", ["add", "-A"], dir);
    const { code, output } = commit(dir);
    expect(output).toMatch(/skill-lint\.+Passed/);
    expect(code).toBe(0);
  });

  it("lets a commit of a good doc through", () => {
    const dir = userRepo();
    write(dir, "skills/release-notes/SKILL.md", GOOD_SKILL);
    must("git", ["add", "-A"], dir);
    const { code, output } = commit(dir);
    expect(output).toMatch(/skill-lint\.+Passed/);
    expect(code).toBe(0);
  });

  it("lints only what is staged", () => {
    const dir = userRepo();
    write(dir, "skills/release-notes/SKILL.md", GOOD_SKILL);
    must("git", ["add", "-A"], dir);
    expect(commit(dir).code).toBe(0);

    // A broken edit left unstaged, a broken file never added, and a good doc staged: only the last is committed.
    write(dir, "skills/release-notes/SKILL.md", BROKEN_SKILL);
    write(dir, "skills/draft/SKILL.md", BROKEN_SKILL);
    write(dir, "skills/release/SKILL.md", GOOD_SKILL.replace("name: release-notes", "name: release"));
    must("git", ["add", "skills/release/SKILL.md"], dir);
    const { code, output } = commit(dir);
    expect(output).toMatch(/skill-lint\.+Passed/);
    expect(output).not.toContain("frontmatter-yaml");
    expect(code).toBe(0);
    // pre-commit stashes the unstaged edit while the hook runs and puts it back afterwards.
    expect(readFileSync(path.join(dir, "skills/release-notes/SKILL.md"), "utf8")).toBe(BROKEN_SKILL);
  });
});
