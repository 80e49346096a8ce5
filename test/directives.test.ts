import path from "node:path";
import { describe, expect, it } from "vitest";
import { project, runCli } from "./helpers.js";

/** A skill with dated instructions, some of them switched off by directives. */
const PUBLISH_SKILL = `---
name: publish-release
description: Publishes a release from the merged pull requests.
---

# Publish

If you're doing this before August 2025, use the old changelog script. <!-- skill-lint-disable-line no-time-sensitive -- the migration ends then -->
After August 2025, run \`npm run notes\` instead.

<!-- skill-lint-disable-next-line no-time-sensitive -->
The notes endpoint is \`api.example.com/v2/notes\`. As of 2024, it accepts at most 50 entries per request.

The release API is \`api.example.com/v2/releases\`. As of 2024, it accepts at most 10 assets per request.
`;

/** The same skill with a directive that switches nothing off. */
const UNUSED = PUBLISH_SKILL.replace("As of 2024, it accepts at most 50", "It accepts at most 50").replace(
  "disable-next-line no-time-sensitive",
  "disable-next-line no-time-sensitive, no-placeholder",
);

const SKILL_PATH = "skills/publish-release/SKILL.md";

interface JsonMessage {
  ruleId: string;
  severity: number;
  message: string;
  line: number;
  column: number;
  suppressions?: Array<{ kind: string; justification: string }>;
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonMessage[];
  warningCount: number;
}

/** The rules these docs trip are off by default: the project's config turns them on, unless the test brings its own. */
const RULES_ON = { "skill-lint.config.json": JSON.stringify({ rules: { "no-time-sensitive": "warn", "no-placeholder": "warn" } }) };

function lintJson(files: Record<string, string>, args: string[] = []): { code: number | null; results: JsonResult[]; stderr: string } {
  const dir = project({ ...RULES_ON, ...files });
  const { code, stdout, stderr } = runCli(["-f", "json", ...args], dir);
  return { code, results: JSON.parse(stdout) as JsonResult[], stderr };
}

const positions = (messages: JsonMessage[]) => messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);

describe("disable-line and disable-next-line", () => {
  it("switch a rule off for one line only, not for the rest of the file", () => {
    const dir = project({ ...RULES_ON, [SKILL_PATH]: PUBLISH_SKILL });
    const { code, stdout } = runCli([], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/ 9:1 +warning +Time-sensitive "After August 2025"/);
    expect(stdout).toMatch(/ 14:51 +warning +Time-sensitive "As of 2024"/);
    expect(stdout).not.toContain("8:22");
    expect(stdout).not.toContain("12:51");
  });

  it("read a ` -- reason` after the rule list as the justification, not as rule ids", () => {
    const { results } = lintJson({ [SKILL_PATH]: PUBLISH_SKILL });
    const [result] = results;
    expect(result!.messages.filter((m) => m.ruleId === "directive").map((m) => m.message).join("\n")).not.toMatch(/Unknown rule/);
    expect(result!.suppressedMessages).toMatchObject([
      { ruleId: "no-time-sensitive", severity: 1, line: 8, column: 22, suppressions: [{ kind: "directive", justification: "the migration ends then" }] },
      { ruleId: "no-time-sensitive", severity: 1, line: 12, column: 51, suppressions: [{ kind: "directive", justification: "" }] },
    ]);
    expect(result!.suppressedMessages[0]!.message).toContain('Time-sensitive "before August 2025"');
  });

  it("a disable-line that spans lines is reported and switches nothing off", () => {
    const doc = PUBLISH_SKILL.replace("<!-- skill-lint-disable-line no-time-sensitive -- the migration ends then -->", "<!-- skill-lint-disable-line\n  no-time-sensitive -->");
    const { results } = lintJson({ [SKILL_PATH]: doc });
    expect(positions(results[0]!.messages)).toContain("8:22 no-time-sensitive");
    expect(results[0]!.messages.find((m) => m.ruleId === "directive" && m.line === 8)!.message).toContain("over several lines");
  });
});

describe("a rule whose id names what it looks for", () => {
  it("no-windows-paths is switched off by a directive naming it, which is then used", () => {
    const doc = `---
name: export-sales
description: Exports the weekly sales figures to a workbook.
---

# Export sales

<!-- skill-lint-disable-next-line no-windows-paths -- the release runner reads these paths as they are -->
1. Export the data: \`python scripts\\export_sales.py --week last\`.
2. Build the workbook: \`python scripts\\build_workbook.py\`. <!-- skill-lint-disable-line no-windows-paths -->
`;
    // The rule is off by default: the config turns it on.
    const { results } = lintJson({ "skills/export-sales/SKILL.md": doc, "skill-lint.config.json": JSON.stringify({ rules: { "no-windows-paths": "warn" } }) });
    expect(results[0]!.messages).toEqual([]);
    expect(positions(results[0]!.suppressedMessages)).toEqual(["9:29 no-windows-paths", "10:32 no-windows-paths"]);
  });
});

