/**
 * Claude Code: where it finds skills, subagents, commands, memory files and plugins. Its tools are the
 * versioned toolset in `tools.ts` (generated from the `sdk-tools.d.ts` each release ships); its frontmatter
 * schemas are the `<kind>.schema.json` files beside this one.
 */
import type { Host, Source } from "../types.js";
import agentSchema from "./agent.schema.json" with { type: "json" };
import commandSchema from "./command.schema.json" with { type: "json" };
import generatedCommands from "./commands.generated.json" with { type: "json" };
import skillSchema from "./skill.schema.json" with { type: "json" };

const SKILLS: Source = { ref: "https://code.claude.com/docs/en/skills", note: "project skills in .claude/skills/<name>/SKILL.md, also in nested .claude folders of subdirectories" };
const SUBAGENTS: Source = { ref: "https://code.claude.com/docs/en/sub-agents", note: "project subagents in .claude/agents/" };
const COMMANDS: Source = { ref: "https://code.claude.com/docs/en/slash-commands", note: "project commands in .claude/commands/, subfolders namespace them" };
const MEMORY: Source = { ref: "https://code.claude.com/docs/en/memory", note: "CLAUDE.md in the project and its subfolders, CLAUDE.local.md, .claude/rules/*.md" };
const BUILTIN_AGENTS: Source = {
  ref: "https://code.claude.com/docs/en/sub-agents",
  note: "built-in subagents: general-purpose, Explore, Plan, statusline-setup, output-style-setup, claude-code-guide; `fork` is the subagent_type of a forked agent",
};
const BUILTIN_COMMANDS: Source = { ref: "https://code.claude.com/docs/en/slash-commands", note: "the built-in commands table" };
/** The commands, their aliases and the bundled skills the program defines (scripts/hosts/claude-code-commands.mjs). */
const PROGRAM_COMMANDS: Source = { ref: generatedCommands.source, note: `the commands the program of release ${generatedCommands.release} defines` };
/** The docs' table keeps commands of older releases (`/vim`, `/todos`) that a doc written then may name. */
const DOCUMENTED_COMMANDS = [
  "add-dir", "agents", "agents-md", "bashes", "btw", "bug", "clear", "compact", "config", "context", "cost", "doctor", "exit",
  "export", "fast", "help", "hooks", "ide", "init", "insights", "install-github-app", "login", "logout", "loop", "mcp", "memory",
  "migrate-installer", "model", "output-style", "permissions", "plan", "plugin", "pr-comments", "privacy-settings",
  "release-notes", "resume", "review", "rewind", "sandbox", "security-review", "skills", "stats", "status", "statusline", "tasks",
  "terminal-setup", "todos", "upgrade", "usage", "vim",
];
const PLUGINS: Source = {
  ref: "https://code.claude.com/docs/en/plugins-reference",
  note: "a plugin's default component folders: skills/<name>/SKILL.md, agents/, commands/ at the plugin root; manifests in .claude-plugin/",
};

export const host: Host = {
  id: "claude-code",
  name: "Claude Code",
  version: "2.1.332",
  markers: [".claude", ".claude-plugin", "CLAUDE.md", "CLAUDE.local.md"],
  pluginManifests: [".claude-plugin/plugin.json"],
  discovery: [
    { kind: "skill", scope: "project", files: ["**/.claude/skills/*/SKILL.md"], source: SKILLS },
    { kind: "agent", scope: "project", files: ["**/.claude/agents/**/*.md"], source: SUBAGENTS },
    { kind: "command", scope: "project", files: ["**/.claude/commands/**/*.md"], source: COMMANDS },
    { kind: "instructions", scope: "project", files: ["**/CLAUDE.md", "**/CLAUDE.local.md", "**/.claude/rules/**/*.md"], source: MEMORY },
    { kind: "manifest", scope: "project", files: ["**/.claude-plugin/plugin.json", "**/.claude-plugin/marketplace.json"], source: PLUGINS },
    { kind: "skill", scope: "plugin", files: ["skills/*/SKILL.md"], source: PLUGINS },
    { kind: "agent", scope: "plugin", files: ["agents/**/*.md"], source: PLUGINS },
    { kind: "command", scope: "plugin", files: ["commands/**/*.md"], source: PLUGINS },
    { kind: "workflow", scope: "plugin", files: ["workflows/*.js"], source: PLUGINS },
    { kind: "workflow", scope: "project", files: ["**/.claude/workflows/*.js"], source: PLUGINS },
  ],
  userFolders: ["~/.claude/skills", "~/.claude/agents", "~/.claude/commands", "~/.claude/CLAUDE.md"],
  loadChecks: [
    {
      type: "yaml",
      repairs: ["requote"],
      kinds: ["skill", "agent", "command"],
      effect: "drop-frontmatter",
      reason: "a skill whose frontmatter fails to parse loads with empty metadata",
      since: "2.1.186",
      source: {
        ref: "run:claude -p",
        version: "2.1.332",
        note: "conformance/cases yaml-unquoted-colon, yaml-tab, yaml-unclosed-quote: each skill is listed; the colon case with its description, the others without",
      },
    },
    {
      type: "frontmatter",
      kinds: ["agent"],
      effect: "refuse",
      reason: "not listed in the session's agent list",
      reportedBy: "agent-definition",
      source: { ref: "run:claude -p", version: "2.1.332", note: "conformance/cases subagent-no-frontmatter" },
    },
    {
      type: "required",
      key: "description",
      kinds: ["agent"],
      effect: "refuse",
      reason: "description: No description in frontmatter. A description helps users and Claude understand when to use this agent.",
      reportedBy: "agent-definition",
      source: { ref: "run:claude plugin validate --json", version: "2.1.332", note: "conformance/cases subagent-missing-description" },
    },
  ],
  frontmatterSchemas: { skill: skillSchema, agent: agentSchema, command: commandSchema },
  builtinCommands: [...new Set([...DOCUMENTED_COMMANDS, ...generatedCommands.commands])].sort(),
  builtinAgents: ["general-purpose", "Explore", "Plan", "statusline-setup", "output-style-setup", "claude-code-guide", "fork", "bash"],
  sources: [SKILLS, SUBAGENTS, COMMANDS, MEMORY, PLUGINS, BUILTIN_AGENTS, BUILTIN_COMMANDS, PROGRAM_COMMANDS],
};
