import type { Doc } from "./document.js";

interface Directive {
  type: "disable" | "enable" | "disable-next-line";
  line: number;
  /** Rule ids named, or empty for all rules. */
  ruleIds: string[];
}

const DIRECTIVE = /<!--\s*skill-lint-(disable-next-line|disable|enable)\b([^>]*?)-->/g;

/** Inline `<!-- skill-lint-disable ... -->` comments, ignoring any that sit inside code blocks. */
export function readDirectives(doc: Doc): Directive[] {
  const text = doc.text;
  if (!text.includes("skill-lint-")) return [];
  const directives: Directive[] = [];
  for (const match of text.matchAll(DIRECTIVE)) {
    const offset = match.index;
    if (doc.codeAt(offset) || isInlineCode(doc, offset)) continue;
    const { line } = doc.lines.position(offset + match[0].length - 1);
    const ruleIds = match[2]!.split(/[\s,]+/).filter(Boolean);
    directives.push({ type: match[1] as Directive["type"], line, ruleIds });
  }
  return directives;
}

function isInlineCode(doc: Doc, offset: number): boolean {
  const { line } = doc.lines.position(offset);
  const before = doc.text.slice(doc.lines.lineStart(line), offset);
  return (before.match(/`/g) ?? []).length % 2 === 1;
}

/** A predicate telling whether a finding of a rule at a line is switched off by a directive. */
export function createSuppressor(directives: Directive[]): (ruleId: string, line: number) => boolean {
  if (directives.length === 0) return () => false;
  return (ruleId, line) => {
    let disabled = false;
    for (const directive of directives) {
      const applies = directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId);
      if (!applies) continue;
      if (directive.type === "disable-next-line") {
        if (directive.line + 1 === line) return true;
      } else if (directive.line <= line) {
        disabled = directive.type === "disable";
      }
    }
    return disabled;
  };
}
