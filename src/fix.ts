import { randomBytes } from "node:crypto";
import { accessSync, chmodSync, chownSync, constants, lstatSync, realpathSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync, type Stats } from "node:fs";
import path from "node:path";
import { isInside, statOrUndefined } from "./files.js";
import type { Finding, Fix } from "./types.js";

/**
 * Applies non-overlapping fixes to a text, last first so earlier offsets stay valid. Of two fixes that
 * overlap, the one that starts first wins; the other waits for the next pass.
 */
export function applyFixes(text: string, findings: readonly Finding[]): { output: string; applied: number } {
  const chosen = chooseFixes(text, findings);
  let output = text;
  for (const fix of [...chosen].reverse()) {
    output = output.slice(0, fix.range[0]) + fix.text + output.slice(fix.range[1]);
  }
  return { output, applied: chosen.length };
}

/** The fixes one pass applies, in order: the first of two that overlap, and none that would change nothing. */
export function chooseFixes(text: string, findings: readonly Finding[]): Fix[] {
  const fixes = findings
    .map((f) => f.fix)
    .filter((fix): fix is Fix => fix !== undefined)
    .sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const chosen: Fix[] = [];
  let lastEnd = -1;
  for (const fix of fixes) {
    if (fix.range[0] < lastEnd || (fix.range[0] === lastEnd && chosen.length && fix.range[0] === fix.range[1])) continue;
    if (text.slice(fix.range[0], fix.range[1]) === fix.text) continue;
    chosen.push(fix);
    lastEnd = fix.range[1];
  }
  return chosen;
}

/** Why a fixed doc was not written, as the report shows it: the file is left as it was. */
export class FixWriteError extends Error {}

/**
 * Writes fixed docs without losing what the file system holds about them: a symlink stays a link and its
 * target is written (only inside the project), a file with hard links is written in place so every name sees
 * the fix, and the mode and owner are kept. A file reached twice (two links, or a link and its target) is
 * written once.
 */
export class FixWriter {
  /** Files written, by device and inode, with the text written to each. */
  private readonly written = new Map<string, { name: string; content: string }>();

  /**
   * Writes `content` to `file`, a doc of the project at `root`. Throws FixWriteError, saying why, when the file
   * was left as it was; answers a warning when another name for the same file was already fixed differently.
   */
  write(file: string, content: string, root: string): string | undefined {
    try {
      return this.writeOnce(file, content, root);
    } catch (error) {
      if (error instanceof FixWriteError) throw error;
      throw new FixWriteError(`cannot write the fixed file (${(error as NodeJS.ErrnoException).code ?? "error"}), not fixed`);
    }
  }

  private writeOnce(file: string, content: string, root: string): string | undefined {
    const target = this.targetOf(file, root);
    const info = statSync(target);
    const identity = `${info.dev}:${info.ino}`;
    const earlier = this.written.get(identity);
    if (earlier) {
      return earlier.content === content ? undefined : `${file}: the same file as ${earlier.name}, which was fixed first; run --fix again for the rest`;
    }
    if ((info.mode & 0o222) === 0 || !writable(target)) throw new FixWriteError("read-only, not fixed");
    // Renaming a new file over one of several names would split them: the others would keep the old text.
    if (info.nlink > 1) writeFileSync(target, content);
    else writeFileAtomic(target, content, info);
    this.written.set(identity, { name: file, content });
    return undefined;
  }

  private targetOf(file: string, root: string): string {
    if (!lstatSync(file).isSymbolicLink()) return file;
    const target = realpathSync(file);
    if (!isInside(target, realpathSync(root))) throw new FixWriteError(`a symlink to ${target}, outside the project, not fixed`);
    return target;
  }
}

function writable(file: string): boolean {
  try {
    accessSync(file, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Replaces a file's content by writing a temporary file beside it and renaming it over the file, with the
 * file's mode and owner. The temporary name is short, so a file whose name is near the system's limit can be
 * replaced too. Where the owner cannot be given to the new file, the file is written in place instead.
 */
export function writeFileAtomic(file: string, content: string, existing: Stats | undefined = statOrUndefined(file)): void {
  const temporary = path.join(path.dirname(file), `.skill-lint-${randomBytes(6).toString("hex")}.tmp`);
  try {
    writeFileSync(temporary, content, { flag: "wx", ...(existing ? { mode: existing.mode & 0o7777 } : {}) });
    if (existing) {
      chmodSync(temporary, existing.mode & 0o7777);
      const created = statSync(temporary);
      if (created.uid !== existing.uid || created.gid !== existing.gid) {
        try {
          chownSync(temporary, existing.uid, existing.gid);
        } catch {
          unlinkSync(temporary);
          writeFileSync(file, content);
          return;
        }
      }
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
