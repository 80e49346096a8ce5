import { closest, distance } from "fastest-levenshtein";

/**
 * Claude Code's built-in tools, as versioned presets: `claude-code@X` is BASE_TOOLS with every change in
 * TOOL_HISTORY up to X, plus the UNDATED_TOOLS.
 *
 * Sources, read in the stored copies of the docs (not live):
 * - the tools reference (code.claude.com/docs/en/tools-reference), in the snapshot whose newest version
 *   note is v2.1.239: it gives the current tool names, and a version only for the few tools it says
 *   "Requires Claude Code vX or later" about;
 * - the sub-agents page: "In version 2.1.63, the Task tool was renamed to Agent. Existing `Task(...)`
 *   references in settings and agent definitions still work as aliases.";
 * - the CHANGELOG.md of anthropics/claude-code, in a copy that ends at 2.1.114.
 * A change marked `approximate` has no version in those sources: its version is the first release that
 * the evidence in its comment shows it in, so a preset pinned just before it may be wrong about it, and
 * messages never quote that version.
 */
interface ToolChange {
  version: string;
  approximate?: true;
  added?: string[];
  removed?: string[];
  /** old name -> new name */
  renamed?: Record<string, string>;
  /** removed name -> the tool to use instead */
  insteadOf?: Record<string, string>;
}

const BASE_VERSION = "1.0.0";
/**
 * The set around 1.0. The changelog never lists a full set; these are the names of the 0.2.82 rename
 * ("LSTool -> LS, View -> Read, etc.") and of the tools the 0.2.x notes add (web fetch, web search, todo).
 */
const BASE_TOOLS = [
  "Task",
  "Bash",
  "Glob",
  "Grep",
  "LS",
  "Read",
  "Edit",
  "MultiEdit",
  "Write",
  "NotebookRead",
  "NotebookEdit",
  "WebFetch",
  "WebSearch",
  "TodoWrite",
  "ExitPlanMode",
];

/**
 * Tools the tools reference lists without saying when they arrived, and the agent-team tools TeamCreate
 * and TeamDelete, which the Agent SDK's tool input schemas list but the reference's table does not.
 * Every preset knows them: a false "unknown tool" on a pinned version costs more than a missed one.
 */
const UNDATED_TOOLS = [
  "Artifact",
  "EnterPlanMode",
  "EnterWorktree",
  "ListMcpResourcesTool",
  "Monitor",
  "ReadMcpResourceTool",
  "RemoteTrigger",
  "ScheduleWakeup",
  "SendMessage",
  "SendUserFile",
  "ShareOnboardingGuide",
  "TeamCreate",
  "TeamDelete",
  "ToolSearch",
  "WaitForMcpServers",
];

const TOOL_HISTORY: ToolChange[] = [
  // 1.0.71 "Background commands: (Ctrl-b) to run any Bash command in the background"; the note names no
  // tools. Agent definitions of that time list BashOutput and KillBash.
  { version: "1.0.71", approximate: true, added: ["BashOutput", "KillBash"] },
  // 1.0.123 "Added SlashCommand tool".
  { version: "1.0.123", added: ["SlashCommand"] },
  // The changelog records none of these; tool lists of 2.0 sessions say KillShell, and lack the rest.
  {
    version: "2.0.0",
    approximate: true,
    renamed: { KillBash: "KillShell" },
    removed: ["LS", "NotebookRead", "MultiEdit"],
    insteadOf: { LS: "Glob", NotebookRead: "Read", MultiEdit: "Edit" },
  },
  // 2.0.20 "Added support for Claude Skills".
  { version: "2.0.20", approximate: true, added: ["Skill"] },
  // 2.0.21 "Added an interactive question tool".
  { version: "2.0.21", added: ["AskUserQuestion"] },
  // 2.0.64 "Unshipped AgentOutputTool and BashOutputTool, in favor of a new unified TaskOutputTool".
  { version: "2.0.64", renamed: { BashOutput: "TaskOutput" } },
  // 2.0.74 "Added LSP (Language Server Protocol) tool".
  { version: "2.0.74", added: ["LSP"] },
  // 2.1.3 "Merged slash commands and skills"; the Skill tool runs both from then on.
  { version: "2.1.3", approximate: true, removed: ["SlashCommand"], insteadOf: { SlashCommand: "Skill" } },
  // 2.1.16 "Added new task management system"; the notes first name TaskUpdate in 2.1.20.
  { version: "2.1.16", approximate: true, added: ["TaskCreate", "TaskGet", "TaskList", "TaskUpdate"] },
  // The changelog names no rename; TaskStop first appears in the 2.1.30 notes, and third-party diffs of
  // the tool prompts date it to 2.1.19.
  { version: "2.1.19", approximate: true, renamed: { KillShell: "TaskStop" } },
  // Sub-agents page: "In version 2.1.63, the Task tool was renamed to Agent."
  { version: "2.1.63", renamed: { Task: "Agent" } },
  // 2.1.71 "Added cron scheduling tools for recurring prompts within a session".
  { version: "2.1.71", added: ["CronCreate", "CronDelete", "CronList"] },
  // 2.1.72 "Added `ExitWorktree` tool to leave an `EnterWorktree` session".
  { version: "2.1.72", added: ["ExitWorktree"] },
  // 2.1.110 "Added push notification tool".
  { version: "2.1.110", added: ["PushNotification"] },
  // 2.1.111 "Windows: PowerShell tool is progressively rolling out".
  { version: "2.1.111", added: ["PowerShell"] },
  // 2.1.147 "Added the Workflow tool" (release notes as quoted in dependency-update pull requests).
  { version: "2.1.147", added: ["Workflow"] },
  // The tools reference: "Requires Claude Code v2.1.196 or later", and likewise for the next three.
  { version: "2.1.196", added: ["ReportFindings"] },
  { version: "2.1.213", added: ["EndConversation"] },
  { version: "2.1.224", added: ["ListAgents"] },
  { version: "2.1.238", added: ["SendFeedback"] },
];

