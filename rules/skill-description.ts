/** A skill description that is missing, too long for the listing, in first or second person, or silent on when to use the skill. */
import { frontmatterData, frontmatterStart, valueRange } from "../src/frontmatter-schema.js";
import type { Doc } from "../src/document.js";
import { docsUrl } from "../src/rule-helpers.js";
import type { Rule } from "../src/types.js";

/** The Agent Skills spec's limit, which the Claude API and claude.ai enforce too. */
const MAX_DESCRIPTION = 1024;
/** Claude Code's skill listing cuts `description` and `when_to_use` together at this many characters. */
const MAX_LISTING = 1536;

/**
 * "I can help", "We generate", "You can use this to": the description speaks as or to someone. It is
 * read inside Claude's system prompt beside other skills, so it should state what the skill does.
 * "You should use this skill when" is a trigger, like "Use this skill when", and is left alone.
 */
const PERSON =
  /(?:^|[.!?:]\s+)((?:I|We)(?:'m|'ll|'ve| am| are| can| will| help| provide| create| generate| write| build| analy[sz]e| review| specialize)\b|You(?:'re|'ll| are| can| will| may| might| need| want)\b(?! use this skill when))/;
/** Words that say when to use a skill: "Use when", "when the user asks", "Triggers on", "for ... tasks". */
const WHEN =
  /\b(?:when|whenever|if|proactively|trigger(?:s|ed)?|invoke[sd]?|activate[sd]?|asks?|mentions?|requests?|before|after|during|use (?:it |this |them )?(?:for|to|on|in|with|as)|for (?:any|all|tasks?|requests?|projects?|work(?:ing)?|questions?|building|creating|writing|reviewing|debugging|analy[sz]ing|managing|generating)|use cases?)\b/i;

/**
 * Words the description quotes rather than speaks: an `<example>` block, a quoted phrase ("I need a report"), a
 * speaker's turn (`User: I'm done for the day`). Blanked out before the person check.
 */
const QUOTED = /<example>[\s\S]*?(?:<\/example>|(?![\s\S]))|"[^"\n]*"|“[^“”\n]*”|^[ \t]*(?:user|human|assistant|agent|claude|customer|q|a)[ \t]*:.*$/gim;

const thousands = (n: number): string => n.toLocaleString("en-US");

/** Offsets of `phrase` in the description's source, when the source spells it out; else the whole value. */
function phraseRange(doc: Doc, value: [number, number], phrase: string): [number, number] {
  const index = doc.text.slice(value[0], value[1]).indexOf(phrase);
  return index < 0 ? value : [value[0] + index, value[0] + index + phrase.length];
}

const rule: Rule = {
  meta: {
    id: "skill-description",
    description: "A skill's description must be present, within the listing's length and in third person (with requireWhen: say when to use the skill).",
    kinds: ["skill"],
    severity: "error",
    offByDefault:
      "on thirty-three public repositories it had not seen, 19 of 25 sampled findings were true (30 of 36 with the earlier unseen sample): skill fragments a build script merges into the real SKILL.md, a repository-root SKILL.md that indexes the skills, a test fixture",
    docsUrl: docsUrl("skill-description"),
    options: {
      requireWhen: {
        type: "boolean",
        default: false,
        description: 'Warn when the description gives no cue of when to use the skill ("Use when ..."); off by default, since over half of well-kept skills leave it to the name.',
      },
    },
  },
  check({ doc, target, options, report }) {
    const data = frontmatterData(doc);
    if (!data) return;
    const description = data.description;
    if (description === undefined || description === null || description === "") {
      const [start, end] = description === undefined ? frontmatterStart(doc) : (valueRange(doc, ["description"]) ?? frontmatterStart(doc));
      report(
        target === "agent-skills"
          ? { message: "Missing skill `description`; the Agent Skills spec requires one: say what the skill does and when to use it.", start, end }
          : {
              message: "Missing skill `description`; Claude Code then shows the body's first paragraph and chooses the skill by it: write what the skill does and when to use it.",
              start,
              end,
              severity: "warn",
            },
      );
      return;
    }
    const range = valueRange(doc, ["description"]) ?? frontmatterStart(doc);
    if (typeof description !== "string") {
      report({ message: `Skill \`description\` must be text, not ${Array.isArray(description) ? "a list" : typeof description}; quote it if it holds \`: \`.`, start: range[0], end: range[1] });
      return;
    }
    if (description.length > MAX_DESCRIPTION) {
      report({
        message: `Skill \`description\` is ${thousands(description.length)} characters; at most ${thousands(MAX_DESCRIPTION)} are allowed (Agent Skills spec, Claude API): keep what it does and when to use it, and move the rest into the body.`,
        start: range[0],
        end: range[1],
      });
    }
    const whenToUse = data.when_to_use;
    if (target === "claude-code" && typeof whenToUse === "string" && description.length + whenToUse.length > MAX_LISTING) {
      const [start, end] = valueRange(doc, ["when_to_use"]) ?? range;
      report({
        message: `\`description\` and \`when_to_use\` together are ${thousands(description.length + whenToUse.length)} characters; Claude Code's skill listing cuts them at ${thousands(MAX_LISTING)}: shorten them.`,
        start,
        end,
      });
    }
    const person = PERSON.exec(description.replace(QUOTED, (quoted) => " ".repeat(quoted.length)));
    if (person) {
      const phrase = person[1]!;
      const [start, end] = phraseRange(doc, range, phrase);
      const who = /^(?:I|We)\b/.test(phrase) ? "first" : "second";
      report({
        message: `Unexpected ${who} person "${phrase}" in the skill description; write in third person what the skill does ("Extracts tables from PDFs. Use when ...").`,
        start,
        end,
        severity: "warn",
      });
    }
    const cue = [description, typeof whenToUse === "string" ? whenToUse : ""].join(" ");
    if (options.requireWhen === true && !WHEN.test(cue)) {
      report({
        message: 'Skill description says what the skill does but not when to use it; add a trigger such as "Use when the user asks to ...".',
        start: range[0],
        end: range[1],
        severity: "warn",
      });
    }
  },
};

export default rule;
