/**
 * A project's listing as `--cache` keeps it between runs, with what shows that it still holds: the stamp of each
 * folder the listing read whole and the names in it that can change the index, and the stamps of the files whose
 * text shapes the index. While all of them hold, the listing is the one recorded and so is the index built from it,
 * and a warm run need not list the project (on a large repository, a second or more) to know it.
 *
 * A folder whose stamp moved is read again and its names compared (a file saved by renaming a new copy over it moves
 * its folder's stamp, not its names); a skill, subagent or command whose stamp moved is read again and its declared
 * name compared. A stamp is trusted only when the folder or file last changed well before the listing began, as git
 * trusts its index, so a change made while the listing ran is never taken for the state it recorded.
 */
import { lstatSync, readdirSync, statSync, type Stats } from "node:fs";
import path from "node:path";
import { hashText, SNAPSHOT_PARTS, type SnapshotText } from "./cache.js";
import type { IndexEntry } from "./index-cache.js";
import { PLUGIN_MANIFESTS } from "./placement.js";
import { CONFIG_FILE, emptyResult, fileStamp, MARKDOWN, type WalkResult } from "./project-files.js";

/** How long before the listing began a folder or file must have last changed for its stamp to be trusted. */
const SETTLED_MS = 2000;
/** The mark of a stamp taken too close to the listing: the folder's names or the file's text must be looked at. */
const UNSETTLED = "~";

/** Names whose presence can change the index besides folders and markdown: what shapes placement and ignores. */
let shapingNames: Set<string> | undefined;

/**
 * Whether a folder entry can change the index: a folder (anything may be below it), markdown, a file that decides
 * where docs belong or what is ignored, a plugin manifest or a folder on the way to one (a symlink may stand for
 * it), `.git` (a repository's top, where config lookup stops), or a script of a `workflows/` folder.
 */
function shapesIndex(name: string, isDir: boolean, folder: string): boolean {
  shapingNames ??= new Set(["package.json", ".gitignore", ".git", ...[...PLUGIN_MANIFESTS, ".claude-plugin/marketplace.json"].flatMap((manifest) => manifest.split("/"))]);
  return isDir || MARKDOWN.test(name) || shapingNames.has(name) || CONFIG_FILE.test(name) || (/\.[cm]?js$/.test(name) && path.basename(folder) === "workflows");
}

/**
 * The hash of a folder's names that can change the index, each folder marked with a trailing `/`; the root's `.git`
 * is left out (git's listing never shows it).
 */
function namesHash(folder: string, entries: Iterable<[string, boolean]>, root: string): string {
  const names: string[] = [];
  for (const [name, isDir] of entries) if (shapesIndex(name, isDir, folder) && (name !== ".git" || folder !== root)) names.push(isDir ? `${name}/` : name);
  return hashText(names.sort().join("\n"));
}

