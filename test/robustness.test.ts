import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/index.js";
import type { ConfigResolver } from "../src/config.js";
import { lintJob } from "../src/engine.js";
import { Projects } from "../src/project.js";
import type { Finding } from "../src/types.js";
import { escapeControl } from "../src/reporters/text.js";
import { BROKEN_SKILL, CLI, FORMER_DEFAULTS_ON, GOOD_SKILL, LINK_RULES_ON, project, runCli } from "./helpers.js";

const SKILL = "skills/parse/SKILL.md";

function lintSkill(text: string): Finding[] {
  return lintText(text, { filePath: SKILL, cwd: project({}) }).findings;
}

/** `LINE:COL rule-id` of each finding, as the fixtures' .expected files write them. */
function where(findings: Finding[]): string[] {
  return findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);
}

/** A user sees exactly one line on stderr, naming what went wrong, and no stack trace. */
function expectOneLineError(stderr: string, ...mentions: string[]): void {
  expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  expect(stderr).toMatch(/^skill-lint: /);
  expect(stderr).not.toMatch(/\n[ \t]+at /);
  for (const mention of mentions) expect(stderr).toContain(mention);
}

/** Nested aliases that expand to 9^9 values when turned into data. */
const ALIAS_BOMB = [
  "---",
  "name: parse",
  'description: "Converts HCL files; use when the user has one."',
  "a: &a [x, x, x, x, x, x, x, x, x]",
  ...["b", "c", "d", "e", "f", "g", "h", "i"].map((key, i) => {
    const prev = "abcdefgh"[i]!;
    return `${key}: &${key} [${Array(9).fill(`*${prev}`).join(", ")}]`;
  }),
  "---",
  "",
  "# Parse",
  "",
].join("\n");

/** no-windows-paths is off by default; these tests use it as a simple rule that reports text at a place. */
const WINDOWS_PATHS_ON = { "skill-lint.config.json": JSON.stringify({ rules: { "no-windows-paths": "warn" } }) };

