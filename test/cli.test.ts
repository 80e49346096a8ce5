import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { BROKEN_SKILL, CLI, GOOD_SKILL, project, runCli } from "./helpers.js";

describe("exit codes", () => {
  it("exits 0 and prints no findings for clean docs", () => {
    const dir = project({ "skills/notes/SKILL.md": GOOD_SKILL });
    const { code, stdout, stderr } = runCli(["."], dir);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toMatch(/^✔ 1 file linted, no problems\n\nPrevention checklist\n/);
  });

  it("exits 1 with file, position, message and rule id for an error", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN_SKILL });
    const { code, stdout } = runCli([], dir);
    expect(code).toBe(1);
    expect(stdout).toContain(path.join("skills", "parse", "SKILL.md"));
    expect(stdout).toMatch(/^ {2}3:34 +error +Invalid YAML in frontmatter.*frontmatter-yaml$/m);
    expect(stdout).toContain("✖ 1 problem (1 error, 0 warnings)");
  });

  it("exits 2 with a one-line error for a path that does not exist", () => {
    const dir = project({});
    const { code, stdout, stderr } = runCli(["missing/"], dir);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toEqual(["skill-lint: missing/: no such file or directory"]);
  });

  it("exits 2 for an unknown option and an unknown format", () => {
    const dir = project({});
    expect(runCli(["--frmat", "json"], dir).code).toBe(2);
    const format = runCli(["--format", "xml"], dir);
    expect(format.code).toBe(2);
    expect(format.stderr).toContain('unknown format "xml"');
  });
});

