/** A problem-report solution doc with no Prevention section, or a Prevention Checklist whose items are malformed, empty or repeated. */
import type { ListItem, Nodes, Paragraph, PhrasingContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { isScalar, isSeq } from "yaml";
import type { Doc, Section } from "../src/document.js";
import { docsUrl } from "../src/rule-helpers.js";
import type { Report, Rule } from "../src/types.js";
import { BUG_PROBLEM_TYPES, KNOWLEDGE_PROBLEM_TYPES, PREVENTION_LIKE } from "../src/solution-tracks.js";

const EXAMPLE_ITEM = "`- [ ] **Verify tool exists**: Check available tools before documenting usage`";
const PLAIN_ITEM = "`- [ ] Check available tools before documenting usage`";
/** "Prevention", "Prevention Strategies", "5. Prevention", "Preventing recurrence". */
export const PREVENTION_HEADING = /^[^\p{L}]*prevent/iu;
export const CHECKLIST_HEADING = /^[^\p{L}]*prevention checklist/iu;
/**
 * The bug-track sections of the compound-engineering template, which ends with "## Prevention". "Problem" is every
 * team's heading, and one of these alone is common too (a short-note format of Problem, Root Cause, Solution and
 * Key Insight keeps its lesson in the last), so a doc without a known `problem_type` must show two of them, or one
 * and the template's `problem_type` or `root_cause` frontmatter.
 */
const PROBLEM_REPORT_HEADING = /^[^\p{L}]*(?:the )?(?:symptoms?|root cause|what didn[’']t work|why (?:this|the fix) works)(?:$|[^\p{L}])/iu;
/** A folder's README or index lists the solutions; it is not one. */
const INDEX_FILE = /(?:^|[\\/])(?:readme|index)\.md$/i;
const EMPTY_CHECKBOX = /^\[[ x]\]\s*$/i;

function problemTypes(doc: Doc): string[] {
  const node = doc.frontmatter?.yaml.get("problem_type", true);
  const nodes: unknown[] = isSeq(node) ? node.items : [node];
  return nodes.filter(isScalar).map((scalar) => String(scalar.value).trim().toLowerCase());
}

/** "## Rule" (a house format's one line on how to keep the mistake out), "## Detection" (how to catch it again). */
const RULE_HEADING = /^[^\p{L}]*(?:the )?(?:rules?|detection)(?:$|[^\p{L}])/iu;

/** The headings of CHECKLIST_HEADING and PROBLEM_REPORT_HEADING, as words without spaces. */
const CHECKLIST_WORDS = /preventionchecklist/giu;
const PROBLEM_REPORT_WORDS = /symptom|rootcause|whatdidn[’']twork|why(?:this|thefix)works/giu;

/**
 * Whether the doc may be reported: it may hold a Prevention Checklist, or it may report a problem without a
 * Prevention section. Told from the text, so most solution docs are not parsed for this rule.
 */
function mayReport(doc: Doc, filePath: string): boolean {
  if (doc.headingMatchBound(CHECKLIST_WORDS) > 0) return true;
  return reportsAProblem(doc, filePath, () => doc.headingMatchBound(PROBLEM_REPORT_WORDS));
}

/** Bug-track docs report a problem and so owe a way to prevent it; knowledge-track docs do not. */
function reportsAProblem(doc: Doc, filePath: string, problemSections = (): number => doc.sections.filter((s) => PROBLEM_REPORT_HEADING.test(s.heading)).length): boolean {
  if (INDEX_FILE.test(filePath)) return false;
  // The schema's own `track:` (`bug` or `knowledge`) says it outright.
  const track = doc.frontmatter?.yaml.get("track");
  if (track === "knowledge") return false;
  if (track === "bug") return true;
  const types = problemTypes(doc);
  if (types.some((t) => BUG_PROBLEM_TYPES.has(t))) return true;
  if (types.some((t) => KNOWLEDGE_PROBLEM_TYPES.has(t))) return false;
  // The template's own frontmatter keys (`problem_type` of a value it does not list, `root_cause`) count as one section.
  const templateKeys = ["problem_type", "root_cause"].some((key) => doc.frontmatter?.yaml.has(key)) ? 1 : 0;
  return problemSections() + templateKeys >= 2;
}

/** The innermost section strictly enclosing `section`. */
function parentOf(doc: Doc, section: Section): Section | undefined {
  let parent: Section | undefined;
  for (const s of doc.sections) {
    if (s.start >= section.start) break;
    if (s.depth < section.depth && s.end >= section.end) parent = s;
  }
  return parent;
}

/**
 * A checklist shown as a counter-example ("## Wrong", then "### Prevention Checklist") or quoted is not the
 * doc's own. A title like "# Avoid N+1 queries" marks every section as a counter-example, so only headings
 * below the title count.
 */
export function isShownNotKept(doc: Doc, section: Section): boolean {
  const heading = doc.prose.find((p) => p.type === "heading" && p.start === section.start);
  if (heading?.inQuote) return true;
  for (let s = parentOf(doc, section); s && s.depth > 1; s = parentOf(doc, s)) {
    const parent = parentOf(doc, s);
    if (s.counterExample && !parent?.counterExample) return true;
  }
  return false;
}

/** The items of lists that start in [start, end) and are not nested in another list item. */
export function topLevelItems(doc: Doc, start: number, end: number): ListItem[] {
  const items: ListItem[] = [];
  // Iterative: a doc of thousands of nested lists must not overflow the stack.
  const stack: Nodes[] = [doc.tree];
  while (stack.length) {
    const node = stack.pop()!;
    const offset = node.position?.start.offset ?? 0;
    if (node.type === "list") {
      if (offset >= start && offset < end) items.push(...node.children);
      continue;
    }
    if (node.type === "listItem" || node.type === "code") continue;
    if ("children" in node && (node.position?.end.offset ?? 0) > start) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
  }
  return items;
}

const offsetOf = (node: Nodes, edge: "start" | "end"): number => node.position?.[edge].offset ?? 0;

/** The item's content after any checkbox: its inline nodes, skipping leading blanks. */
function leadingInlines(paragraph: Paragraph): PhrasingContent[] {
  const inlines = [...paragraph.children];
  while (inlines[0]?.type === "text" && inlines[0].value.trim() === "") inlines.shift();
  return inlines;
}

/**
 * One checklist item. With `boldLeads` (a house style, off by default), an item must open with a bold lead, a colon
 * and an explanation; otherwise any task item with text will do. Repeats are reported either way: by bold lead when
 * the item has one of two words or more, else by its whole text.
 */
function checkItem(doc: Doc, item: ListItem, report: (r: Report) => void, leadLines: Map<string, number>, boldLeads: boolean): void {
  const example = boldLeads ? EXAMPLE_ITEM : PLAIN_ITEM;
  const itemStart = offsetOf(item, "start");
  const first = item.children[0];
  // Only the paragraph is read as text: an item can hold lists nested thousands deep.
  const onlyText = item.children.length === 1 && first?.type === "paragraph" ? toString(first).trim() : undefined;
  if (!first || onlyText === "" || (item.checked === null && onlyText !== undefined && EMPTY_CHECKBOX.test(onlyText))) {
    report({
      message: `Empty checklist item; write the check to make, as in ${example}, or remove the item.`,
      start: itemStart,
      end: offsetOf(item, "end"),
    });
    return;
  }
  if (first.type !== "paragraph") {
    report({
      message: boldLeads ? `Expected a task item with a bold lead, a colon and an explanation, as in ${EXAMPLE_ITEM}.` : `Expected a task item with text, as in ${PLAIN_ITEM}.`,
      start: offsetOf(first, "start"),
      end: offsetOf(first, "end"),
    });
    return;
  }
  const contentStart = offsetOf(first, "start");
  if (item.checked === null) {
    report({
      message: "Expected a checkbox: a Prevention Checklist item is a task item, so write `[ ] ` between the list marker and its text.",
      start: contentStart,
      end: contentStart,
      fix: { range: [contentStart, contentStart], text: "[ ] " },
    });
  }
  const inlines = leadingInlines(first);
  const lead = inlines[0];
  const hasLead = lead?.type === "strong" && toString(lead).trim().replace(/:$/, "").trim() !== "";
  if (!boldLeads && !hasLead) {
    reportRepeat(doc, toString(first).trim(), "text", contentStart, offsetOf(first, "end"), report, leadLines);
    return;
  }
  // Without `boldLeads`, a bold lead may be followed by anything (`**Lead** — text`): only repeats are checked.
  if (!boldLeads) {
    repeatOf(doc, toString(lead!).trim().replace(/:$/, "").trim(), first, lead!, report, leadLines);
    return;
  }
  if (!lead || !hasLead) {
    const at = lead ? offsetOf(lead, "start") : contentStart;
    report({
      message: `Expected a bold lead naming the check, then a colon and an explanation, as in ${EXAMPLE_ITEM}.`,
      start: at,
      end: lead ? offsetOf(lead, "end") : at,
    });
    return;
  }
  const leadText = toString(lead).trim();
  const leadEnd = offsetOf(lead, "end");
  const after = doc.text.slice(leadEnd, offsetOf(first, "end"));
  const colonOutside = /^[ \t]*:/.exec(after);
  if (!leadText.endsWith(":") && !colonOutside) {
    report({
      message: `Expected a colon after the bold lead "${leadText}": write \`**${leadText}**: explanation\`.`,
      start: leadEnd,
      end: leadEnd,
    });
  } else {
    const explanation = colonOutside ? after.slice(colonOutside[0].length) : after;
    if (explanation.trim() === "" && item.children.length === 1) {
      report({
        message: `Checklist item "${leadText.replace(/:$/, "")}" has no explanation; say after the colon what to check or do.`,
        start: offsetOf(lead, "start"),
        end: leadEnd,
      });
    }
  }
  repeatOf(doc, leadText.replace(/:$/, "").trim(), first, lead, report, leadLines);
}

/**
 * A one-word lead is a category ("**Scoring**:", "**Metrics**:") that several checks share: only the same check
 * twice, lead and text, is a repeat. A longer lead repeats when the lead does.
 */
function repeatOf(doc: Doc, leadName: string, first: Paragraph, lead: PhrasingContent, report: (r: Report) => void, leadLines: Map<string, number>): void {
  if (/\s/.test(leadName)) reportRepeat(doc, leadName, "lead", offsetOf(lead, "start"), offsetOf(lead, "end"), report, leadLines);
  else reportRepeat(doc, toString(first).trim(), "text", offsetOf(lead, "start"), offsetOf(first, "end"), report, leadLines);
}

/** An item whose lead (or text) repeats an earlier one, ignoring case and spacing. */
function reportRepeat(doc: Doc, text: string, what: "lead" | "text", start: number, end: number, report: (r: Report) => void, leadLines: Map<string, number>): void {
  const key = text.replace(/\s+/g, " ").trim().toLowerCase();
  const earlier = leadLines.get(key);
  if (earlier !== undefined) {
    const shown = text.length > 60 ? `${text.slice(0, 57)}...` : text;
    report({ message: `Duplicate checklist item "${shown}": line ${earlier} has the same ${what}; merge the two items.`, start, end });
  } else {
    leadLines.set(key, doc.lines.position(start).line);
  }
}

/** Where to point when the section is missing: the title, else the first line of the body. */
function missingSectionRange(doc: Doc): { start: number; end: number } {
  const body = doc.tree.children.filter((n) => n.type !== "yaml");
  const target = body.find((n) => n.type === "heading") ?? body[0];
  if (!target) {
    const start = doc.lines.lineStart(doc.lines.position(doc.bodyStart).line + (doc.frontmatter ? 1 : 0));
    return { start, end: start };
  }
  const start = offsetOf(target, "start");
  return { start, end: doc.lines.lineEnd(doc.lines.position(start).line) };
}

const rule: Rule = {
  meta: {
    id: "prevention-checklist",
    description: "A solution doc that reports a problem needs a Prevention section; a Prevention Checklist holds task items with a bold lead, a colon and an explanation.",
    kinds: ["solution"],
    severity: "error",
    docsUrl: docsUrl("prevention-checklist"),
    fixable: true,
    options: {
      boldLeads: {
        type: "boolean",
        default: false,
        description: "Each Prevention Checklist item opens with a bold lead, a colon and an explanation (`- [ ] **Lead**: explanation`).",
      },
    },
  },
  check({ doc, filePath, options, report }) {
    const boldLeads = options.boldLeads === true;
    const example = boldLeads ? EXAMPLE_ITEM : PLAIN_ITEM;
    if (!mayReport(doc, filePath)) return;
    const prevention = doc.sections.filter((s) => PREVENTION_HEADING.test(s.heading));
    if (prevention.length === 0) {
      // A section under another name that says how to keep the problem away ("## Lessons Learned", "## Rule") will do.
      const doesItsJob = doc.sections.some((s) => s.depth > 1 && (PREVENTION_LIKE.test(s.heading) || RULE_HEADING.test(s.heading)));
      if (!doesItsJob && reportsAProblem(doc, filePath)) {
        report({
          message:
            `Missing a Prevention section: this solution doc reports a problem but not how to keep it from coming back; add \`## Prevention\` ` +
            `or \`## Prevention Checklist\` with items like ${example}.`,
          ...missingSectionRange(doc),
        });
      }
      return;
    }
    // A doc titled "# Prevention Checklist: ..." is a guide about prevention, not a checklist section of a solution doc.
    const checklists = prevention.filter((s) => s.depth > 1 && CHECKLIST_HEADING.test(s.heading) && !isShownNotKept(doc, s));
    for (const section of checklists) {
      const all = topLevelItems(doc, section.start, section.end);
      // An item under a nested Prevention Checklist heading belongs to that one, not to both.
      const nested = checklists.filter((s) => s.start > section.start && s.start < section.end);
      const items = all.filter((item) => !nested.some((s) => s.start <= offsetOf(item, "start") && offsetOf(item, "start") < s.end));
      if (all.length === 0) {
        report({
          message: `"${section.heading}" has no items; list the checks as task items, as in ${example}.`,
          start: section.start,
          end: doc.lines.lineEnd(doc.lines.position(section.start).line),
        });
        continue;
      }
      const leadLines = new Map<string, number>();
      for (const item of items) checkItem(doc, item, report, leadLines, boldLeads);
    }
  },
};

export default rule;
