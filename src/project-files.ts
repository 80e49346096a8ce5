/**
 * The files a project's index reads: its markdown, plugin manifests and workflow scripts, found by walking its
 * folders or, in a git work tree, from `git ls-files` (the same files, in the same order, with the same rules),
 * each with a stamp that changes when the file may have.
 */
import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ALWAYS_SKIPPED_DIRS, ancestorGitignores, isInside, isGitignored, readGitignore, withFolderGitignore, type GitignoreLayer } from "./files.js";
import { hashText } from "./cache.js";
import { MANIFEST_FILE } from "./kinds.js";
import { PLUGIN_MANIFESTS } from "./placement.js";

export const MARKDOWN = /\.(?:md|markdown)$/i;
export const WORKFLOW_SCRIPT = /[\\/]workflows[\\/][^\\/]+\.[cm]?js$/;

export interface WalkResult {
  markdown: string[];
  manifests: string[];
  /** Scripts in `workflows/` folders: a plugin's workflows, run as `/plugin:name`. */
  workflows: string[];
  /**
   * Stamps known from the listing: git's blob id of a file git vouches is as its index holds it, else the size
   * and time of a file the listing looked at. Files not in it are stamped by `fileStamp`.
   */
  stamps: Map<string, string>;
  /**
   * Every path the listing saw (any file or folder, not only the lists'), with the stamps of the files that shape
   * where docs belong and what is ignored (configs, package.json, .gitignore, plugin manifests). While it is the
   * same, so is what each listed file is placed as, and whether it is ignored.
   */
  layout: string[];
  /** The folders the listing read whole, and their names: what it tells of a path without a look at the disk. */
  folders: ListedFolders;
  /** When the listing began (`Date.now()`): what changed after it may not show in it. */
  listedAt: number;
  /** Set when it names a path that git did not look at on disk (a sparse checkout's file): not all its names are there. */
  unseen?: boolean;
}

/** A name as a file system that ignores case matches it (names that are not plain ASCII are not answered for). */
function foldedName(name: string): string {
  return name.toLowerCase();
}

/**
 * The names in each folder a listing read whole (a walk's folders; in a git work tree, the folders git scanned:
 * those holding a file it vouches for), so that "is there a `skill-lint.config.json` here?" needs no look at the
 * disk when the answer is no. A yes is only a hint: the caller looks at the disk, as for a path outside them.
 */
export class ListedFolders {
  /** Each known folder's names, folded (see `foldedName`); all of them only in the folders of `whole`. */
  private readonly names = new Map<string, Set<string>>();
  private readonly whole = new Set<string>();

  /** `showsGit`: the folders were read from the disk (a run's walk), so their names include `.git` where it is. */
  constructor(
    readonly root: string,
    private readonly showsGit = false,
  ) {}

  /** A folder read whole, with its names. */
  read(dir: string, names: readonly string[]): void {
    this.add(dir, false);
    let known = this.names.get(dir);
    if (!known) this.names.set(dir, (known = new Set()));
    for (const name of names) known.add(foldedName(name));
    this.whole.add(dir);
  }

  /**
   * A path the listing names; with `whole`, each folder from its own up to the root was read whole. Each folder
   * is added to its parent's names, up to the root or to one already known.
   */
  add(file: string, whole: boolean): void {
    for (let child = file, dir = path.dirname(file); isInside(dir, this.root); child = dir, dir = path.dirname(dir)) {
      let known = this.names.get(dir);
      const done = known !== undefined && (!whole || this.whole.has(dir));
      if (!known) this.names.set(dir, (known = new Set()));
      known.add(foldedName(path.basename(child)));
      if (whole) this.whole.add(dir);
      if (done || dir === this.root) return;
    }
  }

  /**
   * A path that is no folder though the listing names files below it (a tracked folder replaced by a symlink):
   * it and the folders below it were not read whole.
   */
  notFolder(file: string): void {
    if (this.whole.delete(file)) for (const dir of this.whole) if (isInside(dir, file)) this.whole.delete(dir);
  }

  /** The folders read whole. */
  wholeFolders(): Iterable<string> {
    return this.whole;
  }

  /** The names of a folder read whole, folded (see `foldedName`); undefined for any other. */
  namesIn(dir: string): ReadonlySet<string> | undefined {
    return this.whole.has(dir) ? this.names.get(dir) : undefined;
  }

  /** The root was read whole (git lists every file of the folders it scans, and it scans the root). */
  readRoot(): void {
    if (!this.names.has(this.root)) this.names.set(this.root, new Set());
    this.whole.add(this.root);
  }

