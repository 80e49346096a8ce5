import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintText } from "../src/index.js";
import { Project } from "../src/project.js";
import { fixtureFiles, readExpectations } from "./expectations.js";
import { project, runCli } from "./helpers.js";

const SKILL_HEAD = "---\nname: retro\ndescription: Captures what a merged PR taught. Use right after a PR merges.\n---\n\n# Retro\n\n";

/** The findings of project checks (ids with a namespace) on a skill, as `line:column id`, under a config of checks. */
function checkFindings(body: string, checks: unknown[], extra: Record<string, unknown> = {}) {
  const dir = project({ ".git/HEAD": "ref: refs/heads/main\n", "skill-lint.config.json": JSON.stringify({ targets: ["claude-code"], checks, ...extra }) });
  const file = path.join(dir, "skills/retro/SKILL.md");
  return lintText(SKILL_HEAD + body, { filePath: file, cwd: dir }).findings.filter((f) => f.ruleId.includes("/"));
}
const at = (findings: Array<{ line: number; column: number; ruleId: string }>) => findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`);

describe("forbid", () => {
  const noTask = { id: "project/no-task-tool", message: "The Task tool was renamed; write `Agent`.", severity: "error", forbid: { phrases: ["Task tool"] } };

  it("reports each instructed phrase, case-insensitive and word-bounded, with the check's message and severity", () => {
    const findings = checkFindings("Use the task tool to start a reviewer.\n\nThe Task toolbox is elsewhere.\n", [noTask]);
    expect(at(findings)).toEqual(["8:9 project/no-task-tool"]);
    expect(findings[0]!.message).toBe("The Task tool was renamed; write `Agent`.");
    expect(findings[0]!.severity).toBe("error");
  });

  it("does not fire in counter-example sections, code marked wrong, quotes, negated sentences or a doc's title", () => {
    const body = [
      "There is no Task tool any more.",
      "Never use the Task tool.",
      "> Use the Task tool.",
      "## Incorrect Pattern",
      "Use the Task tool.",
      "## Anti-patterns",
      "Use the Task tool.",
      "## Launch",
      "```yaml\n# WRONG: Task tool doesn't exist\nTask tool:\n  prompt: x\n```",
      "Do this instead: call Agent.",
    ].join("\n\n");
    expect(at(checkFindings(body, [noTask]))).toEqual([]);
    expect(at(checkFindings("", [noTask]))).toEqual([]);
    const titled = lintText("---\nname: x\ndescription: Renames things. Use when renaming.\n---\n\n# Task tool renamed\n\nCall Agent.\n", {
      filePath: "/tmp/none/skills/x/SKILL.md",
      config: { targets: ["claude-code"], checks: [noTask] },
    });
    expect(titled.findings.filter((f) => f.ruleId === noTask.id)).toEqual([]);
  });

  it("skips dated records (a plan, a changelog) as the built-in rules do", () => {
    const dir = project({ ".git/HEAD": "x", "skill-lint.config.json": JSON.stringify({ checks: [noTask] }) });
    for (const name of ["docs/plans/rollout.md", "docs/retros/q3.md"]) {
      const result = lintText("# Rollout\n\nUse the Task tool for each shard.\n", { filePath: path.join(dir, name), cwd: dir, kind: "doc" });
      expect(result.findings.filter((f) => f.ruleId === noTask.id), name).toEqual([]);
    }
    const plain = lintText("# Rollout\n\nUse the Task tool for each shard.\n", { filePath: path.join(dir, "docs/rollout.md"), cwd: dir, kind: "doc" });
    expect(at(plain.findings.filter((f) => f.ruleId === noTask.id))).toEqual(["3:9 project/no-task-tool"]);
  });

  it("patterns are regular expressions with the i flag", () => {
    const check = { id: "team/no-subagent-type", message: "Name the agent, not its type.", forbid: { patterns: ["\\bTask\\(\\s*subagent_type"] } };
    expect(at(checkFindings("Then call task( subagent_type: \"review\").\n", [check]))).toEqual(["8:11 team/no-subagent-type"]);
  });

  it("tools are found as the tool-mention model finds them (phrases, parameter blocks, tools lists)", () => {
    const check = { id: "team/no-task", message: "Write `Agent`.", forbid: { tools: ["Task"] } };
    const body = "Use the Task tool to spawn it:\n\n```yaml\nTask tool:\n  prompt: review\n```\n\nA task list is not a tool.\n";
    expect(at(checkFindings(body, [check]))).toEqual(["8:9 team/no-task", "11:1 team/no-task"]);
  });

  it("commands are slash commands instructed, not parts of paths", () => {
    const check = { id: "team/no-legacy-deploy", message: "Run `/deploy` instead.", forbid: { commands: ["/legacy-deploy"] } };
    const body = "Run /legacy-deploy when tests pass.\n\nThe notes live in docs/legacy-deploy.md.\n\nNever run /legacy-deploy again.\n";
    expect(at(checkFindings(body, [check]))).toEqual(["8:5 team/no-legacy-deploy"]);
  });
});

