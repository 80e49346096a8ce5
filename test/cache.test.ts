import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { docReadStats } from "../src/engine.js";
import { walkStats } from "../src/project-files.js";
import { lint } from "../src/index.js";
import { BROKEN_SKILL, GOOD_SKILL, isolatedGitEnv, project, runCli } from "./helpers.js";

interface CacheFile {
  key: string;
  files: Record<string, { hash: string; findings: { message: string }[] }>;
}

const cacheFile = (dir: string) => path.join(dir, ".cache/skill-lint/cache.json");

describe("--cache", () => {
  it("stores findings and reuses them while the file and config are unchanged", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN_SKILL });
    const first = runCli(["--cache", "-f", "json"], dir);
    const stored = JSON.parse(readFileSync(cacheFile(dir), "utf8")) as CacheFile;
    const [entry] = Object.values(stored.files);
    expect(entry!.findings).toHaveLength(1);
    // Mark the cached finding: if the second run shows the mark, it came from the cache.
    entry!.findings[0]!.message = "from the cache";
    writeFileSync(cacheFile(dir), JSON.stringify(stored));
    const second = runCli(["--cache", "-f", "json"], dir);
    expect(second.code).toBe(first.code);
    expect(JSON.parse(second.stdout)[0].messages[0].message).toBe("from the cache");
  });

  it("re-lints a changed file and any file whose config changed", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN_SKILL });
    runCli(["--cache"], dir);
    writeFileSync(path.join(dir, "skills/parse/SKILL.md"), GOOD_SKILL);
    expect(runCli(["--cache"], dir).code).toBe(0);
    writeFileSync(path.join(dir, "skills/parse/SKILL.md"), BROKEN_SKILL);
    expect(runCli(["--cache"], dir).code).toBe(1);
    writeFileSync(path.join(dir, "skill-lint.config.json"), JSON.stringify({ rules: { "frontmatter-yaml": "off" } }));
    expect(runCli(["--cache"], dir).code).toBe(0);
  });

  it("discards a corrupt cache with a warning and lints anew", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN_SKILL, ".cache/skill-lint/cache.json": "{ not json" });
    const { code, stderr } = runCli(["--cache"], dir);
    expect(code).toBe(1);
    expect(stderr).toContain("the cache is corrupt and was discarded");
    expect(() => JSON.parse(readFileSync(cacheFile(dir), "utf8"))).not.toThrow();
  });

  it.each([
    ["package.json", '{ "name": "docs", "private": true }\n', "is not a skill-lint cache; name a new file or a folder"],
    ["notes.txt", "my notes\n", "is not a skill-lint cache; name a new file or a folder (it is not JSON)"],
    ["cache.json", "{ not json", "is not a skill-lint cache; name a new file or a folder (it is not JSON)"],
  ])("refuses --cache-location %s, an existing file that is not a cache, and leaves it as it was", (name, content, message) => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN_SKILL, [name]: content });
    const { code, stdout, stderr } = runCli(["--cache", "--cache-location", name], dir);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(`skill-lint: --cache-location ${path.join(dir, name)} ${message}\n`);
    expect(readFileSync(path.join(dir, name), "utf8")).toBe(content);
  });

  it("uses an existing cache file named by --cache-location, whatever its name", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN_SKILL });
    runCli(["--cache", "--cache-location", "lint.cache.json"], dir);
    writeFileSync(path.join(dir, "lint-cache"), readFileSync(path.join(dir, "lint.cache.json")));
    const { code, stderr } = runCli(["--cache", "--cache-location", "lint-cache"], dir);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(Object.keys((JSON.parse(readFileSync(path.join(dir, "lint-cache"), "utf8")) as CacheFile).files)).toHaveLength(1);
  });

  it("--cache-location moves it", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN_SKILL });
    runCli(["--cache", "--cache-location", ".lint-cache"], dir);
    expect(Object.keys((JSON.parse(readFileSync(path.join(dir, ".lint-cache/cache.json"), "utf8")) as CacheFile).files)).toHaveLength(1);
  });
});

describe("the default cache location", () => {
  it("is .cache/skill-lint without a node_modules/, which it does not create", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN_SKILL });
    runCli(["--cache"], dir);
    expect(existsSync(path.join(dir, ".cache", "skill-lint", "cache.json"))).toBe(true);
    expect(existsSync(path.join(dir, "node_modules"))).toBe(false);
  });

  it("is node_modules/.cache/skill-lint where node_modules/ exists", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN_SKILL, "node_modules/.package-lock.json": "{}" });
    runCli(["--cache"], dir);
    expect(existsSync(path.join(dir, "node_modules", ".cache", "skill-lint", "cache.json"))).toBe(true);
    expect(existsSync(path.join(dir, ".cache"))).toBe(false);
  });
});

