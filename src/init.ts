import { lstatSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { rules } from "../rules/index.js";
import { CONFIG_FILES, type ResolvedConfig } from "./config.js";
import { expandPaths } from "./files.js";
import { createSkillFolderProbe, detectKind } from "./kinds.js";
import { hostById, inferTargets } from "./hosts/index.js";
import type { Placement } from "./placement.js";
import type { HostId } from "./hosts/types.js";
import type { Kind } from "./types.js";
import type { ProjectCheck } from "./checks.js";
import { plural } from "./reporters/text.js";

/** Where a file stands in its project, for `--print-config`: the targets, how they were chosen, what loads the file. */
export interface PlacementInfo {
  root: string;
  targets: readonly HostId[];
  placement: Placement;
  source: "--target" | "config" | "inferred";
}

/**
 * The config of one file, as `--print-config` shows it: its kind, targets and config files, and the settings of
 * the rules that run on its kind for its hosts (as the engine picks them), whether on or off.
 */
export function describeConfig(file: string, config: ResolvedConfig, kind: Kind, where?: PlacementInfo, checks: readonly ProjectCheck[] = []): string {
  const hosts = where?.placement.hosts;
  const applies = ({ meta }: (typeof rules)[number]): boolean =>
    meta.kinds.includes(kind) && (!meta.hosts || !hosts || hosts.some((id) => meta.hosts!.includes(id)));
  const ruleSettings = Object.fromEntries(
    rules.filter(applies).map(({ meta }) => {
      const setting = config.rules.get(meta.id)!;
      return [meta.id, Object.keys(setting.options).length ? [setting.severity, setting.options] : setting.severity];
    }),
  );
  const evidence = where?.source === "inferred" ? inferTargets(where.root).evidence : {};
  const targets = where
    ? {
        targets: where.targets.map((id) => ({
          host: id,
          name: hostById(id).name,
          from: where.source === "inferred" ? (evidence[id] ? `found ${evidence[id]}` : "default: no host's folders found") : where.source,
        })),
        loadedBy: where.placement.leftOut ? [] : [...where.placement.hosts],
        ...(where.placement.loadKind ? { loadedAs: where.placement.loadKind } : {}),
        ...(where.placement.leftOut ? { leftOutOfFolderRuns: where.placement.leftOut } : {}),
      }
    : {};
  return `${JSON.stringify(
    {
      file,
      kind,
      ...targets,
      configFile: config.source ?? null,
      configFiles: config.sources ?? [],
      rules: ruleSettings,
      ...(checks.length ? { checks: checks.filter((check) => check.kinds.includes(kind)).map((check) => ({ id: check.id, severity: config.rules.get(check.id)?.severity ?? check.severity, from: check.learnedFrom?.doc ?? check.source })) } : {}),
      tools: { version: config.toolset.version ?? null, names: [...config.toolset.names].sort() },
    },
    null,
    2,
  )}\n`;
}

export class InitError extends Error {}

/** Writes a commented starter config for the docs found under `cwd`, refusing to replace one. */
export async function writeStarterConfig(cwd: string): Promise<{ file: string; counts: Map<Kind, number> }> {
  // lstat, not exists: a symlink to nothing is there too, and writing would follow it.
  const existing = CONFIG_FILES.map((name) => path.join(cwd, name)).find((file) => lexists(file));
  if (existing) throw new InitError(`${existing} already exists; edit it or remove it first`);
  const probe = createSkillFolderProbe();
  const counts = new Map<Kind, number>();
  for (const file of await expandPaths(["."], cwd)) {
    const kind = detectKind(file, probe);
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const found = [...counts].map(([kind, count]) => plural(count, kind)).join(", ") || "no markdown yet";
  const hasSolutions = counts.has("solution");
  const lines = [
    "# skill-lint config: see Configuration in the README.md of the skill-lint package",
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
      if (rule.meta.offByDefault) return `  # ${rule.meta.id}: ${rule.meta.severity}   # off by default: ${rule.meta.offByDefault}`;
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
  try {
    await writeFile(file, lines.join("\n"), { flag: "wx" });
  } catch (error) {
    throw new InitError(`cannot write ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
  return { file, counts };
}

function lexists(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}
