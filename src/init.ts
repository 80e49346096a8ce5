import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { rules } from "../rules/index.js";
import { CONFIG_FILES, type ResolvedConfig } from "./config.js";
import { expandPaths } from "./files.js";
import { createSkillFolderProbe, detectKind } from "./kinds.js";
import type { Kind } from "./types.js";

/** The resolved config of one file, as `--print-config` shows it. */
export function describeConfig(file: string, config: ResolvedConfig, kind: Kind): string {
  const ruleSettings = Object.fromEntries(
    [...config.rules].map(([id, setting]) => [id, Object.keys(setting.options).length ? [setting.severity, setting.options] : setting.severity]),
  );
  return `${JSON.stringify(
    {
      file,
      kind,
      configFile: config.source ?? null,
      rules: ruleSettings,
      tools: { version: config.toolset.version ?? null, names: [...config.toolset.names].sort() },
    },
    null,
    2,
  )}\n`;
}

export class InitError extends Error {}

/** Writes a commented starter config for the docs found under `cwd`, refusing to replace one. */
export async function writeStarterConfig(cwd: string): Promise<{ file: string; counts: Map<Kind, number> }> {
  const existing = CONFIG_FILES.map((name) => path.join(cwd, name)).find((file) => existsSync(file));
  if (existing) throw new InitError(`${existing} already exists; edit it or remove it first`);
  const probe = createSkillFolderProbe();
  const counts = new Map<Kind, number>();
  for (const file of await expandPaths(["."], cwd)) {
    const kind = detectKind(file, probe);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const found = [...counts].map(([kind, count]) => `${count} ${kind}`).join(", ") || "no markdown yet";
  const hasSolutions = counts.has("solution");
  const lines = [
    "# skill-lint config: https://github.com/skill-lint/skill-lint#configuration",
    `# Found here: ${found}.`,
    "",
    "# The tools your agents have. The preset is the current Claude Code toolset; pin a release",
    '# ("claude-code@2.1.0") to lint docs written for it, or list the names yourself.',
    "tools:",
    "  preset: claude-code",
    "  # add: [DeployPreview]",
    "  # mcpServers: [github]   # then only mcp__github__* tools are known",
    "",
    "# Each rule: off, warn or error. Every rule is on at its default severity unless named here.",
    "rules:",
    ...rules.map((rule) => {
      const off = !hasSolutions && rule.meta.kinds.length === 1 && rule.meta.kinds[0] === "solution";
      return `  ${off ? "# " : ""}${rule.meta.id}: ${rule.meta.severity}${rule.meta.checklistItem ? `   # ${rule.meta.checklistItem}` : ""}`;
    }),
    "",
    "# Files not to lint, relative to this file.",
    "ignores:",
    '  - "**/fixtures/**"',
    "",
    "# Settings for some files only; `kind` treats matching files as skill, agent, command, solution...",
    "# overrides:",
    '#   - files: ["playbooks/**/*.md"]',
    "#     kind: command",
    "",
  ];
  const file = path.join(cwd, "skill-lint.config.yaml");
  await writeFile(file, lines.join("\n"), { flag: "wx" });
  return { file, counts };
}
