/**
 * OpenCode (`opencode-ai`): skills, agents and commands under `.opencode/`, Claude Code's and the `.agents`
 * skill folders, AGENTS.md. The npm package ships a Bun-compiled binary whose bundled JS is readable in it; the
 * checks come from `opencode debug skill` and `opencode debug config` on fixture repositories. An agent or command
 * whose frontmatter breaks the config schema is worse than refused: the whole configuration fails to load
 * ("Configuration is invalid at <path>") and OpenCode does not start.
 */
import type { Host, Source } from "../types.js";

const VERSION = "1.18.33";
const BINARY = `npm:opencode-linux-x64@${VERSION}/bin/opencode`;

const SKILL_SCAN: Source = {
  ref: BINARY,
  version: VERSION,
  note:
    "the skill service bundled in the binary: `skills/**/SKILL.md` under every .claude and .agents folder from the working directory up to the worktree root, " +
    "`{skill,skills}/**/SKILL.md` under each config folder (.opencode), `**/SKILL.md` under skills.paths; a skill loads when its name is a string and its description a string or absent",
};
const DEBUG_SKILL: Source = {
  ref: "run:opencode debug skill --print-logs",
  version: VERSION,
  note: "fixture repositories with an empty HOME: refused skills are missing from the list, with no message; a duplicate name logs `duplicate skill name` and the later file wins",
};
const DEBUG_CONFIG: Source = {
  ref: "run:opencode debug config",
  version: VERSION,
  note: "lists agents and commands as loaded; a frontmatter value of the wrong type stops it with `Error: Configuration is invalid at <path>` and the schema's words",
};
const INSTRUCTIONS: Source = {
  ref: BINARY,
  version: VERSION,
  note:
    "Instruction.systemPaths: the first of AGENTS.md, CLAUDE.md (unless OPENCODE_DISABLE_CLAUDE_CODE_PROMPT), CONTEXT.md found from the working directory up to the worktree root, every match of it; " +
    "files of the same names in subfolders join when the agent reads a file below them; `instructions` in opencode.json adds more",
};
const SKILLS_DOCS: Source = { ref: "https://opencode.ai/v1/docs/it/skills/", note: "V1 docs: only name, description, license, compatibility and metadata are recognized" };
const AGENTS_DOCS: Source = { ref: "https://opencode.ai/docs/agents", note: ".opencode folders from the working directory upward; a nested path is part of the agent ID (.opencode/agents/team/reviewer.md is team/reviewer)" };
const TOOLS_DOCS: Source = { ref: "https://opencode.ai/docs/tools" };
const TUI_DOCS: Source = { ref: "https://opencode.ai/docs/cli/tui", note: "the TUI's slash commands; init and review are also commands the server defines (Command: {INIT: \"init\", REVIEW: \"review\"} in the binary)" };
const AGENT_LIST: Source = { ref: "run:opencode agent list", version: VERSION, note: "built-in agents: build, plan (primary), general, explore (subagent), and the hidden compaction, summary, title" };

