/**
 * Which host loads a file, and as what. A file is linted as what its project's targets load it as: a skill
 * under `.cursor/skills/` is Cursor's skill, checked against Cursor alone; a persona file under
 * `.bmad-core/agents/` is loaded by no target, so a walk of the folder leaves it out.
 */
import path from "node:path";
import picomatch from "picomatch";
import { isInside } from "./files.js";
import { HOSTS, hostById, UNMODELLED_HOST_FOLDERS } from "./hosts/index.js";
import type { HostId, LoadKind } from "./hosts/types.js";
import { MAX_REFERENCE_DEPTH, SKILL_FILE } from "./kinds.js";
import type { Kind } from "./types.js";

/** Where a file stands for one run: what it is linted as, for which hosts, and whether a folder walk takes it. */
export interface Placement {
  kind: Kind;
  /** The targets the file is checked against: those that load it, else every target of its project. */
  hosts: readonly HostId[];
  /** What a target loads it as, when one does. */
  loadKind?: LoadKind;
  /** The folder within which a host requires names to be unique (a plugin root, a `.claude` folder). */
  scope?: string;
  /** The root of the plugin a target loads the file from, when it is a plugin's component. */
  plugin?: string;
  /** Set when a folder walk leaves the file out: why no target loads it. */
  leftOut?: string;
}

/** A plugin's folder, and the component paths its manifest declares besides the default folders. */
export interface PluginLayout {
  root: string;
  /** The plugin manifests the folder holds (`.claude-plugin/plugin.json`, `gemini-extension.json`). */
  manifests: readonly string[];
  declared?: Partial<Record<"skill" | "agent" | "command", readonly string[]>>;
}

const LOAD_KINDS: Record<LoadKind, Kind | undefined> = {
  skill: "skill",
  agent: "agent",
  command: "command",
  instructions: "doc",
  manifest: "manifest",
  workflow: undefined,
};

/**
 * Instruction and memory files, linted whichever target reads them: a repository seldom says which host its
 * AGENTS.md is for. Every host's instruction files, and VS Code's agent and prompt files, which no modelled CLI loads.
 */
let instructionFiles: ((relative: string) => boolean) | undefined;
/** Compiled on first use: a run whose files every target loads never asks. */
function isInstructionFile(relative: string): boolean {
  // Hosts share most names (AGENTS.md, CLAUDE.md): each pattern is tried once.
  instructionFiles ??= picomatch(
    [
      ...new Set([
        ...HOSTS.flatMap((host) => host.discovery.filter((entry) => entry.kind === "instructions" && entry.scope === "project").flatMap((entry) => entry.files)),
        "**/*.agent.md",
        "**/*.prompt.md",
      ]),
    ],
    { dot: true },
  );
  return instructionFiles(relative);
}

/** A folder of what a project no longer uses: `archive/`, `archived/`, `_archive/`. */
const ARCHIVE_SEGMENT = /^_?(?:archives?|archived)$/i;
/** Folders whose subfolders are names (a skill, a command namespace, a plugin), not places. */
const NAMING_SEGMENT = /^(?:skills|agents|commands|plugins|prompts|rules)$/i;

/**
 * Whether a file sits in an archive folder outside every host folder (`archive/starter-kit/.claude/agents/`,
 * `docs/archive/`): a record of what the project did, which no host loads and no agent is told to follow. Below a
 * host folder or a folder of skills or commands, `archive` is a name (`.claude/skills/archive/`, `/archive:run`).
 */
function inArchive(relative: string): boolean {
  const dirs = relative.split("/").slice(0, -1);
  for (const segment of dirs) {
    if (segment.startsWith(".") || NAMING_SEGMENT.test(segment)) return false;
    if (ARCHIVE_SEGMENT.test(segment)) return true;
  }
  return false;
}

