import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, readSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { statOrUndefined } from "./files.js";
import { writeFileAtomic } from "./fix.js";
import type { Finding, SuppressedFinding } from "./types.js";

interface Entry {
  hash: string;
  /**
   * The file's stamp when it was read (see engine's fileStampFor): git's blob id, or its size and times. While the
   * stamp holds, a result without findings is answered without reading the file.
   */
  stamp?: string;
  findings: Finding[];
  /** What inline directives switched off, for the JSON report's `suppressedMessages`. */
  suppressed?: SuppressedFinding[];
  /** What the file's rules read of other files (ProjectView): the entry holds only while that is unchanged. */
  dependencies?: Record<string, string>;
}

/** A project's index, known by its stamp (see projectStamp): an unchanged stamp means an unchanged fingerprint. */
export interface ProjectEntry {
  stamp: string;
  fingerprint: string;
}

/** In a project's listing as the cache keeps it, between the part a run checks and the rest, read only when asked. */
export const SNAPSHOT_PARTS = "\n\f\n";

/** A kept listing: the part every warm run checks, and the rest, read only when asked. */
export interface SnapshotText {
  checked: string;
  rest(): string;
}

/** How a listing's file begins. */
const LISTING_MARK = "skill-lint listing\t";
/** The form of a stored listing: one kept in another form is not taken (2: with the names of its folders). */
const LISTING_FORMAT = 2;

/** The first bytes of a file, as text; undefined when it cannot be read. */
function fileStart(file: string, length: number): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    const bytes = Buffer.alloc(length);
    return bytes.toString("utf8", 0, readSync(fd, bytes, 0, length, 0));
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A file beside the cache that holds a text per project (an index, a listing), read only by a run that needs one. */
interface ProjectTextsFile {
  key: string;
  projects: Record<string, string>;
}

/** `cache.NAME.json` beside `cache.json` (for a cache file `x.json`, `x.NAME.json`). */
function besideCache(file: string, name: string): string {
  return path.join(path.dirname(file), `${path.basename(file).replace(/\.json$/, "")}.${name}.json`);
}

/** The texts of a file beside the cache, read on first use; one there that is no such file of skill-lint's is left as it is. */
class ProjectTexts {
  private texts: Record<string, string> | undefined;
  dirty = false;
  private foreign = false;

  constructor(
    readonly file: string,
    private readonly key: string,
  ) {}

  get(root: string): string | undefined {
    if (!this.texts) {
      this.texts = {};
      let text: string | undefined;
      try {
        text = readFileSync(this.file, "utf8");
      } catch {
        // Missing: every text is made anew.
      }
      if (text !== undefined) {
        let stored: Partial<ProjectTextsFile> | undefined;
        try {
          stored = JSON.parse(text) as Partial<ProjectTextsFile>;
        } catch {
          stored = undefined;
        }
        if (typeof stored?.key !== "string" || !stored.projects || typeof stored.projects !== "object") this.foreign = true;
        else if (stored.key === this.key) this.texts = stored.projects;
      }
    }
    const text = this.texts[root];
    return typeof text === "string" ? text : undefined;
  }

  set(root: string, text: string): void {
    if (this.get(root) === text) return;
    this.texts![root] = text;
    this.dirty = true;
  }

  /** Writes the file when a text changed; throws what the write throws. */
  save(): void {
    if (this.dirty && !this.foreign) writeFileAtomic(this.file, JSON.stringify({ key: this.key, projects: this.texts ?? {} } satisfies ProjectTextsFile));
  }
}

interface CacheFile {
  key: string;
  files: Record<string, Entry>;
  projects?: Record<string, ProjectEntry>;
  /** The docs each doc links to, after its stamp: `[stamp, ...linked]` (see engine's linkedFiles). */
  links?: Record<string, string[]>;
}

/**
 * Where `--cache` keeps its file by default: `node_modules/.cache/skill-lint` where `node_modules/` exists (as
 * other tools' caches do), else `.cache/skill-lint`, so a repository without packages does not get a node_modules.
 */
export function defaultCacheLocation(cwd: string): string {
  return existsSync(path.join(cwd, "node_modules")) ? path.join("node_modules", ".cache", "skill-lint") : path.join(".cache", "skill-lint");
}

