import { randomBytes } from "node:crypto";
import { chmod, rename, stat, unlink, writeFile } from "node:fs/promises";
import path from "node:path";
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

/** Replaces a file's content by writing a sibling temporary file and renaming it, keeping the mode. */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString("hex")}.tmp`);
  const mode = await stat(file).then(
    (info) => info.mode & 0o7777,
    () => undefined,
  );
  try {
    await writeFile(temporary, content, { flag: "wx", ...(mode !== undefined ? { mode } : {}) });
    if (mode !== undefined) await chmod(temporary, mode);
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
