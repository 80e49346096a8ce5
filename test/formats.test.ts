import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { formatters, rules } from "../dist/src/index.js";
import type { LintResult } from "../src/engine.js";
import { formatGithub } from "../src/reporters/github.js";
import { escapeControl } from "../src/reporters/text.js";
import { project, runCli } from "./helpers.js";

/** `description: a: b` breaks the frontmatter at the second ": " (line 3, column 15). */
const BROKEN = "---\nname: parse\ndescription: \"a\" b\n---\n\n# Parse\n";
const CLEAN = "---\nname: notes\ndescription: Writes release notes.\n---\n\n# Notes\n";
/** The frontmatter-yaml message quotes this value, so a doc's own characters reach the report. */
const HOSTILE_VALUE = 'argument-hint: [a] <b> & "c" 50%, d:e \u001b[31mred';
const HOSTILE = `---\nname: x\n${HOSTILE_VALUE}\n---\n\n# X\n`;

/** Other rules are still changing, so each project turns on frontmatter-yaml alone, whose findings are known. */
function config(severity: "error" | "warn" = "error"): string {
  return JSON.stringify({ rules: Object.fromEntries(rules.map(({ meta }) => [meta.id, meta.id === "frontmatter-yaml" ? severity : "off"])) });
}

function lintProject(files: Record<string, string>): string {
  return project({ "skill-lint.config.json": config(), ...files });
}

const REPO_ROOT = path.resolve(import.meta.dirname, "..");
const PACKAGE = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../package.json"), "utf8")) as { version: string };

/** The official SARIF 2.1.0 schema (with errata 01, as code scanning reads it), shipped by Microsoft's SARIF SDK. */
const SARIF_SCHEMA = path.join(path.dirname(createRequire(import.meta.url).resolve("@microsoft/sarif-multitool-ts")), "../assets/sarif-2.1.0.schema.json");
const ajv = new Ajv2020({ allErrors: true });
addFormats.default(ajv);
const validateSarif = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, "utf8")) as object);

/** Messages from the JSON formatter, the reference the other formats must carry unchanged. */
function messagesOf(args: string[], cwd: string, input?: string): string[] {
  const results = JSON.parse(runCli([...args, "--format", "json"], cwd, input).stdout) as { messages: { message: string }[] }[];
  return results.flatMap((r) => r.messages.map((m) => m.message));
}

describe("--format compact", () => {
  const LINE = /^(.+):(\d+):(\d+): (error|warning) (.+) \[([\w-]+)\]$/;

  it("prints one `file:line:col: severity message [rule-id]` line per finding, paths relative to cwd", () => {
    const dir = lintProject({ "skills/parse/SKILL.md": BROKEN, "skills/notes/SKILL.md": CLEAN, ".claude/agents/review.md": BROKEN });
    const { code, stdout } = runCli(["--format", "compact"], dir);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    const parsed = lines.map((line) => LINE.exec(line)?.slice(1));
    expect(parsed.map((p) => p?.[0])).toEqual([path.join(".claude", "agents", "review.md"), path.join("skills", "parse", "SKILL.md")]);
    expect(parsed[1]).toEqual([path.join("skills", "parse", "SKILL.md"), "3", "18", "error", expect.stringContaining("Invalid YAML in frontmatter"), "frontmatter-yaml"]);
  });

  it("says warning for a warning and prints nothing for clean docs", () => {
    const dir = lintProject({
      "skills/parse/SKILL.md": BROKEN,
      "skill-lint.config.json": config("warn"),
    });
    expect(LINE.exec(runCli(["-f", "compact"], dir).stdout.trimEnd())?.[4]).toBe("warning");
    const clean = runCli(["-f", "compact"], lintProject({ "skills/notes/SKILL.md": CLEAN }));
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe("");
  });

  it("keeps a doc's control characters and line breaks out of the output", () => {
    const name = "skills/x\n1:1: error forged [x]/SKILL.md";
    const { stdout } = runCli(["--stdin", "--stdin-filename", name, "-f", "compact"], lintProject({}), HOSTILE);
    expect(stdout).not.toContain("\u001b");
    const lines = stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(LINE);
    expect(lines[0]).toContain("\\x1b[31mred");
  });
});

