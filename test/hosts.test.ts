import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { lintEach, lintText, type LintResult } from "../src/engine.js";
import { inferTargets } from "../src/hosts/index.js";
import { project, runCli } from "./helpers.js";

/**
 * fixtures/hosts/multi-host is a repository the way real ones hold agent docs: Claude Code's own folders, a copy
 * of a subagent made for Kiro, a translated skill, another framework's persona file, website sources, and an
 * instruction file that links to a doc.
 */
const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/hosts/multi-host");

function copyRepository(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "skill-lint-hosts-"));
  cpSync(FIXTURE, dir, { recursive: true });
  mkdirSync(path.join(dir, ".git"));
  return dir;
}

async function run(dir: string, patterns: string[] = ["."], options: Parameters<typeof lintEach>[1] = {}) {
  const results: LintResult[] = [];
  const summary = await lintEach(patterns, { cwd: dir, ...options }, (result) => results.push(result));
  const relative = (file: string): string => path.relative(dir, file).split(path.sep).join("/");
  return { results, summary, files: results.map((r) => `${relative(r.filePath)} ${r.kind}`), findings: results.flatMap((r) => r.findings.map((f) => `${relative(r.filePath)} ${f.ruleId}`)) };
}

describe("a repository with docs for several hosts", () => {
  it("infers its targets from the folders it holds", () => {
    const dir = copyRepository();
    expect(inferTargets(dir)).toEqual({ targets: ["claude-code"], evidence: { "claude-code": ".claude" } });
  });

  it("lints what a target loads, as what it loads it as, and the docs an instruction file links to", async () => {
    const { files, findings, summary } = await run(copyRepository());
    expect(files).toEqual([
      ".claude/agents/reviewer.md agent",
      // A command in a subfolder named agents is still a command.
      ".claude/commands/release/agents/notify.md command",
      ".claude/skills/pdf-tables/SKILL.md skill",
      "CLAUDE.md doc",
      "docs/architecture.md doc",
    ]);
    expect(findings).toEqual([]);
    expect({ linted: summary.linted, leftOut: summary.leftOut }).toEqual({
      linted: 5,
      leftOut: {
        "a copy for Kiro, which is not a target": 1,
        "a translation": 1,
        "kept in an archive folder": 1,
        "no target loads it (Claude Code)": 3,
      },
    });
    // Its config turns on rules that are off by default.
    expect(summary.turnedOn?.sort()).toEqual(["agent-definition", "frontmatter-schema", "host-loads", "no-broken-link", "no-unknown-reference", "self-contained-prompt", "skill-description", "skill-name", "skill-size", "unique-names"]);
  });

  it("lints a file no target loads when it is named, with the kind its path suggests", async () => {
    const { files, findings } = await run(copyRepository(), [".kiro/agents/reviewer.md", "website/src/content/docs/guide.md"]);
    expect(files).toEqual([".kiro/agents/reviewer.md agent", "website/src/content/docs/guide.md doc"]);
    expect(findings).toContain("website/src/content/docs/guide.md no-broken-link");
  });

  it("lints files no target loads when config includes them", async () => {
    const { files } = await run(copyRepository(), ["."], { config: { include: ["website/**"] } });
    expect(files).toContain("website/src/content/docs/guide.md doc");
    expect(files).not.toContain("docs/roadmap.md doc");
  });

  it("says in the stylish report what it left out and why", () => {
    const { code, stdout } = runCli(["."], copyRepository());
    expect(code).toBe(0);
    expect(stdout).toContain("5 files linted; 6 files in these folders left out:");
    expect(stdout).toContain("1  a copy for Kiro, which is not a target");
    expect(stdout).toContain("1  kept in an archive folder");
    expect(stdout).toContain('list it in "include" in config');
  });

  it("leaves out an archive folder outside the host folders, and lints a skill or command named archive", async () => {
    const dir = copyRepository();
    const skill = "---\nname: archive\ndescription: Moves a finished change into the changes archive. Use when a change has shipped.\n---\n\nMove the change folder under `changes/archive/` and update the index.\n";
    mkdirSync(path.join(dir, ".claude/skills/archive"), { recursive: true });
    writeFileSync(path.join(dir, ".claude/skills/archive/SKILL.md"), skill);
    mkdirSync(path.join(dir, ".claude/commands/archive"), { recursive: true });
    writeFileSync(path.join(dir, ".claude/commands/archive/run.md"), "---\ndescription: Archive the current change\n---\n\nRun the archive skill on the change named in $1.\n");
    const { files, summary } = await run(dir);
    expect(files).toEqual(expect.arrayContaining([".claude/skills/archive/SKILL.md skill", ".claude/commands/archive/run.md command"]));
    expect(files.some((file) => file.startsWith("archive/"))).toBe(false);
    expect(summary.leftOut["kept in an archive folder"]).toBe(1);
    // Named on the command line, an archived doc is linted as its path suggests.
    expect((await run(dir, ["archive/starter-kit/.claude/agents/orchestrator.md"])).files).toEqual(["archive/starter-kit/.claude/agents/orchestrator.md agent"]);
  });

  it("lints the commands of a folder that is no repository and holds nothing but `.claude/commands/`", () => {
    const dir = project({ ".claude/commands/deploy.md": '---\ndescription: "Deploy the branch\n---\n\nRun `make deploy`.\n' });
    const { code, stdout } = runCli(["-f", "compact"], dir);
    expect(stdout).toContain(".claude/commands/deploy.md:3:1: error Invalid YAML in frontmatter: Missing closing");
    expect(code).toBe(1);
    const config = JSON.parse(runCli(["--print-config", ".claude/commands/deploy.md"], dir).stdout) as Record<string, unknown>;
    expect(config).toMatchObject({ kind: "command", loadedBy: ["claude-code"] });
  });

  it("names the targets and how they were chosen in --print-config", () => {
    const dir = copyRepository();
    const inferred = JSON.parse(runCli(["--print-config", ".kiro/agents/reviewer.md"], dir).stdout) as Record<string, unknown>;
    expect(inferred.targets).toEqual([{ host: "claude-code", name: "Claude Code", from: "found .claude" }]);
    expect(inferred.leftOutOfFolderRuns).toBe("a copy for Kiro, which is not a target");
    const given = JSON.parse(runCli(["--print-config", ".claude/skills/pdf-tables/SKILL.md", "--target", "claude-code"], dir).stdout) as Record<string, unknown>;
    expect(given).toMatchObject({ kind: "skill", loadedBy: ["claude-code"], loadedAs: "skill", targets: [{ host: "claude-code", from: "--target" }] });
  });

  it("refuses an unknown target in config and on the command line, in one line", () => {
    const dir = copyRepository();
    const flag = runCli(["--target", "claude"], dir);
    expect(flag.code).toBe(2);
    expect(flag.stderr.trim().split("\n")).toHaveLength(1);
    expect(flag.stderr).toContain('unknown --target "claude"');
  });
});

