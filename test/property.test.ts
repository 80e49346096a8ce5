import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { applyFixes, chooseFixes } from "../src/fix.js";
import { parse, parseDocument } from "yaml";
import { lintText, rules } from "../src/index.js";
import type { Finding } from "../src/types.js";
import { project } from "./helpers.js";

/** An empty folder, so no config of this repository applies to the generated docs. */
const CWD = project({});
const PATHS = ["skills/sample-skill/SKILL.md", "agents/reviewer.md", "commands/release.md", "docs/solutions/build-errors/sample.md", "notes.md"];

const word = fc.constantFrom("parse", "files", "Review", "the", "build", "release", "café", "step", "output", "API", "42", "x");
const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(" "));

/** Phrases the rules look for, right and wrong, so that generated docs do produce findings and fixes. */
const mention = fc.constantFrom(
  "use the Task tool",
  "use the Taks tool",
  "Use the Agent tool with subagent_type: Explore",
  "run in the background",
  "run it with `run_in_background: true`",
  '`claude -p "Summarize the diff"`',
  "claude --continue",
  "as discussed above",
  "wait for it to finish before you continue",
  "scripts\\helper.py",
  "C:\\Users\\me\\notes.txt",
  "{{PROJECT_NAME}}",
  "<your-name-here>",
  "TODO: fill in",
  "as of 2024",
  "there is no Task tool",
  "the Bash tool",
  "Read, Grep, Glob",
  '"quoted Task tool"',
  "`inline code`",
  "[a link](https://example.com/a_b)",
  "[relative](./reference.md)",
);
const sentence = fc.array(fc.oneof(words, mention), { minLength: 1, maxLength: 4 }).map((parts) => `${parts.join(" ")}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => s.join(" "));

const heading = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.oneof(words, fc.constantFrom("Wrong", "Correct pattern", "Prevention", "Incorrect Pattern", "Root Cause", "Solution", "Steps")))
  .map(([depth, title]) => `${"#".repeat(depth)} ${title}`);
const listItem = fc
  .tuple(fc.constantFrom("- ", "* ", "1. ", "- [ ] ", "- [x] ", "- [ ] **Check**: ", "  - ", "> - "), paragraph)
  .map(([marker, text]) => marker + text);
const list = fc.array(listItem, { minLength: 1, maxLength: 4 }).map((items) => items.join("\n"));
const fence = fc
  .tuple(fc.constantFrom("", "bash", "markdown", "yaml", "powershell"), fc.array(fc.oneof(words, mention, fc.constantFrom("# WRONG", "// bad")), { maxLength: 3 }))
  .map(([lang, lines]) => ["```" + lang, ...lines, "```"].join("\n"));
const directive = fc
  .tuple(fc.constantFrom("disable", "disable-next-line", "enable"), fc.constantFrom("", " no-unknown-tool", " no-windows-paths, no-placeholder", " no-such-rule"))
  .map(([kind, ids]) => `<!-- skill-lint-${kind}${ids} -->`);
const block = fc.oneof(heading, paragraph, list, fence, directive, paragraph.map((p) => `> ${p}`));

const frontmatterLine = fc.oneof(
  word.map((w) => `name: ${w.toLowerCase()}`),
  paragraph.map((p) => `description: ${JSON.stringify(p)}`),
  fc.constantFrom(
    "description: Convert HCL files. Use when: the user has one.",
    "description: [draft] Converts files",
    "tools: Read, Grep, Taks",
    "allowed-tools: Bash(git:*), Read",
    "model: sonnet",
    "problem_type: build_error",
    "color: purple",
    "name: Bad Name",
    "unknown_key: 1",
    "\tindented: tab",
  ),
);
const frontmatter = fc.option(fc.array(frontmatterLine, { maxLength: 5 }).map((lines) => ["---", ...lines, "---"].join("\n")), { nil: undefined });

/** A generated doc: optional frontmatter, blocks, and one kind of line ending; sometimes a BOM. */
const documents = fc
  .record({
    frontmatter,
    blocks: fc.array(block, { maxLength: 8 }),
    eol: fc.constantFrom("\n", "\r\n", "\r"),
    separator: fc.constantFrom("\n\n", "\n"),
    bom: fc.boolean(),
    filePath: fc.constantFrom(...PATHS),
  })
  .map(({ frontmatter: fm, blocks, eol, separator, bom, filePath }) => {
    const body = [...(fm === undefined ? [] : [fm]), ...blocks].join(separator) + "\n";
    return { text: (bom ? "\uFEFF" : "") + body.replace(/\n/g, eol), filePath };
  });

function lint(text: string, filePath: string, fix = false) {
  return lintText(text, { filePath, cwd: CWD, fix });
}

/** The lengths of the text's lines, as the engine counts them (CRLF, CR and LF each end a line). */
function lineLengths(text: string): number[] {
  return text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/).map((line) => line.length);
}

function inside(finding: Finding, lengths: number[]): boolean {
  const { line, column, endLine, endColumn } = finding;
  const fits = (l: number, c: number): boolean => l >= 1 && l <= lengths.length && c >= 1 && c <= lengths[l - 1]! + 1;
  return fits(line, column) && fits(endLine, endColumn) && (endLine > line || (endLine === line && endColumn >= column));
}


/**
 * A fixed seed keeps CI repeatable; set SKILL_LINT_PROPERTY_SEED (a number, or "random") to explore others. A
 * counterexample found that way becomes a case in `examples` below.
 */
const seedSetting = process.env.SKILL_LINT_PROPERTY_SEED;
const RUNS = {
  numRuns: 150,
  ...(seedSetting === "random" ? {} : { seed: seedSetting ? Number(seedSetting) : 20261125 }),
  examples: [
    // A sentence after a CRLF once started on the CR's LF, a column past the end of its line.
    [{ text: "run in the background use the Task tool. parse.\r\nwait for it to finish before you continue.\r\n", filePath: "skills/sample-skill/SKILL.md" }],
  ],
};

describe("linting generated docs", () => {
  it("never throws, and every finding lies inside the file", () => {
    fc.assert(
      fc.property(documents, ({ text, filePath }) => {
        const lengths = lineLengths(text);
        for (const finding of lint(text, filePath).findings) {
          expect(inside(finding, lengths), `${finding.ruleId} at ${finding.line}:${finding.column}-${finding.endLine}:${finding.endColumn}`).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it("gives the same findings for the same input", () => {
    fc.assert(
      fc.property(documents, ({ text, filePath }) => {
        expect(lint(text, filePath).findings).toEqual(lint(text, filePath).findings);
      }),
      RUNS,
    );
  });

  it("fixes only inside the fixed ranges, converges, and is idempotent", () => {
    fc.assert(
      fc.property(documents, ({ text, filePath }) => {
        const first = lint(text, filePath);
        const source = first.source ?? text;
        const fixes = chooseFixes(source, first.findings);
        for (const fix of fixes) {
          expect(fix.range[0]).toBeGreaterThanOrEqual(0);
          expect(fix.range[1]).toBeLessThanOrEqual(source.length);
        }

        // One pass: the output is the text between the fixes, unchanged, and each fix's text.
        const onePass = lint(text, filePath, true);
        if (fixes.length === 0) {
          expect(onePass.output).toBeUndefined();
          return;
        }
        let expected = "";
        let from = 0;
        for (const fix of fixes) {
          expected += source.slice(from, fix.range[0]) + fix.text;
          from = fix.range[1];
        }
        expected += source.slice(from);
        expect(applyFixes(source, first.findings).output).toBe(expected);

        // All passes: nothing fixable is left, and fixing the output again changes nothing.
        const output = onePass.output;
        expect(output).toBeDefined();
        expect(output!.startsWith("\uFEFF")).toBe(text.startsWith("\uFEFF"));
        expect(lint(output!, filePath).findings.filter((f) => f.fix)).toEqual([]);
        expect(lint(output!, filePath, true).output).toBeUndefined();
      }),
      RUNS,
    );
  });
});

/**
 * Frontmatter of valid entries and one that the YAML quote fix may mend, with the value its author meant: the
 * text as written, or inside its quotes when its own unescaped quotes broke it. `undefined`: no value is sure.
 */
const plainText = fc.array(fc.constantFrom("Use", "when", "files", "the build", "50%", "@team", "a#b", "café", "x\\y", "it's"), { minLength: 1, maxLength: 4 }).map((w) => w.join(" "));
const brokenEntry = fc.oneof(
  fc.tuple(plainText, plainText).map(([a, b]) => ({ value: `${a}: ${b}`, intended: `${a}: ${b}` as string | undefined })),
  fc.tuple(plainText, plainText).map(([a, b]) => ({ value: `${a}: ${b} # note`, intended: `${a}: ${b} # note` as string | undefined })),
  fc.tuple(plainText, plainText).map(([a, b]) => ({ value: `[${a}] ${b}`, intended: `[${a}] ${b}` as string | undefined })),
  fc.tuple(plainText, plainText).map(([a, b]) => ({ value: `{${a}} ${b}`, intended: `{${a}} ${b}` as string | undefined })),
  fc.tuple(plainText, plainText).map(([a, b]) => ({ value: `"${a}" ${b}: x`, intended: `"${a}" ${b}: x` as string | undefined })),
  fc.tuple(plainText, plainText).map(([a, b]) => ({ value: `"${a} "${b}" when: x"`, intended: `${a} "${b}" when: x` as string | undefined })),
  fc.tuple(plainText, plainText).map(([a, b]) => ({ value: `"${a}: ${b}`, intended: undefined })),
  // A value continued on the next line: quoting its first line alone would leave the frontmatter broken. A text key at
  // the top level becomes a block scalar, which keeps each line; nested, no value is sure.
  fc.tuple(plainText, plainText).map(([a, b]) => ({ value: `${a}: ${b}\n  ${b} continued`, intended: undefined, block: `${a}: ${b}\n${b} continued\n` })),
);
const validEntry = fc.constantFrom("name: sample-skill", 'description: "Drafts notes."', "model: sonnet", "metadata:\n  owner: docs", "tags: [a, b]");
const quoteCases = fc
  .record({
    before: fc.array(validEntry, { maxLength: 2 }),
    after: fc.array(validEntry, { maxLength: 2 }),
    key: fc.constantFrom("description", "argument-hint", "summary"),
    nested: fc.boolean(),
    broken: brokenEntry,
    eol: fc.constantFrom("\n", "\r\n"),
  })
  .map(({ before, after, key, nested, broken, eol }) => {
    const entry = nested ? `details:\n  ${key}: ${broken.value.replace(/\n/g, "\n  ")}` : `${key}: ${broken.value}`;
    const top = nested ? "details" : key;
    // The valid entries, each key once and none the broken entry's: the value the whole frontmatter should hold.
    const valid = new Map([...before, ...after].map((line) => [line.slice(0, line.indexOf(":")), line]));
    valid.delete(top);
    const lines = [...valid.values()];
    const text = ["---", ...lines.slice(0, before.length), entry, ...lines.slice(before.length), "---", "", "# Sample", ""].join("\n").replace(/\n/g, eol);
    const intended = nested ? broken.intended : ("block" in broken ? broken.block : broken.intended);
    const expected = Object.assign({}, ...lines.map((line) => parse(line) as object), { [top]: nested ? { [key]: intended } : intended });
    return { text, expected: expected as Record<string, unknown>, intended };
  });

