import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { lint, lintEach } from "../src/index.js";
import { indexStats } from "../src/project.js";
import { walkStats } from "../src/project-files.js";
import { FORMER_DEFAULTS, GOOD_SKILL, LINK_RULES, LISTINGS, project, repositoryProject } from "./helpers.js";

// The rules these runs turn on: the link rules and those off by default since, whose findings a stored listing must not change.
const RULES_ON = { ...LINK_RULES, ...FORMER_DEFAULTS };

const hasGit = spawnSync("git", ["--version"]).status === 0;
const home = mkdtempSync(path.join(tmpdir(), "skill-lint-snapshot-home-"));

const skill = (name: string, extra = "") => GOOD_SKILL.replace("release-notes", name) + extra;
const COMMAND = ".claude/commands/go.md";
const HELPER = ".claude/skills/helper-skill/SKILL.md";
const LINTED = [COMMAND, HELPER];

function layout(): Record<string, string> {
  const files: Record<string, string> = {
    [COMMAND]: "---\ndescription: Ships the release\n---\n\nRun Skill(helper), then Skill(other-3).\n",
    [HELPER]: skill("helper"),
    "plugins/tools/.claude-plugin/plugin.json": JSON.stringify({ name: "tools" }),
    "plugins/tools/skills/lint/SKILL.md": skill("lint"),
  };
  for (let i = 0; i < 5; i++) files[`.claude/skills/other-${i}/SKILL.md`] = skill(`other-${i}`);
  return files;
}

/** Each linted file's findings, `file line:column rule-id`. */
function findingsOf(results: Awaited<ReturnType<typeof lint>>, dir: string): string[] {
  return results.flatMap((result) => result.findings.map((f) => `${path.relative(dir, result.filePath).split(path.sep).join("/")} ${f.line}:${f.column} ${f.ruleId} ${f.message}`));
}

/** A stamp is trusted only for what changed well before the listing: the fixture's files must age first. */
const settle = () => sleep(2100);

afterEach(() => {
  delete process.env.SKILL_LINT_NO_GIT_LISTING;
});

describe.each(LISTINGS)("a warm run's stored listing, files %s", (_name, byGit) => {
  it.skipIf(byGit && !hasGit)("is taken while the project is unchanged, and never when a change could show in the findings", async () => {
    const dir = repositoryProject(layout(), byGit, home);
    const cache = path.join(dir, ".cache", "skill-lint");
    /** The two files with the cache, against a full run without one; returns whether the project was listed. */
    const check = async (): Promise<{ listed: boolean; reads: number; findings: string[] }> => {
      walkStats.walks = 0;
      indexStats.reads = 0;
      const warm = findingsOf(await lint(LINTED, { cwd: dir, cache, rules: RULES_ON }), dir);
      const listed = walkStats.walks > 0;
      const reads = indexStats.reads;
      const full = findingsOf(await lint(["."], { cwd: dir, rules: RULES_ON }), dir).filter((line) => LINTED.some((file) => line.startsWith(`${file} `)));
      expect(warm).toEqual(full);
      return { listed, reads, findings: warm };
    };
    const write = (file: string, text: string) => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };

    await settle();
    // Cold: listed, and the listing kept beside the cache.
    expect(await check()).toMatchObject({ listed: true, findings: [] });
    expect(readdirSync(cache).some((name) => /^cache\.listing-[0-9a-f]+\.txt$/.test(name))).toBe(true);
    // The first run made the cache's folders, which its listing did not have: listed again.
    expect(await check()).toMatchObject({ listed: true, reads: 0, findings: [] });
    // The cache's own folder changed again (its files were written): nothing that shapes the index, so the listing holds.
    expect(await check()).toMatchObject({ listed: false, reads: 0, findings: [] });

    // Another skill saved through a new copy renamed over it, its name the same: read once to know, and still held.
    write(".claude/skills/other-2/new.tmp", skill("other-2", "\nMore text.\n"));
    renameSync(path.join(dir, ".claude/skills/other-2/new.tmp"), path.join(dir, ".claude/skills/other-2/SKILL.md"));
    expect(await check()).toMatchObject({ listed: false, reads: 1, findings: [] });

    // A new skill of the same name in a new folder: the folder's names changed, so the project is listed.
    write(".claude/skills/twin/SKILL.md", skill("helper"));
    const twin = await check();
    expect(twin.listed).toBe(true);
    expect(twin.findings.some((line) => line.startsWith(HELPER) && line.includes("unique-names"))).toBe(true);

    await settle();
    expect((await check()).listed).toBe(true);
    expect((await check()).listed).toBe(false);
    // The twin renamed in place (its folder unchanged): its declared name differs, so the project is listed.
    const twinFile = path.join(dir, ".claude/skills/twin/SKILL.md");
    writeFileSync(twinFile, readFileSync(twinFile, "utf8").replace("name: helper", "name: twin"));
    const renamed = await check();
    expect(renamed.listed).toBe(true);
    expect(renamed.findings.some((line) => line.includes("unique-names"))).toBe(false);

    // A config that ignores a skill the command names.
    write("skill-lint.config.json", JSON.stringify({ ignores: [".claude/skills/other-3/**"] }));
    const ignored = await check();
    expect(ignored.listed).toBe(true);
    expect(ignored.findings.some((line) => line.startsWith(COMMAND) && line.includes("no-unknown-reference") && line.includes("other-3"))).toBe(true);

    // A plugin manifest added above a skill makes it the plugin's: its name's scope changes.
    write("plugins/tools/skills/helper/SKILL.md", skill("helper"));
    write(".claude/skills/.claude-plugin/plugin.json", JSON.stringify({ name: "local" }));
    expect((await check()).listed).toBe(true);
  }, 30_000);
});

