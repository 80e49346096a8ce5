import { existsSync, readdirSync, statSync, type Stats } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import { MANIFEST_FILE } from "./kinds.js";
import { slowGlob } from "./patterns.js";
import { MAX_CONFIG_BYTES, readBoundedText } from "./read.js";

/** Whether a path is a folder or lies in it, by their text: both absolute and normalized. */
export function isInside(file: string, dir: string): boolean {
  return file === dir || file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

export class PathError extends Error {}

/** A file's status, following links, or undefined when there is nothing there. */
export function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** Markdown, and Cursor's `.mdc` rule files (markdown with frontmatter). */
const MARKDOWN = /\.mdc?$/i;
export const ALWAYS_SKIPPED_DIRS = new Set(["node_modules", ".git"]);
export const ALWAYS_SKIPPED_FILES = /^(?:changelog|license)(?:\.|$)/i;

export interface GitignoreLayer {
  dir: string;
  rules: Ignore;
}

export function readGitignore(dir: string): GitignoreLayer | undefined {
  try {
    return { dir, rules: ignore().add(readBoundedText(path.join(dir, ".gitignore"), MAX_CONFIG_BYTES)) };
  } catch {
    return undefined;
  }
}

/** The ignore rules in a folder: those above it, and its own `.gitignore` when its listing has one. */
export function withFolderGitignore(dir: string, entries: readonly { name: string }[], layers: GitignoreLayer[]): GitignoreLayer[] {
  const own = entries.some((entry) => entry.name === ".gitignore") ? readGitignore(dir) : undefined;
  return own ? [...layers, own] : layers;
}

/** .gitignore files from the folder's ancestors, up to the repository root. */
export function ancestorGitignores(dir: string): GitignoreLayer[] {
  const layers: GitignoreLayer[] = [];
  let current = path.dirname(dir);
  while (true) {
    const layer = readGitignore(current);
    if (layer) layers.unshift(layer);
    if (existsSync(path.join(current, ".git"))) break;
    const parent = path.dirname(current);
    if (parent === current) return [];
    current = parent;
  }
  return layers;
}

export function isGitignored(layers: GitignoreLayer[], file: string, isDir: boolean): boolean {
  for (const layer of layers) {
    const relative = path.relative(layer.dir, file).split(path.sep).join("/");
    if (!relative || relative.startsWith("..")) continue;
    if (layer.rules.ignores(isDir ? `${relative}/` : relative)) return true;
  }
  return false;
}

/**
 * Collects the markdown files and plugin manifests under a folder. Synchronous: on a local disk one
 * blocking listing costs far less than an awaited one, and the walk has nothing else to wait for.
 */
function walk(dir: string, layers: GitignoreLayer[], out: string[], accept: (file: string) => boolean, onFolder?: FolderListener, links?: Set<string>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    // A folder deeper than the system's PATH_MAX cannot be listed: taken as a path, so the run reports it.
    if ((error as NodeJS.ErrnoException).code === "ENAMETOOLONG") out.push(dir);
    return;
  }
  onFolder?.(dir, entries.map((entry) => entry.name));
  const active = withFolderGitignore(dir, entries, layers);
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    // Symlinked folders are not followed, so a link loop cannot trap the walk.
    if (entry.isDirectory()) {
      if (ALWAYS_SKIPPED_DIRS.has(entry.name) || isGitignored(active, full, true)) continue;
      // A folder whose name is not UTF-8 cannot be opened by the name Node decodes: taken as a path, so the
      // run reports it rather than skip its docs without a word.
      if (hasUndecodableName(entry.name)) out.push(full);
      else walk(full, active, out, accept, onFolder, links);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      if (MANIFEST_FILE.test(full)) {
        if (!isGitignored(active, full, false) && accept(full)) {
          out.push(full);
          if (entry.isSymbolicLink()) links?.add(full);
        }
        continue;
      }
      if (!MARKDOWN.test(entry.name) || ALWAYS_SKIPPED_FILES.test(entry.name)) continue;
      if (entry.isSymbolicLink() && !isFile(full)) continue;
      if (isGitignored(active, full, false) || !accept(full)) continue;
      out.push(full);
      if (entry.isSymbolicLink()) links?.add(full);
    }
  }
}