/** The problem matcher shipped in the package, read as GitHub's runner and editors read it: each regexp per line. */
describe("problem-matcher.json", () => {
  type Pattern = { regexp: string; file: number; line: number; column: number; severity: number; message: number; code: number };
  const matcher = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../problem-matcher.json"), "utf8")) as {
    problemMatcher: { owner: string; pattern: Pattern[] }[];
  };
  const [{ owner, pattern }] = matcher.problemMatcher as [{ owner: string; pattern: Pattern[] }];
  const [only] = pattern as [Pattern];
  const match = (line: string) => {
    const groups = new RegExp(only.regexp).exec(line);
    if (!groups) return undefined;
    const at = (index: number) => groups[index];
    return { file: at(only.file), line: at(only.line), column: at(only.column), severity: at(only.severity), message: at(only.message), code: at(only.code) };
  };

  it("captures file, line, column, severity, message and rule id of each compact line", () => {
    expect(owner).toBe("skill-lint");
    const dir = lintProject({ "skills/parse/SKILL.md": BROKEN, ".claude/agents/we ird.md": HOSTILE.replace("name: x", "name: we-ird") });
    const lines = runCli(["-f", "compact"], dir).stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    const messages = messagesOf([], dir);
    expect(lines.map(match)).toEqual([
      // The compact line shows the doc's control characters as visible escapes.
      { file: path.join(".claude", "agents", "we ird.md"), line: "3", column: "20", severity: "warning", message: escapeControl(messages[0]!), code: "frontmatter-yaml" },
      { file: path.join("skills", "parse", "SKILL.md"), line: "3", column: "18", severity: "error", message: messages[1], code: "frontmatter-yaml" },
    ]);
    // The hostile doc's message holds `[a]` and `:`: they stay in the message, not the code or the file.
    expect(messages[0]).toContain("[a]");
  });

  it("captures a warning, and a file that could not be read (no rule id)", () => {
    const dir = lintProject({ "skills/parse/SKILL.md": BROKEN, "skill-lint.config.json": config("warn") });
    expect(match(runCli(["-f", "compact"], dir).stdout.trimEnd())).toMatchObject({ severity: "warning", code: "frontmatter-yaml" });
    expect(match(`${path.join("docs", "locked.md")}:1:1: error cannot read file (EACCES)`)).toEqual({
      file: path.join("docs", "locked.md"), line: "1", column: "1", severity: "error", message: "cannot read file (EACCES)", code: undefined,
    });
  });

  it("ignores lines that are not findings", () => {
    expect(match("skill-lint: warning: 3 files left out")).toBeUndefined();
    expect(match("")).toBeUndefined();
  });
});