it("lists the project when the stored listing is damaged, and lints as a full run does", async () => {
  const dir = project(layout());
  mkdirSync(path.join(dir, ".git"));
  process.env.SKILL_LINT_NO_GIT_LISTING = "1";
  const cache = path.join(dir, ".cache", "skill-lint");
  await settle();
  await lint(LINTED, { cwd: dir, cache, rules: RULES_ON });
  const listing = readdirSync(cache).find((name) => name.startsWith("cache.listing-"))!;
  const text = readFileSync(path.join(cache, listing), "utf8");
  writeFileSync(path.join(cache, listing), text.replace(/\nD\t/, "\nX\t"));
  walkStats.walks = 0;
  const warm = findingsOf(await lint(LINTED, { cwd: dir, cache, rules: RULES_ON }), dir);
  expect(walkStats.walks).toBe(1);
  expect(warm).toEqual(findingsOf(await lint(LINTED, { cwd: dir, rules: RULES_ON }), dir));
});

/** A project of `files` with a `.git` folder, listed by walking it, and where its cache goes. */
function walkedProject(files: Record<string, string>): { dir: string; cache: string } {
  const dir = project(files);
  mkdirSync(path.join(dir, ".git"));
  process.env.SKILL_LINT_NO_GIT_LISTING = "1";
  return { dir, cache: path.join(dir, ".cache", "skill-lint") };
}

it("is taken by a folder run that leaves docs out, which looks up their links first", async () => {
  // A doc no target loads, which a skill links to: the run reads the skill's links before it lints anything.
  const files = { ...layout(), "notes/plan.md": "# Plan\n\nSee [the skill](../.claude/skills/helper-skill/SKILL.md).\n", "notes/other.md": "# Other\n" };
  files[HELPER] = skill("helper", "\nSee [the plan](../../../notes/plan.md).\n");
  const { dir, cache } = walkedProject(files);
  const run = async (withCache: boolean) => {
    walkStats.walks = 0;
    const results: Awaited<ReturnType<typeof lint>> = [];
    const summary = await lintEach(["."], { cwd: dir, rules: RULES_ON, ...(withCache ? { cache } : {}) }, (result) => results.push(result));
    return { walks: walkStats.walks, leftOut: Object.values(summary.leftOut).reduce((a, b) => a + b, 0), files: results.map((r) => path.relative(dir, r.filePath)), findings: findingsOf(results, dir) };
  };
  await settle();
  await run(true);
  await run(true);
  const warm = await run(true);
  const full = await run(false);
  expect(warm.leftOut).toBeGreaterThan(0);
  expect(warm.files).toContain(path.join("notes", "plan.md"));
  expect(warm.walks).toBe(0);
  expect({ ...warm, walks: 0 }).toEqual({ ...full, walks: 0 });
});

it("answers from its folders' names what is missing, and sees a file made since", async () => {
  // Over a hundred files, so the run lists the project first; a link to a file that is not there yet.
  const files: Record<string, string> = { ...layout(), "docs/solutions/target.md": "# Target\n" };
  for (let i = 0; i < 110; i++) files[`docs/solutions/note-${i}.md`] = `# Note ${i}\n\nSee [the target](target.md) and [the data](drafts/data-${i % 2}.txt).\n`;
  files["docs/solutions/drafts/data-0.txt"] = "0\n";
  files["docs/solutions/target.md"] += "\nSee [the table](extra/table.csv).\n";
  files["docs/solutions/extra/other.bin"] = "\n";
  const { dir, cache } = walkedProject(files);
  const broken = async (withCache: boolean) => {
    walkStats.walks = 0;
    const results = await lint(["."], { cwd: dir, rules: RULES_ON, ...(withCache ? { cache } : {}) });
    return { walks: walkStats.walks, broken: findingsOf(results, dir).filter((line) => line.includes("no-broken-link")) };
  };
  await settle();
  await broken(true);
  await broken(true);
  const warm = await broken(true);
  expect(warm.walks).toBe(0);
  expect(warm.broken).toHaveLength(56);
  expect(warm.broken).toEqual((await broken(false)).broken);
  // The missing file is made: its folder's names changed, though none that shapes the index, so the listing holds.
  writeFileSync(path.join(dir, "docs/solutions/drafts/data-1.txt"), "1\n");
  const after = await broken(true);
  expect(after.walks).toBe(0);
  expect(after.broken).toHaveLength(1);
  expect(after.broken).toEqual((await broken(false)).broken);
  // A name close to the missing table is made: the broken link's "did you mean" reads the folder's names anew.
  writeFileSync(path.join(dir, "docs/solutions/extra/table.cs"), "\n");
  const close = await broken(true);
  expect(close.walks).toBe(0);
  expect(close.broken.some((line) => line.includes("table.cs"))).toBe(true);
  expect(close.broken).toEqual((await broken(false)).broken);
});