describe("the deprecated target key", () => {
  it("still works as a list of one, with a warning saying what to write", async () => {
    const warnings: string[] = [];
    const dir = copyRepository();
    const { files } = await run(dir, ["."], { config: { target: "claude-code" }, warn: (message) => warnings.push(message) });
    expect(files).toContain(".claude/skills/pdf-tables/SKILL.md skill");
    expect(warnings).toEqual(['<config>: "target" is deprecated; write "targets": ["claude-code"]']);
  });
});

/** fixtures/hosts/copies holds one skill copied into the folders of five hosts, and an AGENTS.md. */
const COPIES = path.resolve(import.meta.dirname, "../fixtures/hosts/copies");

function copyOf(fixture: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), "skill-lint-copies-"));
  cpSync(fixture, dir, { recursive: true });
  mkdirSync(path.join(dir, ".git"));
  return dir;
}

describe("one skill copied for several hosts", () => {
  it("infers every host whose folders the repository holds", () => {
    expect(inferTargets(copyOf(COPIES)).targets).toEqual(["claude-code", "copilot", "codex", "cursor", "opencode"]);
  });

  it("lints each copy once, as its hosts load it, with no duplicate names across hosts", async () => {
    const dir = copyOf(COPIES);
    const { results, findings } = await run(dir);
    const hostsOf = Object.fromEntries(results.map((r) => [path.relative(dir, r.filePath).split(path.sep).join("/"), r.kind]));
    expect(hostsOf).toEqual({
      ".agents/skills/run-tests/SKILL.md": "skill",
      ".claude/skills/run-tests/SKILL.md": "skill",
      ".cursor/skills/run-tests/SKILL.md": "skill",
      ".github/skills/run-tests/SKILL.md": "skill",
      ".opencode/skills/run-tests/SKILL.md": "skill",
      "AGENTS.md": "doc",
    });
    expect(findings).toEqual([".github/skills/run-tests/SKILL.md host-loads"]);
  });

  it("names the host that refuses a copy, in the message and in the JSON report's hosts", () => {
    const { stdout } = runCli(["-f", "json"], copyOf(COPIES));
    const messages = (JSON.parse(stdout) as { filePath: string; messages: { ruleId: string; message: string; hosts?: string[] }[] }[]).flatMap((r) => r.messages);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ ruleId: "host-loads", hosts: ["copilot"] });
    expect(messages[0]!.message).toMatch(/^Copilot CLI will not load this skill \(since 1\.0\.65\): `argument-hint` is a YAML list/);
  });

  it("quotes the value with --fix, so that it parses to the text it showed, and a second run changes nothing", async () => {
    const dir = copyOf(COPIES);
    const file = path.join(dir, ".github/skills/run-tests/SKILL.md");
    expect(runCli(["--fix", "."], dir).code).toBe(0);
    const fixed = readFileSync(file, "utf8");
    expect(fixed).toContain('argument-hint: "[test-name]"\n');
    expect((parseYaml(fixed.split("---")[1]!) as Record<string, unknown>)["argument-hint"]).toBe("[test-name]");
    runCli(["--fix", "."], dir);
    expect(readFileSync(file, "utf8")).toBe(fixed);
    expect((await run(dir)).findings).toEqual([]);
  });

  it("checks a copy against its own host only: without Copilot as a target, the list is fine", async () => {
    const { findings } = await run(copyOf(COPIES), ["."], { targets: ["claude-code"] });
    expect(findings).toEqual([]);
  });
});

