import { checksBySource, type CheckSummary, type LintResult, type LintSummary } from "../engine.js";
import type { Finding, SuppressedFinding } from "../types.js";
import type { StreamingReport } from "./index.js";

/** ESLint's JSON formatter shape, so every tool that reads ESLint JSON reads ours: an array, one entry per file. */
export function createJsonReport(): StreamingReport {
  let first = true;
  // A solution doc that declares checks comes last, with each check's findings, known once the run is over.
  const declaring: LintResult[] = [];
  const write = (entry: object): string => {
    const text = `${first ? "[" : ","}${JSON.stringify(entry)}`;
    first = false;
    return text;
  };
  return {
    file(result: LintResult): string {
      if (result.declaresChecks) {
        declaring.push(result);
        return "";
      }
      return write(jsonEntry(result));
    },
    end(summary?: LintSummary): string {
      let text = "";
      const bySource = checksBySource(summary?.checks ?? []);
      for (const result of declaring) {
        text += write({ ...jsonEntry(result), ...checksOf(bySource.get(result.filePath)) });
        bySource.delete(result.filePath);
      }
      // Declared in a doc or config this run did not lint: an entry of its own, with no messages.
      for (const [source, checks] of bySource) {
        const empty = { filePath: source, kind: "solution" as const, findings: [], errorCount: 0, warningCount: 0, fixableErrorCount: 0, fixableWarningCount: 0 };
        text += write({ ...jsonEntry(empty), ...checksOf(checks) });
      }
      return text + (first ? "[]" : "]");
    },
  };
}

/** `learnedFrom` (for a solution doc) and `checks: [{ id, findings }]`, for the entry of the file declaring them. */
function checksOf(checks: readonly CheckSummary[] | undefined): object {
  if (!checks?.length) return {};
  return {
    ...(checks[0]!.learnedFrom ? { learnedFrom: checks[0]!.learnedFrom } : {}),
    checks: checks.map((check) => ({ id: check.id, findings: check.findings })),
  };
}

function jsonEntry(result: LintResult) {
  return {
      filePath: result.filePath,
      messages: result.fatal
        ? [{ ruleId: null, fatal: true, severity: 2, message: result.fatal, line: 0, column: 0 }]
        : result.findings.map(jsonMessage),
      suppressedMessages: (result.suppressed ?? []).map(suppressedMessage),
      errorCount: result.errorCount + (result.fatal ? 1 : 0),
      fatalErrorCount: result.fatal ? 1 : 0,
      warningCount: result.warningCount,
      fixableErrorCount: result.fixableErrorCount,
      fixableWarningCount: result.fixableWarningCount,
      ...(result.output !== undefined
        ? { output: result.output }
        : result.findings.length && result.source !== undefined
          ? { source: result.source }
          : {}),
      usedDeprecatedRules: [],
  };
}

function jsonMessage(finding: Finding) {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity === "error" ? 2 : 1,
    message: finding.message,
    line: finding.line,
    column: finding.column,
    endLine: finding.endLine,
    endColumn: finding.endColumn,
    ...(finding.fix ? { fix: finding.fix } : {}),
    ...(finding.suggestions ? { suggestions: finding.suggestions } : {}),
    ...(finding.hosts ? { hosts: finding.hosts } : {}),
    ...(finding.learnedFrom ? { learnedFrom: finding.learnedFrom } : {}),
  };
}

/** ESLint's: the message as it would have been reported, with why it was not. */
function suppressedMessage(finding: SuppressedFinding) {
  return { ...jsonMessage(finding), suppressions: finding.suppressions };
}
