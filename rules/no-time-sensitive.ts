/** A statement tied to a date ("as of 2024", "before August 2025, use ...") that will silently turn wrong. */
import path from "node:path";
import { docsUrl, inHistorySection, INSTRUCTION_KINDS, isDatedRecord } from "../src/rule-helpers.js";
import { blankInlineCode } from "../src/inline-code.js";
import type { Rule } from "../src/types.js";

/*
 * Anthropic's "Skill authoring best practices", "Avoid time-sensitive information": its bad example is "If you're
 * doing this before August 2025, use the old API. After August 2025, use the new API."; its good example keeps the
 * current method in the text and the history under an "Old patterns" heading, in a <details> block.
 */

const MONTH = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
const YEAR = "(?:19|20)\\d\\d";
const DAY = "\\d{1,2}(?:st|nd|rd|th)?";
/** "2024", "March 2025", "March 3, 2025", "3 March 2025", "2025-08", "2025-08-01", "Q3 2024", "early 2025". */
const DATE = `(?:(?:early|mid|late)[- ])?(?:${MONTH}\\.? (?:${DAY},? )?${YEAR}|${DAY} ${MONTH} ${YEAR}|Q[1-4] ${YEAR}|${YEAR}(?:-\\d\\d){0,2})`;
/** "before August 2025" needs the month or full date: "papers before 2020" is a filter, not a deadline. */
const DATED_DATE = `(?:${MONTH}\\.? (?:${DAY},? )?${YEAR}|${DAY} ${MONTH} ${YEAR}|${YEAR}-\\d\\d(?:-\\d\\d)?)`;
const TIME_SENSITIVE = new RegExp(
  `\\b(?:[Aa]s of (?:now, )?${DATE}|(?:[Bb]efore|[Aa]fter|[Uu]ntil|[Pp]rior to|[Ss]tarting(?: in| from| on)?|[Bb]eginning(?: in| on)?) ${DATED_DATE})(?![\\w-])`,
  "g",
);
/**
 * An event verb earlier in the clause makes the date an event's, which stays true: "it was frozen (...) as of
 * October 1, 2024", "`num` is **deprecated** as of September 2025", "INP replaces FID as of 2024", "products
 * created on/after Jan 9, 2023" (a filter on the data's own date).
 */
const EVENT_IN_CLAUSE =
  /\b(?:(?:is|are|was|were|been|got)\W{0,3}\w+(?:ed|en)|replace[sd]?|became|becomes|deprecated|removed|renamed|frozen|introduced|launched|released|retired|discontinued|sunset|created|published|registered|uploaded|filed)\b/i;

/** The clause before a match: back to the last sentence or clause break, at most 80 characters. */
function clauseBefore(raw: string, index: number): string {
  const before = raw.slice(Math.max(0, index - 80), index);
  let cut = 0;
  for (const brk of before.matchAll(/[.;:!?]\s/g)) cut = brk.index + 1;
  return before.slice(cut);
}

const DETAILS = /<details\b[^>]*>[\s\S]*?<\/details\s*>/gi;

/** Offsets covered by <details> blocks: collapsed history, the place the guide itself recommends. */
function detailsRanges(text: string): Array<[number, number]> {
  return [...text.matchAll(DETAILS)].map((m) => [m.index, m.index + m[0].length]);
}

/** Inside a quotation in its paragraph, which may wrap over lines: "text such as \"If you're doing this before ...\"". */
function inQuotation(raw: string, start: number, end: number): boolean {
  const opens = (raw.slice(0, start).match(/["“”]/g) ?? []).length;
  return opens % 2 === 1 && /["“”]/.test(raw.slice(end));
}

const rule: Rule = {
  meta: {
    id: "no-time-sensitive",
    description: "Instructions state what is true now, without dates that will turn them wrong; history goes in an \"Old patterns\" section.",
    kinds: INSTRUCTION_KINDS,
    severity: "warn",
    offByDefault:
      "on repositories it was not written from, about one finding in four was a date that stays true: an event (\"harmonized as of Feb 2026\"), a status note that says when it was checked, an edition of a guide",
    docsUrl: docsUrl("no-time-sensitive"),
    // Every form holds a year; most docs hold none, and that test is a fraction of the full one's cost.
    trigger: [/(?:19|20)\d\d/, new RegExp(TIME_SENSITIVE.source)],
  },
  check({ doc, kind, filePath, project, report }) {
    // Solution docs are dated records too, but their instructions (a Prevention section) are checked below.
    if (kind !== "solution" && isDatedRecord(doc, kind, path.relative(project.root, path.resolve(filePath)))) return;
    const details = detailsRanges(doc.text);
    for (const block of doc.prose) {
      if (block.inQuote || block.counterExample) continue;
      const raw = blankInlineCode(block.raw);
      for (const match of raw.matchAll(TIME_SENSITIVE)) {
        const start = block.start + match.index;
        const end = start + match[0].length;
        // A solution doc is a dated record (its `date:` says when), so "as of" there restates that date.
        if (kind === "solution" && /^as of/i.test(match[0])) continue;
        if (EVENT_IN_CLAUSE.test(clauseBefore(raw, match.index))) continue;
        if (inQuotation(raw, match.index, match.index + match[0].length) || inHistorySection(doc, start) || details.some(([from, to]) => from <= start && start < to)) continue;
        report({
          message:
            `Time-sensitive "${match[0]}": the text will silently become wrong once that date passes. State the current ` +
            `behaviour without a date, and move the older behaviour to an "Old patterns" section or a <details> block.`,
          start,
          end,
        });
      }
    }
  },
};

export default rule;
