/**
 * Background work in a document: the places that start something running while the parent agent
 * carries on (a command, `claude -p`, a subagent), the section each sits in, and what the target
 * Claude Code offers to run it in the background. Shared by the rules background-needs-run-in-background,
 * no-wait-on-background and background-completion-notice.
 *
 * What the target offers follows these docs (checked with the docs and pages search, corpus of 2026):
 * - Claude Code tools reference (code.claude.com/docs/en/tools-reference) and the Bash tool: Bash takes
 *   `run_in_background`; the output is read with BashOutput, named TaskOutput from 2.1.30.
 * - Claude Code changelog 2.0.60 ("background agents", reddit r/ClaudeCode thread on 2.0.60): the Task tool
 *   gained `run_in_background`; before that a subagent ran in the background only as `claude -p` through Bash.
 * - Claude Code sub-agents docs (code.claude.com/docs/en/sub-agents) and anthropics/claude-code#54595: in fork
 *   mode (interactive sessions, default from 2.1.232 per issue 2 of this project) every Agent call runs in the
 *   background, the parent gets a task notification when it ends, and the Agent tool has no
 *   `run_in_background` parameter any more, so a doc must not be told to pass it.
 * - A plain tool list has no version: we take its Agent/Task to have the parameter, as every release
 *   between 2.0.60 and fork mode does.
 */
import type { Doc, ProseBlock } from "./document.js";
import { INSTRUCTION_KINDS } from "./rule-helpers.js";
import type { Toolset } from "./toolset.js";
import type { Kind } from "./types.js";

/**
 * Solution docs describe patterns (often both the wrong and the right one) rather than instruct an
 * agent that runs them, so the background rules leave them alone.
 */
export const BACKGROUND_KINDS: readonly Kind[] = INSTRUCTION_KINDS.filter((kind) => kind !== "solution");

const AGENT_PARAMETER_SINCE = "2.0.60";
const FORK_MODE_SINCE = "2.1.232";

export interface TextRange {
  start: number;
  end: number;
}

export interface BackgroundLaunch extends TextRange {
  /** How the launch was recognised: a phrase ("run it in the background"), `claude -p` run alongside the parent, or the parameter itself. */
  via: "phrase" | "claude-p" | "parameter";
  /** What runs: a shell command (Bash, `claude -p`) or a subagent (the Agent or Task tool). */
  runs: "command" | "subagent";
  /** The innermost heading section around the launch (the whole body when no heading precedes it). */
  section: TextRange;
  /** The section names `run_in_background`, so the launch already asks for it. */
  hasParameter: boolean;
}

/** What the target Claude Code offers to run a launch in the background. */
export type BackgroundMechanism =
  | { via: "parameter"; tool: string }
  /** A subagent started as `claude -p` through Bash; `tool` is the Agent/Task tool that lacks the parameter, if any. */
  | { via: "claude-p"; tool?: string }
  | { via: "automatic" };

const BACKGROUND_PHRASE =
  /\b(?:in(?:to)? (?:the )?background|as (?:an? )?background (?:task|job|process|agent|subagent)|background(?:ed)? (?:sub-?agents?|agents?|tasks?|process(?:es)?|jobs?|shells?|commands?|workers?|execution|bash))\b/gi;
