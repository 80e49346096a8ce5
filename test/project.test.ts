import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../src/index.js";
import { listingStats } from "../src/project.js";
import { commandRunner, LINK_RULES, project, runCli } from "./helpers.js";

/**
 * fixtures/project is one repository: a marketplace with the plugin `release-tools` (a skill with a reference
 * file and a script, a subagent in a subfolder, commands in a subfolder), a project command in `.claude/` and a
 * doc. Between them they use every reference form the cross-file rules resolve.
 */
const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/project");
const CROSS_FILE = new Set(["no-broken-link", "no-unknown-reference", "unique-names", "plugin-manifest"]);
const { must } = commandRunner(() => ({ ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.com", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.com" }));

/** A copy of the fixture project as a repository of its own (a `.git` folder marks its root). */
function copyProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "skill-lint-project-"));
  cpSync(FIXTURE, dir, { recursive: true });
  mkdirSync(path.join(dir, ".git"));
  return dir;
}

function edit(dir: string, file: string, from: string, to: string): void {
  const full = path.join(dir, file);
  const text = readFileSync(full, "utf8");
  expect(text, `${file} holds ${from}`).toContain(from);
  writeFileSync(full, text.replace(from, to));
}

/** `file line:column rule-id` of every finding of the run. */
async function findingsOf(dir: string, patterns: string[] = ["."]): Promise<string[]> {
  const results = await lint(patterns, { cwd: dir });
  return results.flatMap((result) =>
    result.findings.map((f) => `${path.relative(dir, result.filePath).split(path.sep).join("/")} ${f.line}:${f.column} ${f.ruleId} ${f.message}`),
  );
}

