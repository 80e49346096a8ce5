/** A prompt handed to a subagent that leans on context the subagent cannot see: "as discussed above", "the previous step". */
import { ALL_KINDS, docsUrl } from "../src/rule-helpers.js";
import { findSubagentLaunches, forkedSkillBody, negatedInSentence, type TextRange } from "../src/subagent.js";
import type { Doc } from "../src/document.js";
import type { Rule } from "../src/types.js";

/**
 * How a phrase leans: on the conversation (always unseen), on text "above" (unseen unless the prompt has
 * text above it), or on "the previous step" (unseen unless the prompt numbers its own steps).
 */
type Leaning = "conversation" | "discussed" | "above" | "previous-step" | "findings";

const LEANING_PHRASES: { pattern: RegExp; leaning: Leaning }[] = [
  {
    pattern:
      /\b(?:this|our|the current)[ \t]+(?:conversation|chat|discussion)\b|\bthe[ \t]+conversation[ \t]+so[ \t]+far\b|\bearlier[ \t]+in[ \t]+(?:this|the|our)[ \t]+(?:session|conversation|chat|discussion)\b/gi,
    leaning: "conversation",
  },
  { pattern: /\bas[ \t]+(?:we|I)[ \t]+(?:discussed|agreed|decided|mentioned|said)\b|\bwe[ \t]+(?:just[ \t]+|already[ \t]+)?discussed\b/gi, leaning: "conversation" },
  { pattern: /\byou[ \t]+already[ \t]+know\b/gi, leaning: "conversation" },
  { pattern: /\b(?:as[ \t]+)?discussed[ \t]+(?:above|earlier|before|previously)\b/gi, leaning: "discussed" },
  {
    pattern:
      /\bas[ \t]+(?:mentioned|described|noted|shown)[ \t]+(?:above|earlier|before|previously)\b|\b(?:mentioned|described|outlined|listed|shown)[ \t]+above\b|\bthe[ \t]+above\b/gi,
    leaning: "above",
  },
  { pattern: /\bthe[ \t]+(?:previous|prior|preceding|last)[ \t]+steps?\b/gi, leaning: "previous-step" },
  {
    pattern: /\bbased[ \t]+on[ \t]+(?:the|these|those|your|our)[ \t]+(?:[\w-]+[ \t]+)?(?:findings|results|analysis|review|feedback|discussion)\b/gi,
    leaning: "findings",
  },
];

/**
 * The prompt carries the findings it builds on: a heading or a placeholder for them (`## Findings`, `{findings}`,
 * `[audit results]`), a list introduced by them ("the findings below:"), or the file that holds them.
 */
const FINDINGS_GIVEN =
  /(?:^|\n)[ \t]*#[^\n]*\b(?:findings|results|issues)\b|[[{<$][^\]}>\n]{0,40}\b(?:findings|results|issues|analysis|review)\b|\b(?:findings|results|analysis|review|feedback|discussion)\b[^.\n]{0,40}?(?::[ \t]*(?:\n|$)|\b(?:below|following)\b|\b(?:in|from|at)[ \t]+`?[\w./-]+\.(?:md|json|jsonl|txt|ya?ml|csv)\b)/i;

/**
 * Prompt text above a phrase that it may point at (non-space characters): "the above" needs more than a
 * few words; "as discussed above" needs a discussion, a good paragraph or more.
 */
const ENOUGH_TEXT_ABOVE = { above: 40, discussed: 200, findings: 200 };
const LIST_ITEM_LINE = /(?:^|\n)[ \t]*(?:\d+[.)]|[-*+][ \t]|#{1,6}[ \t]|step[ \t]+\d)/i;

function messageFor(phrase: string, leaning: Leaning, forkedSkill: boolean): string {
  const unseen = forkedSkill
    ? "this skill sets `context: fork`, so its body is the prompt of a subagent that does not see the conversation"
    : "the subagent starts without the conversation and sees only its prompt";
  const expected =
    leaning === "previous-step"
      ? "that step's result (or the path of the file it wrote) in the prompt itself"
      : "the facts themselves (findings, decisions, file paths) in the prompt itself";
  return `Unexpected "${phrase}" in a prompt handed to a subagent: ${unseen}. Expected ${expected}.`;
}