describe("frontmatter that is not what it should be", () => {
  it("reports an unterminated --- at the opening fence", () => {
    const findings = lintSkill("---\nname: parse\ndescription: Converts HCL files.\n\n# Parse\n");
    expect(where(findings)).toContain("1:1 frontmatter-yaml");
    expect(findings.find((f) => f.ruleId === "frontmatter-yaml")!.message).toMatch(/never closed/);
  });

  it("reports a list or a scalar in place of a mapping", () => {
    const list = lintSkill("---\n- name\n- description\n---\n\n# Parse\n");
    expect(where(list)).toEqual(["2:1 frontmatter-yaml"]);
    expect(list[0]!.message).toMatch(/not a list/);
    const scalar = lintSkill("---\njust some words\n---\n\n# Parse\n");
    expect(where(scalar)).toEqual(["2:1 frontmatter-yaml"]);
    expect(scalar[0]!.message).toMatch(/not a single value/);
  });

  it("reports a duplicate key at its second occurrence", () => {
    const findings = lintSkill('---\nname: parse\nname: parser\ndescription: "Converts HCL files."\n---\n\n# Parse\n');
    expect(where(findings)).toEqual(["3:1 frontmatter-yaml"]);
    expect(findings[0]!.message).toMatch(/Map keys must be unique; remove or rename the repeated key/);
  });

  it("reports tabs used as indentation", () => {
    const findings = lintSkill('---\nname: parse\nmetadata:\n\tversion: 1\ndescription: "Converts HCL files."\n---\n\n# Parse\n');
    expect(findings.map((f) => f.message).join("\n")).toMatch(/Tabs are not allowed as indentation; indent with spaces/);
    expect(findings[0]!.line).toBe(4);
  });

  it("finishes fast on a YAML alias bomb, with a finding at the first alias", () => {
    const started = performance.now();
    const findings = lintSkill(ALIAS_BOMB);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(where(findings)).toEqual(["5:8 frontmatter-yaml"]);
    expect(findings[0]!.message).toMatch(/alias bomb/);
  });

  it("lints a 50,000-key frontmatter block in seconds, and finds a duplicate at its end", () => {
    const keys = Array.from({ length: 50_000 }, (_, i) => `key${i}: value ${i}`);
    const text = `---\nname: parse\ndescription: "Converts HCL files."\n${keys.join("\n")}\nkey7: again\n---\n\n# Parse\n`;
    const started = performance.now();
    const findings = lintSkill(text);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(where(findings.filter((f) => f.ruleId === "frontmatter-yaml"))).toEqual([`50004:1 frontmatter-yaml`]);
  });

  it("reports 125,000 duplicate keys as one finding, and the run goes on to the next file", () => {
    const duplicates = `---\nname: parse\ndescription: "Converts HCL files."\n${"k: 1\n".repeat(125_000)}---\n\n# Parse\n`;
    const dir = project({ "skills/parse/SKILL.md": duplicates, "skills/zz-broken/SKILL.md": BROKEN_SKILL });
    const { code, stdout, stderr } = runCli(["-f", "compact", "."], dir);
    expect(stderr).toBe("");
    const lines = stdout.trimEnd().split("\n");
    expect(lines.filter((line) => line.includes("[frontmatter-yaml]") && line.startsWith("skills/parse/"))).toEqual([
      expect.stringMatching(/^skills\/parse\/SKILL\.md:5:1: error Invalid YAML in frontmatter: Map keys must be unique/),
    ]);
    expect(lines.some((line) => line.startsWith("skills/zz-broken/SKILL.md:"))).toBe(true);
    expect(code).toBe(1);
  });

  it.each([
    ["a 1,000-deep block sequence", `items:\n${Array.from({ length: 1000 }, (_, i) => `${" ".repeat(i)}-`).join("\n")}\n`, 105],
    ["3,000 `- ` on one line", `items:\n  ${"- ".repeat(3000)}x\n`, 5],
    ["20,000 nested brackets", `items: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`, 4],
  ])("reports %s in two docs as too deep, without a parse that could overflow the stack", (_, yaml, line) => {
    const text = `---\nname: parse\ndescription: "Converts HCL files."\n${yaml}---\n\n# Parse\n`;
    const dir = project({ "skills/parse/SKILL.md": text, "skills/parse-copy/SKILL.md": text.replace("name: parse", "name: parse-copy") });
    const { code, stdout, stderr } = runCli(["-f", "compact", "."], dir);
    expect(stderr).toBe("");
    const found = stdout.split("\n").filter((row) => row.includes("[frontmatter-yaml]"));
    expect(found).toHaveLength(2);
    for (const row of found) expect(row).toMatch(new RegExp(`SKILL\\.md:${line}:\\d+: error Invalid YAML in frontmatter: Nesting over 100 levels deep; flatten it`));
    expect(code).toBe(1);
  });

  it("does not parse a frontmatter block over 2,000,000 characters, and says so", () => {
    const findings = lintSkill(`---\nname: parse\ndescription: "${"Converts HCL files. ".repeat(120_000)}"\n---\n\n# Parse\n`);
    const yaml = findings.filter((f) => f.ruleId === "frontmatter-yaml");
    expect(where(yaml)).toEqual(["2:1 frontmatter-yaml"]);
    expect(yaml[0]!.message).toMatch(/^Invalid YAML in frontmatter: Frontmatter of 2,400,028 characters, over the 2,000,000 that are parsed; keep metadata in frontmatter/);
  });
});

describe("many broken anchors in a file of many headings", () => {
  it("are each reported, with a did-you-mean only among at most 2,000 anchors", () => {
    const doc = (headings: number) => `# Guide\n\n${Array.from({ length: headings }, (_, i) => `## Step ${i}\n\n[next](#step-${i}x)\n`).join("\n")}`;
    const broken = (headings: number): string[] => {
      const { stdout } = runCli(["-f", "compact", "CLAUDE.md"], project({ ...LINK_RULES_ON, "CLAUDE.md": doc(headings) }));
      return stdout.split("\n").filter((line) => line.includes("[no-broken-link]"));
    };
    const small = broken(50);
    expect(small).toHaveLength(50);
    expect(small[7]).toContain("Did you mean `#step-7`?");
    const large = broken(3000);
    expect(large).toHaveLength(3000);
    expect(large.every((line) => !line.includes("Did you mean"))).toBe(true);
  });
});