describe("options", () => {
  it("--quiet drops warnings and --max-warnings turns too many warnings into exit 1", () => {
    const dir = project({
      "skills/parse/SKILL.md": BROKEN_SKILL,
      "skill-lint.config.json": JSON.stringify({ rules: { "frontmatter-yaml": "warn" } }),
    });
    const plain = runCli([], dir);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("warning");
    const quiet = runCli(["--quiet"], dir);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain("warning  Invalid");
    const capped = runCli(["--max-warnings", "0"], dir);
    expect(capped.code).toBe(1);
    expect(capped.stderr).toContain("more than --max-warnings 0");
  });

  it("--version prints the package version and --list-rules lists every rule", () => {
    const dir = project({});
    expect(runCli(["--version"], dir).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const list = runCli(["--list-rules"], dir).stdout;
    for (const id of ["frontmatter-yaml", "no-unknown-tool", "prevention-checklist", "no-wait-on-background"]) {
      expect(list).toContain(id);
    }
    expect(list).toContain("Verify tool exists");
  });

  it("marks a checklist rule that is off by default, and counts its findings once it is turned on", () => {
    const skill = "---\nname: logs\ndescription: Tails the build logs; use when a build is slow.\n---\n\n# Logs\n\nRun `npm run build` in the background.\n";
    const dir = project({ ".git/HEAD": "ref: refs/heads/main\n", ".claude/skills/logs/SKILL.md": skill });
    const off = runCli(["."], dir).stdout;
    expect(off).toContain("– Use Bash for background (background-needs-run-in-background is off by default)");
    expect(off).not.toContain("✔ Use Bash for background");
    const on = runCli([".", "--rule", "background-needs-run-in-background: warn"], dir).stdout;
    expect(on).toMatch(/✖ Use Bash for background \(1 finding, background-needs-run-in-background\)/);
  });

  it("ticks a checklist rule off by default that a config turned on and that found nothing", () => {
    const skill = "---\nname: logs\ndescription: Tails the build logs; use when a build is slow.\n---\n\n# Logs\n\nRun `npm run build` and read its output.\n";
    const files = { ".git/HEAD": "ref: refs/heads/main\n", ".claude/skills/logs/SKILL.md": skill };
    const off = runCli(["."], project(files)).stdout;
    expect(off).toContain("– Use Bash for background (background-needs-run-in-background is off by default)");
    expect(off).not.toContain("✔ Use Bash for background");
    const config = JSON.stringify({ rules: { "background-needs-run-in-background": "warn" } });
    const on = runCli(["."], project({ ...files, "skill-lint.config.json": config })).stdout;
    expect(on).toContain("✔ Use Bash for background\n");
    expect(on).not.toContain("background-needs-run-in-background is off by default");
    // The other rules off by default, which no config turned on, are still marked.
    expect(on).toContain("– Note notification mechanism (background-completion-notice is off by default)");
  });

  it("ticks a checklist rule off by default that the config of the --stdin-filename turned on", () => {
    const skill = "---\nname: logs\ndescription: Tails the build logs; use when a build is slow.\n---\n\n# Logs\n\nRun `npm run build` and read its output.\n";
    const config = JSON.stringify({ rules: { "background-needs-run-in-background": "warn" } });
    const dir = project({ ".git/HEAD": "ref: refs/heads/main\n", "skill-lint.config.json": config });
    const on = runCli(["--stdin", "--stdin-filename", ".claude/skills/logs/SKILL.md"], dir, skill).stdout;
    expect(on).toContain("✔ Use Bash for background\n");
    expect(on).toContain("– Note notification mechanism (background-completion-notice is off by default)");
    const off = runCli(["--stdin", "--stdin-filename", ".claude/skills/logs/SKILL.md", "--no-config"], dir, skill).stdout;
    expect(off).toContain("– Use Bash for background (background-needs-run-in-background is off by default)");
  });

  it("--config with a missing file is a one-line error, exit 2", () => {
    const dir = project({ "a.md": "# A\n" });
    const { code, stderr } = runCli(["--config", "nope.json"], dir);
    expect(code).toBe(2);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("nope.json: cannot read config (no such file)");
  });
});

describe("file discovery", () => {
  it("honours .gitignore and skips node_modules, CHANGELOG and LICENSE", () => {
    const dir = project({
      ".gitignore": "build/\n",
      "build/SKILL.md": BROKEN_SKILL,
      "node_modules/x/SKILL.md": BROKEN_SKILL,
      "CHANGELOG.md": BROKEN_SKILL,
      "LICENSE.md": BROKEN_SKILL,
      "skills/ok/SKILL.md": GOOD_SKILL,
      "docs/guide.markdown.txt": BROKEN_SKILL,
    });
    const { code, stdout } = runCli(["--format", "json"], dir);
    expect(code).toBe(0);
    const files = (JSON.parse(stdout) as { filePath: string }[]).map((r) => path.relative(dir, r.filePath));
    expect(files).toEqual([path.join("skills", "ok", "SKILL.md")]);
  });

  it("takes globs and config ignores", () => {
    const dir = project({
      "skills/a/SKILL.md": BROKEN_SKILL,
      "skills/b/SKILL.md": BROKEN_SKILL,
      "agents/c.md": BROKEN_SKILL,
      "skill-lint.config.json": JSON.stringify({ ignores: ["skills/b/**"] }),
    });
    const { stdout } = runCli(["--format", "json", "skills/**/*.md"], dir);
    const files = (JSON.parse(stdout) as { filePath: string }[]).map((r) => path.relative(dir, r.filePath));
    expect(files).toEqual([path.join("skills", "a", "SKILL.md")]);
  });
});

describe("json format", () => {
  it("has the shape of ESLint's JSON formatter", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN_SKILL });
    const { stdout } = runCli(["-f", "json"], dir);
    const [result] = JSON.parse(stdout) as Record<string, unknown>[];
    expect(Object.keys(result!).sort()).toEqual(
      ["errorCount", "fatalErrorCount", "filePath", "fixableErrorCount", "fixableWarningCount", "messages", "source", "suppressedMessages", "usedDeprecatedRules", "warningCount"].sort(),
    );
    expect(result!.filePath).toBe(path.join(dir, "skills", "parse", "SKILL.md"));
    expect(result!.errorCount).toBe(1);
    const [message] = result!.messages as Record<string, unknown>[];
    expect(message).toMatchObject({ ruleId: "frontmatter-yaml", severity: 2, line: 3, column: 34, endLine: 3, endColumn: 56 });
  });

  it("arrives whole through a pipe, however large", async () => {
    const broken = Array.from({ length: 400 }, (_, i) => [`skills/s${i}/SKILL.md`, BROKEN_SKILL.repeat(1)]);
    const dir = project(Object.fromEntries(broken));
    const child = spawn(process.execPath, [CLI, "--format", "json"], { cwd: dir });
    const chunks: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    const results = JSON.parse(Buffer.concat(chunks).toString("utf8")) as unknown[];
    expect(results).toHaveLength(400);
    expect(code).toBe(1);
  });
});

