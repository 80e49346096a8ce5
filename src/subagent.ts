/**
 * Finding subagent launches in a document and the prompts handed to them: `claude -p` commands in shell
 * blocks and inline code, Agent/Task tool invocations with a `prompt:` parameter, and prompt blocks that
 * a lead-in introduces as a subagent's prompt. Rules about what a subagent can see build on these.
 */
import type { Blockquote, InlineCode, Nodes } from "mdast";
import type { CodeBlock, Doc } from "./document.js";
import { CLAUDE_VALUE_FLAGS } from "./hosts/claude-code/cli.js";

export interface TextRange {
  start: number;
  end: number;
}

export type LaunchKind = "claude-cli" | "agent-tool" | "prompt-block";

/** What makes a launch inherit a conversation: a CLI flag or an Agent tool parameter, where it is written. */
export interface InheritingSetting extends TextRange {
  /** As written: `--continue`, `-c`, `--resume`, `-r` (CLI), or `subagent_type: fork`, `resume` (Agent tool). */
  text: string;
  mechanism: "continue" | "resume" | "fork";
}

export interface SubagentLaunch extends TextRange {
  kind: LaunchKind;
  /** The text the subagent receives, as ranges of the document text. */
  prompt: TextRange[];
  inherits?: InheritingSetting;
  /** Shown as what not to do (counter-example, quote, negated sentence, block marked wrong): not an instruction. */
  mention: boolean;
}

/** Fence languages whose lines may be shell commands; markdown and text fences hold example skills. */
const SHELL_LANGS = new Set(["", "bash", "sh", "shell", "zsh", "console", "shellsession", "terminal", "text", "txt", "plaintext", "markdown", "md"]);

/** `claude` as a command word, followed by a flag. */
const CLAUDE_COMMAND = /(?<![\w./-])claude(?=[ \t]+-)/g;

