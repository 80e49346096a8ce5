/** A docs/solutions doc that lacks a section its compound-engineering template (bug or knowledge track) requires. */
import { docsUrl } from "../src/rule-helpers.js";
import type { Section } from "../src/document.js";
import type { Rule } from "../src/types.js";
import { BUG_PROBLEM_TYPES, KNOWLEDGE_PROBLEM_TYPES, PREVENTION_LIKE } from "../src/solution-tracks.js";

interface TemplateSection {
  /** The heading the template writes. */
  heading: string;
  /** Headings that do the same job: real docs write "Problem Description", "Root Cause", "Solution Implemented". */
  accepts: RegExp;
  /** What belongs in it, from the template's placeholder text; only required sections have it. */
  required?: string;
}

/**
 * Each track's sections in template order (`assets/resolution-template.md`), which is how a missing section finds
 * its place. Only some are required: ce-compound's own lightweight mode writes just "Problem, root cause, solution
 * with key code snippets, one prevention tip" (bug) and "Context, guidance with key examples, one applicability
 * note" (knowledge), so a doc without the rest is still one ce-compound writes. Prevention keeps its place in the
 * order but is not required here: a missing one is prevention-checklist's finding, and one finding is enough.
 */
/** The bug track's Solution section, under the names real docs give it. */
export const SOLUTION_HEADING = /\b(?:solutions?|fix(?:es|ed)?|resolution|resolved|workaround|what worked|changes? made|implementation|remediation)\b/i;

const BUG_SECTIONS: readonly TemplateSection[] = [
  {
    heading: "Problem",
    accepts: /\b(?:problems?|issues?|symptoms?|what happened|summary|overview|context|background|bug)\b/i,
    required: "one or two sentences on the issue and its user-visible impact",
  },
  { heading: "Symptoms", accepts: /\bsymptoms?\b/i },
  { heading: "What Didn't Work", accepts: /\b(?:didn[’']?t work|did not work|attempts?|dead ends?)\b/i },
  {
    heading: "Solution",
    accepts: SOLUTION_HEADING,
    required: "the fix that worked, with the key code",
  },
  {
    heading: "Why This Works",
    accepts: /\b(?:root[- ]causes?|causes?|why (?:this|it) (?:works|happened|failed)|why|analysis|investigation|diagnosis|explanation)\b/i,
    required: "the root cause and why the fix addresses it",
  },
  {
    heading: "Prevention",
    accepts: PREVENTION_LIKE,
  },
];

const KNOWLEDGE_SECTIONS: readonly TemplateSection[] = [
  {
    heading: "Context",
    accepts: /\b(?:context|background|problems?|issues?|overview|summary|tl;?dr|situation|motivation|what happened|origin|why)\b/i,
    required: "the situation, gap or friction that prompted this guidance",
  },
  {
    heading: "Guidance",
    accepts:
      /\b(?:guidance|guidelines?|solutions?|recommendations?|patterns?|practices?|decisions?|approach|rules?|conventions?|principles?|what to do|how to|fix|checklist|what worked|instead)\b/i,
    required: "the practice, pattern or recommendation, with examples",
  },
  { heading: "Why This Matters", accepts: /\b(?:why (?:this|it) matters|rationale|impact)\b/i },
  { heading: "When to Apply", accepts: /\b(?:when to (?:apply|use)|applies when|applicability)\b/i },
  { heading: "Examples", accepts: /\bexamples?\b/i },
];

/** Pointers elsewhere ("Related Issues", "See also") name no section of this doc, whatever words they use. */
const POINTER_HEADING = /^(?:related|see also|references?|links?|further reading|cross[- ]references?)\b/i;

function headingsOf(sections: readonly Section[]): Section[] {
  // The H1 is the doc's title ("# Fix flaky X"), not one of its sections.
  return sections.filter((section, index) => !(index === 0 && section.depth === 1) && !POINTER_HEADING.test(section.heading));
}

/** The first line of the body that holds text: where a doc without any template section gets its finding. */
function firstBodyLine(text: string, bodyStart: number): { start: number; end: number } {
  const match = /\S[^\r\n]*/.exec(text.slice(bodyStart));
  if (!match) return { start: bodyStart, end: bodyStart };
  return { start: bodyStart + match.index, end: bodyStart + match.index + match[0].length };
}

const rule: Rule = {
  meta: {
    id: "solution-sections",
    description: "A solution doc has the sections its compound-engineering template requires for its track (bug or knowledge).",
    kinds: ["solution"],
    severity: "warn",
    docsUrl: docsUrl("solution-sections"),
  },
  check({ doc, filePath, report }) {
    // critical-patterns.md follows compound-docs' own critical-pattern template (numbered ❌/✅ patterns).
    if (/(?:^|[\\/])critical-patterns\.md$/i.test(filePath)) return;
    const problemType = doc.frontmatter?.yaml.get("problem_type");
    if (typeof problemType !== "string") return;
    const track = BUG_PROBLEM_TYPES.has(problemType) ? "bug" : KNOWLEDGE_PROBLEM_TYPES.has(problemType) ? "knowledge" : undefined;
    if (!track) return;
    const template = track === "bug" ? BUG_SECTIONS : KNOWLEDGE_SECTIONS;
    const headings = headingsOf(doc.sections);
    const found = template.map((section) => headings.find((h) => section.accepts.test(h.heading)));
    const names = template.filter((s) => s.required).map((s) => s.heading).join(", ");

    template.forEach((section, index) => {
      if (!section.required || found[index]) return;
      const before = found.slice(0, index).reverse().find((h) => h !== undefined);
      const after = found.slice(index + 1).find((h) => h !== undefined && (!before || h.start > before.start));
      const anchor = after ?? before;
      const place = after ? `before \`${"#".repeat(after.depth)} ${after.heading}\`` : before ? `after the \`${before.heading}\` section` : "to the body";
      const range = anchor
        ? { start: anchor.start, end: doc.lines.lineEnd(doc.lines.position(anchor.start).line) }
        : firstBodyLine(doc.text, doc.bodyStart);
      report({
        message:
          `Missing \`## ${section.heading}\` section: the ${track}-track template (problem_type \`${problemType}\`) needs ${names}. ` +
          `Add \`## ${section.heading}\` ${place} with ${section.required}.`,
        ...range,
      });
    });
  },
};

export default rule;
