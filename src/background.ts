/**
 * Background work in a document: the places that start something running while the parent agent
 * carries on (a command, `claude -p`, a subagent), the section each sits in, and what the target
 * Claude Code offers to run it in the background. Shared by the rules background-needs-run-in-background,
 * no-wait-on-background and background-completion-notice.
 *
 * What the target offers follows these docs (read through the project's docs and pages search, not live):
 * - Claude Code tools reference (code.claude.com/docs/en/tools-reference) and the Bash tool: Bash takes
 *   `run_in_background`; the output is read with BashOutput, named TaskOutput from 2.0.64 (see toolset.ts).
 * - Claude Code changelog 2.0.60 ("background agents", reddit r/ClaudeCode thread on 2.0.60): the Task tool
 *   gained `run_in_background`; before that a subagent ran in the background only as `claude -p` through Bash.
 * - The Agent tool's own `run_in_background` wording in each release's `sdk-tools.d.ts` (read into
 *   src/hosts/claude-code/tools.generated.json): from 2.1.198 "Agents run in the background by default; you
 *   will be notified when one completes", so a subagent said to run in the background needs no parameter.
 * - A plain tool list has no version: we take its Agent/Task to have the parameter, as every release
 *   between 2.0.60 and 2.1.198 does.
 */
import type { Doc, ProseBlock } from "./document.js";
import { INSTRUCTION_KINDS } from "./rule-helpers.js";
import { CLAUDE_CODE_TOOLS, spanAt } from "./hosts/claude-code/tools.js";
import { compareVersions, type Toolset } from "./toolset.js";
import type { Kind } from "./types.js";

/**
 * Solution docs describe patterns (often both the wrong and the right one) rather than instruct an
 * agent that runs them, so the background rules leave them alone.
 */
export const BACKGROUND_KINDS: readonly Kind[] = INSTRUCTION_KINDS.filter((kind) => kind !== "solution");

const AGENT_PARAMETER_SINCE = "2.0.60";

export interface TextRange {
  start: number;
  end: number;
}

export interface BackgroundLaunch extends TextRange {
  /** What runs: a shell command (Bash, `claude -p`) or a subagent (the Agent or Task tool). */
  runs: "command" | "subagent";
  /** The innermost heading section around the launch (the whole body when no heading precedes it). */
  section: TextRange;
  /** The section names `run_in_background`, or starts the work in the background itself (`nohup ... &`): it asks for it. */
  hasParameter: boolean;
}

/** What the target Claude Code offers to run a launch in the background. */
export type BackgroundMechanism =
  | { via: "parameter"; tool: string }
  /** A subagent started as `claude -p` through Bash; `tool` is the Agent/Task tool that lacks the parameter, if any. */
  | { via: "claude-p"; tool?: string }
  /** The target's Agent tool runs subagents in the background unless told otherwise. */
  | { via: "automatic" };

/**
 * "Background jobs" and "background workers" are left out: in a skill they are mostly the app's own (Sidekiq, Celery).
 * "A background Claude (Code) instance" is another Claude started as a command.
 */
const BACKGROUND_PHRASE =
  /\b(?:in(?:to)? (?:the )?background|as (?:an? )?background (?:task|process|agent|subagent)|background(?:ed)? (?:sub-?agents?|agents?|tasks?|process(?:es)?|shells?|commands?|execution|bash|claude))\b/gi;
