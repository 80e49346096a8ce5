/**
 * Cursor: project rules (`.cursor/rules/**\/*.mdc`), AGENTS.md, skills, subagents and commands. The editor is
 * not on npm, but `@cursor/sdk` bundles the local agent runtime, whose rule, skill and subagent discovery is
 * read here from its code; nothing was run (a run needs a Cursor account). Claude Code's and Codex's folders
 * count only with Cursor's third-party extensibility setting on.
 */
import type { Host, Source } from "../types.js";

const SDK_VERSION = "1.0.32";
const RUNTIME = `npm:@cursor/sdk@${SDK_VERSION}/dist/esm/34.js`;

const RULES_SERVICE: Source = {
  ref: RUNTIME,
  version: SDK_VERSION,
  note:
    "LocalCursorRulesService: **/*.mdc under .cursor/rules (a plain .md there is not a rule), AGENTS.md, and with third-party extensibility CLAUDE.md and CLAUDE.local.md, " +
    "in the working directory and each parent; nested .cursor/rules, AGENTS.md (and CLAUDE.md) of subfolders load as nested rules; the root .cursorrules is watched as the legacy rules file",
};
const SKILL_ROOTS: Source = {
  ref: RUNTIME,
  version: SDK_VERSION,
  note:
    "skill roots .cursor/skills and .agents/skills, and with third-party extensibility .claude/skills, .codex/skills and .grok/skills, in the project, its subfolders and ~; " +
    "SKILL.md searched up to 10 folders deep; skills below a folder whose name starts with a dot are skipped, as are Codex's bundled system skills",
};
const SUBAGENTS: Source = {
  ref: RUNTIME,
  version: SDK_VERSION,
  note: ".md files under .cursor/agents/ (and .claude/agents/ with third-party extensibility), in the project and its subfolders; the name defaults to the file name",
};
const RULES_DOCS: Source = {
  ref: "https://cursor.com/docs/rules",
  note: "frontmatter keys description, globs, alwaysApply pick Always, Auto Attached, Agent Requested or Manual; .mdc is required: a plain .md file in .cursor/rules is ignored",
};
const SKILLS_DOCS: Source = {
  ref: "https://cursor.com/docs/context/skills",
  note: "keys name, description, license, compatibility, metadata, disable-model-invocation; built-in skills such as /automate and /babysit",
};
const SUBAGENTS_DOCS: Source = {
  ref: "https://cursor.com/docs/subagents.md",
  note: "keys name, description, model (fast, inherit or a model ID), readonly, is_background; built-in explore, bash and browser subagents",
};
const COMMANDS: Source = {
  ref: "https://github.com/microsoft/apm/pull/1046",
  note: "Cursor 1.6 added custom slash commands: plain markdown in .cursor/commands/ (and ~/.cursor/commands/), named by file; Cursor reads no frontmatter from them",
};

export const host: Host = {
  id: "cursor",
  name: "Cursor",
  version: `@cursor/sdk ${SDK_VERSION}`,
  markers: [".cursor", ".cursorrules"],
  discovery: [
    {
      kind: "instructions",
      scope: "project",
      files: ["**/.cursor/rules/**/*.mdc", "**/AGENTS.md", "**/CLAUDE.md", "**/CLAUDE.local.md", ".cursorrules"],
      source: RULES_SERVICE,
    },
    {
      kind: "skill",
      scope: "project",
      files: [
        "**/.cursor/skills/**/SKILL.md",
        "**/.agents/skills/**/SKILL.md",
        "**/.claude/skills/**/SKILL.md",
        "**/.codex/skills/**/SKILL.md",
      ],
      source: SKILL_ROOTS,
    },
    { kind: "agent", scope: "project", files: ["**/.cursor/agents/**/*.md", "**/.claude/agents/**/*.md"], source: SUBAGENTS },
    { kind: "command", scope: "project", files: [".cursor/commands/*.md"], source: COMMANDS },
  ],
  userFolders: ["~/.cursor/skills", "~/.agents/skills", "~/.claude/skills", "~/.codex/skills", "~/.cursor/agents", "~/.cursor/commands"],
  loadChecks: [
    {
      type: "required",
      key: "description",
      kinds: ["skill"],
      effect: "refuse",
      reason: "Description is required",
      source: {
        ...SKILL_ROOTS,
        note: "a SKILL.md whose description is not a non-empty string is kept only as a parse error (\"Description is required\"); the name is not checked and defaults to the folder's. Read from code, not run",
      },
    },
  ],
  builtinAgents: ["explore", "bash", "browser"],
  sources: [RULES_SERVICE, SKILL_ROOTS, SUBAGENTS, RULES_DOCS, SKILLS_DOCS, SUBAGENTS_DOCS, COMMANDS],
};