/** Linux's limit on a path's length; a longer one cannot be opened or listed. */
const PATH_MAX = 4096;

/** A name Node decoded with replacement characters: its bytes are not UTF-8, and the decoded path names nothing. */
export function hasUndecodableName(name: string): boolean {
  return name.includes("\uFFFD");
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Turns CLI arguments (files, folders, globs) into a sorted list of absolute markdown paths.
 * Folders are walked for `*.md`, honouring .gitignore; a named file is taken as given.
 */
export async function expandPaths(patterns: string[], cwd: string): Promise<string[]> {
  return (await expandPathsNamed(patterns, cwd)).map(({ file }) => file);
}

/** A file to lint, and whether it was named (as a file or by a glob) rather than found in a folder walk. */
export interface FoundFile {
  file: string;
  named: boolean;
  /**
   * The folder a walk found it from, when neither it nor a folder between is a symlink (a walk follows none): then
   * it lies wherever that folder does.
   */
  under?: string;
}

/** Told the names in each folder a walk reads. */
type FolderListener = (dir: string, names: readonly string[]) => void;

/**
 * Like `expandPaths`, saying of each file whether a path or glob named it: a folder walk takes only agent docs.
 * `onFolder` hears of each folder the walk reads, with its names.
 */
export async function expandPathsNamed(patterns: string[], cwd: string, onFolder?: FolderListener): Promise<FoundFile[]> {
  const found = new Map<string, boolean>();
  const under = new Map<string, string>();
  for (const pattern of patterns) {
    // path.resolve reads "" as the current folder: an empty argument (an unset shell variable) must not lint it all.
    if (pattern === "") throw new PathError(`an empty path or glob was given; name a file, folder or glob (the default is ".")`);
    const absolute = path.resolve(cwd, pattern);
    const info = await stat(absolute).catch(() => undefined);
    if (info?.isFile()) {
      found.set(absolute, true);
      continue;
    }
    const out: string[] = [];
    const links = new Set<string>();
    const walked = info?.isDirectory() === true;
    if (walked) {
      walk(absolute, ancestorGitignores(absolute), out, () => true, onFolder, links);
    } else {
      const scan = picomatch.scan(pattern);
      if (!scan.isGlob && hasUndecodableName(pattern)) throw new PathError(`${pattern}: its name is not UTF-8, and skill-lint cannot open it; rename it to lint it`);
      if (!scan.isGlob) throw new PathError(`${pattern}: no such file or directory`);
      const slow = slowGlob(pattern);
      if (slow) throw new PathError(`${pattern}: ${slow}`);
      const base = path.resolve(cwd, scan.base || ".");
      const isMatch = picomatch(pattern.replace(/^\.\//, ""), { dot: true });
      if (existsSync(base)) {
        walk(base, ancestorGitignores(base), out, (file) => isMatch(path.relative(cwd, file).split(path.sep).join("/")), onFolder, links);
      }
      // As in ESLint: a glob that finds nothing is most likely mistyped, and a green run would hide that.
      if (out.length === 0) throw new PathError(`${pattern}: no markdown files match this glob`);
    }
    // A path whose name is not UTF-8, or too long to open, counts as named: it is reported, whatever would load it.
    const base = walked ? absolute : path.resolve(cwd, picomatch.scan(pattern).base || ".");
    for (const file of out) {
      found.set(file, found.get(file) === true || !walked || hasUndecodableName(file) || file.length >= PATH_MAX);
      if (!links.has(file) && file !== base && !under.has(file)) under.set(file, base);
    }
  }
  return [...found]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, named]) => {
      const folder = under.get(file);
      return folder === undefined ? { file, named } : { file, named, under: folder };
    });
}
