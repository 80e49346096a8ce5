import { chmodSync, chownSync, linkSync, lstatSync, readFileSync, readdirSync, readlinkSync, statSync, symlinkSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyFixes, FixWriteError, FixWriter } from "../src/fix.js";
import { lintText } from "../src/index.js";
import type { Finding } from "../src/types.js";
import { LINK_RULES_ON, project, runCli } from "./helpers.js";

const BROKEN = "\uFEFF---\r\nname: parse\r\ndescription: Convert HCL. Use when: needed\r\nargument-hint: [provider] [flags]\r\n---\r\n\r\n# Parse\r\n";
const FIXED = '\uFEFF---\r\nname: parse\r\ndescription: "Convert HCL. Use when: needed"\r\nargument-hint: "[provider] [flags]"\r\n---\r\n\r\n# Parse\r\n';

describe("--fix", () => {
  it("fixes in place, keeping the BOM, CRLF line endings and the file mode", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN });
    const file = path.join(dir, "skills/parse/SKILL.md");
    chmodSync(file, 0o640);
    const { code, stdout } = runCli(["--fix"], dir);
    expect(code).toBe(0);
    expect(stdout).not.toContain("error");
    expect(readFileSync(file, "utf8")).toBe(FIXED);
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(path.dirname(file))).toEqual(["SKILL.md"]);
  });

  it("is idempotent: a second run changes nothing", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN });
    runCli(["--fix"], dir);
    const once = readFileSync(path.join(dir, "skills/parse/SKILL.md"));
    runCli(["--fix"], dir);
    expect(readFileSync(path.join(dir, "skills/parse/SKILL.md")).equals(once)).toBe(true);
  });

  it("--fix-dry-run prints a diff and writes nothing", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN });
    const { stdout } = runCli(["--fix-dry-run"], dir);
    expect(stdout).toContain('+description: "Convert HCL. Use when: needed"');
    expect(stdout).toContain("-argument-hint: [provider] [flags]");
    expect(readFileSync(path.join(dir, "skills/parse/SKILL.md"), "utf8")).toBe(BROKEN);
  });

  it("the fixed text lints clean and only the fixed ranges changed", () => {
    const result = lintText(BROKEN, { filePath: "skills/parse/SKILL.md", fix: true });
    expect(result.output).toBe(FIXED);
    expect(result.findings).toEqual([]);
  });
});

describe("--fix renames an old tool name only where the new one is surely meant", () => {
  it("renames `Task` that launches a subagent, and leaves the one that makes items of the task list to the author", () => {
    const text = "---\ndescription: Split the review across subagents.\n---\n\nUse the Task tool to create tasks for each agent.\n\nThen use the Task tool to spawn a subagent for each section.\n";
    const result = lintText(text, { filePath: ".claude/commands/split-review.md", fix: true });
    expect(result.output).toBe(text.replace("use the Task tool to spawn", "use the Agent tool to spawn"));
    expect(result.findings.map((f) => `${f.line} ${f.ruleId}`)).toEqual(["5 no-unknown-tool"]);
    expect(result.findings[0]!.message).toContain("or `TaskCreate` to add an item to the task list");
  });
});

