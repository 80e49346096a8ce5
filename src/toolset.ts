import { closest, distance } from "fastest-levenshtein";
import { CLAUDE_CODE_TOOLS as HISTORY, FLAG_TOOLS, compareVersions, spanAt, type Deprecation, type Span } from "./hosts/claude-code/tools.js";

/**
 * Claude Code's built-in tools as versioned presets: `claude-code@X` is the set of tools release X has, read
 * from its npm packages (src/hosts/claude-code/tools.ts says how). A name a preset lacks is looked up in
 * the history: a former name the release still accepts, a former name of one of its tools, a removed tool,
 * or a tool of a later release.
 */
export { compareVersions };

export const LATEST_CLAUDE_CODE = HISTORY.newest;
export const DEFAULT_PRESET = "claude-code";

export type ToolsetConfig =
  | string[]
  | { preset?: string; add?: string[]; remove?: string[]; mcpServers?: string[] };

/**
 * What a name is to this toolset. `version` is absent when the evidence only brackets it.
 * - `renamed`: a former name of the tool `to`; `accepted` when the release still takes the old name as an alias.
 * - `deprecated`: a tool the release still has but tells the model not to use; `advice` says what to do instead.
 * - `removed`: a tool that is gone; `instead` is the tool that does its job, when this toolset has it.
 * - `unknown`: may carry `since`, the release that introduced it, when a pinned older preset lacks it, and
 *   `suggestion`, the name this preset knows it by or a near miss; for a plain tools list, `hostTool`, the Claude Code
 *   tool the name is (or, for a former name, now is) when the list lacks it.
 */
export type ToolLookup =
  | { status: "known"; name: string }
  | { status: "renamed"; name: string; to: string; version?: string; accepted?: true }
  | { status: "deprecated"; name: string; version: string; instead?: string; advice: string }
  | { status: "removed"; name: string; version?: string; instead?: string; advice?: string }
  | { status: "unknown"; name: string; suggestion?: string; since?: string; hostTool?: string };

const MCP_PREFIX = "mcp__";

/** `mcp__server__tool`, `mcp__server__*` and `mcp__server` all name the server after the prefix. */
function mcpServerOf(name: string): string | undefined {
  if (!name.startsWith(MCP_PREFIX)) return undefined;
  const rest = name.slice(MCP_PREFIX.length);
  const end = rest.indexOf("__");
  const server = end < 0 ? rest : rest.slice(0, end);
  return server === "" ? undefined : server;
}

/** The end of a span when it is quotable: read between two consecutive releases. */
function exactUntil(span: Span | undefined): string | undefined {
  return span?.until && !span.approximateUntil ? span.until : undefined;
}

/** The span in which `name` was last a tool before `version` (any span, for a plain list). */
function lastSpanBefore(name: string, version: string | undefined): Span | undefined {
  const spans = HISTORY.tools.get(name);
  if (!spans) return undefined;
  const ended = spans.filter((s) => s.until && (!version || compareVersions(s.until, version) <= 0));
  return ended.at(-1);
}

function deprecationOf(name: string, version: string | undefined): Deprecation | undefined {
  if (!version) return undefined;
  return HISTORY.deprecations.find((d) => d.name === name && compareVersions(d.since, version) <= 0);
}

export class ToolsetError extends Error {}

/** The set of tools an agent has, with the history that explains names it lacks. */
export class Toolset {
  private readonly lowerNames: Map<string, string>;

  /**
   * `explicit` are names the config adds by hand: taken as they are, never reported as deprecated.
   */
  constructor(
    readonly names: ReadonlySet<string>,
    readonly version: string | undefined,
    private readonly mcpServers: readonly string[] | undefined,
    private readonly explicit: ReadonlySet<string> = new Set(),
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

  /** Whether the name is a tool of this toolset that a doc may tell the agent to use. */
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
    if (this.names.has(name)) {
      const deprecation = this.explicit.has(name) ? undefined : deprecationOf(name, this.version);
      if (deprecation) {
        const instead = deprecation.instead && this.names.has(deprecation.instead) ? { instead: deprecation.instead } : {};
        return { status: "deprecated", name, version: deprecation.since, advice: deprecation.advice, ...instead };
      }
      return { status: "known", name };
    }
    const server = mcpServerOf(name);
    if (server !== undefined) {
      if (!this.mcpServers || this.mcpServers.includes(server)) return { status: "known", name };
      return { status: "unknown", name };
    }
    // A Claude Code release gives these tools when a flag asks for them; a plain list names exactly the tools there are.
    if (this.version && Object.hasOwn(FLAG_TOOLS, name)) return { status: "known", name };
    const at = this.version ?? HISTORY.newest;
    const alias = spanAt(HISTORY.aliases.get(name), at);
    // A plain list names the tools an agent has; a Claude Code tool it leaves out is one the agent lacks, not a typo.
    if (!this.version) {
      const hostTool = alias?.to ?? (spanAt(HISTORY.tools.get(name), HISTORY.newest) ? name : undefined);
      if (hostTool && !this.names.has(hostTool)) return { status: "unknown", name, hostTool };
    }
    const ended = lastSpanBefore(name, this.version);
    if (alias) {
      const to = this.currentName(alias.to);
      if (to) return { status: "renamed", name, to, accepted: true, ...this.renameVersion(ended) };
    }
    if (ended) {
      const to = this.currentName(HISTORY.successors.get(name));
      if (to) return { status: "renamed", name, to, ...this.renameVersion(ended) };
      // A name whose successor is gone too is reported as that successor's removal.
      const last = this.lastSuccessor(name);
      const removal = HISTORY.removals[last] ?? HISTORY.removals[name];
      const version = exactUntil(last === name ? ended : (lastSpanBefore(last, this.version) ?? ended));
      return {
        status: "removed",
        name,
        ...(version ? { version } : {}),
        ...(removal?.instead && this.names.has(removal.instead) ? { instead: removal.instead } : {}),
        ...(removal?.advice ? { advice: removal.advice } : {}),
      };
    }
    return { status: "unknown", name, ...this.suggestionFor(name), ...this.laterTool(name) };
  }

