import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
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

/** The file beside the cache that holds project indexes, read only by a run that builds one. */
interface IndexFile {
  key: string;
  projects: Record<string, string>;
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
  private indexes: Record<string, string> | undefined;
  private indexesDirty = false;
  private indexFileForeign = false;

  private constructor(
    readonly file: string,
    private readonly key: string,
  ) {}

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
    return path.join(path.dirname(this.file), `${path.basename(this.file).replace(/\.json$/, "")}.index.json`);
  }

  /** A project's stored index; the file is read on first use, so a run that needs none does not parse it. */
  projectIndex(root: string): string | undefined {
    if (!this.indexes) {
      this.indexes = {};
      let text: string | undefined;
      try {
        text = readFileSync(this.indexFile, "utf8");
      } catch {
        // Missing: every index is built anew.
      }
      if (text !== undefined) {
        let stored: Partial<IndexFile> | undefined;
        try {
          stored = JSON.parse(text) as Partial<IndexFile>;
        } catch {
          stored = undefined;
        }
        // A file there that is no index of skill-lint's is left as it is.
        if (typeof stored?.key !== "string" || !stored.projects || typeof stored.projects !== "object") this.indexFileForeign = true;
        else if (stored.key === this.key) this.indexes = stored.projects;
      }
    }
    const text = this.indexes[root];
    return typeof text === "string" ? text : undefined;
  }

  setProjectIndex(root: string, text: string): void {
    if (this.projectIndex(root) === text) return;
    this.indexes![root] = text;
    this.indexesDirty = true;
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
    if (!this.dirty && !this.indexesDirty) return;
    const stored: CacheFile = { key: this.key, files: this.entries, projects: this.projectEntries, links: this.linkEntries };
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      if (this.indexesDirty && !this.indexFileForeign) writeFileAtomic(this.indexFile, JSON.stringify({ key: this.key, projects: this.indexes ?? {} } satisfies IndexFile));
      writeFileAtomic(this.file, JSON.stringify(stored));
    } catch (error) {
      throw new CacheError(`--cache-location ${this.file}: cannot write the cache (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
  }
}
