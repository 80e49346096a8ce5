import type { LintResult } from "../engine.js";
import type { Finding, SuppressedFinding } from "../types.js";
import type { StreamingReport } from "./index.js";

/** ESLint's JSON formatter shape, so every tool that reads ESLint JSON reads ours: an array, one entry per file. */
export function createJsonReport(): StreamingReport {
  let first = true;
  return {
    file(result: LintResult): string {
      const entry = JSON.stringify(jsonEntry(result));
      const text = `${first ? "[" : ","}${entry}`;
      first = false;
      return text;
    },
    end: () => (first ? "[]" : "]"),
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
  };
}

/** ESLint's: the message as it would have been reported, with why it was not. */
function suppressedMessage(finding: SuppressedFinding) {
  return { ...jsonMessage(finding), suppressions: finding.suppressions };
}