  private renameVersion(ended: Span | undefined): { version?: string } {
    const version = exactUntil(ended);
    return version ? { version } : {};
  }

  /** Follows successors from `name` to the one this toolset has, if any: a name renamed twice points at today's. */
  private currentName(name: string | undefined): string | undefined {
    const seen = new Set<string>();
    for (let current = name; current && !seen.has(current); current = HISTORY.successors.get(current)) {
      if (this.names.has(current)) return current;
      seen.add(current);
    }
    return undefined;
  }

  /** The end of the successor chain from `name`: the newest name its job had. */
  private lastSuccessor(name: string): string {
    const seen = new Set([name]);
    let current = name;
    for (let next = HISTORY.successors.get(current); next && !seen.has(next); next = HISTORY.successors.get(next)) {
      seen.add(next);
      current = next;
    }
    return current;
  }

  /** A tool that a release after this pinned preset brought, maybe one this preset knows by an older name. */
  private laterTool(name: string): { suggestion?: string; since?: string } {
    if (!this.version) return {};
    const version = this.version;
    const later = HISTORY.tools.get(name)?.find((s) => s.since && compareVersions(s.since, version) > 0);
    if (!later) return {};
    const older = [...this.names].find((own) => this.successorChainReaches(own, name));
    return { ...(older ? { suggestion: older } : {}), ...(later.approximateSince ? {} : { since: later.since }) };
  }

  private successorChainReaches(from: string, target: string): boolean {
    const seen = new Set<string>();
    for (let current = HISTORY.successors.get(from); current && !seen.has(current); current = HISTORY.successors.get(current)) {
      if (current === target) return true;
      seen.add(current);
    }
    return false;
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
const EVER_NAMES: ReadonlySet<string> = new Set([...HISTORY.tools.keys(), ...HISTORY.aliases.keys(), ...HISTORY.successors.keys()]);

/** True for a name that is or was a Claude Code built-in tool, or an MCP tool name. */
export function isClaudeCodeToolName(name: string): boolean {
  return EVER_NAMES.has(name) || mcpServerOf(name) !== undefined;
}

/** The tools of each release asked for, worked out once. */
const presets = new Map<string, ReadonlySet<string>>();

function toolsAt(version: string): ReadonlySet<string> {
  let names = presets.get(version);
  if (!names) {
    names = new Set([...HISTORY.tools].filter(([, spans]) => spanAt(spans, version)).map(([name]) => name));
    presets.set(version, names);
  }
  return names;
}

function presetTools(preset: string): { names: Set<string>; version: string } {
  const match = /^claude-code(?:@(\d+(?:\.\d+){0,2}))?$/.exec(preset);
  if (!match) throw new ToolsetError(`unknown tools preset "${preset}" (expected "claude-code" or "claude-code@<version>")`);
  const asked = match[1] ?? LATEST_CLAUDE_CODE;
  // Before the oldest release there is nothing to read; after the newest, the newest is the best guess.
  const version = compareVersions(asked, HISTORY.oldest) < 0 ? HISTORY.oldest : asked;
  return { names: new Set(toolsAt(version)), version };
}

export function resolveToolset(config: ToolsetConfig | undefined): Toolset {
  if (Array.isArray(config)) return new Toolset(new Set(config), undefined, undefined);
  const { names, version } = presetTools(config?.preset ?? DEFAULT_PRESET);
  for (const added of config?.add ?? []) names.add(added);
  for (const removed of config?.remove ?? []) names.delete(removed);
  return new Toolset(names, version, config?.mcpServers, new Set(config?.add ?? []));
}