export const host: Host = {
  id: "opencode",
  name: "OpenCode",
  version: VERSION,
  markers: [".opencode", "opencode.json", "opencode.jsonc"],
  discovery: [
    {
      kind: "skill",
      scope: "project",
      files: ["**/.opencode/{skill,skills}/**/SKILL.md", "**/.claude/skills/**/SKILL.md", "**/.agents/skills/**/SKILL.md"],
      source: {
        ...DEBUG_SKILL,
        note:
          ".opencode/skill/ and .opencode/skills/ both load, nested folders too; .claude/skills and .agents/skills unless OPENCODE_DISABLE_EXTERNAL_SKILLS (or OPENCODE_DISABLE_CLAUDE_CODE_SKILLS for .claude); " +
          "each from the working directory up to the worktree root; .github/skills is not read",
      },
    },
    {
      kind: "agent",
      scope: "project",
      files: ["**/.opencode/{agent,agents}/**/*.md"],
      source: { ...DEBUG_CONFIG, note: "the agent's name is its path below the folder without `.md` (`nested/deep`); .claude/agents is not read" },
    },
    {
      kind: "command",
      scope: "project",
      files: ["**/.opencode/{command,commands}/**/*.md"],
      source: { ...DEBUG_CONFIG, note: "the command's name is its path below the folder without `.md`; .claude/commands is not read" },
    },
    {
      kind: "instructions",
      scope: "project",
      files: ["**/AGENTS.md", "**/CLAUDE.md", "**/CONTEXT.md"],
      source: INSTRUCTIONS,
    },
  ],
  userFolders: [
    "~/.config/opencode/AGENTS.md",
    "~/.claude/CLAUDE.md",
    "~/.config/opencode/skills",
    "~/.claude/skills",
    "~/.agents/skills",
    "~/.config/opencode/agents",
    "~/.config/opencode/commands",
  ],
  // No `yaml` check: the frontmatter parser re-quotes `key: value` lines, so `description: Use when: x` loads
  // everywhere. Past that, a skill whose frontmatter still fails is dropped (an unclosed quote), while an agent or
  // command loads with no frontmatter at all (`description: [unclosed` left it without a description).
  loadChecks: [
    {
      type: "yaml",
      repairs: ["requote", "tabs"],
      kinds: ["skill"],
      effect: "refuse",
      reason: "",
      source: { ...DEBUG_SKILL, note: "conformance/cases yaml-unclosed-quote is dropped without a message; yaml-unquoted-colon and yaml-tab load" },
    },
    {
      type: "required",
      key: "name",
      kinds: ["skill"],
      effect: "refuse",
      reason: "",
      source: {
        ...DEBUG_SKILL,
        note: "dropped without a message when `name` is absent or no frontmatter; a name that differs from its folder, or breaks the spec's characters, loads. A skill with no description loads but is left out of the list the model sees",
      },
    },
    {
      type: "string",
      key: "name",
      kinds: ["skill"],
      effect: "refuse",
      reason: "",
      source: { ...SKILL_SCAN, note: "`typeof name === \"string\"`, else the skill is dropped without a message" },
    },
    {
      type: "string",
      key: "description",
      kinds: ["skill"],
      effect: "refuse",
      reason: "",
      source: { ...DEBUG_SKILL, note: "`description: [a]` or a mapping: dropped without a message" },
    },
    {
      type: "string",
      key: "description",
      kinds: ["agent"],
      effect: "refuse",
      reason: "Expected string | undefined",
      source: { ...DEBUG_CONFIG, note: "\"Configuration is invalid at .opencode/agents/a.md ↳ Expected string | undefined, got [\\\"a\\\",\\\"b\\\"] description\": the whole configuration fails" },
    },
    {
      type: "string",
      key: "model",
      kinds: ["agent"],
      effect: "refuse",
      reason: "Expected string | undefined",
      source: { ...DEBUG_CONFIG, note: "the whole configuration fails; so do a non-number `temperature`, a `tools` list (it must be a mapping of tool names to booleans) and a bad `permission` value" },
    },
    {
      type: "pattern",
      key: "mode",
      pattern: "^(?:subagent|primary|all)$",
      kinds: ["agent"],
      effect: "refuse",
      reason: "Expected \"subagent\" | \"primary\" | \"all\"",
      source: { ...DEBUG_CONFIG, note: "`mode: sideways`: \"Configuration is invalid at …/badmode.md ↳ Expected \\\"subagent\\\" | \\\"primary\\\" | \\\"all\\\", got \\\"sideways\\\" mode\"; the whole configuration fails" },
    },
    {
      type: "string",
      key: "description",
      kinds: ["command"],
      effect: "refuse",
      reason: "Expected string | undefined",
      source: { ...DEBUG_CONFIG, note: "\"Configuration is invalid at .opencode/commands/c.md: SchemaError: Expected string | undefined, got [\\\"a\\\",\\\"b\\\"] at [\\\"description\\\"]\": the whole configuration fails" },
    },
    {
      type: "string",
      key: "agent",
      kinds: ["command"],
      effect: "refuse",
      reason: "Expected string | undefined",
      source: { ...DEBUG_CONFIG, note: "the whole configuration fails; so does a non-boolean `subtask`" },
    },
  ],
  tools: {
    names: [
      { name: "bash" },
      { name: "read" },
      { name: "write" },
      { name: "edit" },
      { name: "apply_patch" },
      { name: "glob" },
      { name: "grep" },
      { name: "webfetch" },
      { name: "websearch" },
      { name: "question" },
      { name: "todowrite" },
      { name: "skill" },
      { name: "task" },
      { name: "lsp" },
      { name: "plan_exit" },
    ],
    source: {
      ...TOOLS_DOCS,
      note: "tool ids defined in the binary; websearch needs OpenCode Zen or OPENCODE_ENABLE_EXA, lsp an experimental flag. Agent files switch them with a `tools:` mapping or `permission:`",
    },
  },
  builtinCommands: [
    "agents", "compact", "summarize", "connect", "details", "editor", "exit", "quit", "q", "export", "help", "highlights", "init",
    "models", "new", "clear", "redo", "review", "sessions", "resume", "continue", "share", "themes", "thinking", "undo", "unshare",
  ],
  builtinAgents: ["build", "plan", "general", "explore", "compaction", "summary", "title"],
  sources: [SKILL_SCAN, DEBUG_SKILL, DEBUG_CONFIG, INSTRUCTIONS, AGENT_LIST, SKILLS_DOCS, AGENTS_DOCS, TOOLS_DOCS, TUI_DOCS],
};
