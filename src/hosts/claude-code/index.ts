/**
 * Claude Code: where it finds skills, subagents, commands, memory files and plugins. Its tools are the
 * versioned toolset in `tools.ts` (generated from the `sdk-tools.d.ts` each release ships); its frontmatter
 * schemas are `src/schemas/*.claude-code.json`.
 */
import type { Host, Source } from "../types.js";

const SKILLS: Source = { ref: "https://code.claude.com/docs/en/skills", note: "project skills in .claude/skills/<name>/SKILL.md, also in nested .claude folders of subdirectories" };
const SUBAGENTS: Source = { ref: "https://code.claude.com/docs/en/sub-agents", note: "project subagents in .claude/agents/" };
const COMMANDS: Source = { ref: "https://code.claude.com/docs/en/slash-commands", note: "project commands in .claude/commands/, subfolders namespace them" };
const MEMORY: Source = { ref: "https://code.claude.com/docs/en/memory", note: "CLAUDE.md in the project and its subfolders, CLAUDE.local.md, .claude/rules/*.md" };
const PLUGINS: Source = {
  ref: "https://code.claude.com/docs/en/plugins-reference",
  note: "a plugin's default component folders: skills/<name>/SKILL.md, agents/, commands/ at the plugin root; manifests in .claude-plugin/",
};

export const host: Host = {
  id: "claude-code",
  name: "Claude Code",
  version: "2.1.332",
  markers: [".claude", ".claude-plugin", "CLAUDE.md", "CLAUDE.local.md"],
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
  // Claude Code loads what the others refuse: it re-quotes `key: value` lines that fail to parse, and from
  // 2.1.186 loads a skill whose frontmatter still fails, with empty metadata.
  loadChecks: [],
  sources: [SKILLS, SUBAGENTS, COMMANDS, MEMORY, PLUGINS],
};
