/** A tool named in the body or in a frontmatter tools list that the configured toolset lacks. */
import { ALL_KINDS, docsUrl } from "../src/rule-helpers.js";
import { findBodyToolMentions, findFrontmatterToolMentions, type ToolMention } from "../src/tool-mentions.js";
import type { ToolLookup, Toolset } from "../src/toolset.js";
import type { Report, Rule } from "../src/types.js";

/** "for example an `EnterWorktree` / `WorktreeCreate` tool": a guess at what some harness offers. */
const HEDGED = /(?:^|[^\p{L}])(?:if|for example|for instance|e\.g\.|such as|like|whatever|some)(?:$|[^\p{L}])/iu;

/** One pattern per tool name, built once: a doc may mention a renamed tool thousands of times. */
const wordPatterns = new Map<string, RegExp>();

function namesWord(text: string, word: string): boolean {
  let pattern = wordPatterns.get(word);
  // "Sub-Agent" is not the tool's new name written beside the old one.
  if (!pattern) wordPatterns.set(word, (pattern = new RegExp(`(?:^|[^A-Za-z0-9_-])${word}(?:$|[^A-Za-z0-9_])`)));
  return pattern.test(text);
}

/**
 * Whether a mention names a tool clearly enough to report. Renamed and removed names are reported, and
 * near misses of real tools; an old name written beside its new one ("the `Agent`/`Task` tool", `tools:
 * Agent, Task`) is kept on purpose for older versions. A name that matches nothing is reported only where
 * it is plainly meant as a tool (a tools list, a backticked name, a parameter block) and not hedged:
 * "use the Playwright tool" is left alone. Without a context (before the sentence is known) it answers
 * whether the name could be reported in that form at all.
 */
function isReportable(mention: Pick<ToolMention, "name" | "form"> & { context?: string }, lookup: ToolLookup): boolean {
  if (lookup.status === "known") return false;
  if (lookup.status === "renamed" && mention.context !== undefined && namesWord(mention.context, lookup.to)) return false;
  // A call or a bare compound name is reported only as a name Claude Code used to have: `Task(...)`, `TaskOutput`.
  if (mention.form === "call" || mention.form === "bare") return lookup.status !== "unknown";
  const capitalised = /^[A-Z]/.test(mention.name) || mention.name.startsWith("mcp__");
  if (mention.form === "frontmatter") return lookup.status !== "unknown" || lookup.suggestion !== undefined || capitalised;
  if (!capitalised) return false;
  if (lookup.status !== "unknown" || lookup.suggestion !== undefined || lookup.hostTool !== undefined) return true;
  return mention.form !== "phrase" && (mention.context === undefined || !HEDGED.test(mention.context));
}

/** A sentence about making items of a task list: "create tasks for each agent", "add a todo", "the task list". */
const TASK_LIST = /\b(?:creat|add|track)\w*\s+(?:\w+\s+){0,2}?(?:tasks?|todos?)\b(?!\s+tool)|\btask\s+list\b/i;

function messageForList(lookup: Extract<ToolLookup, { status: "renamed" }>, listTool: string): string {
  return `Deprecated tool name \`${lookup.name}\`: Claude Code ${lookup.version ? `${lookup.version} ` : ""}renamed it to \`${lookup.to}\` and still accepts the old name as an alias; write \`${lookup.to}\` to launch a subagent, or \`${listTool}\` to add an item to the task list.`;
}

