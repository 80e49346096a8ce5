import path from "node:path";
import type { LintResult } from "../engine.js";
import type { ReportContext, StreamingReport } from "./index.js";
import { escapeLine, inertLine } from "./text.js";

/** One line per finding, `file:line:col: severity message [rule-id]`, for editors' problem matchers. */
export function createCompactReport(context: ReportContext): StreamingReport {
  return {
    file(result: LintResult): string {
      const file = escapeLine(path.relative(context.cwd, result.filePath) || result.filePath);
      const lines: string[] = [];
      if (result.fatal) lines.push(`${file}:1:1: error ${escapeLine(result.fatal)}`);
      for (const f of result.findings) {
        lines.push(`${file}:${f.line}:${f.column}: ${f.severity === "error" ? "error" : "warning"} ${escapeLine(f.message)} [${f.ruleId}]`);
      }
      return lines.map((line) => `${inertLine(line)}\n`).join("");
    },
    end: () => "",
  };
}
