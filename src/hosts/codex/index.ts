/**
 * OpenAI Codex CLI (`@openai/codex`): skills from `.agents/skills` and `.codex/skills`, AGENTS.md instructions.
 * The loader is the Rust binary; its checks come from `codex app-server` (`skills/list` returns each refused
 * skill with the loader's message) and `codex debug prompt-input` (what the model is shown), run on fixture
 * repositories. Custom agents are TOML (`.codex/agents/*.toml`) and custom prompts live only in `~/.codex/prompts`,
 * so neither is a markdown doc of the project.
 */
import type { Host, Source } from "../types.js";

const VERSION = "0.171.0";

const SKILLS_LIST: Source = {
  ref: "run:codex app-server (JSON-RPC skills/list)",
  version: VERSION,
  note: "initialize, then skills/list for the fixture folder, with an empty CODEX_HOME; refused skills come back under `errors` as {path, message}",
};
const PROMPT_INPUT: Source = {
  ref: "run:codex debug prompt-input",
  version: VERSION,
  note: "the model-visible input: <skills_instructions> with its skill roots, the `AGENTS.md instructions for <cwd>` message, and the tool list",
};
const BINARY: Source = {
  ref: `npm:@openai/codex-linux-x64@${VERSION}/vendor/x86_64-unknown-linux-musl/bin/codex`,
  version: VERSION,
  note: "strings of the binary (ext/skills/src/loader/*, agents_md_manager, agent-roles)",
};
const SKILLS_DOCS: Source = {
  ref: "https://developers.openai.com/codex/skills",
  note: "skills in .agents/skills from the working directory up to the repository root, ~/.agents/skills, /etc/codex/skills and bundled system skills; optional agents/openai.yaml",
};
const AGENTS_MD_DOCS: Source = { ref: "https://developers.openai.com/codex/guides/agents-md" };
const SUBAGENTS_DOCS: Source = {
  ref: "https://developers.openai.com/codex/subagents",
  note: "custom agents are TOML files (name, description, developer_instructions) in .codex/agents/ and ~/.codex/agents/: not markdown",
};
const PLUGINS_DOCS: Source = {
  ref: "https://developers.openai.com/codex/plugins/build",
  note: "a plugin has .codex-plugin/plugin.json and skills/ at its root; a repository's marketplace is .agents/plugins/marketplace.json",
};
const SLASH_DOCS: Source = { ref: "https://developers.openai.com/codex/cli/slash-commands" };