/** The newest release the tools reference we follow mentions. */
const DOCS_VERSION = "2.1.239";
export const LATEST_CLAUDE_CODE = DOCS_VERSION;
export const DEFAULT_PRESET = "claude-code";

export type ToolsetConfig =
  | string[]
  | { preset?: string; add?: string[]; remove?: string[]; mcpServers?: string[] };

/**
 * What a name is to this toolset. `version` is absent when the sources give none. An unknown name may
 * carry `since`: the release that introduced it, when the pinned preset is older and knows it as `suggestion`.
 */
export type ToolLookup =
  | { status: "known"; name: string }
  | { status: "renamed"; name: string; to: string; version?: string }
  | { status: "removed"; name: string; version?: string; instead?: string }
  | { status: "unknown"; name: string; suggestion?: string; since?: string };

export function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

const MCP_PREFIX = "mcp__";

/** `mcp__server__tool`, `mcp__server__*` and `mcp__server` all name the server after the prefix. */
function mcpServerOf(name: string): string | undefined {
  if (!name.startsWith(MCP_PREFIX)) return undefined;
  const rest = name.slice(MCP_PREFIX.length);
  const end = rest.indexOf("__");
  const server = end < 0 ? rest : rest.slice(0, end);
  return server === "" ? undefined : server;
}

export class ToolsetError extends Error {}

/** The set of tools an agent has, with the rename history that explains names it lacks. */
export class Toolset {
  private readonly lowerNames: Map<string, string>;

  constructor(
    readonly names: ReadonlySet<string>,
    readonly version: string | undefined,
    private readonly mcpServers: readonly string[] | undefined,
  ) {
    this.lowerNames = new Map([...names].map((n) => [n.toLowerCase(), n]));
  }

  /** The MCP servers the config lists; undefined accepts every `mcp__server__tool` name. */
  get mcpServerList(): readonly string[] | undefined {
    return this.mcpServers;
  }

  /** How messages name this toolset: the preset it came from, or a plain list. */
  get label(): string {
    return this.version ? `claude-code@${this.version}` : "the configured tools list";
  }

  has(name: string): boolean {
    return this.lookup(name).status === "known";
  }

  /** What `lookup` answered per name: a run asks about the same few names in thousands of docs. */
  private readonly lookups = new Map<string, ToolLookup>();

  lookup(name: string): ToolLookup {
    let answer = this.lookups.get(name);
    if (!answer) {
      answer = this.find(name);
      // Bounded, so a run over text full of invented names cannot grow it without end.
      if (this.lookups.size < 10_000) this.lookups.set(name, answer);
    }
    return answer;
  }