/** The runner's reading of a workflow command (actions/runner ActionCommand.TryParseV2). */
function parseCommand(line: string): { command: string; properties: Record<string, string>; message: string } | undefined {
  if (!line.startsWith("::")) return undefined;
  const end = line.indexOf("::", 2);
  if (end < 0) return undefined;
  const info = line.slice(2, end);
  const space = info.indexOf(" ");
  const command = space < 0 ? info : info.slice(0, space);
  const properties: Record<string, string> = {};
  if (space >= 0) {
    for (const pair of info.slice(space + 1).split(",")) {
      const eq = pair.indexOf("=");
      properties[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
  }
  return { command, properties, message: unescapeData(line.slice(end + 2)) };
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%25/g, "%");
}

function unescapeProperty(text: string): string {
  return text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
}

function commandsIn(stdout: string) {
  return stdout
    .split(/\r\n|\r|\n/)
    .map(parseCommand)
    .filter((c) => c !== undefined);
}

describe("human-readable output cannot start a workflow command in a CI log", () => {
  const rulesOn = (...ids: string[]): string =>
    JSON.stringify({ rules: Object.fromEntries(rules.map(({ meta }) => [meta.id, ids.includes(meta.id) ? "error" : "off"])) });
  /** A line the GitHub Actions runner would run: it starts, after blanks, with `::`. */
  const commandLines = (text: string): string[] => text.split(/\r\n|[\r\n\u2028\u2029]/).filter((line) => /^\s*::/.test(line));
  // A decoded `%0A` in a link target, and a right-to-left override that would make the line read backwards.
  const LINKING = "# Memo\n\nSee [the guide](guide%0A::error%20file=a.md::pwned%E2%80%AE%E2%80%A8.md).\n";

  it.each([["stylish"], ["compact"]])("--format %s escapes line breaks, separators and bidi controls from a doc", (format) => {
    const dir = project({ ".git/HEAD": "", "skill-lint.config.json": rulesOn("no-broken-link"), "CLAUDE.md": LINKING });
    const { code, stdout } = runCli(["-f", format], dir);
    expect(code).toBe(1);
    expect(commandLines(stdout)).toEqual([]);
    expect(stdout).toContain("`guide\\n::error file=a.md::pwned\\u202E\\u2028.md`");
    expect(stdout).not.toMatch(/[\u2028\u202e]/);
  });

  it.each([["stylish"], ["compact"]])("--format %s keeps a file name with line breaks and a leading `::` inert", (format) => {
    const name = "::error file=a.md::pwned\r\n::warning::x\u2066.md";
    const { stdout } = runCli(["--stdin", "--stdin-filename", name, "-f", format], project({ "skill-lint.config.json": rulesOn("frontmatter-yaml") }), BROKEN);
    expect(stdout).toContain("\\x3a:error file=a.md::pwned\\r\\n::warning::x\\u2066.md");
    expect(commandLines(stdout)).toEqual([]);
  });

  it("--fix-dry-run shows a doc's lines without starting a command", () => {
    const doc = "---\nname: parse\ndescription: Use when: x\n---\n::error file=a.md::pwned\u202e\n";
    const { stdout } = runCli(["--fix-dry-run", "--stdin", "--stdin-filename", "skills/parse/SKILL.md"], project({ "skill-lint.config.json": rulesOn("frontmatter-yaml") }), doc);
    expect(stdout).toContain('+description: "Use when: x"');
    expect(stdout).toContain(" \\x3a:error file=a.md::pwned\\u202E");
    expect(commandLines(stdout)).toEqual([]);
  });

  it("--format github shows bidi controls and separators as escapes", () => {
    const dir = project({ ".git/HEAD": "", "skill-lint.config.json": rulesOn("no-broken-link"), "CLAUDE.md": LINKING });
    const { stdout } = runCli(["-f", "github"], dir);
    expect(stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(stdout).toContain("guide%0A::error file=a.md::pwned\\u202E\\u2028.md");
  });
});

describe("--format github", () => {
  it("prints an ::error command with the file, the range and the rule id as title", () => {
    const dir = lintProject({ "skills/parse/SKILL.md": BROKEN, "skills/notes/SKILL.md": CLEAN });
    const { code, stdout } = runCli(["--format", "github"], dir);
    expect(code).toBe(1);
    const commands = commandsIn(stdout);
    expect(commands).toEqual([
      {
        command: "error",
        properties: { file: "skills/parse/SKILL.md", line: "3", col: "18", endLine: "3", endColumn: "19", title: "frontmatter-yaml" },
        message: messagesOf([], dir)[0],
      },
    ]);
  });

  it("prints ::warning for a warning", () => {
    const dir = lintProject({
      "skills/parse/SKILL.md": BROKEN,
      "skill-lint.config.json": config("warn"),
    });
    expect(commandsIn(runCli(["-f", "github"], dir).stdout).map((c) => c.command)).toEqual(["warning"]);
  });

  it("escapes file names and messages so they round-trip and cannot start a second command", () => {
    const dir = lintProject({});
    const name = "skills/we,ird:50%\n::error::pwned/SKILL.md";
    const args = ["--stdin", "--stdin-filename", name];
    const { stdout } = runCli([...args, "-f", "github"], dir, HOSTILE);
    expect(stdout.trimEnd().split("\n")).toHaveLength(1);
    expect(stdout).not.toContain("\u001b");
    const commands = commandsIn(stdout);
    expect(commands).toHaveLength(1);
    expect(commands[0]!.properties.file).toBe(escapeControl(name));
    expect(commands[0]!.properties.title).toBe("frontmatter-yaml");
    expect(commands[0]!.message).toBe(escapeControl(messagesOf(args, dir, HOSTILE)[0]!));
    expect(commands[0]!.message).toContain('[a] <b> & \\"c\\" 50%, d:e \\x1b[31mred');
  });

  it("keeps a message's line breaks inside its one command", () => {
    const result: LintResult = {
      filePath: path.resolve("docs/a.md"),
      kind: "doc",
      findings: [
        { ruleId: "frontmatter-yaml", severity: "error", message: "first\n::error::pwned\r\n::warning file=x::also", line: 1, column: 1, endLine: 1, endColumn: 2 },
      ],
      errorCount: 1,
      warningCount: 0,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
    };
    const stdout = formatGithub([result], { cwd: process.cwd(), color: false, rules: [] });
    const commands = commandsIn(stdout);
    expect(commands).toHaveLength(1);
    expect(commands[0]!.message).toBe("first\n::error::pwned\r\n::warning file=x::also");
  });
});

describe("--format junit", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["testsuite", "testcase"].includes(name) });
  interface TestCase {
    name: string;
    classname: string;
    failure?: { message: string; type: string; "#text": string };
    error?: { message: string };
  }
  interface Report {
    testsuites: { tests: string; failures: string; errors: string; testsuite: { name: string; tests: string; failures: string; testcase: TestCase[] }[] };
  }

  it("writes valid XML: a suite per file, a failing case per finding, a passing case for a clean file", () => {
    const dir = lintProject({ "skills/parse/SKILL.md": BROKEN, "skills/notes/SKILL.md": CLEAN });
    const { code, stdout } = runCli(["--format", "junit"], dir);
    expect(code).toBe(1);
    expect(XMLValidator.validate(stdout)).toBe(true);
    const { testsuites } = parser.parse(stdout) as Report;
    expect(testsuites).toMatchObject({ tests: "2", failures: "1", errors: "0" });
    const [notes, parse] = testsuites.testsuite;
    expect(notes).toMatchObject({ name: "skills/notes/SKILL.md", tests: "1", failures: "0" });
    expect(notes!.testcase).toHaveLength(1);
    expect(notes!.testcase[0]!.failure).toBeUndefined();
    expect(parse).toMatchObject({ name: "skills/parse/SKILL.md", tests: "1", failures: "1" });
    const failing = parse!.testcase[0]!;
    expect(failing.classname).toBe("skills/parse/SKILL.md");
    expect(failing.name).toBe("frontmatter-yaml (3:18)");
    expect(failing.failure!.type).toBe("error");
    expect(failing.failure!.message).toBe(messagesOf([], dir)[0]);
    expect(failing.failure!["#text"]).toContain("skills/parse/SKILL.md:3:18: error");
    expect(failing.failure!["#text"]).toContain("docs/rules/frontmatter-yaml.md");
  });

  it("escapes markup and control characters from a doc", () => {
    const dir = lintProject({});
    const args = ["--stdin", "--stdin-filename", 'skills/<a&"b">/SKILL.md'];
    const { stdout } = runCli([...args, "-f", "junit"], dir, HOSTILE);
    expect(XMLValidator.validate(stdout)).toBe(true);
    expect(stdout).not.toContain("\u001b");
    const failing = (parser.parse(stdout) as Report).testsuites.testsuite[0]!.testcase[0]!;
    expect(failing.classname).toBe('skills/<a&"b">/SKILL.md');
    expect(failing.failure!.message).toBe(escapeControl(messagesOf(args, dir, HOSTILE)[0]!));
  });
});

