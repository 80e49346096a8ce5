import type { LintResult } from "../engine.js";
import type { ReportContext, StreamingReport } from "./index.js";
import { escapeControl, portablePath } from "./text.js";

/** Characters XML 1.0 cannot hold even as references: noncharacters and unpaired surrogates. */
const NOT_XML = /[\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

function escapeText(text: string): string {
  return escapeControl(text)
    .replace(NOT_XML, (c) => `\\u${c.charCodeAt(0).toString(16)}`)
    .replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Attribute values are whitespace-normalized by XML parsers, so tabs and line breaks go in as references. */
function escapeAttribute(text: string): string {
  return escapeText(text).replace(/\t/g, "&#9;").replace(/\n/g, "&#10;");
}

function attributes(values: Record<string, string | number>): string {
  return Object.entries(values)
    .map(([key, value]) => ` ${key}="${escapeAttribute(String(value))}"`)
    .join("");
}

/**
 * JUnit XML, which CI services show as a test report: a test suite per file, a failing test case per
 * finding, and one passing test case for a clean file. The totals come first in the format, so the suites
 * (findings only, never the docs' text) are held until the end.
 */
export function createJunitReport(context: ReportContext): StreamingReport {
  const docsUrls = new Map(context.rules.map((rule) => [rule.id, rule.docsUrl]));
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const addFile = (result: LintResult): string => {
    const file = portablePath(context.cwd, result.filePath);
    const cases: string[] = [];
    if (result.fatal) {
      cases.push(
        `    <testcase${attributes({ name: "read file", classname: file })}>\n` +
          `      <error${attributes({ message: result.fatal })}/>\n` +
          "    </testcase>",
      );
    }
    for (const f of result.findings) {
      const severity = f.severity === "error" ? "error" : "warning";
      const detail = [`${file}:${f.line}:${f.column}: ${severity} ${f.message} [${f.ruleId}]`, docsUrls.get(f.ruleId)].filter(Boolean).join("\n");
      cases.push(
        `    <testcase${attributes({ name: `${f.ruleId} (${f.line}:${f.column})`, classname: file })}>\n` +
          `      <failure${attributes({ message: f.message, type: severity })}>${escapeText(detail)}</failure>\n` +
          "    </testcase>",
      );
    }
    if (!cases.length) cases.push(`    <testcase${attributes({ name: "skill-lint", classname: file })}/>`);
    const fatal = result.fatal ? 1 : 0;
    tests += cases.length;
    failures += result.findings.length;
    errors += fatal;
    suites.push(
      `  <testsuite${attributes({ name: file, tests: cases.length, failures: result.findings.length, errors: fatal })}>\n` +
        `${cases.join("\n")}\n` +
        "  </testsuite>",
    );
    return "";
  };
  const end = (): string =>
    [
      '<?xml version="1.0" encoding="UTF-8"?>',
      `<testsuites${attributes({ name: "skill-lint", tests, failures, errors })}>`,
      ...suites,
      "</testsuites>",
      "",
    ].join("\n");
  return { file: addFile, end };
}
