/**
 * GitHub Copilot CLI (`@github/copilot`): where it finds skills, custom agents, commands and instruction files,
 * and what makes it refuse one. The CLI's loader is native code (`runtime.node`, unpacked from the platform
 * binary on first run), so the load checks come from running `copilot skill list` on fixture repositories; its
 * words are quoted as it prints them. VS Code's Copilot reads some of the same folders; where it differs, the
 * source notes say so (prompt files and chat modes are VS Code's alone and are not modelled here).
 */
import type { Host, Source } from "../types.js";

const VERSION = "1.0.102";

const SKILL_LIST: Source = {
  ref: "run:copilot skill list --json",
  version: VERSION,
  note:
    "run on fixture repositories with an empty HOME; skills that fail print under \"✖ The following skills failed to load\" as `<path>: <reason>`. " +
    "Commands in .claude/commands/ are listed (and refused) the same way",
};
const SKILL_LIST_165: Source = {
  ref: "run:copilot skill list",
  version: "1.0.65",
  note: "the same fixtures: the same skills are refused, silently (skill list shows load errors from 1.0.69, per the changelog)",
};
const INSTRUCTION_LIST: Source = {
  ref: "run:copilot instruction list --json",
  version: VERSION,
  note:
    "run at the git root and in a subfolder: root files (AGENTS.md, CLAUDE.md, GEMINI.md, .github/copilot-instructions.md) load from the git root and from the working directory, " +
    "not from other subfolders; files with identical content are listed once",
};
const AGENT_RUN: Source = {
  ref: "run:copilot --agent <name> -p hi --allow-all-tools --model gpt-4o",
  version: VERSION,
  note:
    "with COPILOT_OFFLINE=true and COPILOT_PROVIDER_BASE_URL at a loopback server: an unknown name answers `No such agent: <name>, available: …`, " +
    "a refused agent `Custom agent '<name>' failed to load: <file>: custom agent markdown frontmatter is malformed: <reason>`, both before any model call",
};
const RUNTIME: Source = {
  ref: `npm:@github/copilot-linux-x64@${VERSION}/copilot`,
  version: VERSION,
  note: "strings of prebuilds/linux-x64/runtime.node, which the binary unpacks into ~/.cache/copilot/pkg/ on first run",
};
const CHANGELOG: Source = {
  ref: `npm:@github/copilot-linux-x64@${VERSION}/copilot`,
  version: VERSION,
  note: "changelog.json, unpacked with the binary",
};
const CLI_REFERENCE: Source = {
  ref: "https://docs.github.com/en/copilot/reference/copilot-cli-reference/cli-command-reference",
  note: "Skills reference, Custom agents reference, Custom instructions locations, Tool availability values, slash commands",
};
const AGENT_CONFIG: Source = {
  ref: "https://docs.github.com/en/copilot/reference/custom-agents-configuration",
  note: "agent frontmatter (description required, tools, target, mcp-servers) and tool aliases; unrecognized tool names are ignored",
};
const PLUGINS: Source = {
  ref: "https://docs.github.com/en/copilot/reference/copilot-cli-reference/cli-plugin-reference",
  note: "manifest in .plugin/, the plugin root, .github/plugin/ or .claude-plugin/ (in that order); agents/ and skills/ by default; commands only where the manifest names them",
};
const VSCODE: Source = {
  ref: "https://code.visualstudio.com/docs/copilot/customization/prompt-files",
  note:
    "VS Code, not the CLI: prompt files (.github/prompts/*.prompt.md) are VS Code's slash commands; the CLI does not load them (checked with copilot skill list, 1.0.102). " +
    "VS Code reads .github/agents/*.agent.md, .github/instructions/*.instructions.md and skills too, with its own keys (argument-hint, handoffs, agents)",
};

