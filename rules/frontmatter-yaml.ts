/** Frontmatter that is not valid YAML, or not a mapping: Claude Code then drops all of it. */
import { isMap, parseDocument } from "yaml";
import { ALL_KINDS, docsUrl } from "../src/rule-helpers.js";
import type { Fix, Rule } from "../src/types.js";

const DROPPED = "Claude Code ignores all frontmatter of such a file, so its name, description and tools are lost";
const TEMPLATE_PLACEHOLDER = /\{\{[^{}\n]*\}\}/;
const KEY_VALUE = /^([ \t]*[\w.-]+:[ \t]+)(?:((?![ \t]).+(?<![ \t]))[ \t]*)?$/;
const NEEDS_QUOTES = /: |^\[.*\][ \t]*\S|^\{.*\}[ \t]*\S|^["'].*["'][ \t]*\S/;

/** Wrapping the line's plain value in double quotes, when that is surely what the author meant. */
function quoteFix(line: string, lineStart: number): { fix: Fix; value: string } | undefined {
  const match = KEY_VALUE.exec(line);
  if (!match) return undefined;
  const value = match[2] ?? "";
  if (!NEEDS_QUOTES.test(value) || /^[|>&*!]/.test(value) || /^["'][^"']*["']$/.test(value)) return undefined;
  const start = lineStart + match[1]!.length;
  return { fix: { range: [start, start + value.length], text: JSON.stringify(value) }, value };
}

function hintFor(code: string, line: string): string {
  const value = KEY_VALUE.exec(line)?.[2] ?? "";
  if (/^\[/.test(value)) return `quote the value (\`${line.trim().replace(/:.*/, "")}: "${value.replace(/"/g, '\\"')}"\`) or write it as one YAML list`;
  if (code === "BLOCK_AS_IMPLICIT_KEY" || /: /.test(value)) return "quote the value, since it contains \": \"";
  if (code === "TAB_AS_INDENT") return "indent with spaces, not tabs";
  if (code === "DUPLICATE_KEY") return "remove or rename the repeated key";
  if (code === "MISSING_CHAR") return "close the quote";
  if (code === "RESOURCE_EXHAUSTION") return "write the values out instead of nesting aliases";
  return "quote the value or fix the indentation";
}

const rule: Rule = {
  meta: {
    id: "frontmatter-yaml",
    description: "Frontmatter must be valid YAML and a mapping of keys to values.",
    kinds: ALL_KINDS,
    severity: "error",
    docsUrl: docsUrl("frontmatter-yaml"),
    fixable: true,
  },
  check({ doc, report }) {
    const frontmatter = doc.frontmatter;
    if (!frontmatter) {
      const unclosed = /^---[ \t]*(?:\r\n|\r|\n)[ \t]*[\w-]+:/.exec(doc.text);
      if (unclosed) {
        report({
          message: `Frontmatter opened on line 1 is never closed; add a line with \`---\` after its last key. ${DROPPED}.`,
          start: 0,
          end: 3,
        });
      }
      return;
    }
    const { yaml, contentStart } = frontmatter;
    const seenLines = new Set<number>();
    for (const error of yaml.errors) {
      const start = contentStart + error.pos[0];
      const { line } = doc.lines.position(start);
      if (seenLines.has(line)) continue;
      seenLines.add(line);
      const lineStart = doc.lines.lineStart(line);
      const lineText = doc.text.slice(lineStart, doc.lines.lineEnd(line));
      // A template's `{{placeholder}}` is filled in before the YAML is ever read.
      if (TEMPLATE_PLACEHOLDER.test(lineText)) continue;
      // After the first error the parser may be lost: a later line counts only if it is broken on its own,
      // and then its own error is the one to explain.
      const own = seenLines.size > 1 && KEY_VALUE.test(lineText) ? parseDocument(lineText.trim()).errors[0] : undefined;
      if (seenLines.size > 1 && KEY_VALUE.test(lineText) && !own) continue;
      const code = own?.code ?? error.code;
      const reason = (own ?? error).message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      const quoting = code === "DUPLICATE_KEY" ? undefined : quoteFix(lineText, lineStart);
      // YAML blames the start of the value; the author needs to see the ": " that broke it.
      const colon = code === "BLOCK_AS_IMPLICIT_KEY" && quoting ? quoting.value.indexOf(": ") : -1;
      const at = colon >= 0 ? quoting!.fix.range[0] + colon : start;
      report({
        message: `Invalid YAML in frontmatter: ${reason}; ${hintFor(code, lineText)}. ${DROPPED}.`,
        start: at,
        end: colon >= 0 ? at + 1 : Math.max(contentStart + error.pos[1], start + 1),
        ...(quoting ? { fix: quoting.fix } : {}),
      });
    }
    if (yaml.errors.length === 0 && yaml.contents !== null && !isMap(yaml.contents)) {
      const range = yaml.contents.range ?? [0, 1];
      report({
        message: `Frontmatter must be a mapping of keys to values (\`name: ...\`), not a ${
          yaml.contents.constructor.name === "YAMLSeq" ? "list" : "single value"
        }. ${DROPPED}.`,
        start: contentStart + range[0],
        end: contentStart + range[1],
      });
    }
  },
};

export default rule;