describe("one file that defeats the linter", () => {
  it("gets a fatal error of its own, instead of ending the run", () => {
    const throwing = { resolve: () => { throw new RangeError("Maximum call stack size exceeded"); } } as unknown as ConfigResolver;
    const result = lintJob({ index: 0, file: "/p/SKILL.md", text: GOOD_SKILL, kind: "skill", hosts: ["claude-code"], root: "/p" }, throwing, new Projects(), false);
    expect(result.fatal).toBe("internal error while linting this file: Maximum call stack size exceeded");
    expect(result.findings).toEqual([]);
  });
});

describe("text of every shape", () => {
  it("lints an empty file and a file of only frontmatter", () => {
    expect(lintSkill("")).toEqual([]);
    expect(where(lintText("", { filePath: SKILL, cwd: project(FORMER_DEFAULTS_ON) }).findings)).toEqual(["1:1 skill-description"]);
    expect(lintSkill('---\nname: parse\ndescription: "Converts HCL files; use when the user has one."\n---\n')).toEqual([]);
  });

  it("keeps positions right with a BOM, CRLF, lone CR and mixed line endings", () => {
    const expected = ["3:34 frontmatter-yaml"];
    expect(where(lintSkill(BROKEN_SKILL))).toEqual(expected);
    expect(where(lintSkill(`\uFEFF${BROKEN_SKILL}`))).toEqual(expected);
    expect(where(lintSkill(BROKEN_SKILL.replace(/\n/g, "\r\n")))).toEqual(expected);
    expect(where(lintSkill(BROKEN_SKILL.replace(/\n/g, "\r")))).toEqual(expected);
    const endings = ["\r\n", "\r", "\n"];
    let i = 0;
    const mixed = BROKEN_SKILL.replace(/\n/g, () => endings[i++ % 3]!);
    expect(where(lintSkill(mixed))).toEqual(expected);
    const body = "# Paths\r\n\r\nRun it.\rThen run scripts\\helper.py first.\n";
    expect(lintText(body, { filePath: "doc.md", cwd: project(WINDOWS_PATHS_ON) }).findings.map((f) => `${f.line}:${f.column}-${f.endColumn} ${f.ruleId}`)).toEqual([
      "4:10-27 no-windows-paths",
    ]);
  });

  it("lints a single 5 MB line", () => {
    const started = performance.now();
    const findings = lintSkill(`${GOOD_SKILL}\n${"word ".repeat(1_000_000)}\n`);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(findings).toEqual([]);
  });

  it("survives 20,000-deep nested blockquotes and lists without a stack overflow or a hang", () => {
    const line = "Launch the Explore subagent with the Task tool and run it in the background.";
    for (const marker of ["> ", "- ", "1. ", "> - "]) {
      const started = performance.now();
      expect(() => lintText(`# Deep\n\n${marker.repeat(20_000)}${line}\n`, { filePath: "doc.md", cwd: project({}) })).not.toThrow();
      expect(performance.now() - started).toBeLessThan(5_000);
    }
  });

  it("reports thousands of findings in one file, each at its place", () => {
    const findings = lintText(`# Paths\n\n${"Run scripts\\helper.py first.\n\n".repeat(3000)}`, { filePath: "doc.md", cwd: project(WINDOWS_PATHS_ON) }).findings;
    expect(findings).toHaveLength(3000);
    expect(findings.every((f, i) => f.ruleId === "no-windows-paths" && f.line === 3 + 2 * i && f.column === 5)).toBe(true);
  });

  it("skips a binary .md file (NUL bytes) with a warning naming it", () => {
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL, "skills/release-notes/image.md": "\u0089PNG\r\n\u001a\n\u0000\u0000\u0000\rIHDR" });
    const { code, stdout, stderr } = runCli(["."], dir);
    expect(code).toBe(0);
    expect(stdout).not.toContain("image.md");
    expectOneLineError(stderr, "image.md", "binary", "skipped");
  });
});