describe("a project's links and references", () => {
  it("lint clean when every link and reference resolves", async () => {
    const dir = copyProject();
    const results = await lint(["."], { cwd: dir });
    expect(results.map((r) => path.relative(dir, r.filePath)).sort()).toEqual([
      ".claude-plugin/marketplace.json",
      ".claude/commands/ship.md",
      "docs/releasing.md",
      "plugins/release-tools/.claude-plugin/plugin.json",
      "plugins/release-tools/agents/review/security-check.md",
      "plugins/release-tools/commands/release/cut.md",
      "plugins/release-tools/commands/release/notes.md",
      "plugins/release-tools/skills/changelog/SKILL.md",
      "plugins/release-tools/skills/changelog/references/format.md",
    ]);
    expect(results.flatMap((r) => r.findings)).toEqual([]);
  });

  // Each case breaks one reference in a fresh copy: exactly that finding appears, at the reference.
  it.each([
    ["a link to a missing script", "plugins/release-tools/skills/changelog/SKILL.md", "(scripts/collect.sh)", "(scripts/collect.py)", "8:63 no-broken-link", "`scripts/collect.py` does not exist"],
    ["an anchor no heading has", "plugins/release-tools/skills/changelog/SKILL.md", "format.md#entry-format", "format.md#entry-formats", "9:31 no-broken-link", "Did you mean `#entry-format`?"],
    ["an anchor in another folder's doc", ".claude/commands/ship.md", "#after-the-release", "#after-release", "12:17 no-broken-link", "matches no heading in `../../docs/releasing.md`"],
    ["plugin:subfolder:agent", "plugins/release-tools/skills/changelog/SKILL.md", "release-tools:review:security-check", "release-tools:review:security-chek", "11:13 no-unknown-reference", "Did you mean `release-tools:review:security-check`?"],
    ["plugin:skill", ".claude/commands/ship.md", "`release-tools:changelog`", "`release-tools:changelogs`", "8:70 no-unknown-reference", "names no skill, subagent, command or workflow of the plugin `release-tools`"],
    ["/plugin:subfolder:command", "plugins/release-tools/commands/release/cut.md", "/release-tools:release:notes", "/release-tools:release:note", "16:55 no-unknown-reference", "Did you mean `release-tools:release:notes`?"],
    ["Skill(name)", "plugins/release-tools/commands/release/cut.md", "Skill(changelog)", "Skill(change-log)", "8:15 no-unknown-reference", "Did you mean `changelog`?"],
    ["subagent_type", "plugins/release-tools/commands/release/cut.md", '"release-tools:review:security-check"', '"release-tools:review:secrity-check"', "12:20 no-unknown-reference", "names no subagent of the plugin `release-tools`"],
    ["a subagent's skills: entry", "plugins/release-tools/agents/review/security-check.md", "  - changelog", "  - changelogs", "6:5 no-unknown-reference", "The skill `changelogs` in `skills:`"],
    ["a command near-missed", ".claude/commands/ship.md", "`/release-tools:release:cut`", "`/release_tools`", "", ""],
  ])("reports %s", async (_name, file, from, to, expected, message) => {
    const dir = copyProject();
    edit(dir, file, from, to);
    const findings = (await findingsOf(dir)).filter((f) => CROSS_FILE.has(f.split(" ")[2]!));
    if (!expected) {
      // A bare `/word` that is no near miss of a project command is left alone: it is as often a URL path.
      expect(findings).toEqual([]);
      return;
    }
    expect(findings).toHaveLength(1);
    expect(findings[0]).toContain(`${file} ${expected}`);
    expect(findings[0]).toContain(message);
  });

  it("reads a reference file's skill-root paths from a SKILL.MD written in capitals too", async () => {
    const dir = copyProject();
    const skill = path.join(dir, "plugins/release-tools/skills/changelog");
    cpSync(path.join(skill, "SKILL.md"), path.join(skill, "SKILL.MD"));
    rmSync(path.join(skill, "SKILL.md"));
    // From references/, `scripts/collect.sh` exists only read from the skill's folder.
    edit(dir, "plugins/release-tools/skills/changelog/references/format.md", "then the sections", "(collected by [the script](scripts/collect.sh)), then the sections");
    const broken = (await findingsOf(dir)).filter((f) => f.includes("no-broken-link"));
    expect(broken).toEqual([]);
    edit(dir, "plugins/release-tools/skills/changelog/references/format.md", "(scripts/collect.sh)", "(scripts/collect.py)");
    expect((await findingsOf(dir)).filter((f) => f.includes("no-broken-link"))).toEqual([
      expect.stringContaining("plugins/release-tools/skills/changelog/references/format.md 5:79 no-broken-link"),
    ]);
  });

  it("reports both subagents that share one name in a plugin, each pointing at the other", async () => {
    const dir = copyProject();
    const copy = readFileSync(path.join(dir, "plugins/release-tools/agents/review/security-check.md"), "utf8");
    writeFileSync(path.join(dir, "plugins/release-tools/agents/security-check.md"), copy.replace("../../skills", "../skills"));
    const findings = (await findingsOf(dir)).filter((f) => f.includes("unique-names"));
    expect(findings).toEqual([
      expect.stringMatching(/^plugins\/release-tools\/agents\/review\/security-check\.md 2:7 unique-names .*\(plugins\/release-tools\/agents\/security-check\.md:2:7\)/),
      expect.stringMatching(/^plugins\/release-tools\/agents\/security-check\.md 2:7 unique-names .*\(plugins\/release-tools\/agents\/review\/security-check\.md:2:7\)/),
    ]);
    // In SARIF the other definition is the finding's related location, which code scanning links to.
    const sarif = JSON.parse(runCli(["--format", "sarif"], dir).stdout) as {
      runs: { results: { ruleId: string; locations: unknown[]; relatedLocations?: unknown[] }[] }[];
    };
    const clash = sarif.runs[0]!.results.filter((r) => r.ruleId === "unique-names");
    expect(clash).toHaveLength(2);
    expect(clash[0]!.relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: {
          artifactLocation: { uri: "plugins/release-tools/agents/security-check.md", uriBaseId: "%SRCROOT%" },
          region: { startLine: 2, startColumn: 7 },
        },
      },
    ]);
  });

  it("resolves a pre-commit run over one staged file against the whole project", () => {
    const dir = copyProject();
    rmSync(path.join(dir, ".git"), { recursive: true });
    must("git", ["init", "-q"], dir);
    must("git", ["add", "-A"], dir);
    must("git", ["commit", "-qm", "init"], dir);
    const command = "plugins/release-tools/commands/release/cut.md";
    edit(dir, command, "Cut release $1.", "Cut release $1 from main.");
    must("git", ["add", command], dir);
    const staged = must("git", ["diff", "--cached", "--name-only"], dir).trim().split("\n");
    expect(staged).toEqual([command]);
    const clean = runCli(["--format", "compact", ...staged], dir);
    expect(clean.stdout).toBe("");
    expect(clean.code).toBe(0);

    edit(dir, command, "release-tools:review:security-check", "release-tools:review:security-checker");
    must("git", ["add", command], dir);
    const broken = runCli(must("git", ["diff", "--cached", "--name-only"], dir).trim().split("\n"), dir);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain("no-unknown-reference");
    expect(broken.stdout).toContain("release-tools:review:security-checker");
  });

  it("re-lints a cached file when a file it links to is deleted, and again when it is back", () => {
    const dir = copyProject();
    const cache = ["--cache", "--cache-location", path.join(dir, ".cache")];
    expect(runCli([...cache, "."], dir).code).toBe(0);
    const reference = path.join(dir, "plugins/release-tools/skills/changelog/references/format.md");
    const text = readFileSync(reference, "utf8");
    rmSync(reference);

    const after = runCli([...cache, "--format", "compact", "."], dir);
    expect(after.code).toBe(1);
    // None of these files changed; each is linted again because a file it links to is gone.
    for (const file of [
      "docs/releasing.md",
      "plugins/release-tools/agents/review/security-check.md",
      "plugins/release-tools/commands/release/notes.md",
      "plugins/release-tools/skills/changelog/SKILL.md",
    ]) {
      expect(after.stdout).toMatch(new RegExp(`${file.replace(/\./g, "\\.")}:\\d+:\\d+: error Link target .*format\\.md.* does not exist`));
    }

    writeFileSync(reference, text);
    const restored = runCli([...cache, "--format", "compact", "."], dir);
    expect(restored.stdout).toBe("");
    expect(restored.code).toBe(0);
  });

  it("re-lints a cached reference file when SKILL.md changes", () => {
    const dir = copyProject();
    const cache = ["--cache", "--cache-location", path.join(dir, ".cache")];
    const references = "plugins/release-tools/skills/changelog/references";
    writeFileSync(path.join(dir, references, "examples.md"), "# Examples\n\n## 1.4.0 - 2026-11-20\n\n### Fixed\n\n- Release notes keep their links (#812).\n");
    edit(dir, `${references}/format.md`, "then the sections Added, Changed and Fixed.", "then the sections Added, Changed and Fixed, as in [the examples](examples.md).");
    edit(dir, "plugins/release-tools/skills/changelog/SKILL.md", "2. Group them", "2. Copy the shape of [the examples](references/examples.md). Group them");
    expect(runCli([...cache, "."], dir).code).toBe(0);

    // SKILL.md stops linking the examples: format.md (unchanged) now reaches them two levels deep.
    edit(dir, "plugins/release-tools/skills/changelog/SKILL.md", "Copy the shape of [the examples](references/examples.md). ", "");
    const after = runCli([...cache, "--format", "compact", "."], dir);
    expect(after.stdout).toContain(`${references}/format.md:5:102: warning `);
    expect(after.stdout).toContain("skill-size");
  });
});

