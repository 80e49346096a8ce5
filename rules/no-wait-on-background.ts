/** After work is started in the background, an instruction to wait, block, sleep or poll for it before the parent does its own work. */
import {
  BACKGROUND_TRIGGER,
  BACKGROUND_KINDS,
  PARENT_CONTINUES,
  findBackgroundLaunches,
  type BackgroundLaunch,
  followingSection,
  instructionProse,
} from "../src/background.js";
import { docsUrl } from "../src/rule-helpers.js";
import type { Doc } from "../src/document.js";
import type { Rule } from "../src/types.js";

const WAIT = /\b(?:wait(?:ing)? (?:for|until|till|on)|block(?:ing)? (?:until|on)|poll(?:ing)?|sleep (?:for )?\d+|keep checking|check (?:back )?(?:every|until))\b/gi;
/** Repeated checks, rather than one wait: "poll TaskOutput every 2 minutes", "keep checking", "sleep 60". */
const POLL = /^(?:poll|keep checking|check (?:back )?every|sleep )/i;
/** The wait is for the work to end, not for a server to come up ("wait until port 3000 answers" is fine). */
const COMPLETION = /\b(?:finish(?:es|ed)?|complet(?:e|es|ed|ion)|done|returns?|exits?|results?|output|reports?|ends?)\b/i;
/**
 * "... before you start", "..., then begin your own review": the parent's own work comes after the wait.
 * A bare "before continuing" is left alone: the next step may well need the result.
 */
