import { describe, expect, it } from "vitest";
import { Doc } from "../src/document.js";
import { detectKind } from "../src/kinds.js";
import { lintText } from "../src/index.js";

describe("positions", () => {
  const broken = (eol: string) => ["---", "name: x", "description: a: b", "---", "", "# T"].join(eol) + eol;

  it("are the same with LF, CRLF and CR line endings", () => {
    for (const eol of ["\n", "\r\n", "\r"]) {
      const [finding] = lintText(broken(eol), { filePath: "skills/x/SKILL.md" }).findings;
      expect(finding).toMatchObject({ ruleId: "frontmatter-yaml", line: 3, column: 15 });
    }
  });

  it("ignore a BOM: columns count from the first visible character", () => {
    const [finding] = lintText(`\uFEFF${broken("\n")}`, { filePath: "skills/x/SKILL.md" }).findings;
    expect(finding).toMatchObject({ line: 3, column: 15 });
  });

  it("count a tab as one column", () => {
    const doc = "---\nname: x\n\tdescription: y\n---\n";
    const [finding] = lintText(doc, { filePath: "agents/x.md" }).findings;
    expect(finding).toMatchObject({ ruleId: "frontmatter-yaml", line: 3, column: 1 });
    expect(finding!.message).toContain("indent with spaces");
  });

  it("an empty file, a file of only frontmatter and a file of whitespace lint clean", () => {
    for (const text of ["", "---\nname: x\n---\n", "  \n\n\t\n", "---\n---\n", "\uFEFF", "\r\n\r\n"]) {
      expect(lintText(text, { filePath: "docs/notes.md" }).findings).toEqual([]);
    }
  });
});

describe("mentions", () => {
  const doc = new Doc(
    [
      "# Guide",
      "",
      "There is no Task tool in this version.",
      "The Task tool doesn't exist.",
      'The error says "Task tool not found".',
      "Use the Agent tool.",
      "",
      "## Incorrect pattern",
      "",
      "Use the Task tool.",
      "",
      "## Correct pattern",
      "",
      "> Use the Task tool.",
      "",
      "```markdown",
      "# WRONG",
      "Task tool:",
      "```",
      "",
      "- ❌ Use the Task tool",
    ].join("\n"),
  );
  const at = (needle: string, from = 0): [number, number] => {
    const start = doc.text.indexOf(needle, from);
    return [start, start + needle.length];
  };

  it("tells negated and quoted mentions from instructions", () => {
    expect(doc.isMention(...at("Task tool in"))).toBe(true);
    expect(doc.isMention(...at("Task tool", doc.text.indexOf("The Task tool doesn't")))).toBe(true);
    expect(doc.isMention(...at("Task tool not found"))).toBe(true);
    expect(doc.isMention(...at("Agent tool"))).toBe(false);
  });

  it("treats counter-example sections, quotes, wrong code and wrong list items as mentions", () => {
    const incorrect = doc.text.indexOf("## Incorrect");
    expect(doc.isMention(...at("Use the Task tool.", incorrect))).toBe(true);
    const [quoteStart, quoteEnd] = at("> Use the Task tool.");
    expect(doc.isMention(quoteStart + 2, quoteEnd)).toBe(true);
    expect(doc.isMention(...at("Task tool:"))).toBe(true);
    expect(doc.isMention(...at("Use the Task tool", doc.text.indexOf("❌")))).toBe(true);
  });

  it("knows the text of an example that spilled out of its code block, up to the outer closing fence", () => {
    const text = [
      "# Write the README",
      "",
      "```markdown",
      "## Install",
      "```bash",
      "npm install",
      "```",
      "See [the API docs](./docs/api.md).",
      "```js",
      "run();",
      "```",
      "Read [CONTRIBUTING.md](CONTRIBUTING.md).",
      "```",
      "",
      "Then open [the guide](guide.md).",
      "",
    ].join("\n");
    const doc = new Doc(text);
    expect(doc.isSpilledExample(text.indexOf("[the API docs]"))).toBe(true);
    expect(doc.isSpilledExample(text.indexOf("[CONTRIBUTING.md]"))).toBe(true);
    expect(doc.isSpilledExample(text.indexOf("[the guide]"))).toBe(false);
    expect(new Doc("```bash\nnpm test\n```\n\nSee [x](x.md).\n\n```\nplain\n```\n").isSpilledExample(30)).toBe(false);
  });

  it("knows the text of a markdown example whose inner bare fence closed it", () => {
    const spilled = ["```markdown", "Invoke the skill:", "", "```", 'Skill(command="x")', "```", "", "It handles the rest.", "```", "", "After."].join("\n");
    const doc = new Doc(spilled);
    expect(doc.isSpilledExample(spilled.indexOf("Skill("))).toBe(true);
    expect(doc.isSpilledExample(spilled.indexOf("It handles"))).toBe(true);
    expect(doc.isSpilledExample(spilled.indexOf("After."))).toBe(false);
    // A sentence set apart by blank lines between an example and a plain block is the doc's own.
    const apart = ["```markdown", "# Example", "```", "", 'Run Skill(command="x"):', "", "```", "npm test", "```", ""].join("\n");
    expect(new Doc(apart).isSpilledExample(apart.indexOf("Run"))).toBe(false);
  });

  it("knows the innermost section of an offset", () => {
    expect(doc.sectionAt(at("Use the Agent tool")[0])?.heading).toBe("Guide");
    expect(doc.sectionAt(doc.text.indexOf("> Use"))?.heading).toBe("Correct pattern");
    expect(doc.sectionAt(doc.text.indexOf("> Use"))?.counterExample).toBe(false);
  });

  it("reads an \"Avoid\" heading as a list of what to leave out only when it names no goal", () => {
    const counter = (heading: string) => new Doc(`## ${heading}\n\ntext\n`).sections[0]!.counterExample;
    for (const list of ["Avoid", "Things to Avoid", "Avoid:", "Dump the History (AVOID)", "Avoid these", "Avoid when", "Avoid Diagrams For:"]) {
      expect(counter(list), list).toBe(true);
    }
    for (const goal of ["CRITICAL: Avoid BashOutput Spam", "How to Avoid This", "Use Covering Indexes to Avoid Table Lookups", "Avoid .then() Chains"]) {
      expect(counter(goal), goal).toBe(false);
    }
    expect(counter("Anti-Patterns to Avoid")).toBe(true);
  });
});

