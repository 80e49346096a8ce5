/** A subagent said to start fresh, launched in a way that inherits a conversation: `claude --continue`, `--resume`, a fork. */
import { ALL_KINDS, docsUrl } from "../src/rule-helpers.js";
import { findSubagentLaunches, negatedInSentence, type InheritingSetting, type SubagentLaunch, type TextRange } from "../src/subagent.js";
import type { Doc } from "../src/document.js";
import type { Rule } from "../src/types.js";

/*
 * What inherits context. Docs followed (found with the search tool, corpus "docs"/"pages"):
 * - CLI reference (docs.anthropic.com/en/docs/claude-code/cli-reference, code.claude.com/docs/.../cli-reference):
 *   `claude -c` "Continue most recent conversation", `claude -c -p "query"` "Continue via SDK",
 *   `claude -r "<session-id>" "query"` "Resume session by ID": with `-p` they still carry that history.
 * - Create custom subagents (code.claude.com/docs/en/sub-agents, "What loads at startup"): each subagent
 *   starts with a fresh, isolated context window; "the exception is a fork, which inherits the parent
 *   conversation". Claude Code's forked-agent guidance: an Agent call with `subagent_type: "fork"` creates
 *   a fork; other types, or none, start fresh. Forking is on by default since 2.1.232.
 * - Skills (code.claude.com/docs/en/skills, "Run skills in a subagent"): frontmatter `context: fork` runs
 *   the skill in an isolated subagent; "the skill content becomes the subagent's prompt. It won't have
 *   access to conversation history." Despite its name it gives a fresh context, so it is NOT reported here;
 *   self-contained-prompt checks such a skill's body instead.
 */

/** Ways of saying a subagent starts without the parent's context. */
const FRESH_STATEMENT = new RegExp(
  [
    String.raw`\bfresh[ -](?:context|session|instance|sub-?agent|agent|claude|conversation|window)\b`,
    String.raw`\b(?:starts?|starting|begins?|beginning)[ \t]+(?:with[ \t]+)?(?:an?[ \t]+)?(?:fresh|clean|empty|blank)\b`,
    String.raw`\b(?:no|without(?:[ \t]+any)?)[ \t]+(?:prior|previous|inherited|parent(?:['’]s)?|shared|existing|earlier)[ \t]+(?:context|conversation|history|knowledge)\b`,
    String.raw`\bclean[ -](?:context|slate)\b`,
    String.raw`\bcontext[ -]free\b`,
    String.raw`\bisolated[ -]context\b`,
    String.raw`\b(?:does[ \t]+not|doesn['’]t|won['’]t|will[ \t]+not|cannot|can['’]t)[ \t]+(?:inherit|see|share)[ \t]+(?:the[ \t]+|your[ \t]+|our[ \t]+|any[ \t]+|its[ \t]+)?(?:parent(?:['’]s)?[ \t]+|main[ \t]+|current[ \t]+)?(?:context|conversation|history|session)\b`,
  ].join("|"),
  "gi",
);

function messageFor(launch: SubagentLaunch, setting: InheritingSetting): string {
  const flag = `\`${setting.text}\``;
  if (launch.kind === "agent-tool" && setting.mechanism === "resume") {
    return (
      `Unexpected ${flag} on a subagent said to start fresh: it resumes an earlier subagent with its whole ` +
      "transcript. Expected a new Agent call without it, with a prompt that carries what the subagent needs."
    );
  }
  switch (setting.mechanism) {
    case "continue":
      return (
        `Unexpected ${flag} on a subagent said to start fresh: it continues the most recent conversation in this ` +
        "directory, so the subagent inherits that context. Expected `claude -p` without it, with everything the " +
        "subagent needs in the prompt."
      );
    case "resume":
      return (
        `Unexpected ${flag} on a subagent said to start fresh: it resumes a saved session with its whole ` +
        "history. Expected `claude -p` without it, with everything the subagent needs in the prompt."
      );
    case "fork":
      return (
        `Unexpected ${flag} on a subagent said to start fresh: a fork inherits the parent's whole conversation. ` +
        "Expected a named subagent type (such as `general-purpose`), which starts with a fresh context, and a " +
        "prompt that carries what it needs."
      );
  }
}