export const host: Host = {
  id: "codex",
  name: "Codex CLI",
  version: VERSION,
  markers: [".codex", ".agents/skills", ".codex-plugin", ".agents/plugins", "AGENTS.md", "AGENTS.override.md"],
  pluginManifests: [".codex-plugin/plugin.json"],
  discovery: [
    {
      kind: "skill",
      scope: "project",
      files: ["**/.agents/skills/**/SKILL.md", "**/.codex/skills/**/SKILL.md"],
      source: {
        ...SKILLS_LIST,
        note:
          "each .agents/skills and .codex/skills from the working directory up to the git root is a root, searched recursively; a skill inside another skill's folder loads too; " +
          "folders starting with a dot are skipped, only SKILL.md (not skill.md) counts; .claude/skills, .github/skills and a bare skills/ are not read",
      },
    },
    {
      kind: "instructions",
      scope: "project",
      files: ["**/AGENTS.md", "**/AGENTS.override.md"],
      source: {
        ...PROMPT_INPUT,
        note:
          "one file per folder from the git root down to the working directory, AGENTS.override.md in place of AGENTS.md; CLAUDE.md is not read; " +
          "joined and cut at project_doc_max_bytes (32768 bytes by default): a 40 KB AGENTS.md lost its end",
      },
    },
    { kind: "manifest", scope: "project", files: ["**/.codex-plugin/plugin.json", ".agents/plugins/marketplace.json"], source: PLUGINS_DOCS },
    { kind: "skill", scope: "plugin", files: ["skills/**/SKILL.md"], source: PLUGINS_DOCS },
  ],
  userFolders: ["~/.codex/AGENTS.md", "~/.codex/AGENTS.override.md", "~/.agents/skills", "~/.codex/skills", "~/.codex/prompts", "~/.codex/agents", "/etc/codex/skills"],
  // No `yaml` check: when the frontmatter fails to parse, Codex re-quotes `key: value` lines and tries again, so
  // `description: Use when: x` and `description: [unclosed` load. What it still refuses ("invalid YAML: …") is
  // structural: tabs, bad indentation, duplicate keys, an unclosed quote, a list. docs/hosts.md lists them.
  loadChecks: [
    {
      type: "frontmatter",
      kinds: ["skill"],
      effect: "refuse",
      reason: "missing YAML frontmatter delimited by ---",
      source: { ...SKILLS_LIST, note: "conformance/cases no-frontmatter" },
    },
    {
      type: "yaml",
      repairs: ["requote"],
      kinds: ["skill"],
      effect: "refuse",
      reason: "invalid YAML",
      source: { ...SKILLS_LIST, note: "conformance/cases yaml-tab and yaml-unclosed-quote are refused (\"invalid YAML: found character that cannot start any token\"); yaml-unquoted-colon loads" },
    },
    {
      type: "required",
      key: "description",
      kinds: ["skill"],
      effect: "refuse",
      reason: "missing field `description`",
      source: { ...SKILLS_LIST, note: "absent, `description:` and `description: \"\"` are all refused with these words; a skill without frontmatter (or with a UTF-8 BOM before it) is refused as \"missing YAML frontmatter delimited by ---\"" },
    },
    {
      type: "string",
      key: "description",
      kinds: ["skill"],
      effect: "refuse",
      reason: "invalid type: sequence, expected a string",
      source: { ...SKILLS_LIST, note: "\"invalid YAML: description: invalid type: sequence, expected a string at line 2 column 14\" (a mapping: \"invalid type: map\"); a number loads as text" },
    },
    {
      type: "string",
      key: "name",
      kinds: ["skill"],
      effect: "refuse",
      reason: "invalid type: map, expected a string",
      source: { ...SKILLS_LIST, note: "\"invalid YAML: name: invalid type: map, expected a string at line 2 column 3\"; an absent or empty name loads under the folder's name" },
    },
    {
      type: "maxLength",
      key: "name",
      max: 64,
      kinds: ["skill"],
      effect: "refuse",
      reason: "invalid name: exceeds maximum length of 64 characters",
      source: {
        ...SKILLS_LIST,
        note: "65 characters are refused; any characters load (`Bad Name!`, `a/b`, `café`), and a name that differs from its folder loads under the frontmatter name. Descriptions have no limit (5000 characters load); the prompt shortens long ones",
      },
    },
  ],
  tools: {
    names: [
      { name: "exec_command" },
      { name: "write_stdin" },
      { name: "apply_patch" },
      { name: "view_image" },
      { name: "update_plan" },
      { name: "web_search" },
      { name: "request_user_input" },
      { name: "list_mcp_resources" },
      { name: "list_mcp_resource_templates" },
      { name: "read_mcp_resource" },
      { name: "spawn_agent" },
      { name: "send_message" },
      { name: "followup_task" },
      { name: "wait_agent" },
      { name: "interrupt_agent" },
      { name: "list_agents" },
      { name: "exec" },
      { name: "wait" },
    ],
    source: {
      ...PROMPT_INPUT,
      note:
        "the tools of the default model without sign-in; exec (a JavaScript tool runner) and wait wrap the others in code mode. " +
        "update_plan and web_search are in the binary and depend on model and config; shell_command replaces exec_command for some models",
    },
  },
  builtinCommands: [
    "permissions", "approvals", "model", "fast", "personality", "plan", "review", "new", "clear", "resume", "fork", "rename", "init",
    "compact", "diff", "mention", "status", "mcp", "apps", "skills", "agent", "ps", "stop", "copy", "theme", "statusline", "ide",
    "keymap", "vim", "raw", "approve", "experimental", "feedback", "logout", "quit", "exit",
  ],
  builtinAgents: ["default", "worker", "explorer", "awaiter"],
  sources: [SKILLS_LIST, PROMPT_INPUT, BINARY, SKILLS_DOCS, AGENTS_MD_DOCS, SUBAGENTS_DOCS, PLUGINS_DOCS, SLASH_DOCS],
};
