/**
 * Claude Code's built-in tools, release by release: what its npm packages show (tools.generated.json, written
 * by `npm run hosts:claude-code` from scripts/hosts/claude-code-tools.mjs) merged with the few facts those
 * files cannot give, written below with their source.
 *
 * Which evidence says a tool is in a release:
 * - from the first release whose program holds a list of built-in tool names, that list (`program`);
 * - before it, the program's tool definitions (`defined`): every release's program, `cli.js` or the native
 *   binary, read for objects with a `name` and tool properties such as `inputSchema`;
 * - the SDK's typed tool inputs (`sdk`) give parameters and wording; they name schemas, not tools (the Agent
 *   tool's input is `AgentInput` in releases that call the tool Task), so they do not decide presence.
 */
import generated from "./tools.generated.json" with { type: "json" };

/** Releases `since` (inclusive) to `until` (exclusive); no `since` means from the oldest release read. */
export interface Span {
  since?: string;
  until?: string;
  /** Where the start was read: `npm:<package>@<version>/<path>`. */
  source: string;
  untilSource?: string;
  /** A bound the evidence only brackets, or that the switch from one kind of evidence to another made: never quoted. */
  approximateSince?: true;
  approximateUntil?: true;
}

export interface AliasSpan extends Span {
  /** The current name the former one stands for. */
  to: string;
}

/** A tool the host still has but tells the model not to use. */
export interface Deprecation {
  name: string;
  since: string;
  /** The tool to use instead. */
  instead?: string;
  /** What to do instead, as a clause: "read the background task's output file with `Read`". */
  advice: string;
  source: string;
}

/** What replaces a tool that is gone without a successor of another name. */
export interface Removal {
  instead?: string;
  advice?: string;
  source: string;
}

export interface ToolHistory {
  newest: string;
  oldest: string;
  /** Name -> the releases that have it as a built-in tool. */
  tools: ReadonlyMap<string, readonly Span[]>;
  /** Former name -> the releases whose program still accepts it, for the tool it now names. */
  aliases: ReadonlyMap<string, readonly AliasSpan[]>;
  /** Former name -> the tool that took over its job under a new name. */
  successors: ReadonlyMap<string, string>;
  removals: Readonly<Record<string, Removal>>;
  deprecations: readonly Deprecation[];
  /** Tool -> parameter -> the releases whose SDK input has it (tracked parameters only). */
  parameters: ReadonlyMap<string, ReadonlyMap<string, readonly Span[]>>;
  /** The releases whose Agent tool runs in the background unless told otherwise, by its `run_in_background` wording. */
  agentBackgroundByDefault: readonly Span[];
}

interface GeneratedRange {
  since?: string;
  firstSeen?: string;
  after?: string;
  until?: string;
  untilAfter?: string;
  source: string;
  untilSource?: string;
}

interface GeneratedTools {
  newest: string;
  oldest: string;
  releases: number;
  programNames: { firstSeen: string; source: string } | null;
  tools: Record<
    string,
    {
      sdk?: { schema: string; ranges: GeneratedRange[]; parameters?: Record<string, GeneratedRange[]> };
      program?: GeneratedRange[];
      defined?: GeneratedRange[];
    }
  >;
  aliases: Record<string, (GeneratedRange & { to: string })[]>;
  agentBackground: (GeneratedRange & { default: "background" | "foreground"; text: string })[];
}

const data = generated as unknown as GeneratedTools;

/**
 * Former names whose successor no alias table records: the table only exists from 2.1.51 on, and an entry
 * there wins over one here.
 * - KillBash -> KillShell: the programs of 1.0.68 to 1.0.112 define `KillBash` where those before and after
 *   define `KillShell` (tools.generated.json, `defined`).
 * - BashOutput -> TaskOutput: `BashOutput` is defined up to 2.0.64 and `TaskOutput` from 2.0.65 on;
 *   CHANGELOG.md 2.0.64: "Unshipped AgentOutputTool and BashOutputTool, in favor of a new unified TaskOutputTool".
 */
const HAND_SUCCESSORS: Record<string, string> = {
  KillBash: "KillShell",
  BashOutput: "TaskOutput",
};

/** Sources: CHANGELOG.md of anthropics/claude-code, the version heading each line sits under. */
const CHANGELOG = "https://github.com/anthropics/claude-code/blob/main/CHANGELOG.md";

const DEPRECATIONS: Deprecation[] = [
  {
    name: "TaskOutput",
    since: "2.1.83",
    instead: "Read",
    advice: "read the background task's output file with `Read` instead",
    source: `${CHANGELOG} 2.1.83: "Deprecated \`TaskOutput\` tool in favor of using \`Read\` on the background task's output file path"`,
  },
];

