/**
 * `skill-lint learn`: reads a solution doc and drafts the project checks its lesson implies, for the doc's author to
 * review and paste into its frontmatter. Nothing here turns a check on: drafts are printed, never written.
 *
 * Three sources, each kept narrow so that a draft names a real mistake and stays quiet on good docs:
 * - a tool the doc shows as wrong (an "Incorrect" example's `X tool:` block, "X tool doesn't exist", a symptom
 *   "X tool not found") that Claude Code renamed (`swap`) or does not have (`forbid`);
 * - a wrong example and the right one beside it that differ in one short piece of code (`swap`), or a code form the
 *   doc says never to write, with what to write instead (`swap`) or without (`forbid`);
 * - a checklist item naming a code form the Solution's code shows (`require`), triggered by the command that code
 *   runs with it, or by the item's own words when the form is the command.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import type { ListItem, Nodes } from "mdast";
import { toString } from "mdast-util-to-string";
import { isScalar, isSeq } from "yaml";
import { CHECKLIST_HEADING, isShownNotKept, PREVENTION_HEADING, topLevelItems } from "../rules/prevention-checklist.js";
import { SOLUTION_HEADING } from "../rules/solution-sections.js";
import { Doc, type CodeBlock, type ProseBlock, type Section } from "./document.js";
import { detectKind } from "./kinds.js";
import { escapeRegex, slowRegex } from "./patterns.js";
import { MAX_DOC_BYTES, ReadError, readBoundedText } from "./read.js";
import { resolveToolset } from "./toolset.js";

export interface WhenClause {
  phrases?: string[];
  patterns?: string[];
  code?: string[];
  tools?: string[];
}

export interface PresentClause {
  phrases?: string[];
  patterns?: string[];
  links?: string[];
}

/** A project check in the shape the frontmatter `checks:` list takes, with the doc line it was drafted from. */
export interface DraftCheck {
  id: string;
  message: string;
  severity: "error" | "warn";
  kinds?: string[];
  forbid?: { phrases?: string[]; patterns?: string[]; tools?: string[]; commands?: string[] };
  swap?: Array<{ from: string; to: string }>;
  require?: { when: WhenClause; present: PresentClause };
  /** The line of the doc the draft came from (1-based), its text, and other lines that say the same. */
  from: { line: number; text: string; also?: number[] };
}

/** The kinds a project check applies to: the docs that instruct an agent, not the solution docs that teach. */
const DRAFT_KINDS = ["skill", "agent", "command"];

/** Headings whose examples show what not to write. Narrower than a counter-example section: no Symptoms, no Root Cause. */
const WRONG_HEADING = /(?:^|[^\p{L}])(?:incorrect|wrong|anti[- ]?patterns?|avoid|don[’']t|do not|bad|mistakes?|pitfalls?|never|what not to)(?:$|[^\p{L}])|❌/iu;
/** Headings whose examples show what to write. */
const RIGHT_HEADING = /(?:^|[^\p{L}])(?:correct|right|good|instead|better|preferred|recommended|do this|after)(?:$|[^\p{L}])|✅/iu;
/** Words right before a code span that tell the reader never to write it: "Avoid `X`", "never use the `X`". */
const NEVER_WRITE =
  /(?:^|[^\p{L}])(?:never|do not|don[’']t|avoid|stop)(?:\s+(?:use|using|write|writing|call|calling|run|running|rely on|reference|referencing|put|add|pass))?(?:\s+(?:the|a|an|bare|raw))?[\s*_]*$/iu;
/** "use `B` instead of `A`", "`B` rather than `A`", "`B`, not `A`", "prefer `B` over `A`". */
const INSTEAD_OF = /`([^`\n]{2,60})`(?:[^`\n]{0,40}?\b(?:instead of|rather than)|,? not| over)\s+`([^`\n]{2,60})`/giu;
/**
 * Advice, not a report: "Use `B` instead of `A`" tells the reader what to write, "Qwen mapped it to `A` instead of
 * `B`" tells what went wrong, the other way round.
 */
const ADVICE =
  /^\W{0,3}(?:\*\*[^*]{1,80}\*\*:?\s*)?(?:use|write|prefer|keep|call|run|pass|set|name|invoke|spell|put|add|choose|pick|switch|replace|reference|always|recommend)\b|\b(?:should|must|always|prefer(?:red)?|recommend(?:ed)?)\b/iu;
/** A `<name>` placeholder: the form is a template, which a phrase never matches. */
const PLACEHOLDER = /<[\w-]+>/g;
/** "`A` → `B`" in a wrong-marked place. */
const ARROW = /`([^`\n]{2,60})`\s*(?:→|->|=>)\s*`([^`\n]{2,60})`/gu;
/** Code of a shell: only its command lines have a command to trigger on. */
const SHELL_LANGS = new Set(["bash", "sh", "shell", "zsh", "console", "shell-session"]);
/** Languages that say nothing about what the code is (a trigger on them would fire on every doc). */
const VAGUE_LANGS = new Set(["", "markdown", "md", "text", "txt", "plain", "plaintext"]);
/** Commands so common that requiring something beside them would fire on every doc that runs anything. */
const GENERIC_COMMANDS = new Set(
  "cd ls cat echo printf export set unset if then else elif fi for while do done case esac return exit source test true false mkdir rm cp mv touch pwd grep sed awk head tail sort uniq wc find xargs env sudo".split(" "),
);
/** Words that carry no meaning on their own at the edge of a phrase. */
const STOP_WORDS = new Set(
  "a an the and or of to for in on at by with via from into is are be it its this that these those as not no do does use using used make sure always never each every all any when before after via than then your you our we".split(" "),
);
/** How much of a doc line a draft's comment quotes. */
const LINE_CAP = 100;

/** Does a string look like code rather than a word: a flag, a key and value, a path, a call, a variable, a snake_case name? */
export function looksLikeCode(text: string): boolean {
  const value = text.trim();
  if (value.length < 3 || value.length > 60 || /[\r\n]/.test(value)) return false;
  if (!/[a-z]/i.test(value)) return false;
  return /\s--?[A-Za-z]|^--?[A-Za-z]|\w_\w|\w:\s*\S|[\w)]\(|\w\/\w|\$\{?\w|\w\.\w+\(|\w=\S|::|\w\.[a-z]{1,5}$/.test(value);
}


/** A pattern that finds `text` as a whole: word boundaries at its ends where it starts or ends with a word character. */
function wholePattern(text: string): string | undefined {
  const pattern = `${/^\w/.test(text) ? "\\b" : ""}${escapeRegex(text)}${/\w$/.test(text) ? "\\b" : ""}`;
  return slowRegex(pattern) === undefined ? pattern : undefined;
}

const kebab = (text: string, words = 4): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter((w) => w !== "")
    .slice(0, words)
    .join("-");

function shorten(text: string, max = LINE_CAP): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}

/** What the drafts are built from: the doc, its path as the user wrote it, and what is worth finding once. */
interface Learning {
  doc: Doc;
  file: string;
  slug: string;
  /** Code that shows what to write, Solution sections first. */
  rightCode: Fragment[];
  /** Code that shows what not to write. */
  wrongCode: Fragment[];
  /** All the code that shows what to write: a form found in it is no mistake in itself. */
  rightText: string;
}

/**
 * A code block, or the half of one that a `# Before` / `# After` comment marks: its raw lines (fences left out), so
 * an offset into `value` plus `start` is an offset into the doc.
 */