describe("swap", () => {
  const check = { id: "team/agent-tool", message: "The Task tool is now the Agent tool.", swap: [{ from: "Task tool", to: "Agent tool" }] };

  it("reports each occurrence with a fix replacing from with to", () => {
    const findings = checkFindings("Use the Task tool, then the Task tool again.\n\nThere is no Task tool.\n", [check]);
    expect(at(findings)).toEqual(["8:9 team/agent-tool", "8:29 team/agent-tool"]);
    expect(findings[0]!.fix).toBeDefined();
  });

  it("--fix applies it, and a second run changes nothing", () => {
    const dir = project({
      ".git/HEAD": "x",
      "skill-lint.config.json": JSON.stringify({ targets: ["claude-code"], checks: [check] }),
      "skills/retro/SKILL.md": `${SKILL_HEAD}Use the Task tool to start it.\n`,
    });
    runCli(["--fix", "skills/retro/SKILL.md"], dir);
    expect(readFileSync(path.join(dir, "skills/retro/SKILL.md"), "utf8")).toContain("Use the Agent tool to start it.");
    expect(runCli(["skills/retro/SKILL.md"], dir).code).toBe(0);
  });
});

describe("require", () => {
  const background = {
    id: "team/background-parameter",
    message: "Set `run_in_background: true` where you start background work.",
    require: { when: { phrases: ["in the background"], code: ["bash"] }, present: { phrases: ["run_in_background: true"], links: ["docs/background.md"] } },
  };

  it("reports a trigger whose section has none of the present texts, once per section", () => {
    const body = "## Launch\n\nRun the tests in the background. Run the build in the background.\n\n## Watch\n\nStart the watcher in the background with `run_in_background: true`.\n";
    expect(at(checkFindings(body, [background]))).toEqual(["10:15 team/background-parameter"]);
  });

  it("a code block of a `when.code` language triggers; a link to a `present.links` file satisfies", () => {
    const bash = "## Serve\n\n```bash\nnpm run dev\n```\n";
    expect(at(checkFindings(bash, [background]))).toEqual(["10:1 team/background-parameter"]);
    expect(at(checkFindings(`${bash}\nSee [how to background it](../../docs/background.md).\n`, [background]))).toEqual([]);
  });

  it("a trigger in a counter-example does not fire, and a present text in one does not satisfy", () => {
    expect(at(checkFindings("## Don't\n\nRun the tests in the background.\n", [background]))).toEqual([]);
    const body = "## Launch\n\nRun the tests in the background.\n\nNever set `run_in_background: true` here.\n";
    expect(at(checkFindings(body, [background]))).toEqual(["10:15 team/background-parameter"]);
  });

  it("when.tools triggers on an instructed tool", () => {
    const check = { id: "team/agent-notice", message: "Say how you learn the subagent finished.", require: { when: { tools: ["Agent"] }, present: { phrases: ["notified"] } } };
    expect(at(checkFindings("## Review\n\nUse the Agent tool to start a reviewer.\n", [check]))).toEqual(["10:9 team/agent-notice"]);
    expect(at(checkFindings("## Review\n\nUse the Agent tool to start a reviewer. You are notified when it ends.\n", [check]))).toEqual([]);
  });
});

