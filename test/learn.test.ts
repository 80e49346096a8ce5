import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { draftChecks, formatYaml, type DraftCheck } from "../src/learn.js";
import { slowRegex } from "../src/patterns.js";
import { CLI, project, runCli } from "./helpers.js";

const repoRoot = path.resolve(import.meta.dirname, "..");
const seedRoot = path.resolve(repoRoot, "../shared/seed");
const SEED = "docs/solutions/skill-patterns/parallel-subagent-background-execution.md";
const haveSeed = existsSync(path.join(seedRoot, SEED));
if (!haveSeed) console.warn(`learn.test: skipping the seed's drafts: ${path.join(seedRoot, SEED)} is absent`);

const patternsOf = (draft: DraftCheck): string[] => [...(draft.forbid?.patterns ?? []), ...(draft.require?.when.patterns ?? []), ...(draft.require?.present.patterns ?? [])];

describe.skipIf(!haveSeed)("skill-lint learn on the seed", () => {
  const drafts = haveSeed ? draftChecks(readFileSync(path.join(seedRoot, SEED), "utf8"), SEED) : [];

  it("swaps the Task tool its Incorrect Pattern and symptoms name for the Agent tool", () => {
    const swap = drafts.find((d) => d.swap);
    expect(swap?.swap).toEqual([{ from: "Task tool", to: "Agent tool" }]);
    expect(swap?.id).toBe("project/parallel-subagent-background-execution-task-tool");
    expect(swap?.from).toMatchObject({ line: 89, text: "Task tool:" });
    // The symptom in the frontmatter and the one in the Symptoms section say the same.
    expect(swap?.from.also).toEqual(expect.arrayContaining([17, 31]));
    expect(swap?.message).toContain('write "Agent tool"');
  });

  it("requires run_in_background: true where a bash block runs claude -p, as its Solution shows", () => {
    const background = drafts.find((d) => d.require?.present.phrases?.includes("run_in_background: true"));
    expect(background?.require?.when).toEqual({ patterns: ["\\bclaude -p\\b"] });
    expect(background?.from.line).toBe(120);
    expect(background?.message).toMatch(/runs `claude -p` in a bash block should write `run_in_background: true`/);
  });

  it("requires claude -p where a doc mentions a fresh subagent, the purpose its Solution gives the launch", () => {
    const fresh = drafts.find((d) => d.require?.present.phrases?.includes("claude -p"));
    expect(fresh?.require?.when).toEqual({ phrases: ["fresh subagent"] });
    expect(fresh?.from.line).toBe(121);
  });

  it("drafts nothing from checklist items that name no code form, and only warnings for skills, agents and commands", () => {
    expect(drafts).toHaveLength(3);
    for (const draft of drafts) {
      expect(draft.id).toMatch(/^project\/parallel-subagent-background-execution-[a-z0-9-]+$/);
      expect(draft.severity).toBe("warn");
      expect(draft.kinds).toEqual(["skill", "agent", "command"]);
      expect([draft.forbid, draft.swap, draft.require].filter(Boolean)).toHaveLength(1);
      for (const pattern of patternsOf(draft)) expect(slowRegex(pattern)).toBeUndefined();
    }
  });

  it("prints YAML that parses to the drafts, each under a comment naming its line", () => {
    const yaml = formatYaml(drafts, SEED);
    expect(yaml).toContain('  # from line 89: "Task tool:" (also lines 17, 31, 44, 88)\n  - id: project/parallel-subagent-background-execution-task-tool\n');
    expect(yaml).toContain('  # from line 120: "- [ ] **Use Bash for background**: `run_in_background: true` parameter"\n');
    const parsed = parse(yaml) as { checks: unknown[] };
    expect(parsed.checks).toEqual(drafts.map((draft) => Object.fromEntries(Object.entries(draft).filter(([key]) => key !== "from"))));
  });

  it("prints the same drafts from the command line, as YAML and as JSON", () => {
    const yaml = runCli(["learn", SEED], seedRoot);
    expect(yaml.code).toBe(0);
    expect(yaml.stderr).toBe("");
    expect(yaml.stdout).toMatch(/^# Drafts from docs\/solutions\/skill-patterns\/parallel-subagent-background-execution\.md: review each/);
    expect((parse(yaml.stdout) as { checks: unknown[] }).checks).toHaveLength(3);
    for (const args of [["--json"], ["-f", "json"]]) {
      const json = runCli(["learn", ...args, SEED], seedRoot);
      expect(json.code).toBe(0);
      const out = JSON.parse(json.stdout) as { file: string; checks: DraftCheck[] };
      expect(out.file).toBe(SEED);
      expect(out.checks.map((c) => c.id)).toEqual(drafts.map((d) => d.id));
    }
  });

  it("gives checks that, pasted into the seed's frontmatter, keep the seed clean and catch a skill that breaks them", () => {
    const seed = readFileSync(path.join(seedRoot, SEED), "utf8");
    const printed = runCli(["learn", SEED], seedRoot).stdout;
    const checks = printed.slice(printed.indexOf("\nchecks:") + 1).trimEnd();
    const close = seed.indexOf("\n---", 3);
    const broken = '---\nname: review\ndescription: Reviews a change in parallel. Use when asked to review.\n---\n\nUse the Task tool to start a reviewer.\n\n```bash\nclaude -p "Review the diff" > review.txt\n```\n';
    const dir = project({ ".git/HEAD": "ref: refs/heads/main\n", [SEED]: `${seed.slice(0, close)}\n${checks}${seed.slice(close)}`, "skills/review/SKILL.md": broken });
    const clean = runCli([SEED, "-f", "json"], dir);
    expect(clean.stderr).toBe("");
    expect((JSON.parse(clean.stdout) as Array<{ messages: unknown[] }>)[0]!.messages).toEqual([]);
    const run = runCli(["skills", "-f", "json"], dir);
    const found = (JSON.parse(run.stdout) as Array<{ messages: Array<{ ruleId: string; line: number }> }>)[0]!.messages.filter((m) => m.ruleId.startsWith("project/"));
    expect(found.map((m) => [m.ruleId, m.line])).toEqual([
      ["project/parallel-subagent-background-execution-task-tool", 6],
      ["project/parallel-subagent-background-execution-run-in-background-true", 9],
    ]);
  });
});

const WITHOUT_CHECKLIST = `---
title: "Keep skill names hyphenated"
category: skill-design
problem_type: convention
---

# Keep skill names hyphenated

## Problem

Qwen mapped \`sonnet\` to \`anthropic/claude-sonnet\` instead of \`anthropic/claude-sonnet-4-6\`.

## Solution

Keep skill names hyphenated (\`ce-plan\`, not \`ce:plan\`): the skill folders use hyphens.

- **Avoid \`\${CLAUDE_SKILL_DIR}\`.** It is empty on every other host.

### Wrong

\`\`\`bash
bash scripts/measure.sh --fast "$TARGET"
\`\`\`

### Right

\`\`\`bash
bash scripts/measure.sh --exact "$TARGET"
\`\`\`

## Prevention

- Name each skill as its folder does.
`;

describe("skill-lint learn on a doc without a checklist", () => {
  const drafts = draftChecks(WITHOUT_CHECKLIST, "docs/solutions/skill-design/hyphenated-names.md");

  it("swaps the advice's wrong form and the one piece of code the right example changes", () => {
    const swaps = drafts.filter((d) => d.swap);
    expect(swaps.map((d) => d.swap)).toEqual([[{ from: "ce:plan", to: "ce-plan" }], [{ from: "--fast", to: "--exact" }]]);
    expect(swaps.map((d) => d.from.line)).toEqual([15, 22]);
    expect(drafts.some((d) => d.require)).toBe(false);
  });

  it("forbids a code form the doc says to avoid, with its reason as the message", () => {
    const forbid = drafts.find((d) => d.forbid);
    expect(forbid?.forbid).toEqual({ phrases: ["${CLAUDE_SKILL_DIR}"] });
    expect(forbid?.from.line).toBe(17);
    expect(forbid?.message).toBe("Do not write `${CLAUDE_SKILL_DIR}`: It is empty on every other host.");
  });

  it("takes nothing from a Problem section's report of what went wrong", () => {
    expect(drafts.flatMap((d) => d.swap ?? []).some((s) => s.from.includes("claude-sonnet"))).toBe(false);
  });

  it("drafts no code checks from a doc about a program's own code", () => {
    const appDoc = WITHOUT_CHECKLIST.replace('title: "Keep skill names hyphenated"', 'title: "Measure the parser"')
      .replace("category: skill-design", "category: performance")
      .replace("# Keep skill names hyphenated", "# Measure the parser");
    expect(draftChecks(appDoc, "docs/solutions/performance/measure.md")).toEqual([]);
  });
});

describe("skill-lint learn errors", () => {
  const dir = project({
    "docs/solutions/performance/nothing.md": "---\ntitle: Faster parser\n---\n\n# Faster parser\n\n## Problem\n\nIt was slow.\n\n## Solution\n\nCache the tree.\n",
    "skills/notes/SKILL.md": "---\nname: notes\ndescription: Takes notes.\n---\n\n# Notes\n",
  });

  it("says so in one line, with exit 0, when there is nothing to learn", () => {
    const { code, stdout, stderr } = runCli(["learn", "docs/solutions/performance/nothing.md"], dir);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout.trim().split("\n")).toEqual([
      "No drafts: docs/solutions/performance/nothing.md shows no wrong tool or code, and no checklist item names code its Solution shows.",
    ]);
    expect(JSON.parse(runCli(["learn", "--json", "docs/solutions/performance/nothing.md"], dir).stdout)).toEqual({ file: "docs/solutions/performance/nothing.md", checks: [] });
  });

  it("exits 2 with one line for a missing file, a doc that is not a solution doc, and bad arguments", () => {
    const cases: Array<[string[], string]> = [
      [["learn", "docs/solutions/missing.md"], "skill-lint: learn: docs/solutions/missing.md: no such file or directory"],
      [["learn", "skills/notes/SKILL.md"], "skill-lint: learn: skills/notes/SKILL.md: not a solution doc (expected docs/solutions/<category>/<slug>.md, or frontmatter with problem_type, symptoms or root_cause)"],
      [["learn"], "skill-lint: learn: learn takes one solution doc, got none (see skill-lint learn --help)"],
      [["learn", "a.md", "b.md"], "skill-lint: learn: learn takes one solution doc, got 2 (see skill-lint learn --help)"],
      [["learn", "-f", "xml", "docs/solutions/performance/nothing.md"], 'skill-lint: learn: learn prints yaml or json, not "xml"'],
    ];
    for (const [args, line] of cases) {
      const { code, stdout, stderr } = runCli(args, dir);
      expect({ args, code, stdout, lines: stderr.trim().split("\n") }).toEqual({ args, code: 2, stdout: "", lines: [line] });
    }
    const unknown = runCli(["learn", "--jsno", "docs/solutions/performance/nothing.md"], dir);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^skill-lint: learn: Unknown option '--jsno'.*\(see skill-lint learn --help\)\n$/);
  });

  it("prints its usage with --help", () => {
    const { code, stdout } = runCli(["learn", "--help"], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: skill-lint learn \[options\] docs\/solutions\/<category>\/<slug>\.md\n/);
  });

  it("is not part of the bundle a plain lint loads", () => {
    const cli = readFileSync(CLI, "utf8");
    expect(cli).not.toContain("Drafts from");
    expect(existsSync(path.join(path.dirname(CLI), "learn.js"))).toBe(true);
  });
});