const BEFORE_OWN_WORK = /\b(?:before|then)\b[^.;\n]{1,30}?\b(?:you (?:start|begin|do|work|continue|proceed|write)|your own|own work|(?:start|begin)(?:ning|ing)? (?:on |with )?your)\b/i;
/** "Once you have finished your review, wait for ...": waiting after the parent's own work is how it collects results. */
const AFTER_OWN_WORK =
  /\b(?:after (?:you(?:['’]ve| have)?|finishing)|once you(?:['’]ve| have| are|['’]re)?|when you(?:['’]ve| have| are|['’]re)? (?:done|finished)|your own [\w ]{0,20}(?:is|are) (?:done|complete|finished))/i;

/**
 * A check repeated at an interval: "poll every ~30s", "check back every 5 minutes", "use `TaskOutput` every 10-15
 * seconds". Polling at a pace needs no word of completion: each check is a turn spent before the notice comes.
 */
const INTERVAL = /\bevery\s+(?:~\s*|about\s+|roughly\s+)?(?:few|couple(?: of)?|\d+(?:\s*[-–]\s*\d+)?)\s*(?:[hms]|secs?|seconds?|mins?|minutes?|hrs?|hours?)\b/gi;
const CHECK_WORD = /\b(?:poll(?:s|ing)?|check(?:s|ing)?|monitor(?:s|ing)?|TaskOutput|BashOutput)\b/i;
/**
 * What is polled is not the background work: a server coming up, or a system of its own (CI, a deployment, a pull
 * request's checks, an API). Its state reaches the parent by no notice, so checking it is how the parent learns it.
 */
const POLLS_ELSEWHERE =
  /\b(?:CI|PR|API)\b|\b(?:health|ready|readiness|port|listen(?:ing)?|connections?|to appear|appears|start(?:s|ed)? up|startup|servers?|pipelines?|workflow runs?|deploy(?:s|ed|ment|ments)?|gh (?:run|pr)|github|pull requests?|status checks?|endpoints?|remote|queue)\b/i;
const POLLING_MESSAGE =
  "each check spends a turn and may read a partial result. Go on with other work, or end your turn, and use the result when the notice arrives.";

/** A loop keyword, and a sleep between its checks: `sleep 30`, `sleep(10000)`, `await sleep(...)`, `time.sleep(5)`. */
const LOOP = /\b(?:while|until|for)\b/;
const SLEEP = /(?<![\w.])(?:time\.)?sleep(?:[ \t]+\d|[ \t]*\([ \t]*\d)/;
/** A loop that waits for a server to answer is how the parent hears it is up, not polling for a result. */
const SERVER_CHECK = /\b(?:curl|wget|nc|localhost|127\.0\.0\.1|port|health|ready|listen(?:ing)?|pg_isready)\b/i;
/** How many lines above a sleep its loop may open. */
const LOOP_REACH = 5;
const PARAMETER = /\brun_in_background\s*[:=]\s*["']?true\b/i;

/**
 * The first sleep inside a loop in the code blocks of a launch's scope, after the launch: the parent polling for the
 * work. A block that is itself the background command (its own `run_in_background: true` comment, or the launch's
 * block before the launching call closes) holds the command's own loop, not the parent's.
 */
function pollingLoop(doc: Doc, launch: BackgroundLaunch, scopeEnd: number): { start: number; end: number } | undefined {
  for (const code of doc.code) {
    if (code.end <= launch.end || code.start < launch.section.start || code.end > scopeEnd) continue;
    if (code.counterExample || code.inQuote || code.lang === "markdown" || code.lang === "md") continue;
    let from = code.start;
    if (code.start <= launch.start) {
      // The launch's own block: the parent's code starts after the line that closes the launching call.
      const close = /\n[ \t]*[})\]]/g;
      close.lastIndex = launch.end - code.start;
      const closing = close.exec(code.raw);
      if (!closing) continue;
      from = code.start + closing.index + closing[0].length;
    } else if (PARAMETER.test(code.raw)) continue;
    const lines = doc.text.slice(from, code.end).split("\n");
    let offset = from;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      const sleep = SLEEP.exec(line);
      if (sleep) {
        const loop = lines.slice(Math.max(0, i - LOOP_REACH), i + 1).join("\n");
        if (LOOP.test(loop) && !SERVER_CHECK.test(loop)) return { start: offset + sleep.index, end: offset + line.trimEnd().length };
      }
      offset += line.length + 1;
    }
  }
  return undefined;
}

/** Prose between two offsets tells the parent to go on with its own work; a heading's title does not. */
function sendsParentOn(doc: Doc, from: number, to: number): boolean {
  return instructionProse(doc, { start: 0, end: to }).some(
    (block) => block.type === "paragraph" && block.end > from && PARENT_CONTINUES.test(doc.text.slice(Math.max(block.start, from), Math.min(block.end, to))),
  );
}

/**
 * Claude Code tells the parent when the work completes: a subagent, or a command run with `run_in_background: true`.
 * A command detached by `nohup` or `&` sends no notice, so checking its log is how the parent learns it ended.
 */
function notifies(doc: Doc, launch: BackgroundLaunch): boolean {
  return launch.runs === "subagent" || /\brun_in_background\s*[:=]\s*["']?true\b/i.test(doc.text.slice(launch.section.start, launch.section.end));
}

const rule: Rule = {
  meta: {
    id: "no-wait-on-background",
    description: "Do not wait for background work before doing the parent's own work; continue at once and collect the result later.",
    kinds: BACKGROUND_KINDS,
    severity: "warn",
    offByDefault:
      "on seventeen public repositories it had not seen, 2 of its 4 findings were true (8 of 10 over all the unseen repositories measured): a decision record describing a shell watchdog loop over its own `&` child was read as polling the agent's background work",
    checklistItem: "Continue work immediately",
    docsUrl: docsUrl("no-wait-on-background"),
    trigger: BACKGROUND_TRIGGER,
  },
  check({ doc, report }) {
    const reported = new Set<number>();
    const seenSections = new Set<number>();
    for (const launch of findBackgroundLaunches(doc)) {
      if (seenSections.has(launch.section.start)) continue;
      seenSections.add(launch.section.start);
      const scopeEnd = Math.max(launch.section.end, followingSection(doc, launch.section)?.end ?? 0);
      const launchLine = doc.lines.position(launch.start).line;
      for (const block of instructionProse(doc, { start: launch.section.start, end: scopeEnd })) {
        for (const match of block.raw.matchAll(WAIT)) {
          const start = block.start + match.index;
          if (start < launch.end) continue;
          const sentence = doc.sentenceAt(start, start + match[0].length);
          if (reported.has(sentence.start) || doc.isMention(start, start + match[0].length)) continue;
          if (!COMPLETION.test(sentence.text) || AFTER_OWN_WORK.test(sentence.text)) continue;
          // Once the doc has sent the parent on to its own work, a later wait is how it collects the result.
          if (sendsParentOn(doc, launch.end, sentence.start)) continue;
          // Polling is the mistake even for a parent with no work of its own: it is notified when the work completes.
          const polls = POLL.test(match[0]) && notifies(doc, launch) && !POLLS_ELSEWHERE.test(sentence.text);
          const blocksOwnWork = BEFORE_OWN_WORK.test(sentence.text) || PARENT_CONTINUES.test(doc.text.slice(sentence.end, scopeEnd));
          if (!blocksOwnWork && !polls) continue;
          reported.add(sentence.start);
          // A sentence that also launches the work is reported from its wait on.
          const from = sentence.start < launch.end ? start : sentence.start;
          const to = sentence.start + sentence.text.trimEnd().length;
          report({
            message: !blocksOwnWork
              ? `Unexpected polling for the background work started on line ${launchLine}: you are notified when it completes, and ${POLLING_MESSAGE}`
              : `Unexpected wait for the background work started on line ${launchLine}: it blocks you before your own work, which undoes ` +
              "running it in the background. Start your own work right away and collect the result when you are notified that it finished.",
            start: from,
            end: to,
          });
        }
        if (!notifies(doc, launch)) continue;
        for (const match of block.raw.matchAll(INTERVAL)) {
          const start = block.start + match.index;
          if (start < launch.end) continue;
          const sentence = doc.sentenceAt(start, start + match[0].length);
          if (reported.has(sentence.start) || doc.isMention(start, start + match[0].length)) continue;
          const lead = doc.text.slice(Math.max(sentence.start, launch.end), start);
          // Checks at a pace are polling even once the parent is at its own work: the notice comes without them.
          if (!CHECK_WORD.test(lead) || POLLS_ELSEWHERE.test(sentence.text) || AFTER_OWN_WORK.test(sentence.text)) continue;
          reported.add(sentence.start);
          report({
            message: `Unexpected polling for the background work started on line ${launchLine}: you are notified when it completes, and ${POLLING_MESSAGE}`,
            start: Math.max(sentence.start, launch.end),
            end: sentence.start + sentence.text.trimEnd().length,
          });
        }
      }
      // A loop in code that sleeps between checks polls for work Claude Code reports as complete.
      const loop = notifies(doc, launch) ? pollingLoop(doc, launch, scopeEnd) : undefined;
      if (loop && !reported.has(loop.start)) {
        reported.add(loop.start);
        report({
          message:
            `Unexpected polling loop for the background work started on line ${launchLine}: you are notified when it completes, and ${POLLING_MESSAGE}`,
          start: loop.start,
          end: loop.end,
        });
      }
    }
  },
};

export default rule;
