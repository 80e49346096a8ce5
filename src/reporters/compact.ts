import path from "node:path";
import type { LintResult } from "../engine.js";
import type { ReportContext } from "./index.js";
import { escapeControl } from "./text.js";

/** Keeps every finding on one line, since problem matchers read the output line by line. */
function oneLine(text: string): string {
  return escapeControl(text).replace(/\n/g, "\\n");
}

/** One line per finding, `file:line:col: severity message [rule-id]`, for editors' problem matchers. */
export function formatCompact(results: LintResult[], context: ReportContext): string {
  const lines: string[] = [];
  for (const result of results) {
    const file = oneLine(path.relative(context.cwd, result.filePath) || result.filePath);
    if (result.fatal) lines.push(`${file}:1:1: error ${oneLine(result.fatal)}`);
    for (const f of result.findings) {
      lines.push(`${file}:${f.line}:${f.column}: ${f.severity === "error" ? "error" : "warning"} ${oneLine(f.message)} [${f.ruleId}]`);
    }
  }
  return lines.length ? `${lines.join("\n")}\n` : "";
}
