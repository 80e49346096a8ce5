import type { LintResult, LintSummary } from "../engine.js";
import type { RuleMeta } from "../types.js";
import { createCompactReport } from "./compact.js";
import { createGithubReport } from "./github.js";
import { createJsonReport } from "./json.js";
import { createJunitReport } from "./junit.js";
import { createSarifReport } from "./sarif.js";
import { createStylishReport } from "./stylish.js";

export interface ReportContext {
  cwd: string;
  color: boolean;
  rules: readonly RuleMeta[];
  /** Warnings were left out of the results (`--quiet`). */
  quiet?: boolean;
  /** Columns to wrap long messages to (stylish only); none: one line per finding. */
  width?: number;
}

/**
 * A report written as the run goes: each file's text as soon as the file is linted, so a run over many
 * files holds no more than the file at hand; then the end (totals, closing brackets).
 */
export interface StreamingReport {
  file(result: LintResult): string;
  /**
   * `summary`: what the run linted and left out, when the report was of a run over paths; `baseline`: what a
   * baseline hid, when the run had one.
   */
  end(summary?: LintSummary, baseline?: BaselineSummary): string;
}

export interface BaselineSummary {
  /** The baseline file, as the user named it. */
  file: string;
  /** Findings it hid. */
  hidden: number;
  /** Findings it holds for the linted files that no longer occur. */
  stale: number;
}

export type ReportFactory = (context: ReportContext) => StreamingReport;

export const reports: Record<string, ReportFactory> = {
  stylish: createStylishReport,
  json: createJsonReport,
  sarif: createSarifReport,
  github: createGithubReport,
  junit: createJunitReport,
  compact: createCompactReport,
};

/** The whole report of a finished run as one string. */
export type Formatter = (results: LintResult[], context: ReportContext) => string;

export function wholeReport(create: ReportFactory): Formatter {
  return (results, context) => {
    const report = create(context);
    return results.map((result) => report.file(result)).join("") + report.end();
  };
}

export const formatters: Record<string, Formatter> = Object.fromEntries(
  Object.entries(reports).map(([name, create]) => [name, wholeReport(create)]),
);