/** `advice` completes "use `<instead>` instead (...)". */
const REMOVALS: Record<string, Removal> = {
  TeamCreate: {
    instead: "Agent",
    advice: "every session has one implicit team: spawn teammates with the Agent tool's `name` parameter",
    source: `${CHANGELOG} 2.1.178: "Agent teams: removed the \`TeamCreate\` and \`TeamDelete\` tools ... spawn teammates directly with the Agent tool's \`name\` parameter"`,
  },
  TeamDelete: {
    advice: "every session has one implicit team, with nothing to delete",
    source: `${CHANGELOG} 2.1.178`,
  },
  TaskOutput: {
    instead: "Read",
    advice: "on the background task's output file",
    source: `${CHANGELOG} 2.1.83`,
  },
  // The tool that does the job today, as code.claude.com/docs/en/tools-reference describes it.
  LS: { instead: "Glob", source: 'tools-reference: Glob "Finds files based on pattern matching"' },
  MultiEdit: { instead: "Edit", source: 'tools-reference: Edit "Makes targeted edits to specific files"' },
  NotebookRead: { instead: "Read", source: "tools-reference: Read reads the contents of files, Jupyter notebooks included" },
  TodoRead: { instead: "TodoWrite", source: "tools-reference: TodoWrite keeps the session's task list, which each call returns" },
  SlashCommand: { instead: "Skill", source: `${CHANGELOG} 2.1.3: "Merged slash commands and skills"` },
};

/**
 * Tools the program adds to a session only when a flag asks for them, so no list of built-in names holds them.
 * A doc that names one describes that mode (`claude -p --json-schema ...`); the name is not a typo.
 */
export const FLAG_TOOLS: Readonly<Record<string, { flag: string; source: string }>> = {
  StructuredOutput: {
    flag: "--json-schema",
    source: 'cli.js of 2.1.0: the tool `StructuredOutput`, "Use this tool to return your final response in the requested structured format", made from the --json-schema schema',
  },
};

function toSpan(range: GeneratedRange): Span {
  const span: Span = { source: range.source };
  const since = range.since ?? (range.firstSeen === data.oldest ? undefined : range.firstSeen);
  if (since) span.since = since;
  // A start at the first release that has the file (the names list) only says the tool is at least that old.
  if (range.after || (range.firstSeen && since)) span.approximateSince = true;
  if (range.until) span.until = range.until;
  if (range.untilSource) span.untilSource = range.untilSource;
  if (range.untilAfter) span.approximateUntil = true;
  return span;
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

/** The span that holds `version`, if any. */
export function spanAt<S extends Span>(spans: readonly S[] | undefined, version: string): S | undefined {
  return spans?.find((s) => (!s.since || compareVersions(s.since, version) <= 0) && (!s.until || compareVersions(version, s.until) < 0));
}

/**
 * A tool's spans: its definitions before the first release with a names list, the list from then on. A
 * definition span the switch cuts ends there approximately, or joins the list span that starts there.
 */
function toolSpans(entry: GeneratedTools["tools"][string], namesFrom: string | undefined): Span[] {
  const defined = (entry.defined ?? []).map(toSpan);
  if (!namesFrom) return defined;
  const spans: Span[] = [];
  for (const span of defined) {
    if (span.since && compareVersions(span.since, namesFrom) >= 0) continue;
    if (span.until && compareVersions(span.until, namesFrom) <= 0) spans.push(span);
    else spans.push({ ...span, until: namesFrom, untilSource: data.programNames?.source ?? span.source, approximateUntil: true });
  }
  for (const span of (entry.program ?? []).map(toSpan)) {
    const last = spans.at(-1);
    if (last?.until === namesFrom && last.approximateUntil && span.since === namesFrom) {
      const joined: Span = { ...last };
      delete joined.until;
      delete joined.untilSource;
      delete joined.approximateUntil;
      if (span.until) joined.until = span.until;
      if (span.untilSource) joined.untilSource = span.untilSource;
      if (span.approximateUntil) joined.approximateUntil = true;
      spans[spans.length - 1] = joined;
    } else {
      spans.push(span);
    }
  }
  return spans;
}

function buildHistory(): ToolHistory {
  const namesFrom = data.programNames?.firstSeen;
  const tools = new Map<string, Span[]>();
  const parameters = new Map<string, Map<string, Span[]>>();
  for (const [name, entry] of Object.entries(data.tools)) {
    const spans = toolSpans(entry, namesFrom);
    if (spans.length) tools.set(name, spans);
    const sdkParameters = entry.sdk?.parameters;
    if (sdkParameters) parameters.set(name, new Map(Object.entries(sdkParameters).map(([param, ranges]) => [param, ranges.map(toSpan)])));
  }
  const aliases = new Map<string, AliasSpan[]>();
  const successors = new Map<string, string>(Object.entries(HAND_SUCCESSORS));
  for (const [from, ranges] of Object.entries(data.aliases)) {
    aliases.set(from, ranges.map((r) => ({ ...toSpan(r), to: r.to })));
    const last = ranges.at(-1);
    if (last) successors.set(from, last.to);
  }
  return {
    newest: data.newest,
    oldest: data.oldest,
    tools,
    aliases,
    successors,
    removals: REMOVALS,
    deprecations: DEPRECATIONS,
    parameters,
    agentBackgroundByDefault: data.agentBackground.filter((r) => r.default === "background").map(toSpan),
  };
}

export const CLAUDE_CODE_TOOLS: ToolHistory = buildHistory();
