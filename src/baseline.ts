import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { summarize, type LintResult } from "./engine.js";
import { writeFileAtomic } from "./fix.js";
import type { Finding, SuppressedFinding, Suppression } from "./types.js";

/** A known finding: how many times it occurs, and its message for whoever reads the file in a review. */
interface Known {
  count: number;
  message: string;
}

/** Known findings by fingerprint, by rule id, by file (relative to the baseline's folder, with `/`). */
type Entries = Record<string, Record<string, Record<string, Known>>>;

interface BaselineFile {
  version: 1;
  files: Entries;
}

export class BaselineError extends Error {}

const BOM = "\uFEFF";

/**
 * What stays of a finding when lines are added or removed above it: its message and the text of its line,
 * trimmed (so re-indenting a list does not make it new either). Paths in messages are read with `/` and
 * without the `:line:column` of another file's place, which moves as that file changes.
 */
function fingerprint(finding: Finding, lines: readonly string[]): string {
  const lineText = (lines[finding.line - 1] ?? "").trim();
  const message = finding.message.replace(/\\/g, "/").replace(/:\d+:\d+/g, "");
  return createHash("sha1").update(`${message}\n${lineText}`).digest("hex").slice(0, 16);
}

/** The text the findings of a result refer to: the fixed text when fixes applied. */
function linesOf(result: LintResult): string[] {
  const text = result.output !== undefined ? result.output.replace(/^\uFEFF/, "") : (result.source ?? "");
  return text.split(/\r\n|\r|\n/);
}

/**
 * The findings a team has accepted for now, in a file of its repository: a run reports only findings that are
 * not in it. Findings are matched by file, rule id and fingerprint, and counted: with two known and three
 * found, one is new.
 */
export class Baseline {
  private readonly dir: string;
  /** The findings of this run, by file, for writing the baseline anew. */
  private readonly current: Entries = {};
  private readonly linted = new Set<string>();

  private constructor(
    readonly file: string,
    private readonly known: Entries,
    /** False until the baseline is first written. */
    readonly exists: boolean,
  ) {
    this.dir = path.dirname(file);
  }

  /** The baseline at `file` (empty when there is none yet). A file that is not a baseline is a BaselineError. */
  static open(file: string): Baseline {
    const absolute = path.resolve(file);
    if (!existsSync(absolute)) return new Baseline(absolute, {}, false);
    let text: string;
    try {
      text = readFileSync(absolute, "utf8");
    } catch (error) {
      throw new BaselineError(`${absolute}: cannot read the baseline (${(error as NodeJS.ErrnoException).code ?? "unreadable"})`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text.startsWith(BOM) ? text.slice(1) : text);
    } catch (error) {
      throw new BaselineError(`${absolute}: invalid JSON in the baseline: ${(error as Error).message}`);
    }
    return new Baseline(absolute, checkEntries(absolute, parsed), true);
  }

  private key(filePath: string): string {
    return path.relative(this.dir, filePath).split(path.sep).join("/");
  }

  /**
   * The result with the findings the baseline knows taken out of its findings (and counts) and listed as
   * suppressed, and how many baseline entries of the file no longer occur.
   */
  apply(result: LintResult): { result: LintResult; hidden: number; stale: number } {
    const known = this.known[this.key(result.filePath)];
    if (!known) return { result, hidden: 0, stale: 0 };
    const left = new Map<string, number>();
    for (const [ruleId, prints] of Object.entries(known)) {
      for (const [print, { count }] of Object.entries(prints)) left.set(`${ruleId}\0${print}`, count);
    }
    const lines = linesOf(result);
    const findings: Finding[] = [];
    const hidden: SuppressedFinding[] = [];
    for (const finding of result.findings) {
      const key = `${finding.ruleId}\0${fingerprint(finding, lines)}`;
      const count = left.get(key) ?? 0;
      if (count > 0) {
        left.set(key, count - 1);
        hidden.push({ ...finding, suppressions: [FROM_BASELINE] });
      } else findings.push(finding);
    }
    const stale = [...left.values()].reduce((sum, count) => sum + count, 0);
    return { result: withHidden(result, findings, hidden), hidden: hidden.length, stale };
  }