const INVOCATION_HEADER = /^[ \t]*(?:[-*][ \t]+)?(?:await[ \t]+)?(?:Task|Agent|Subagent)\b[^\n]*?(?:\(|\{|:[ \t]*$)/gm;
const INVOCATION_HINT = /\b(?:Task|Agent)(?:[ \t]+tool)?[ \t]*[:({]|\bsubagent_type\b|^[ \t]*Subagent\b[^\n]*:/m;
const SUBAGENT_WORDS = /\b(?:sub-?agents?|Task tool|Agent tool|claude -p)\b/i;
/** `prompt:` (YAML, JS, JSON) or a `prompt=` keyword argument of a `Task(...)` call. */
const PROMPT_KEY = /(?:^|[\s{,(])"?prompt"?[ \t]*:[ \t]*|[(,]\s*prompt=/gm;
const FORK_TYPE = /\bsubagent_type"?[ \t]*[:=][ \t]*["'`]?fork\b/;
/** The Agent tool's `resume` parameter: the subagent continues an earlier run with its transcript. */
const RESUME_PARAMETER = /(?:^|[(,{])[ \t]*"?resume"?[ \t]*[:=][ \t]*["'`]?[\w$-]/m;

const HEADING_WRONG = /incorrect|wrong|don[’']t|anti-?pattern|\bbad\b|avoid|mistake|pitfall|symptom|never/i;
const COMMENT_LINE = /^[ \t]*(?:#+|\/\/|<!--|--)[ \t]*/;
const LEADING_WRONG = /^(?:\*\*)?(?:❌|🚫|✗|(?:wrong|bad|incorrect|anti-?pattern|avoid|broken)\b)/i;
const LEADING_RIGHT = /^(?:\*\*)?(?:[✅✓✔]|(?:correct|right|good|better|fixed|instead)\b)/i;

const NEGATION =
  /(?:^|[^\p{L}])(?:no|not|never|don[’']t|doesn[’']t|isn[’']t|aren[’']t|won[’']t|can[’']t|cannot|without|instead of|rather than|avoid|nor|unlike)(?:$|[^\p{L}])/iu;

const cache = new WeakMap<Doc, SubagentLaunch[]>();

/** `claude` then a flag, as CLAUDE_COMMAND finds it, without its look-behind: looser, for the text pre-check. */
const CLAUDE_COMMAND_LOOSE = /claude[ \t]+-/;

/**
 * Whether the raw text could hold a launch, without parsing it: a `claude -...` command, or "prompt" with
 * an Agent/Task invocation or subagent words (what a `prompt:` key and a prompt block's lead-in both need).
 */
function mayLaunchSubagent(text: string): boolean {
  if (CLAUDE_COMMAND_LOOSE.test(text)) return true;
  return /prompt/i.test(text) && (INVOCATION_HINT.test(text) || SUBAGENT_WORDS.test(text));
}

/** Every subagent launch in the document, in document order. */
export function findSubagentLaunches(doc: Doc): SubagentLaunch[] {
  let launches = cache.get(doc);
  if (!launches && !mayLaunchSubagent(doc.text)) cache.set(doc, (launches = []));
  if (!launches) {
    const found = [...claudeCommandLaunches(doc), ...agentToolLaunches(doc)];
    // A block that holds a `claude -p` command or an Agent invocation is not itself the prompt.
    const blocks = [...promptBlockLaunches(doc), ...prosePromptLaunches(doc)].filter((block) => !found.some((l) => block.start <= l.start && l.end <= block.end));
    launches = [...found, ...blocks].sort((a, b) => a.start - b.start);
    cache.set(doc, launches);
  }
  return launches;
}

/** The content of a code block between its fences, as offsets into the document. */
function codeContent(block: CodeBlock): TextRange {
  const raw = block.raw;
  if (!/^[ \t]*(?:`{3,}|~{3,})/.test(raw)) return { start: block.start, end: block.end };
  const firstBreak = raw.search(/\r\n|\r|\n/);
  if (firstBreak < 0) return { start: block.end, end: block.end };
  const start = block.start + firstBreak + (raw.startsWith("\r\n", firstBreak) ? 2 : 1);
  const lastBreak = Math.max(raw.lastIndexOf("\n"), raw.lastIndexOf("\r"));
  const closed = lastBreak > firstBreak && /^[ \t]*(?:`{3,}|~{3,})[ \t]*$/.test(raw.slice(lastBreak + 1));
  return { start, end: closed ? block.start + lastBreak + 1 : block.end };
}

/**
 * Inside one code block, the nearest marker line above an offset (a heading of an embedded example, or a
 * comment leading with "Wrong", "Bad", ❌ ...) says whether the code there is shown as a mistake.
 */
function markedWrongWithinBlock(doc: Doc, content: TextRange, offset: number): boolean {
  const lines = doc.text.slice(content.start, offset).split(/\r\n|\r|\n/);
  lines.pop();
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    // A single `#` opens a shell comment; two or more open a heading of an embedded markdown example.
    const heading = /^[ \t]*#{2,6}[ \t]+(?![ \t])(.*)$/.exec(line);
    if (heading) return HEADING_WRONG.test(heading[1]!);
    const comment = COMMENT_LINE.exec(line);
    const lead = (comment ? line.slice(comment[0].length) : line).trimStart();
    if (!comment && !/^(?:\*\*|[❌✅🚫✗✓✔])/u.test(lead)) continue;
    if (LEADING_WRONG.test(lead)) return true;
    if (LEADING_RIGHT.test(lead)) return false;
  }
  return false;
}

/** Whether the words just before `start`, in its sentence or line, negate it: "you cannot see this conversation". */
export function negatedInSentence(text: string, start: number, floor = 0): boolean {
  const from = Math.max(floor, start - 80);
  // A single line break does not end a sentence: prompts and prose wrap lines mid-sentence.
  let boundary = start;
  while (boundary > from && !/[.!?]/.test(text[boundary - 1]!) && !/\n[ \t]*\r?\n$/.test(text.slice(boundary - 8, boundary))) {
    boundary--;
  }
  return NEGATION.test(text.slice(boundary, start));
}

/** "Instead of this:", "Don't write:": a lead-in that presents the block as what not to do. */
const REJECTING_LEAD = /\b(?:instead of|rather than|not this|avoid|don['’]t|do not|never)\b[^.!?]*:\**$/i;

function blockIsMention(doc: Doc, block: CodeBlock, content: TextRange, offset: number): boolean {
  if (block.counterExample || block.inQuote || markedWrongWithinBlock(doc, content, offset)) return true;
  const lead = leadInBefore(doc, block.start);
  return lead !== undefined && REJECTING_LEAD.test(lead.raw.trim());
}

// ---------------------------------------------------------------------------------------------------------
// claude -p commands

interface ShellWord extends TextRange {
  /** The word with its quotes, as written. */
  raw: string;
  /** Set when the whole word is one quoted string: its content. */
  quoted?: TextRange;
}

interface ShellCommand extends TextRange {
  words: ShellWord[];
  /** Bodies of here-documents fed to the command. */
  heredocs: TextRange[];
}

/** Offset after a quoted string that opens at `at` (the quote), bounded by `limit`. */
function skipQuoted(text: string, at: number, limit: number): number {
  const quote = text[at]!;
  let i = at + 1;
  while (i < limit) {
    const c = text[i]!;
    if (c === quote) return i + 1;
    if (quote === '"' && c === "\\") i += 2;
    else if (quote === '"' && c === "$" && text[i + 1] === "(") i = skipSubstitution(text, i + 2, limit);
    else i++;
  }
  return limit;
}

/** Reads a here-document operator at `at` (`<<EOF`, `<<-'EOF'`): its delimiter and where the operator ends. */
function readHeredocOperator(text: string, at: number, limit: number): { delimiter: string; end: number } | undefined {
  const match = /^<<-?[ \t]*(["']?)([\w.-]+)\1/.exec(text.slice(at, Math.min(limit, at + 80)));
  return match ? { delimiter: match[2]!, end: at + match[0].length } : undefined;
}

/** From a line start, the here-document body up to its delimiter line; returns the body and the offset after it. */
function readHeredocBody(text: string, from: number, limit: number, delimiter: string): { body: TextRange; end: number } {
  let lineStart = from;
  while (lineStart < limit) {
    const breakAt = text.slice(lineStart, limit).search(/\r\n|\r|\n/);
    const lineEnd = breakAt < 0 ? limit : lineStart + breakAt;
    if (text.slice(lineStart, lineEnd).trim() === delimiter) return { body: { start: from, end: lineStart }, end: lineEnd };
    if (breakAt < 0) break;
    lineStart = lineEnd + (text.startsWith("\r\n", lineEnd) ? 2 : 1);
  }
  return { body: { start: from, end: limit }, end: limit };
}

/** Offset after the `)` that closes a `$(` whose content starts at `from`. */
function skipSubstitution(text: string, from: number, limit: number): number {
  let depth = 1;
  let i = from;
  const pending: string[] = [];
  while (i < limit) {
    const c = text[i]!;
    if (c === "\n" || c === "\r") {
      i += text.startsWith("\r\n", i) ? 2 : 1;
      for (const delimiter of pending.splice(0)) i = readHeredocBody(text, i, limit, delimiter).end;
      continue;
    }
    if (c === "'" || c === '"') i = skipQuoted(text, i, limit);
    else if (c === "\\") i += 2;
    else if (c === "<" && text[i + 1] === "<") {
      const operator = readHeredocOperator(text, i, limit);
      if (operator) pending.push(operator.delimiter);
      i = operator ? operator.end : i + 2;
    } else if (c === "(") {
      depth++;
      i++;
    } else if (c === ")") {
      depth--;
      i++;
      if (depth === 0) return i;
    } else i++;
  }
  return limit;
}

/** Reads the words of a shell command that starts at `from`, up to its end (newline, `;`, `&`, `|`, `)`). */
function readShellCommand(text: string, from: number, limit: number): ShellCommand {
  const words: ShellWord[] = [];
  const pendingHeredocs: string[] = [];
  const heredocs: TextRange[] = [];
  let i = from;
  let end = limit;
  let redirectTarget = false;
  while (i < limit) {
    const c = text[i]!;
    if (c === " " || c === "\t") {
      i++;
      continue;
    }
    if (c === "\\" && (text[i + 1] === "\n" || text[i + 1] === "\r")) {
      i += text.startsWith("\r\n", i + 1) ? 3 : 2;
      continue;
    }
    if (c === "\n" || c === "\r" || c === ";" || c === "&" || c === "|" || c === ")" || c === "`" || c === "#") {
      end = i;
      break;
    }
    if (c === "<" && text[i + 1] === "<") {
      const operator = readHeredocOperator(text, i, limit);
      if (operator) {
        pendingHeredocs.push(operator.delimiter);
        i = operator.end;
        continue;
      }
    }
    if (c === "<" || c === ">") {
      // A redirection: its target (`> "$OUT"`) is a file, not an argument.
      i++;
      while (i < limit && /[<>&|]/.test(text[i]!)) i++;
      redirectTarget = true;
      continue;
    }
    const start = i;
    while (i < limit) {
      const w = text[i]!;
      if (w === "'" || w === '"') i = skipQuoted(text, i, limit);
      else if (w === "$" && text[i + 1] === "(") i = skipSubstitution(text, i + 2, limit);
      else if (/[\s;&|)`<>]/.test(w)) break;
      else i++;
    }
    if (i === start) {
      i++;
      continue;
    }
    const raw = text.slice(start, i);
    const whole = /^\$?["']/.exec(raw);
    const quoted =
      whole && skipQuoted(text, start + whole[0].length - 1, limit) === i ? { start: start + whole[0].length, end: i - 1 } : undefined;
    if (redirectTarget) {
      redirectTarget = false;
      continue;
    }
    words.push({ start, end: i, raw, ...(quoted ? { quoted } : {}) });
  }
  if (pendingHeredocs.length > 0 && end < limit) {
    let at = end;
    const breakAt = text.slice(at, limit).search(/\r\n|\r|\n/);
    if (breakAt >= 0) {
      at += breakAt;
      at += text.startsWith("\r\n", at) ? 2 : 1;
      for (const delimiter of pendingHeredocs) {
        const { body, end: after } = readHeredocBody(text, at, limit, delimiter);
        heredocs.push(body);
        at = after;
      }
      end = at;
    }
  }
  return { start: from, end, words, heredocs };
}

function flagOf(word: ShellWord): { print: boolean; inherits?: InheritingSetting["mechanism"] } {
  const raw = word.raw;
  if (raw === "--print" || raw === "-p") return { print: true };
  if (raw === "--continue" || raw === "-c") return { print: false, inherits: "continue" };
  if (raw === "--resume" || raw === "-r" || raw.startsWith("--resume=")) return { print: false, inherits: "resume" };
  const cluster = /^-([a-z]{2,5})$/i.exec(raw);
  if (cluster) {
    const letters = cluster[1]!;
    const inherits = letters.includes("c") ? "continue" : letters.includes("r") ? "resume" : undefined;
    return { print: letters.includes("p"), ...(inherits ? { inherits } : {}) };
  }
  return { print: false };
}

/** A `claude` command in print mode (`-p`), found in the text range: a subagent launch. */
function claudeLaunchesIn(doc: Doc, range: TextRange, mentionAt: (offset: number) => boolean): SubagentLaunch[] {
  const text = doc.text;
  const launches: SubagentLaunch[] = [];
  const region = text.slice(range.start, range.end);
  CLAUDE_COMMAND.lastIndex = 0;
  let resumeAt = 0;
  for (let match = CLAUDE_COMMAND.exec(region); match; match = CLAUDE_COMMAND.exec(region)) {
    const start = range.start + match.index;
    if (start < resumeAt) continue;
    const command = readShellCommand(text, start + "claude".length, range.end);
    resumeAt = command.end;
    let print = false;
    let inherits: InheritingSetting | undefined;
    const prompt: TextRange[] = [];
    command.words.forEach((word, index) => {
      const flag = flagOf(word);
      print ||= flag.print;
      if (flag.inherits && !inherits) inherits = { start: word.start, end: word.end, text: word.raw, mechanism: flag.inherits };
      const previous = command.words[index - 1];
      if (word.quoted && !(previous && CLAUDE_VALUE_FLAGS.has(previous.raw))) prompt.push(word.quoted);
    });
    if (!print) continue;
    prompt.push(...command.heredocs);
    launches.push({
      kind: "claude-cli",
      start,
      end: command.end,
      prompt,
      ...(inherits ? { inherits } : {}),
      mention: mentionAt(start),
    });
  }
  return launches;
}

function claudeCommandLaunches(doc: Doc): SubagentLaunch[] {
  const launches: SubagentLaunch[] = [];
  for (const block of doc.code) {
    if (!SHELL_LANGS.has(block.lang)) continue;
    const content = codeContent(block);
    launches.push(...claudeLaunchesIn(doc, content, (offset) => blockIsMention(doc, block, content, offset)));
  }
  for (const span of inlineCodeSpans(doc)) {
    launches.push(...claudeLaunchesIn(doc, span, () => doc.isMention(span.start, span.end)));
  }
  return launches;
}

/** The content of every inline code span (backticks excluded) that holds a `claude` command. */
function inlineCodeSpans(doc: Doc): TextRange[] {
  const spans: TextRange[] = [];
  const visit = (node: Nodes): void => {
    if (node.type === "inlineCode") {
      const code = node as InlineCode;
      const start = code.position?.start.offset;
      const end = code.position?.end.offset;
      if (start === undefined || end === undefined || !/\bclaude\s/.test(code.value)) return;
      const ticks = /^`+/.exec(doc.text.slice(start, end))?.[0].length ?? 1;
      spans.push({ start: start + ticks, end: end - ticks });
      return;
    }
    if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(doc.tree);
  return spans;
}

// ---------------------------------------------------------------------------------------------------------
// Agent / Task tool invocations

/** The prose block that leads into a block starting at `offset`, with nothing but blank space between. */
function leadInBefore(doc: Doc, offset: number): { start: number; end: number; raw: string; counterExample: boolean; type: string } | undefined {
  let found: (typeof doc.prose)[number] | undefined;
  for (const block of doc.prose) {
    if (block.end > offset) break;
    found = block;
  }
  if (!found) return undefined;
  const between = doc.text.slice(found.end, offset).replace(/[\s>]+/g, "");
  return between === "" || /^(?:[-*+]|\d+[.)])$/.test(between) ? found : undefined;
}

/** The value of a `prompt:` key whose value starts at `at`; `keyIndent` bounds a block scalar. */
function promptValue(text: string, at: number, limit: number, keyIndent: number): TextRange | undefined {
  const c = text[at];
  const triple = text.slice(at, at + 3);
  if (triple === '"""' || triple === "'''") {
    const close = text.indexOf(triple, at + 3);
    return { start: at + 3, end: close < 0 || close > limit ? limit : close };
  }
  if (c === '"' || c === "'" || c === "`") {
    let i = at + 1;
    while (i < limit && text[i] !== c) i += text[i] === "\\" ? 2 : 1;
    return { start: at + 1, end: Math.min(i, limit) };
  }
  const lineEndAt = text.slice(at, limit).search(/\r\n|\r|\n/);
  const lineEnd = lineEndAt < 0 ? limit : at + lineEndAt;
  if (/^[|>][-+0-9]*[ \t]*$/.test(text.slice(at, lineEnd))) {
    let lineStart = lineEnd + (text.startsWith("\r\n", lineEnd) ? 2 : 1);
    const start = lineStart;
    let end = start;
    while (lineStart < limit) {
      const breakAt = text.slice(lineStart, limit).search(/\r\n|\r|\n/);
      const next = breakAt < 0 ? limit : lineStart + breakAt;
      const line = text.slice(lineStart, next);
      if (line.trim() !== "") {
        if (/^[ \t]*/.exec(line)![0].length <= keyIndent) break;
        end = next;
      }
      if (breakAt < 0) break;
      lineStart = next + (text.startsWith("\r\n", next) ? 2 : 1);
    }
    return end > start ? { start, end } : undefined;
  }
  return lineEnd > at ? { start: at, end: lineEnd } : undefined;
}

/** `subagent_type: fork` or `resume: <id>` in the text of one Agent invocation that starts at `offset`. */
function inheritingParameter(offset: number, invocation: string): InheritingSetting | undefined {
  const fork = FORK_TYPE.exec(invocation);
  if (fork) return { start: offset + fork.index, end: offset + fork.index + fork[0].length, text: "subagent_type: fork", mechanism: "fork" };
  const resume = RESUME_PARAMETER.exec(invocation);
  if (!resume) return undefined;
  const start = offset + resume.index + resume[0].indexOf("resume");
  return { start, end: start + "resume".length, text: "resume", mechanism: "resume" };
}

function agentToolLaunches(doc: Doc): SubagentLaunch[] {
  const text = doc.text;
  const launches: SubagentLaunch[] = [];
  for (const block of doc.code) {
    const content = codeContent(block);
    const body = text.slice(content.start, content.end);
    const lead = leadInBefore(doc, block.start);
    if (!INVOCATION_HINT.test(body) && !(lead && SUBAGENT_WORDS.test(lead.raw))) continue;
    const headers = [...body.matchAll(INVOCATION_HEADER)].map((m) => content.start + m.index);
    const regionOf = (offset: number): TextRange => {
      const start = headers.filter((h) => h <= offset).pop() ?? content.start;
      const end = headers.find((h) => h > offset) ?? content.end;
      return { start, end };
    };
    PROMPT_KEY.lastIndex = 0;
    for (let key = PROMPT_KEY.exec(body); key; key = PROMPT_KEY.exec(body)) {
      const keyStart = content.start + key.index + key[0].search(/"?prompt/);
      const lineStart = text.lastIndexOf("\n", keyStart - 1) + 1;
      const keyIndent = keyStart - Math.max(lineStart, content.start);
      const value = promptValue(text, content.start + key.index + key[0].length, content.end, keyIndent);
      if (!value) continue;
      const region = regionOf(keyStart);
      const regionText = text.slice(region.start, region.end);
      const inherits = inheritingParameter(region.start, regionText);
      launches.push({
        kind: "agent-tool",
        start: region.start,
        end: Math.max(value.end, region.start),
        prompt: [value],
        ...(inherits ? { inherits } : {}),
        mention: blockIsMention(doc, block, content, keyStart),
      });
    }
  }
  return launches;
}

// ---------------------------------------------------------------------------------------------------------
// Prompt blocks introduced as a subagent's prompt

/** "Use this prompt for the subagent:", "## Reviewer subagent prompt": a lead-in naming a prompt for a subagent. */
function introducesSubagentPrompt(lead: { raw: string; type: string }): boolean {
  const raw = lead.raw.trim();
  let sentenceStart = raw.length;
  while (sentenceStart > 0 && !(/[.!?]/.test(raw[sentenceStart - 1]!) && /\s/.test(raw[sentenceStart] ?? ""))) sentenceStart--;
  const lastSentence = raw.slice(sentenceStart);
  const namesPrompt = /(?<!system[ -])\bprompt\b/i.test(lastSentence) && SUBAGENT_WORDS.test(lastSentence);
  return namesPrompt && (lead.type === "heading" || /:\**$/.test(lastSentence));
}

function promptBlockLaunches(doc: Doc): SubagentLaunch[] {
  const launches: SubagentLaunch[] = [];
  for (const block of doc.code) {
    if (/^(?:bash|sh|shell|zsh|console|json|ya?ml|js|javascript|ts|typescript|python|py)$/.test(block.lang)) continue;
    const content = codeContent(block);
    if (INVOCATION_HINT.test(doc.text.slice(content.start, content.end))) continue;
    const lead = leadInBefore(doc, block.start);
    if (!lead || !introducesSubagentPrompt(lead)) continue;
    launches.push({
      kind: "prompt-block",
      start: lead.start,
      end: block.end,
      prompt: [content],
      mention: lead.counterExample || blockIsMention(doc, block, content, content.start),
    });
  }
  const visit = (node: Nodes): void => {
    if (node.type === "blockquote") {
      const quote = node as Blockquote;
      const start = quote.position?.start.offset;
      const end = quote.position?.end.offset;
      if (start === undefined || end === undefined) return;
      const lead = leadInBefore(doc, start);
      if (lead && introducesSubagentPrompt(lead)) {
        launches.push({ kind: "prompt-block", start: lead.start, end, prompt: [{ start, end }], mention: lead.counterExample });
      }
      return;
    }
    if ("children" in node) for (const child of node.children) visit(child as Nodes);
  };
  visit(doc.tree);
  return launches;
}

/** `prompt "..."`, `prompt: “...”`: a prompt quoted in a sentence, a few words at most after the word "prompt". */
const PROSE_PROMPT = /\bprompt\b[^"“”\n.]{0,20}["“]([^"“”\n]{10,})["”]/gi;

/** "Use the Agent tool with the prompt "Implement ..."": a prompt quoted in a sentence that hands it to a subagent. */
function prosePromptLaunches(doc: Doc): SubagentLaunch[] {
  const launches: SubagentLaunch[] = [];
  for (const block of doc.prose) {
    if (block.type === "heading" || block.start < doc.bodyStart || !/prompt/i.test(block.raw)) continue;
    for (const match of block.raw.matchAll(PROSE_PROMPT)) {
      const start = block.start + match.index;
      const sentence = doc.sentenceAt(start, start + match[0].length);
      if (!SUBAGENT_WORDS.test(sentence.text)) continue;
      const promptStart = start + match[0].length - match[1]!.length - 1;
      launches.push({
        kind: "prompt-block",
        start: sentence.start,
        end: sentence.end,
        prompt: [{ start: promptStart, end: promptStart + match[1]!.length }],
        mention: block.counterExample || block.inQuote || doc.isNegated(start, start + "prompt".length),
      });
    }
  }
  return launches;
}

// ---------------------------------------------------------------------------------------------------------
// Skills that run as a subagent

/**
 * The body of a skill or command whose frontmatter sets `context: fork`: Claude Code hands that body to a
 * new subagent as its prompt, and the subagent does not see the conversation (code.claude.com/docs/en/skills,
 * "Run skills in a subagent").
 */
export function forkedSkillBody(doc: Doc): TextRange | undefined {
  const context = doc.frontmatter?.yaml.get("context");
  return context === "fork" ? { start: doc.bodyStart, end: doc.text.length } : undefined;
}