describe("--fix keeps what the file system holds", () => {
  const MEMO = "---\ndescription: Use when: the build breaks\n---\n\n# Memo\n";
  const MEMO_FIXED = '---\ndescription: "Use when: the build breaks"\n---\n\n# Memo\n';
  const repository = (files: Record<string, string>): string => project({ ".git/HEAD": "ref: refs/heads/main\n", ...files });

  it("fixes a symlinked doc through the link, once, and keeps the link", () => {
    const dir = repository({ "CLAUDE.md": MEMO });
    symlinkSync("CLAUDE.md", path.join(dir, "AGENTS.md"));
    symlinkSync("CLAUDE.md", path.join(dir, "GEMINI.md"));
    const { code, stderr } = runCli(["--fix", "--threads", "2"], dir);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(readFileSync(path.join(dir, "CLAUDE.md"), "utf8")).toBe(MEMO_FIXED);
    expect(lstatSync(path.join(dir, "AGENTS.md")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(path.join(dir, "AGENTS.md"))).toBe("CLAUDE.md");
    expect(readdirSync(dir).sort()).toEqual([".git", "AGENTS.md", "CLAUDE.md", "GEMINI.md"]);
  });

  it("neither reads nor writes through a symlink to a file outside the project, and says so in one line", () => {
    const outside = project({ "memo.md": MEMO });
    const dir = repository({});
    symlinkSync(path.join(outside, "memo.md"), path.join(dir, "AGENTS.md"));
    const { code, stderr } = runCli(["--fix"], dir);
    expect(code).toBe(0);
    expect(stderr).toBe(`skill-lint: warning: ${path.join(dir, "AGENTS.md")}: a symlink to a file outside the project (${dir}); skipped, not read\n`);
    expect(readFileSync(path.join(outside, "memo.md"), "utf8")).toBe(MEMO);
    expect(lstatSync(path.join(dir, "AGENTS.md")).isSymbolicLink()).toBe(true);
  });

  it("writes a hard-linked doc in place, so every name sees the fix", () => {
    const dir = repository({ "CLAUDE.md": MEMO });
    linkSync(path.join(dir, "CLAUDE.md"), path.join(dir, "AGENTS.md"));
    expect(runCli(["--fix", "CLAUDE.md"], dir).code).toBe(0);
    expect(readFileSync(path.join(dir, "AGENTS.md"), "utf8")).toBe(MEMO_FIXED);
    expect(statSync(path.join(dir, "AGENTS.md")).ino).toBe(statSync(path.join(dir, "CLAUDE.md")).ino);
  });

  it.skipIf(process.getuid?.() !== 0)("keeps the file's owner and group", () => {
    const dir = repository({ "CLAUDE.md": MEMO });
    chownSync(path.join(dir, "CLAUDE.md"), 1234, 2345);
    expect(runCli(["--fix"], dir).code).toBe(0);
    const info = statSync(path.join(dir, "CLAUDE.md"));
    expect([info.uid, info.gid]).toEqual([1234, 2345]);
    expect(readFileSync(path.join(dir, "CLAUDE.md"), "utf8")).toBe(MEMO_FIXED);
  });

  it.each([["1"], ["2"]])("leaves a read-only doc as it was, fixes the others and reports it with exit 2 (--threads %s)", (threads) => {
    const dir = repository({ "docs/a.md": MEMO, "docs/b.md": MEMO, "docs/c.md": MEMO });
    const readOnly = path.join(dir, "docs/b.md");
    chmodSync(readOnly, 0o444);
    const { code, stdout, stderr } = runCli(["--fix", "-f", "json", "--threads", threads, "docs/a.md", "docs/b.md", "docs/c.md"], dir);
    expect(code).toBe(2);
    expect(stderr).toBe(`skill-lint: ${readOnly}: read-only, not fixed\n`);
    expect(readFileSync(readOnly, "utf8")).toBe(MEMO);
    expect(statSync(readOnly).mode & 0o777).toBe(0o444);
    expect(readFileSync(path.join(dir, "docs/a.md"), "utf8")).toBe(MEMO_FIXED);
    expect(readFileSync(path.join(dir, "docs/c.md"), "utf8")).toBe(MEMO_FIXED);
    const results = JSON.parse(stdout) as { filePath: string; fatalErrorCount: number; output?: string; messages: { message: string }[] }[];
    expect(results.map((r) => [path.basename(r.filePath), r.fatalErrorCount, r.output !== undefined])).toEqual([
      ["a.md", 0, true],
      ["b.md", 1, false],
      ["c.md", 0, true],
    ]);
    expect(results[1]!.messages[0]!.message).toBe("read-only, not fixed");
  });

  it("names a file that could not be written on one line of stderr, whatever its name holds", () => {
    const name = "docs/a\n::error file=x::pwned.md";
    const dir = repository({ [name]: MEMO });
    chmodSync(path.join(dir, name), 0o444);
    const { code, stderr } = runCli(["--fix", name], dir);
    expect(code).toBe(2);
    expect(stderr).toBe(`skill-lint: ${path.join(dir, "docs/a")}\\n::error file=x::pwned.md: read-only, not fixed\n`);
  });

  it("fixes a doc whose name is 250 bytes long", () => {
    const name = `${"n".repeat(247)}.md`;
    const dir = repository({ [name]: MEMO });
    const { code, stderr } = runCli(["--fix", name], dir);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(readFileSync(path.join(dir, name), "utf8")).toBe(MEMO_FIXED);
    expect(readdirSync(dir).sort()).toEqual([".git", name]);
  });
});

describe("FixWriter", () => {
  it("writes a file reached by two names once, and warns when the second fix differs", () => {
    const dir = project({ "CLAUDE.md": "old\n" });
    symlinkSync("CLAUDE.md", path.join(dir, "AGENTS.md"));
    const writer = new FixWriter();
    expect(writer.write(path.join(dir, "CLAUDE.md"), "first\n", dir)).toBeUndefined();
    expect(writer.write(path.join(dir, "AGENTS.md"), "first\n", dir)).toBeUndefined();
    expect(writer.write(path.join(dir, "AGENTS.md"), "second\n", dir)).toBe(
      `${path.join(dir, "AGENTS.md")}: the same file as ${path.join(dir, "CLAUDE.md")}, which was fixed first; run --fix again for the rest`,
    );
    expect(readFileSync(path.join(dir, "CLAUDE.md"), "utf8")).toBe("first\n");
  });

  it("says why a file could not be written, with the system's code", () => {
    const dir = project({});
    expect(() => new FixWriter().write(path.join(dir, "gone.md"), "text\n", dir)).toThrow(new FixWriteError("cannot write the fixed file (ENOENT), not fixed"));
  });
});

describe("applyFixes", () => {
  const finding = (range: [number, number], text: string): Finding => ({
    ruleId: "r",
    severity: "error",
    message: "m",
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
    fix: { range, text },
  });

  it("applies non-overlapping fixes and leaves overlapping ones for a later pass", () => {
    const { output, applied } = applyFixes("abcdef", [finding([4, 5], "E"), finding([0, 2], "AB"), finding([1, 3], "X")]);
    expect(output).toBe("ABcdEf");
    expect(applied).toBe(2);
  });

  it("skips a fix that would change nothing", () => {
    expect(applyFixes("abc", [finding([0, 1], "a")])).toEqual({ output: "abc", applied: 0 });
  });
});

describe("--stdin and --output-file", () => {
  it("lints standard input under the kind and config of --stdin-filename", () => {
    const dir = project({ "skill-lint.config.json": JSON.stringify({ rules: { "frontmatter-yaml": "warn" } }) });
    const { code, stdout } = runCli(["--stdin", "--stdin-filename", "skills/parse/SKILL.md", "-f", "json"], dir, BROKEN);
    expect(code).toBe(0);
    const [result] = JSON.parse(stdout) as { filePath: string; warningCount: number }[];
    expect(result!.filePath).toBe(path.join(dir, "skills/parse/SKILL.md"));
    expect(result!.warningCount).toBe(2);
  });

  it("--stdin --fix prints the fixed text to stdout, byte for byte, and the report to stderr", () => {
    const dir = project({});
    const { code, stdout, stderr } = runCli(["--stdin", "--fix", "--stdin-filename", "skills/parse/SKILL.md"], dir, BROKEN);
    expect(code).toBe(0);
    expect(stdout).toBe(FIXED);
    expect(stderr).toContain("✔ 1 file linted, no problems");
    const clean = runCli(["--stdin", "--fix", "--stdin-filename", "skills/parse/SKILL.md"], dir, FIXED);
    expect(clean.stdout).toBe(FIXED);
  });

  it("--stdin --fix exits 1 when an error it cannot fix remains", () => {
    const doc = '---\nname: parse\ndescription: "Convert HCL" files.\n---\n\n# Parse\n\nSee [the guide](missing.md).\n';
    const { code, stdout, stderr } = runCli(["--stdin", "--fix", "--stdin-filename", "skills/parse/SKILL.md", "-f", "compact"], project(LINK_RULES_ON), doc);
    expect(code).toBe(1);
    expect(stdout).toBe(doc.replace('"Convert HCL" files.', '"\\"Convert HCL\\" files."'));
    expect(stderr).toMatch(/^skills\/parse\/SKILL\.md:8:\d+: error .*\[no-broken-link\]$/m);
  });

  it("writes the report to --output-file and nothing to stdout", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN });
    const { code, stdout } = runCli(["-f", "json", "-o", "report.json"], dir);
    // Claude Code, the only target here, re-quotes both values and loads the skill: two warnings.
    expect(code).toBe(0);
    expect(stdout).toBe("");
    const [result] = JSON.parse(readFileSync(path.join(dir, "report.json"), "utf8")) as { warningCount: number }[];
    expect(result!.warningCount).toBe(2);
  });

  it("refuses a doc being linted as --output-file, with one line and exit 2, and leaves it as it was", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN, "doc.md": "# Notes\n\nKeep these.\n" });
    const { code, stdout, stderr } = runCli(["-o", "doc.md", "doc.md", "skills"], dir);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(`skill-lint: --output-file doc.md is a file being linted (${path.join(dir, "doc.md")}); write the report to another file\n`);
    expect(readFileSync(path.join(dir, "doc.md"), "utf8")).toBe("# Notes\n\nKeep these.\n");
  });

  it("leaves --output-file as it was when the run stops on a bad config", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN, "skill-lint.config.json": "{ rules: {} }", "report.txt": "last run\n" });
    const { code } = runCli(["-o", "report.txt"], dir);
    expect(code).toBe(2);
    expect(readFileSync(path.join(dir, "report.txt"), "utf8")).toBe("last run\n");
  });

  it("stops with one line and exit 2 when --output-file cannot be written", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN, "a-file": "" });
    const { code, stdout, stderr } = runCli(["-o", "a-file/report.json"], dir);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe("skill-lint: cannot write --output-file a-file/report.json (ENOTDIR)\n");
  });
});

