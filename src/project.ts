/**
 * The project a file belongs to, for the rules that look across files: which files exist, which
 * headings a markdown file has (as GitHub slugs them, for anchors), and an index of the skills,
 * subagents and commands the project defines, with the plugin each belongs to.
 *
 * Everything is read lazily and once per run. Each file's lint records what it asked (a
 * `ProjectView`), so a cached result is reused only while those answers stay the same.
 */
import { readdirSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import GithubSlugger, { slug as plainSlug } from "github-slugger";
import type { Nodes, Root } from "mdast";
import { toString } from "mdast-util-to-string";
import { isMap, isScalar, isSeq, type Node as YamlNode } from "yaml";
import { hashText, type SnapshotText } from "./cache.js";
import { loadDocChecks, type DocChecks } from "./checks.js";
import { isInside } from "./files.js";
import { decodeIndex, encodeIndex, type IndexEntry, type StoredIndex } from "./index-cache.js";
import { fileStamp, layoutHash, MARKDOWN, walkProject, type ListedFolders, type WalkResult } from "./project-files.js";
import { checkSnapshot, recordSnapshot, type HeldSnapshot } from "./project-snapshot.js";
import { HOSTS, inferTargets, type HostId } from "./hosts/index.js";
import { createSkillFolderProbe, SKILL_FILE } from "./kinds.js";
import { PLUGIN_MANIFESTS, Placer, type Placement, type PluginLayout } from "./placement.js";
import { locateFrontmatter, parseFrontmatter, parseMarkdown } from "./parse.js";
import { MAX_CONFIG_BYTES, MAX_DOC_BYTES, readBoundedText } from "./read.js";
import type { Frontmatter } from "./types.js";

export type EntityKind = "skill" | "agent" | "command" | "workflow";

export interface Plugin {
  name: string;
  /** The plugin's folder: its components sit below it. */
  root: string;
  /** The manifest that declares it: its plugin.json, or the marketplace.json listing it. */
  manifest: string;
  /** Component folders a marketplace entry lists (`skills: ["./skills/pdf"]`); files elsewhere are not its own. */
  components?: string[];
  /** The marketplace entry that declares it, for its component lists. */
  entry?: Record<string, unknown>;
}

export interface Entity {
  kind: EntityKind;
  /** The name it is invoked by: frontmatter `name`, else the folder (skill) or file name. */
  name: string;
  /** Further names it answers to: the folder or file name, and `sub:name` for files in subfolders. */
  aliases: string[];
  file: string;
  plugin?: Plugin;
  /** Where names must be unique: a plugin's root, a `.claude` folder, or undefined (no such scope). */
  scope?: string;
  /** Offsets of the frontmatter `name` value in the file, when it has one. */
  nameRange?: [number, number];
}

export type FileState = "file" | "dir" | "missing";

/** A string's own copy. V8 makes a substring point into its parent, which then lives as long as the substring. */
function detach(text: string): string {
  return (" " + text).slice(1);
}

/** Texts of other files a project keeps at a time. */
const KEPT_TEXTS = 64;

/** A workflow's `meta = { name: "..." }`, the name it is run by when it differs from its file's. */
const WORKFLOW_META_NAME = /\bmeta\s*=\s*\{[^{}]{0,500}?\bname\s*:\s*["'`]([\w:.-]+)["'`]/;

/** A frontmatter key's scalar value (or a list of scalars) and its offsets in the file. */
export interface FrontmatterValue {
  value: string;
  start: number;
  end: number;
}

/**
 * String values of top-level keys of a parsed frontmatter block (a Doc's `frontmatter`), with offsets in the
 * file; malformed YAML yields nothing (frontmatter-yaml reports it).
 */
export function readFrontmatterValues(frontmatter: Frontmatter | undefined, keys: readonly string[]): Map<string, FrontmatterValue[]> {
  const found = new Map<string, FrontmatterValue[]>();
  if (!frontmatter) return found;
  const document = frontmatter.yaml;
  if (document.errors.length || !isMap(document.contents)) return found;
  const offset = frontmatter.contentStart;
  const scalar = (node: YamlNode | null | undefined): FrontmatterValue | undefined => {
    if (!isScalar(node) || !node.range || node.value === null || typeof node.value === "object") return undefined;
    return { value: String(node.value), start: offset + node.range[0], end: offset + node.range[1] };
  };
  for (const pair of document.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (!key || !keys.includes(key)) continue;
    const values: FrontmatterValue[] = [];
    if (isSeq(pair.value)) {
      for (const item of pair.value.items) {
        const value = scalar(item as YamlNode);
        if (value) values.push(value);
      }
    } else {
      const value = scalar(pair.value as YamlNode);
      // `skills: a, b` is a common way to write a list in frontmatter.
      if (value && key === "skills") {
        let at = 0;
        for (const part of value.value.split(",")) {
          const name = part.trim();
          const offset = value.value.indexOf(name, at);
          at = offset + name.length;
          if (name) values.push({ value: name, start: value.start + Math.max(0, offset), end: value.start + Math.max(0, offset) + name.length });
        }
      } else if (value) values.push(value);
    }
    found.set(key, values);
  }
  return found;
}

/** A top-level `name:` line of a frontmatter block. */
const NAME_LINE = /^name:(.*)$/m;

/**
 * The frontmatter `name` of a doc. Most are a plain or simply quoted scalar on one line, read here without a
 * YAML parse (the index reads thousands of them); anything else goes through the YAML parser.
 */
export function frontmatterName(text: string): FrontmatterValue | undefined {
  const block = locateFrontmatter(text);
  if (!block) return undefined;
  const line = NAME_LINE.exec(text.slice(block.contentStart, block.contentEnd));
  if (!line) return undefined;
  const raw = line[1]!;
  const value = raw.trim();
  const at = block.contentStart + line.index + 5 + raw.indexOf(value);
  const quoted = /^"([^"\\]*)"$|^'([^']*)'$/.exec(value);
  if (quoted) {
    const inner = quoted[1] ?? quoted[2]!;
    return inner ? { value: inner, start: at, end: at + value.length } : undefined;
  }
  if (value && !/^[[{&*!|>%@`"']/.test(value) && !value.includes(" #") && !value.includes(": ")) {
    return { value, start: at, end: at + value.length };
  }
  return readFrontmatterValues(parseFrontmatter(text), ["name"]).get("name")?.[0];
}

/** The anchors a markdown tree defines: GitHub's heading slugs, and HTML `id`/`name` attributes (lower case). */
/** `## Install {#setup}`: a heading id as site generators (Docusaurus, Hugo, MkDocs) write it. */
const HEADING_ID = /\{#([\w.:-]+)\}\s*$/;

/**
 * A heading's anchors: the slug GitHub makes of its text (numbered when it repeats), and, for a heading that ends in
 * `{#id}`, that id and the slug of the text before it, as a site generator renders it.
 */
function addHeadingAnchors(anchors: Set<string>, slugger: GithubSlugger, title: string): void {
  anchors.add(slugger.slug(title));
  const id = HEADING_ID.exec(title);
  if (!id) return;
  anchors.add(id[1]!.toLowerCase());
  anchors.add(plainSlug(title.slice(0, id.index).trimEnd()));
}

export function anchorsOf(tree: Root): Set<string> {
  const anchors = new Set<string>();
  const slugger = new GithubSlugger();
  const stack: Nodes[] = [tree];
  const html: string[] = [];
  // Depth first in document order: duplicate headings are numbered in the order they appear.
  while (stack.length) {
    const node = stack.pop()!;
    if (node.type === "heading") addHeadingAnchors(anchors, slugger, toString(node));
    else if (node.type === "html") html.push(node.value);
    if ("children" in node && node.type !== "heading") for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  for (const fragment of html) {
    for (const match of fragment.matchAll(/\b(?:id|name)\s*=\s*["']([^"']+)["']/gi)) anchors.add(match[1]!.toLowerCase());
  }
  return anchors;
}

/** Characters that make a heading's text differ from its rendered text (markup, escapes, entities, HTML). */
const HEADING_MARKUP = /[`*_<>[\]!\\&]/;
const FENCE_LINE = /^ {0,3}(?:`{3,}|~{3,})/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
/** `<a id="x">`, `<span name="x">`: an HTML tag's anchor attribute. */
const HTML_ANCHOR = /<[a-z][\w-]*\s[^<>]*?\b(?:id|name)\s*=\s*["']([^"'<>]+)["']/gi;

/**
 * The anchors of a markdown text read from its lines, without a parse: ATX headings of plain text, and HTML
 * `id`/`name` attributes. Undefined when some heading has markup or may be a setext heading, whose rendered
 * text only the parser knows; then the caller parses.
 */
export function quickAnchors(text: string): Set<string> | undefined {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  let fence: string | undefined;
  let previousText = false;
  // An HTML block (a line that opens with a tag) runs to the next blank line; a `#` line in it is no heading.
  let inHtml = false;
  for (const line of text.split(/\r?\n|\r/)) {
    if (line.trim() === "") inHtml = false;
    else if (!fence && /^ {0,3}<[a-z/!?]/i.test(line)) inHtml = true;
    const fenceMatch = FENCE_LINE.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[0].trim();
      if (!fence) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      previousText = false;
      continue;
    }
    if (fence) continue;
    if (line.includes("<")) for (const match of line.replace(/`[^`]*`/g, "").matchAll(HTML_ANCHOR)) anchors.add(match[1]!.toLowerCase());
    if (inHtml) continue;
    if (previousText && SETEXT_UNDERLINE.test(line)) return undefined;
    const hashes = /^ {0,3}#{1,6}(?=[ \t]|$)/.exec(line);
    if (hashes) {
      let title = line.slice(hashes[0].length).trim();
      const closing = /(?:^|[ \t])#+$/.exec(title);
      if (closing) title = title.slice(0, closing.index).trim();
      if (HEADING_MARKUP.test(title)) return undefined;
      addHeadingAnchors(anchors, slugger, title);
      previousText = false;
      continue;
    }
    previousText = line.trim() !== "" && !/^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]/.test(line);
  }
  return anchors;
}

const ALL_HOSTS: readonly HostId[] = HOSTS.map((host) => host.id);

/** The folder of a `.git` at or above `dir`, if any; answers are remembered per folder. */
export class RootFinder {
  private readonly roots = new Map<string, string | null>();

  /** `absent`: true when a folder is known to hold nothing by that name, so the disk need not be asked. */
  constructor(private readonly absent: (dir: string, name: string) => boolean = () => false) {}

  repositoryRoot(dir: string): string | undefined {
    const chain: string[] = [];
    let current = dir;
    let found: string | null | undefined;
    while ((found = this.roots.get(current)) === undefined) {
      chain.push(current);
      if (!this.absent(current, ".git") && hasEntry(current, ".git")) {
        found = current;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) {
        found = null;
        break;
      }
      current = parent;
    }
    for (const visited of chain) this.roots.set(visited, found);
    return found ?? undefined;
  }
}

function hasEntry(dir: string, name: string): boolean {
  try {
    return statSync(path.join(dir, name), { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}


/** A path with its symlinks followed; undefined when it does not resolve (missing, a loop, too long). */
function realPath(file: string): string | undefined {
  try {
    return realpathSync.native(file);
  } catch {
    return undefined;
  }
}

/** The names a file under `agents/` or `commands/` answers to with its subfolders: `review:security-sentinel`. */
function qualifiedName(file: string, folder: "agents" | "commands"): string | undefined {
  const segments = file.split(path.sep);
  const at = segments.lastIndexOf(folder);
  if (at < 0 || at >= segments.length - 2) return undefined;
  return [...segments.slice(at + 1, -1), path.basename(file).replace(MARKDOWN, "")].join(":");
}

/**
 * The name two entities clash on. A command in a subfolder of `commands/` is named with its folders
 * (`frontend:deploy`), so `frontend/deploy.md` and `backend/deploy.md` are two commands, not one shadowing the other.
 */
function twinKey(entity: Entity): string {
  const qualified = entity.kind === "command" && !entity.nameRange ? qualifiedName(entity.file, "commands") : undefined;
  return (qualified ?? entity.name).toLowerCase();
}

/**
 * A cheap stamp of everything the index reads: the project's layout (see WalkResult.layout, with its targets and
 * ignore options), and the path and stamp (git's blob id, or size and modification time) of each markdown file,
 * manifest and workflow. When it is unchanged, so is the index, and a warm run need not read a file to know it.
 */
export function projectStamp(walked: WalkResult, layout: string): string {
  const { markdown, manifests, workflows, stamps } = walked;
  const lines = [layout];
  for (const list of [markdown, manifests, workflows]) for (const file of list) lines.push(`${file}\0${stamps.get(file) ?? fileStamp(file)}`);
  return hashText(lines.join("\n"));
}

/** A file's text, without a BOM (as a Doc holds it, so offsets agree); undefined when it cannot be read. */
function readText(file: string): string | undefined {
  try {
    const text = readBoundedText(file, MAX_DOC_BYTES);
    return text.startsWith("\uFEFF") ? text.slice(1) : text;
  } catch {
    return undefined;
  }
}

function readJson(file: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(readBoundedText(file, MAX_CONFIG_BYTES));
    return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Paths a manifest field gives (`"./agents"` or `["./a.md", "./b.md"]`), resolved from `base`. */
function manifestPaths(value: unknown, base: string): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((item): item is string => typeof item === "string").map((item) => path.resolve(base, item));
}

/** The component paths a plugin.json or marketplace entry declares, by kind, resolved from the plugin root. */
function declaredComponents(json: Record<string, unknown> | undefined, root: string): PluginLayout["declared"] {
  if (!json) return {};
  return { skill: manifestPaths(json.skills, root), agent: manifestPaths(json.agents, root), command: manifestPaths(json.commands, root) };
}

/** The plugins a project declares: each plugin.json, and marketplace entries with a local source. */
function findPlugins(manifests: string[]): Plugin[] {
  const plugins: Plugin[] = [];
  const declared = new Set<string>();
  for (const manifest of manifests.filter((file) => path.basename(file) === "plugin.json")) {
    const root = path.dirname(path.dirname(manifest));
    const json = readJson(manifest);
    const name = typeof json?.name === "string" && json.name ? json.name : path.basename(root);
    plugins.push({ name, root, manifest });
    declared.add(root);
  }
  for (const manifest of manifests.filter((file) => path.basename(file) === "marketplace.json")) {
    const base = path.dirname(path.dirname(manifest));
    const json = readJson(manifest);
    const metadata = json?.metadata as Record<string, unknown> | undefined;
    const pluginRoot = typeof metadata?.pluginRoot === "string" ? path.resolve(base, metadata.pluginRoot) : base;
    for (const entry of Array.isArray(json?.plugins) ? (json.plugins as unknown[]) : []) {
      if (!entry || typeof entry !== "object") continue;
      const { name, source, skills, commands, agents } = entry as Record<string, unknown>;
      if (typeof name !== "string" || typeof source !== "string") continue;
      const root = path.resolve(source.startsWith(".") ? base : pluginRoot, source);
      const components = [skills, commands, agents].flatMap((value) => manifestPaths(value, root));
      if (declared.has(root) && !components.length) continue;
      plugins.push({ name, root, manifest, entry: entry as Record<string, unknown>, ...(components.length ? { components } : {}) });
    }
  }
  return plugins;
}

/** Docs the index read for their names (a warm run reads only those that changed). */
export const indexStats = { reads: 0 };

/** Everything a project defines, built once from the frontmatter of its skills, subagents and commands. */
export class ProjectIndex {
  readonly plugins: Plugin[];
  readonly entities: Entity[] = [];
  fingerprint: string;
  private readonly byName = new Map<string, Entity[]>();
  private readonly byFile = new Map<string, Entity>();
  private readonly nameLists = new Map<string, string[]>();
  private readonly pluginsByRoot = new Map<string, Plugin[]>();

  /** What this build found of each markdown file, for the next run's cache (see index-cache.ts). */
  readonly entries = new Map<string, IndexEntry>();
  /** Whether the entries are those it was built from: then there is nothing new to store. */
  unchangedFromStored = false;

  /**
   * `stored`: the index as a previous run left it. A file whose stamp is unchanged is not read again, and while
   * the layout is unchanged no file is placed or matched against the ignores again.
   */
  constructor(
    readonly root: string,
    isIgnored: (file: string) => boolean,
    place: (file: string) => Placement,
    private readonly read: (file: string) => string | undefined = readText,
    unsaved: readonly string[] = [],
    { walked = walkProject(root), layout, stored }: { walked?: WalkResult; layout?: string; stored?: StoredIndex } = {},
  ) {
    const { manifests, workflows } = walked;
    // Open buffers of files not yet on disk are part of the project too.
    const markdown = unsaved.length ? [...new Set([...walked.markdown, ...unsaved.filter((file) => MARKDOWN.test(file) && isInside(file, root))])] : walked.markdown;
    this.plugins = findPlugins(manifests.filter((file) => !isIgnored(file)));
    for (const plugin of this.plugins) {
      const sharing = this.pluginsByRoot.get(plugin.root);
      if (sharing) sharing.push(plugin);
      else this.pluginsByRoot.set(plugin.root, [plugin]);
    }
    for (const file of workflows) {
      if (!isIgnored(file) && place(file).loadKind === "workflow") this.addWorkflow(file);
    }
    const placedAlike = stored !== undefined && layout !== undefined && stored.layout === layout;
    let reused = 0;
    const unsavedFiles = new Set(unsaved);
    for (const file of markdown) {
      const stamp = walked.stamps.get(file) ?? fileStamp(file);
      const old = unsavedFiles.has(file) ? undefined : stored?.entries.get(file);
      let entry: IndexEntry;
      if (placedAlike && old) entry = { stamp, ...(old.kind ? { kind: old.kind } : {}), ...(old.scope ? { scope: old.scope } : {}) };
      else {
        // Only what a target loads is part of the index: a translation or another host's copy defines nothing.
        const { kind, leftOut, scope } = isIgnored(file) ? { kind: undefined, leftOut: "ignored", scope: undefined } : place(file);
        entry = !leftOut && (kind === "skill" || kind === "agent" || kind === "command") ? { stamp, kind, ...(scope ? { scope } : {}) } : { stamp };
      }
      if (entry.kind) {
        if (old?.stamp === stamp && old.declared !== undefined) {
          entry.declared = old.declared;
          if (placedAlike) reused++;
        } else {
          const declared = this.declaredName(file);
          entry.declared = declared === undefined ? false : declared;
        }
        this.add(entry.kind, file, entry.scope, entry.declared === false ? undefined : entry.declared);
      } else if (placedAlike && old?.stamp === stamp && !old.kind) reused++;
      if (!unsavedFiles.has(file)) this.entries.set(file, entry);
    }
    this.unchangedFromStored = placedAlike && reused === this.entries.size && this.entries.size === stored.entries.size;
    this.fingerprint = this.fingerprintNow();
  }

  private fingerprintNow(): string {
    return hashText(
      JSON.stringify([
        this.plugins.map((plugin) => [plugin.name, plugin.root, plugin.components]),
        this.entities.map((entity) => [entity.kind, entity.name, entity.aliases, entity.file, entity.nameRange]),
      ]),
    );
  }

  /**
   * Reads one markdown file again (its text changed, or it appeared or went): its entity is replaced, and nothing
   * else is read. A keystroke in a skill's `name` costs this, not a walk of the project.
   */
  refresh(file: string, placement: Placement): void {
    const old = this.byFile.get(file);
    if (old) {
      this.entities.splice(this.entities.indexOf(old), 1);
      this.byFile.delete(file);
      for (const key of new Set([old.name, ...old.aliases].map((name) => name.toLowerCase()))) {
        const list = this.byName.get(key)?.filter((entity) => entity !== old);
        if (list?.length) this.byName.set(key, list);
        else this.byName.delete(key);
      }
    }
    this.nameLists.clear();
    // Its entry would be what it was before: the next run reads it again.
    this.entries.delete(file);
    this.unchangedFromStored = false;
    const { kind, leftOut, scope } = placement;
    if (!leftOut && (kind === "skill" || kind === "agent" || kind === "command")) this.add(kind, file, scope, this.declaredName(file));
    this.fingerprint = this.fingerprintNow();
  }

  /** A workflow answers to its file's name and to its `meta.name`. */
  private addWorkflow(file: string): void {
    const fileName = path.basename(file).replace(/\.[cm]?js$/, "");
    const declared = WORKFLOW_META_NAME.exec(this.read(file)?.slice(0, 20_000) ?? "")?.[1];
    const name = detach(declared ?? fileName);
    const plugin = this.pluginOf(file);
    const entity: Entity = { kind: "workflow", name, aliases: declared && declared !== fileName ? [fileName] : [], file, ...(plugin ? { plugin } : {}) };
    this.register(entity);
  }

  private register(entity: Entity): void {
    this.entities.push(entity);
    this.byFile.set(entity.file, entity);
    for (const key of [entity.name, ...entity.aliases]) {
      const lower = key.toLowerCase();
      const list = this.byName.get(lower);
      if (list) list.push(entity);
      else this.byName.set(lower, [entity]);
    }
  }

  /** A file's frontmatter `name` (undefined when it declares none); null when the file cannot be read. */
  private declaredName(file: string): FrontmatterValue | undefined | null {
    indexStats.reads++;
    const text = this.read(file);
    return text === undefined ? null : frontmatterName(text);
  }

  private add(kind: EntityKind, file: string, scope: string | undefined, declared: FrontmatterValue | undefined | null): void {
    if (declared === null) return;
    const fileName = kind === "skill" ? path.basename(path.dirname(file)) : path.basename(file).replace(MARKDOWN, "");
    // A copy, not a slice: a slice of the file's text would keep the whole text alive as long as the index.
    const name = detach(declared?.value.trim() || fileName);
    const aliases = new Set([fileName]);
    const qualified = kind === "skill" ? undefined : qualifiedName(file, kind === "agent" ? "agents" : "commands");
    if (qualified) aliases.add(qualified);
    aliases.delete(name);
    const plugin = this.pluginOf(file, kind);
    const entity: Entity = {
      kind,
      name,
      aliases: [...aliases],
      file,
      ...(plugin ? { plugin } : {}),
      ...(scope ? { scope } : {}),
      ...(declared ? { nameRange: [declared.start, declared.end] as [number, number] } : {}),
    };
    this.register(entity);
  }

  /** The plugin a file belongs to: the innermost plugin folder holding it (and listing it, if it lists its components). */
  pluginOf(file: string, kind?: EntityKind): Plugin | undefined {
    // From the file upward, the first folder that is a plugin's root holds the innermost plugin; plugins sharing
    // a root are tried in the order they were declared.
    for (let dir = file; ; ) {
      for (const plugin of this.pluginsByRoot.get(dir) ?? []) {
        if (plugin.components && kind && !plugin.components.some((component) => isInside(file, component))) continue;
        return plugin;
      }
      const parent = path.dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }

  /** Plugins declared under this name. */
  pluginsNamed(name: string): Plugin[] {
    return this.plugins.filter((plugin) => plugin.name === name);
  }

  /** Entities of these kinds answering to `name` (case-insensitive), inside the given plugins when given. */
  find(kinds: readonly EntityKind[], name: string, plugins?: readonly Plugin[]): Entity[] {
    return (this.byName.get(name.toLowerCase()) ?? []).filter(
      (entity) => kinds.includes(entity.kind) && (!plugins || (entity.plugin !== undefined && plugins.includes(entity.plugin))),
    );
  }

  /** The entity a file defines, if it is a skill, subagent or command. */
  entityOf(file: string): Entity | undefined {
    return this.byFile.get(file);
  }

  /** Other entities of its kind and scope that answer to the same effective name. */
  twinsOf(entity: Entity): Entity[] {
    const key = twinKey(entity);
    return (this.byName.get(entity.name.toLowerCase()) ?? []).filter(
      (other) => other !== entity && other.kind === entity.kind && other.scope === entity.scope && twinKey(other) === key,
    );
  }

  /** The names of entities of these kinds, for "did you mean"; computed once per question. */
  names(kinds: readonly EntityKind[], plugins?: readonly Plugin[]): string[] {
    const key = `${kinds.join(",")}|${plugins?.map((plugin) => plugin.manifest + plugin.name).join(",") ?? ""}`;
    let list = this.nameLists.get(key);
    if (!list) this.nameLists.set(key, (list = this.collectNames(kinds, plugins)));
    return list;
  }

  private collectNames(kinds: readonly EntityKind[], plugins?: readonly Plugin[]): string[] {
    const names = new Set<string>();
    for (const entity of this.entities) {
      if (!kinds.includes(entity.kind) || (plugins && (!entity.plugin || !plugins.includes(entity.plugin)))) continue;
      names.add(entity.name);
      for (const alias of entity.aliases) names.add(alias);
    }
    return [...names];
  }

  has(kind: EntityKind): boolean {
    return this.entities.some((entity) => entity.kind === kind);
  }
}

/** Times a folder listing was hashed or searched whole; each folder's should be once a run. */
export const listingStats = { scans: 0 };

/** A folder's names, and what is asked of them, each worked out on first use. */
export class Listing {
  private stateValue: string | undefined;
  private skillFileValue: string | null | undefined;
  private namesValue: Set<string> | undefined;

  /** When the names were read (`Date.now()`). */
  readonly readAt = Date.now();

  constructor(readonly names: string[]) {}

  /** The state, when it was worked out. */
  get knownState(): string | undefined {
    return this.stateValue;
  }

  /** What a cached result compares: the hash of the names. */
  get state(): string {
    if (this.stateValue === undefined) {
      listingStats.scans++;
      this.stateValue = hashText(this.names.join("\n"));
    }
    return this.stateValue;
  }

  /** Its SKILL.md (any case), if it has one. */
  get skillFile(): string | undefined {
    if (this.skillFileValue === undefined) {
      listingStats.scans++;
      this.skillFileValue = this.names.find((name) => SKILL_FILE.test(name)) ?? null;
    }
    return this.skillFileValue ?? undefined;
  }

  has(name: string): boolean {
    if (!this.namesValue) {
      listingStats.scans++;
      this.namesValue = new Set(this.names);
    }
    return this.namesValue.has(name);
  }
}

/** One project: its root and what has been read of it this run. */
export class Project {
  private indexValue: ProjectIndex | undefined;
  private readonly states = new Map<string, FileState>();
  private readonly anchorSets = new Map<string, { anchors: Set<string> | undefined; state: string }>();
  private readonly quickAnchorSets = new Map<string, { anchors: Set<string> | undefined; state: string }>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly listings = new Map<string, Listing>();

  private readonly placers = new Map<string, Placer>();
  private readonly placements = new Map<string, Placement>();
  private readonly pluginLayouts = new Map<string, PluginLayout | null>();
  private readonly pluginLayoutsOfFolders = new Map<string, PluginLayout | null>();
  /** Paths that changed since the project's files were listed (see `forget`): the listing's word on them is old. */
  private readonly changedSinceListing = new Set<string>();
  private readonly marketplaceRoots = new Map<string, PluginLayout[]>();
  /** The plugins the marketplaces looked at so far list, by their folder. */
  private readonly listedPlugins = new Map<string, PluginLayout>();
  private readonly skillFolders: ReturnType<typeof createSkillFolderProbe>;
  private realRootValue: string | undefined;

  /**
   * `isIgnored`: files the config ignores are not part of the project. `targets`: the hosts its docs are for.
   * `folders`: the folders the run's walk read, whose names answer before the disk is asked.
   */
  constructor(
    readonly root: string,
    private readonly isIgnored: (file: string) => boolean = () => false,
    readonly targets: readonly HostId[] = inferTargets(root).targets,
    private readonly folders?: ListedFolders,
  ) {
    this.skillFolders = createSkillFolderProbe(folders && ((dir) => folders.namesIn(dir)));
  }

  /** What the targets (by default the project's) load a file of this project as. */
  placement(file: string, targets: readonly HostId[] = this.targets): Placement {
    const key = targets === this.targets ? file : `${targets.join(",")}\0${file}`;
    let placement = this.placements.get(key);
    if (!placement) {
      placement = this.placerFor(targets).place(file);
      if (this.placements.size < 100_000) this.placements.set(key, placement);
    }
    return placement;
  }

  /** What the index asks of a file (see Placer.placeForIndex), under the project's targets. */
  private placeForIndex(file: string): Placement {
    return this.placements.get(file) ?? this.placerFor(this.targets).placeForIndex(file);
  }

  private placerFor(targets: readonly HostId[]): Placer {
    const key = targets.join(",");
    let placer = this.placers.get(key);
    if (!placer) this.placers.set(key, (placer = new Placer(this.root, targets, (inside) => this.pluginLayoutOf(inside), this.skillFolders)));
    return placer;
  }

  /**
   * The innermost plugin holding a file, from its folders upward: a folder with `.claude-plugin/plugin.json`, or
   * a local source of a `marketplace.json` above it. Looks at the file's own folders only, not the whole project.
   */
  private pluginLayoutOf(file: string): PluginLayout | undefined {
    // The same for every file of a folder: worked out once per folder.
    return this.pluginLayoutOfFolder(path.dirname(file));
  }

  private pluginLayoutOfFolder(folder: string): PluginLayout | undefined {
    let found = this.pluginLayoutsOfFolders.get(folder);
    if (found === undefined) this.pluginLayoutsOfFolders.set(folder, (found = this.pluginLayoutIn(folder) ?? null));
    return found ?? undefined;
  }

  /**
   * The folder's own plugin, else its parent's answer. The parent is worked out first, so every marketplace above
   * has listed its plugins (in `listedPlugins`, the innermost marketplace's entry last) by the time the folder is
   * looked up in them.
   */
  private pluginLayoutIn(folder: string): PluginLayout | undefined {
    if (!isInside(folder, this.root)) return undefined;
    const above = folder === this.root ? undefined : this.pluginLayoutOfFolder(path.dirname(folder));
    // A local source lies inside its marketplace's folder (`..` is refused), so only those can be below it.
    for (const layout of this.marketplaceLayouts(folder)) if (isInside(layout.root, folder)) this.listedPlugins.set(layout.root, layout);
    const own = this.pluginManifestLayout(folder);
    const listed = this.listedPlugins.get(folder);
    if (!own && !listed) return above;
    const manifests = [...new Set([...(own?.manifests ?? []), ...(listed?.manifests ?? [])])];
    return { root: folder, manifests, declared: { ...listed?.declared, ...own?.declared } };
  }

  /** The plugin manifests a folder holds, and the components its `.claude-plugin/plugin.json` declares. */
  private pluginManifestLayout(dir: string): PluginLayout | undefined {
    let layout = this.pluginLayouts.get(dir);
    if (layout === undefined) {
      const manifests = PLUGIN_MANIFESTS.filter((manifest) => this.isFile(dir, manifest));
      const claude = path.join(dir, ".claude-plugin", "plugin.json");
      const declared = manifests.includes(".claude-plugin/plugin.json") && !this.isOutside(claude) ? declaredComponents(readJson(claude), dir) : {};
      layout = manifests.length ? { root: dir, manifests, declared } : null;
      this.pluginLayouts.set(dir, layout);
    }
    return layout ?? undefined;
  }

  private marketplaceLayouts(dir: string): PluginLayout[] {
    let layouts = this.marketplaceRoots.get(dir);
    if (!layouts) {
      const manifest = path.join(dir, ".claude-plugin", "marketplace.json");
      layouts =
        this.isFile(dir, ".claude-plugin/marketplace.json") && !this.isOutside(manifest)
          ? findPlugins([manifest]).map((plugin) => ({ root: plugin.root, manifests: [".claude-plugin/plugin.json"], declared: declaredComponents(plugin.entry, plugin.root) }))
          : [];
      this.marketplaceRoots.set(dir, layouts);
    }
    return layouts;
  }

  /** The index's fingerprint, when it is known without building the index (a warm run whose stamp matched). */
  knownFingerprint: string | undefined;

  /** The ignore rule for the index (see `index`). */
  get indexIgnore(): ((file: string) => boolean) | undefined {
    return this.isIgnored(this.root) ? undefined : this.isIgnored;
  }

  private docChecksValue: DocChecks | undefined;

  /**
   * The checks the project's solution docs declare in their frontmatter, read once a run (a project without a
   * `docs/solutions/` folder costs one failed directory read). Throws DocCheckError for one that does not fit.
   */
  get docChecks(): DocChecks {
    return (this.docChecksValue ??= loadDocChecks(this.root, this.indexIgnore ?? (() => false), () => false));
  }

  get index(): ProjectIndex {
    // An ignore that covers the project's own root (a repository's `fixtures/**`, seen from a fixture project
    // linted on its own) is about the tree around it, not its files: honoured, it would leave the index empty.
    if (!this.indexValue) {
      const text = this.storedIndex?.();
      const stored = text === undefined ? undefined : decodeIndex(this.root, text);
      this.indexValue = new ProjectIndex(this.root, this.indexIgnore ?? (() => false), (file) => this.placeForIndex(file), (file) => this.readInside(file), [...this.overlay.keys()], {
        walked: this.walked,
        layout: this.layout,
        ...(stored ? { stored } : {}),
      });
    }
    return this.indexValue;
  }

  /** The index as the cache holds it (see index-cache.ts), when the run has a cache; set before the index is built. */
  storedIndex: (() => string | undefined) | undefined;
  /** The listing as the cache holds it (see project-snapshot.ts), when the run has a cache. */
  storedSnapshot: (() => SnapshotText | undefined) | undefined;
  /** What shapes the index besides the files: the options that decide what is ignored. */
  optionsKey = "";
  private walkedValue: WalkResult | undefined;
  private layoutValue: string | undefined;
  /** The stored listing, once checked: null when there is none, it does not hold, or the project was listed anew. */
  private snapshotValue: HeldSnapshot | null | undefined;

  /** The stored listing, when it still holds (checked on first use, before the project is listed). */
  private get snapshot(): HeldSnapshot | undefined {
    if (this.snapshotValue === undefined) {
      const text = this.walkedValue ? undefined : this.storedSnapshot?.();
      this.snapshotValue = (text !== undefined && checkSnapshot(this.root, text, this.snapshotKey, (file) => this.declaredName(file))) || null;
    }
    return this.snapshotValue ?? undefined;
  }

  /** What a snapshot is made under besides the files: the targets and the options that shape placements. */
  private get snapshotKey(): string {
    return hashText(`${this.targets.join(",")}\n${this.optionsKey}`);
  }

  /** A doc's declared name as the index reads it: see ProjectIndex. */
  private declaredName(file: string): IndexEntry["declared"] {
    indexStats.reads++;
    const text = this.readInside(file);
    return text === undefined ? null : (frontmatterName(text) ?? false);
  }

  /** The project's files, listed once (again after `forget` drops the index); a stored listing that holds is taken. */
  private get walked(): WalkResult {
    if (!this.walkedValue) {
      const held = this.snapshot;
      this.walkedValue = held?.walked ?? walkProject(this.root);
      this.listedHere = !held;
    }
    return this.walkedValue;
  }

  /** Whether the listing in use was made this run, not taken from the cache. */
  private listedHere = false;

  /**
   * Lists the project's files now, as its index will: a run over many of them then learns from the listing,
   * with no look at the disk, that a path is missing (a plugin manifest, a link's target).
   */
  list(): void {
    void this.walked;
  }

  /** The layout the index's placements depend on: the listing's, with the targets and the ignore options. */
  get layout(): string {
    return (this.layoutValue ??= this.snapshot?.layout ?? hashText(`${layoutHash(this.walked)}\n${this.targets.join(",")}\n${this.optionsKey}`));
  }

  /** See projectStamp; with a stored listing that holds, the stamp it was recorded with (its index is unchanged). */
  stamp(): string {
    return this.snapshot?.stamp ?? projectStamp(this.walked, this.layout);
  }

  /**
   * The stamp the listing holds for a file when the project is listed anyway (this run walked it, or a stored listing
   * was read); else undefined, so that the stamp of one file never costs a listing of the whole project.
   */
  listedStampIfListed(file: string): string | undefined {
    if (this.walkedValue) return this.walkedValue.stamps.get(file);
    return this.snapshotValue ? this.snapshotValue.listed(file) : undefined;
  }

  /** Whether this run holds a listing of the project (walked, or stored and still true). */
  isListed(): boolean {
    return this.walkedValue !== undefined || Boolean(this.snapshotValue);
  }

  /**
   * The listing made this run, with the index built from it, for the next run's cache (see project-snapshot.ts);
   * undefined when the project was not listed this run or the listing cannot be kept.
   */
  snapshotToStore(stamp: string = this.stamp()): string | undefined {
    if (!this.walkedValue || !this.listedHere || this.overlay.size) return undefined;
    const states = new Map<string, { state: string; readAt: number }>();
    for (const [dir, { knownState: state, readAt }] of this.listings) if (state !== undefined) states.set(dir, { state, readAt });
    return recordSnapshot(this.root, this.walkedValue, this.index.entries, this.snapshotKey, stamp, this.layout, states);
  }

  /** The index built this run, as the cache keeps it; undefined when it was not built. */
  indexToStore(): string | undefined {
    if (!this.indexValue || this.indexValue.unchangedFromStored) return undefined;
    return encodeIndex(this.root, this.layout, this.indexValue.entries);
  }

  /** Texts that win over the files on disk (an editor's unsaved buffers); set with `setOverlay`. */
  private readonly overlay = new Map<string, string>();

  /**
   * Takes a file's text from memory (`text`) or, with undefined, from disk again, and forgets what was read of it.
   * The index is rebuilt on its next use only when the file could change it: a definition's name, a manifest.
   */
  setOverlay(file: string, text: string | undefined): void {
    if (text === undefined) this.overlay.delete(file);
    else this.overlay.set(file, text.startsWith("\uFEFF") ? text.slice(1) : text);
    this.forget(file);
  }

  /** Forgets what was read of a file (a change on disk, a new or deleted file), and the index when it may differ. */
  forget(file: string): void {
    // The listing's word on it may be old (a folder is forgotten when a file in it is made or deleted).
    if (this.walkedValue || this.folders) this.changedSinceListing.add(file);
    this.snapshotValue = null;
    const known = this.states.get(file);
    this.states.delete(file);
    this.anchorSets.delete(file);
    this.quickAnchorSets.delete(file);
    this.texts.delete(file);
    this.listings.delete(path.dirname(file));
    // A solution doc may declare checks: they are read again on their next use.
    if (this.docChecksValue && MARKDOWN.test(file) && isInside(file, path.join(this.root, "docs", "solutions"))) this.docChecksValue = undefined;
    if (!this.indexValue) return;
    const entity = this.indexValue.entityOf(file);
    const base = path.basename(file);
    if (base === "plugin.json" || base === "marketplace.json" || /\.[cm]?js$/.test(base)) {
      this.pluginLayouts.clear();
      this.pluginLayoutsOfFolders.clear();
      this.marketplaceRoots.clear();
      this.listedPlugins.clear();
      this.changedSinceListing.clear();
      this.placements.clear();
      this.indexValue = undefined;
      this.walkedValue = undefined;
      this.layoutValue = undefined;
    } else if (entity) {
      const text = this.readInside(file);
      const declared = text === undefined ? undefined : frontmatterName(text);
      const same = text !== undefined && (declared?.value.trim() || undefined) === (entity.nameRange ? entity.name : undefined) && declared?.start === entity.nameRange?.[0] && declared?.end === entity.nameRange?.[1];
      if (!same) this.indexValue.refresh(file, this.placement(file));
    } else if (known !== "file" && MARKDOWN.test(base)) {
      this.indexValue.refresh(file, this.placement(file));
    }
  }

  /**
   * Whether a file or folder lies outside the project once symlinks are followed (a symlink out, a `../` link
   * past the root): such a file is never read. A path that does not resolve is not outside: reading it fails.
   */
  isOutside(file: string): boolean {
    this.realRootValue ??= realPath(this.root) ?? this.root;
    const real = realPath(file);
    return real !== undefined && !isInside(real, this.realRootValue);
  }

  /** A file's text when it lies in the project; outside it, as if it could not be read. */
  private readInside(file: string): string | undefined {
    const open = this.overlay.get(file);
    if (open !== undefined) return open;
    return this.isOutside(file) ? undefined : readText(file);
  }

  /**
   * True when the project's listing shows nothing at `name` in `dir` (see ListedFolders.absent): no look at the
   * disk is needed to know it is missing. False when it cannot tell, or before the project's files are listed.
   */
  listedAbsent(dir: string, name: string): boolean {
    if (!(this.walkedValue?.folders ?? this.folders)?.absent(dir, name, this.changedSinceListing)) return false;
    return !this.overlay.size || !this.overlay.has(path.join(dir, name));
  }

  /** Whether a file (anything but a folder) is at `name` in `dir`, asking the disk only when the listing cannot tell. */
  private isFile(dir: string, name: string): boolean {
    return !this.listedAbsent(dir, name) && this.fileState(path.join(dir, name)) === "file";
  }

  fileState(file: string): FileState {
    let state = this.states.get(file);
    if (state === undefined && this.overlay.has(file)) state = "file";
    // What the listing shows nothing at is missing, with no look at the disk.
    if (state === undefined && this.walkedValue && this.listedAbsent(path.dirname(file), path.basename(file))) state = "missing";
    if (state === undefined) {
      try {
        state = statSync(file).isDirectory() ? "dir" : "file";
      } catch {
        state = "missing";
      }
      this.states.set(file, state);
    }
    return state;
  }

  /**
   * A file's text. The last few are kept (the reference files of one skill ask for its SKILL.md in a row);
   * keeping them all would make a run's memory grow with the project.
   */
  text(file: string): string | undefined {
    if (this.texts.has(file)) {
      const text = this.texts.get(file);
      this.texts.delete(file);
      this.texts.set(file, text);
      return text;
    }
    const text = this.readInside(file);
    this.texts.set(file, text);
    if (this.texts.size > KEPT_TEXTS) this.texts.delete(this.texts.keys().next().value!);
    return text;
  }

  /** The names in a folder, sorted; none when it cannot be read. */
  listing(dir: string): string[] {
    return this.folder(dir).names;
  }

  /**
   * A folder's listing with what is asked of it for every file in it, worked out once: a skill folder of thousands
   * of references would otherwise hash and search its whole listing once per reference.
   */
  folder(dir: string): Listing {
    let listing = this.listings.get(dir);
    if (!listing) {
      let names: string[] = [];
      try {
        if (!this.isOutside(dir)) names = readdirSync(dir).sort();
      } catch {
        // Unreadable: no names.
      }
      listing = new Listing(names);
      this.listings.set(dir, listing);
    }
    return listing;
  }

  /** A markdown file's anchors, and the state a cached result compares: the hash of its text. */
  anchors(file: string, known?: string): { anchors: Set<string> | undefined; state: string } {
    let found = this.anchorSets.get(file);
    if (!found) {
      // Read without keeping the text: only its anchors are needed again.
      const text = known ?? this.readInside(file);
      found = { anchors: text === undefined ? undefined : anchorsOf(parseMarkdown(text)), state: textHash(text) };
      this.anchorSets.set(file, found);
    }
    return found;
  }

  /**
   * Whether a markdown file has an anchor: from its lines when its headings are plain text, else from its
   * parse. Undefined when the file cannot be read. `state` is what a cached result compares: its text's hash.
   */
  hasAnchor(file: string, anchor: string): { found: boolean; anchors: Set<string>; state: string } | undefined {
    let quick = this.quickAnchorSets.get(file);
    let text: string | undefined;
    if (!quick && !this.anchorSets.has(file)) {
      text = this.readInside(file);
      quick = { anchors: text === undefined ? undefined : quickAnchors(text), state: textHash(text) };
      this.quickAnchorSets.set(file, quick);
      if (text === undefined) return undefined;
    }
    if (quick?.anchors?.has(anchor)) return { found: true, anchors: quick.anchors, state: quick.state };
    // A miss on the quick read parses the text just read, not a second read of the file.
    const full = this.anchors(file, text);
    return full.anchors ? { found: full.anchors.has(anchor), anchors: full.anchors, state: full.state } : undefined;
  }

  /** The text hash of a file whose anchors a cached result read: checking it needs no parse. */
  private anchorsState(file: string): string {
    const known = this.anchorSets.get(file) ?? this.quickAnchorSets.get(file);
    return known ? known.state : textHash(this.readInside(file));
  }

  /** The current answer to a recorded question, to compare with what a cached result saw. */
  state(dependency: string): string {
    const kind = dependency.slice(0, 2);
    const file = dependency.slice(2);
    if (kind === "f:") return this.fileState(file);
    if (kind === "a:") return this.anchorsState(file);
    if (kind === "t:") return textHash(this.text(file));
    // From the stored listing in a run that took it whole (over many files): a run over a few reads the folders asked.
    if (kind === "l:") return (!this.listings.has(file) && this.walkedValue && this.snapshot?.listingState(file)) || this.folder(file).state;
    return this.knownFingerprint ?? this.index.fingerprint;
  }
}

function textHash(text: string | undefined): string {
  return text === undefined ? "missing" : hashText(text);
}

/**
 * A file's window on its project. It records every question asked and its answer, so a cached result
 * can be checked against the project as it is now.
 */
export class ProjectView {
  readonly dependencies: Record<string, string> = {};

  constructor(private readonly project: Project) {}

  get root(): string {
    return this.project.root;
  }

  /**
   * Every host skill-lint knows that would load this file from where it is, targets or not: `.claude/skills/` is
   * read by Copilot CLI, Cursor and OpenCode too. From the path alone, so nothing to record for the cache.
   */
  hostsReading(file: string): readonly HostId[] {
    const placement = this.project.placement(file, ALL_HOSTS);
    return placement.loadKind ? placement.hosts : [];
  }

  /** The root of the plugin the project's targets load this file from, if a plugin's component. From the path and the plugin manifests. */
  pluginRootOf(file: string): string | undefined {
    return this.project.placement(file).plugin;
  }

  fileState(file: string): FileState {
    const state = this.project.fileState(file);
    this.dependencies[`f:${file}`] = state;
    return state;
  }

  /** Whether a markdown file has an anchor, with its anchors for "did you mean"; undefined when it cannot be read. */
  hasAnchor(file: string, anchor: string): { found: boolean; anchors: Set<string> } | undefined {
    const answer = this.project.hasAnchor(file, anchor);
    this.dependencies[`a:${file}`] = answer?.state ?? "missing";
    return answer;
  }

  listing(dir: string): string[] {
    return this.folder(dir).names;
  }

  folder(dir: string): Listing {
    const listing = this.project.folder(dir);
    this.dependencies[`l:${dir}`] = listing.state;
    return listing;
  }

  text(file: string): string | undefined {
    const text = this.project.text(file);
    this.dependencies[`t:${file}`] = textHash(text);
    return text;
  }

  get index(): ProjectIndex {
    const index = this.project.index;
    this.dependencies.index = index.fingerprint;
    return index;
  }
}

/** Where a run with a cache finds each project's stored index and listing, and the options that shape every index. */
export interface IndexCache {
  storedIndex(root: string): string | undefined;
  storedSnapshot(root: string): SnapshotText | undefined;
  optionsKey: string;
}

function useIndexCache(project: Project, root: string, { storedIndex, storedSnapshot, optionsKey }: IndexCache): void {
  project.storedIndex = () => storedIndex(root);
  project.storedSnapshot = () => storedSnapshot(root);
  project.optionsKey = optionsKey;
}

/**
 * The projects of one run. A file's project is its repository (the nearest folder above it holding
 * `.git`); outside any repository, the folder given as the fallback.
 */
export class Projects {
  private readonly projects = new Map<string, Project>();
  private readonly finder: RootFinder;

  constructor(
    private readonly isIgnored: (file: string) => boolean = () => false,
    private readonly targetsOf: (root: string) => readonly HostId[] | undefined = () => undefined,
    private readonly folders?: ListedFolders,
  ) {
    this.finder = new RootFinder(folders && ((dir, name) => folders.absent(dir, name)));
  }

  rootOf(file: string, fallback: string): string {
    return this.finder.repositoryRoot(path.dirname(file)) ?? fallback;
  }

  private indexCache: IndexCache | undefined;

  useIndexCache(indexCache: IndexCache): void {
    this.indexCache = indexCache;
    for (const [root, project] of this.projects) useIndexCache(project, root, indexCache);
  }

  get(root: string): Project {
    let project = this.projects.get(root);
    if (!project) {
      project = new Project(root, this.isIgnored, this.targetsOf(root) ?? inferTargets(root).targets, this.folders);
      if (this.indexCache) useIndexCache(project, root, this.indexCache);
      this.projects.set(root, project);
    }
    return project;
  }

  /** True when a project's listing shows nothing at `name` in `dir` (see Project.listedAbsent). */
  listedAbsent(dir: string, name: string): boolean {
    for (const project of this.projects.values()) if (project.listedAbsent(dir, name)) return true;
    return false;
  }

  /** True when every recorded answer still holds. */
  unchanged(root: string, dependencies: Record<string, string>): boolean {
    const project = this.get(root);
    return Object.entries(dependencies).every(([dependency, state]) => project.state(dependency) === state);
  }
}

/**
 * The folder that files outside any repository belong to: the folder holding them all (`skill-lint docs/` makes
 * it `docs/`), never more. Taking the current folder instead would, run from a home folder, index all of it.
 */
export function fallbackRoot(files: readonly string[], cwd: string): string {
  if (!files.length) return cwd;
  let common = path.dirname(files[0]!);
  for (const file of files) while (!isInside(file, common)) common = path.dirname(common);
  // Never inside a host's folder (`skill-lint .` where only `.claude/commands/` holds docs): the folder holding it is
  // the project, or nothing there would be where a host looks.
  const segments = common.split(path.sep);
  const hostFolder = segments.findIndex((segment) => HOST_FOLDERS.has(segment));
  return hostFolder > 0 ? segments.slice(0, hostFolder).join(path.sep) || path.sep : common;
}

/** The folders hosts keep their docs in (`.claude`, `.github`, `.codex`): the first segment of each dot-marker. */
const HOST_FOLDERS: ReadonlySet<string> = new Set(HOSTS.flatMap((host) => host.markers.filter((marker) => marker.startsWith(".")).map((marker) => marker.split("/")[0]!)));