describe("--format sarif", () => {
  function sarifOf(args: string[], cwd: string, input?: string) {
    const { code, stdout } = runCli([...args, "--format", "sarif"], cwd, input);
    const log = JSON.parse(stdout) as unknown;
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    return { code, log: log as SarifLog };
  }

  interface SarifLog {
    version: string;
    runs: {
      tool: { driver: { name: string; version: string; informationUri: string; rules: { id: string; helpUri: string; shortDescription: { text: string }; defaultConfiguration: { level: string; enabled?: boolean } }[] } };
      results: {
        ruleId: string;
        ruleIndex: number;
        level: string;
        message: { text: string };
        locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
      }[];
    }[];
  }

  it("validates against the SARIF 2.1.0 schema, with rule metadata and one result per finding", () => {
    const dir = lintProject({ "skills/parse/SKILL.md": BROKEN, "skills/notes/SKILL.md": CLEAN, "my docs/skills/deploy/SKILL.md": BROKEN });
    const { code, log } = sarifOf([], dir);
    expect(code).toBe(1);
    expect(log.version).toBe("2.1.0");
    const [run] = log.runs;
    const driver = run!.tool.driver;
    // The package has no published address: its README and rule pages are linked where they are installed.
    expect(driver).toMatchObject({ name: "skill-lint", version: PACKAGE.version, informationUri: pathToFileURL(path.join(REPO_ROOT, "README.md")).href });
    expect(run!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual([
      "my%20docs/skills/deploy/SKILL.md",
      "skills/parse/SKILL.md",
    ]);
    const result = run!.results[1]!;
    expect(result).toMatchObject({ ruleId: "frontmatter-yaml", level: "error", message: { text: messagesOf([], dir)[1] } });
    expect(result.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: "skills/parse/SKILL.md", uriBaseId: "%SRCROOT%" },
      region: { startLine: 3, startColumn: 18, endLine: 3, endColumn: 19 },
    });
    const rule = driver.rules[result.ruleIndex]!;
    expect(rule.id).toBe("frontmatter-yaml");
    expect(rule.helpUri).toBe(pathToFileURL(path.join(REPO_ROOT, "docs", "rules", "frontmatter-yaml.md")).href);
    for (const { helpUri } of driver.rules) expect(existsSync(fileURLToPath(helpUri)), helpUri).toBe(true);
    expect(rule.shortDescription.text).toBe("Frontmatter must be valid YAML and a mapping of keys to values.");
    expect(rule.defaultConfiguration.level).toBe("error");
    expect(rule.defaultConfiguration.enabled).toBeUndefined();
    // A rule off by default says so, as SARIF viewers and code-scanning tools read it, with the level it has when on.
    const off = driver.rules.find((each) => each.id === "skill-size")!;
    expect(off.defaultConfiguration).toEqual({ level: "warning", enabled: false });
  });

  it("links the rule pages under the config's docsBaseUrl when it is set", () => {
    const settings = { ...(JSON.parse(config()) as object), docsBaseUrl: "https://docs.example.com/skill-lint/rules" };
    const dir = lintProject({ "skills/parse/SKILL.md": BROKEN, "skill-lint.config.json": JSON.stringify(settings) });
    const rulesOf = (log: SarifLog) => log.runs[0]!.tool.driver.rules;
    expect(rulesOf(sarifOf([], dir).log).find((rule) => rule.id === "frontmatter-yaml")!.helpUri).toBe(
      "https://docs.example.com/skill-lint/rules/frontmatter-yaml.md",
    );
    // So does --config, and every rule's page is under it.
    const other = project({ "ci/skill-lint.json": JSON.stringify(settings), "skills/parse/SKILL.md": BROKEN });
    const pages = rulesOf(sarifOf(["--config", "ci/skill-lint.json"], other).log).map((rule) => rule.helpUri);
    expect(pages).toEqual(rules.map(({ meta }) => `https://docs.example.com/skill-lint/rules/${meta.id}.md`));
    expect(runCli(["-f", "junit"], dir).stdout).toContain("https://docs.example.com/skill-lint/rules/frontmatter-yaml.md");
  });

  it("refuses a docsBaseUrl that is not an absolute URL: exit 2, one line naming the file and the key", () => {
    const dir = project({ "skill-lint.config.json": JSON.stringify({ docsBaseUrl: "docs/rules" }), "skills/notes/SKILL.md": CLEAN });
    const { code, stdout, stderr } = runCli(["-f", "sarif"], dir);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      `skill-lint: ${path.join(dir, "skill-lint.config.json")}: "docsBaseUrl" must be the absolute URL of the folder holding the rule pages, such as "https://example.com/skill-lint/docs/rules/"\n`,
    );
  });

  it("gives a warning the level warning and a clean run no results, still valid", () => {
    const warned = sarifOf(["."], lintProject({
      "skills/parse/SKILL.md": BROKEN,
      "skill-lint.config.json": config("warn"),
    }));
    expect(warned.log.runs[0]!.results.map((r) => r.level)).toEqual(["warning"]);
    const clean = sarifOf([], lintProject({ "skills/notes/SKILL.md": CLEAN }));
    expect(clean.code).toBe(0);
    expect(clean.log.runs[0]!.results).toEqual([]);
  });

  it("stays valid for a doc's hostile characters and an odd file name", () => {
    const dir = lintProject({});
    const args = ["--stdin", "--stdin-filename", "skills/we#ird 50%/SKILL.md"];
    const { log } = sarifOf(args, dir, HOSTILE);
    const [result] = log.runs[0]!.results;
    expect(result!.locations[0]!.physicalLocation.artifactLocation.uri).toBe("skills/we%23ird%2050%25/SKILL.md");
    expect(result!.message.text).toBe(messagesOf(args, dir, HOSTILE)[0]);
  });
});