  private find(name: string): ToolLookup {
    if (this.names.has(name)) return { status: "known", name };
    const server = mcpServerOf(name);
    if (server !== undefined) {
      if (!this.mcpServers || this.mcpServers.includes(server)) return { status: "known", name };
      return { status: "unknown", name };
    }
    const applies = (change: ToolChange): boolean => !this.version || compareVersions(change.version, this.version) <= 0;
    const dated = (change: ToolChange): { version?: string } => (change.approximate ? {} : { version: change.version });
    for (const change of TOOL_HISTORY) {
      if (!applies(change)) continue;
      const to = change.renamed?.[name];
      if (to) {
        const current = this.laterName(to, change.version);
        if (this.names.has(current)) return { status: "renamed", name, to: current, ...dated(change) };
      }
      if (change.removed?.includes(name)) {
        const instead = change.insteadOf?.[name];
        return { status: "removed", name, ...dated(change), ...(instead && this.names.has(instead) ? { instead } : {}) };
      }
    }
    return { status: "unknown", name, ...this.suggestionFor(name), ...this.olderNameFor(name) };
  }

  /** Follows renames made after `since`, so a name renamed twice points at today's name. */
  private laterName(name: string, since: string): string {
    let current = name;
    for (const later of TOOL_HISTORY) {
      const next = later.renamed?.[current];
      if (next && compareVersions(later.version, since) > 0) current = next;
    }
    return current;
  }

  /** A name from a release after this pinned preset, which this preset knows by its older name. */
  private olderNameFor(name: string): { suggestion?: string; since?: string } {
    if (!this.version) return {};
    for (const change of TOOL_HISTORY) {
      if (compareVersions(change.version, this.version) <= 0) continue;
      for (const [from, to] of Object.entries(change.renamed ?? {})) {
        if (to === name && this.names.has(from)) return { suggestion: from, ...(change.approximate ? {} : { since: change.version }) };
      }
      if (change.added?.includes(name)) return change.approximate ? {} : { since: change.version };
    }
    return {};
  }

  private suggestionFor(name: string): { suggestion?: string } {
    const sameCase = this.lowerNames.get(name.toLowerCase());
    if (sameCase) return { suggestion: sameCase };
    const candidates = [...this.names];
    if (candidates.length === 0) return {};
    const best = closest(name, candidates);
    const limit = Math.max(1, Math.floor(name.length / 3));
    return distance(name.toLowerCase(), best.toLowerCase()) <= limit ? { suggestion: best } : {};
  }
}

/** Every name Claude Code has used for a built-in tool, today's and former ones. */
const EVER_NAMES: ReadonlySet<string> = new Set([
  ...BASE_TOOLS,
  ...UNDATED_TOOLS,
  ...TOOL_HISTORY.flatMap((change) => [...(change.added ?? []), ...Object.keys(change.renamed ?? {}), ...Object.values(change.renamed ?? {})]),
]);

/** True for a name that is or was a Claude Code built-in tool, or an MCP tool name. */
export function isClaudeCodeToolName(name: string): boolean {
  return EVER_NAMES.has(name) || mcpServerOf(name) !== undefined;
}

function presetTools(preset: string): { names: Set<string>; version: string } {
  const match = /^claude-code(?:@(\d+(?:\.\d+){0,2}))?$/.exec(preset);
  if (!match) throw new ToolsetError(`unknown tools preset "${preset}" (expected "claude-code" or "claude-code@<version>")`);
  const version = match[1] ?? LATEST_CLAUDE_CODE;
  const names = new Set([...BASE_TOOLS, ...UNDATED_TOOLS]);
  for (const change of TOOL_HISTORY) {
    if (compareVersions(change.version, version) > 0) break;
    for (const added of change.added ?? []) names.add(added);
    for (const removed of change.removed ?? []) names.delete(removed);
    for (const [from, to] of Object.entries(change.renamed ?? {})) {
      if (names.delete(from)) names.add(to);
    }
  }
  return { names, version: compareVersions(version, BASE_VERSION) < 0 ? BASE_VERSION : version };
}

export function resolveToolset(config: ToolsetConfig | undefined): Toolset {
  if (Array.isArray(config)) return new Toolset(new Set(config), undefined, undefined);
  const { names, version } = presetTools(config?.preset ?? DEFAULT_PRESET);
  for (const added of config?.add ?? []) names.add(added);
  for (const removed of config?.remove ?? []) names.delete(removed);
  return new Toolset(names, version, config?.mcpServers);
}
