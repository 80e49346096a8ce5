/**
 * The host model: what one agent host (Claude Code, Copilot CLI, Codex, ...) loads from a repository, and
 * how. Each host is one data file under `src/hosts/<id>/`; rules ask this model, never a host by name.
 * Every fact names its source, so a newcomer can check it against the host's next release.
 */

export type HostId = "claude-code" | "copilot" | "codex" | "gemini-cli" | "cursor" | "opencode" | "agent-skills";

/** Where a fact comes from: a docs page, a file inside the host's npm package, or what a host command printed. */
export interface Source {
  /** A URL, `npm:<package>@<version>/<path in the tarball>`, or `run:<command>` (with `version`). */
  ref: string;
  /** The host version the fact was read from or holds since. */
  version?: string;
  note?: string;
}

/** What a host loads a file as. `instructions` are memory and rule files (CLAUDE.md, AGENTS.md, `.mdc` rules). */
export type LoadKind = "skill" | "agent" | "command" | "instructions" | "manifest" | "workflow";

/**
 * One place a host discovers docs. `files` are picomatch globs (always `/`, dot files matched) relative to
 * the project root (`scope: "project"`) or to a plugin's root (`scope: "plugin"`). A skill's glob names its
 * main file (`.claude/skills/*\/SKILL.md`); the files beside it are its references.
 */
export interface Discovery {
  kind: LoadKind;
  scope: "project" | "plugin";
  files: readonly string[];
  source: Source;
  /** A recursive skill search that does not look inside a skill's own folder for more skills. */
  notInsideSkills?: true;
}

/** What a host does with a doc that fails a check. */
export type LoadEffect =
  /** The doc is not loaded at all. */
  | "refuse"
  /** The doc loads without this key (or its value). */
  | "drop-key"
  /** The doc loads, but all its frontmatter is ignored. */
  | "drop-frontmatter";

/** `fallback`: when YAML fails, a simpler line parser reads the keys (and the host warns). */
export type YamlRepair = "requote" | "tabs" | "fallback";

/**
 * A check a host applies when it loads a doc, as data. A doc "passes" when the condition holds:
 * - `string`: `key`, when present, is a string (not a YAML list or mapping);
 * - `required`: `key` is present and not empty;
 * - `pattern`: `key`, when a string, matches `pattern`;
 * - `maxLength`: `key`, when a string, is at most `max` characters;
 * - `name-is-folder`: a skill's `name` equals the name of its folder;
 * - `frontmatter`: the doc has a frontmatter block;
 * - `tool-names`: each entry of `key`, when a YAML list, is one of the host's built-in tools (a name or an alias)
 *   or matches one of the `allow` patterns (MCP tools, wildcards);
 * - `yaml`: the frontmatter is valid YAML and a mapping. `repairs` says what the host mends first: `requote`, a
 *   `key: value` line that fails to parse because its value holds `: ` or one of ``{}[]*&#!|>%@` `` (it quotes
 *   the value and parses again); `tabs`, a tab used to indent; `fallback`, anything: a simpler line parser reads
 *   the keys when YAML fails.
 */
export type LoadCheck = (
  | { type: "string"; key: string }
  | { type: "required"; key: string }
  | { type: "pattern"; key: string; pattern: string }
  | { type: "maxLength"; key: string; max: number }
  | { type: "name-is-folder" }
  | { type: "frontmatter" }
  | { type: "tool-names"; key: string; allow?: readonly string[] }
  | { type: "yaml"; repairs?: readonly YamlRepair[] }
) & {
  kinds: readonly LoadKind[];
  effect: LoadEffect;
  /** The host's own words when it can give them ("argument-hint must be a string"). */
  reason: string;
  /** The first host version that applies the check. */
  since?: string;
  /** A rule that reports this check with its own message (`skill-name`): `host-loads` leaves it to that rule. */
  reportedBy?: string;
  source: Source;
};

/** A tool the host offers the model, by the name docs and tool lists use. */
export interface HostTool {
  name: string;
  /** Former names the host still accepts. */
  aliases?: readonly string[];
  since?: string;
}

export interface Host {
  id: HostId;
  /** How messages name it: "Claude Code", "Copilot CLI". */
  name: string;
  /** The host version these facts were last checked against. */
  version: string;
  /** Paths (globs from the project root) whose presence says a repository holds docs for this host. */
  markers: readonly string[];
  /**
   * Inferred only when no other host is: a bare `skills/` tree is the Agent Skills spec's layout in a repository
   * of skills, but a Claude Code plugin's own folder beside `.claude-plugin/`.
   */
  inferredAlone?: boolean;
  discovery: readonly Discovery[];
  /**
   * The manifests (paths from a plugin's root) that make a folder one of this host's plugins: its `scope:
   * "plugin"` discovery applies only below such a folder. A marketplace entry with a local source counts as
   * `.claude-plugin/plugin.json`.
   */
  pluginManifests?: readonly string[];
  /** Folders outside the project it also reads (user scope), for messages only: `~/.claude/skills`. */
  userFolders: readonly string[];
  loadChecks: readonly LoadCheck[];
  /** Its built-in tools, when known; Claude Code's come from its versioned toolset instead. */
  tools?: { names: readonly HostTool[]; source: Source };
  /**
   * The JSON Schemas of the frontmatter it reads, per kind (`<kind>.schema.json` beside the host's file), which
   * frontmatter-schema checks; a host without one for a kind is checked against Claude Code's.
   */
  frontmatterSchemas?: Partial<Record<"skill" | "agent" | "command", object>>;
  /**
   * Built-in slash commands and subagent types, which references may name without a definition. Messages list
   * the first three subagents, so put the ones docs use most first.
   */
  builtinCommands?: readonly string[];
  builtinAgents?: readonly string[];
  sources: readonly Source[];
}
