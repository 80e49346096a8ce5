import type { Nodes } from "mdast";
import { isMap, isScalar, isSeq, type Node, type Scalar } from "yaml";
import { MAX_SENTENCE, type Doc } from "./document.js";
import { isClaudeCodeToolName } from "./toolset.js";
import { readableFrontmatter } from "./parse.js";

/** A tool name in the document, with the offsets of the name itself. */
export interface ToolMention {
  name: string;
  start: number;
  end: number;
  /**
   * How it was named. `frontmatter`: an entry of a tools key. `backticked`: "the `X` tool".
   * `phrase`: "use the X tool". `invocation`: an "X tool:" line followed by indented parameters.
   * `call`: `X(subagent_type: ..., prompt: ...)`, a call with the tool's own parameters. `bare`: a former
   * Claude Code tool name of two or more words (`TaskOutput`) standing alone, which names nothing else.
   */
  form: "frontmatter" | "backticked" | "phrase" | "invocation" | "call" | "bare";
  /** The names beside it: the other entries of its tools list, or the words of its sentence. */
  context: string;
}

/** Frontmatter keys whose value lists tools, as Claude Code reads them (and the spelling people use). */
export const TOOL_KEYS = ["allowed-tools", "tools", "disallowedTools", "disallowed-tools"];