describe("the file system", () => {
  it("neither loops on a symlink loop nor follows a linked folder; a file linked inside the project is linted", () => {
    const outside = project({ "elsewhere.md": BROKEN_SKILL });
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL, "docs/guide.md": BROKEN_SKILL });
    symlinkSync("..", path.join(dir, "skills/loop"));
    symlinkSync(outside, path.join(dir, "outside"));
    symlinkSync("docs/guide.md", path.join(dir, "CLAUDE.md"));
    const { code, stdout, stderr } = runCli(["--format", "json", "."], dir);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    const files = (JSON.parse(stdout) as { filePath: string }[]).map((r) => path.relative(dir, r.filePath)).sort();
    expect(files).toEqual(["CLAUDE.md", "skills/release-notes/SKILL.md"]);
  });

  it("does not read a symlinked doc whose file is outside the project, and says so in one line", () => {
    const outside = project({ "secret.md": `${BROKEN_SKILL}
TOP SECRET: the launch code is 0000.
` });
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL });
    mkdirSync(path.join(dir, ".git"));
    symlinkSync(path.join(outside, "secret.md"), path.join(dir, "CLAUDE.md"));
    for (const args of [["-f", "json", "."], ["-f", "json", "CLAUDE.md"], ["-f", "sarif", "."]]) {
      const { code, stdout, stderr } = runCli(args, dir);
      expect(stdout).not.toContain("TOP SECRET");
      expect(stdout).not.toContain("CLAUDE.md");
      expectOneLineError(stderr, "CLAUDE.md", "outside the project", "not read");
      expect(code).toBe(0);
    }
  });

  it("checks a link that climbs out of the project for existence only: no headings of the file outside are read", () => {
    const outside = project({ "outside/notes.md": "# Launch codes\n\nTOP SECRET\n" });
    const dir = path.join(outside, "repo");
    mkdirSync(path.join(dir, ".git"), { recursive: true });
    mkdirSync(path.join(dir, "skills/release-notes"), { recursive: true });
    const links = "See [codes](../../../outside/notes.md#launch-code) and [gone](../../../outside/gone.md) and [near](../../../outside/note.md).\n";
    writeFileSync(path.join(dir, "skills/release-notes/SKILL.md"), `${GOOD_SKILL}\n${links}`);
    for (const [name, text] of Object.entries(LINK_RULES_ON)) writeFileSync(path.join(dir, name), text);
    const { code, stdout } = runCli(["-f", "json", "."], dir);
    const messages = (JSON.parse(stdout) as { messages: { message: string }[] }[]).flatMap((r) => r.messages.map((m) => m.message));
    // The missing file is still reported, but neither a heading nor a folder name from outside is offered.
    expect(messages.filter((m) => m.includes("gone.md"))).toHaveLength(1);
    expect(messages.join("\n")).not.toMatch(/launch-codes|Did you mean `notes\.md`/);
    expect(code).toBe(1);
  });

  it("does not read a doc over 64 MB: a fatal finding naming its size, exit 2", () => {
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL, "CLAUDE.md": "Keep the build green.\n".repeat(3_200_000) });
    const { code, stdout, stderr } = runCli(["-f", "json", "."], dir);
    const results = JSON.parse(stdout) as { filePath: string; messages: { fatal?: boolean; message: string }[] }[];
    const big = results.find((r) => r.filePath.endsWith("CLAUDE.md"))!;
    expect(big.messages).toEqual([expect.objectContaining({ fatal: true, message: "file too large (67.1 MB > 64 MB)" })]);
    expectOneLineError(stderr, "CLAUDE.md", "file too large (67.1 MB > 64 MB)");
    expect(code).toBe(2);
  });

  it("walks past a .gitignore that is a FIFO instead of waiting on it", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN_SKILL });
    execFileSync("mkfifo", [path.join(dir, "skills/.gitignore")]);
    const { code, stdout } = runCli(["."], dir);
    expect(stdout).toContain("skills/parse/SKILL.md");
    expect(code).toBe(1);
  });

  it("reports each file and folder whose name is not UTF-8 as not linted, and exits 2", () => {
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL });
    writeFileSync(Buffer.from(path.join(dir, "CLAUDE-\xe9.md"), "latin1"), "# Notes\n\nUse the Task tool.\n");
    mkdirSync(Buffer.from(path.join(dir, "skills/caf\xe9"), "latin1"));
    writeFileSync(Buffer.from(path.join(dir, "skills/caf\xe9/SKILL.md"), "latin1"), BROKEN_SKILL);
    const { code, stderr } = runCli(["."], dir);
    const lines = stderr.trimEnd().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/CLAUDE-\uFFFD\.md: cannot read it: its name is not UTF-8.*rename it to lint it$/),
      expect.stringMatching(/skills\/caf\uFFFD: cannot read it: its name is not UTF-8.*rename it to lint it$/),
    ]);
    expect(code).toBe(2);
  });

  it("reports a folder deeper than PATH_MAX as not linted, and exits 2", () => {
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL });
    // Made one relative step at a time: no absolute path that long can be opened.
    execFileSync("bash", ["-c", `cd "$1" && for i in $(seq 1 25); do mkdir ${"d".repeat(200)} && cd ${"d".repeat(200)}; done && printf '# Deep\\n' > CLAUDE.md`, "-", dir]);
    const { code, stderr } = runCli(["."], dir);
    expect(stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^skill-lint: \/.*\/d{200}: cannot read file \(ENAMETOOLONG\)$/)]);
    expect(code).toBe(2);
  });

  it("stops reading standard input past 64 MB, with a one-line error", () => {
    const dir = project({});
    const result = spawnSync("bash", ["-c", `head -c 70000000 /dev/zero | "${process.execPath}" "${CLI}" --stdin --stdin-filename CLAUDE.md`], { cwd: dir, encoding: "utf8", timeout: 120_000 });
    expect(result.status).toBe(2);
    expectOneLineError(result.stderr, "standard input is too large (over 64 MB)");
  });

  it("walks a folder named x.md instead of reading it as a file", () => {
    const dir = project({ "x.md/skills/parse/SKILL.md": BROKEN_SKILL });
    const { code, stdout, stderr } = runCli(["x.md"], dir);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(stdout).toContain(path.join("x.md", "skills", "parse", "SKILL.md"));
  });

  it("fails with a one-line error for a glob that matches nothing and for a path that does not exist", () => {
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL });
    const glob = runCli(["docs/solutions/**/*.md"], dir);
    expect(glob.code).toBe(2);
    expectOneLineError(glob.stderr, "docs/solutions/**/*.md", "no markdown files match");
    const missing = runCli(["skills/missing/SKILL.md"], dir);
    expect(missing.code).toBe(2);
    expectOneLineError(missing.stderr, "skills/missing/SKILL.md", "no such file or directory");
  });

  // Root reads any file, whatever its mode.
  it.skipIf(process.getuid?.() === 0)("reports an unreadable file, lints the rest, and exits 2", () => {
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL, "locked.md": GOOD_SKILL });
    writeFileSync(path.join(dir, "locked.md"), GOOD_SKILL, { mode: 0o000 });
    const { code, stderr } = runCli(["."], dir);
    expect(code).toBe(2);
    expectOneLineError(stderr, "locked.md", "cannot read file (EACCES)");
  });
});

