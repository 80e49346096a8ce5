/**
 * Rules decide from the raw text whether a doc needs its tree. These tests hold the two sides of that
 * bargain: a doc the text rules out is never parsed, and every form a rule reports still gets through.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintText, rules } from "../src/index.js";
import { parseStats } from "../src/parse.js";

function lintOnly(ruleId: string, text: string, filePath: string, cwd?: string): { rules: string[]; parsed: boolean } {
  const before = parseStats.trees;
  // The other rules off: whether the tree was built is then this rule's doing.
  const config = { rules: Object.fromEntries(rules.map((rule) => [rule.meta.id, rule.meta.id === ruleId ? "error" : "off"])) };
  const result = lintText(text, { filePath, ...(cwd ? { cwd } : {}), config });
  return { rules: result.findings.filter((f) => f.ruleId === ruleId).map((f) => `${f.line}:${f.column}`), parsed: parseStats.trees > before };
}

describe("no-unknown-tool pre-check", () => {
  it("does not parse a doc whose only tool-like words cannot be reported", () => {
    const doc = "# Research\n\nUse the Find tool and the Playwright tool when you need them. The `Grep` tool searches.\n";
    expect(lintOnly("no-unknown-tool", doc, "agents/researcher.md")).toEqual({ rules: [], parsed: false });
  });

  it("still reports an unknown tool in a parameter block and a renamed one in backticks", () => {
    const doc = "# Run\n\nSpawner tool:\n  prompt: review the diff\n\nThen call the `Task` tool.\n";
    expect(lintOnly("no-unknown-tool", doc, "agents/runner.md").rules).toEqual(["3:1", "6:16"]);
  });
});

describe("background pre-check", () => {
  it("does not parse a doc that says background without a launch verb before it", () => {
    const doc = "# Jobs\n\nSidekiq processes background jobs. See the background section of the app docs.\n";
    expect(lintOnly("background-needs-run-in-background", doc, "skills/jobs/SKILL.md")).toEqual({ rules: [], parsed: false });
  });

  it("still reports a launch whose verb is far from the word background", () => {
    const doc = "# Tests\n\nRun the full end-to-end suite with `npm run test:e2e -- --reporter=list --workers=4` in the background.\n";
    expect(lintOnly("background-needs-run-in-background", doc, "skills/tests/SKILL.md").rules).toEqual(["3:86"]);
  });
});

describe("no-placeholder pre-check", () => {
  it("does not parse a doc whose {{slots}} sit only in paragraphs", () => {
    const doc = "# Writer\n\nFill in {{RoleTitle}} with the role the user asks for.\n";
    expect(lintOnly("no-placeholder", doc, "agents/writer.md")).toEqual({ rules: [], parsed: false });
  });

  it("still reports a slot in a setext heading and in a heading inside a list item", () => {
    const doc = "{{ Title }}\n===========\n\n- # {{NAME}}\n";
    expect(lintOnly("no-placeholder", doc, "agents/writer.md").rules).toEqual(["1:1", "4:5"]);
  });

  it("still reports a TODO note that does not open the file", () => {
    const doc = "# Deploy\n\nSteps follow.\n\nTODO: fill in the rollback steps\n";
    expect(lintOnly("no-placeholder", doc, "commands/deploy.md").rules).toEqual(["5:1"]);
  });
});

describe("skill-size pre-check", () => {
  function skill(): string {
    const dir = mkdtempSync(path.join(tmpdir(), "skill-lint-precheck-"));
    mkdirSync(path.join(dir, ".git"));
    mkdirSync(path.join(dir, "skills/pdf/reference"), { recursive: true });
    writeFileSync(path.join(dir, "skills/pdf/SKILL.md"), "---\nname: pdf\ndescription: Fills PDF forms. Use when a form must be filled.\n---\n\nSee [forms](reference/forms.md).\n");
    writeFileSync(path.join(dir, "skills/pdf/reference/forms.md"), "# Forms\n");
    writeFileSync(path.join(dir, "skills/pdf/reference/tables.md"), "# Tables\n");
    writeFileSync(path.join(dir, "skills/pdf/reference/fields.md"), "# Fields\n");
    return dir;
  }

  it("does not parse a reference that names only files SKILL.md names or that do not exist", () => {
    const dir = skill();
    const doc = "# Forms\n\nBack to [the skill](../SKILL.md); see also [forms](forms.md) and `missing.md`.\n";
    expect(lintOnly("skill-size", doc, "skills/pdf/reference/forms.md", dir)).toEqual({ rules: [], parsed: false });
  });

  it("still reports a nested reference, also one in angle brackets and one escaped", () => {
    const dir = skill();
    const doc = "# Forms\n\nSee [fields](<fields.md>) and [tables](tables%2Emd).\n";
    expect(lintOnly("skill-size", doc, "skills/pdf/reference/forms.md", dir).rules).toEqual(["3:5", "3:31"]);
  });
});

describe("subagent launch pre-check", () => {
  it("does not parse a doc that leans on the conversation but launches nothing", () => {
    const doc = "# Summary\n\nAs discussed above, keep the summary short and use the terms this conversation settled on.\n";
    expect(lintOnly("self-contained-prompt", doc, "skills/summary/SKILL.md")).toEqual({ rules: [], parsed: false });
  });

  it("still reports a `claude -p` prompt that leans on the conversation", () => {
    const doc = '# Review\n\nStart a fresh reviewer:\n\n```bash\nclaude -p "Review the diff we discussed in this conversation."\n```\n';
    expect(lintOnly("self-contained-prompt", doc, "skills/review/SKILL.md").rules).toEqual(["6:28", "6:44"]);
  });
});