interface Fragment {
  block: CodeBlock;
  value: string;
  start: number;
  lang: string;
  /** The other half of the same block, when the block shows both. */
  partner?: Fragment;
}

const BEFORE_MARK = /^\s*(?:(?:#|\/\/|<!--|--)\s*(?:[❌✗🚫]|(?:before|wrong|bad|incorrect|don[’']t)\b)|(?:before|wrong|bad|incorrect)\s*(?:\(|:|$)|[❌✗🚫])/iu;
const AFTER_MARK = /^\s*(?:(?:#|\/\/|<!--|--)\s*(?:[✅✓✔]|(?:after|right|correct|good|better|fixed|instead)\b)|(?:after|right|correct|good|better|fixed)\s*(?:\(|:|$)|[✅✓✔])/iu;

/** "Before — works on macOS, breaks on Windows:" and "After — correct on every host:" as lead-ins of two blocks. */
const BEFORE_LEAD = /^\W{0,3}(?:before|wrong|bad|incorrect)\b/i;
const AFTER_LEAD = /^\W{0,3}(?:after|right|correct|good|better|fixed)\b/i;

/** The paragraph right above a code block, with no other block between them. */
function leadInOf(doc: Doc, block: CodeBlock): string {
  const previousCode = doc.code.filter((b) => b.end <= block.start).at(-1)?.end ?? 0;
  const lead = doc.prose.filter((p) => p.type === "paragraph" && p.end <= block.start && p.start >= previousCode).at(-1);
  return lead?.raw ?? "";
}

/** A block's content lines with their offsets, the fences left out. */
function contentLines(block: CodeBlock): Array<{ text: string; start: number }> {
  const lines: Array<{ text: string; start: number }> = [];
  let at = 0;
  for (const text of block.raw.split("\n")) {
    lines.push({ text, start: block.start + at });
    at += text.length + 1;
  }
  const isFence = (line: { text: string } | undefined): boolean => line !== undefined && /^\s*(?:`{3,}|~{3,})/.test(line.text);
  if (isFence(lines[0])) lines.shift();
  if (isFence(lines.at(-1))) lines.pop();
  return lines;
}

function fragmentOf(block: CodeBlock, lines: Array<{ text: string; start: number }>): Fragment {
  return { block, value: lines.map((l) => l.text).join("\n"), start: lines[0]?.start ?? block.start, lang: block.lang };
}

/** A block as one fragment, or as its wrong and right halves when comments mark them (`# Before` ... `# After`). */
function splitBlock(block: CodeBlock): { wrong?: Fragment; right?: Fragment; whole?: Fragment } {
  const lines = contentLines(block);
  const before = lines.findIndex((l) => BEFORE_MARK.test(l.text));
  const after = before < 0 ? -1 : lines.findIndex((l, i) => i > before && AFTER_MARK.test(l.text));
  if (before < 0 || after < 0) return { whole: fragmentOf(block, lines) };
  const wrong = fragmentOf(block, lines.slice(before, after));
  const right = fragmentOf(block, lines.slice(after));
  wrong.partner = right;
  return { wrong, right };
}

function sectionsMatching(doc: Doc, heading: RegExp): Section[] {
  return doc.sections.filter((s) => heading.test(s.heading));
}

function within(sections: readonly Section[], offset: number): boolean {
  return sections.some((s) => s.start <= offset && offset < s.end);
}

function lineText(doc: Doc, offset: number): { line: number; text: string } {
  const { line } = doc.lines.position(offset);
  return { line, text: shorten(doc.text.slice(doc.lines.lineStart(line), doc.lines.lineEnd(line))) };
}

function slugOf(doc: Doc, file: string): string {
  const slug = doc.frontmatter?.yaml.get("slug");
  const base = typeof slug === "string" && slug.trim() !== "" ? slug : path.basename(file).replace(/\.(?:md|markdown)$/i, "");
  return kebab(base, 6) || "solution";
}

function idFor(learning: Learning, subject: string, taken: Set<string>): string {
  const base = `project/${learning.slug}-${kebab(subject) || "check"}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** A wrong block is a counter-example under a heading that says so, or marked wrong itself; Symptoms and Root Cause show logs, not code to avoid. */
function isWrongCode(doc: Doc, block: CodeBlock, wrongSections: readonly Section[]): boolean {
  if (!block.counterExample) return false;
  if (within(wrongSections, block.start)) return true;
  const firstLine = block.value.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  if (/^\s*(?:#|\/\/|<!--)\s*(?:[❌✗🚫]|wrong|bad|incorrect|don[’']t|avoid|never|broken)/iu.test(firstLine)) return true;
  // A lead-in such as "Wrong:" marks the block too; a counter-example section of another sort does not.
  return !doc.sections.some((s) => s.counterExample && s.start <= block.start && block.start < s.end);
}

function prepare(doc: Doc, file: string): Learning {
  const wrongSections = sectionsMatching(doc, WRONG_HEADING).filter((s) => s.depth > 1);
  const solution = sectionsMatching(doc, SOLUTION_HEADING).concat(sectionsMatching(doc, RIGHT_HEADING)).filter((s) => !s.counterExample);
  const right: Fragment[] = [];
  const wrong: Fragment[] = [];
  const blocks = doc.code.filter((b) => b.start >= doc.bodyStart && !b.inQuote);
  const firstLine = (block: CodeBlock | undefined): string => (block ? (contentLines(block).find((l) => l.text.trim() !== "")?.text ?? "") : "");
  let answered: Fragment | undefined;
  blocks.forEach((block, index) => {
    if (isWrongCode(doc, block, wrongSections)) {
      wrong.push(fragmentOf(block, contentLines(block)));
      return;
    }
    if (block.counterExample) return;
    const halves = splitBlock(block);
    if (halves.wrong) wrong.push(halves.wrong);
    if (halves.right) right.push(halves.right);
    if (!halves.whole) return;
    // "# Before" opening one block and "# After" the next (or "Before —" and "After —" leading them in): the pair a
    // block of both halves would be.
    const next = blocks[index + 1];
    const marked = (b: CodeBlock, comment: RegExp, lead: RegExp): boolean => comment.test(firstLine(b)) || lead.test(leadInOf(doc, b));
    if (next && !next.counterExample && marked(block, BEFORE_MARK, BEFORE_LEAD) && marked(next, AFTER_MARK, AFTER_LEAD)) {
      answered = fragmentOf(next, contentLines(next));
      wrong.push({ ...halves.whole, partner: answered });
      return;
    }
    right.push(answered?.block === block ? answered : halves.whole);
  });
  const inSolution = right.filter((f) => within(solution, f.start));
  return {
    doc,
    file,
    slug: slugOf(doc, file),
    rightCode: [...inSolution, ...right.filter((f) => !inSolution.includes(f))],
    wrongCode: wrong,
    rightText: right.map((f) => f.value).join("\n"),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Tools the doc shows as wrong.

const TOOL_NAME = /(?:`([A-Za-z]\w*)`|\b([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*))[ \t]+tool\b/g;
const NONEXISTENT = /\b(?:non-?existent|doesn[’']t exist|does not exist|not found|no such|isn[’']t a (?:real )?tool|is not a (?:real )?tool|not available|unknown tool)\b/i;

interface ToolEvidence {
  name: string;
  offset: number;
  /** Where it was seen: a wrong example's text is the strongest evidence, a symptom or a denial next. */
  inWrongCode: boolean;
}

function toolEvidence(learning: Learning): ToolEvidence[] {
  const { doc } = learning;
  const found: ToolEvidence[] = [];
  for (const fragment of learning.wrongCode) {
    for (const match of fragment.value.matchAll(TOOL_NAME)) found.push({ name: (match[1] ?? match[2])!, offset: fragment.start + match.index, inWrongCode: true });
  }
  // Prose that denies the tool exists: "references non-existent "Task tool"", "the Task tool doesn't exist".
  for (const block of doc.prose) {
    if (block.start < doc.bodyStart) continue;
    for (const match of block.raw.matchAll(TOOL_NAME)) {
      const start = block.start + match.index;
      const sentence = doc.sentenceAt(start, start + match[0].length).text;
      if (NONEXISTENT.test(sentence)) found.push({ name: (match[1] ?? match[2])!, offset: start, inWrongCode: false });
    }
  }
  // Frontmatter symptoms: "Task tool not found".
  const symptoms = doc.frontmatter?.yaml.get("symptoms", true);
  if (isSeq(symptoms)) {
    for (const item of symptoms.items) {
      if (!isScalar(item) || typeof item.value !== "string" || !NONEXISTENT.test(item.value)) continue;
      const at = item.range?.[0] ?? 0;
      for (const match of item.value.matchAll(TOOL_NAME)) found.push({ name: (match[1] ?? match[2])!, offset: doc.frontmatter!.contentStart + at, inWrongCode: false });
    }
  }
  return found;
}

function toolDrafts(learning: Learning, taken: Set<string>): DraftCheck[] {
  const toolset = resolveToolset(undefined);
  const byName = new Map<string, ToolEvidence[]>();
  for (const evidence of toolEvidence(learning)) byName.set(evidence.name, [...(byName.get(evidence.name) ?? []), evidence]);
  const drafts: DraftCheck[] = [];
  for (const [name, evidence] of byName) {
    const lookup = toolset.lookup(name);
    // A tool Claude Code has is no mistake to name, whatever an example shows; a word it never heard of, shown only
    // in an example and never denied, is the example's own invention.
    if (lookup.status === "known" || lookup.status === "deprecated") continue;
    if (lookup.status === "unknown" && !evidence.some((e) => !e.inWrongCode)) continue;
    // The example's own line ("Task tool:") over the comment that marks it wrong ("# WRONG: Task tool doesn't exist").
    const isComment = (e: ToolEvidence): boolean => COMMENT_LINE.test(lineText(learning.doc, e.offset).text);
    const first = evidence.find((e) => e.inWrongCode && !isComment(e)) ?? evidence.find((e) => e.inWrongCode) ?? evidence[0]!;
    const line = lineText(learning.doc, first.offset);
    const others = [...new Set(evidence.map((e) => learning.doc.lines.position(e.offset).line))].filter((l) => l !== line.line).sort((a, b) => a - b);
    const from = others.length ? { ...line, also: others } : line;
      if (lookup.status === "renamed") {
      drafts.push({
        id: idFor(learning, `${name} tool`, taken),
        message: `The ${name} tool is now the ${lookup.to} tool (Claude Code${lookup.version ? ` ${lookup.version}` : ""} renamed it): write "${lookup.to} tool".`,
        severity: "warn",
        kinds: DRAFT_KINDS,
        swap: [{ from: `${name} tool`, to: `${lookup.to} tool` }],
        from,
      });
    } else {
      const instead = lookup.status === "removed" && lookup.instead ? `use the ${lookup.instead} tool` : "name a tool the agent has";
      drafts.push({
        id: idFor(learning, `no ${name} tool`, taken),
        message: `There is no ${name} tool: ${instead} instead.`,
        severity: "warn",
        kinds: DRAFT_KINDS,
        forbid: { tools: [name] },
        from,
      });
    }
  }
  return drafts;
}

// ---------------------------------------------------------------------------------------------------------------
// Wrong code beside right code, and code forms the doc says never to write.

/** The one short piece of code that turns a wrong line into a right one, cut at whitespace. */
function lineSwap(wrong: string, right: string): { from: string; to: string } | undefined {
  let prefix = 0;
  while (prefix < wrong.length && prefix < right.length && wrong[prefix] === right[prefix]) prefix++;
  let suffix = 0;
  while (suffix < wrong.length - prefix && suffix < right.length - prefix && wrong[wrong.length - 1 - suffix] === right[right.length - 1 - suffix]) suffix++;
  // Widen to whole tokens: "python3 x.py" against "\"$PYTHON\" x.py" swaps the command, not a letter of it.
  while (prefix > 0 && !/\s/.test(wrong[prefix - 1]!)) prefix--;
  while (suffix > 0 && !/\s/.test(wrong[wrong.length - suffix]!)) suffix--;
  const from = wrong.slice(prefix, wrong.length - suffix).trim();
  const to = right.slice(prefix, right.length - suffix).trim();
  const shared = prefix + suffix;
  // A swap whose answer holds the mistake would find the mistake in every fixed doc.
  if (from === "" || to === "" || from.length > 60 || to.length > 60 || to.includes(from)) return undefined;
  // The lines must be mostly the same: otherwise they are two different examples, not one fixed.
  if (shared < Math.max(wrong.length, right.length) * 0.4) return undefined;
  return { from, to };
}

const codeLines = (fragment: Fragment): string[] =>
  fragment.value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "" && !/^(?:#|\/\/|<!--|--|\/\*|\*)/.test(l) && !/^(?:\\?`){3}/.test(l));

/** The right block that answers a wrong one: the next one, or else the last one before it, in the same section. */
function answerTo(learning: Learning, wrong: Fragment): Fragment | undefined {
  if (wrong.partner) return wrong.partner;
  const { doc } = learning;
  const parent = doc.sections.filter((s) => s.start <= wrong.start && wrong.start < s.end && !WRONG_HEADING.test(s.heading)).at(-1);
  const inParent = (b: Fragment): boolean => !parent || (parent.start <= b.start && b.start < parent.end);
  const candidates = learning.rightCode.filter((b) => inParent(b) && (b.lang === wrong.lang || b.lang === "" || wrong.lang === ""));
  return candidates.filter((b) => b.start > wrong.start).sort((a, b) => a.start - b.start)[0] ?? candidates.filter((b) => b.start < wrong.start).sort((a, b) => b.start - a.start)[0];
}

function swapFromPair(learning: Learning, wrong: Fragment): { from: string; to: string; offset: number } | undefined {
  const right = answerTo(learning, wrong);
  if (!right) return undefined;
  const rightLines = codeLines(right);
  const wrongLines = codeLines(wrong);
  const changed = wrongLines.filter((l) => !rightLines.includes(l));
  const added = rightLines.filter((l) => !wrongLines.includes(l));
  // One line fixed: more would be a rewrite, which no swap can express.
  if (changed.length !== 1 || added.length < 1) return undefined;
  let best: { from: string; to: string } | undefined;
  for (const candidate of added) {
    const swap = lineSwap(changed[0]!, candidate);
    if (swap && (!best || swap.from.length + swap.to.length < best.from.length + best.to.length)) best = swap;
  }
  if (!best || !looksLikeCode(best.from) || learning.rightText.includes(best.from)) return undefined;
  const index = wrong.value.indexOf(changed[0]!);
  return { ...best, offset: wrong.start + Math.max(0, index) };
}

const LIST_ITEM_LINE = /^\s*(?:[-*+]|\d{1,9}[.)])\s/;

/** The paragraph that introduces the list a list item's paragraph is in: "For such workflows, recommend:". */
function leadIn(doc: Doc, block: ProseBlock): string | undefined {
  const isItem = (b: ProseBlock): boolean => LIST_ITEM_LINE.test(doc.text.slice(doc.lines.lineStart(doc.lines.position(b.start).line), b.start + 1));
  if (!isItem(block)) return undefined;
  const index = doc.prose.indexOf(block);
  for (let i = index - 1; i >= 0; i--) {
    const previous = doc.prose[i]!;
    if (isItem(previous)) continue;
    return previous.type === "paragraph" && /:\s*$/.test(previous.raw) ? previous.raw : undefined;
  }
  return undefined;
}

/** The doc's title, from its frontmatter or its first heading. */
function titleOf(doc: Doc): string | undefined {
  const title = doc.frontmatter?.yaml.get("title");
  if (typeof title === "string" && title.trim() !== "") return shorten(title, 120);
  const heading = doc.sections.find((s) => s.depth === 1);
  return heading ? shorten(heading.heading, 120) : undefined;
}

/** A template's pattern: each placeholder stands for one word of the command. */
function templatePattern(template: string): string | undefined {
  const pattern = template
    .split(PLACEHOLDER)
    .map((part) => escapeRegex(part))
    .join("\\S+");
  const bounded = `${/^\w/.test(template) ? "\\b" : ""}${pattern}`;
  return slowRegex(bounded) === undefined ? bounded : undefined;
}

function codeDrafts(learning: Learning, taken: Set<string>): DraftCheck[] {
  const { doc } = learning;
  const drafts: DraftCheck[] = [];
  const seen = new Set<string>();
  const addSwap = (from: string, to: string, offset: number): void => {
    if (seen.has(from) || to.includes(from)) return;
    seen.add(from);
    // "git checkout -b <name> <base>" stands for every branch name: a pattern finds what a phrase cannot.
    if (PLACEHOLDER.test(from)) {
      const pattern = templatePattern(from);
      if (!pattern) return;
      drafts.push({
        id: idFor(learning, from.replace(PLACEHOLDER, " "), taken),
        message: `\`${from}\` is the mistake this doc records: write \`${to}\` instead.`,
        severity: "warn",
        kinds: DRAFT_KINDS,
        forbid: { patterns: [pattern] },
        from: lineText(doc, offset),
      });
      return;
    }
    drafts.push({
      id: idFor(learning, from, taken),
      message: `\`${from}\` is the mistake this doc records: write \`${to}\` instead.`,
      severity: "warn",
      kinds: DRAFT_KINDS,
      swap: [{ from, to }],
      from: lineText(doc, offset),
    });
  };
  /** A forbid of a code form, its message the doc's own words for why. */
  const addForbid = (form: string, why: string | undefined, offset: number): void => {
    seen.add(form);
    const pattern = wholePattern(form);
    drafts.push({
      id: idFor(learning, `no ${form}`, taken),
      message: `Do not write \`${form}\`${why ? `: ${shorten(why, 160).replace(/(?<![.;:])[.;:]+$/, "")}` : ""}.`,
      severity: "warn",
      kinds: DRAFT_KINDS,
      forbid: pattern && pattern !== escapeRegex(form) ? { patterns: [pattern] } : { phrases: [form] },
      from: lineText(doc, offset),
    });
  };
  const wrongSections = sectionsMatching(doc, WRONG_HEADING).filter((s) => s.depth > 1);
  for (const block of doc.prose) {
    if (block.start < doc.bodyStart || block.inQuote) continue;
    // "use `B` instead of `A`": a swap, when it is advice; a Problem or Symptoms section reports what went wrong.
    const reported = doc.sections.some((s) => s.counterExample && s.start <= block.start && block.start < s.end);
    for (const match of reported ? [] : block.raw.matchAll(INSTEAD_OF)) {
      const [, right, wrong] = match;
      const start = block.start + match.index;
      if (!ADVICE.test(doc.sentenceAt(start, start + match[0].length).text) && !ADVICE.test(leadIn(doc, block) ?? "")) continue;
      if (looksLikeCode(wrong!) && !learning.rightText.includes(wrong!)) addSwap(wrong!, right!, start);
    }
    const wrongPlace = block.counterExample && (within(wrongSections, block.start) || !doc.sections.some((s) => s.counterExample && s.start <= block.start && block.start < s.end));
    if (wrongPlace) {
      for (const match of block.raw.matchAll(ARROW)) {
        if (looksLikeCode(match[1]!) && !learning.rightText.includes(match[1]!)) addSwap(match[1]!, match[2]!, block.start + match.index);
      }
    }
    // "Never write `X`" with no answer beside it: a forbid, when X is code no right example shows.
    for (const span of doc.inlineCode) {
      if (span.start < block.start || span.end > block.end || seen.has(span.value)) continue;
      const sentence = doc.sentenceAt(span.start, span.end);
      const told = NEVER_WRITE.test(doc.text.slice(sentence.start, span.start));
      if (!told || !looksLikeCode(span.value) || learning.rightText.includes(span.value)) continue;
      // A sentence that also names what to write is a swap found above, or too loose to be one.
      if (/`[^`]+`[^`]*`[^`]+`/.test(sentence.text)) continue;
      // "Avoid `X`. It is empty on every other host": the words after the form say why.
      const after = doc.text.slice(span.end, sentence.end).replace(/^[\s*_.,;:—-]+/, "");
      addForbid(span.value, (after || sentence.text).replace(/\*\*/g, ""), span.start);
    }
  }
  const spans = new Set(doc.inlineCode.filter((s) => !doc.codeAt(s.start)).map((s) => s.value.trim()));
  for (const wrong of learning.wrongCode) {
    const swap = swapFromPair(learning, wrong);
    if (swap) {
      addSwap(swap.from, swap.to, swap.offset);
      continue;
    }
    // A code form the wrong example writes, the fix beside it drops, and the prose names: "$ARGUMENTS".
    if (!answerTo(learning, wrong)) continue;
    for (const form of spans) {
      if (seen.has(form) || !looksLikeCode(form) || !wrong.value.includes(form) || learning.rightText.includes(form)) continue;
      const title = titleOf(doc);
      addForbid(form, title, wrong.start + wrong.value.indexOf(form));
    }
  }
  return drafts;
}

// ---------------------------------------------------------------------------------------------------------------
// Checklist items that name a code form.

interface ChecklistItem {
  item: ListItem;
  text: string;
  start: number;
}

function checklistItems(doc: Doc): ChecklistItem[] {
  const sections = doc.sections.filter(
    (s) => s.depth > 1 && (PREVENTION_HEADING.test(s.heading) || CHECKLIST_HEADING.test(s.heading) || /checklist/i.test(s.heading)) && !isShownNotKept(doc, s),
  );
  const items: ChecklistItem[] = [];
  const seen = new Set<number>();
  for (const section of sections) {
    for (const item of topLevelItems(doc, section.start, section.end)) {
      const start = item.position?.start.offset ?? 0;
      // A plain bullet under "Prevention" is a tip; the checklist's items are task items.
      if (seen.has(start) || item.checked === null || item.checked === undefined) continue;
      seen.add(start);
      const first = item.children[0];
      if (first?.type !== "paragraph") continue;
      items.push({ item, text: toString(first).replace(/\s+/g, " ").trim(), start });
    }
  }
  return items;
}

/** Code forms an item names: its code spans, and code-like bold or code text of the doc that the item spells out. */
function codeFormsOf(doc: Doc, entry: ChecklistItem, vocabulary: readonly string[]): string[] {
  const end = entry.item.position?.end.offset ?? entry.start;
  const forms = doc.inlineCode.filter((s) => s.start >= entry.start && s.end <= end).map((s) => s.value.trim());
  for (const word of vocabulary) if (new RegExp(`(?:^|[^\\w-])${escapeRegex(word)}(?:$|[^\\w-])`).test(entry.text)) forms.push(word);
  return [...new Set(forms)].filter(looksLikeCode);
}

function vocabularyOf(doc: Doc): string[] {
  const words = new Set(doc.inlineCode.map((s) => s.value.trim()));
  const stack: Nodes[] = [doc.tree];
  while (stack.length) {
    const node = stack.pop()!;
    // Bold code is short and starts as code does: "**claude -p**", not "**Fresh context via claude -p**".
    if (node.type === "strong") {
      const text = toString(node).trim().replace(/:$/, "");
      if (/^[a-z$./-]/.test(text) && text.split(/\s+/).length <= 3) words.add(text);
    }
    if (node.type === "code") continue;
    if ("children" in node) for (const child of node.children) stack.push(child as Nodes);
  }
  return [...words].filter(looksLikeCode);
}

/** Where a form sits in the right code: the block, the line, its index, and the language of the code around it. */
interface Shown {
  block: Fragment;
  lines: string[];
  index: number;
  lang: string;
}

const FENCE_WITH_LANG = /^\s*(?:\\?`){3,}\s*([\w+-]+)/;
const BARE_FENCE = /^\s*(?:\\?`){3,}\s*$/;

function shownIn(learning: Learning, form: string): Shown | undefined {
  let first: Shown | undefined;
  for (const block of learning.rightCode) {
    const lines = block.value.split(/\r?\n/);
    for (let index = 0; index < lines.length; index++) {
      if (!lines[index]!.includes(form)) continue;
      // An example of a doc holds its own fenced blocks (escaped or nested): their language is the one that counts.
      let lang = block.lang;
      for (let i = index - 1; i >= 0; i--) {
        if (BARE_FENCE.test(lines[i]!)) break;
        const inner = FENCE_WITH_LANG.exec(lines[i]!);
        if (inner) {
          lang = inner[1]!.toLowerCase();
          break;
        }
      }
      const shown = { block, lines, index, lang };
      // Shell code says what command the form goes with; prose around it in an example does not.
      if (SHELL_LANGS.has(lang)) return shown;
      first ??= shown;
    }
  }
  return first;
}

const COMMENT_LINE = /^\s*(?:#|\/\/)/;

/** The command a shell line runs: its first word and a flag or subcommand after it. */
function commandHead(line: string): string | undefined {
  const tokens = line.trim().split(/\s+/);
  const first = tokens[0] ?? "";
  if (!/^[a-z][\w.-]*$/.test(first) || GENERIC_COMMANDS.has(first)) return undefined;
  const second = tokens[1];
  return second !== undefined && /^(?:-{1,2}[A-Za-z][\w-]*|[a-z][\w-]*)$/.test(second) ? `${first} ${second}` : first;
}

/** The command the form goes with in the Solution's code: the one it annotates (a comment above) or is a parameter of. */
function commandWith(shown: Shown, form: string): string | undefined {
  if (!SHELL_LANGS.has(shown.lang)) return undefined;
  const line = shown.lines[shown.index]!;
  if (COMMENT_LINE.test(line)) {
    for (let i = shown.index + 1; i < shown.lines.length; i++) {
      const next = shown.lines[i]!;
      if (next.trim() === "" || COMMENT_LINE.test(next)) continue;
      const head = commandHead(next);
      return head && !head.includes(form) && !form.includes(head) ? head : undefined;
    }
    return undefined;
  }
  const head = commandHead(line);
  return head && !line.trim().startsWith(form) && !form.includes(head) ? head : undefined;
}

/** "... to spawn a fresh subagent:": what the code below a lead-in is for, without its verb and article. */
const PURPOSE = /\bto\s+[a-z]+\s+(?:an?|the)\s+([a-z][\w-]*(?:\s+[a-z][\w-]*)?):?$/i;

/**
 * When the form applies, in the Solution's words: an expression of the checklist item's that the Solution section
 * uses too, or else the purpose its example states for the code that shows the form ("to spawn a fresh subagent").
 */
function situationOf(learning: Learning, entry: ChecklistItem, form: string, shown: Shown): string | undefined {
  const { doc } = learning;
  const words = entry.text.split(form).join(" | ").toLowerCase().split(/[^a-z0-9'-]+/);
  const solution = sectionsMatching(doc, SOLUTION_HEADING)
    .concat(sectionsMatching(doc, RIGHT_HEADING))
    .filter((s) => !s.counterExample && s.depth > 1)
    .map((s) => doc.text.slice(s.start, s.end))
    .join("\n")
    .toLowerCase()
    .replace(/\s+/g, " ");
  for (const size of [3, 2]) {
    for (let i = 0; i + size <= words.length; i++) {
      const phrase = words.slice(i, i + size);
      if (phrase.some((w) => w === "") || STOP_WORDS.has(phrase[0]!) || STOP_WORDS.has(phrase[size - 1]!)) continue;
      const joined = phrase.join(" ");
      if (new RegExp(`\\b${escapeRegex(joined)}\\b`).test(solution)) return joined;
    }
  }
  for (let i = shown.index - 1; i >= 0; i--) {
    const line = shown.lines[i]!.trim();
    if (line === "" || FENCE_WITH_LANG.test(line) || BARE_FENCE.test(line)) continue;
    const purpose = PURPOSE.exec(line.replace(/`[^`]*`/g, "x"));
    if (purpose) return purpose[1]!.toLowerCase();
  }
  return undefined;
}

function requireDrafts(learning: Learning, taken: Set<string>): DraftCheck[] {
  const { doc } = learning;
  const vocabulary = vocabularyOf(doc);
  const drafts: DraftCheck[] = [];
  const done = new Set<string>();
  for (const entry of checklistItems(doc)) {
    const forms = codeFormsOf(doc, entry, vocabulary);
    for (const form of forms) {
      if (done.has(form)) continue;
      const shown = shownIn(learning, form);
      if (!shown) continue;
      const lead = shorten(entry.text, 120);
      const command = commandWith(shown, form);
      let when: WhenClause | undefined;
      let situation: string;
      if (command) {
        const pattern = wholePattern(command);
        if (!pattern) continue;
        // A check fires on any entry of `when`; the command's pattern alone finds it, in code blocks and prose.
        when = { patterns: [pattern] };
        situation = `runs \`${command}\`${VAGUE_LANGS.has(shown.lang) ? "" : ` in a ${shown.lang} block`}`;
      } else {
        const words = situationOf(learning, entry, form, shown);
        if (!words) continue;
        when = { phrases: [words] };
        situation = `mentions "${words}"`;
      }
      done.add(form);
      drafts.push({
        id: idFor(learning, form, taken),
        message: `A doc that ${situation} should write \`${form}\`, as the checklist says: "${lead}".`,
        severity: "warn",
        kinds: DRAFT_KINDS,
        require: { when, present: { phrases: [form] } },
        from: lineText(doc, entry.start),
      });
      break;
    }
  }
  return drafts;
}

// ---------------------------------------------------------------------------------------------------------------

export class LearnError extends Error {}

/** Whether a doc is a solution doc: under docs/solutions/ (not its index), or with the template's frontmatter. */
export function isSolutionDoc(doc: Doc, file: string): boolean {
  if (/(?:^|[\\/])(?:readme|index)\.md$/i.test(file)) return false;
  if (detectKind(file) === "solution") return true;
  return ["problem_type", "symptoms", "root_cause"].some((key) => doc.frontmatter?.yaml.has(key) === true);
}

/**
 * Words that show a doc is about what agents read (skills, subagents, slash commands, prompts, plugins) rather than
 * about a program's own code: a lesson about `embed()` in a Python service makes no check for a skill.
 */
const AGENT_TOPIC =
  /(?:^|[^a-z])(?:skills?|sub-?agents?|agents?|slash commands?|claude plugins?|prompts?|prompting|claude|codex|copilot|gemini|cursor|opencode|harness(?:es)?|mcp|frontmatter)(?:$|[^a-z])/i;

/** Whether the doc's title, category, tags or folder say it is about agent docs. */
export function aboutAgentDocs(doc: Doc, file: string): boolean {
  const yaml = doc.frontmatter?.yaml;
  const fields = ["title", "category", "tags", "component", "module", "applies_when"].map((key) => {
    const value: unknown = yaml?.toJS()?.[key];
    return Array.isArray(value) ? value.join(" ") : typeof value === "string" ? value : "";
  });
  const folder = /docs\/solutions\/(.+)\/[^/]+$/.exec(file)?.[1] ?? "";
  const title = doc.sections.find((s) => s.depth === 1)?.heading ?? "";
  return AGENT_TOPIC.test([...fields, folder, title].join(" \n "));
}

/** Draft checks for a solution doc's text. `file` names the doc in messages and decides its slug. */
export function draftChecks(source: string | Doc, file: string): DraftCheck[] {
  const doc = typeof source === "string" ? new Doc(source) : source;
  const learning = prepare(doc, file.split(path.sep).join("/"));
  const taken = new Set<string>();
  // A wrong tool is an agent doc's mistake whatever the doc is about; code is one only in a doc about agent docs.
  const code = aboutAgentDocs(doc, learning.file) ? [...codeDrafts(learning, taken), ...requireDrafts(learning, taken)] : [];
  return [...toolDrafts(learning, taken), ...code].sort((a, b) => a.from.line - b.from.line);
}

const yamlString = (text: string): string => JSON.stringify(text);
const flow = (items: readonly string[]): string => `[${items.map(yamlString).join(", ")}]`;

function flowMap(map: Record<string, readonly string[] | undefined>): string {
  const entries = Object.entries(map).filter((entry): entry is [string, string[]] => entry[1] !== undefined && entry[1].length > 0);
  return `{ ${entries.map(([key, value]) => `${key}: ${key === "code" || key === "tools" ? `[${value.join(", ")}]` : flow(value)}`).join(", ")} }`;
}

/** The drafts as YAML for the doc's frontmatter, each under a comment naming the line it came from. */
export function formatYaml(drafts: readonly DraftCheck[], file: string): string {
  const lines = [`# Drafts from ${file}: review each, keep the ones that name a real mistake, and paste them into its frontmatter.`, "checks:"];
  for (const draft of drafts) {
    const also = draft.from.also?.length ? ` (also line${draft.from.also.length > 1 ? "s" : ""} ${draft.from.also.join(", ")})` : "";
    lines.push(`  # from line ${draft.from.line}: ${yamlString(draft.from.text)}${also}`);
    lines.push(`  - id: ${draft.id}`);
    lines.push(`    message: ${yamlString(draft.message)}`);
    lines.push(`    severity: ${draft.severity}`);
    if (draft.kinds) lines.push(`    kinds: [${draft.kinds.join(", ")}]`);
    if (draft.forbid) lines.push(`    forbid: ${flowMap(draft.forbid)}`);
    if (draft.swap) lines.push(`    swap: [ ${draft.swap.map((s) => `{ from: ${yamlString(s.from)}, to: ${yamlString(s.to)} }`).join(", ")} ]`);
    if (draft.require) {
      lines.push("    require:");
      lines.push(`      when: ${flowMap({ ...draft.require.when })}`);
      lines.push(`      present: ${flowMap({ ...draft.require.present })}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

const HELP = `Usage: skill-lint learn [options] docs/solutions/<category>/<slug>.md

Reads a solution doc and prints draft project checks for its frontmatter: the tools, code and checklist items
it shows as wrong or required. Nothing is written or turned on; review the drafts, then paste the ones to keep
into the doc's frontmatter.

Options:
  --json, -f json   Print the drafts as JSON
  -h, --help        Print this help

Exit codes: 0 drafts printed (or none to draft), 2 usage error or a file that is not a solution doc.`;

function readDoc(file: string): string {
  try {
    return readBoundedText(file, MAX_DOC_BYTES);
  } catch (error) {
    if (!(error instanceof ReadError)) throw error;
    const reason = error.code === "ENOENT" ? "no such file or directory" : error.code === "EISDIR" || error.code === "ENOTREG" ? "not a file" : error.message;
    throw new LearnError(`${file}: ${reason}`);
  }
}

/** `skill-lint learn ARGS`: prints the drafts; returns the exit code. */
export function learn(argv: string[], out: (text: string) => void = (t) => process.stdout.write(t)): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { json: { type: "boolean", default: false }, format: { type: "string", short: "f" }, help: { type: "boolean", short: "h", default: false } },
    });
  } catch (error) {
    throw new LearnError(`${(error as Error).message.split("\n")[0]} (see skill-lint learn --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(`${HELP}\n`);
    return 0;
  }
  if (values.format !== undefined && values.format !== "json" && values.format !== "yaml") {
    throw new LearnError(`learn prints yaml or json, not "${values.format}"`);
  }
  if (positionals.length !== 1) throw new LearnError(`learn takes one solution doc, got ${positionals.length === 0 ? "none" : positionals.length} (see skill-lint learn --help)`);
  const file = positionals[0]!;
  const text = readDoc(file);
  const shown = path.relative(process.cwd(), path.resolve(file)).split(path.sep).join("/") || file;
  const doc = new Doc(text);
  if (!isSolutionDoc(doc, path.resolve(file))) {
    throw new LearnError(`${file}: not a solution doc (expected docs/solutions/<category>/<slug>.md, or frontmatter with problem_type, symptoms or root_cause)`);
  }
  const drafts = draftChecks(doc, shown);
  if (values.json || values.format === "json") {
    out(`${JSON.stringify({ file: shown, checks: drafts }, null, 2)}\n`);
    return 0;
  }
  if (drafts.length === 0) {
    out(`No drafts: ${shown} shows no wrong tool or code, and no checklist item names code its Solution shows.\n`);
    return 0;
  }
  out(formatYaml(drafts, shown));
  return 0;
}