describe("a warm run with --cache", () => {
  const hasGit = spawnSync("git", ["--version"]).status === 0;
  const SKILL = "skills/release-notes/SKILL.md";
  /** Moves the clock a minute on, as if the files were last changed well before this run. */
  const later = () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 60_000);
  };
  afterEach(() => {
    vi.useRealTimers();
  });
  /** The run's results as JSON, and how many docs it read. */
  const run = async (dir: string) => {
    docReadStats.reads = 0;
    const results = await lint(["."], { cwd: dir, cache: path.join(dir, ".cache-test") });
    return { results: JSON.stringify(results.map((r) => [r.filePath, r.findings])), reads: docReadStats.reads };
  };

  it("does not read an unchanged file, and reads one edited to the same size with its modification time set back", async () => {
    const dir = project({ [SKILL]: GOOD_SKILL });
    const file = path.join(dir, SKILL);
    // A whole second, which the file system keeps exactly.
    const mtime = new Date(Math.floor(Date.now() / 1000) * 1000 - 10_000);
    utimesSync(file, mtime, mtime);
    later();
    const cold = await run(dir);
    expect(cold.reads).toBe(1);
    const warm = await run(dir);
    expect(warm).toEqual({ results: cold.results, reads: 0 });
    // Same size, same modification time, other text: the change time differs, so it is read and linted again.
    writeFileSync(file, GOOD_SKILL.replace('"Drafts', '"Dr"fts'));
    utimesSync(file, mtime, mtime);
    expect(statSync(file).mtimeMs).toBe(mtime.getTime());
    const edited = await run(dir);
    expect(edited.reads).toBe(1);
    expect(JSON.parse(edited.results)[0][1].length).toBeGreaterThan(0);
  });

  it("reads again a file changed just before its result was stored, and one only touched, whose result still holds", async () => {
    const dir = project({ [SKILL]: GOOD_SKILL });
    const file = path.join(dir, SKILL);
    // Changed a moment ago: a further write within the same tick of a coarse clock would not show in its times.
    const cold = await run(dir);
    expect(await run(dir)).toEqual({ results: cold.results, reads: 1 });
    later();
    expect(await run(dir)).toEqual({ results: cold.results, reads: 1 });
    expect(await run(dir)).toEqual({ results: cold.results, reads: 0 });
    // Touched (a minute before the moved clock): read once, a hit by its content, and not read after that.
    const touched = new Date(Date.now() - 60_000);
    utimesSync(file, touched, touched);
    expect(await run(dir)).toEqual({ results: cold.results, reads: 1 });
    expect(await run(dir)).toEqual({ results: cold.results, reads: 0 });
  });

  it.skipIf(!hasGit)("in a git work tree, trusts git's blob id of a committed file, and reads a file edited since", async () => {
    const dir = project({ [SKILL]: GOOD_SKILL });
    const home = mkdtempSync(path.join(tmpdir(), "skill-lint-cache-home-"));
    const env = { ...process.env, ...isolatedGitEnv(home) };
    for (const args of [["init", "-q"], ["add", "-A"], ["commit", "-qm", "init"]]) expect(spawnSync("git", args, { cwd: dir, env }).status).toBe(0);
    const cold = await run(dir);
    // Committed a moment ago, yet git vouches for its content: not read.
    expect(await run(dir)).toEqual({ results: cold.results, reads: 0 });
    writeFileSync(path.join(dir, SKILL), GOOD_SKILL.replace('"Drafts', '"Dr"fts'));
    const edited = await run(dir);
    expect(edited.reads).toBe(1);
    expect(JSON.parse(edited.results)[0][1].length).toBeGreaterThan(0);
  });

  it.skipIf(!hasGit)("lints one file of a git repository from the cache without listing the repository, before and after its commit", async () => {
    const files: Record<string, string> = { [SKILL]: GOOD_SKILL };
    for (let n = 0; n < 30; n++) files[`skills/other-${n}/SKILL.md`] = GOOD_SKILL.replace("release-notes", `other-${n}`);
    const dir = project(files);
    const home = mkdtempSync(path.join(tmpdir(), "skill-lint-cache-home-"));
    const env = { ...process.env, ...isolatedGitEnv(home) };
    for (const args of [["init", "-q"], ["add", "-A"], ["commit", "-qm", "init"]]) expect(spawnSync("git", args, { cwd: dir, env }).status).toBe(0);
    const one = async () => {
      docReadStats.reads = 0;
      walkStats.walks = 0;
      const results = await lint([SKILL], { cwd: dir, cache: path.join(dir, ".cache-test") });
      return { results: JSON.stringify(results.map((r) => [r.filePath, r.findings])), reads: docReadStats.reads, walks: walkStats.walks };
    };
    const cold = await one();
    expect(cold).toMatchObject({ reads: 1, walks: 0 });
    // Committed a moment ago: git vouches for it, asked about this one file.
    expect(await one()).toEqual({ results: cold.results, reads: 0, walks: 0 });
    // Settled since: its size and times stand for it now, and git is not asked; read once under that stamp, then not.
    later();
    expect(await one()).toEqual({ results: cold.results, reads: 1, walks: 0 });
    expect(await one()).toEqual({ results: cold.results, reads: 0, walks: 0 });
  });

  it("reads a file with findings, whose text the report shows", async () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN_SKILL });
    later();
    const cold = await run(dir);
    const warm = await run(dir);
    expect(warm).toEqual({ results: cold.results, reads: 1 });
    const [result] = await lint(["."], { cwd: dir, cache: path.join(dir, ".cache-test") });
    expect(result!.source).toBe(BROKEN_SKILL);
  });
});