  /**
   * True when the listing shows nothing at `name` in `dir` (a name, or a path below it such as
   * `.claude-plugin/plugin.json`): `dir` was read whole and has no entry of its first segment, in any case.
   * False when it cannot tell: a folder not read whole, a name it lists, a name that is not plain ASCII, `.git`
   * (which git's listing never shows, unless `showsGit`), or `dir` or a path on the way in `changed`
   * (see `Project.forget`), which may be new.
   */
  absent(dir: string, name: string, changed?: ReadonlySet<string>): boolean {
    const names = this.whole.has(dir) ? this.names.get(dir) : undefined;
    if (!names) return false;
    const slash = name.indexOf("/");
    const first = foldedName(slash < 0 ? name : name.slice(0, slash));
    if ((first === ".git" && !this.showsGit) || !/^[\x20-\x7e]+$/.test(first) || names.has(first)) return false;
    if (!changed?.size) return true;
    // A file made since (its folder is forgotten with it), or a folder holding one.
    let at = dir;
    for (const segment of ["", ...name.split("/")]) {
      at = segment ? path.join(at, segment) : at;
      if (changed.has(at)) return false;
    }
    return true;
  }
}

/** Files whose text decides where docs belong or what is ignored, not only their existence. */
let layoutFiles: Set<string> | undefined;
/** The names of config files (config.ts's CONFIG_FILES). */
export const CONFIG_FILE = /^(?:skill-lint\.config|\.skill-lintrc)\.(?:json|ya?ml)$/;

function addToLayout(result: WalkResult, full: string, stamp: () => string): void {
  // Made on first use: placement.ts may not be loaded yet when this module is.
  layoutFiles ??= new Set(["package.json", ".gitignore", ...PLUGIN_MANIFESTS.map((manifest) => path.basename(manifest))]);
  const name = path.basename(full);
  result.layout.push(layoutFiles.has(name) || CONFIG_FILE.test(name) ? `${full}\0${stamp()}` : full);
}

/** The hash of a listing's layout: see `WalkResult.layout`. */
export function layoutHash(result: WalkResult): string {
  return hashText(result.layout.join("\n"));
}

/** A file's stamp from its size and modification time; `missing` when it cannot be read. */
export function fileStamp(file: string, known?: { size: number; mtimeMs: number }): string {
  try {
    const { size, mtimeMs } = known ?? statSync(file);
    return `${size}:${mtimeMs}`;
  } catch {
    return "missing";
  }
}

/** Sorts one regular file into the lists, with the walk's rules; `layers` are the ignore rules of its folder. */
function addCandidate(result: WalkResult, full: string, name: string, layers: GitignoreLayer[]): void {
  if (MARKDOWN.test(name)) {
    if (!isGitignored(layers, full, false)) result.markdown.push(full);
  } else if (MANIFEST_FILE.test(full)) result.manifests.push(full);
  else if (WORKFLOW_SCRIPT.test(full) && !isGitignored(layers, full, false)) result.workflows.push(full);
}

function isCandidate(full: string, name: string): boolean {
  return MARKDOWN.test(name) || MANIFEST_FILE.test(full) || WORKFLOW_SCRIPT.test(full);
}

/** Reads a folder and everything below it that is not skipped or ignored; `layers` are the rules above it. */
function visit(result: WalkResult, dir: string, layers: GitignoreLayer[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  const active = withFolderGitignore(dir, entries, layers);
  result.folders.read(dir, entries.map((entry) => entry.name));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    addToLayout(result, full, () => fileStamp(full));
    if (entry.isDirectory()) {
      if (!ALWAYS_SKIPPED_DIRS.has(entry.name) && !isGitignored(active, full, true)) visit(result, full, active);
    } else if (entry.isFile()) addCandidate(result, full, entry.name, active);
  }
}

export function emptyResult(root: string, listedAt = Date.now()): WalkResult {
  return { markdown: [], manifests: [], workflows: [], stamps: new Map(), layout: [], folders: new ListedFolders(root), listedAt };
}

/** Whether `dir` or a folder above it holds `.git`. */
function inWorkTree(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, ".git"))) return true;
    if (path.dirname(current) === current) return false;
  }
}

/** Git without the repository a hook's environment names (`GIT_DIR` is the one being committed to, not `root`'s). */
function gitEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^GIT_(?:DIR|WORK_TREE|INDEX_FILE|PREFIX|COMMON_DIR|OBJECT_DIRECTORY|NAMESPACE)$/.test(name)));
}

