/** Template placeholders (`{{NAME}}`, `[schema enum]`, `<placeholder>`, `TODO: fill in`) left in a doc that is not a template. */
import path from "node:path";
import { isMap, isPair, isScalar, isSeq, type Node } from "yaml";
import { ALL_KINDS, docsUrl } from "../src/rule-helpers.js";
import type { Doc } from "../src/document.js";
import { blankInlineCode } from "../src/inline-code.js";
import type { Kind, Rule } from "../src/types.js";

/*
 * Where a placeholder is a mistake and where it is an instruction. Skills, agents and commands write `{{RoleTitle}}`
 * or `[2-3 sentence summary]` on purpose, as slots the agent fills in its output; those are left alone. A
 * placeholder is a leftover where the doc speaks for itself: a frontmatter value (its name, its description, a
 * solution's problem_type), a heading, a "TODO: fill in" note, and anywhere in a docs/solutions record, which is
 * written once from a template and never filled in again.
 */

/** `{{NAME}}`, `{{ skill name }}`; not `${{ secrets.X }}` (GitHub Actions) or `{{ .field }}` (Go templates). */
const MUSTACHE = /(?<!\$)\{\{[ \t]*[A-Z][\w -]{0,40}?[ \t]*\}\}/gi;
/** `<placeholder>`, `<your-skill-name>`, `<insert description here>`, `<TODO>`. */
const ANGLE = /<(?:placeholder|todo|tbd|(?:your|insert|enter|add|describe|fill)[- _][^<>\n]{1,40})>/gi;
/**
 * A leftover note opening a paragraph, heading or value: "TODO: fill in", "FIXME - ...", "[TODO ...]", "TBD",
 * "Lorem ipsum". The markers are capitals: "TODO items", "TODO/FIXME markers" name them rather than leave one, a
 * ticket id (`TODO-182:`) or a tag (`todo-resolution`) is not one, and neither is a link to `[TODO.md](TODO.md)`.
 */
const TODO_NOTE = /^(?:\[(?:TODO|TBD|FIXME)\b(?!\.\w)[^\]\n]*\](?!\()|(?:TODO|FIXME|XXX)(?:\([^)\n]*\))?[ \t]*(?:[:\u2013\u2014]|-(?=\s|$))|TBD\.?$|[Ll]orem ipsum\b)/;
/** The resolution template's slots, written in brackets: `[schema enum]`, `[YYYY-MM-DD]`, `[Clear problem title]`. */
const BRACKET = /^\[(?![ x]\])[^a-z[\]\n]*[a-z][^[\]\n]*\]$/i;

/** A bracketed phrase with words in it; `[ddd, domain, bounded-context]` is a list of tags, not a slot. */
function isBracketSlot(text: string): boolean {
  if (!BRACKET.test(text)) return false;
  const items = text.slice(1, -1).split(",").map((item) => item.trim());
  return items.some((item) => /\s/.test(item));
}
/** Frontmatter keys whose value is a syntax hint by design: `argument-hint: [file] [flags]`. */
const HINT_KEYS = new Set(["argument-hint", "arguments", "usage", "example", "examples"]);
const TEMPLATE_HEADING = /\btemplates?\b|\bboilerplate\b|\bskeleton\b|\bscaffold/i;

interface Placeholder {
  text: string;
  start: number;
  end: number;
}

function findAll(pattern: RegExp, text: string, offset: number): Placeholder[] {
  return [...text.matchAll(pattern)].map((m) => ({ text: m[0], start: offset + m.index, end: offset + m.index + m[0].length }));
}

/**
 * A path with "template" in a file or folder name inside the project: the doc is a template, its placeholders are
 * its point. Folders above the project root (`~/templates/repo`) say nothing about the doc.
 */
function isTemplateFile(filePath: string, root: string): boolean {
  const inside = path.relative(root, path.resolve(filePath));
  const relative = inside.startsWith("..") || path.isAbsolute(inside) ? path.basename(filePath) : inside;
  return /template|boilerplate|skeleton|scaffold/i.test(relative);
}

function underTemplateHeading(doc: Doc, offset: number): boolean {
  return doc.sections.some((s) => s.start <= offset && offset < s.end && TEMPLATE_HEADING.test(s.heading));
}

