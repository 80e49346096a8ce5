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

  it("refuses --fix with --stdin", () => {
    const { code, stderr } = runCli(["--stdin", "--fix"], project({}), BROKEN);
    expect(code).toBe(2);
    expect(stderr).toContain("--fix-dry-run");
  });

  it("writes the report to --output-file and nothing to stdout", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN });
    const { code, stdout } = runCli(["-f", "json", "-o", "report.json"], dir);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    const [result] = JSON.parse(readFileSync(path.join(dir, "report.json"), "utf8")) as { errorCount: number }[];
    expect(result!.errorCount).toBe(2);
  });
});
