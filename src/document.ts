import type { Code, Heading, Nodes, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { LineIndex } from "./position.js";
import { parseFrontmatter, parseMarkdown } from "./parse.js";
import type { Frontmatter } from "./types.js";

/** A heading and the text it governs, up to the next heading of the same or a higher level. */
export interface Section {
  heading: string;
  depth: number;
  start: number;
  end: number;
  /** True when this heading or an enclosing one marks its content as a counter-example. */
  counterExample: boolean;
}

/** A run of prose (paragraph, heading or table cell) with its raw source text. */
export interface ProseBlock {
  type: "paragraph" | "heading" | "tableCell";
  start: number;
  end: number;
  raw: string;
  inQuote: boolean;
  /** In a counter-example section, or in a list item marked as wrong. */
  counterExample: boolean;
}

export interface CodeBlock {
  lang: string;
  meta: string;
  start: number;
  end: number;
  /** Raw source of the whole block, fences included, so offsets into it map to the file. */
  raw: string;
  value: string;
  inQuote: boolean;
  /** Marked as wrong (`# WRONG`, `// bad`, a "Wrong:" lead-in) or inside a counter-example section. */
  counterExample: boolean;
}

const COUNTER_EXAMPLE_HEADING =
  /(?:^|[^\p{L}])(?:incorrect|wrong|don[’']t|do not|anti[- ]?patterns?|bad|symptoms?|root cause|mistakes?|pitfalls?|what not to|never|red flags?|rationalizations?|before)(?:$|[^\p{L}])|❌|^problem(?: statement)?$/iu;
/**
 * "Avoid" heads a list of what to leave out when nothing follows it ("Things to Avoid", "Avoid:", "(avoid)") or
 * what follows points at the list ("Avoid these", "Avoid when"; a heading ending in "when", "for" or a colon).
 * "Avoid BashOutput Spam", "How to Avoid This" and "Use Covering Indexes to Avoid Table Lookups" name a goal,
 * and their sections say how to reach it.
 */
const AVOID_LIST_HEADING = /(?<!\p{L})avoid(?:[\s)\]:.!*_]*$|\s+(?:these|those|the following|when|if|patterns?)(?!\p{L}))/iu;
const AVOID_WORD = /(?<!\p{L})avoid(?!\p{L})/iu;
const LIST_LEAD_END = /(?:(?<!\p{L})(?:when|for)|:)[\s*_]*$/iu;

function isCounterExampleHeading(title: string): boolean {
  return COUNTER_EXAMPLE_HEADING.test(title) || AVOID_LIST_HEADING.test(title) || (AVOID_WORD.test(title) && LIST_LEAD_END.test(title));
}
const WRONG_MARK = /(?:^|[^\p{L}])(?:wrong|bad|incorrect|don[’']t|avoid|anti[- ]?pattern|never|not this|broken)(?:$|[^\p{L}])|[❌🚫✗]/iu;
const CODE_WRONG_COMMENT = /^\s*(?:#|\/\/|<!--|--|\/\*|;)\s*(?:[❌✗🚫]|(?:wrong|bad|incorrect|don[’']t|avoid|anti[- ]?pattern|never|broken)\b)/iu;
/** A negation inside a relative clause ("agents that don't block"): it says what something is, not what not to do. */
const RELATIVE_NEGATION = /(?<!\p{L})(?:that|which|who)\s+(?:don[’']t|do not|never)(?!\p{L})/giu;
const RIGHT_MARK = /(?:^|[^\p{L}])(?:correct|right|good|instead|better|preferred|recommended|do this)(?:$|[^\p{L}])|[✅✓✔]/iu;

/** Words before a mention that turn it into a negation: "there is no Task tool". */
const NEGATION_BEFORE =
  /(?:^|[^\p{L}])(?:no|not|never|don[’']t|doesn[’']t|isn[’']t|aren[’']t|wasn[’']t|won[’']t|can[’']t|cannot|without|instead of|rather than|avoid|non-?existent|neither|nor|no longer|unlike)(?:$|[^\p{L}])/iu;
/** Words after a mention that negate it: "the Task tool doesn't exist". */
const NEGATION_AFTER =
  /^[^.;:!?]{0,40}?(?:doesn[’']t exist|does not exist|do not exist|don[’']t exist|is not available|isn[’']t available|is unavailable|not found|is not a (?:real|valid)|isn[’']t a (?:real|valid)|no longer exists|was removed|has been removed|is gone|is deprecated|was renamed|is not supported|isn[’']t supported)/iu;

/** A line inside a code block that opens a fence with an info string: an example nested one level too shallow. */
const INNER_FENCE = /^[ \t]*(?:`{3,}|~{3,})[ \t]*[\w-]/m;
/** A fence line with no info string: an outer example's closing fence, read as an opening one. */
const BARE_FENCE = /^\s*(?:`{3,}|~{3,})\s*$/;

/** A block showing another doc's markdown, whose own fences can close it. */
const EXAMPLE_LANG = /^(?:markdown|md)$/;
/** An inner block's content is a few lines: a longer run between two fences is the doc's own prose. */
const MAX_SPILLED_LINES = 40;

/** "e.g." and the like end in a period without ending the sentence. */
const ABBREVIATION = /(?:^|[^\p{L}])(?:e\.g|i\.e|etc|vs|cf|approx)\.$/iu;

/**
 * How far a sentence or a quote is looked for around a mention. Real sentences are far shorter; the bound
 * keeps a huge paragraph with thousands of mentions from costing the square of its length.
 */
export const MAX_SENTENCE = 1000;
/** Characters that end a sentence when whitespace follows. */
const SENTENCE_END = ".!?;";

/**
 * Text above this size, or with a block (lines between blank lines) above MAX_BLOCK_CHARS, is not parsed to a
 * tree: micromark's time grows faster than the text on many lists and on long paragraphs full of brackets
 * (a 256 KB paragraph of `[a](` takes 11 s). Scraped docs in the corpus hold 60 KB paragraphs; no agent doc
 * comes near either limit. Rules that read the structure then see an empty document, and the engine says so.
 */
export const MAX_TREE_CHARS = 1_000_000;
export const MAX_BLOCK_CHARS = 200_000;

/** The length of the longest run of text without a blank line (any line ending). */
function longestBlock(text: string): number {
  let longest = 0;
  let blockStart = 0;
  let lineBlank = true;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 10;
    if (c === 10 && text.charCodeAt(i - 1) === 13) continue;
    if (c === 10 || c === 13) {
      if (lineBlank) blockStart = i + 1;
      else longest = Math.max(longest, i - blockStart);
      lineBlank = true;
    } else if (c !== 32 && c !== 9) lineBlank = false;
  }
  return longest;
}

/** The block of a sorted, non-overlapping list that holds `start..end` (end inclusive), by binary search. */
function blockHolding<T extends { start: number; end: number }>(blocks: readonly T[], start: number, end: number): T | undefined {
  let low = 0;
  let high = blocks.length - 1;
  let found: T | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (blocks[middle]!.start <= start) {
      found = blocks[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found && end <= found.end ? found : undefined;
}

/**
 * A link's destination and title, `](dest "title")`, and a full reference's label, `][label]`: letters no heading
 * text shows. Taken out only when they hold no bracket, escape, angle bracket or quote, so never in part; any other
 * `](` or `][` stays, and then the text alone cannot tell what a heading reads.
 */
const LINK_TAIL = /\]\((?:[^()\\[\]<>"']|\([^()\\[\]<>"']*\))*\)|\]\[[^\][\\]*\]/g;
/** What a heading's text (mdast's toString of it) leaves out of its source, besides link tails: markup and spacing. */
const HEADING_MARKUP = /[\s*_`\\[\]!<>]+/g;
/** A character reference (`&#112;`, `&amp;`) may spell any letter. */
const CHARACTER_REFERENCE = /&(?:#|[a-z][a-z0-9]*;)/i;

export class Doc {
  readonly text: string;
  readonly lines: LineIndex;
  readonly frontmatter: Frontmatter | undefined;
  private parsedTree: Root | undefined;
  private structure: { sections: Section[]; prose: ProseBlock[]; code: CodeBlock[] } | undefined;

  constructor(text: string) {
    this.text = text;
    this.lines = new LineIndex(text);
    this.frontmatter = parseFrontmatter(text);
  }

  private inlineCodeSpans: Array<{ value: string; start: number; end: number }> | undefined;

  /** Set when the text was too large to parse: rules reading the tree saw an empty document. */
  treeSkipped = false;

  get tree(): Root {
    if (!this.parsedTree) {
      this.treeSkipped = this.text.length > MAX_TREE_CHARS || longestBlock(this.text) > MAX_BLOCK_CHARS;
      this.parsedTree = this.treeSkipped ? { type: "root", children: [] } : parseMarkdown(this.text);
    }
    return this.parsedTree;
  }

  private headingSources: string[] | null | undefined;

  /**
   * At least as many as the headings whose text, with its whitespace taken out, matches `words` (a global
   * pattern): counted in the text without a parse, so a rule looking for a heading builds no tree for a doc
   * that cannot hold one. A heading's text is its source less markup, spacing and link destinations: each
   * occurrence shows in the text with those taken out, or, where the removal took a literal `](...)` apart,
   * in the text with markup and spacing alone taken out; the count is of both. Infinity when the text cannot
   * say (a character reference, a link the removal does not take out) or the tree is built anyway.
   */
  headingMatchBound(words: RegExp): number {
    if (this.parsedTree) return Infinity;
    if (this.headingSources === undefined) {
      const withoutLinks = CHARACTER_REFERENCE.test(this.text) ? "](" : this.text.replace(LINK_TAIL, "]");
      this.headingSources = withoutLinks.includes("](") || withoutLinks.includes("][")
        ? null
        : [withoutLinks.replace(HEADING_MARKUP, ""), this.text.replace(HEADING_MARKUP, "")];
    }
    if (this.headingSources === null) return Infinity;
    let count = 0;
    for (const source of this.headingSources) count += source.match(words)?.length ?? 0;
    return count;
  }

  /** Offset where the markdown body starts (after frontmatter). */
  get bodyStart(): number {
    return this.frontmatter ? this.frontmatter.end : 0;
  }

  get sections(): Section[] {
    return this.analyse().sections;
  }

  /** Inline code spans (`` `x` ``) in document order: `start` and `end` include the backticks. */
  get inlineCode(): Array<{ value: string; start: number; end: number }> {
    if (!this.inlineCodeSpans) {
      const spans: Array<{ value: string; start: number; end: number }> = [];
      const stack: Nodes[] = [this.tree];
      while (stack.length) {
        const node = stack.pop()!;
        if (node.type === "inlineCode" && node.position) {
          spans.push({ value: node.value, start: node.position.start.offset ?? 0, end: node.position.end.offset ?? 0 });
        }
        if ("children" in node) for (const child of node.children) stack.push(child as Nodes);
      }
      this.inlineCodeSpans = spans.sort((a, b) => a.start - b.start);
    }
    return this.inlineCodeSpans;
  }

  get prose(): ProseBlock[] {
    return this.analyse().prose;
  }

  get code(): CodeBlock[] {
    return this.analyse().code;
  }

  /** The innermost section that contains an offset, if any heading precedes it. */
  sectionAt(offset: number): Section | undefined {
    let found: Section | undefined;
    for (const section of this.sections) {
      if (section.start <= offset && offset < section.end) found = section;
      if (section.start > offset) break;
    }
    return found;
  }

  /** The sentence around a range, bounded by its prose block. */
  sentenceAt(start: number, end: number = start): { start: number; end: number; text: string } {
    const block = blockHolding(this.prose, start, end);
    const from = Math.max(start - MAX_SENTENCE, block ? block.start : this.lines.lineStart(this.lines.position(start).line));
    const to = Math.min(end + MAX_SENTENCE, block ? block.end : this.lines.lineEnd(this.lines.position(end).line));
    const text = this.text;
    // Inside a paragraph a line break is a soft break, not the end of a sentence.
    const lineBreakEnds = !block;
    let s = start;
    while (s > from) {
      const c = text[s - 1]!;
      if (lineBreakEnds && (c === "\n" || c === "\r")) break;
      // The punctuation test first: it is one comparison for most characters.
      if (SENTENCE_END.includes(text[s - 2] ?? "x") && /\s/.test(c) && !ABBREVIATION.test(text.slice(Math.max(from, s - 7), s - 1))) break;
      s--;
    }
    let e = end;
    while (e < to) {
      const c = text[e]!;
      if (lineBreakEnds && (c === "\n" || c === "\r")) break;
      if (SENTENCE_END.includes(c) && /\s/.test(text[e + 1] ?? " ") && !ABBREVIATION.test(text.slice(Math.max(s, e - 6), e + 1))) {
        e++;
        break;
      }
      e++;
    }
    // A sentence starts at its first character, never on the whitespace (or half a CRLF) before it.
    while (s < start && /\s/.test(text[s]!)) s++;
    return { start: s, end: e, text: text.slice(s, e) };
  }

  /** "there is no Task tool", "Task tool doesn't exist": the range is named only to deny it. */
  isNegated(start: number, end: number): boolean {
    const sentence = this.sentenceAt(start, end);
    const before = this.text.slice(sentence.start, start);
    const after = this.text.slice(end, sentence.end);
    return NEGATION_BEFORE.test(before) || NEGATION_AFTER.test(after);
  }

  /** The range sits between double quotes: quoted, not instructed. */
  isQuoted(start: number, end: number): boolean {
    // A quote may wrap onto the next line of its paragraph; outside prose, it stays on one line.
    const block = blockHolding(this.prose, start, end);
    const { line } = this.lines.position(start);
    const from = Math.max(start - MAX_SENTENCE, block ? block.start : this.lines.lineStart(line));
    const to = Math.min(end + MAX_SENTENCE, block ? block.end : this.lines.lineEnd(line));
    const opens = (this.text.slice(from, start).match(/["“”]/g) ?? []).length;
    return opens % 2 === 1 && /["“”]/.test(this.text.slice(end, to));
  }

  /** True when text at this offset shows what not to do rather than instructing. */
  isCounterExample(offset: number): boolean {
    const code = this.codeAt(offset);
    if (code) return code.counterExample || code.inQuote;
    const block = blockHolding(this.prose, offset, offset + 1);
    if (block) return block.counterExample || block.inQuote;
    return this.sections.some((s) => s.counterExample && s.start <= offset && offset < s.end);
  }

  /** Not an instruction: a counter-example, a quote, or a negated sentence. */
  isMention(start: number, end: number): boolean {
    return this.isCounterExample(start) || this.isQuoted(start, end) || this.isNegated(start, end);
  }

  /** The prose block that holds `start..end` (end inclusive), if any. */
  proseAt(start: number, end: number = start): ProseBlock | undefined {
    return blockHolding(this.prose, start, end);
  }

  /** The code block that contains an offset, if any. */
  codeAt(offset: number): CodeBlock | undefined {
    return blockHolding(this.code, offset, offset + 1);
  }

  /**
   * Whether an offset sits where an example meant to stay inside a code block spilled out: a block whose
   * content opens an inner fence (` ```python ` inside ` ```markdown `) is closed by the inner block's
   * closing fence, so the rest of the example reads as prose (with any further inner blocks) up to the
   * outer closing fence, which opens a block of its own with a bare fence.
   */
  isSpilledExample(offset: number): boolean {
    const code = this.code;
    for (let i = 0; i < code.length - 1; i++) {
      const block = code[i]!;
      if (block.end > offset) return false;
      if (!INNER_FENCE.test(block.value)) {
        if (offset < code[i + 1]!.end && this.closedByBareInnerFence(block, code[i + 1]!)) return true;
        continue;
      }
      const closer = code.slice(i + 1).find((next) => BARE_FENCE.test(next.raw.split("\n", 1)[0]!));
      if (closer && offset < closer.start) return true;
    }
    return false;
  }

  /**
   * A markdown example whose inner block opens with a bare fence: that fence closes the example, the inner block's
   * content reads as prose, and the inner closing fence opens a block that runs to the example's own closing fence.
   * The prose sits right between the two fences, with no blank line on either side, as a block's content does.
   */
  private closedByBareInnerFence(block: CodeBlock, next: CodeBlock): boolean {
    if (!EXAMPLE_LANG.test(block.lang) || !BARE_FENCE.test(next.raw.split("\n", 1)[0]!)) return false;
    // The rest of the closing fence's line, the lines between, and the indentation of the opening fence.
    const lines = this.text.slice(block.end, next.start).split("\n");
    if (lines.length < 3 || lines.length > MAX_SPILLED_LINES + 2 || lines[0]!.trim() || lines[lines.length - 1]!.trim()) return false;
    return lines[1]!.trim() !== "" && lines[lines.length - 2]!.trim() !== "";
  }

  private analyse(): { sections: Section[]; prose: ProseBlock[]; code: CodeBlock[] } {
    if (this.structure) return this.structure;
    const sections: Section[] = [];
    const prose: ProseBlock[] = [];
    const code: CodeBlock[] = [];
    const text = this.text;
    const headings: Heading[] = [];
    const offsets = (node: Nodes): [number, number] => [
      node.position?.start.offset ?? 0,
      node.position?.end.offset ?? 0,
    ];

    // Iterative walks: a doc of 20,000 nested blockquotes must not overflow the stack.
    const stack: Nodes[] = [this.tree];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.type === "heading") headings.push(node);
      if ("children" in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
    const open: Section[] = [];
    for (const heading of headings) {
      const [start] = offsets(heading);
      while (open.length && open[open.length - 1]!.depth >= heading.depth) open.pop()!.end = start;
      const title = toString(heading).trim();
      const section: Section = {
        heading: title,
        depth: heading.depth,
        start,
        end: text.length,
        counterExample: isCounterExampleHeading(title) || open.some((s) => s.counterExample),
      };
      sections.push(section);
      open.push(section);
    }
    const inCounterSection = (offset: number): boolean =>
      sections.some((s) => s.counterExample && s.start <= offset && offset < s.end);

    interface Visit {
      node: Nodes;
      inQuote: boolean;
      markedWrong: boolean;
      previous: Nodes | undefined;
    }
    const pending: Visit[] = [{ node: this.tree, inQuote: false, markedWrong: false, previous: undefined }];
    while (pending.length) {
      const { node, inQuote, markedWrong, previous } = pending.pop()!;
      const [start, end] = offsets(node);
      if (node.type === "paragraph" || node.type === "heading" || node.type === "tableCell") {
        prose.push({
          type: node.type,
          start,
          end,
          raw: text.slice(start, end),
          inQuote,
          counterExample: markedWrong || inCounterSection(start),
        });
        continue;
      }
      if (node.type === "code") {
        code.push(this.describeCode(node, start, end, inQuote, markedWrong || inCounterSection(start), previous));
        continue;
      }
      if (!("children" in node)) continue;
      const quote = inQuote || node.type === "blockquote";
      let wrong = markedWrong;
      if (node.type === "listItem") {
        const lead = node.children[0];
        if (lead && lead.type === "paragraph") {
          const firstLine = toString(lead).split("\n")[0] ?? "";
          if (/^\s*(?:[❌🚫✗]|\*{0,2}(?:wrong|bad|incorrect|don[’']t|avoid|never)\b)/iu.test(firstLine)) wrong = true;
        }
      }
      const children = node.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) {
        pending.push({ node: children[i]!, inQuote: quote, markedWrong: wrong, previous: children[i - 1] });
      }
    }
    // In document order, so a block is found by binary search.
    prose.sort((a, b) => a.start - b.start);
    code.sort((a, b) => a.start - b.start);
    this.structure = { sections, prose, code };
    return this.structure;
  }

  private describeCode(node: Code, start: number, end: number, inQuote: boolean, inCounter: boolean, previous: Nodes | undefined): CodeBlock {
    const value = node.value;
    const firstLines = value.split(/\r?\n|\r/).filter((l) => l.trim() !== "").slice(0, 2);
    let wrong = inCounter || firstLines.some((l) => CODE_WRONG_COMMENT.test(l));
    if (!wrong && previous && previous.type === "paragraph") {
      const lead = toString(previous).trim();
      const lastLine = lead.split("\n").pop() ?? "";
      // "for agents that don't block your next action:" describes what the code is for; it marks nothing wrong.
      const marks = lastLine.replace(RELATIVE_NEGATION, " ");
      if (lead.length < 200 && WRONG_MARK.test(marks) && !RIGHT_MARK.test(marks)) wrong = true;
    }
    return {
      lang: (node.lang ?? "").toLowerCase(),
      meta: node.meta ?? "",
      start,
      end,
      raw: this.text.slice(start, end),
      value,
      inQuote,
      counterExample: wrong,
    };
  }
}