describe("config errors: one line naming the file and the key, exit 2", () => {
  const cases: [string, string, string[]][] = [
    ["skill-lint.config.json", "{ rules: {} }", ["skill-lint.config.json", "invalid JSON"]],
    ["skill-lint.config.yaml", "rules:\n  skill-size: [error\n", ["skill-lint.config.yaml:", "invalid YAML"]],
    ["skill-lint.config.json", JSON.stringify({ rulez: {} }), ['unknown key "rulez"', 'did you mean "rules"']],
    ["skill-lint.config.json", JSON.stringify({ rules: { "no-such-rule": "error" } }), ['unknown rule "no-such-rule"']],
    ["skill-lint.config.json", JSON.stringify({ rules: { "skill-size": ["error", { maxLines: "many" }] } }), ['option "maxLines" of rule "skill-size" must be a whole number of at least 1, got "many"']],
    ["skill-lint.config.json", JSON.stringify({ rules: { "skill-size": ["error", { maxLines: 0.5 }] } }), ['option "maxLines" of rule "skill-size" must be a whole number of at least 1, got 0.5']],
    ["skill-lint.config.json", JSON.stringify({ rules: { "skill-size": ["error", { maxLines: -3 }] } }), ['option "maxLines" of rule "skill-size" must be a whole number of at least 1, got -3']],
    ...["constructor", "toString", "__proto__", "hasOwnProperty"].map((severity): [string, string, string[]] => [
      "skill-lint.config.json",
      JSON.stringify({ rules: { "skill-size": severity } }),
      [`rule "skill-size" has severity "${severity}"; expected "off", "warn" or "error"`],
    ]),
    ["skill-lint.config.json", JSON.stringify({ ignores: ["fixtures/**", ""] }), ['"ignores[1]" is an empty glob']],
    ["skill-lint.config.json", JSON.stringify({ include: [" "] }), ['"include[0]" is an empty glob']],
    ["skill-lint.config.json", JSON.stringify({ overrides: [{ files: "", kind: "skill" }] }), ['"overrides[0].files" is an empty glob']],
    ["skill-lint.config.json", JSON.stringify({ kinds: [{ name: "runbook", files: ["runbooks/*.md", ""] }] }), ['"kinds[0].files[1]" is an empty glob']],
    ["package.json", JSON.stringify({ name: "docs", "skill-lint": null }), ['"skill-lint" must be an object of settings, got null']],
    ["package.json", JSON.stringify({ name: "docs", "skill-lint": ["error"] }), ['"skill-lint" must be an object of settings, got ["error"]']],
  ];
  it.each(cases)("%s holding %s", (name, content, mentions) => {
    const dir = project({ [name]: content, "skills/release-notes/SKILL.md": GOOD_SKILL });
    const { code, stdout, stderr } = runCli(["."], dir);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expectOneLineError(stderr, name, ...mentions);
  });

  it.each([
    ["package.json", "null"],
    ["package.json", JSON.stringify({ name: "docs", "skill-lint": null })],
  ])("a --config %s holding %s", (name, content) => {
    const dir = project({ [name]: content, "skills/release-notes/SKILL.md": GOOD_SKILL });
    const { code, stderr } = runCli(["--config", name, "."], dir);
    expect(code).toBe(2);
    expectOneLineError(stderr, path.join(dir, name), content === "null" ? "a package.json must hold an object" : '"skill-lint" must be an object');
  });

  it("accepts a config file that starts with a byte order mark", () => {
    for (const [name, content] of [
      ["skill-lint.config.json", JSON.stringify({ rules: { "skill-size": ["error", { maxLines: 1 }] } })],
      ["skill-lint.config.yaml", "rules:\n  skill-size: [error, { maxLines: 1 }]\n"],
      ["package.json", JSON.stringify({ name: "docs", "skill-lint": { rules: { "skill-size": ["error", { maxLines: 1 }] } } })],
    ]) {
      const dir = project({ [name!]: `\uFEFF${content}`, "skills/release-notes/SKILL.md": GOOD_SKILL });
      const { code, stdout, stderr } = runCli(["."], dir);
      expect(stderr).toBe("");
      expect(code).toBe(1);
      expect(stdout).toContain("over the limit of 1");
    }
  });

  it("an empty path or glob on the command line", () => {
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL });
    const { code, stdout, stderr } = runCli(["skills", ""], dir);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expectOneLineError(stderr, "an empty path or glob was given");
  });

  it("--init over a symlink to nothing", () => {
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL });
    symlinkSync("missing.yaml", path.join(dir, "skill-lint.config.yaml"));
    const { code, stderr } = runCli(["--init"], dir);
    expect(code).toBe(2);
    expectOneLineError(stderr, `${path.join(dir, "skill-lint.config.yaml")} already exists`);
    expect(existsSync(path.join(dir, "missing.yaml"))).toBe(false);
  });

  it("a schema path outside the config's folder, by ../ or by a symlink, is refused without reading it", () => {
    const outside = project({ "shadow.json": "root:$6$secret:19000:0:99999:7:::\n" });
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL });
    symlinkSync(path.join(outside, "shadow.json"), path.join(dir, "linked.json"));
    for (const schema of [path.join(outside, "shadow.json"), path.relative(dir, path.join(outside, "shadow.json")), "linked.json"]) {
      writeFileSync(path.join(dir, "skill-lint.config.json"), JSON.stringify({ schemas: { skill: schema } }));
      const { code, stderr } = runCli(["."], dir);
      expect(code).toBe(2);
      expectOneLineError(stderr, "skill-lint.config.json", '"schemas.skill"', "outside the config's folder");
      expect(stderr).not.toContain("secret");
    }
  });

  it("a config or schema that is not JSON is reported by position, never quoted", () => {
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL, "schemas/skill.json": "root:$6$secret:19000\n", "skill-lint.config.json": '{ "rules": {}, }' });
    const config = runCli(["."], dir);
    expectOneLineError(config.stderr, "skill-lint.config.json", "invalid JSON: property name expected at line 1, column 16");
    writeFileSync(path.join(dir, "skill-lint.config.json"), JSON.stringify({ schemas: { skill: "schemas/skill.json" } }));
    const schema = runCli(["."], dir);
    expectOneLineError(schema.stderr, "skill.json is not valid JSON: invalid symbol at line 1, column 1");
    expect(schema.stderr).not.toContain("root");
    const named = runCli(["--config", "schemas/skill.json", "."], dir);
    expectOneLineError(named.stderr, "skill.json: invalid JSON: invalid symbol at line 1, column 1");
    expect(named.stderr).not.toContain("root");
    expect([config.code, schema.code, named.code]).toEqual([2, 2, 2]);
  });

  it("a --config or schema that is a device or a FIFO is refused at once, not read", () => {
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL });
    execFileSync("mkfifo", [path.join(dir, "pipe.json")]);
    for (const config of ["/dev/zero", "pipe.json"]) {
      const { code, stderr } = runCli(["--config", config, "."], dir);
      expect(code).toBe(2);
      expectOneLineError(stderr, config, "cannot read config (not a regular file)");
    }
    writeFileSync(path.join(dir, "skill-lint.config.json"), JSON.stringify({ kinds: [{ name: "runbook", files: "r/**", schema: "pipe.json" }] }));
    const schema = runCli(["."], dir);
    expect(schema.code).toBe(2);
    expectOneLineError(schema.stderr, '"kinds[0].schema"', "pipe.json (not a regular file)");
  });

  it("a config over 4 MB is refused with its size", () => {
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL, "big.json": `{"rules": {}, "ignores": [${'"x",'.repeat(1_200_000)}"y"]}` });
    const { code, stderr } = runCli(["--config", "big.json", "."], dir);
    expect(code).toBe(2);
    expectOneLineError(stderr, "big.json", "cannot read config (file too large (4.6 MB > 4 MB))");
  });

  it("a schema pattern that backtracks super-linearly is refused at load, naming where it is", () => {
    const schema = { type: "object", properties: { name: { type: "string", pattern: "^([a-z0-9]+-?)+$" } } };
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL, "schemas/skill.json": JSON.stringify(schema), "skill-lint.config.json": JSON.stringify({ schemas: { skill: "schemas/skill.json" } }) });
    const { code, stderr } = runCli(["."], dir);
    expect(code).toBe(2);
    expectOneLineError(stderr, "skill-lint.config.json", '"schemas.skill"', "the pattern at /properties/name/pattern is refused: it can backtrack exponentially", "^[a-z0-9]+(-[a-z0-9]+)*$");
  });

  it("a glob with more than three `*` in one segment is refused, in config and on the command line", () => {
    const glob = "**/*a*a*a*a*b.md";
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL, ["a".repeat(200) + ".md"]: "# Notes\n" });
    for (const config of [{ ignores: [glob] }, { overrides: [{ files: glob, rules: {} }] }, { kinds: [{ name: "runbook", files: [glob] }] }]) {
      writeFileSync(path.join(dir, "skill-lint.config.json"), JSON.stringify(config));
      const { code, stderr } = runCli(["."], dir);
      expect(code).toBe(2);
      expectOneLineError(stderr, "skill-lint.config.json", `the glob "${glob}" has 5 \`*\` in one path segment; write at most 3`);
    }
    writeFileSync(path.join(dir, "skill-lint.config.json"), "{}");
    const { code, stderr } = runCli([glob], dir);
    expect(code).toBe(2);
    expectOneLineError(stderr, `${glob}: the glob "${glob}" has 5`);
  });

  it("a config of JSON nested too deep for a parser's stack", () => {
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL, "skill-lint.config.json": "[".repeat(200_000) });
    const { code, stderr } = runCli(["."], dir);
    expect(code).toBe(2);
    expectOneLineError(stderr, "skill-lint.config.json: invalid JSON");
  });

  it("a --config that does not exist", () => {
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL });
    const { code, stderr } = runCli(["--config", "missing.json", "."], dir);
    expect(code).toBe(2);
    expectOneLineError(stderr, "missing.json", "cannot read config (no such file)");
  });
});