const BACKGROUND_CLAUDE = /claude$/i;
/** "background execution off": the phrase turns the background off. */
const SWITCHED_OFF = /^\s*(?:off|disabled|false|=\s*false|:\s*false)\b/i;
/** Base forms only: "runs", "running", "launched" describe rather than instruct. */
const LAUNCH_VERB = /\b(?:run|launch|spawn|start|dispatch|kick off|fire off|fork|execute|invoke)\b/gi;
/** "If you run it in the background, ...", "when you launch ...": a condition, not an instruction. */
const CONDITIONAL_LEAD = /\b(?:if|when|whenever|whether|unless|once)\b[^,;:—]*$/i;
/** "Claude can run tasks in the background", "I'll run ...": a capability or a promise, not an instruction. */
const MODAL_LEAD = /\b(?:can|could|may|might|will|would)(?: also| then)?\s*$|['’]ll\s*$/i;
/**
 * "You need one capability: run a background process ...", "a skill that tells the agent to run ...":
 * a description of what a harness offers or what a doc says, not an instruction.
 */
const DESCRIPTIVE_LEAD =
  /\b(?:capabilit(?:y|ies)|abilit(?:y|ies)|able to|lets? (?:you|it|the agent|claude)|allows?|supports?|tells? (?:the agent|an agent|agents|claude|it) to)\b/i;
/**
 * "MCP servers run as background processes", "hooks which run in the background": the verb has a subject of its own
 * that is not the agent's work, so the sentence says how something runs rather than telling the agent to run it.
 * "Long-running tasks run in background" is left a launch: a rule for the agent's own tasks.
 */
const DESCRIBED_SUBJECT =
  /\b(?:which|servers|daemons|services|hooks|workers|phases)\s+(?:\w+ly\s+)?$/i;
/** Claude Code on the web runs a `&`-prefixed task remotely: background, but no tool call of this session. */
const REMOTE_SESSION = /\b(?:Claude Code (?:on the )?web|on the web|cloud session|remote session)\b/i;
/** An aside in parentheses explains ("use `&` to run in background") rather than instructs. */
const OPEN_PARENTHESIS = /\([^()]*$/;
const CLAUDE_PRINT = /\bclaude\s+(?:-p|--print)\b/g;
/** Every launch names the background, its parameter (`run_in_background`), or `claude -p`: text with none of them has no launch. */
export const BACKGROUND_TRIGGER = /background|\bclaude\s+(?:-p|--print)\b/i;
const CLAUDE_PRINT_ONCE = new RegExp(CLAUDE_PRINT.source);
const PARAMETER = /\brun_in_background\s*[:=]\s*["']?true\b/gi;
const PARAMETER_ONCE = new RegExp(PARAMETER.source, "i");
/** A sentence that tells the agent to do something: "Use ...", "2. **Tests**: run ...", "you should pass ...". */
const IMPERATIVE =
  /^\s*(?:\*\*[^*\n]*\*\*:?\s*)?(?:then,?\s+|first,?\s+|always\s+)?(?:use|set|pass|run|launch|start|spawn|dispatch|call|invoke|add|kick off|fire off|execute)\b|\byou (?:should |must |need to )?(?:use|set|pass|run|launch|start)\b/i;
const PARAMETER_NAME = /\brun_in_background\b|\brunInBackground\b/;
/** A tool call with a background mode of its own: an MCP tool's `"mode": "background"`. */
const OWN_BACKGROUND_MODE = /\bmode["']?[ \t]*[:=][ \t]*["']?background\b/;
/** Shell that detaches the command itself: `nohup`, `setsid`, `disown`, `screen -dm`, `tmux new -d`. */
const DETACHING_COMMAND = /\b(?:nohup|setsid|disown)\b|\bscreen[ \t]+-dm|\btmux[ \t]+new(?:-session)?[ \t]+-d\b/;
/** A command line ending in `&` (a comment after it allowed). */
const TRAILING_AMPERSAND = /&[ \t]*(?:#[^\n]*)?$/;
/** Words that say the parent goes on with its own work while the launched work runs. */
export const PARENT_CONTINUES =
  /\b(?:while (?:it|they|that|this|the [\w-]+(?: [\w-]+)?) (?:runs?|works?|is running|are running|is working|are working)|meanwhile|in the meantime|(?:do|start|continue|begin|go on) (?:with )?your own|without waiting|(?:don[’']t|do not|never) wait)\b/i;
const EXAMPLE_LANGS = new Set(["markdown", "md"]);
const SUBAGENT_WORDS = /\bsub-?agents?\b|\b(?:Task|Agent)(?: tool|\s*\()/i;
const AGENT_WORDS = /\b(?:sub-?agents?|agents?|teammates?)\b|\b(?:Task|Agent)(?: tool|\s*\()/i;
const COMMAND_WORDS =
  /\bclaude\s+(?:-p|--print)\b|\bBash\b|\b(?:scripts?|commands?|servers?|shell|process(?:es)?|tests?|test suite|builds?|watchers?|training|loop)\b/i;
const INLINE_CODE = /`[^`\n]+`/g;
/**
 * A setting of a config file (`parallel: true`, `mode=async`): a key the file's own runner reads, not a command the
 * agent runs. The tools' own `run_in_background: true` is a tool call's.
 */
const CONFIG_SETTING = /^(?!run_in_background\b)[\w.-]+\s*[:=]\s*\S[^`]*$/;
const SHELL_FENCE = /^(?:bash|sh|shell|zsh|console)?$/;

const cache = new WeakMap<Doc, BackgroundLaunch[]>();

const BACKGROUND_WORD = /background/gi;
/** LAUNCH_VERB without its leading word boundary: looser, for the text pre-check. */
const LAUNCH_VERB_LOOSE = /(?:run|launch|spawn|start|dispatch|kick off|fire off|fork|execute|invoke)\b/i;
/** How far before "background" a phrase launch's verb can be: 120 characters before the phrase, which starts at most 20 before the word. */
const VERB_REACH = 140;

/**
 * Whether the raw text could hold a launch, without parsing it: `claude -p`, `run_in_background: true`,
 * or "background" with a launch verb shortly before. Most docs that say "background" fail this, and their
 * tree is never built.
 */
function mayLaunch(text: string): boolean {
  if (CLAUDE_PRINT_ONCE.test(text) || PARAMETER_ONCE.test(text)) return true;
  BACKGROUND_WORD.lastIndex = 0;
  for (let match = BACKGROUND_WORD.exec(text); match; match = BACKGROUND_WORD.exec(text)) {
    if (LAUNCH_VERB_LOOSE.test(text.slice(Math.max(0, match.index - VERB_REACH), match.index))) return true;
  }
  return false;
}

/** Every background launch that the doc instructs (examples, counter-examples, quotes and negations left out), in document order. */
export function findBackgroundLaunches(doc: Doc): BackgroundLaunch[] {
  let launches = cache.get(doc);
  if (!launches) {
    launches = !mayLaunch(doc.text) ? [] : [...phraseLaunches(doc), ...claudePrintLaunches(doc), ...parameterLaunches(doc)].sort((a, b) => a.start - b.start);
    cache.set(doc, launches);
  }
  return launches;
}

/** The innermost heading section around an offset, or the body when no heading precedes it. */
function sectionRange(doc: Doc, offset: number): TextRange {
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
  if (agent && agentsRunInBackground(toolset)) return { via: "automatic" };
  if (agent && (!version || compareVersions(version, AGENT_PARAMETER_SINCE) >= 0)) return { via: "parameter", tool: agent };
  if (!toolset.has("Bash")) return undefined;
  return agent ? { via: "claude-p", tool: agent } : { via: "claude-p" };
}

/** The target's Agent tool runs subagents in the background unless told otherwise (Claude Code 2.1.198 on). */
export function agentsRunInBackground(toolset: Toolset): boolean {
  const version = toolset.version;
  return version !== undefined && ["Agent", "Task"].some((name) => toolset.has(name)) && spanAt(CLAUDE_CODE_TOOLS.agentBackgroundByDefault, version) !== undefined;
}

/**
 * The tool that reads a background command's output in this toolset (TaskOutput, formerly BashOutput); none
 * where TaskOutput is deprecated or gone, and the output file is read instead.
 */
export function outputTool(toolset: Toolset): string | undefined {
  return ["TaskOutput", "BashOutput"].find((name) => toolset.has(name));
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
      const verbs = [...maskInlineCode(doc.text.slice(leadStart, start)).matchAll(LAUNCH_VERB)];
      const verb = verbs[verbs.length - 1];
      if (!verb) continue;
      const beforeVerb = maskInlineCode(doc.text.slice(sentence.start, leadStart + verb.index));
      if ([CONDITIONAL_LEAD, MODAL_LEAD, DESCRIPTIVE_LEAD, DESCRIBED_SUBJECT, OPEN_PARENTHESIS].some((lead) => lead.test(beforeVerb))) continue;
      if (SWITCHED_OFF.test(doc.text.slice(end, sentence.end)) || REMOTE_SESSION.test(sentence.text) || doc.isMention(start, end)) continue;
      const section = sectionRange(doc, start);
      if (!runsAgentWork(doc, sentence.text, section)) continue;
      launches.push(launch(doc, start, end, BACKGROUND_CLAUDE.test(match[0]) ? "command" : classify(doc, sentence.text, section)));
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
    const alongside = [section, followingSection(doc, section)].some((range) => range && saysParentContinues(doc, range));
    if (!/\b(?:background|parallel)\b/i.test(heading) && !alongside && !leadInSaysParallel(doc, start)) continue;
    launches.push(launch(doc, start, end, "command"));
  }
  return launches;
}

const PARALLEL = /\b(?:in parallel|concurrently|at the same time|simultaneously)\b/i;

/**
 * "Launch both reviewers in parallel:" over a block of `claude -p` calls: each Bash call waits for its command, so
 * the calls run one after the other unless they run in the background.
 */
function leadInSaysParallel(doc: Doc, offset: number): boolean {
  const code = doc.codeAt(offset);
  if (!code) return false;
  const section = sectionRange(doc, offset);
  const lead = instructionProse(doc, { start: section.start, end: code.start }).at(-1);
  if (!lead || lead.type === "heading") return false;
  const match = PARALLEL.exec(lead.raw);
  return match !== null && !doc.isNegated(lead.start + match.index, lead.start + match.index + match[0].length);
}

/** Answers of saysParentContinues per doc and range: every launch of a section asks about the same range. */
const continuesAnswers = new WeakMap<Doc, Map<string, boolean>>();

/** The range tells the parent to go on with its own work ("While it runs, do your own review"), outside quotes. */
function saysParentContinues(doc: Doc, range: TextRange): boolean {
  let answers = continuesAnswers.get(doc);
  if (!answers) continuesAnswers.set(doc, (answers = new Map()));
  const key = `${range.start}:${range.end}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = instructionProse(doc, range).some((block) => {
      const match = PARENT_CONTINUES.exec(block.raw);
      return match !== null && !doc.isQuoted(block.start + match.index, block.start + match.index + match[0].length);
    });
    answers.set(key, answer);
  }
  return answer;
}

/**
 * `run_in_background: true` in a tool call, or in a sentence that tells the agent to use it: a launch
 * that already asks for the background. "Long work must set `run_in_background: true`" states a rule.
 */
function parameterLaunches(doc: Doc): BackgroundLaunch[] {
  const launches: BackgroundLaunch[] = [];
  for (const match of doc.text.matchAll(PARAMETER)) {
    const start = match.index;
    const end = start + match[0].length;
    if (start < doc.bodyStart || !isOwnInstruction(doc, start, end)) continue;
    const code = doc.codeAt(start);
    const sentence = doc.sentenceAt(start, end);
    if (!code && !IMPERATIVE.test(maskInlineCode(sentence.text))) continue;
    const lead = doc.text.slice(Math.max(code?.start ?? sentence.start, start - 400), start);
    launches.push(launch(doc, start, end, /\b(?:Task|Agent)(?: tool|\s*\()/.test(lead) ? "subagent" : "command", true));
  }
  return launches;
}

/** Text this doc tells its agent to do: not in a ```markdown example, a counter-example, a quote or a negation. */
export function isOwnInstruction(doc: Doc, start: number, end: number): boolean {
  const code = doc.codeAt(start);
  if (code) return !EXAMPLE_LANGS.has(code.lang) && !code.counterExample && !code.inQuote;
  const block = doc.proseAt(start, end);
  return block !== undefined && block.type !== "tableCell" && !doc.isMention(start, end);
}

/**
 * The section starts its work in the background by other means than the parameter: a tool's own background mode,
 * or a shell line that detaches the command (`nohup`, `setsid`), or ends in `&` with its output redirected, so the
 * Bash call returns at once (`npm run dev > dev.log 2>&1 &`). A bare `cmd &` keeps the call waiting on its output.
 */
function backgroundsItself(sectionText: string): boolean {
  if (OWN_BACKGROUND_MODE.test(sectionText) || DETACHING_COMMAND.test(sectionText)) return true;
  return sectionText.split("\n").some((line) => {
    let command = line.trimEnd();
    while (command.endsWith("`")) command = command.slice(0, -1);
    return TRAILING_AMPERSAND.test(command) && command.includes(">");
  });
}

/** `isParameter`: the launch is `run_in_background: true` itself. */
function launch(doc: Doc, start: number, end: number, runs: BackgroundLaunch["runs"], isParameter = false): BackgroundLaunch {
  const section = sectionRange(doc, start);
  const sectionText = doc.text.slice(section.start, section.end);
  const hasParameter = isParameter || PARAMETER_NAME.test(sectionText) || backgroundsItself(sectionText);
  return { start, end, runs, section, hasParameter };
}

/**
 * The sentence or its section shows work the agent itself runs (a command, a shell block, a subagent),
 * so "run heavy computations in the background" in a Web Workers skill is about the app, not the agent.
 */
function runsAgentWork(doc: Doc, sentence: string, section: TextRange): boolean {
  if (COMMAND_WORDS.test(sentence) || AGENT_WORDS.test(sentence) || namesCode(sentence)) return true;
  const sectionText = doc.text.slice(section.start, section.end);
  return CLAUDE_PRINT_ONCE.test(sectionText) || AGENT_WORDS.test(sectionText) || hasShellBlock(doc, section);
}

/**
 * A subagent launched through `claude -p` or Bash is a command; a named subagent or Agent/Task tool is a
 * subagent; then command words ("tests", "server") win over a bare "agents". Words inside inline code are
 * names (`/test-browser`), not what the sentence is about.
 */
function classify(doc: Doc, sentence: string, section: TextRange): BackgroundLaunch["runs"] {
  const sectionText = doc.text.slice(section.start, section.end);
  const words = maskInlineCode(sentence);
  if (CLAUDE_PRINT_ONCE.test(sectionText) || /\bBash\b/.test(words)) return "command";
  if (SUBAGENT_WORDS.test(words)) return "subagent";
  if (COMMAND_WORDS.test(words)) return "command";
  return AGENT_WORDS.test(words) || AGENT_WORDS.test(sectionText) ? "subagent" : "command";
}

/** Blanks out inline code, keeping offsets: a verb or a parenthesis inside `npm run dev (x)` is the command's, not the sentence's. */
function maskInlineCode(text: string): string {
  return text.replace(/`[^`\n]*`/g, (code) => " ".repeat(code.length));
}

/** Inline code other than a config setting: "with `node index.js`" names a command, "`parallel: true`" a file's key. */
function namesCode(sentence: string): boolean {
  return [...sentence.matchAll(INLINE_CODE)].some((code) => !CONFIG_SETTING.test(code[0].slice(1, -1)));
}

/**
 * A shell block the agent runs. A script (`#!/bin/bash` on its first line) is a file the reader writes, a hook
 * or a job of its own: its `&` and "in background" are the script's, not a Bash call of the agent.
 */
function hasShellBlock(doc: Doc, section: TextRange): boolean {
  return doc.code.some(
    (c) => c.start >= section.start && c.end <= section.end && SHELL_FENCE.test(c.lang) && !c.value.startsWith("#!"),
  );
}