describe("odd files", () => {
  it("skips a binary file named .md with a warning and lints the rest", () => {
    const dir = project({ "skills/parse/archive.md": "PK\u0003\u0004\u0000\u0000binary", "skills/parse/SKILL.md": BROKEN_SKILL });
    const { code, stdout, stderr } = runCli(["-f", "json"], dir);
    expect(stderr).toContain("archive.md: looks like a binary file (it holds NUL bytes); skipped");
    const files = (JSON.parse(stdout) as { filePath: string }[]).map((r) => path.relative(dir, r.filePath));
    expect(files).toEqual([path.join("skills", "parse", "SKILL.md")]);
    expect(code).toBe(1);
  });
});

describe("ESLint's flags", () => {
  const warningProject = () =>
    project({
      "skills/parse/SKILL.md": BROKEN_SKILL,
      "skill-lint.config.json": JSON.stringify({ rules: { "frontmatter-yaml": "warn" } }),
    });

  it("--quiet hides warnings but --max-warnings still counts them", () => {
    const { code, stdout, stderr } = runCli(["--quiet", "--max-warnings", "0"], warningProject());
    expect(stdout).not.toContain("Invalid YAML");
    expect(stderr).toContain("1 warning, more than --max-warnings 0");
    expect(code).toBe(1);
  });

  it("--max-warnings -1 (or =-1) means no limit", () => {
    const dir = warningProject();
    for (const args of [["--max-warnings", "-1"], ["--max-warnings=-1"]]) {
      const { code, stderr } = runCli(args, dir);
      expect(stderr).toBe("");
      expect(code).toBe(0);
    }
    const bad = runCli(["--max-warnings", "-2"], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-warnings needs a whole number (-1 for no limit), got "-2"');
  });

  it("suggests the option meant for an unknown one", () => {
    const dir = project({});
    const { code, stderr } = runCli(["--fixx"], dir);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('skill-lint: unknown option "--fixx" (did you mean "--fix"?)');
    expect(runCli(["--zzzzzzzz"], dir).stderr.trim()).toBe('skill-lint: unknown option "--zzzzzzzz" (see --help)');
  });

  it("-o creates the report's missing parent folders", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN_SKILL });
    const { code, stdout } = runCli(["-f", "json", "-o", "reports/lint/out.json"], dir);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    const results = JSON.parse(readFileSync(path.join(dir, "reports", "lint", "out.json"), "utf8")) as unknown[];
    expect(results).toHaveLength(1);
  });
});

const RENAMED_TOOL = "---\nname: t\ndescription: Runs the tests when asked.\n---\n\n# T\n\nUse the Task tool to run the tests.\n";

describe("the stylish summary", () => {
  it("says what a clean run linted, and under --quiet that there are no errors", () => {
    const dir = project({ "skills/a/SKILL.md": GOOD_SKILL, "skills/b/SKILL.md": GOOD_SKILL.replace("release-notes", "b") });
    expect(runCli([], dir).stdout).toContain("✔ 2 files linted, no problems\n");
    const warned = project({ "skills/t/SKILL.md": RENAMED_TOOL });
    const quiet = runCli(["--quiet"], warned);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toContain("✔ 1 file linted, no errors\n");
    expect(runCli(["-f", "compact"], dir).stdout).toBe("");
  });

  it("counts the fixable errors and warnings and names --fix", () => {
    const dir = project({ "skills/t/SKILL.md": RENAMED_TOOL });
    const { stdout } = runCli([], dir);
    expect(stdout).toContain("✖ 1 problem (0 errors, 1 warning)\n  0 errors and 1 warning potentially fixable with the `--fix` option.\n");
  });
});

describe("colour", () => {
  const dir = project({ "skills/t/SKILL.md": RENAMED_TOOL });
  const coloured = (text: string) => text.includes("\u001b[");

  it("is off through a pipe and with NO_COLOR, on with FORCE_COLOR or --color", () => {
    expect(coloured(runCli([], dir, undefined, { NO_COLOR: undefined, FORCE_COLOR: undefined }).stdout)).toBe(false);
    expect(coloured(runCli([], dir, undefined, { NO_COLOR: undefined, FORCE_COLOR: "1" }).stdout)).toBe(true);
    expect(coloured(runCli([], dir, undefined, { NO_COLOR: undefined, FORCE_COLOR: "0" }).stdout)).toBe(false);
    expect(coloured(runCli([], dir, undefined, { FORCE_COLOR: "1" }).stdout)).toBe(false);
    expect(coloured(runCli(["--color"], dir).stdout)).toBe(true);
  });

  it("--no-color wins over FORCE_COLOR, and the last of --color and --no-color wins", () => {
    expect(coloured(runCli(["--no-color"], dir, undefined, { NO_COLOR: undefined, FORCE_COLOR: "1" }).stdout)).toBe(false);
    expect(coloured(runCli(["--no-color", "--color"], dir).stdout)).toBe(true);
    expect(coloured(runCli(["--color", "--no-color"], dir).stdout)).toBe(false);
  });
});

