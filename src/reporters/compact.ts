import path from "node:path";
import type { LintResult } from "../engine.js";
import type { ReportContext, StreamingReport } from "./index.js";
import { escapeControl } from "./text.js";

/** Keeps every finding on one line, since problem matchers read the output line by line. */
function oneLine(text: string): string {
  return escapeControl(text).replace(/\n/g, "\\n");
}

/** One line per finding, `file:line:col: severity message [rule-id]`, for editors' problem matchers. */
export function createCompactReport(context: ReportContext): StreamingReport {
  return {
    file(result: LintResult): string {
      const file = oneLine(path.relative(context.cwd, result.filePath) || result.filePath);
      const lines: string[] = [];
      if (result.fatal) lines.push(`${file}:1:1: error ${oneLine(result.fatal)}`);
      for (const f of result.findings) {
        lines.push(`${file}:${f.line}:${f.column}: ${f.severity === "error" ? "error" : "warning"} ${oneLine(f.message)} [${f.ruleId}]`);
      }
      return lines.map((line) => `${line}\n`).join("");
    },
    end: () => "",
  };
}