/** What moves with every change of a folder's names or a file's text (a write sets the change time, a rename the inode). */
function statStamp(stat: Stats): string {
  return `${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
}

/** Whether a status has the stamp recorded (see statStamp), compared as numbers: no stamp is made of it. */
function hasStamp(stat: Stats, recorded: string): boolean {
  const first = recorded.indexOf(":");
  const second = recorded.indexOf(":", first + 1);
  return stat.ino === Number(recorded.slice(second + 1)) && stat.ctimeMs === Number(recorded.slice(first + 1, second)) && stat.mtimeMs === Number(recorded.slice(0, first));
}

/**
 * Paths as a listing keeps them: each as the length of the part it shares with the one before and the rest (sorted
 * paths share most of theirs), so that a warm run reads a fraction of the text.
 */
class PathCoder {
  private last = "";

  encode(relative: string): string[] {
    const last = this.last;
    let shared = 0;
    const max = Math.min(last.length, relative.length);
    while (shared < max && last.charCodeAt(shared) === relative.charCodeAt(shared)) shared++;
    this.last = relative;
    return [String(shared), relative.slice(shared)];
  }

  decode(shared: string, rest: string): string {
    return (this.last = this.last.slice(0, Number(shared)) + rest);
  }
}

/** A stamp, marked unsettled when the folder or file changed too close to `listedAt` for it to be trusted. */
function settledStamp(stat: Stats, listedAt: number): string {
  const stamp = statStamp(stat);
  return Math.max(stat.mtimeMs, stat.ctimeMs) < listedAt - SETTLED_MS ? stamp : UNSETTLED + stamp;
}

/** A regular file's own stamp (a symlink is not one: it is never a listed doc); undefined for anything else. */
function ownStamp(file: string): Stats | undefined {
  const stat = lstatSync(file, { throwIfNoEntry: false });
  return stat?.isFile() ? stat : undefined;
}

/** A file whose text shapes the index, through a symlink too: the link's stamp and its target's. */
function followedStamp(file: string, listedAt: number): string | undefined {
  const own = lstatSync(file, { throwIfNoEntry: false });
  if (!own) return undefined;
  if (!own.isSymbolicLink()) return settledStamp(own, listedAt);
  const target = statSync(file, { throwIfNoEntry: false });
  return `${settledStamp(own, listedAt)}>${target ? settledStamp(target, listedAt) : "missing"}`;
}

/** A declared name as fields: `n` for none, `u` for an unreadable file, else `d`, the name and its offsets. */
function encodeDeclared(declared: IndexEntry["declared"]): string[] {
  return declared === undefined || declared === false ? ["n"] : declared === null ? ["u"] : ["d", declared.value, String(declared.start), String(declared.end)];
}

const SEPARATORS = /[\t\n\r\f]/;

/**
 * The snapshot of a listing (`walked`, made at `walked.listedAt`) and of the index built from it (`entries`), under
 * `key` (the targets and options the placements were made under), with the project's stamp and layout: the part
 * a warm run checks, SNAPSHOT_PARTS, then each listed doc in order with its stamps. Undefined when a path cannot be
 * kept (a name holding a tab or line break), a file of the listing is no longer there, or the listing names paths
 * that git did not look at.
 */
export function recordSnapshot(
  root: string,
  walked: WalkResult,
  entries: ReadonlyMap<string, IndexEntry>,
  key: string,
  stamp: string,
  layout: string,
  listingStates: ReadonlyMap<string, { state: string; readAt: number }> = new Map(),
): string | undefined {
  const { listedAt } = walked;
  if (walked.unseen) return undefined;
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const relative = (file: string): string => (file === root ? "." : file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(root, file));
  // Each folder's names as the listing saw them: every path it names, a folder marked by a trailing separator or
  // by names below it.
  const children = new Map<string, Map<string, boolean>>();
  const addPath = (full: string, isDir: boolean): void => {
    for (let child = full, dir = path.dirname(full), folder = isDir; child !== root && dir !== child; child = dir, dir = path.dirname(dir), folder = true) {
      let names = children.get(dir);
      if (!names) children.set(dir, (names = new Map()));
      if (names.get(path.basename(child)) === true) return;
      names.set(path.basename(child), folder);
      if (dir === root) return;
    }
  };
  for (const line of walked.layout) {
    const cut = line.indexOf("\0");
    const full = cut < 0 ? line : line.slice(0, cut);
    if (full.endsWith(path.sep)) addPath(full.slice(0, -1), true);
    else addPath(full, false);
  }
  const checked = [`${key}\t${stamp}\t${layout}`];
  const docs: string[] = [];
  const checkedPaths = new PathCoder();
  const docPaths = new PathCoder();
  const add = (lines: string[], fields: string[]): boolean => {
    if (fields.some((field) => SEPARATORS.test(field))) return false;
    lines.push(fields.join("\t"));
    return true;
  };
  // Each of those folders' names, in the same order, for what a warm run's listing tells without a look at the disk,
  // after the state of its listing (Listing.state) when the run read it well after the folder last changed.
  const folderNames: string[] = [];
  for (const folder of [...walked.folders.wholeFolders()].sort()) {
    const stat = lstatSync(folder, { throwIfNoEntry: false });
    if (!stat?.isDirectory() || !add(checked, ["D", ...checkedPaths.encode(relative(folder)), settledStamp(stat, listedAt), namesHash(folder, children.get(folder) ?? [], root)])) return undefined;
    const names = [...(walked.folders.namesIn(folder) ?? [])];
    const read = listingStates.get(folder);
    const state = read && Math.max(stat.mtimeMs, stat.ctimeMs) < Math.min(read.readAt, listedAt) - SETTLED_MS ? read.state : "";
    folderNames.push(state + (names.some((name) => SEPARATORS.test(name)) ? UNKNOWN_NAMES : `=${names.join("\t")}`));
  }
  const listed = (file: string): string => walked.stamps.get(file) ?? fileStamp(file);
  for (const file of walked.markdown) {
    const stat = ownStamp(file);
    if (!stat) return undefined;
    const entry = entries.get(file);
    const name = relative(file);
    const fields = [settledStamp(stat, listedAt), listed(file)];
    if (!add(docs, [...docPaths.encode(name), ...fields])) return undefined;
    if (entry?.kind && !add(checked, ["E", ...checkedPaths.encode(name), ...fields, ...encodeDeclared(entry.declared)])) return undefined;
  }
  const watched = new Set<string>();
  for (const [tag, list] of [["P", walked.manifests], ["W", walked.workflows]] as const) {
    for (const file of list) {
      const stat = followedStamp(file, listedAt);
      watched.add(file);
      if (stat === undefined || !add(checked, [tag, ...checkedPaths.encode(relative(file)), stat, listed(file)])) return undefined;
    }
  }
  for (const line of walked.layout) {
    const cut = line.indexOf("\0");
    if (cut < 0 || watched.has(line.slice(0, cut))) continue;
    const file = line.slice(0, cut);
    if (!add(checked, ["F", ...checkedPaths.encode(relative(file)), followedStamp(file, listedAt) ?? "missing", ""])) return undefined;
  }
  return checked.join("\n") + SNAPSHOT_PARTS + docs.join("\n") + SNAPSHOT_PARTS + folderNames.join("\n");
}

/** A folder's line among a snapshot's folder names when they cannot be kept (one holds a separator). */
const UNKNOWN_NAMES = "?";

/** A snapshot found to hold: the listing it recorded, and what a run asks of it. */
export interface HeldSnapshot {
  /** The project's stamp when it was recorded (see projectStamp): the index is the one it stood for. */
  stamp: string;
  layout: string;
  /** The listing as recorded, the stamps of changed files made anew; its folders tell nothing. */
  readonly walked: WalkResult;
  /** A listed file's stamp from the listing, while the file is as it was then; undefined when it is not known. */
  listed(file: string): string | undefined;
  /** The state of a folder's listing (Listing.state) as recorded, while its stamp holds; undefined when it is not known. */
  listingState(dir: string): string | undefined;
}

/**
 * The snapshot of `root`, when it holds: made under `key`, and every folder and file it watches as it was (see
 * the module's comment); `declaredName` gives the name a doc's frontmatter declares, as the index reads it.
 * Undefined when something changed that the listing or the index may show.
 */
export function checkSnapshot(root: string, { checked, rest }: SnapshotText, key: string, declaredName: (file: string) => IndexEntry["declared"]): HeldSnapshot | undefined {
  let end = checked.indexOf("\n");
  if (end < 0) end = checked.length;
  const [storedKey, stamp, layout] = checked.slice(0, end).split("\t");
  if (storedKey !== key || !stamp || !layout) return undefined;
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  const manifests: string[] = [];
  const workflows: string[] = [];
  /** The listed stamps of the files compared here: undefined for one that changed since. */
  const known = new Map<string, string | undefined>();
  /** Each whole folder in order, with its names read now when its stamp moved (else the recorded ones hold). */
  const folders: Array<[string, string[] | undefined]> = [];
  const paths = new PathCoder();
  for (let at = end + 1; at < checked.length; at = end + 1) {
    end = checked.indexOf("\n", at);
    if (end < 0) end = checked.length;
    const fields = checked.slice(at, end).split("\t");
    const [tag, shared, suffix, recorded, listed] = fields;
    if (!tag || shared === undefined || suffix === undefined || !recorded || listed === undefined) return undefined;
    const relative = paths.decode(shared, suffix);
    const file = relative === "." ? root : prefix + relative;
    if (tag === "D") {
      const stat = lstatSync(file, { throwIfNoEntry: false });
      if (!stat?.isDirectory()) return undefined;
      if (hasStamp(stat, recorded)) {
        folders.push([file, undefined]);
        continue;
      }
      let entries;
      try {
        entries = readdirSync(file, { withFileTypes: true });
      } catch {
        return undefined;
      }
      if (namesHash(file, entries.map((entry): [string, boolean] => [entry.name, entry.isDirectory()]), root) !== listed) return undefined;
      folders.push([file, entries.map((entry) => entry.name)]);
    } else if (tag === "E") {
      const stat = ownStamp(file);
      // One that changed too close to the listing may have been read before or after the change.
      if (!stat || recorded.startsWith(UNSETTLED)) return undefined;
      if (hasStamp(stat, recorded)) known.set(file, listed);
      // Its text may have changed: the index holds only its declared name.
      else if (encodeDeclared(declaredName(file)).join("\t") === fields.slice(5).join("\t")) known.set(file, undefined);
      else return undefined;
    } else if (tag === "P" || tag === "W" || tag === "F") {
      if (recorded.includes(UNSETTLED) || followedStamp(file, Number.POSITIVE_INFINITY) !== recorded) return undefined;
      if (tag === "F") continue;
      (tag === "P" ? manifests : workflows).push(file);
      known.set(file, listed);
    } else return undefined;
  }
  /** The listed docs in order, each with its listed stamp and the stamp it stands for: read when first asked. */
  let docs: Map<string, [string, string]> | undefined;
  let restText: string | undefined;
  /** The docs' part and the folders' names (none in a snapshot made before they were kept). */
  const parts = (): [string, string | undefined] => {
    restText ??= rest();
    const cut = restText.indexOf(SNAPSHOT_PARTS);
    return cut < 0 ? [restText, undefined] : [restText.slice(0, cut), restText.slice(cut + SNAPSHOT_PARTS.length)];
  };
  let lines: string[] | undefined;
  /** The folders' lines, one for each of `folders`; none when they were not kept. */
  const folderLines = (): string[] => {
    if (!lines) {
      const recorded = parts()[1];
      lines = recorded === undefined ? [] : recorded.split("\n");
      if (lines.length !== folders.length) lines = [];
    }
    return lines;
  };
  let states: Map<string, string> | undefined;
  const docsOf = (): Map<string, [string, string]> => {
    if (!docs) {
      docs = new Map();
      const [text] = parts();
      const docPaths = new PathCoder();
      for (let at = 0, stop; at < text.length; at = stop + 1) {
        stop = text.indexOf("\n", at);
        if (stop < 0) stop = text.length;
        const [shared, suffix, recorded, listed] = text.slice(at, stop).split("\t");
        if (shared !== undefined && suffix !== undefined && recorded && listed) docs.set(prefix + docPaths.decode(shared, suffix), [listed, recorded]);
      }
    }
    return docs;
  };
  let walked: WalkResult | undefined;
  return {
    stamp,
    layout,
    get walked(): WalkResult {
      if (!walked) {
        walked = emptyResult(root, 0);
        walked.manifests.push(...manifests);
        walked.workflows.push(...workflows);
        // Each doc with its stamp as listed: one whose text changed since declares the name it did (it was read to
        // know), so the index may take its stored entry.
        for (const [file, [listed]] of docsOf()) {
          walked.markdown.push(file);
          walked.stamps.set(file, listed);
        }
        for (const file of [...manifests, ...workflows]) walked.stamps.set(file, known.get(file)!);
        readFolders(walked, folders, folderLines());
      }
      return walked;
    },
    listingState(dir: string): string | undefined {
      if (!states) {
        states = new Map();
        const recorded = folderLines();
        for (const [i, line] of recorded.entries()) {
          const [folder, now] = folders[i]!;
          const cut = line.search(/[=?]/);
          if (!now && cut > 0) states.set(folder, line.slice(0, cut));
        }
      }
      return states.get(dir);
    },
    listed(file: string): string | undefined {
      if (known.has(file)) return known.get(file);
      const doc = docsOf().get(file);
      const stat = doc && ownStamp(file);
      const trusted = stat && hasStamp(stat, doc[1]) ? doc[0] : undefined;
      known.set(file, trusted);
      return trusted;
    },
  };
}

/**
 * The folders a held snapshot read whole, each with its names: those read again now, else the recorded ones (its
 * stamp held, so its names did too). A folder whose names were not kept tells nothing, as in a snapshot without them.
 */
function readFolders(walked: WalkResult, folders: ReadonlyArray<[string, string[] | undefined]>, lines: readonly string[]): void {
  for (const [i, line] of lines.entries()) {
    const [folder, now] = folders[i]!;
    const cut = line.search(/[=?]/);
    if (now) walked.folders.read(folder, now);
    else if (line[cut] === "=") walked.folders.read(folder, line.length > cut + 1 ? line.slice(cut + 1).split("\t") : []);
  }
}