/** Placeholders in frontmatter values, by the raw source of each scalar (a `[schema enum]` flow list included). */
function frontmatterPlaceholders(doc: Doc): Placeholder[] {
  const frontmatter = doc.frontmatter;
  // Frontmatter that does not parse is frontmatter-yaml's finding; its pairs cannot be trusted here.
  if (!frontmatter || frontmatter.yaml.errors.length > 0 || !isMap(frontmatter.yaml.contents)) return [];
  const found: Placeholder[] = [];
  const offset = frontmatter.contentStart;
  const visit = (node: Node | null | undefined): void => {
    if (!node?.range) return;
    const raw = doc.text.slice(offset + node.range[0], offset + node.range[1]).trim();
    if (isSeq(node) && node.flow && node.items.length === 1 && isBracketSlot(raw)) {
      found.push({ text: raw, start: offset + node.range[0], end: offset + node.range[0] + raw.length });
      return;
    }
    if (isSeq(node) || isMap(node)) {
      for (const item of node.items) visit(isPair(item) ? (item.value as Node | null) : (item as Node));
      return;
    }
    if (!isScalar(node) || typeof node.value !== "string") return;
    const at = offset + node.range[0];
    found.push(...findAll(MUSTACHE, raw, at), ...findAll(ANGLE, raw, at));
    const value = node.value.trim();
    // A quoted `"[a-z]+ [0-9]"` is a literal the author wrote as data; an unquoted `[Clear title]` is a slot.
    const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
    if (TODO_NOTE.test(value) || (!quoted && isBracketSlot(value))) found.push({ text: raw, start: at, end: at + raw.length });
  };
  for (const pair of frontmatter.yaml.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : "";
    if (!HINT_KEYS.has(key)) visit(pair.value as Node | null);
  }
  return found;
}

/** A leftover note anywhere in the raw text: looser than TODO_NOTE, which must open its block. */
const NOTE_ANYWHERE = /\[(?:TODO|TBD|FIXME)|(?:TODO|FIXME|XXX)(?:\([^)\n]*\))?[ \t]*[:\u2013\u2014-]|TBD|lorem ipsum/i;
/** A line that opens an ATX heading, also inside list items, or a setext underline. */
const HEADING_LINE = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)*#{1,6}(?:[ \t]|$)|^[ \t]{0,3}(?:=+|-+)[ \t]*$/;

/**
 * Whether the body outside solution docs could hold a placeholder, read from its lines without a parse: a
 * leftover note, or `{{` in a run of lines that holds a heading.
 */
function mayHoldBodyPlaceholder(text: string, bodyStart: number): boolean {
  const body = text.slice(bodyStart);
  if (NOTE_ANYWHERE.test(body)) return true;
  if (!body.includes("{{")) return false;
  // Runs of non-blank lines: a `{{` in the same run as a heading line may be in that heading.
  let heading = false;
  let slot = false;
  for (const line of body.split(/\r\n?|\n/)) {
    if (line.trim() === "") {
      heading = slot = false;
      continue;
    }
    heading ||= HEADING_LINE.test(line);
    slot ||= line.includes("{{");
    if (heading && slot) return true;
  }
  return false;
}

/** Placeholders in the body's prose: headings and TODO notes everywhere, bracket slots too in solution docs. */
function bodyPlaceholders(doc: Doc, kind: Kind): Placeholder[] {
  const found: Placeholder[] = [];
  // Outside solution docs only TODO notes and {{slots}} count; without them there is nothing to parse for.
  if (kind !== "solution" && !mayHoldBodyPlaceholder(doc.text, doc.bodyStart)) return found;
  for (const block of doc.prose) {
    if (block.inQuote || block.counterExample || underTemplateHeading(doc, block.start)) continue;
    // Inline code is where docs show placeholder syntax (`{{name}}`); blank it out, keeping offsets.
    const raw = blankInlineCode(block.raw);
    const text = raw.replace(/^#{1,6}[ \t]+/, (lead) => " ".repeat(lead.length));
    const trimmed = text.trim();
    const lead = text.length - text.trimStart().length;
    if (TODO_NOTE.test(trimmed)) found.push({ text: trimmed, start: block.start + lead, end: block.start + lead + trimmed.length });
    if (kind === "solution" && isBracketSlot(trimmed)) found.push({ text: trimmed, start: block.start + lead, end: block.start + lead + trimmed.length });
    if (block.type === "heading" || kind === "solution") found.push(...findAll(MUSTACHE, raw, block.start));
  }
  return found;
}

const rule: Rule = {
  meta: {
    id: "no-placeholder",
    description: "No template placeholders ({{NAME}}, [schema enum], <placeholder>, TODO) left in a doc that is not a template.",
    kinds: ALL_KINDS,
    severity: "warn",
    offByDefault:
      "on repositories it was not written from, none of its findings were an unfilled template: ticket ids, link texts, installer templates and lists of text to skip look like placeholders",
    docsUrl: docsUrl("no-placeholder"),
  },
  check({ doc, filePath, kind, project, report }) {
    if (isTemplateFile(filePath, project.root)) return;
    const found = [...frontmatterPlaceholders(doc), ...bodyPlaceholders(doc, kind)].sort((a, b) => a.start - b.start);
    let last = -1;
    for (const placeholder of found) {
      if (placeholder.start < last) continue;
      last = placeholder.end;
      // As written: the text searched has its inline code blanked out.
      const written = doc.text.slice(placeholder.start, placeholder.end).replace(/\s+/g, " ");
      const shown = written.length > 60 ? `${written.slice(0, 57)}...` : written;
      const code = shown.includes("`") ? `\`\` ${shown} \`\`` : `\`${shown}\``;
      report({
        message:
          `Unfilled template placeholder ${code}: replace it with the real content, or delete it. ` +
          `(A doc that is itself a template belongs in a file or folder named "template".)`,
        start: placeholder.start,
        end: placeholder.end,
      });
    }
  },
};

export default rule;