/** Where a launch can be said to start fresh: its own section, and the introductions of the sections around it. */
function statementRanges(doc: Doc, offset: number): TextRange[] {
  const sections = doc.sections;
  const around = sections.filter((s) => s.start <= offset && offset < s.end);
  const innermost = around.pop();
  if (!innermost) return [{ start: doc.bodyStart, end: doc.text.length }];
  const ranges = [{ start: innermost.start, end: innermost.end }];
  for (const section of around) {
    const firstChild = sections.find((s) => s.start > section.start && s.start < section.end);
    ranges.push({ start: section.start, end: firstChild ? firstChild.start : section.end });
  }
  if (sections[0]!.start > doc.bodyStart) ranges.push({ start: doc.bodyStart, end: sections[0]!.start });
  return ranges;
}

/** The first statement, in the given ranges, that a subagent starts fresh and that is nearest to `launch`. */
function freshStatementFor(doc: Doc, launch: SubagentLaunch, launches: SubagentLaunch[]): TextRange | undefined {
  for (const range of statementRanges(doc, launch.start)) {
    const region = doc.text.slice(range.start, range.end);
    FRESH_STATEMENT.lastIndex = 0;
    for (let match = FRESH_STATEMENT.exec(region); match; match = FRESH_STATEMENT.exec(region)) {
      const at = { start: range.start + match.index, end: range.start + match.index + match[0].length };
      if (at.start < doc.bodyStart || !isStatement(doc, at.start, at.end)) continue;
      if (isNearest(doc, launch, at, launches)) return at;
    }
  }
  return undefined;
}

/** A statement inside code (a comment, a prompt) cannot be told from a quote by its quote marks. */
function isStatement(doc: Doc, start: number, end: number): boolean {
  if (doc.isCounterExample(start)) return false;
  if (doc.codeAt(start)) return !negatedInSentence(doc.text, start);
  return !doc.isQuoted(start, end) && !doc.isNegated(start, end);
}

function distance(launch: TextRange, at: TextRange): number {
  if (launch.start <= at.start && at.end <= launch.end) return 0;
  return at.start >= launch.end ? at.start - launch.end : launch.start - at.end;
}

/**
 * A statement is about the launch it sits nearest to, not about every launch in the section; a launch in
 * the same paragraph (or table row) as the statement comes first. A tie goes to the other launch.
 */
function isNearest(doc: Doc, launch: SubagentLaunch, at: TextRange, launches: SubagentLaunch[]): boolean {
  const block = doc.proseAt(at.start, at.end);
  const container =
    block && block.type !== "tableCell"
      ? block
      : { start: doc.lines.lineStart(doc.lines.position(at.start).line), end: doc.lines.lineEnd(doc.lines.position(at.end).line) };
  const inContainer = (l: TextRange): boolean => l.start < container.end && container.start < l.end;
  const candidates = launches.some(inContainer) ? launches.filter(inContainer) : launches;
  if (!candidates.includes(launch)) return false;
  const own = distance(launch, at);
  return candidates.every((other) => other === launch || distance(other, at) > own);
}

const rule: Rule = {
  meta: {
    id: "fresh-context-subagent",
    description: "A subagent meant to start fresh must not be launched with `claude --continue`, `--resume` or as a fork.",
    kinds: ALL_KINDS,
    severity: "warn",
    checklistItem: "Fresh context via claude -p",
    docsUrl: docsUrl("fresh-context-subagent"),
    // Claude Code's own parameters and launch forms.
    hosts: ["claude-code"],
    // The rule fires only on a launch that inherits (a `claude -c`/`-r` command, a fork, a resume) where the
    // doc says a subagent starts fresh; the first test is the cheap one.
    trigger: [/claude[ \t]+-|fork|resume/i, new RegExp(FRESH_STATEMENT.source, "i")],
  },
  check({ doc, report }) {
    const launches = findSubagentLaunches(doc);
    const inheriting = launches.filter((l) => l.inherits && !l.mention);
    for (const launch of inheriting) {
      if (!freshStatementFor(doc, launch, launches)) continue;
      report({ message: messageFor(launch, launch.inherits!), start: launch.inherits!.start, end: launch.inherits!.end });
    }
  },
};

export default rule;