export const host: Host = {
  id: "copilot",
  name: "Copilot CLI",
  version: VERSION,
  markers: [
    ".github/skills",
    ".github/agents",
    ".github/copilot-instructions.md",
    ".github/instructions",
    ".github/prompts",
    ".github/plugin",
  ],
  // The plugin root's own plugin.json is left out: a bare plugin.json is too common a name to mark a plugin.
  pluginManifests: [".plugin/plugin.json", ".github/plugin/plugin.json", ".claude-plugin/plugin.json"],
  discovery: [
    {
      kind: "skill",
      scope: "project",
      files: ["**/.github/skills/**/SKILL.md", "**/.agents/skills/**/SKILL.md", "**/.claude/skills/**/SKILL.md"],
      notInsideSkills: true,
      source: {
        ...SKILL_LIST,
        note:
          "searched recursively (since 1.0.55) in each folder from the working directory up to the git root, not in other subfolders; " +
          "folders starting with a dot are skipped, a skill folder's own subfolders are not searched for more skills, and only SKILL.md (not skill.md) counts",
      },
    },
    {
      kind: "agent",
      scope: "project",
      files: ["**/.github/agents/**/*.md", "**/.claude/agents/**/*.md"],
      source: {
        ...AGENT_RUN,
        note:
          "`.agent.md` or `.md`; the ID is the path below the folder without the extension, with `--` for `/` (.github/agents/sub/deep.agent.md is `sub--deep`); " +
          "loaded from each folder from the working directory up to the git root, the deepest first (cli-command-reference)",
      },
    },
    {
      kind: "command",
      scope: "project",
      files: [".claude/commands/*.md"],
      source: {
        ...SKILL_LIST,
        note: "single-file commands, listed as skills; subfolders of .claude/commands/ and .github/commands/ are not read; frontmatter is optional (since 0.0.412)",
      },
    },
    {
      kind: "instructions",
      scope: "project",
      files: [
        "**/AGENTS.md",
        "**/CLAUDE.md",
        "**/GEMINI.md",
        "**/.github/copilot-instructions.md",
        "**/.github/instructions/**/*.instructions.md",
        "**/.claude/rules/**/*.md",
      ],
      source: INSTRUCTION_LIST,
    },
    {
      kind: "manifest",
      scope: "project",
      files: ["**/.github/plugin/plugin.json", "**/.github/plugin/marketplace.json", "**/.plugin/plugin.json", "**/.plugin/marketplace.json"],
      source: PLUGINS,
    },
    { kind: "skill", scope: "plugin", files: ["skills/**/SKILL.md"], notInsideSkills: true, source: PLUGINS },
    { kind: "agent", scope: "plugin", files: ["agents/**/*.md"], source: PLUGINS },
  ],
  userFolders: [
    "~/.copilot/skills",
    "~/.agents/skills",
    "~/.copilot/agents",
    "~/.copilot/copilot-instructions.md",
    "~/.copilot/instructions",
  ],
  loadChecks: [
    {
      type: "frontmatter",
      kinds: ["skill"],
      effect: "refuse",
      reason: "missing or malformed YAML frontmatter",
      source: { ...SKILL_LIST, note: "conformance/cases no-frontmatter; a command without frontmatter loads" },
    },
    {
      type: "yaml",
      kinds: ["skill", "command"],
      effect: "refuse",
      reason: "failed to parse YAML frontmatter",
      source: {
        ...SKILL_LIST,
        note:
          "no repair: `description: Use when: x` is refused (\"mapping values are not allowed in this context\"), as are tabs and duplicate keys. " +
          "A skill without frontmatter is refused too (\"missing or malformed YAML frontmatter\"), but a command is not; frontmatter that is a YAML list loads as if absent. Also refused in 1.0.65",
      },
    },
    {
      type: "yaml",
      kinds: ["agent"],
      effect: "refuse",
      reason: "custom agent markdown frontmatter is malformed",
      source: {
        ...AGENT_RUN,
        note: "\"…is malformed: failed to parse YAML frontmatter: mapping values are not allowed in this context at line 2 column 15\" for `description: a: b`; an agent without frontmatter: \"…is malformed: missing or malformed YAML frontmatter\"",
      },
    },
    {
      type: "required",
      key: "description",
      kinds: ["agent"],
      effect: "refuse",
      reason: "description: Required",
      source: { ...AGENT_RUN, note: "an agent's description has no length limit (1100 characters load), and `argument-hint` is not checked for agents" },
    },
    {
      type: "string",
      key: "description",
      kinds: ["agent"],
      effect: "refuse",
      reason: "description: Expected string, received array",
      source: { ...AGENT_RUN, note: "`tools` must be a list or a comma-separated string: a mapping is refused as \"tools: Expected array, received object\"" },
    },
    {
      type: "string",
      key: "argument-hint",
      kinds: ["skill", "command"],
      effect: "refuse",
      reason: "argument-hint must be a string",
      since: "1.0.65",
      source: { ...SKILL_LIST, note: "`argument-hint: [a, b]` and `argument-hint: 5` are refused; refused in 1.0.65 too. 1.0.64 added the key (changelog); 1.0.63 does not know it" },
    },
    {
      type: "string",
      key: "description",
      kinds: ["skill"],
      effect: "refuse",
      reason: "Skill description must be a string",
      source: { ...SKILL_LIST, note: "a mapping, a number or an empty `description:` is refused; an absent description is taken from the body instead" },
    },
    {
      type: "string",
      key: "description",
      kinds: ["command"],
      effect: "refuse",
      reason: "Command description must be a string",
      source: SKILL_LIST,
    },
    {
      type: "maxLength",
      key: "description",
      max: 1024,
      kinds: ["skill"],
      effect: "refuse",
      reason: "Skill description must be at most 1024 characters",
      source: { ...SKILL_LIST, note: "1024 characters load, 1100 are refused; refused in 1.0.65 too" },
    },
    {
      type: "maxLength",
      key: "description",
      max: 1024,
      kinds: ["command"],
      effect: "refuse",
      reason: "Command description must be at most 1024 characters",
      source: SKILL_LIST,
    },
    {
      type: "string",
      key: "name",
      kinds: ["skill"],
      effect: "refuse",
      reason: "Skill name must be a string",
      source: { ...SKILL_LIST, note: "`name: [a, b]` and `name: 123` are refused; an absent name is taken from the folder" },
    },
    {
      type: "maxLength",
      key: "name",
      max: 64,
      kinds: ["skill"],
      effect: "refuse",
      reason: "Skill name must be at most 64 characters",
      source: { ...SKILL_LIST, note: "64 characters load, 70 are refused; refused in 1.0.65 too" },
    },
    {
      type: "maxLength",
      key: "name",
      max: 64,
      kinds: ["command"],
      effect: "refuse",
      reason: "Command name must be at most 64 characters",
      source: SKILL_LIST,
    },
    {
      type: "pattern",
      key: "name",
      pattern: "^[A-Za-z0-9][A-Za-z0-9_.: -]*$",
      kinds: ["skill"],
      effect: "refuse",
      reason:
        "Skill name must start with an ASCII letter or number and contain only ASCII letters (a-z, A-Z), numbers, hyphens, underscores, dots, colons, and spaces",
      source: {
        ...SKILL_LIST,
        note:
          "`a/b` and `café` are refused; `Upper_Case` and `has spaces.dot` load (spaces become hyphens); `name: \"\"` is refused as \"Skill name must not be empty\". " +
          "1.0.65 refuses the same names without a message; the wording is from 1.0.70 (changelog: clear validation errors for empty or non-ASCII names). " +
          "A name that differs from its folder loads under the frontmatter name",
      },
    },
    {
      type: "pattern",
      key: "name",
      pattern: "^[A-Za-z0-9][A-Za-z0-9_.: -]*$",
      kinds: ["command"],
      effect: "refuse",
      reason:
        "Command name must start with an ASCII letter or number and contain only ASCII letters (a-z, A-Z), numbers, hyphens, underscores, dots, colons, and spaces",
      source: { ...SKILL_LIST, note: "a `name:` key renames the command; a file name that breaks the rule (café.md) is skipped without a message" },
    },
  ],
  tools: {
    names: [
      { name: "bash" },
      { name: "powershell" },
      { name: "read_bash" },
      { name: "write_bash" },
      { name: "stop_bash" },
      { name: "list_bash" },
      { name: "read_powershell" },
      { name: "write_powershell" },
      { name: "stop_powershell" },
      { name: "list_powershell" },
      { name: "view" },
      { name: "create" },
      { name: "apply_patch" },
      { name: "glob" },
      { name: "grep", aliases: ["rg"] },
      { name: "task" },
      { name: "read_agent" },
      { name: "write_agent" },
      { name: "list_agents" },
      { name: "ask_user" },
      { name: "skill" },
      { name: "web_fetch" },
      { name: "store_memory" },
      { name: "read_memories" },
      { name: "vote_memory" },
      // The aliases a custom agent's `tools:` list may use (case-insensitive), with the names they stand for.
      { name: "execute", aliases: ["shell", "Bash", "powershell"] },
      { name: "read", aliases: ["Read", "NotebookRead"] },
      { name: "edit", aliases: ["Edit", "MultiEdit", "Write", "NotebookEdit"] },
      { name: "search", aliases: ["Grep", "Glob"], since: "1.0.100" },
      { name: "agent", aliases: ["custom-agent", "Task"] },
      { name: "web", aliases: ["WebSearch", "WebFetch"], since: "1.0.100" },
      { name: "todo", aliases: ["TodoWrite"], since: "1.0.100" },
    ],
    source: {
      ...CLI_REFERENCE,
      note:
        "the tool names --available-tools takes, plus the agent-file aliases of the custom agents configuration reference; " +
        "`edit` is both a tool and the alias for the editing tools; custom agents that name `search`, `web` or `todo` receive the tools from 1.0.100 (changelog)",
    },
  },
  builtinCommands: [
    "add-dir", "after", "agent", "allow-all", "yolo", "ask", "changelog", "chronicle", "clear", "new", "reset", "compact", "context",
    "copy", "cwd", "cd", "delegate", "diagnose", "diff", "env", "every", "exit", "quit", "experimental", "extensions", "feedback",
    "bug", "fleet", "fork", "help", "ide", "init", "instructions", "keep-alive", "limits", "list-dirs", "login", "logout", "lsp",
    "mcp", "model", "models", "move", "permissions", "plan", "plugin", "pr", "refine", "remote", "rename", "research",
    "reset-allowed-tools", "restart", "resume", "continue", "review", "rubber-duck", "sandbox", "search", "find", "security-review",
    "session", "sessions", "settings", "config", "share", "export", "skills", "skill", "statusline", "footer", "subagents", "agents",
    "tasks", "terminal-setup", "theme", "undo", "rewind", "update", "upgrade", "usage", "user", "version", "vim", "voice", "worktree",
  ],
  builtinAgents: ["code-review", "explore", "general-purpose", "research", "rubber-duck", "security-review", "task"],
  sources: [SKILL_LIST, SKILL_LIST_165, INSTRUCTION_LIST, AGENT_RUN, RUNTIME, CHANGELOG, CLI_REFERENCE, AGENT_CONFIG, PLUGINS, VSCODE],
};