describe("settings", () => {
  const check = { id: "project/no-task-tool", message: "Write `Agent`.", forbid: { phrases: ["Task tool"] } };

  it("rules turn a check off or change its severity, in config and with --rule", () => {
    expect(checkFindings("Use the Task tool.\n", [check], { rules: { "project/no-task-tool": "off" } })).toEqual([]);
    expect(checkFindings("Use the Task tool.\n", [check], { rules: { "project/no-task-tool": "error" } })[0]!.severity).toBe("error");
    const dir = project({ ".git/HEAD": "x", "skill-lint.config.json": JSON.stringify({ targets: ["claude-code"], checks: [check] }), "skills/retro/SKILL.md": `${SKILL_HEAD}Use the Task tool.\n` });
    expect(runCli(["-f", "compact"], dir).stdout).toContain("project/no-task-tool");
    expect(runCli(["-f", "compact", "--rule", "project/no-task-tool: off"], dir).stdout).not.toContain("project/no-task-tool");
  });

  it("--print-config lists the checks that run on the file, with their severity and the file declaring them", () => {
    const agentOnly = { ...check, id: "project/agents-only", kinds: ["agent"] };
    const dir = project({ ".git/HEAD": "x", "skill-lint.config.json": JSON.stringify({ targets: ["claude-code"], checks: [check, agentOnly], rules: { "project/no-task-tool": "error" } }), "skills/retro/SKILL.md": `${SKILL_HEAD}Use the Task tool.\n` });
    const result = runCli(["--print-config", "skills/retro/SKILL.md"], dir);
    expect(result.code).toBe(0);
    expect((JSON.parse(result.stdout) as { checks: unknown[] }).checks).toEqual([{ id: "project/no-task-tool", severity: "error", from: path.join(dir, "skill-lint.config.json") }]);
  });

  it("a setting for an id no check declares is a warning with the closest id", () => {
    const dir = project({ ".git/HEAD": "x", "skill-lint.config.json": JSON.stringify({ targets: ["claude-code"], checks: [check] }), "skills/retro/SKILL.md": `${SKILL_HEAD}Use the Task tool.\n` });
    const result = runCli(["-f", "compact", "--rule", "project/no-task-tools: off"], dir);
    expect(result.stderr).toContain('"project/no-task-tools" is set in "rules" or by --rule, but no check of that id is declared');
    expect(result.stderr).toContain('(did you mean "project/no-task-tool"?)');
    expect(result.stdout).toContain("project/no-task-tool");
  });

  it("an inline directive switches a check off, and names it as a known id", () => {
    const dir = project({ ".git/HEAD": "x", "skill-lint.config.json": JSON.stringify({ targets: ["claude-code"], checks: [check] }) });
    const body = "<!-- skill-lint-disable-next-line project/no-task-tool -- the Task tool of our own harness -->\nUse the Task tool.\n";
    const result = lintText(SKILL_HEAD + body, { filePath: path.join(dir, "skills/retro/SKILL.md"), cwd: dir });
    expect(result.findings.filter((f) => f.ruleId.includes("/") || f.ruleId === "directive")).toEqual([]);
    expect(result.suppressed?.map((f) => f.ruleId)).toEqual(["project/no-task-tool"]);
  });

  it("kinds, targets and files limit where a check runs", () => {
    expect(checkFindings("Use the Task tool.\n", [{ ...check, kinds: ["agent"] }])).toEqual([]);
    expect(checkFindings("Use the Task tool.\n", [{ ...check, targets: ["copilot"] }])).toEqual([]);
    expect(checkFindings("Use the Task tool.\n", [{ ...check, files: ["plugins/**/*.md"] }])).toEqual([]);
    expect(checkFindings("Use the Task tool.\n", [{ ...check, files: ["skills/**/*.md"] }])).toHaveLength(1);
  });
});

describe("a check that does not fit the format is a config error", () => {
  const good = { id: "project/x", message: "m", forbid: { phrases: ["y"] } };
  const cases: Array<[string, unknown, string]> = [
    ["an unknown key", { ...good, forbids: {} }, '"checks[0].forbids" unknown key'],
    ["a missing id", { message: "m", forbid: { phrases: ["y"] } }, '"checks[0].id" is required'],
    ["a missing message", { id: "project/x", forbid: { phrases: ["y"] } }, '"checks[0].message" is required'],
    ["an id without namespace", { ...good, id: "no-task" }, '"checks[0].id" "no-task" has no namespace'],
    ["a built-in rule's id", { ...good, id: "no-unknown-tool" }, "is a built-in rule's id"],
    ["two of forbid, swap, require", { ...good, swap: [{ from: "a", to: "b" }] }, "one of forbid, swap, require, not forbid and swap"],
    ["none of them", { id: "project/x", message: "m" }, "needs one of forbid, swap, require"],
    ["a pattern that does not compile", { ...good, forbid: { patterns: ["(unclosed"] } }, '"checks[0].forbid.patterns[0]" is not a valid regular expression'],
    ["a pattern that backtracks", { ...good, forbid: { patterns: ["^([a-z0-9]+-?)+$"] } }, '"checks[0].forbid.patterns[0]" is refused: it can backtrack'],
    ["a bad severity", { ...good, severity: "fatal" }, '"checks[0].severity" must be "error" or "warn"'],
    ["a require without present", { id: "project/x", message: "m", require: { when: { phrases: ["a"] } } }, '"checks[0].require" needs "present"'],
  ];
  it.each(cases)("%s", (_name, entry, expected) => {
    const dir = project({ "skill-lint.config.json": JSON.stringify({ checks: [entry] }), "skills/a/SKILL.md": `${SKILL_HEAD}Text.\n` });
    const result = runCli(["skills/a/SKILL.md"], dir);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("skill-lint.config.json");
    expect(lines[0]).toContain(expected);
  });
});