describe("rule fixes", () => {
  it("renames a tool, leaving every other byte as it was", () => {
    const doc = "---\nname: triage\ndescription: Triages new issues. Use when the user asks to triage.\n---\n\n# Triage\n\nUse the Task tool to spawn one reviewer per issue.\n";
    const result = lintText(doc, { filePath: "skills/triage/SKILL.md", fix: true });
    expect(result.output).toBe(doc.replace("Use the Task tool", "Use the Agent tool"));
  });

  it("makes a description broken over several lines a block scalar, keeping each line's text, once", () => {
    const doc = "---\nname: review\ndescription: Reviews a PR. Examples:\n  user: \"review this\" assistant: \"on it\"\n  Context: a second opinion: before merging\n---\n\n# Review\n\nList what to change.\n";
    const result = lintText(doc, { filePath: "skills/review/SKILL.md", fix: true });
    expect(result.output).toBe(doc.replace("description: Reviews", "description: |\n  Reviews"));
    const again = lintText(result.output!, { filePath: "skills/review/SKILL.md", fix: true });
    expect(again.output ?? result.output).toBe(result.output);
    expect(again.findings.filter((f) => f.ruleId === "frontmatter-yaml")).toEqual([]);
  });

  it("adds the missing checkbox to a Prevention Checklist item", () => {
    const doc = [
      "# Flaky deploys",
      "",
      "## Problem",
      "",
      "Deploys failed when the cache was cold.",
      "",
      "## Prevention Checklist",
      "",
      "- [ ] **Warm the cache**: run `make warm` before the deploy",
      "- **Check the health endpoint**: wait for 200 before switching traffic",
      "",
    ].join("\n");
    const result = lintText(doc, { filePath: "docs/solutions/deploy/flaky-deploys.md", fix: true });
    expect(result.output).toBe(doc.replace("- **Check", "- [ ] **Check"));
  });

  it("offers a near-miss tool name as a suggestion and never applies it", () => {
    const doc = "---\nname: search\ndescription: Searches the code base. Use when the user asks where something is.\nallowed-tools: Grepp, Read\n---\n\n# Search\n\nSearch for the symbol the user names.\n";
    const linted = lintText(doc, { filePath: "skills/search/SKILL.md" });
    const [finding] = linted.findings.filter((f) => f.ruleId === "no-unknown-tool");
    expect(finding!.fix).toBeUndefined();
    expect(finding!.suggestions).toEqual([{ desc: "Replace `Grepp` with `Grep`", fix: { range: [doc.indexOf("Grepp"), doc.indexOf("Grepp") + 5], text: "Grep" } }]);
    expect(lintText(doc, { filePath: "skills/search/SKILL.md", fix: true }).output).toBeUndefined();
  });
});
