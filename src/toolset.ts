import { closest, distance } from "fastest-levenshtein";

/**
 * Claude Code's built-in tools, as versioned presets. Each entry in TOOL_HISTORY is a change that a
 * release made to the toolset; a preset `claude-code@X` is the base set with every change up to X.
 * Follows the Claude Code tools reference (code.claude.com/docs/en/tools-reference) and changelog.
 */
interface ToolChange {
  version: string;
  added?: string[];
  removed?: string[];
  /** old name -> new name */
  renamed?: Record<string, string>;
}

const BASE_VERSION = "1.0.0";
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
  "BashOutput",
  "KillShell",
  "SlashCommand",
];

const TOOL_HISTORY: ToolChange[] = [
  { version: "1.0.0", added: [] },
  { version: "2.0.0", added: ["Skill", "AskUserQuestion", "ListMcpResourcesTool", "ReadMcpResourceTool"] },
  { version: "2.0.20", removed: ["NotebookRead", "LS"] },
  { version: "2.1.0", added: ["EnterPlanMode", "LSP", "ToolSearch"], removed: ["SlashCommand"] },
  {
    version: "2.1.16",
    added: ["TaskCreate", "TaskGet", "TaskList", "TaskUpdate"],
  },
  { version: "2.1.30", renamed: { BashOutput: "TaskOutput", KillShell: "TaskStop" }, removed: ["MultiEdit"] },
  { version: "2.1.63", renamed: { Task: "Agent" } },
  {
    version: "2.1.100",
    added: ["EnterWorktree", "ExitWorktree", "CronCreate", "CronDelete", "CronList", "Monitor", "SendMessage", "Artifact"],
  },
];

export const LATEST_CLAUDE_CODE = TOOL_HISTORY[TOOL_HISTORY.length - 1]!.version;
export const DEFAULT_PRESET = "claude-code";

export type ToolsetConfig =
  | string[]
  | { preset?: string; add?: string[]; remove?: string[]; mcpServers?: string[] };

export type ToolLookup =
  | { status: "known"; name: string }
  | { status: "renamed"; name: string; to: string; version: string }
  | { status: "removed"; name: string; version: string }
  | { status: "unknown"; name: string; suggestion?: string };

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
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

  has(name: string): boolean {
    return this.lookup(name).status === "known";
  }

  lookup(name: string): ToolLookup {
    if (this.names.has(name)) return { status: "known", name };
    const mcp = /^mcp__([^_]+(?:_[^_]+)*)__/.exec(name);
    if (mcp) {
      if (!this.mcpServers || this.mcpServers.includes(mcp[1]!)) return { status: "known", name };
      return { status: "unknown", name };
    }
    for (const change of TOOL_HISTORY) {
      const to = change.renamed?.[name];
      if (to && (!this.version || compareVersions(change.version, this.version) <= 0)) {
        let current = to;
        for (const later of TOOL_HISTORY) {
          const next = later.renamed?.[current];
          if (next && compareVersions(later.version, change.version) > 0) current = next;
        }
        if (this.names.has(current)) return { status: "renamed", name, to: current, version: change.version };
      }
      if (change.removed?.includes(name) && (!this.version || compareVersions(change.version, this.version) <= 0)) {
        return { status: "removed", name, version: change.version };
      }
    }
    return { status: "unknown", name, ...this.suggestionFor(name) };
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

function presetTools(preset: string): { names: Set<string>; version: string } {
  const match = /^claude-code(?:@(\d+(?:\.\d+){0,2}))?$/.exec(preset);
  if (!match) throw new ToolsetError(`unknown tools preset "${preset}" (expected "claude-code" or "claude-code@<version>")`);
  const version = match[1] ?? LATEST_CLAUDE_CODE;
  const names = new Set(BASE_TOOLS);
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