describe("kinds", () => {
  it("come from the path", () => {
    const none = () => false;
    expect(detectKind("repo/skills/review/SKILL.md", none)).toBe("skill");
    expect(detectKind("repo/skills/review/skill.MD", none)).toBe("skill");
    expect(detectKind("repo/plugins/x/agents/reviewer.md", none)).toBe("agent");
    expect(detectKind("repo/agents/review/deep.md", none)).toBe("agent");
    expect(detectKind("repo/.claude/commands/deploy.md", none)).toBe("command");
    expect(detectKind("repo/docs/solutions/build-errors/x.md", none)).toBe("solution");
    expect(detectKind("repo/README.md", none)).toBe("doc");
  });

  it("markdown in a skill's folder is a skill reference", () => {
    const skillFolder = (dir: string) => dir.endsWith("/skills/review");
    expect(detectKind("/r/skills/review/references/checklist.md", skillFolder)).toBe("skill-reference");
    expect(detectKind("/r/skills/review/notes.md", skillFolder)).toBe("skill-reference");
    expect(detectKind("/r/skills/other/notes.md", skillFolder)).toBe("doc");
  });
});

describe("headingMatchBound", () => {
  const WORDS = /symptom|rootcause/giu;
  const headingCount = (text: string): number => new Doc(text).sections.filter((s) => /symptom|root cause/iu.test(s.heading)).length;

  it("is never below the headings that match, whatever markup splits their words", () => {
    const texts = [
      "# Symptoms\n\n## Root Cause\n",
      "## Sym*pt*oms\n\ntext\n",
      "## Root [ca](https://example.com/x)use\n",
      "## Root [ca][ref]use\n\n[ref]: https://example.com\n",
      "## ![Sym](a.png)ptoms\n",
      "> ## Ro`ot` Cause\n",
      "Sym\\\nptoms\n---\n",
      "## `a](symptoms)`\n",
      "## Root\\* cause\n",
    ];
    for (const text of texts) expect(new Doc(text).headingMatchBound(WORDS)).toBeGreaterThanOrEqual(headingCount(text));
  });

  it("is zero for a doc whose text cannot hold such a heading", () => {
    expect(new Doc("# Notes\n\nA [link](https://example.com/causes) and `code`, at the root.\n").headingMatchBound(WORDS)).toBe(0);
  });

  it("cannot tell without a parse when a character reference may spell a letter or a link is not taken out", () => {
    expect(new Doc("## &#83;ymptoms\n").headingMatchBound(WORDS)).toBe(Infinity);
    expect(new Doc("## Notes [a](x(y(z)))\n").headingMatchBound(WORDS)).toBe(Infinity);
  });
});
