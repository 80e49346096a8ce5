/**
 * Google Gemini CLI (`@google/gemini-cli`): skills in `.gemini/skills` and `.agents/skills`, subagents in
 * `.gemini/agents`, GEMINI.md context files. Its custom commands are TOML (`.gemini/commands/**\/*.toml`), not
 * markdown, so they are not docs skill-lint reads. The facts come from its JS bundle and from running it on
 * fixture repositories (a trusted folder: untrusted folders load no project skills or agents).
 */
import type { Host, Source } from "../types.js";

const VERSION = "0.61.0";
const BUNDLE = `npm:@google/gemini-cli@${VERSION}/bundle/chunk-5FZXKDXH.js`;

const SKILL_LOADER: Source = {
  ref: BUNDLE,
  version: VERSION,
  note:
    "packages/core/src/skills/skillLoader.ts: globs SKILL.md and */SKILL.md in each skills folder; frontmatter must match /^---\\r?\\n…\\r?\\n---/ at the very start; " +
    "js-yaml, and when that fails a line parser that reads only `name:` and `description:`; a skill without a string name and description is dropped without a message",
};
const SKILLS_LIST: Source = {
  ref: "run:gemini skills list --all",
  version: VERSION,
  note: "fixture repositories in a trusted folder, empty HOME: refused skills are simply not listed",
};
const AGENT_LOADER: Source = {
  ref: BUNDLE,
  version: VERSION,
  note: "packages/core/src/agents/agentLoader.ts: a strict zod schema (kind, name, description, display_name, tools, mcp_servers, model, temperature, max_turns, timeout_mins)",
};
const AGENT_RUN: Source = {
  ref: "run:gemini -p hi",
  version: VERSION,
  note: "with a dummy API key in a trusted fixture folder: every refused agent prints `Agent loading error: Failed to load agent from <path>: <reason>` before the request fails",
};
const STORAGE: Source = {
  ref: BUNDLE,
  version: VERSION,
  note: "packages/core/src/config/storage.ts: project skills in <project>/.gemini/skills and <project>/.agents/skills, agents in <project>/.gemini/agents, commands in <project>/.gemini/commands",
};
const CONTEXT_DOCS: Source = {
  ref: "https://geminicli.com/docs/cli/gemini-md",
  note: "GEMINI.md from ~/.gemini/, the workspace folders and their parents, and, just in time, the folder of any file a tool touches and its parents up to a trusted root; context.fileName in settings may name other files such as AGENTS.md",
};
const EXTENSIONS: Source = {
  ref: `npm:@google/gemini-cli@${VERSION}/bundle/chunk-4GP6HFBO.js`,
  version: VERSION,
  note: "an extension has gemini-extension.json at its root and reads skills/ and agents/ beside it",
};

