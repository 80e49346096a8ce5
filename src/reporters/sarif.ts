import path from "node:path";
import { pathToFileURL } from "node:url";
import type { LintResult, LintSummary } from "../engine.js";
import { docsUrl, packageFileUrl } from "../rule-helpers.js";
import type { Severity } from "../types.js";
import type { ReportContext, StreamingReport } from "./index.js";
import { portablePath } from "./text.js";
import { VERSION } from "../version.js";

const SRCROOT = "%SRCROOT%";

function level(severity: Severity): "error" | "warning" {
  return severity === "error" ? "error" : "warning";
}

/** A relative URI reference: each path segment percent-encoded, so spaces and `#` stay part of the path. */
function artifactUri(cwd: string, filePath: string): string {
  return portablePath(cwd, filePath).split("/").map(encodeURIComponent).join("/");
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: rule metadata with help URIs, one result
 * per finding, and files that could not be read as tool execution notifications. The log is one JSON
 * document, so the findings (never the docs' text) are held until the end.
 */
export function createSarifReport(context: ReportContext): StreamingReport {
  const ruleIndex = new Map(context.rules.map((rule, index) => [rule.id, index]));
  const artifactLocation = (filePath: string) => ({ uri: artifactUri(context.cwd, filePath), uriBaseId: SRCROOT });
  const unreadable: LintResult[] = [];
  const found: Array<{ ruleId: string; ruleIndex?: number; [key: string]: unknown }> = [];
  const file = (result: LintResult): string => {
    if (result.fatal) unreadable.push({ ...result, source: undefined, output: undefined });
    for (const f of result.findings) {
      const index = ruleIndex.get(f.ruleId);
      found.push({
        ruleId: f.ruleId,
        ...(index === undefined ? {} : { ruleIndex: index }),
        level: level(f.severity),
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: artifactLocation(result.filePath),
              region: { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn },
            },
          },
        ],
        ...(f.related
          ? {
              relatedLocations: f.related.map((place, id) => ({
                id,
                physicalLocation: { artifactLocation: artifactLocation(place.filePath), region: { startLine: place.line, startColumn: place.column } },
              })),
            }
          : {}),
        ...(f.hosts ? { properties: { hosts: f.hosts } } : {}),
      });
    }
    return "";
  };
  const end = (summary?: LintSummary): string => {
    // Project checks are known once the run is over: their metadata follows the rules', and their results point to it.
    const rules: Array<{ id: string; description: string; docsUrl: string; severity: Severity; offByDefault?: string }> = [...context.rules];
    for (const check of summary?.checks ?? []) {
      if (ruleIndex.has(check.id)) continue;
      ruleIndex.set(check.id, rules.length);
      rules.push({ id: check.id, description: check.message, docsUrl: docsUrl("project-checks"), severity: check.severity });
    }
    for (const result of found) if (result.ruleIndex === undefined && ruleIndex.has(result.ruleId)) result.ruleIndex = ruleIndex.get(result.ruleId);
    return `${JSON.stringify(sarifLog(rules), null, 2)}\n`;
  };
  const sarifLog = (rules: ReadonlyArray<{ id: string; description: string; docsUrl: string; severity: Severity; offByDefault?: string }>) => ({
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "skill-lint",
            version: VERSION,
            informationUri: packageFileUrl("README.md"),
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              helpUri: rule.docsUrl,
              // A rule off by default is listed with the level it reports at when a config turns it on.
              defaultConfiguration: { level: level(rule.severity), ...(rule.offByDefault ? { enabled: false } : {}) },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(path.join(context.cwd, path.sep)).href } },
        columnKind: "utf16CodeUnits",
        invocations: [
          {
            executionSuccessful: unreadable.length === 0,
            toolExecutionNotifications: unreadable.map((result) => ({
              level: "error",
              message: { text: result.fatal },
              locations: [{ physicalLocation: { artifactLocation: artifactLocation(result.filePath) } }],
            })),
          },
        ],
        results: found,
      },
    ],
  });
  return { file, end };
}