/**
 * Git's blob ids of some files of a work tree that git reports unchanged (`H`), keyed by absolute path: the stamps a
 * run over a few files takes for those whose size and times have not settled, without a listing of the whole
 * project. Empty when git is absent or fails.
 */
export function gitStampsOf(root: string, files: readonly string[]): Map<string, string> {
  const stamps = new Map<string, string>();
  if (!files.length || process.env.SKILL_LINT_NO_GIT_LISTING || !inWorkTree(root)) return stamps;
  const output = lsFiles(root, ["--cached", "--modified", "--", ...files.map((file) => path.relative(root, file))]);
  const changed = new Set<string>();
  for (const record of output?.split("\0") ?? []) {
    const tracked = trackedRecord(record);
    if (!tracked) continue;
    const file = path.join(root, tracked.relative);
    if (tracked.tag === "H") stamps.set(file, `git:${tracked.blob}`);
    else changed.add(file);
  }
  for (const file of changed) stamps.delete(file);
  return stamps;
}

/**
 * `git ls-files -z -t -v -s` and `args`, run in `root`: its output, or undefined when git fails. -t: H cached, S
 * skip-worktree, M unmerged, C modified, R removed, ? untracked; -v: lower case when assume-unchanged (git does not
 * look at such a file, so neither may its blob id stand for it).
 */
function lsFiles(root: string, args: readonly string[]): string | undefined {
  try {
    const run = spawnSync("git", ["ls-files", "-z", "-t", "-v", "-s", ...args], {
      cwd: root,
      encoding: "utf8",
      maxBuffer: 1 << 30,
      stdio: ["ignore", "pipe", "ignore"],
      env: gitEnvironment(),
    });
    return run.error || run.status !== 0 ? undefined : run.stdout;
  } catch {
    return undefined;
  }
}

/** A tracked file's record of `ls-files -t -s` (`H 100644 <blob> 0\t<path>`): undefined for any other. */
function trackedRecord(record: string): { tag: string; mode: string; blob: string; relative: string } | undefined {
  const tab = record.indexOf("\t");
  if (tab < 0 || record[1] !== " " || record[0] === "?") return undefined;
  const [mode, blob] = record.slice(2, tab).split(" ");
  return mode && blob ? { tag: record[0]!, mode, blob, relative: record.slice(tab + 1) } : undefined;
}

/**
 * The walk's answer from git's listing of a work tree. Every file git knows of (tracked, or untracked, ignored or
 * not) is listed, and folders git has nothing tracked in come as `dir/`; the walk's own folder and ignore rules
 * then decide, and an untracked folder, a submodule or a tracked file that became a folder is walked. A tracked
 * file git reports unchanged (`H`) is a regular file, a symlink or a submodule by its mode and is stamped by its
 * blob id, without a look at the disk; any other file is looked at. Undefined when git is absent, `root` is not
 * in a work tree, or git fails, so the caller walks instead.
 */