export const host: Host = {
  id: "gemini-cli",
  name: "Gemini CLI",
  version: VERSION,
  markers: [".gemini", "GEMINI.md", "gemini-extension.json"],
  pluginManifests: ["gemini-extension.json"],
  discovery: [
    {
      kind: "skill",
      scope: "project",
      files: [".gemini/skills/*/SKILL.md", ".agents/skills/*/SKILL.md"],
      source: {
        ...STORAGE,
        note: "one level only (a skill in .gemini/skills/a/b/ is not found), in the folder Gemini CLI starts in; .agents/skills wins over .gemini/skills for a shared name; .claude/skills is not read",
      },
    },
    {
      kind: "agent",
      scope: "project",
      files: [".gemini/agents/[^_]*.md"],
      source: { ...AGENT_LOADER, note: "loadAgentsFromDirectory: the .md files directly in .gemini/agents, except those whose name starts with `_`" },
    },
    {
      kind: "instructions",
      scope: "project",
      files: ["**/GEMINI.md"],
      source: CONTEXT_DOCS,
    },
    { kind: "manifest", scope: "project", files: ["**/gemini-extension.json"], source: EXTENSIONS },
    { kind: "skill", scope: "plugin", files: ["skills/*/SKILL.md"], source: EXTENSIONS },
    { kind: "agent", scope: "plugin", files: ["agents/[^_]*.md"], source: EXTENSIONS },
  ],
  userFolders: ["~/.gemini/GEMINI.md", "~/.gemini/skills", "~/.agents/skills", "~/.gemini/agents", "~/.gemini/commands"],
  // Skills have no `yaml` check: when js-yaml fails, the line parser still reads `name:` and `description:`, so
  // `description: Bad: yaml: here` loads. Subagents get no such repair.
  loadChecks: [
    {
      type: "yaml",
      repairs: ["fallback"],
      kinds: ["skill"],
      effect: "refuse",
      reason: "YAML frontmatter parsing failed, falling back to simple parser",
      source: { ...SKILLS_LIST, note: "conformance/cases yaml-unquoted-colon, yaml-tab and yaml-unclosed-quote all load, each with this warning" },
    },
    {
      type: "required",
      key: "name",
      kinds: ["skill"],
      effect: "refuse",
      reason: "",
      source: { ...SKILLS_LIST, note: "dropped without a message (nothing is listed or printed); a name that differs from its folder loads (`:\\/<>*?\"|` become `-`). A skill without frontmatter, or with a UTF-8 BOM before it, is dropped the same way" },
    },
    {
      type: "required",
      key: "description",
      kinds: ["skill"],
      effect: "refuse",
      reason: "",
      source: { ...SKILLS_LIST, note: "dropped without a message; `description: \"\"` loads (the check is stricter there); a description of 1100 characters loads" },
    },
    {
      type: "yaml",
      kinds: ["agent"],
      effect: "refuse",
      reason: "YAML frontmatter parsing failed",
      source: { ...AGENT_RUN, note: "`description: a: b` gives \"YAML frontmatter parsing failed: bad indentation of a mapping entry (2:15)\"; no frontmatter gives \"Invalid agent definition: Missing mandatory YAML frontmatter\"" },
    },
    {
      type: "required",
      key: "name",
      kinds: ["agent"],
      effect: "refuse",
      reason: "name: Required",
      source: AGENT_LOADER,
    },
    {
      type: "pattern",
      key: "name",
      pattern: "^[a-z0-9_-]+$",
      kinds: ["agent"],
      effect: "refuse",
      reason: "Name must be a valid slug",
      source: { ...AGENT_RUN, note: "`name: Bad Name` gives \"Validation failed: Agent Definition: name: Name must be a valid slug\"; the schema's pattern is /^[a-z0-9-_]+$/" },
    },
    {
      type: "required",
      key: "description",
      kinds: ["agent"],
      effect: "refuse",
      reason: "description: Required",
      source: { ...AGENT_RUN, note: "\"(Local Agent) description: Required\"; the schema also refuses an empty string (z.string().min(1))" },
    },
    {
      type: "tool-names",
      key: "tools",
      // isValidToolName: `*`, `discovered_tool_*`, and `mcp_<server>_<tool>` (or `mcp_*`, `mcp_<server>_*`) with slug names.
      allow: [String.raw`^\*$`, "^discovered_tool_", String.raw`^mcp_(?:\*|[a-zA-Z0-9.:-]+_(?:\*|(?!_*$)[\w.:-]+))$`],
      kinds: ["agent"],
      effect: "refuse",
      reason: "Invalid tool name",
      source: {
        ...AGENT_RUN,
        note: "`tools: [read_file, Read, mcp_github_create_issue]` gives \"Validation failed: Agent Definition: tools.1: Invalid tool name\"; `[read_file, \"*\", mcp_github_*, search_file_content]` loads. The bundle's localAgentSchema: `tools: z.array(z.string().refine(isValidToolName, { message: \"Invalid tool name\" }))`; isValidToolName takes ALL_BUILTIN_TOOL_NAMES, TOOL_LEGACY_ALIASES, `discovered_tool_` names, `*` and MCP names",
      },
    },
    {
      type: "string",
      key: "description",
      kinds: ["agent"],
      effect: "refuse",
      reason: "Expected string, received array",
      source: AGENT_LOADER,
    },
  ],
  tools: {
    names: [
      { name: "glob" },
      { name: "grep_search", aliases: ["search_file_content"] },
      { name: "list_directory" },
      { name: "read_file" },
      { name: "read_many_files" },
      { name: "write_file" },
      { name: "replace" },
      { name: "run_shell_command" },
      { name: "web_fetch" },
      { name: "google_web_search" },
      { name: "write_todos" },
      { name: "activate_skill" },
      { name: "ask_user" },
      { name: "invoke_agent" },
      { name: "enter_plan_mode" },
      { name: "exit_plan_mode" },
      { name: "update_topic" },
      { name: "complete_task" },
      { name: "get_internal_docs" },
      { name: "read_mcp_resource" },
      { name: "list_mcp_resources" },
      { name: "tracker_create_task" },
      { name: "tracker_update_task" },
      { name: "tracker_get_task" },
      { name: "tracker_list_tasks" },
      { name: "tracker_add_dependency" },
      { name: "tracker_visualize" },
    ],
    source: {
      ref: BUNDLE,
      version: VERSION,
      note: "ALL_BUILTIN_TOOL_NAMES and TOOL_LEGACY_ALIASES; an agent's `tools:` must name one of these, an MCP tool or `*`, else the agent is refused (\"Invalid tool name\")",
    },
  },
  builtinCommands: [
    "about", "agents", "auth", "bug", "chat", "clear", "commands", "compress", "copy", "directory", "docs", "editor",
    "export-session", "extensions", "footer", "gemma", "help", "hooks", "ide", "init", "mcp", "memory", "model", "oncall",
    "permissions", "plan", "policies", "privacy", "quit", "restore", "resume", "rewind", "settings", "setup-github", "shortcuts",
    "skills", "stats", "tasks", "terminal-setup", "theme", "tools", "upgrade", "vim", "voice",
  ],
  builtinAgents: ["codebase_investigator", "cli_help", "generalist", "browser_agent"],
  sources: [SKILL_LOADER, SKILLS_LIST, AGENT_LOADER, AGENT_RUN, STORAGE, CONTEXT_DOCS, EXTENSIONS],
};