/** The phrase sits inside quote marks within its line of the prompt: it is named, not leaned on. */
function quotedInPrompt(text: string, segment: TextRange, start: number, end: number): boolean {
  const lineStart = Math.max(segment.start, text.lastIndexOf("\n", start - 1) + 1);
  const lineEndAt = text.indexOf("\n", end);
  const lineEnd = Math.min(segment.end, lineEndAt < 0 ? text.length : lineEndAt);
  const before = (text.slice(lineStart, start).match(/["“”`]/g) ?? []).length;
  return before % 2 === 1 && /["“”`]/.test(text.slice(end, lineEnd));
}

/** "[summary of what this conversation decided]": a placeholder the parent fills in before sending. */
function inPlaceholder(text: string, segment: TextRange, start: number, end: number): boolean {
  const lineStart = Math.max(segment.start, text.lastIndexOf("\n", start - 1) + 1);
  const before = text.slice(lineStart, start);
  const open = Math.max(before.lastIndexOf("["), before.lastIndexOf("{"), before.lastIndexOf("<"));
  if (open < 0 || /[\]}>]/.test(before.slice(open + 1))) return false;
  const close = { "[": "]", "{": "}", "<": ">" }[before[open] as "[" | "{" | "<"];
  const lineEndAt = text.indexOf("\n", end);
  return text.slice(end, Math.min(segment.end, lineEndAt < 0 ? text.length : lineEndAt)).includes(close);
}

/** Whether, given what the prompt says before it (and, for findings, all of it), the phrase points outside the prompt. */
function leansOutside(leaning: Leaning, promptBefore: string, wholePrompt: string): boolean {
  if (leaning === "conversation") return true;
  if (leaning === "findings") return promptBefore.replace(/\s+/g, "").length < ENOUGH_TEXT_ABOVE.findings && !FINDINGS_GIVEN.test(wholePrompt);
  if (leaning === "above" || leaning === "discussed") return promptBefore.replace(/\s+/g, "").length < ENOUGH_TEXT_ABOVE[leaning];
  const earlierLines = promptBefore.slice(0, Math.max(promptBefore.lastIndexOf("\n"), 0));
  return !LIST_ITEM_LINE.test(earlierLines);
}

interface Leaned {
  start: number;
  end: number;
  phrase: string;
  leaning: Leaning;
}

/** Leaning phrases within a prompt given as ranges of the document text. */
function leaningPhrasesIn(doc: Doc, prompt: TextRange[], leanings: readonly Leaning[]): Leaned[] {
  const text = doc.text;
  const found: Leaned[] = [];
  const wholePrompt = prompt.map((segment) => text.slice(segment.start, segment.end)).join("\n");
  let promptSoFar = "";
  for (const segment of prompt) {
    const segmentText = text.slice(segment.start, segment.end);
    for (const { pattern, leaning } of LEANING_PHRASES) {
      if (!leanings.includes(leaning)) continue;
      pattern.lastIndex = 0;
      for (let match = pattern.exec(segmentText); match; match = pattern.exec(segmentText)) {
        const start = segment.start + match.index;
        const end = start + match[0].length;
        if (negatedInSentence(text, start, segment.start) || quotedInPrompt(text, segment, start, end)) continue;
        if (inPlaceholder(text, segment, start, end)) continue;
        if (!leansOutside(leaning, promptSoFar + segmentText.slice(0, match.index), wholePrompt)) continue;
        found.push({ start, end, phrase: match[0], leaning });
      }
    }
    promptSoFar += segmentText + "\n";
  }
  // "what we discussed above" is one phrase, though two patterns find it: the first to start keeps it.
  found.sort((a, b) => a.start - b.start);
  return found.filter((leaned, i) => i === 0 || leaned.start >= found[i - 1]!.end);
}

/** In a forked skill's body, only prose the subagent follows counts: not examples, quotes or code. */
function forkedSkillPhrases(doc: Doc, body: TextRange): Leaned[] {
  const found: Leaned[] = [];
  for (const block of doc.prose) {
    if (block.start < body.start || block.inQuote || block.counterExample) continue;
    for (const leaned of leaningPhrasesIn(doc, [{ start: block.start, end: block.end }], ["conversation"])) {
      if (!doc.isMention(leaned.start, leaned.end)) found.push(leaned);
    }
  }
  return found;
}

const rule: Rule = {
  meta: {
    id: "self-contained-prompt",
    description: "A prompt handed to a subagent must carry what it needs, not point at the conversation or earlier steps.",
    kinds: ALL_KINDS,
    severity: "warn",
    offByDefault:
      "its one finding on thirty-three public repositories it had not seen was false: \"You already know the answer from existing documentation\", a cell of a table of when to choose another way, read as a prompt leaning on the conversation",
    checklistItem: "Include all needed context in prompt",
    docsUrl: docsUrl("self-contained-prompt"),
    // A prompt comes from a `claude -p` command, a `prompt` parameter or lead-in, or a skill's `context: fork`;
    // that cheap test goes first, then the phrases.
    trigger: [/claude[ \t]+-|prompt|fork/i, new RegExp(LEANING_PHRASES.map(({ pattern }) => pattern.source).join("|"), "i")],
  },
  check({ doc, kind, report }) {
    const reported = new Set<number>();
    const reportOnce = (leaned: Leaned, forkedSkill: boolean): void => {
      if (reported.has(leaned.start)) return;
      reported.add(leaned.start);
      report({ message: messageFor(leaned.phrase, leaned.leaning, forkedSkill), start: leaned.start, end: leaned.end });
    };
    for (const launch of findSubagentLaunches(doc)) {
      // A launch that inherits a conversation sees what its prompt leans on; fresh-context-subagent judges it.
      if (launch.mention || launch.inherits) continue;
      for (const leaned of leaningPhrasesIn(doc, launch.prompt, ["conversation", "discussed", "above", "previous-step", "findings"])) {
        reportOnce(leaned, false);
      }
    }
    const forked = kind === "skill" || kind === "command" ? forkedSkillBody(doc) : undefined;
    if (forked) for (const leaned of forkedSkillPhrases(doc, forked)) reportOnce(leaned, true);
  },
};

export default rule;