describe("paths the config ignores", () => {
  it("says that nothing was linted because the config ignores all the paths hold, rather than print nothing", () => {
    const dir = project({
      "skill-lint.config.json": JSON.stringify({ ignores: ["drafts/**"] }),
      "drafts/skills/parse/SKILL.md": "---\nname: parse\ndescription: Converts HCL files. Use when asked to convert HCL.\n---\n\n# Parse\n",
      "drafts/skills/notes/SKILL.md": "---\nname: notes\ndescription: Keeps notes. Use when asked to take notes.\n---\n\n# Notes\n",
    });
    const folder = runCli(["drafts"], dir);
    expect(folder.code).toBe(0);
    expect(folder.stdout).toContain("No files linted: the config's `ignores` (or --ignore-pattern) leaves out all 2 files the paths hold.");
    expect(runCli(["drafts/skills/parse/SKILL.md"], dir).stdout).toContain("leaves out the one file the paths hold");
    // A run that lints something says nothing of what the config ignores.
    expect(runCli(["."], project({ "skills/a/SKILL.md": "---\nname: a\ndescription: Does a. Use when asked for a.\n---\n\n# A\n" })).stdout).not.toContain("No files linted");
  });
});

describe("--list-rules -f json", () => {
  it("lists each rule with its default severity, whether it is on by default, fixability, kinds, hosts and docs", () => {
    const { code, stdout } = runCli(["--list-rules", "-f", "json"], project({}));
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as Record<string, unknown>[];
    expect(list.map((rule) => rule.id)).toContain("no-unknown-tool");
    const noUnknownTool = list.find((rule) => rule.id === "no-unknown-tool")!;
    expect(noUnknownTool).toMatchObject({ severity: "error", fixable: true, checklistItem: "Verify tool exists" });
    expect(list.find((rule) => rule.id === "background-needs-run-in-background")).toMatchObject({ severity: "warn", hosts: ["claude-code"], on: false });
    expect(noUnknownTool.on).toBe(true);
    expect(noUnknownTool.docs).toMatch(/docs\/rules\/no-unknown-tool\.md$/);
    const encoding = list.find((rule) => rule.id === "encoding")!;
    expect(encoding).toMatchObject({ fixable: false, checklistItem: null });
    expect((encoding.hosts as string[]).length).toBeGreaterThan(1);
  });

  it("refuses a format it cannot list in", () => {
    const { code, stderr } = runCli(["--list-rules", "-f", "sarif"], project({}));
    expect(code).toBe(2);
    expect(stderr.trim()).toBe('skill-lint: --list-rules prints as stylish or json, not "sarif"');
  });
});