const YAML_ONLY = { rules: Object.fromEntries(rules.map(({ meta }) => [meta.id, meta.id === "frontmatter-yaml" ? "error" : "off"])) } as const;

describe("the YAML quote fix", () => {
  it("either gives frontmatter that parses with the same keys and the intended value, or offers no fix", () => {
    let fixed = 0;
    fc.assert(
      fc.property(quoteCases, ({ text, expected, intended }) => {
        const result = lintText(text, { filePath: "skills/sample-skill/SKILL.md", cwd: CWD, fix: true, config: YAML_ONLY });
        if (result.output === undefined) {
          expect(intended === undefined || !result.findings.some((f) => f.fix)).toBe(true);
          return;
        }
        fixed++;
        expect(intended).toBeDefined();
        const yaml = parseDocument(result.output.split(/\r?\n---\r?\n/)[0]!.replace(/^---\r?\n/, ""));
        expect(yaml.errors).toEqual([]);
        expect(yaml.toJS()).toEqual(expected);
      }),
      RUNS,
    );
    expect(fixed).toBeGreaterThan(RUNS.numRuns / 3);
  });

  it("makes a description continued on the next line a block scalar", () => {
    const text = "---\nname: sample-skill\ndescription: Use when: x\n  and more\n---\n\n# Sample\n";
    const result = lintText(text, { filePath: "skills/sample-skill/SKILL.md", cwd: CWD, fix: true, config: YAML_ONLY });
    expect(result.output).toBe("---\nname: sample-skill\ndescription: |\n  Use when: x\n  and more\n---\n\n# Sample\n");
  });

  it("offers no fix for a quote never closed", () => {
    for (const value of ['"Use when: x']) {
      const text = `---\nname: sample-skill\ndescription: ${value}\n---\n\n# Sample\n`;
      const result = lintText(text, { filePath: "skills/sample-skill/SKILL.md", cwd: CWD, fix: true, config: YAML_ONLY });
      expect(result.findings.map((f) => f.ruleId)).toContain("frontmatter-yaml");
      expect(result.output).toBeUndefined();
    }
  });

  it("quotes a value broken by its own quotes to the text inside them", () => {
    const text = '---\nname: sample-skill\ndescription: "Use "this" when: x"\n---\n\n# Sample\n';
    const result = lintText(text, { filePath: "skills/sample-skill/SKILL.md", cwd: CWD, fix: true, config: YAML_ONLY });
    expect(result.output).toBe('---\nname: sample-skill\ndescription: "Use \\"this\\" when: x"\n---\n\n# Sample\n');
  });
});