describe("disable and enable", () => {
  it("bound a range of lines for the rules they name", () => {
    const doc = PUBLISH_SKILL.replace("# Publish\n", "# Publish\n\n<!-- skill-lint-disable no-time-sensitive -->").replace(
      "The release API",
      "<!-- skill-lint-enable no-time-sensitive -->\nThe release API",
    );
    const { results } = lintJson({ [SKILL_PATH]: doc });
    expect(positions(results[0]!.messages).filter((p) => p.endsWith("no-time-sensitive"))).toEqual(["16:51 no-time-sensitive"]);
  });
});

describe("directives skill-lint cannot follow", () => {
  it("an unknown directive name is reported with the closest one", () => {
    const doc = PUBLISH_SKILL.replace("skill-lint-disable-next-line", "skill-lint-disable-nextline");
    const dir = project({ ...RULES_ON, [SKILL_PATH]: doc });
    const { code, stdout } = runCli([], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /11:17 +warning +Unknown directive `skill-lint-disable-nextline`: it switches no rule off or on\. Did you mean `skill-lint-disable-next-line`\?.*directive\n/,
    );
    expect(stdout).toContain("12:51");
  });

  it("an unknown rule id is reported where it stands, with the closest rule id", () => {
    const doc = PUBLISH_SKILL.replace("disable-line no-time-sensitive --", "disable-line no-time-sensitve --");
    const { results } = lintJson({ [SKILL_PATH]: doc });
    const problem = results[0]!.messages.find((m) => m.ruleId === "directive" && m.message.startsWith("Unknown rule"));
    expect(problem).toMatchObject({ line: 8, column: 101, severity: 1 });
    expect(problem!.message).toContain("Unknown rule `no-time-sensitve` in `skill-lint-disable-line`");
    expect(problem!.message).toContain("Did you mean `no-time-sensitive`?");
    // The misspelt id switches nothing off, and the directive is not also reported as unused.
    expect(positions(results[0]!.messages)).toContain("8:22 no-time-sensitive");
    expect(results[0]!.messages.filter((m) => m.ruleId === "directive")).toHaveLength(1);
  });

  it("a directive shown in a code block or in inline code is an example, not a directive", () => {
    const doc = PUBLISH_SKILL + "\nWrite `<!-- skill-lint-disable-lines x -->` to... no.\n\n```markdown\n<!-- skill-lint-disable-next-line no-time-sensitve -->\n```\n";
    const { results } = lintJson({ [SKILL_PATH]: doc });
    expect(results[0]!.messages.filter((m) => m.ruleId === "directive")).toEqual([]);
  });
});