export function hashText(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** The id git gives a blob of this text (its UTF-8 bytes), to tell whether the text read is the one git lists. */
export function gitBlobId(text: string): string {
  const bytes = Buffer.from(text, "utf8");
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** A cache location that holds something else, or that cannot be read or written: the run stops, the file is kept. */
export class CacheError extends Error {}

function isCacheFile(value: unknown): value is CacheFile {
  const stored = value as CacheFile | null;
  return typeof stored === "object" && stored !== null && typeof stored.key === "string" && typeof stored.files === "object" && stored.files !== null;
}

/**
 * Findings of unchanged files, keyed by content hash and by a key for everything else that shapes them
 * (skill-lint's version and each file's resolved config). A cache of another version is started anew; a file
 * that is not a skill-lint cache is never written over.
 */
export class LintCache {
  private entries: Record<string, Entry> = {};
  private projectEntries: Record<string, ProjectEntry> = {};
  private linkEntries: Record<string, string[]> = {};
  private dirty = false;
  /** Each project's index (see index-cache.ts), so a run that must build one reads only the docs that changed. */
  private readonly indexes: ProjectTexts;
  /** The listings made this run (see project-snapshot.ts), to keep: a warm run need not list the project again. */
  private readonly snapshots = new Map<string, string>();

  private constructor(
    readonly file: string,
    private readonly key: string,
  ) {
    this.indexes = new ProjectTexts(besideCache(file, "index"), key);
  }

  /**
   * The cache at `location`: a file (one ending in `.json`, or one that exists), or a folder holding
   * `cache.json`. A `cache.json` in a folder that does not parse is taken for a damaged cache and discarded.
   */
  static async open(location: string, key: string, warn: (message: string) => void): Promise<LintCache> {
    const named = location.endsWith(".json") || statOrUndefined(location)?.isFile() === true;
    const cache = new LintCache(named ? location : path.join(location, "cache.json"), key);
    let text: string;
    try {
      text = await readFile(cache.file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT") return cache;
      throw new CacheError(`--cache-location ${cache.file}: cannot read the cache (${code ?? "error"})`);
    }
    const notCache = `--cache-location ${cache.file} is not a skill-lint cache; name a new file or a folder`;
    let stored: unknown;
    try {
      stored = JSON.parse(text);
    } catch {
      if (named) throw new CacheError(`${notCache} (it is not JSON)`);
      warn(`${cache.file}: the cache is corrupt and was discarded`);
      return cache;
    }
    if (!isCacheFile(stored)) throw new CacheError(notCache);
    if (stored.key === key) {
      cache.entries = stored.files;
      if (stored.projects && typeof stored.projects === "object") cache.projectEntries = stored.projects;
      if (stored.links && typeof stored.links === "object") cache.linkEntries = stored.links;
    }
    return cache;
  }

  project(root: string): ProjectEntry | undefined {
    return this.projectEntries[root];
  }

  setProject(root: string, entry: ProjectEntry): void {
    const stored = this.projectEntries[root];
    if (stored?.stamp === entry.stamp && stored.fingerprint === entry.fingerprint) return;
    this.projectEntries[root] = entry;
    this.dirty = true;
  }

  /** The docs a doc links to, known while its stamp is the one stored with them. */
  links(file: string, stamp: string): string[] | undefined {
    const stored = this.linkEntries[file];
    return Array.isArray(stored) && stored[0] === stamp ? stored.slice(1) : undefined;
  }

  setLinks(file: string, stamp: string, links: string[]): void {
    this.linkEntries[file] = [stamp, ...links];
    this.dirty = true;
  }

  /** Where the indexes are kept: `cache.index.json` beside `cache.json`. */
  get indexFile(): string {
    return this.indexes.file;
  }

  /** A project's stored index; the file is read on first use, so a run that needs none does not parse it. */
  projectIndex(root: string): string | undefined {
    return this.indexes.get(root);
  }

  setProjectIndex(root: string, text: string): void {
    this.indexes.set(root, text);
  }

  /**
   * A project's stored listing (see project-snapshot.ts): a file of its own beside the cache (`cache.listing-*.txt`),
   * kept as text, so that a warm run reads only the part it checks.
   */
  projectSnapshot(root: string): SnapshotText | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.snapshotFile(root));
    } catch {
      return undefined;
    }
    const header = this.snapshotHeader(root);
    const parts = bytes.indexOf(SNAPSHOT_PARTS, header.length);
    if (parts < 0 || bytes.toString("utf8", 0, header.length) !== header) return undefined;
    return { checked: bytes.toString("utf8", header.length, parts), rest: () => bytes.toString("utf8", parts + SNAPSHOT_PARTS.length) };
  }

  setProjectSnapshot(root: string, text: string): void {
    this.snapshots.set(root, text);
  }

  private snapshotFile(root: string): string {
    return besideCache(this.file, `listing-${hashText(root).slice(0, 16)}`).replace(/\.json$/, ".txt");
  }

  /** The first line of a listing's file: what it is, for which version and project. */
  private snapshotHeader(root: string): string {
    return `${LISTING_MARK}${JSON.stringify([this.key, root, LISTING_FORMAT])}\n`;
  }

  /** Writes the listings kept this run; a file there that is not one of skill-lint's is left as it is. */
  private saveSnapshots(): void {
    for (const [root, text] of this.snapshots) {
      const file = this.snapshotFile(root);
      const existing = existsSync(file) ? fileStart(file, LISTING_MARK.length) : undefined;
      if (existing === undefined || existing === LISTING_MARK) writeFileAtomic(file, this.snapshotHeader(root) + text);
    }
  }

  get(file: string, hash: string, configKey: string): Omit<Entry, "hash"> | undefined {
    const entry = this.entries[`${configKey}\0${file}`];
    return entry && entry.hash === hash ? entry : undefined;
  }

  /** The entry of a file whose stamp is the one stored with it, so its content is the one hashed then. */
  getByStamp(file: string, stamp: string, configKey: string): Omit<Entry, "hash"> | undefined {
    const entry = this.entries[`${configKey}\0${file}`];
    return entry && entry.stamp === stamp ? entry : undefined;
  }

  set(file: string, hash: string, configKey: string, { findings, suppressed, dependencies }: Omit<Entry, "hash" | "stamp">, stamp?: string): void {
    const key = `${configKey}\0${file}`;
    const stored = this.entries[key];
    // A hit whose stamp alone changed (a file touched, not edited) keeps its entry with the new stamp.
    if (stored && stored.hash === hash && stored.stamp === stamp && stored.findings === findings) return;
    this.entries[key] = { hash, ...(stamp ? { stamp } : {}), findings, ...(suppressed ? { suppressed } : {}), ...(dependencies ? { dependencies } : {}) };
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty && !this.indexes.dirty && !this.snapshots.size) return;
    const stored: CacheFile = { key: this.key, files: this.entries, projects: this.projectEntries, links: this.linkEntries };
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      this.indexes.save();
      this.saveSnapshots();
      writeFileAtomic(this.file, JSON.stringify(stored));
    } catch (error) {
      throw new CacheError(`--cache-location ${this.file}: cannot write the cache (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
  }
}
