import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { writeFileAtomic } from "./fix.js";
import type { Finding } from "./types.js";

interface Entry {
  hash: string;
  findings: Finding[];
  /** What the file's rules read of other files (ProjectView): the entry holds only while that is unchanged. */
  dependencies?: Record<string, string>;
}

/** A project's index, known by its stamp (see projectStamp): an unchanged stamp means an unchanged fingerprint. */
export interface ProjectEntry {
  stamp: string;
  fingerprint: string;
}

interface CacheFile {
  key: string;
  files: Record<string, Entry>;
  projects?: Record<string, ProjectEntry>;
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

/**
 * Findings of unchanged files, keyed by content hash and by a key for everything else that shapes them
 * (skill-lint's version and each file's resolved config). A cache that cannot be read is started anew.
 */
export class LintCache {
  private entries: Record<string, Entry> = {};
  private projectEntries: Record<string, ProjectEntry> = {};
  private dirty = false;
  readonly file: string;

  private constructor(location: string, private readonly key: string) {
    this.file = location.endsWith(".json") ? location : path.join(location, "cache.json");
  }

  static async open(location: string, key: string, warn: (message: string) => void): Promise<LintCache> {
    const cache = new LintCache(location, key);
    let text: string;
    try {
      text = await readFile(cache.file, "utf8");
    } catch {
      return cache;
    }
    try {
      const stored = JSON.parse(text) as CacheFile;
      if (stored && stored.key === key && typeof stored.files === "object" && stored.files) {
        cache.entries = stored.files;
        if (stored.projects && typeof stored.projects === "object") cache.projectEntries = stored.projects;
      }
    } catch {
      warn(`${cache.file}: the cache is corrupt and was discarded`);
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

  get(file: string, hash: string, configKey: string): Omit<Entry, "hash"> | undefined {
    const entry = this.entries[`${configKey}\0${file}`];
    return entry && entry.hash === hash ? entry : undefined;
  }

  set(file: string, hash: string, configKey: string, findings: Finding[], dependencies?: Record<string, string>): void {
    this.entries[`${configKey}\0${file}`] = { hash, findings, ...(dependencies ? { dependencies } : {}) };
    this.dirty = true;
  }

  async save(): Promise<void> {
    if (!this.dirty) return;
    await mkdir(path.dirname(this.file), { recursive: true });
    const stored: CacheFile = { key: this.key, files: this.entries, projects: this.projectEntries };
    await writeFileAtomic(this.file, JSON.stringify(stored));
  }
}