  /** Takes a result's findings into the baseline `write` writes: they are all hidden. */
  accept(result: LintResult): { result: LintResult; hidden: number; stale: number } {
    this.record(result);
    const hidden = result.findings.map((finding) => ({ ...finding, suppressions: [FROM_BASELINE] }));
    return { result: withHidden(result, [], hidden), hidden: hidden.length, stale: 0 };
  }

  private record(result: LintResult): void {
    const key = this.key(result.filePath);
    this.linted.add(key);
    if (!result.findings.length) return;
    const lines = linesOf(result);
    const byRule: Record<string, Record<string, Known>> = (this.current[key] ??= {});
    for (const finding of result.findings) {
      const prints = (byRule[finding.ruleId] ??= {});
      const print = fingerprint(finding, lines);
      const entry = (prints[print] ??= { count: 0, message: finding.message });
      entry.count++;
    }
  }

  /**
   * Writes the recorded findings, keeping the entries of files this run did not lint while they still exist
   * (a run over some paths must not drop the rest of the baseline). Keys are sorted, so the file diffs well.
   * Answers how many findings in how many files it holds.
   */
  async write(): Promise<{ findings: number; files: number }> {
    const files: Entries = {};
    for (const [key, byRule] of Object.entries(this.known)) {
      if (!this.linted.has(key) && existsSync(path.resolve(this.dir, key))) files[key] = byRule;
    }
    Object.assign(files, this.current);
    const stored: BaselineFile = { version: 1, files: sortedEntries(files) };
    try {
      await writeFileAtomic(this.file, `${JSON.stringify(stored, null, 2)}\n`);
    } catch (error) {
      throw new BaselineError(`${this.file}: cannot write the baseline (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
    let findings = 0;
    for (const byRule of Object.values(files)) {
      for (const prints of Object.values(byRule)) for (const { count } of Object.values(prints)) findings += count;
    }
    return { findings, files: Object.keys(files).length };
  }
}

/** ESLint's kind for a finding its suppressions file holds. */
const FROM_BASELINE: Suppression = { kind: "file", justification: "" };

function withHidden(result: LintResult, findings: Finding[], hidden: SuppressedFinding[]): LintResult {
  if (!hidden.length) return result;
  return summarize({ ...result, findings, suppressed: [...(result.suppressed ?? []), ...hidden] });
}

function sorted<T>(record: Record<string, T>, map: (value: T) => T = (value) => value): Record<string, T> {
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, map(record[key]!)]));
}

function sortedEntries(entries: Entries): Entries {
  return sorted(entries, (byRule) => sorted(byRule, (prints) => sorted(prints)));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** The entries of a parsed baseline file, or a BaselineError naming the first key that is wrong. */
function checkEntries(file: string, parsed: unknown): Entries {
  const fail = (where: string, what: string): never => {
    throw new BaselineError(`${file}: not a skill-lint baseline: ${where} must be ${what}; delete the file and run with --baseline again to write it anew`);
  };
  if (!isObject(parsed)) return fail("the file", "an object");
  if (parsed.version !== 1) fail('"version"', "1");
  if (!isObject(parsed.files)) return fail('"files"', "an object of file paths");
  for (const [name, byRule] of Object.entries(parsed.files)) {
    if (!isObject(byRule)) return fail(`"files.${name}"`, "an object of rule ids");
    for (const [ruleId, prints] of Object.entries(byRule)) {
      if (!isObject(prints)) return fail(`"files.${name}.${ruleId}"`, "an object of fingerprints");
      for (const [print, known] of Object.entries(prints)) {
        if (!isObject(known) || !Number.isInteger(known.count) || (known.count as number) < 1) {
          fail(`"files.${name}.${ruleId}.${print}.count"`, "a whole number of at least 1");
        }
      }
    }
  }
  return parsed.files as Entries;
}
