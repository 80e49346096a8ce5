import type { LintResult } from "../engine.js";
import { wholeReport, type ReportContext, type StreamingReport } from "./index.js";
import { escapeControl, portablePath } from "./text.js";

/**
 * The runner reads a workflow command from the start of any output line, so line breaks in a doc's text
 * are percent-encoded (the runner decodes them): a message can never end its command and start another.
 * Other control characters are shown as visible escapes, since the log viewer would act on ANSI codes.
 */
function escapeData(text: string): string {
  return escapeControl(text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A"));
}

/** Properties end at `,` and the property list at `::`, so those are encoded as well. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function command(name: "error" | "warning", properties: Record<string, string | number>, message: string): string {
  const list = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${name} ${list}::${escapeData(message)}`;
}

/** GitHub Actions workflow commands, which the runner turns into annotations on the pull request's files. */
export function createGithubReport(context: ReportContext): StreamingReport {
  return {
    file(result: LintResult): string {
      const file = portablePath(context.cwd, result.filePath);
      const lines: string[] = [];
      if (result.fatal) lines.push(command("error", { file, title: "skill-lint" }, result.fatal));
      for (const f of result.findings) {
        lines.push(
          command(
            f.severity === "error" ? "error" : "warning",
            { file, line: f.line, col: f.column, endLine: f.endLine, endColumn: f.endColumn, title: f.ruleId },
            f.message,
          ),
        );
      }
      return lines.map((line) => `${line}\n`).join("");
    },
    end: () => "",
  };
}

export const formatGithub = wholeReport(createGithubReport);