function listFromGit(root: string): WalkResult | undefined {
  if (process.env.SKILL_LINT_NO_GIT_LISTING || !inWorkTree(root)) return undefined;
  const listedAt = Date.now();
  const output = lsFiles(root, ["--cached", "--modified", "--deleted", "--others", "--directory"]);
  if (output === undefined) return undefined;
  interface Listed {
    mode?: string;
    blob?: string;
    clean: boolean;
    removed: boolean;
    /** Git looked at it on disk and found it there (untracked, or tracked and not skipped): its folders are real. */
    seen: boolean;
  }
  const result = emptyResult(root, listedAt);
  const listed = new Map<string, Listed>();
  const folders: string[] = [];
  for (const record of output.split("\0")) {
    if (!record) continue;
    const tag = record[0]!;
    if (record[1] !== " ") return undefined;
    if (tag === "?") {
      const relative = record.slice(2);
      if (relative.endsWith("/")) folders.push(relative.slice(0, -1));
      else if (!listed.has(relative)) listed.set(relative, { clean: false, removed: false, seen: true });
      continue;
    }
    const tracked = trackedRecord(record);
    if (!tracked) return undefined;
    const { mode, blob, relative } = tracked;
    const entry = listed.get(relative) ?? { mode, blob, clean: true, removed: false, seen: tag === "H" || tag === "C" };
    if (tag !== "H") entry.clean = false;
    if (tag === "R" || tag === "r") entry.removed = true;
    listed.set(relative, entry);
  }
  const withIgnore = new Set<string>([root]);
  for (const relative of [...listed.keys(), ...folders]) {
    if (path.basename(relative) === ".gitignore") withIgnore.add(path.join(root, path.dirname(relative)));
  }
  const rootLayers = ancestorGitignores(root);
  const rootOwn = readGitignore(root);
  const layersByDir = new Map<string, GitignoreLayer[] | null>([[root, rootOwn ? [...rootLayers, rootOwn] : rootLayers]]);
  /** A folder's ignore rules, own file included; null when the walk would not enter it. */
  const layersOf = (dir: string): GitignoreLayer[] | null => {
    let known = layersByDir.get(dir);
    if (known !== undefined) return known;
    const parent = path.dirname(dir) === dir ? null : layersOf(path.dirname(dir));
    if (!parent || ALWAYS_SKIPPED_DIRS.has(path.basename(dir)) || isGitignored(parent, dir, true)) known = null;
    else {
      const own = withIgnore.has(dir) ? readGitignore(dir) : undefined;
      known = own ? [...parent, own] : parent;
    }
    layersByDir.set(dir, known);
    return known;
  };
  /** A folder the walk enters that git did not list the files of: walked as the walk does. */
  const walkFolder = (dir: string): void => {
    const parent = layersOf(path.dirname(dir));
    if (!parent || ALWAYS_SKIPPED_DIRS.has(path.basename(dir)) || isGitignored(parent, dir, true)) return;
    visit(result, dir, parent);
  };
  // Git scans every folder of the work tree it can, and lists each file and, as `dir/`, each folder it did not go into.
  result.folders.readRoot();
  for (const folder of folders) {
    if (folder.startsWith("../")) return undefined;
    result.folders.add(path.join(root, folder), true);
    result.layout.push(path.join(root, folder) + path.sep);
    walkFolder(path.join(root, folder));
  }
  for (const [relative, entry] of listed) {
    if (entry.removed || relative.startsWith("../")) continue;
    const full = path.join(root, relative);
    const name = path.basename(full);
    result.folders.add(full, entry.seen);
    if (!entry.seen) result.unseen = true;
    addToLayout(result, full, () => (entry.clean ? `git:${entry.blob}` : fileStamp(full)));
    if (entry.clean) {
      if (entry.mode === "160000") walkFolder(full);
      else if (entry.mode?.startsWith("100") && isCandidate(full, name)) {
        const layers = layersOf(path.dirname(full));
        if (layers) {
          addCandidate(result, full, name, layers);
          result.stamps.set(full, `git:${entry.blob}`);
        }
      }
      continue;
    }
    // Changed, untracked, or not looked at by git: what is on disk decides. A tracked file git reports changed
    // may have become a folder; any other file is looked at only when its name could make it a candidate.
    if (entry.mode === undefined && !isCandidate(full, name)) continue;
    let stat;
    try {
      stat = lstatSync(full);
    } catch {
      continue;
    }
    if (stat.isDirectory()) walkFolder(full);
    else if (stat.isFile() && isCandidate(full, name)) {
      const layers = layersOf(path.dirname(full));
      if (layers) {
        addCandidate(result, full, name, layers);
        result.stamps.set(full, fileStamp(full, stat));
      }
    }
  }
  for (const [relative, entry] of listed) if (entry.mode === undefined) result.folders.notFolder(path.join(root, relative));
  for (const list of [result.markdown, result.manifests, result.workflows]) sortInWalkOrder(list);
  return result;
}

/**
 * Sorts paths in the order of a walk: depth first, each folder's names sorted (as Node lists them), so a folder's
 * files come before a sibling whose name sorts after the folder's (`a/x.md` before `a-b.md`). With each separator
 * made the lowest character, that is plain string order.
 */
function sortInWalkOrder(files: string[]): void {
  const keyed = files.map((file) => ({ file, key: file.split(path.sep).join("\0") }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (let i = 0; i < keyed.length; i++) files[i] = keyed[i]!.file;
}

/** How many times a run listed a project's files (a warm run whose stored listing holds lists none). */
export const walkStats = { walks: 0 };

/** The files a project's index reads, in walk order: listed by git in a work tree, else found by walking. */
export function walkProject(root: string): WalkResult {
  walkStats.walks++;
  const listed = listFromGit(root);
  if (listed) return listed;
  const result = emptyResult(root);
  visit(result, root, ancestorGitignores(root));
  return result;
}
