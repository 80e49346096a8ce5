import { chmodSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyFixes } from "../src/fix.js";
import { lintText } from "../src/index.js";
import type { Finding } from "../src/types.js";
import { project, runCli } from "./helpers.js";

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
    const { code, stdout, stderr } = runCli(["--stdin", "--fix", "--stdin-filename", "skills/parse/SKILL.md", "-f", "compact"], project({}), doc);
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