describe("checks a solution doc declares", () => {
  const lesson = (checks: string) =>
    `---\ntitle: Task tool renamed\ndate: 2026-02-01\ncategory: tooling\n${checks}---\n\n# Task tool renamed\n\n## Symptoms\n\n- The Task tool is not found.\n\n## Prevention\n\nNever use the Task tool; write Agent.\n`;
  const checks = 'checks:\n  - id: project/no-task-tool\n    message: "Write `Agent`."\n    forbid: { phrases: ["Task tool"] }\n';
  /** A project whose lesson declares a check that its skill breaks. */
  const learningProject = (): Record<string, string> => ({
    ".git/HEAD": "x",
    "skill-lint.config.json": JSON.stringify({ targets: ["claude-code"] }),
    "docs/solutions/tooling/task-renamed.md": lesson(checks),
    "skills/retro/SKILL.md": `${SKILL_HEAD}Use the Task tool.\n`,
  });

  it("apply project-wide and name the doc they were learned from, in the message, the related location and JSON", () => {
    const dir = project({
      ...learningProject(),
      ".claude/agents/reviewer.md": "---\nname: reviewer\ndescription: Reviews a PR. Use for reviews.\n---\n\nStart the Task tool for each file.\n",
    });
    const result = runCli(["-f", "json"], dir);
    const entries = JSON.parse(result.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string; message: string; learnedFrom?: string }>; checks?: unknown; learnedFrom?: string }>;
    const learned = entries.flatMap((entry) => entry.messages.filter((m) => m.ruleId === "project/no-task-tool").map((m) => [path.relative(dir, entry.filePath), m]) as Array<[string, { message: string; learnedFrom?: string }]>);
    expect(learned.map(([file]) => file).sort()).toEqual([".claude/agents/reviewer.md", "skills/retro/SKILL.md"]);
    expect(learned[0]![1].message).toContain("(learned from docs/solutions/tooling/task-renamed.md)");
    expect(learned[0]![1].learnedFrom).toBe("docs/solutions/tooling/task-renamed.md");
    // The lesson itself (its Symptoms and its negated Prevention) stays clean, and lists its checks with their findings.
    const doc = entries.find((entry) => entry.filePath.endsWith("task-renamed.md"))!;
    expect(doc.messages).toEqual([]);
    expect(doc.learnedFrom).toBe("docs/solutions/tooling/task-renamed.md");
    expect(doc.checks).toEqual([{ id: "project/no-task-tool", findings: 2 }]);
    const stylish = runCli([], dir).stdout;
    expect(stylish).toContain("learned from docs/solutions/tooling/task-renamed.md: 1 check, 2 findings");
    const file = path.join(dir, "skills/retro/SKILL.md");
    const related = lintText(readFileSync(file, "utf8"), { filePath: file, cwd: dir }).findings.find((f) => f.ruleId === "project/no-task-tool")!.related;
    expect(related).toEqual([{ filePath: path.join(dir, "docs/solutions/tooling/task-renamed.md"), line: 6, column: 5 }]);
    const sarif = JSON.parse(runCli(["-f", "sarif"], dir).stdout) as { runs: Array<{ tool: { driver: { rules: Array<{ id: string }> } }; results: Array<{ ruleId: string; ruleIndex?: number }> }> };
    const run = sarif.runs[0]!;
    const index = run.tool.driver.rules.findIndex((rule) => rule.id === "project/no-task-tool");
    expect(index).toBeGreaterThan(0);
    expect(run.results.filter((r) => r.ruleId === "project/no-task-tool").map((r) => r.ruleIndex)).toEqual([index, index]);
    const listed = runCli(["--list-rules"], dir).stdout;
    expect(listed).toMatch(/project\/no-task-tool .*\(from docs\/solutions\/tooling\/task-renamed\.md\)/);
  });

  it("a bad check there is a config error with the doc's line and column", () => {
    const bad = 'checks:\n  - id: project/slow\n    message: "m"\n    forbid:\n      patterns: ["^(a+)+$"]\n';
    const dir = project({ ".git/HEAD": "x", "docs/solutions/tooling/task-renamed.md": lesson(bad), "skills/retro/SKILL.md": `${SKILL_HEAD}Text.\n` });
    const result = runCli(["skills/retro/SKILL.md"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(result.stderr).toContain(`${path.join(dir, "docs/solutions/tooling/task-renamed.md")}:9:18: "checks[0].forbid.patterns[0]" is refused: it can backtrack`);
  });

  it("a project reads its docs' checks once, and again after it forgets a changed doc (as the language server does)", () => {
    const dir = project(learningProject());
    const lessonFile = path.join(dir, "docs/solutions/tooling/task-renamed.md");
    const model = new Project(dir);
    expect(model.docChecks.checks.map((check) => check.id)).toEqual(["project/no-task-tool"]);
    writeFileSync(lessonFile, lesson(checks.replace("project/no-task-tool", "project/no-task")));
    expect(model.docChecks.checks.map((check) => check.id)).toEqual(["project/no-task-tool"]);
    model.forget(lessonFile);
    expect(model.docChecks.checks.map((check) => check.id)).toEqual(["project/no-task"]);
  });

  it("a changed check in the doc re-lints the files a warm cache holds", () => {
    const dir = project(learningProject());
    expect(runCli(["--cache", "-f", "compact"], dir).stdout).toContain("project/no-task-tool");
    writeFileSync(path.join(dir, "docs/solutions/tooling/task-renamed.md"), lesson(checks.replace("Task tool", "Agent tool")));
    expect(runCli(["--cache", "-f", "compact"], dir).stdout).not.toContain("project/no-task-tool");
  });
});

/**
 * The seed doc's Prevention Checklist, written as checks in a copy of the seed's own frontmatter
 * (fixtures/checks/seed-project), finds what the built-in checklist rules find on the seed variants that break
 * each item, and the copy (like the seed) lints clean.
 */
describe("the seed's Prevention Checklist as checks", () => {
  const repoRoot = path.resolve(import.meta.dirname, "..");
  const projectRoot = path.join(repoRoot, "fixtures/checks/seed-project");
  const copy = path.join(projectRoot, "docs/solutions/skill-patterns/parallel-subagent-background-execution.md");
  const seed = path.resolve(repoRoot, "../shared/seed/docs/solutions/skill-patterns/parallel-subagent-background-execution.md");
  const variants = fixtureFiles(path.join(repoRoot, "fixtures/seed-variants"));
  /** Each checklist item's built-in rule, and the check the copy declares for it. */
  const CHECK_OF: Record<string, string> = {
    "no-unknown-tool": "seed/verify-tool-exists",
    "background-needs-run-in-background": "seed/use-bash-for-background",
    "fresh-context-subagent": "seed/fresh-context-via-claude-p",
    "self-contained-prompt": "seed/include-all-needed-context",
    "no-wait-on-background": "seed/continue-work-immediately",
    "background-completion-notice": "seed/note-notification-mechanism",
  };
  const lint = (file: string) => lintText(readFileSync(file, "utf8"), { filePath: file, cwd: path.dirname(file), projectRoot }).findings;

  it("the copy declares one check per checklist item, and it and the seed lint clean under them", () => {
    const text = readFileSync(copy, "utf8");
    for (const id of Object.values(CHECK_OF)) expect(text).toContain(`id: ${id}`);
    expect(lint(copy).map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual([]);
    if (existsSync(seed)) {
      const findings = lintText(readFileSync(seed, "utf8"), { filePath: seed, cwd: projectRoot, projectRoot }).findings;
      expect(findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual([]);
      // The copy is the seed with checks added to its frontmatter, and nothing else.
      expect(text.replace(/^checks:\n(?: {2}.*\n)+/m, "")).toBe(readFileSync(seed, "utf8"));
    }
  });

  it.each(variants.map((file) => [path.relative(repoRoot, file), file]))("%s: the checks find what the built-in rules find", (_name, file) => {
    const findings = lint(file);
    const builtIn = findings.filter((f) => f.ruleId in CHECK_OF);
    const learned = findings.filter((f) => f.ruleId.startsWith("seed/"));
    const expected = existsSync(`${file}.expected`) ? readExpectations(`${file}.expected`) : [];
    expect(builtIn.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(expected.map((e) => `${e.position} ${e.ruleId}`));
    // The same checklist items fail, as often; each at the same place, except the notice, whose check asks in the
    // section that tells the parent to go on (the built-in rule reads the whole doc and reports the launch).
    expect(learned.map((f) => f.ruleId)).toEqual(builtIn.map((f) => CHECK_OF[f.ruleId]));
    learned.forEach((f, i) => {
      if (f.ruleId !== "seed/note-notification-mechanism") expect(`${f.line}:${f.column}`).toBe(`${builtIn[i]!.line}:${builtIn[i]!.column}`);
      expect(f.message).toContain("(learned from docs/solutions/skill-patterns/parallel-subagent-background-execution.md)");
    });
  });
});