describe("unused disable directives", () => {

  it("are warnings by default, naming the rule ids that reported nothing", () => {
    const dir = project({ ...RULES_ON, [SKILL_PATH]: UNUSED });
    const { code, stdout } = runCli([], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /11:1 +warning +Unused `skill-lint-disable-next-line` directive: `no-time-sensitive`, `no-placeholder` reported no problem on the next line\. Remove the directive\. +directive/,
    );
    expect(stdout).not.toMatch(/8:\d+ +warning +Unused/);
  });

  it("name only the ids that went unused when others were used", () => {
    const doc = PUBLISH_SKILL.replace("disable-next-line no-time-sensitive", "disable-next-line no-time-sensitive no-placeholder");
    const { results } = lintJson({ [SKILL_PATH]: doc });
    const unused = results[0]!.messages.filter((m) => m.ruleId === "directive");
    expect(unused).toHaveLength(1);
    expect(unused[0]).toMatchObject({ line: 11, column: 1 });
    expect(unused[0]!.message).toBe("Unused `skill-lint-disable-next-line` directive: `no-placeholder` reported no problem on the next line. Remove it from the directive.");
  });

  it("a directive naming no rule is unused when it switched nothing off", () => {
    const doc = UNUSED.replace("skill-lint-disable-next-line no-time-sensitive, no-placeholder", "skill-lint-disable-next-line");
    const { results } = lintJson({ [SKILL_PATH]: doc });
    expect(results[0]!.messages.find((m) => m.ruleId === "directive")!.message).toBe(
      "Unused `skill-lint-disable-next-line` directive: no rule reported a problem on the next line. Remove it.",
    );
  });

  it("--report-unused-disable-directives-severity error makes them errors and fails the run; off drops them", () => {
    const dir = project({ ...RULES_ON, [SKILL_PATH]: UNUSED });
    const failing = runCli(["--report-unused-disable-directives-severity", "error"], dir);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/11:1 +error +Unused `skill-lint-disable-next-line`/);
    const off = runCli(["--report-unused-disable-directives-severity", "off"], dir);
    expect(off.code).toBe(0);
    expect(off.stdout).not.toContain("Unused");
  });

  it("the config key reportUnusedDisableDirectives sets the severity, and the flag wins over it", () => {
    const files = { [SKILL_PATH]: UNUSED, "skill-lint.config.json": JSON.stringify({ rules: { "no-time-sensitive": "warn", "no-placeholder": "warn" }, reportUnusedDisableDirectives: "error" }) };
    const dir = project(files);
    expect(runCli([], dir)).toMatchObject({ code: 1, stdout: expect.stringMatching(/11:1 +error +Unused/) });
    expect(runCli(["--report-unused-disable-directives-severity", "warn"], dir)).toMatchObject({ code: 0, stdout: expect.stringMatching(/11:1 +warning +Unused/) });
    const off = project({ [SKILL_PATH]: UNUSED, "skill-lint.config.json": JSON.stringify({ rules: { "no-time-sensitive": "warn", "no-placeholder": "warn" }, reportUnusedDisableDirectives: "off" }) });
    expect(runCli([], off).stdout).not.toContain("Unused");
  });

  it("a bad severity is a one-line usage or config error, exit 2", () => {
    const dir = project({ [SKILL_PATH]: UNUSED, "skill-lint.config.json": JSON.stringify({ reportUnusedDisableDirectives: "loud" }) });
    const flag = runCli(["--report-unused-disable-directives-severity", "warning", "--config", "/dev/null/none.json"], dir);
    expect(flag).toMatchObject({ code: 2, stderr: 'skill-lint: --report-unused-disable-directives-severity needs off, warn or error, got "warning"\n' });
    const config = runCli([], dir);
    expect(config.code).toBe(2);
    expect(config.stderr).toBe(`skill-lint: ${path.join(dir, "skill-lint.config.json")}: "reportUnusedDisableDirectives" is "loud"; expected "off", "warn" or "error"\n`);
  });
});

describe("worker threads", () => {
  it("follow the run's directive settings", () => {
    const files = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`skills/publish-${i}/SKILL.md`, UNUSED.replace("publish-release", `publish-${i}`)]));
    const dir = project({ ...RULES_ON, ...files });
    const strict = runCli(["--threads", "2", "--report-unused-disable-directives-severity", "error", "-f", "json"], dir);
    expect(strict.code).toBe(1);
    expect((JSON.parse(strict.stdout) as JsonResult[]).map((r) => r.messages.filter((m) => m.ruleId === "directive" && m.severity === 2).length)).toEqual([1, 1, 1, 1, 1, 1]);
    const ignored = runCli(["--threads", "2", "--no-inline-config", "-f", "json"], dir);
    expect((JSON.parse(ignored.stdout) as JsonResult[]).map((r) => positions(r.messages).join(" "))).toEqual(
      Array(6).fill("8:22 no-time-sensitive 9:1 no-time-sensitive 14:51 no-time-sensitive"),
    );
  });
});

describe("--no-inline-config", () => {
  it("ignores every directive and says nothing about unused or unknown ones", () => {
    const doc = PUBLISH_SKILL + "\n<!-- skill-lint-disable-nextline no-time-sensitive -->\n";
    const { code, results } = lintJson({ [SKILL_PATH]: doc }, ["--no-inline-config"]);
    expect(code).toBe(0);
    expect(positions(results[0]!.messages)).toEqual(["8:22 no-time-sensitive", "9:1 no-time-sensitive", "12:51 no-time-sensitive", "14:51 no-time-sensitive"]);
    expect(results[0]!.suppressedMessages).toEqual([]);
  });
});

describe("suppressedMessages and the cache", () => {
  it("a warm run from the cache reports the same suppressed messages", () => {
    const dir = project({ ...RULES_ON, [SKILL_PATH]: PUBLISH_SKILL });
    const cold = JSON.parse(runCli(["-f", "json", "--cache"], dir).stdout) as JsonResult[];
    const warm = JSON.parse(runCli(["-f", "json", "--cache"], dir).stdout) as JsonResult[];
    expect(cold[0]!.suppressedMessages).toHaveLength(2);
    expect(warm[0]!.suppressedMessages).toEqual(cold[0]!.suppressedMessages);
  });

  it("a different unused-directive severity misses the cache", () => {
    const dir = project({ ...RULES_ON, [SKILL_PATH]: UNUSED });
    runCli(["--cache"], dir);
    const { stdout } = runCli(["--cache", "--report-unused-disable-directives-severity", "error"], dir);
    expect(stdout).toMatch(/11:1 +error +Unused/);
  });
});