it("keeps a directory of broken docs linting to the end", () => {
  const dir = project({ "a.md": "", "b.md": ALIAS_BOMB, "skills/parse/SKILL.md": BROKEN_SKILL });
  mkdirSync(path.join(dir, "c.md"));
  const { code, stderr } = runCli(["."], dir);
  expect(code).toBe(1);
  expect(stderr).toBe("");
});

it("reports invalid UTF-8 as a finding, with the positions of the text decoded with replacement characters", () => {
  const dir = project({});
  const bytes = Buffer.concat([Buffer.from("# Menu\n\nServe the cr"), Buffer.from([0xe8]), Buffer.from("me br"), Buffer.from([0xfb, 0xff]), Buffer.from("l\u00e9e cold.\n")]);
  writeFileSync(path.join(dir, "CLAUDE.md"), bytes);
  const { code, stdout, stderr } = runCli(["--format", "json", "."], dir);
  expect(stderr).toBe("");
  expect(code).toBe(0);
  const [result] = JSON.parse(stdout) as { messages: { ruleId: string; line: number; column: number; endColumn: number; message: string }[] }[];
  expect(result!.messages.map((m) => `${m.line}:${m.column}-${m.endColumn} ${m.ruleId}`)).toEqual(["3:13-14 encoding", "3:19-21 encoding"]);
  expect(result!.messages[1]!.message).toMatch(/^Invalid UTF-8: these 2 byte sequences cannot be read as text/);
});

describe("quoted text is data", () => {
  // frontmatter-yaml quotes the broken value, so the doc's own escape sequence reaches the message.
  const hostile = "---\nname: x\nargument-hint: [a] <b> \u001b[31mred\u001b]0;title\u0007\n---\n\n# X\n";

  it.each(["stylish", "compact"])("shows a doc's ANSI escapes escaped in %s output, never raw", (format) => {
    const { code, stdout } = runCli(["--stdin", "--stdin-filename", "skills/x/SKILL.md", "--format", format], project({}), hostile);
    // A warning: Claude Code, the only target, re-quotes the value.
    expect(code).toBe(0);
    expect(stdout).toContain("frontmatter-yaml");
    expect(stdout).toContain("\\x1b[31mred\\x1b]0;title\\x07");
    // Nothing left for escapeControl to escape: no control character but tab and line feed.
    expect(escapeControl(stdout)).toBe(stdout);
  });
});