describe("--report FORMAT=FILE", () => {
  it("writes more reports of the same run to files, beside the one on standard output", () => {
    const dir = lintProject({ "skills/parse/SKILL.md": BROKEN, "skills/notes/SKILL.md": CLEAN, "out/.gitkeep": "" });
    const { code, stdout, stderr } = runCli(["-f", "compact", "--report", "sarif=out/lint.sarif", "--report", "json=lint=1.json"], dir);
    expect(stderr).toBe("");
    expect(code).toBe(1);
    expect(stdout).toBe(runCli(["-f", "compact"], dir).stdout);
    const log = JSON.parse(readFileSync(path.join(dir, "out", "lint.sarif"), "utf8")) as { runs: { results: { message: { text: string } }[] }[] };
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    expect(log.runs[0]!.results.map((r) => r.message.text)).toEqual(messagesOf([], dir));
    // The file name is what follows the first `=`.
    expect(readFileSync(path.join(dir, "lint=1.json"), "utf8")).toBe(runCli(["-f", "json"], dir).stdout);
  });

  it("refuses a value without FORMAT=FILE or with an unknown format: exit 2, one line", () => {
    const dir = lintProject({ "skills/notes/SKILL.md": CLEAN });
    expect(runCli(["--report", "lint.sarif"], dir)).toEqual({
      code: 2,
      stdout: "",
      stderr: 'skill-lint: --report needs FORMAT=FILE, such as sarif=skill-lint.sarif; got "lint.sarif"\n',
    });
    expect(runCli(["--report", "xml=lint.xml"], dir).stderr).toBe(
      `skill-lint: unknown format "xml" (expected one of: ${Object.keys(formatters).join(", ")})\n`,
    );
    // A missing folder is made, as for --output-file; a file standing where the folder should be is refused.
    expect(runCli(["--report", "sarif=reports/lint.sarif"], dir).code).toBe(0);
    expect(existsSync(path.join(dir, "reports/lint.sarif"))).toBe(true);
    expect(runCli(["--report", "sarif=skills/notes/SKILL.md/lint.sarif"], dir)).toMatchObject({ code: 2, stderr: "skill-lint: cannot write --report skills/notes/SKILL.md/lint.sarif (ENOTDIR)\n" });
  });
});