describe("frontmatter that does not parse, for each host", () => {
  const SKILL = "---\nname: deploy-preview\ndescription: Deploys the branch. Use when: the user wants a preview.\n---\n\n# Deploy preview\n";
  const lint = (targets: Parameters<typeof lintText>[1]["targets"]) =>
    lintText(SKILL, { filePath: path.join(copyRepository(), ".claude/skills/deploy-preview/SKILL.md"), targets }).findings.filter((f) => f.ruleId === "frontmatter-yaml");

  it("is a warning where Claude Code alone loads the doc, since it re-quotes the value", () => {
    const [finding] = lint(["claude-code"]);
    expect(finding).toMatchObject({ severity: "warn" });
    // Copilot CLI is no target here, but it reads .claude/skills/ too, and would refuse the skill.
    expect(finding!.message).toContain("Claude Code re-quotes the value and loads it, but Copilot CLI, which reads this folder too, would not.");
  });

  it("is not reported where every host that reads the folder loads the doc as written", () => {
    const file = path.join(copyRepository(), ".gemini/skills/deploy-preview/SKILL.md");
    const findings = lintText(SKILL, { filePath: file, targets: ["gemini-cli"] }).findings.filter((f) => f.ruleId === "frontmatter-yaml");
    expect(findings).toEqual([]);
  });

  it("is an error naming the host that refuses it", () => {
    const [finding] = lint(["claude-code", "copilot"]);
    expect(finding).toMatchObject({ severity: "error", hosts: ["claude-code", "copilot"] });
    expect(finding!.message).toContain("Copilot CLI will not load this skill; Claude Code re-quotes the value and loads it.");
  });
});

describe("built-in subagents, as each host has them", () => {
  const SKILL = (agent: string) =>
    `---\nname: second-opinion\ndescription: Asks for a second opinion on a plan. Use before a large refactor.\n---\n\n# Second opinion\n\nLaunch the subagent with \`subagent_type: "${agent}"\` and the plan in its prompt.\n`;
  const lint = (file: string, agent: string, targets: Parameters<typeof lintText>[1]["targets"]) =>
    lintText(SKILL(agent), { filePath: path.join(copyRepository(), file), targets }).findings.filter((f) => f.ruleId === "no-unknown-reference");

  it("accepts a built-in subagent of the host that loads the skill", () => {
    expect(lint(".github/skills/second-opinion/SKILL.md", "rubber-duck", ["copilot"])).toEqual([]);
    expect(lint(".claude/skills/second-opinion/SKILL.md", "Explore", ["claude-code"])).toEqual([]);
  });

  it("reports another host's built-in subagent, naming the built-ins of the host that loads the skill", () => {
    const [finding] = lint(".claude/skills/second-opinion/SKILL.md", "rubber-duck", ["claude-code"]);
    expect(finding?.message).toContain("names no subagent defined in this project or a built-in one (Claude Code's general-purpose, Explore or Plan)");
  });
});

describe("tool names, against the toolset of the host that loads the doc", () => {
  const AGENT = `---\nname: planner\ndescription: Plans the work before it starts. Use for planning.\ntools: ["read", "search", "agent"]\n---\n\nRead the issue, then use the Task tool to hand each step to a subagent.\n`;
  const lint = (file: string, targets: Parameters<typeof lintText>[1]["targets"]) =>
    lintText(AGENT, { filePath: path.join(copyRepository(), file), targets }).findings.filter((f) => f.ruleId === "no-unknown-tool");

  it("does not hold a Copilot agent to Claude Code's tool names", () => {
    expect(lint(".github/agents/planner.agent.md", ["copilot"])).toEqual([]);
  });

  it("holds a Claude Code subagent to them, and says the finding is Claude Code's", () => {
    const findings = lint(".claude/agents/planner.md", ["claude-code"]);
    expect(findings.map((f) => f.message)).toContainEqual(expect.stringContaining("Claude Code 2.1.63 renamed it to `Agent`"));
    expect(findings.every((f) => f.hosts?.join() === "claude-code")).toBe(true);
  });
});