/** A path segment that holds a translation: `ja-JP`, `zh-Hans`, `i18n`, `locales`. */
const LOCALE_SEGMENT = /^(?:[a-z]{2}[-_](?:[A-Z]{2}|Hans|Hant)|i18n|l10n|locales?|translations?)$/;
/** Two-letter language folders count only directly under a docs folder: `docs/ja/`. */
const DOCS_LANGUAGE = /(?:^|\/)docs?\/(?:ja|zh|ko|fr|de|es|pt|ru|it|vi|tr|pl|nl|uk|ar|he|th|id|hi|fa|cs|sv)\//;

/** `path.relative` for a file inside `dir` (both absolute and normalized, as a walk makes them), without its work. */
function relativeTo(dir: string, file: string): string {
  return file !== dir && isInside(file, dir) ? file.slice(dir.endsWith(path.sep) ? dir.length : dir.length + 1) : path.relative(dir, file);
}

function toPosix(file: string): string {
  return file.split(path.sep).join("/");
}

/** The path as globs see it: SKILL.md in any case reads as `SKILL.md`. */
function globPath(relative: string): string {
  const slash = relative.lastIndexOf("/");
  const name = relative.slice(slash + 1);
  return SKILL_FILE.test(name) && name !== "SKILL.md" ? `${relative.slice(0, slash + 1)}SKILL.md` : relative;
}


interface CompiledDiscovery {
  host: HostId;
  kind: LoadKind;
  match: (relative: string) => boolean;
  /** For a plugin entry: the manifests that make a folder this host's plugin. */
  manifests: readonly string[];
  /** The host does not look inside a skill's folder for more skills. */
  notInsideSkills: boolean;
}

/** Every manifest some host's plugins are marked by, for finding a file's plugin. */
export const PLUGIN_MANIFESTS: readonly string[] = [...new Set(HOSTS.flatMap((host) => host.pluginManifests ?? []))];

const compiled = new Map<string, { project: CompiledDiscovery[]; plugin: CompiledDiscovery[] }>();

/** Each target's discovery globs, compiled once per list of targets. */
function discoveryOf(targets: readonly HostId[]): { project: CompiledDiscovery[]; plugin: CompiledDiscovery[] } {
  const key = targets.join(",");
  let found = compiled.get(key);
  if (!found) {
    found = { project: [], plugin: [] };
    for (const id of targets) {
      for (const entry of hostById(id).discovery) {
        const manifests = hostById(id).pluginManifests ?? [];
        found[entry.scope].push({ host: id, kind: entry.kind, match: picomatch([...entry.files], { dot: true }), manifests, notInsideSkills: entry.notInsideSkills === true });
      }
    }
    compiled.set(key, found);
  }
  return found;
}

/**
 * Where names must be unique for a file a host loads: its plugin, else the folder the host reads that kind
 * from (`.claude/skills`, `.github/agents`). Copies of one skill in two hosts' folders are not a clash.
 */
function scopeOf(file: string, kind: LoadKind, plugin: PluginLayout | undefined): string | undefined {
  if (plugin) return plugin.root;
  if (kind === "skill") return path.dirname(path.dirname(file));
  if (kind !== "agent" && kind !== "command") return undefined;
  const segments = file.split(path.sep);
  const folder = segments.lastIndexOf(kind === "agent" ? "agents" : "commands", segments.length - 2);
  return folder > 0 ? segments.slice(0, folder + 1).join(path.sep) : path.dirname(file);
}

/** The kind a file is linted as when it is named on the command line though no target loads it: from its path. */
/** A skill's folders of examples and references, where a SKILL.md is a sample, not a skill. */
const EXAMPLE_FOLDER = /^(?:references?|examples?)$/i;
/** SKILL.md, SKILL.MD: the name written as the spec writes it. */
const SKILL_STEM = /^SKILL\./;

function fallbackKind(file: string): Kind {
  const segments = file.split(path.sep).slice(0, -1);
  if (segments.includes("agents")) return "agent";
  if (segments.includes("commands")) return "command";
  return "doc";
}

/** The index's answer for a file no target loads and that is no SKILL.md: it defines nothing (see `placeForIndex`). */
export const NOT_LOADED: Placement = Object.freeze({ kind: "doc", hosts: [], leftOut: "no target loads it" });

