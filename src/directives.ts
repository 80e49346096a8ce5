import { closest, distance } from "fastest-levenshtein";
import type { Doc } from "./document.js";

/** The directives skill-lint reads, as ESLint names its own (`eslint-disable-line` and the rest). */
export const DIRECTIVE_TYPES = ["disable", "enable", "disable-line", "disable-next-line"] as const;
export type DirectiveType = (typeof DIRECTIVE_TYPES)[number];

export interface Directive {
  type: DirectiveType;
  /** Offsets of the whole comment, `<!--` to `-->`. */
  start: number;
  end: number;
  /** The one line a `disable-line` or `disable-next-line` covers; the line a `disable` or `enable` holds from. */
  line: number;
  /** True when it names no rule, and so covers every rule. */
  all: boolean;
  /** The known rule ids it names (unknown ones are problems, and switch nothing off). */
  ruleIds: string[];
  /** What follows ` -- ` after the rule list: why the rules are off. */
  justification: string;
}

/** A directive skill-lint cannot follow: an unknown name or rule id, a `disable-line` over several lines. */
export interface DirectiveProblem {
  message: string;
  start: number;
  end: number;
}

export interface Directives {
  directives: Directive[];
  problems: DirectiveProblem[];
}

export const NO_DIRECTIVES: Directives = { directives: [], problems: [] };

const OPENER = /<!--\s*skill-lint-/g;
/** The name ends at a space or a comma: `skill-lint-disable-line` is one name, never `disable` and a rule `-line`. */
const NAME = /^[^\s,]*/;
/** ESLint's separator of a reason: two or more dashes with white space on both sides. */
const REASON = /\s-{2,}(?:\s|$)/;
const RULE_ID = /[^\s,]+/g;

/**
 * Inline `<!-- skill-lint-... -->` comments, ignoring any that sit inside code blocks or inline code (they are
 * examples), and the problems of those that name an unknown directive or rule.
 */
export function readDirectives(doc: Doc, knownRuleIds: ReadonlySet<string>): Directives {
  const text = doc.text;
  if (!text.includes("skill-lint-")) return NO_DIRECTIVES;
  const directives: Directive[] = [];
  const problems: DirectiveProblem[] = [];
  for (const match of text.matchAll(OPENER)) {
    const start = match.index;
    const nameStart = start + match[0].length;
    const close = text.indexOf("-->", nameStart);
    if (close < 0 || doc.codeAt(start) || isInlineCode(doc, start)) continue;
    const end = close + 3;
    const body = text.slice(nameStart, close);
    const name = NAME.exec(body)![0];
    if (!isDirectiveType(name)) {
      problems.push({ message: unknownDirective(name), start: nameStart, end: nameStart + name.length });
      continue;
    }
    const rest = body.slice(name.length);
    const reason = rest.search(REASON);
    const list = reason < 0 ? rest : rest.slice(0, reason);
    const justification = reason < 0 ? "" : rest.slice(reason).replace(/^\s-+/, "").trim();
    const ruleIds: string[] = [];
    let named = 0;
    // Rule codes such as `SKILL-17` or `MD013`, and nothing else: the comment is for another linter of the same
    // name, whose ids take that form; no skill-lint id does.
    const ids = [...list.matchAll(RULE_ID)].map((id) => id[0]);
    if (ids.length && ids.every((id) => FOREIGN_RULE_CODE.test(id))) continue;
    for (const id of list.matchAll(RULE_ID)) {
      named++;
      if (knownRuleIds.has(id[0])) ruleIds.push(id[0]);
      else {
        const at = nameStart + name.length + id.index;
        problems.push({ message: unknownRule(id[0], name, knownRuleIds), start: at, end: at + id[0].length });
      }
    }
    const startLine = doc.lines.position(start).line;
    const endLine = doc.lines.position(end - 1).line;
    if (name === "disable-line" && startLine !== endLine) {
      problems.push({
        message:
          "Unexpected `skill-lint-disable-line` over several lines: it covers the line it is on, so it must fit on one. " +
          "Put `<!-- skill-lint-disable-next-line ... -->` above the line, or `skill-lint-disable` ... `skill-lint-enable` around the lines.",
        start,
        end,
      });
      continue;
    }
    const line = name === "disable-line" ? startLine : name === "disable-next-line" ? endLine + 1 : endLine;
    directives.push({ type: name, start, end, line, all: named === 0, ruleIds, justification });
  }
  return { directives, problems };
}