describe("a skill folder of thousands of reference files", () => {
  it("is listed, hashed and searched once, however many files ask", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "skill-lint-references-"));
    mkdirSync(path.join(dir, ".git"));
    const skill = path.join(dir, "skills", "big");
    mkdirSync(skill, { recursive: true });
    writeFileSync(path.join(skill, "SKILL.md"), '---\nname: big\ndescription: "Answers questions about big things; use when asked."\n---\n\n# Big\n\nSee [the first](r1.md).\n');
    const count = 3000;
    // Each links back to SKILL.md and on to the next; the last links to one that is missing.
    for (let i = 1; i <= count; i++) writeFileSync(path.join(skill, `r${i}.md`), `# Ref ${i}\n\nSee [the skill](SKILL.md) and [the next](r${i + 1}.md).\n`);
    const before = listingStats.scans;
    const options = { cwd: dir, threads: 1, cache: path.join(dir, "cache.json"), rules: { "no-broken-link": "error" } } as const;
    const results = await lint(["."], options);
    expect(results).toHaveLength(count + 1);
    const broken = results.flatMap((r) => r.findings.filter((f) => f.ruleId === "no-broken-link").map(() => path.basename(r.filePath)));
    expect(broken).toEqual([`r${count}.md`]);
    // A handful of folders, each scanned a few ways: not once per file.
    expect(listingStats.scans - before).toBeLessThan(20);
    // A warm run checks each cached result's recorded listing against the folder as it is now.
    const warm = listingStats.scans;
    const again = await lint(["."], options);
    expect(again.map((r) => r.findings)).toEqual(results.map((r) => r.findings));
    expect(listingStats.scans - warm).toBeLessThan(20);
    // Two lints of 3,001 files: give a loaded machine room.
  }, 240_000);
});