/** Base forms only: "runs", "running", "launched" describe rather than instruct. */
const LAUNCH_VERB = /\b(?:run|launch|spawn|start|dispatch|kick off|fire off|fork|execute|invoke)\b/gi;
/** "If you run it in the background, ...", "when you launch ...": a condition, not an instruction. */
const CONDITIONAL_LEAD = /\b(?:if|when|whenever|whether|unless|once)\b[^,;:—]*$/i;
/** "Claude can run tasks in the background", "I'll run ...": a capability or a promise, not an instruction. */
const MODAL_LEAD = /\b(?:can|could|may|might|will|would)(?: also| then)?\s*$|['’]ll\s*$/i;
const CLAUDE_PRINT = /\bclaude\s+(?:-p|--print)\b/g;
const PARAMETER = /\brun_in_background\s*[:=]\s*["']?true\b/gi;
const PARAMETER_NAME = /\brun_in_background\b|\brunInBackground\b/;
/** Words that say the parent goes on with its own work while the launched work runs. */
export const PARENT_CONTINUES =
  /\b(?:while (?:it|they|that|this|the [\w-]+(?: [\w-]+)?) (?:runs?|works?|is running|are running|is working|are working)|meanwhile|in the meantime|(?:do|start|continue|begin|go on) (?:with )?your own|without waiting|(?:don[’']t|do not|never) wait)\b/i;
const EXAMPLE_LANGS = new Set(["markdown", "md"]);
const AGENT_WORDS = /\b(?:sub-?agents?|agents?|teammates?)\b|\b(?:Task|Agent)(?: tool|\s*\()/i;
const TOOL_CALL = /\b(?:Task|Agent)(?: tool|\s*\()/;
const COMMAND_WORDS = /\bclaude\s+(?:-p|--print)\b|\bBash\b|\b(?:scripts?|commands?|servers?|shell|process(?:es)?|tests?|builds?|watchers?)\b/i;
const SHELL_FENCE = /^(?:bash|sh|shell|zsh|console|)$/;

const cache = new WeakMap<Doc, BackgroundLaunch[]>();

/** Every background launch that the doc instructs (examples, counter-examples, quotes and negations left out), in document order. */
export function findBackgroundLaunches(doc: Doc): BackgroundLaunch[] {
  let launches = cache.get(doc);
  if (!launches) {
    launches = [...phraseLaunches(doc), ...claudePrintLaunches(doc), ...parameterLaunches(doc)].sort((a, b) => a.start - b.start);
    cache.set(doc, launches);
  }
  return launches;
}

/** The innermost heading section around an offset, or the body when no heading precedes it. */
export function sectionRange(doc: Doc, offset: number): TextRange {
  const section = doc.sectionAt(offset);
  return section ? { start: section.start, end: section.end } : { start: doc.bodyStart, end: doc.text.length };
}

/** The section that starts where `range` ends (its next sibling, or the next heading of a higher level). */
export function followingSection(doc: Doc, range: TextRange): TextRange | undefined {
  const next = doc.sections.find((section) => section.start >= range.end);
  return next ? { start: next.start, end: next.end } : undefined;
}

/** Prose an agent follows as its instructions: no quotes, no counter-examples, no table cells. */
export function instructionProse(doc: Doc, range: TextRange): ProseBlock[] {
  return doc.prose.filter(
    (block) => block.type !== "tableCell" && !block.inQuote && !block.counterExample && block.start >= range.start && block.end <= range.end,
  );
}

/** How the target can run this launch in the background, or undefined when it lacks the tool for it. */
export function backgroundMechanism(launch: BackgroundLaunch, toolset: Toolset): BackgroundMechanism | undefined {
  if (launch.runs === "command") return toolset.has("Bash") ? { via: "parameter", tool: "Bash" } : undefined;
  const agent = ["Agent", "Task"].find((name) => toolset.has(name));
  const version = toolset.version;
  if (agent && version && atLeast(version, FORK_MODE_SINCE)) return { via: "automatic" };
  if (agent && (!version || atLeast(version, AGENT_PARAMETER_SINCE))) return { via: "parameter", tool: agent };
  if (!toolset.has("Bash")) return undefined;
  return agent ? { via: "claude-p", tool: agent } : { via: "claude-p" };
}

/** The tool that reads a background command's output in this toolset (TaskOutput, formerly BashOutput). */
export function outputTool(toolset: Toolset): string | undefined {
  return ["TaskOutput", "BashOutput"].find((name) => toolset.has(name));
}

function atLeast(version: string, minimum: string): boolean {
  const have = version.split(".").map(Number);
  const want = minimum.split(".").map(Number);
  for (let i = 0; i < want.length; i++) {
    const diff = (have[i] ?? 0) - want[i]!;
    if (diff !== 0) return diff > 0;
  }
  return true;
}

/** "Run the eval loop in the background", "### Launch Background Subagent". */
function phraseLaunches(doc: Doc): BackgroundLaunch[] {
  const launches: BackgroundLaunch[] = [];
  for (const block of instructionProse(doc, { start: doc.bodyStart, end: doc.text.length })) {
    for (const match of block.raw.matchAll(BACKGROUND_PHRASE)) {
      const start = block.start + match.index;
      const end = start + match[0].length;
      const sentence = doc.sentenceAt(start, end);
      const leadStart = Math.max(sentence.start, start - 120);
      const verbs = [...doc.text.slice(leadStart, start).matchAll(LAUNCH_VERB)];
      const verb = verbs[verbs.length - 1];
      if (!verb) continue;
      const beforeVerb = doc.text.slice(sentence.start, leadStart + verb.index);
      if (CONDITIONAL_LEAD.test(beforeVerb) || MODAL_LEAD.test(beforeVerb) || doc.isMention(start, end)) continue;
      launches.push(launch(doc, start, end, "phrase", classify(doc, sentence.text, sectionRange(doc, start))));
    }
  }
  return launches;
}

/** `claude -p` in a section that runs it alongside the parent: a "background"/"parallel" heading, or "while it runs, do your own work". */
function claudePrintLaunches(doc: Doc): BackgroundLaunch[] {
  const launches: BackgroundLaunch[] = [];
  for (const match of doc.text.matchAll(CLAUDE_PRINT)) {
    const start = match.index;
    const end = start + match[0].length;
    if (start < doc.bodyStart || !isOwnInstruction(doc, start, end)) continue;
    const section = sectionRange(doc, start);
    const heading = doc.sectionAt(start)?.heading ?? "";
    const alongside = [section, followingSection(doc, section)].some(
      (range) => range && instructionProse(doc, range).some((block) => PARENT_CONTINUES.test(block.raw)),
    );
    if (!/\b(?:background|parallel)\b/i.test(heading) && !alongside) continue;
    launches.push(launch(doc, start, end, "claude-p", "command"));
  }
  return launches;
}

/** `run_in_background: true` in a tool call or an instruction: a launch that already asks for the background. */
function parameterLaunches(doc: Doc): BackgroundLaunch[] {
  const launches: BackgroundLaunch[] = [];
  for (const match of doc.text.matchAll(PARAMETER)) {
    const start = match.index;
    const end = start + match[0].length;
    if (start < doc.bodyStart || !isOwnInstruction(doc, start, end)) continue;
    const lead = doc.text.slice(Math.max(doc.codeAt(start)?.start ?? doc.sentenceAt(start, end).start, start - 400), start);
    launches.push(launch(doc, start, end, "parameter", TOOL_CALL.test(lead) ? "subagent" : "command"));
  }
  return launches;
}

/** Text this doc tells its agent to do: not in a ```markdown example, a counter-example, a quote or a negation. */
function isOwnInstruction(doc: Doc, start: number, end: number): boolean {
  const code = doc.codeAt(start);
  if (code) return !EXAMPLE_LANGS.has(code.lang) && !code.counterExample && !code.inQuote;
  const block = doc.prose.find((b) => b.start <= start && end <= b.end);
  return block !== undefined && block.type !== "tableCell" && !doc.isMention(start, end);
}

function launch(doc: Doc, start: number, end: number, via: BackgroundLaunch["via"], runs: BackgroundLaunch["runs"]): BackgroundLaunch {
  const section = sectionRange(doc, start);
  const hasParameter = via === "parameter" || PARAMETER_NAME.test(doc.text.slice(section.start, section.end));
  return { start, end, via, runs, section, hasParameter };
}

/** A subagent launched through `claude -p` or Bash is a command; otherwise agent words make it a subagent. */
function classify(doc: Doc, sentence: string, section: TextRange): BackgroundLaunch["runs"] {
  const sectionText = doc.text.slice(section.start, section.end);
  if (/\bclaude\s+(?:-p|--print)\b/.test(sectionText)) return "command";
  if (COMMAND_WORDS.test(sentence)) return "command";
  if (AGENT_WORDS.test(sentence) || TOOL_CALL.test(sectionText)) return "subagent";
  const shellBlock = doc.code.some((c) => c.start >= section.start && c.end <= section.end && SHELL_FENCE.test(c.lang));
  if (shellBlock) return "command";
  return AGENT_WORDS.test(sectionText) ? "subagent" : "command";
}