/** An upper-case rule code with a number (`SKILL-17`, `MD013`): another linter's, never a skill-lint id. */
const FOREIGN_RULE_CODE = /^[A-Z]+-?\d+$/;

function isDirectiveType(name: string): name is DirectiveType {
  return (DIRECTIVE_TYPES as readonly string[]).includes(name);
}

/** ` Did you mean `x`?` for a near miss, or nothing. */
function didYouMean(name: string, candidates: readonly string[], show: (candidate: string) => string): string {
  const best = closest(name, [...candidates]);
  return distance(name, best) <= Math.max(2, Math.floor(name.length / 3)) ? ` Did you mean \`${show(best)}\`?` : "";
}

function unknownDirective(name: string): string {
  const known = DIRECTIVE_TYPES.map((type) => `\`skill-lint-${type}\``);
  return (
    `Unknown directive \`skill-lint-${name}\`: it switches no rule off or on.` +
    `${didYouMean(name, DIRECTIVE_TYPES, (type) => `skill-lint-${type}`)} ` +
    `The directives are ${known.slice(0, -1).join(", ")} and ${known.at(-1)}.`
  );
}

function unknownRule(id: string, directive: string, knownRuleIds: ReadonlySet<string>): string {
  return (
    `Unknown rule \`${id}\` in \`skill-lint-${directive}\`: no rule has this id, so the directive switches nothing off for it.` +
    `${didYouMean(id, [...knownRuleIds], (candidate) => candidate)} \`skill-lint --list-rules\` lists the ids.`
  );
}

function isInlineCode(doc: Doc, offset: number): boolean {
  const { line } = doc.lines.position(offset);
  const before = doc.text.slice(doc.lines.lineStart(line), offset);
  return (before.match(/`/g) ?? []).length % 2 === 1;
}

/**
 * A lookup of the directive that switches off a finding of a rule at a line, if one does. A line directive
 * wins over a range it sits in, as in ESLint, so it is the one counted as used.
 */
export function createSuppressor(directives: readonly Directive[]): (ruleId: string, line: number) => Directive | undefined {
  if (directives.length === 0) return () => undefined;
  return (ruleId, line) => {
    let range: Directive | undefined;
    for (const directive of directives) {
      if (!directive.all && !directive.ruleIds.includes(ruleId)) continue;
      if (directive.type === "disable-line" || directive.type === "disable-next-line") {
        if (directive.line === line) return directive;
      } else if (directive.line <= line) {
        range = directive.type === "disable" ? directive : undefined;
      }
    }
    return range;
  };
}

/**
 * The disable directives that switched off no finding of a rule they name (or of any rule, when they name
 * none), each with the rule ids that went unused: ESLint's `--report-unused-disable-directives`.
 */
export function unusedDirectives(
  directives: readonly Directive[],
  used: ReadonlyMap<Directive, ReadonlySet<string>>,
): Array<{ directive: Directive; unusedIds: string[] }> {
  const unused: Array<{ directive: Directive; unusedIds: string[] }> = [];
  for (const directive of directives) {
    if (directive.type === "enable") continue;
    const usedIds = used.get(directive);
    if (directive.all) {
      if (!usedIds) unused.push({ directive, unusedIds: [] });
      continue;
    }
    const unusedIds = directive.ruleIds.filter((id) => !usedIds?.has(id));
    if (unusedIds.length) unused.push({ directive, unusedIds });
  }
  return unused;
}

/** What to tell the author about a directive that switched nothing off. */
export function unusedDirectiveMessage(directive: Directive, unusedIds: readonly string[]): string {
  const name = `skill-lint-${directive.type}`;
  const where = directive.type === "disable-line" ? "on its line" : directive.type === "disable-next-line" ? "on the next line" : "after it";
  if (unusedIds.length === 0) return `Unused \`${name}\` directive: no rule reported a problem ${where}. Remove it.`;
  const ids = unusedIds.map((id) => `\`${id}\``).join(", ");
  const all = unusedIds.length === directive.ruleIds.length;
  return (
    `Unused \`${name}\` directive: ${ids} reported no problem ${where}. ` +
    (all ? "Remove the directive." : `Remove ${unusedIds.length === 1 ? "it" : "them"} from the directive.`)
  );
}