describe("--rule, --no-config and --ignore-pattern", () => {
  const BROKEN_LINK = '---\nname: parse\ndescription: "Converts HCL files."\n---\n\n# Parse\n\nSee [the guide](missing.md).\n';

  it("--rule sets a rule over the config, repeatable, with options", () => {
    const dir = project({
      "skills/parse/SKILL.md": BROKEN_LINK,
      "skill-lint.config.json": JSON.stringify({ rules: { "no-broken-link": "error" } }),
    });
    expect(runCli(["-f", "compact"], dir).code).toBe(1);
    const warned = runCli(["-f", "compact", "--rule", "no-broken-link: warn"], dir);
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(/:8:\d+: warning .*\[no-broken-link\]$/m);
    const off = runCli(["-f", "compact", "--rule", "no-broken-link: warn", "--rule", '{"no-broken-link": ["off"], "skill-size": ["warn", {"maxLines": 1}]}'], dir);
    expect(off.stdout).not.toContain("no-broken-link");
    expect(off.stdout).toContain("[skill-size]");
    const printed = JSON.parse(runCli(["--print-config", "skills/parse/SKILL.md", "--rule", "skill-size: [warn, {maxLines: 9}]"], dir).stdout) as { rules: Record<string, unknown> };
    expect(printed.rules["skill-size"]).toEqual(["warn", { maxLines: 9 }]);
  });

  it("--rule with an unknown id, a bad severity or no severity is a one-line error, exit 2", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN_LINK });
    const cases: Array<[string, string]> = [
      ["no-broken-lnk: warn", 'skill-lint: --rule "no-broken-lnk: warn": unknown rule "no-broken-lnk" (did you mean "no-broken-link"?)'],
      ["no-broken-link: warning", 'skill-lint: --rule "no-broken-link: warning": rule "no-broken-link" has severity "warning"; expected "off", "warn" or "error"'],
      ["no-broken-link", 'skill-lint: --rule "no-broken-link": write "rule-id: severity" or "rule-id: [severity, { options }]"'],
    ];
    for (const [rule, message] of cases) {
      const { code, stdout, stderr } = runCli(["--rule", rule], dir);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toBe(`${message}\n`);
    }
  });

  it("--no-config lints with every rule at its default", () => {
    const dir = project({
      "skills/parse/SKILL.md": BROKEN_SKILL,
      "skill-lint.config.json": JSON.stringify({ rules: { "frontmatter-yaml": "off" } }),
    });
    expect(runCli([], dir).code).toBe(0);
    const { code, stdout } = runCli(["--no-config", "-f", "compact"], dir);
    expect(code).toBe(1);
    expect(stdout).toContain("[frontmatter-yaml]");
    expect(JSON.parse(runCli(["--no-config", "--print-config", "skills/parse/SKILL.md"], dir).stdout)).toMatchObject({ configFile: null });
    const both = runCli(["--no-config", "--config", "skill-lint.config.json"], dir);
    expect(both.code).toBe(2);
    expect(both.stderr).toBe("skill-lint: --config and --no-config contradict each other; keep one\n");
  });

  it("--ignore-pattern leaves out matching files, relative to the working folder", () => {
    const dir = project({
      "skills/parse/SKILL.md": BROKEN_SKILL,
      "skills/other/SKILL.md": BROKEN_SKILL.replace("parse", "other"),
      "skills/ok/SKILL.md": GOOD_SKILL.replace("release-notes", "ok"),
    });
    const { code, stdout } = runCli(["-f", "json", "--ignore-pattern", "skills/parse/**", "--ignore-pattern", "**/other/*.md"], dir);
    expect(code).toBe(0);
    const files = (JSON.parse(stdout) as { filePath: string }[]).map((r) => path.relative(dir, r.filePath));
    expect(files).toEqual([path.join("skills", "ok", "SKILL.md")]);
    const inSkills = runCli(["-f", "json", "--ignore-pattern", "parse/**", "."], path.join(dir, "skills"));
    expect((JSON.parse(inSkills.stdout) as unknown[]).length).toBe(2);
  });
});

describe("stylish wrapping", () => {
  const dir = project({ "skills/t/SKILL.md": RENAMED_TOOL });
  const findingLines = (stdout: string) => stdout.split("\n").slice(1, stdout.split("\n").indexOf(""));

  it("wraps a long message under its message column to COLUMNS, at spaces, with the rule id whole", () => {
    const lines = findingLines(runCli([], dir, undefined, { COLUMNS: "60" }).stdout);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines[0]).toMatch(/^ {2}8:9 {2}warning {2}Deprecated tool name/);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(60);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {16}\S/);
    expect(lines.at(-1)).toMatch(/ no-unknown-tool$/);
    const words = lines.map((line, i) => (i === 0 ? line.replace(/^ {2}8:9 {2}warning {2}/, "") : line.trim())).join(" ");
    expect(words).toBe(
      "Deprecated tool name `Task`: Claude Code 2.1.63 renamed it to `Agent` and still accepts the old name as an alias; write `Agent` instead.  no-unknown-tool",
    );
  });

  it("keeps one line per finding through a pipe without COLUMNS, and in compact output", () => {
    expect(findingLines(runCli([], dir, undefined, { COLUMNS: undefined }).stdout)).toHaveLength(1);
    expect(runCli(["-f", "compact"], dir, undefined, { COLUMNS: "60" }).stdout.trimEnd().split("\n")).toHaveLength(1);
  });
});