export class Placer {
  private readonly discovery: { project: CompiledDiscovery[]; plugin: CompiledDiscovery[] };
  /** Marker folders of hosts that are not targets: what sits there is that host's copy. */
  private readonly otherHostFolders: Array<{ folder: string; name: string }>;

  constructor(
    readonly root: string,
    readonly targets: readonly HostId[],
    private readonly pluginOf: (file: string) => PluginLayout | undefined,
    private readonly isSkillFolder: (dir: string) => boolean,
  ) {
    this.discovery = discoveryOf(targets);
    const targetFolders = new Set(targets.flatMap((id) => hostById(id).markers.filter((marker) => marker.startsWith("."))));
    this.otherHostFolders = [
      ...HOSTS.filter((host) => !targets.includes(host.id)).flatMap((host) =>
        host.markers.filter((marker) => marker.startsWith(".") && !marker.includes("*") && !targetFolders.has(marker)).map((folder) => ({ folder, name: host.name })),
      ),
      ...Object.entries(UNMODELLED_HOST_FOLDERS).map(([folder, name]) => ({ folder, name })),
    ];
  }

  /** What the targets load `file` as (an absolute path inside the project). */
  place(file: string): Placement {
    const relative = globPath(toPosix(relativeTo(this.root, file)));
    if (inArchive(relative)) return { kind: fallbackKind(file), hosts: this.targets, leftOut: "kept in an archive folder" };
    const loaded = this.loads(file, relative);
    if (loaded) return loaded;
    const otherHost = this.otherHostOf(relative);
    const everyTarget = this.targets;
    if (isInstructionFile(relative)) return { kind: "doc", hosts: everyTarget, loadKind: "instructions" };
    if (otherHost) return { kind: fallbackKind(file), hosts: everyTarget, leftOut: `a copy for ${otherHost}, which is not a target` };
    if (this.isTranslation(relative)) return { kind: fallbackKind(file), hosts: everyTarget, leftOut: "a translation" };
    const name = path.posix.basename(relative);
    let skill: string | undefined;
    if (name === "SKILL.md") {
      // One level up: the skill folder this SKILL.md is kept in, if any.
      skill = this.skillAbove(path.dirname(file));
      // An example kept in another skill's references (`references/examples/SKILL.md`) is that skill's reference:
      // no host looks for skills inside a skill.
      const inExamples = skill && path.relative(path.dirname(skill), path.dirname(file)).split(path.sep).some((segment) => EXAMPLE_FOLDER.test(segment));
      // A SKILL.md outside every host folder is a skill to install (a skills collection, a template tree); a
      // lowercase `skill.md` there is a page about skills (a wiki's), as no installer takes it for a SKILL.md.
      if (!inExamples && SKILL_STEM.test(path.basename(file))) return { kind: "skill", hosts: everyTarget };
      if (!inExamples) skill = undefined;
    } else {
      skill = this.skillAbove(file);
    }
    if (skill) {
      const owner = this.place(skill);
      return owner.leftOut ? { ...owner, kind: "skill-reference" } : { kind: "skill-reference", hosts: owner.hosts };
    }
    // Kinds from the path read the whole path: a file linted on its own has its folder as its project.
    const absolute = toPosix(file);
    if (/\/docs\/solutions\//.test(absolute)) return { kind: "solution", hosts: everyTarget };
    if (/\.json$/i.test(name)) return { kind: "manifest", hosts: everyTarget };
    return { kind: fallbackKind(file), hosts: everyTarget, leftOut: `no target loads it (${this.targetNames()})` };
  }

  /**
   * What the index asks of a file: its placement when the targets load it or it is a SKILL.md (the only ways to be a
   * skill, subagent or command, or a workflow), else NOT_LOADED; the same answer as `place` for every file that
   * defines something, without the looks at the disk that only the kinds of other docs need.
   */
  placeForIndex(file: string): Placement {
    const relative = globPath(toPosix(relativeTo(this.root, file)));
    if (inArchive(relative)) return NOT_LOADED;
    const loaded = this.loads(file, relative);
    if (loaded) return loaded;
    return path.posix.basename(relative) === "SKILL.md" ? this.place(file) : NOT_LOADED;
  }

  private loads(file: string, relative: string): Placement | undefined {
    const hosts: HostId[] = [];
    let kind: LoadKind | undefined;
    let plugin: PluginLayout | undefined;
    let insideSkill: boolean | undefined;
    // A SKILL.md in another skill's folder (`skills/a/references/examples/SKILL.md`), for hosts that do not look there.
    const skipped = (entry: CompiledDiscovery): boolean => entry.notInsideSkills && (insideSkill ??= this.insideSkill(file));
    for (const entry of this.discovery.project) {
      if ((kind === undefined || entry.kind === kind) && !hosts.includes(entry.host) && entry.match(relative) && !skipped(entry)) {
        kind = entry.kind;
        hosts.push(entry.host);
      }
    }
    if (this.discovery.plugin.length) {
      const found = this.pluginOf(file);
      if (found) {
        const inPlugin = globPath(toPosix(relativeTo(found.root, file)));
        for (const entry of this.discovery.plugin) {
          if (!entry.manifests.some((manifest) => found.manifests.includes(manifest))) continue;
          if ((kind === undefined || entry.kind === kind) && !hosts.includes(entry.host) && (entry.match(inPlugin) || this.declared(found, entry.kind, file)) && !skipped(entry)) {
            kind = entry.kind;
            plugin = found;
            hosts.push(entry.host);
          }
        }
      }
    }
    if (kind === undefined) return undefined;
    const linted = LOAD_KINDS[kind];
    if (!linted) return { kind: "doc", hosts, loadKind: kind, leftOut: "a workflow script" };
    const scope = scopeOf(file, kind, plugin);
    return { kind: linted, hosts, loadKind: kind, ...(scope ? { scope } : {}), ...(plugin ? { plugin: plugin.root } : {}) };
  }

  /** A component path the plugin's manifest declares: a skill folder (or a folder of them), an agent or command file or folder. */
  private declared(plugin: PluginLayout, kind: LoadKind, file: string): boolean {
    if (kind !== "skill" && kind !== "agent" && kind !== "command") return false;
    const paths = plugin.declared?.[kind];
    if (!paths?.length) return false;
    if (kind === "skill") {
      if (!SKILL_FILE.test(path.basename(file))) return false;
      const folder = path.dirname(file);
      return paths.some((declared) => folder === declared || path.dirname(folder) === declared);
    }
    return /\.md$/i.test(file) && paths.some((declared) => isInside(file, declared));
  }

  private otherHostOf(relative: string): string | undefined {
    const padded = `/${relative}`;
    return this.otherHostFolders.find(({ folder }) => padded.includes(`/${folder}/`))?.name;
  }

  private isTranslation(relative: string): boolean {
    return relative.split("/").slice(0, -1).some((segment) => LOCALE_SEGMENT.test(segment)) || DOCS_LANGUAGE.test(relative);
  }

  /** Whether a SKILL.md sits inside the folder of another skill, itself in a `skills` folder. */
  private insideSkill(file: string): boolean {
    if (!SKILL_FILE.test(path.basename(file))) return false;
    const outer = this.skillAbove(path.dirname(file));
    return outer !== undefined && path.dirname(outer).split(path.sep).includes("skills");
  }

  /** The SKILL.md of the skill a file sits in, a few folders up at most. */
  private skillAbove(file: string): string | undefined {
    let dir = path.dirname(file);
    for (let depth = 0; depth < MAX_REFERENCE_DEPTH && isInside(dir, this.root); depth++) {
      if (this.isSkillFolder(dir)) return path.join(dir, "SKILL.md");
      if (dir === this.root) break;
      dir = path.dirname(dir);
    }
    return undefined;
  }

  private targetNames(): string {
    return this.targets.map((id) => hostById(id).name).join(", ");
  }
}