describe("a file that could not be read", () => {
  const unreadable: LintResult = {
    filePath: path.resolve("docs/locked.md"),
    kind: "doc",
    findings: [],
    fatal: "cannot read file (EACCES)",
    errorCount: 0,
    warningCount: 0,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
  };
  // The built formatters, as the CLI runs them (SARIF reads the version from the package beside dist).
  const format = (name: string) => formatters[name]!([unreadable], { cwd: process.cwd(), color: false, rules: rules.map((r) => r.meta) });

  it("is an error line in compact and an ::error command in github", () => {
    expect(format("compact")).toBe(`${path.join("docs", "locked.md")}:1:1: error cannot read file (EACCES)\n`);
    expect(commandsIn(format("github"))).toEqual([
      { command: "error", properties: { file: "docs/locked.md", title: "skill-lint" }, message: "cannot read file (EACCES)" },
    ]);
  });

  it("is a test case with an error in junit and a tool notification in sarif", () => {
    const junit = format("junit");
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit).toContain('<error message="cannot read file (EACCES)"/>');
    expect(junit).toContain('<testsuites name="skill-lint" tests="1" failures="0" errors="1">');
    const log = JSON.parse(format("sarif")) as { runs: { invocations: unknown[]; results: unknown[] }[] };
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.invocations).toEqual([
      {
        executionSuccessful: false,
        toolExecutionNotifications: [
          {
            level: "error",
            message: { text: "cannot read file (EACCES)" },
            locations: [{ physicalLocation: { artifactLocation: { uri: "docs/locked.md", uriBaseId: "%SRCROOT%" } } }],
          },
        ],
      },
    ]);
  });
});
