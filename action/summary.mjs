// Writes the job summary and the step's outputs from the SARIF report of the action's one skill-lint run: always
// a short table of the findings by rule, and every finding when there are more than GitHub shows as
// annotations, so that none is hidden.
import { appendFileSync, existsSync, readFileSync } from "node:fs";

/** GitHub shows at most 10 error and 10 warning annotations of a step (and 50 of a job). */
const ANNOTATIONS_PER_STEP = 10;
/** GitHub refuses a step summary over 1 MiB; the list stops short of it. */
const SUMMARY_BYTES = 1024 * 1024 - 16 * 1024;

const [sarifFile, status] = process.argv.slice(2);
const summaryFile = process.env.GITHUB_STEP_SUMMARY;
const outputFile = process.env.GITHUB_OUTPUT;

/** Table cells hold one line, and a doc's own `|` or markup must not end the cell or open a tag. */
function cell(text) {
  return text.replace(/\r?\n/g, " ").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\|/g, "\\|");
}

function readFindings() {
  const [run] = JSON.parse(readFileSync(sarifFile, "utf8")).runs;
  const file = (location) => location.physicalLocation.artifactLocation.uri.split("/").map(decodeURIComponent).join("/");
  const pages = new Map(run.tool.driver.rules.map((rule) => [rule.id, rule.helpUri]));
  const findings = run.results.map((result) => {
    const { region } = result.locations[0].physicalLocation;
    return { file: file(result.locations[0]), line: region.startLine, column: region.startColumn, level: result.level, ruleId: result.ruleId, message: result.message.text };
  });
  // Files that could not be read are errors of their own, with no rule.
  for (const notice of run.invocations[0].toolExecutionNotifications) {
    findings.push({ file: file(notice.locations[0]), line: 1, column: 1, level: "error", ruleId: "", message: notice.message.text });
  }
  return { findings, pages };
}

function summary({ findings, pages }) {
  const errors = findings.filter((f) => f.level === "error").length;
  const warnings = findings.length - errors;
  const lines = ["### skill-lint", ""];
  if (!findings.length) return { errors, warnings, text: [...lines, "No problems found.", ""].join("\n") };
  const byRule = new Map();
  for (const f of findings) {
    const counts = byRule.get(f.ruleId) ?? { errors: 0, warnings: 0 };
    counts[f.level === "error" ? "errors" : "warnings"]++;
    byRule.set(f.ruleId, counts);
  }
  // Rule pages are linked when they are on the web (a config's docsBaseUrl), not the runner's own files.
  const ruleCell = (id) => {
    if (!id) return "(file not read)";
    const page = pages.get(id);
    return page && /^https?:/.test(page) ? `[\`${id}\`](${page})` : `\`${id}\``;
  };
  lines.push("| rule | errors | warnings |", "|---|---:|---:|");
  for (const [id, counts] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) lines.push(`| ${ruleCell(id)} | ${counts.errors} | ${counts.warnings} |`);
  lines.push(`| **total** | **${errors}** | **${warnings}** |`, "");
  if (errors > ANNOTATIONS_PER_STEP || warnings > ANNOTATIONS_PER_STEP) {
    lines.push(
      `GitHub shows ${ANNOTATIONS_PER_STEP} error and ${ANNOTATIONS_PER_STEP} warning annotations of a step at most, so here are all ${findings.length} findings:`,
      "",
      "| file | severity | rule | message |",
      "|---|---|---|---|",
    );
    let bytes = Buffer.byteLength(lines.join("\n"));
    for (const [index, f] of findings.entries()) {
      const row = `| ${cell(`${f.file}:${f.line}:${f.column}`)} | ${f.level} | ${ruleCell(f.ruleId)} | ${cell(f.message)} |`;
      bytes += Buffer.byteLength(row) + 1;
      if (bytes > SUMMARY_BYTES) {
        lines.push("", `… and ${findings.length - index} more: see the log or the SARIF report.`);
        break;
      }
      lines.push(row);
    }
    lines.push("");
  }
  return { errors, warnings, text: lines.join("\n") };
}

// No SARIF report means skill-lint stopped before linting (a usage or config error, shown in the log).
const result = existsSync(sarifFile) && readFileSync(sarifFile, "utf8").trim()
  ? summary(readFindings())
  : { errors: 0, warnings: 0, text: `### skill-lint\n\nskill-lint could not run (exit code ${status}); its error is in the log.\n` };
if (summaryFile) appendFileSync(summaryFile, `${result.text}\n`);
if (outputFile) appendFileSync(outputFile, `error-count=${result.errors}\nwarning-count=${result.warnings}\n`);
