/** Background work is started, but the doc never says how the parent learns it finished or where its output lands. */
import { BACKGROUND_KINDS, BACKGROUND_TRIGGER, backgroundMechanism, findBackgroundLaunches, outputTool } from "../src/background.js";
import { docsUrl } from "../src/rule-helpers.js";
import type { Rule } from "../src/types.js";

/**
 * Any of these tells the parent how the work reports back: a notification, an output tool, a file it
 * writes its output to, what happens when it completes, a task id to look it up by, or (for a server)
 * how to tell it is up. Broad on purpose (a doc that says any of it has thought about the question), but
 * each names the work's end or output: "notifications" in a list of side effects, or "write a draft ...
 * to evaluate", do not count.
 */
const PATH = /(?:[`"'$~./{<]|\w[\w.-]*\/)/.source;
const NOTICE = new RegExp(
  [
    /\b(?:(?:be|get|gets|are|is|being)\s+notified|notif(?:y|ies)\s+(?:you|the parent|the main|claude|me|us)\b|notifications?\s+(?:when|once|on completion|as)\b|(?:task|completion)[- ]notifications?)/.source,
    /\b(?:TaskOutput|BashOutput|AgentOutput(?:Tool)?)\b|`Monitor`|\bMonitor tool\b|\bsystem[- ]reminders?\b/.source,
    /\boutput[_ -]files?\b|\blog ?files?\b|\b(?:tail|read|cat|inspect|collect|check)\s+(?:its|their|the)\s+(?:[\w-]+\s+)?(?:output|logs?|results?|reports?|findings|summary)\b/.source,
    `\\b(?:writ(?:e|es|ing)|sav(?:e|es|ing)|stor(?:e|es|ing)|record(?:s|ing)?|append(?:s|ing)?|redirect(?:s|ing)?|dump(?:s|ing)?|emit(?:s|ting)?|put(?:s|ting)?)\\b[^.\\n]{1,60}\\b(?:to|into|under|in)\\s+${PATH}`,
    /(?:^|\s)(?:[12&]?>>?|\|\s*tee(?:\s+-a)?)\s*["'$~./\w{<][^\s|;&]*\.(?:log|txt|json|jsonl|md|out|csv)\b/.source,
    /\bwhen (?:it|they|the [\w-]+|each [\w-]+|all [\w-]+)(?:['’]s|['’]re| [\w-]+)? ?(?:finish|finishes|completes?|is done|are done|done|returns?|ends?|exits?)\b/.source,
    /\bonce (?:it|they|the [\w-]+|each|all)\b[^.\n]{0,30}\b(?:finish|complete|done|return)|\b(?:on|upon) completion\b|\bwhen (?:complete|completed|done|finished)\b/.source,
    /\b(?:task|shell|agent|process|job)[ _-]?ids?\b/.source,
    // A task list the workers mark complete and the lead monitors (agent teams).
    /\bmonitor(?:s|ing)?\s+(?:the\s+)?(?:task\s+)?(?:completion|progress)\b|\bmark(?:s|ing)?\s+(?:\w+\s+){0,2}(?:as\s+)?completed?\b/.source,
    // A server never finishes: "poll the port until it accepts connections" is how the parent hears it is up.
    /\buntil\b[^.\n]{1,40}\b(?:accepts?|answers?|responds?|is ready|is up|is listening|succeeds?)\b/.source,
    // "Wait for the port file to appear", "Wait for Server Startup": the next step waits for the server to be up.
    /\bwait(?:s|ing)?\s+(?:for|until)\b[^.\n]{1,40}?(?:\bto (?:appear|exist|start|be ready|come up)\b|\bstart-?up\b|\breadiness\b|\bis (?:ready|up|listening)\b)/.source,
  ].join("|"),
  "im",
);

const rule: Rule = {
  meta: {
    id: "background-completion-notice",
    description: "A doc that starts background work must say how the parent learns it finished and where its output lands.",
    kinds: BACKGROUND_KINDS,
    severity: "warn",
    offByDefault:
      "on seventeen public repositories it had not seen, 1 of its 9 findings was true: servers whose readiness is polled (they never finish), a glossary of a procedure notation, docs that say how results come back in words it does not read (\"monitor it with ...\", \"collect reports as each finishes\", a linked protocol), and prose describing a hook",
    checklistItem: "Note notification mechanism",
    docsUrl: docsUrl("background-completion-notice"),
    // Claude Code's own parameters and launch forms.
    hosts: ["claude-code"],
    trigger: BACKGROUND_TRIGGER,
  },
  check({ doc, toolset, report }) {
    const launch = findBackgroundLaunches(doc)[0];
    if (!launch || NOTICE.test(doc.text.slice(doc.bodyStart))) return;
    const mechanism = backgroundMechanism(launch, toolset);
    const reader = outputTool(toolset);
    // From the releases that deprecate TaskOutput, a background command's output is a file the Read tool opens.
    const readsFile = !reader && toolset.has("Read");
    const hint =
      mechanism?.via === "parameter" && mechanism.tool === "Bash" && (reader || readsFile)
        ? `"You will be notified when it completes; read its output ${reader ? `with ${reader}` : "file with Read"}."`
        : "\"You will be notified when it completes.\"";
    report({
      message:
        "Unexpected background work with no word on how it reports back: the doc never says how you learn it finished or where its " +
        `output lands. Add a sentence such as ${hint}, or name the file it writes its results to.`,
      start: launch.start,
      end: launch.end,
    });
  },
};

export default rule;