describe("the plugin a file belongs to", () => {
  it("is the innermost plugin holding it, passing over plugins whose component list leaves it out", async () => {
    const { ProjectIndex } = await import("../src/project.js");
    const dir = mkdtempSync(path.join(tmpdir(), "skill-lint-plugins-"));
    const write = (file: string, text: string): void => {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    };
    try {
      write(
        ".claude-plugin/marketplace.json",
        JSON.stringify({ name: "m", plugins: [{ name: "outer", source: "./plugins/outer" }, { name: "lone", source: "./plugins/outer/lone", skills: ["./skills/a"] }] }),
      );
      write("plugins/outer/.claude-plugin/plugin.json", JSON.stringify({ name: "outer" }));
      write("plugins/outer/inner/.claude-plugin/plugin.json", JSON.stringify({ name: "inner" }));
      const index = new ProjectIndex(dir, () => false, () => ({ kind: "doc", hosts: [] }));
      const pluginOf = (file: string, kind?: "skill"): string | undefined => index.pluginOf(path.join(dir, file), kind)?.name;
      expect(pluginOf("plugins/outer/inner/skills/a/SKILL.md", "skill")).toBe("inner");
      expect(pluginOf("plugins/outer/skills/c/SKILL.md", "skill")).toBe("outer");
      expect(pluginOf("plugins/outer/lone/skills/a/SKILL.md", "skill")).toBe("lone");
      expect(pluginOf("plugins/outer/lone/skills/z/SKILL.md", "skill")).toBe("outer");
      expect(pluginOf("plugins/outer/lone/skills/z/SKILL.md")).toBe("lone");
      expect(pluginOf("docs/x.md", "skill")).toBeUndefined();
      expect(pluginOf("plugins/outerish/skills/d/SKILL.md", "skill")).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("a run over many files", () => {
  it("finds links to files that exist and reports those that do not, as a run over a few does", async () => {
    const files: Record<string, string> = { ".git/HEAD": "ref: refs/heads/main\n", "docs/solutions/target.md": "# Target\n" };
    for (let i = 0; i < 120; i++) files[`docs/solutions/note-${i}.md`] = `# Note ${i}\n\nSee [the target](target.md) and [a draft](draft-${i % 2}.md).\n`;
    files["docs/solutions/draft-0.md"] = "# Draft\n";
    const dir = project(files);
    try {
      const many = await lint([dir], { rules: LINK_RULES });
      const few = await lint([path.join(dir, "docs/solutions/note-0.md"), path.join(dir, "docs/solutions/note-1.md")], { rules: LINK_RULES });
      const broken = (results: typeof many) => results.flatMap((r) => r.findings.filter((f) => f.ruleId === "no-broken-link").map((f) => `${path.basename(r.filePath)}: ${f.message}`));
      expect(broken(many)).toHaveLength(60);
      expect(broken(many).every((line) => line.includes("draft-1.md"))).toBe(true);
      expect(broken(few)).toEqual(broken(many).filter((line) => /^note-[01]\.md/.test(line)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