const PASCAL_NAME = "[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*";
const BACKTICKED_TOOL = /`([A-Za-z]\w*)`[ \t]+tools?\b/dg;
const TOOL_PHRASE = new RegExp(
  `\\b(?:[Uu]s(?:e|es|ed|ing)|[Cc]all(?:s|ed|ing)?|[Ii]nvok(?:e|es|ed|ing)|[Rr]un(?:s|ning)?|[Ll]aunch(?:es|ed|ing)?|[Ss]pawn(?:s|ed|ing)?|[Vv]ia|[Ww]ith|[Tt]hrough)[ \\t]+(?:the[ \\t]+|Claude[ \\t]+Code['’]s[ \\t]+)?(${PASCAL_NAME})[ \\t]+tool\\b`,
  "dg",
);
/** "multiple Task tool calls", "one Agent tool call per reviewer": calls of a tool by name. */
const TOOL_CALLS = new RegExp(`\\b(${PASCAL_NAME})[ \\t]+tool[ \\t]+calls?\\b`, "dg");
/** `Task(` or `TaskOutput({`: a call, which names a tool only with one of its own parameters inside (CALL_ARGUMENT). */
const CALL = /(?<![\w$.])([A-Z][A-Za-z0-9]+)[ \t]*\(/dg;
/**
 * Parameters only Claude Code's Agent/Task, TaskOutput and Bash tools take: `Task(description=...)` alone may be
 * another framework's task object (CrewAI), but not with `subagent_type` or `run_in_background`.
 */
const CALL_ARGUMENT = /\b(?:subagent_type|prompt|run_in_background|task_id|bash_id|shell_id|block)["']?[ \t]*[:=]/;
/** How far a call's parameters are looked for after its `(`. */
const CALL_REACH = 800;
/** Fences of steps written out for the agent rather than a program's code: a bare tool name there is the agent's tool. */
const PSEUDO_CODE_LANGS = new Set(["", "text", "txt", "plaintext"]);
/**
 * A word of two or more capitalised parts (`TaskOutput`, `BashOutput`), the shape a bare tool name must have. Not
 * one of an alternation (`Write|Edit|MultiEdit`, a hook's matcher) nor an attribute or key being set
 * (`TaskOutput="[taskObj]"` in XAML).
 */
const COMPOUND_NAME = /(?<![\w$./|-])([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+)(?![\w(/|=-])/dg;
const PASCAL_WORD = new RegExp(`^${PASCAL_NAME}$`);
const LETTER_FIRST = /^[a-z]/i;

const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * What any body form below needs in the raw text: a backticked name (`` `X` tool ``) or a PascalCase word
 * (`X tools`) right before "tool" or "tools" and a word boundary. Found from each "tool" backwards, which
 * costs a fraction of a pattern tried at every position.
 */
function* candidates(text: string): Generator<{ name: string; backticked: boolean; colonAfter: boolean }> {
  for (let at = text.indexOf("tool"); at >= 0; at = text.indexOf("tool", at + 4)) {
    let end = at + 4;
    if (isWordChar(text.charCodeAt(end))) {
      if (text.charCodeAt(end) !== 115 || isWordChar(text.charCodeAt(end + 1))) continue;
      end++;
    }
    let gap = at;
    while (gap > 0 && (text.charCodeAt(gap - 1) === 32 || text.charCodeAt(gap - 1) === 9)) gap--;
    if (gap === at) continue;
    const backticked = text.charCodeAt(gap - 1) === 96;
    const nameEnd = backticked ? gap - 1 : gap;
    let nameStart = nameEnd;
    while (nameStart > 0 && isWordChar(text.charCodeAt(nameStart - 1))) nameStart--;
    const name = text.slice(nameStart, nameEnd);
    if (backticked ? text.charCodeAt(nameStart - 1) !== 96 || !LETTER_FIRST.test(name) : !PASCAL_WORD.test(name)) continue;
    yield { name, backticked, colonAfter: end === at + 4 && text.charCodeAt(end) === 58 };
  }
}
/** "Task tool:" alone on its line, the next line an indented `key:` (a parameter block). */
const INVOCATION = new RegExp(`^[ \\t]*(?:[-*][ \\t]+)?(${PASCAL_NAME})[ \\t]+tool:[ \\t]*\\r?\\n[ \\t]+[\\w-]+:`, "dgm");
/** What a tools entry may hold before its `(specifier)`; anything else is another product's tool id. */
const ENTRY_NAME = /^[\w*-]+$/;

/** Splits "Read, Grep, Bash(git add:*)" or "Read Grep" at commas and spaces outside parentheses. */
function splitEntries(text: string): Array<{ text: string; offset: number }> {
  const entries: Array<{ text: string; offset: number }> = [];
  let depth = 0;
  let start = 0;
  const flush = (end: number): void => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const value = raw.trim();
    if (value) entries.push({ text: value, offset: start + lead });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "(") depth++;
    else if (c === ")") depth = Math.max(0, depth - 1);
    else if (depth === 0 && (c === "," || c === " " || c === "\t")) {
      flush(i);
      start = i + 1;
    }
  }
  flush(text.length);
  return entries;
}

interface Entry {
  name: string;
  start: number;
  end: number;
}

/** The entries of one scalar, with offsets into the file; quoted scalars are read inside their quotes. */
function scalarEntries(doc: Doc, node: Scalar, contentStart: number): Entry[] {
  if (typeof node.value !== "string" || !node.range) return [];
  const from = contentStart + node.range[0];
  const raw = doc.text.slice(from, contentStart + node.range[1]);
  const quoted = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE";
  const inner = quoted ? raw.slice(1, -1) : raw;
  // Escapes or folding make the source differ from the value; then the whole scalar is the place.
  const exact = inner === node.value;
  return splitEntries(node.value).map(({ text, offset }) => {
    const paren = text.indexOf("(");
    const name = (paren < 0 ? text : text.slice(0, paren)).trim();
    if (!exact) return { name, start: from, end: from + raw.length };
    const start = from + (quoted ? 1 : 0) + offset;
    return { name, start, end: start + name.length };
  });
}

/**
 * Entries of `allowed-tools`, `tools` and `disallowedTools`. A list written for another product (VS Code
 * `edit/editFiles`, Gemini `read_file`) is skipped whole: it must name at least one Claude Code tool and
 * hold only plain names to count as Claude Code's.
 */
export function findFrontmatterToolMentions(doc: Doc): ToolMention[] {
  const frontmatter = doc.frontmatter;
  // A broken entry elsewhere in the block does not hide a tools list: read what still parses.
  const yaml = frontmatter && readableFrontmatter(doc.text, frontmatter);
  if (!frontmatter || !yaml || !isMap(yaml.contents)) return [];
  const mentions: ToolMention[] = [];
  for (const pair of yaml.contents.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (typeof key !== "string" || !TOOL_KEYS.includes(key)) continue;
    const value = pair.value as Node | null;
    const scalars = isScalar(value) ? [value] : isSeq(value) ? value.items.filter((item): item is Scalar => isScalar(item)) : [];
    const entries = scalars.flatMap((scalar) => scalarEntries(doc, scalar, frontmatter.contentStart));
    const named = entries.filter((entry) => entry.name !== "" && entry.name !== "*");
    if (!named.every((entry) => ENTRY_NAME.test(entry.name))) continue;
    if (!named.some((entry) => isClaudeCodeToolName(entry.name))) continue;
    const context = named.map((entry) => entry.name).join(" ");
    for (const entry of named) mentions.push({ ...entry, form: "frontmatter", context });
  }
  return mentions;
}

function inlineCodeStarts(tree: Nodes): Set<number> {
  const starts = new Set<number>();
  const visit = (node: Nodes): void => {
    if (node.type === "inlineCode" && node.position?.start.offset !== undefined) starts.add(node.position.start.offset);
    if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(tree);
  return starts;
}

function mentionAt(doc: Doc, match: RegExpMatchArray, group: number, offset: number, form: ToolMention["form"]): ToolMention {
  const [start, end] = match.indices![group]!;
  return { name: match[group]!, start: offset + start, end: offset + end, form, context: sentenceAround(doc, offset + start, offset + end) };
}

/**
 * The sentence around a range, across the soft line breaks of its paragraph. It is looked for within
 * MAX_SENTENCE characters each way, so a huge paragraph full of mentions costs its length, not its square.
 */
function sentenceAround(doc: Doc, start: number, end: number): string {
  const block = doc.proseAt(start, end);
  if (!block) return doc.sentenceAt(start, end).text;
  const before = block.raw.slice(Math.max(0, start - block.start - MAX_SENTENCE), start - block.start);
  const after = block.raw.slice(end - block.start, end - block.start + MAX_SENTENCE);
  const from = Math.max(...[...before.matchAll(/[.!?;]\s/g)].map((m) => m.index + 2), 0);
  const to = /[.!?;](?:\s|$)/.exec(after);
  return `${before.slice(from)}${doc.text.slice(start, end)}${to ? after.slice(0, to.index + 1) : after}`.replace(/\s+/g, " ");
}

/**
 * Tool names the body hands to the agent: "the `X` tool", "use the X tool", and "X tool:" parameter
 * blocks. Code blocks count only for parameter blocks. Mentions (counter-examples, quotes, negations)
 * are left out, and so are names `worthChecking` turns down in the form they take.
 */
export function findBodyToolMentions(
  doc: Doc,
  worthChecking: (name: string, form: Exclude<ToolMention["form"], "frontmatter">) => boolean = () => true,
): ToolMention[] {
  // Every body form is a name right before "tool". When no such name is worth checking in the forms it
  // can take (a known tool, or an unknown word only ever used in a phrase), there is nothing to find and
  // no tree to build.
  let worth = false;
  for (const candidate of candidates(doc.text)) {
    // Only "X tool:" can open a parameter block.
    const form = candidate.backticked ? "backticked" : candidate.colonAfter ? "invocation" : "phrase";
    if ((worth = worthChecking(candidate.name, form))) break;
  }
  if (!worth) worth = namedWithoutToolWord(doc.text, worthChecking);
  if (!worth) return [];
  const codeSpanStarts = inlineCodeStarts(doc.tree);
  const found = new Map<number, ToolMention>();
  const add = (mention: ToolMention): void => {
    if (found.has(mention.start) || doc.isMention(mention.start, mention.end)) return;
    found.set(mention.start, mention);
  };
  // Names not worth checking are dropped before their sentence is looked for: a doc may name known tools
  // thousands of times. (No two forms can find a name at the same place, so dropping one hides no other.)
  const scan = (raw: string, offset: number, inCode: boolean): void => {
    if (!inCode) {
      for (const match of raw.matchAll(BACKTICKED_TOOL)) {
        // "``call the `Spawn` tool``" shows text; only a code span of its own is a name.
        if (codeSpanStarts.has(offset + match.index) && worthChecking(match[1]!, "backticked")) add(mentionAt(doc, match, 1, offset, "backticked"));
      }
      for (const pattern of [TOOL_PHRASE, TOOL_CALLS]) {
        for (const match of raw.matchAll(pattern)) if (worthChecking(match[1]!, "phrase")) add(mentionAt(doc, match, 1, offset, "phrase"));
      }
    }
    for (const match of raw.matchAll(INVOCATION)) if (worthChecking(match[1]!, "invocation")) add(mentionAt(doc, match, 1, offset, "invocation"));
    for (const match of raw.matchAll(CALL)) {
      if (isClaudeCodeToolName(match[1]!) && worthChecking(match[1]!, "call") && CALL_ARGUMENT.test(callArguments(raw, match.index + match[0].length))) {
        add(mentionAt(doc, match, 1, offset, "call"));
      }
    }
  };
  // A bare former name (`TaskOutput`) is looked for in prose only, after the other forms have taken their names.
  const scanBare = (raw: string, offset: number): void => {
    for (const match of raw.matchAll(COMPOUND_NAME)) {
      if (isClaudeCodeToolName(match[1]!) && worthChecking(match[1]!, "bare")) add(mentionAt(doc, match, 1, offset, "bare"));
    }
  };
  for (const block of doc.prose) if (block.start >= doc.bodyStart) scan(block.raw, block.start, false);
  for (const code of doc.code) if (!code.counterExample && !code.inQuote) scan(code.raw, code.start, true);
  for (const block of doc.prose) if (block.start >= doc.bodyStart) scanBare(block.raw, block.start);
  for (const code of doc.code) if (!code.counterExample && !code.inQuote && PSEUDO_CODE_LANGS.has(code.lang)) scanBare(code.raw, code.start);
  return [...found.values()].sort((a, b) => a.start - b.start);
}

/** The text of a call's parameters from just after its `(`: up to the `)` that closes it, or CALL_REACH characters. */
function callArguments(raw: string, from: number): string {
  let depth = 1;
  const end = Math.min(raw.length, from + CALL_REACH);
  for (let i = from; i < end; i++) {
    const c = raw[i];
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return raw.slice(from, i);
  }
  return raw.slice(from, end);
}

/** Whether the text names a former Claude Code tool without the word "tool": in a call, or as a bare compound name. */
function namedWithoutToolWord(text: string, worthChecking: (name: string, form: Exclude<ToolMention["form"], "frontmatter">) => boolean): boolean {
  for (const [pattern, form] of [[CALL, "call"], [COMPOUND_NAME, "bare"]] as const) {
    for (const match of text.matchAll(pattern)) if (isClaudeCodeToolName(match[1]!) && worthChecking(match[1]!, form)) return true;
  }
  return false;
}
