import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { lint } from "../src/index.js";
import { CONFIG_FILES } from "../src/config.js";
import { indexStats } from "../src/project.js";
import { CONFIG_FILE } from "../src/project-files.js";
import { GOOD_SKILL, LINK_RULES, LISTINGS, repositoryProject } from "./helpers.js";

const hasGit = spawnSync("git", ["--version"]).status === 0;
const home = mkdtempSync(path.join(tmpdir(), "skill-lint-index-home-"));

const skill = (name: string, extra = "") => GOOD_SKILL.replace("release-notes", name) + extra;
const COMMAND = ".claude/commands/go.md";

function layout(): Record<string, string> {
  const files: Record<string, string> = {
    [COMMAND]: "---\ndescription: Ships the release\n---\n\nRun Skill(helper), then Skill(other-3), then read [the helper](../skills/helper-skill/SKILL.md).\n",
    // Its folder is not its name: the name is known from its frontmatter alone.
    ".claude/skills/helper-skill/SKILL.md": skill("helper"),
  };
  for (let i = 0; i < 6; i++) files[`.claude/skills/other-${i}/SKILL.md`] = skill(`other-${i}`);
  return files;
}

/** `line:column rule-id message` of each finding of `file`. */
function findingsOf(results: Awaited<ReturnType<typeof lint>>, dir: string, file: string): string[] {
  const result = results.find((r) => path.relative(dir, r.filePath).split(path.sep).join("/") === file);
  expect(result, `${file} is linted`).toBeDefined();
  return result!.findings.map((f) => `${f.line}:${f.column} ${f.ruleId} ${f.message}`);
}

function edit(dir: string, file: string, from: string, to: string): void {
  const full = path.join(dir, file);
  const text = readFileSync(full, "utf8");
  expect(text).toContain(from);
  writeFileSync(full, text.replace(from, to));
}

afterEach(() => {
  delete process.env.SKILL_LINT_NO_GIT_LISTING;
});

describe.each(LISTINGS)("the index in the cache, files %s", (_name, byGit) => {
  it.skipIf(byGit && !hasGit)("lints one file with the findings a full run has for it, cold, warm and after other docs change", async () => {
    const dir = repositoryProject(layout(), byGit, home);
    const cache = path.join(dir, ".cache-test");
    /** The file alone with the cache, its findings and how many docs the index read; then the same from a full run without one. */
    const check = async (expectedReads: number | undefined): Promise<string[]> => {
      indexStats.reads = 0;
      const alone = findingsOf(await lint([COMMAND], { cwd: dir, cache, rules: LINK_RULES }), dir, COMMAND);
      const reads = indexStats.reads;
      const full = findingsOf(await lint(["."], { cwd: dir, rules: LINK_RULES }), dir, COMMAND);
      expect(alone).toEqual(full);
      if (expectedReads !== undefined) expect(reads).toBe(expectedReads);
      return alone;
    };

    // Cold: every entity is read once.
    expect(await check(8)).toEqual([]);
    // Warm, nothing changed: the file's findings hold and no doc is read.
    expect(await check(0)).toEqual([]);
    // The file itself changed: the index comes from the cache, and only the file is read again.
    edit(dir, COMMAND, "then read", "and then read");
    expect(await check(1)).toEqual([]);
    // The skill it names is renamed in its frontmatter: only that doc is read, and the reference is reported.
    edit(dir, ".claude/skills/helper-skill/SKILL.md", "name: helper", "name: assistant");
    const renamed = await check(1);
    expect(renamed.some((finding) => finding.includes("no-unknown-reference") && finding.includes("helper"))).toBe(true);
    // And back: the finding goes.
    edit(dir, ".claude/skills/helper-skill/SKILL.md", "name: assistant", "name: helper");
    expect(await check(1)).toEqual([]);
    // Another skill's folder is renamed: the layout changed, so the docs are placed again, but none unchanged is read.
    renameSync(path.join(dir, ".claude/skills/other-3"), path.join(dir, ".claude/skills/other-three"));
    edit(dir, ".claude/skills/other-three/SKILL.md", "name: other-3", "name: other-three");
    const moved = await check(1);
    expect(moved.some((finding) => finding.includes("no-unknown-reference") && finding.includes("other-3"))).toBe(true);
    // A config that ignores the skill it names: it leaves the index, as in a full run.
    writeFileSync(path.join(dir, "skill-lint.config.json"), JSON.stringify({ ignores: [".claude/skills/helper-skill/**"] }));
    const ignored = await check(undefined);
    expect(ignored.some((finding) => finding.includes("`Skill(helper)` names no skill"))).toBe(true);
  });
});

it("knows every config file name as a file that shapes the layout", () => {
  expect(CONFIG_FILES.filter((name) => !CONFIG_FILE.test(name))).toEqual([]);
  expect(CONFIG_FILE.test("skill-lint.config.js")).toBe(false);
});