function messageFor(lookup: ToolLookup, toolset: Toolset): string {
  const name = `\`${lookup.name}\``;
  switch (lookup.status) {
    case "renamed": {
      const renamed = `Claude Code ${lookup.version ? `${lookup.version} ` : ""}renamed it to \`${lookup.to}\``;
      if (lookup.accepted) return `Deprecated tool name ${name}: ${renamed} and still accepts the old name as an alias; write \`${lookup.to}\` instead.`;
      return `Unexpected tool ${name}: ${renamed}; write \`${lookup.to}\` instead.`;
    }
    case "deprecated":
      return `Deprecated tool ${name}: Claude Code ${lookup.version} deprecated it; ${lookup.advice}.`;
    case "removed": {
      const when = lookup.version ? `was removed in Claude Code ${lookup.version}` : `is not a tool of ${toolset.label}`;
      const instead = lookup.instead ? `; use \`${lookup.instead}\` instead` : "";
      return `Unexpected tool ${name}: it ${when}${instead}${lookup.advice ? ` (${lookup.advice})` : ""}.`;
    }
    case "unknown": {
      if (lookup.name.startsWith("mcp__")) {
        return `Unknown MCP server in ${name}: the config lists only ${(toolset.mcpServerList ?? []).map((s) => `\`${s}\``).join(", ")} in tools.mcpServers.`;
      }
      if (lookup.hostTool) {
        const what = lookup.hostTool === lookup.name ? "a Claude Code tool" : `Claude Code's former name of \`${lookup.hostTool}\``;
        return (
          `Unknown tool ${name} for ${toolset.label}: it is ${what}, which the list does not give this agent. ` +
          `Add \`${lookup.hostTool}\` to the \`tools\` config, or do this step with a tool the list has.`
        );
      }
      if (lookup.since) {
        return `Unknown tool ${name} for ${toolset.label}: it arrived in Claude Code ${lookup.since}${lookup.suggestion ? `; this version calls it \`${lookup.suggestion}\`` : ""}.`;
      }
      if (lookup.suggestion) return `Unknown tool ${name}, expected \`${lookup.suggestion}\`.`;
      return `Unknown tool ${name}: ${toolset.label} has no tool of that name; name a tool it has, or add it to the \`tools\` config.`;
    }
    case "known":
      return "";
  }
}

const rule: Rule = {
  meta: {
    id: "no-unknown-tool",
    description: "Tools named in the body or in allowed-tools / tools / disallowedTools must exist in the configured toolset.",
    kinds: ALL_KINDS,
    severity: "error",
    checklistItem: "Verify tool exists",
    docsUrl: docsUrl("no-unknown-tool"),
    fixable: true,
    // The toolset is Claude Code's, release by release: another host's docs name its own tools (`read_file`).
    hosts: ["claude-code"],
  },
  check({ doc, toolset, report }) {
    for (const mention of [...findFrontmatterToolMentions(doc), ...findBodyToolMentions(doc, (name, form) => isReportable({ name, form }, toolset.lookup(name)))]) {
      const lookup = toolset.lookup(mention.name);
      if (!isReportable(mention, lookup)) continue;
      // "Use the Task tool to create tasks": the task list's own tool (`TaskCreate`) may be the one meant.
      const listTool = lookup.status === "renamed" && lookup.accepted && TASK_LIST.test(mention.context ?? "") && toolset.has(`${lookup.name}Create`)
        ? messageForList(lookup, `${lookup.name}Create`)
        : undefined;
      const finding: Report = { message: listTool ?? messageFor(lookup, toolset), start: mention.start, end: mention.end };
      // The host still runs a deprecated tool or an old name it accepts: worth fixing, not a failure.
      if ((lookup.status === "renamed" && lookup.accepted) || lookup.status === "deprecated") finding.severity = "warn";
      const exact = doc.text.slice(mention.start, mention.end) === mention.name;
      if (lookup.status === "renamed" && exact && !listTool) finding.fix = { range: [mention.start, mention.end], text: lookup.to };
      // A near miss is probably the suggested tool, but only the author knows: offered, never applied.
      if (lookup.status === "unknown" && lookup.suggestion && exact) {
        finding.suggestions = [{ desc: `Replace \`${mention.name}\` with \`${lookup.suggestion}\``, fix: { range: [mention.start, mention.end], text: lookup.suggestion } }];
      }
      report(finding);
    }
  },
};

export default rule;
