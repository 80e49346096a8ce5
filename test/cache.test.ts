import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BROKEN_SKILL, GOOD_SKILL, project, runCli } from "./helpers.js";

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
