/**
 * A step that launches a subagent and uses its result in the very next step, where the target's Agent tool runs
 * subagents in the background by default (Claude Code 2.1.198 on): without `run_in_background: false` or an
 * instruction to wait for the notice, the next step may start before the result exists.
 */
import { agentsRunInBackground, BACKGROUND_KINDS, instructionProse, PARENT_CONTINUES } from "../src/background.js";
import { docsUrl } from "../src/rule-helpers.js";
import type { Doc, ProseBlock } from "../src/document.js";
import type { Rule } from "../src/types.js";

/** "Use the Agent tool to ...", "Launch the code-reviewer subagent", "Dispatch a subagent to ...": a sentence that starts one. */
const LAUNCH =
  /^(?:\d+[.)]\s+|[-*+]\s+)?(?:\*\*[^*\n]{1,40}\*\*:?\s+)?(?:(?:first|then|next|now),?\s+)?(?:(?:use|call|invoke)\s+the\s+(?:Agent|Task)\s+tool\b|(?:launch|spawn|dispatch|start|invoke|delegate\s+to|hand\s+(?:it|this|the\s+\w+)\s+to)\s+(?:the|a|an|one)\s+(?:[\w`-]+\s+){0,3}?(?:sub-?agent|agent)\b)/i;
/** The next step reads what the subagent returned: "Apply its findings", "Using the reviewer's report, ...". */
const USES_RESULT =
  /\b(?:use|using|apply|applying|read|review|take|incorporate|address|fix|act on|based on|from|with|summari[sz]e|present|merge|combine|synthesi[sz]e|report)\b[^.\n]{1,40}?\b(?:its|their|the (?:sub-?agents?|agent|reviewer|[\w-]+ (?:sub-?)?agent)['’]s|the returned)\s+(?:results?|findings|output|report|answer|response|summary|analysis|recommendations|feedback|plan|list)\b/i;
/** The doc already says how the result arrives or that the parent waits: nothing to add. */
const WAITS =
  /\brun_in_background\b|\bbackground\b|\bwait(?:s|ing)?\b|\bnotif(?:y|ied|ication)\b|\b(?:once|when|after)\b[^.\n]{1,40}?\b(?:returns?|returned|completes?|completed|finish(?:es|ed)?|is done|are done|responds?|reports? back)\b|\bforeground\b|\bsynchronous(?:ly)?\b/i;

/** The paragraph after `block` within `sectionEnd`: the next step of a list or the next paragraph. */
function nextParagraph(blocks: readonly ProseBlock[], index: number): ProseBlock | undefined {
  const next = blocks[index + 1];
  return next && next.type === "paragraph" ? next : undefined;
}

/** The sentences of a block from `from` on, at most `count` of them, as one text. */
function sentencesFrom(doc: Doc, block: ProseBlock, from: number, count: number): string {
  let end = from;
  for (let i = 0; i < count && end < block.end; i++) {
    const sentence = doc.sentenceAt(end);
    if (sentence.end <= end) break;
    end = sentence.end;
  }
  return doc.text.slice(from, Math.min(end, block.end));
}

const rule: Rule = {
  meta: {
    id: "subagent-result-needs-foreground",
    description:
      "A subagent whose result the very next step uses must run in the foreground (`run_in_background: false`) where the Agent tool runs subagents in the background by default.",
    kinds: BACKGROUND_KINDS,
    severity: "warn",
    docsUrl: docsUrl("subagent-result-needs-foreground"),
    hosts: ["claude-code"],
    trigger: /agent/i,
    offByDefault:
      "Claude Code's own Agent tool description tells the model to set `run_in_background: false` when its very next action needs the result, so a doc that does not say so mostly works; its precision on unseen repositories is not yet measured.",
  },
  check({ doc, toolset, report }) {
    if (!agentsRunInBackground(toolset)) return;
    const blocks = instructionProse(doc, { start: doc.bodyStart, end: doc.text.length }).filter((block) => block.type !== "heading");
    blocks.forEach((block, index) => {
      for (const sentence of sentencesOf(doc, block)) {
        const lead = sentence.text.length - sentence.text.trimStart().length;
        const launch = LAUNCH.exec(sentence.text.slice(lead));
        if (!launch) continue;
        const start = sentence.start + lead;
        if (doc.isMention(start, start + launch[0].length)) continue;
        if (checkLaunch(doc, blocks, index, block, sentence, start, launch[0].length)) {
          report({
            message:
              `Unexpected use of the subagent's result right after launching it: the Agent tool of Claude Code ${toolset.version} runs subagents ` +
              "in the background by default, so the next step can start before the result exists. Pass `run_in_background: false` to the " +
              "Agent call, or say to wait for the notice that the subagent completed before using its result.",
            start,
            end: sentence.start + sentence.text.trimEnd().length,
          });
        }
      }
    });
  },
};

/** The sentences of a prose block, in order. */
function sentencesOf(doc: Doc, block: ProseBlock): Array<{ start: number; end: number; text: string }> {
  const sentences: Array<{ start: number; end: number; text: string }> = [];
  for (let at = block.start; at < block.end; ) {
    const sentence = doc.sentenceAt(at);
    if (sentence.end <= at) break;
    if (sentence.start !== sentences.at(-1)?.start) sentences.push(sentence);
    at = sentence.end + 1;
  }
  return sentences;
}

/** Whether the step after this launch uses its result, with nothing in the section saying how the result arrives. */
function checkLaunch(
  doc: Doc,
  blocks: readonly ProseBlock[],
  index: number,
  block: ProseBlock,
  sentence: { start: number; end: number; text: string },
  start: number,
  length: number,
): boolean {
  const section = doc.sectionAt(start);
  const sectionText = section ? doc.text.slice(section.start, section.end) : doc.text.slice(doc.bodyStart);
  if (WAITS.test(sectionText) || PARENT_CONTINUES.test(sectionText)) return false;
  // The next step: the rest of the launch's sentence, the two sentences after it, or the paragraph after it in its section.
  if (USES_RESULT.test(doc.text.slice(start + length, sentence.end))) return true;
  if (USES_RESULT.test(sentencesFrom(doc, block, sentence.end, 2))) return true;
  // The next paragraph, in the same section or, when the launch ends its section, the first of the next one.
  const following = nextParagraph(blocks, index);
  if (!following) return false;
  const next = section && following.start >= section.end ? doc.sectionAt(following.start) : section;
  if (next !== section && next && WAITS.test(doc.text.slice(next.start, next.end))) return false;
  return USES_RESULT.test(following.raw);
}

export default rule;
