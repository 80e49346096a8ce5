import path from "node:path";
import { checksBySource, type CheckSummary, type LintResult, type LintSummary } from "../engine.js";
import type { BaselineSummary, ReportContext, StreamingReport } from "./index.js";
import { createColors, escapeLine, inertLine, plural } from "./text.js";

/** Narrower than this, wrapping would leave a word or two a line: the message stays on one line. */
const MIN_WRAP = 30;

/**
 * A message in lines of at most `room` characters, breaking at spaces only, and the rule id after the last line
 * (or alone on one more line when it does not fit): the last line returned is followed by the rule id.
 */
function wrapMessage(message: string, ruleId: string, room: number | undefined): string[] {
  if (room === undefined || room < MIN_WRAP || message.length + 2 + ruleId.length <= room) return [message];
  const lines: string[] = [];
  let line = "";
  for (const word of message.split(" ")) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line.length + 2 + ruleId.length > room) lines.push(line, "");
  else lines.push(line);
  return lines;
}

/** The project checks of the run, by the file declaring them: "learned from docs/solutions/x/y.md: 2 checks, 0 findings", then each check. */
function checksBlock(checks: readonly CheckSummary[], cwd: string, c: ReturnType<typeof createColors>): string[] {
  const out = [c.bold("Project checks")];
  const bySource = checksBySource(checks);
  for (const [source, group] of bySource) {
    const total = group.reduce((sum, check) => sum + check.findings, 0);
    const where = group[0]!.learnedFrom ? `learned from ${group[0]!.learnedFrom}` : `from ${path.relative(cwd, source) || source}`;
    out.push(`  ${escapeLine(where)}: ${plural(group.length, "check")}, ${plural(total, "finding")}`);
    for (const check of group) out.push(check.findings ? `    ${c.red("✖")} ${check.id} ${c.dim(`(${plural(check.findings, "finding")})`)}` : `    ${c.green("✔")} ${check.id}`);
  }
  return out;
}

/** Findings grouped by file, `line:col  severity  message  rule-id`, then totals and the checklist. */
export function createStylishReport(context: ReportContext): StreamingReport {
  const c = createColors(context.color);
  const urls = new Map(context.rules.map((rule) => [rule.id, rule.docsUrl]));
  // On a terminal the rule id links to its docs page (OSC 8); SARIF carries the same URL as helpUri.
  const link = (ruleId: string): string => {
    const url = urls.get(ruleId);
    return context.color && url ? `\u001b]8;;${url}\u0007${ruleId}\u001b]8;;\u0007` : ruleId;
  };
  let files = 0;
  let errors = 0;
  let warnings = 0;
  let fixableErrors = 0;
  let fixableWarnings = 0;
  const perChecklistRule = new Map<string, number>();

  function file(result: LintResult): string {
    files++;
    if (!result.findings.length && !result.fatal) return "";
    const out: string[] = [c.underline(inertLine(escapeLine(path.relative(context.cwd, result.filePath) || result.filePath)))];
    if (result.fatal) {
      errors++;
      out.push(`  ${c.red("error")}  ${escapeLine(result.fatal)}`);
    }
    const rows = result.findings.map((f) => [`${f.line}:${f.column}`, f.severity === "error" ? "error" : "warning", escapeLine(f.message), f.ruleId]);
    const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
    const indent = 2 + widths[0]! + 2 + widths[1]! + 2;
    for (const [position, severity, message, ruleId] of rows) {
      const paint = severity === "error" ? c.red : c.yellow;
      const lines = wrapMessage(message!, ruleId!, context.width === undefined ? undefined : context.width - indent);
      const last = lines.length - 1;
      lines.forEach((line, i) => {
        const lead = i === 0 ? `  ${c.dim(position!.padEnd(widths[0]!))}  ${paint(severity!.padEnd(widths[1]!))}  ` : " ".repeat(indent);
        if (i < last) out.push(`${lead}${line}`);
        else out.push(`${lead}${line}${line ? "  " : ""}${c.dim(link(ruleId!))}`);
      });
    }
    for (const f of result.findings) {
      if (f.severity === "error") errors++;
      else warnings++;
      if (f.fix && f.severity === "error") fixableErrors++;
      else if (f.fix) fixableWarnings++;
      perChecklistRule.set(f.ruleId, (perChecklistRule.get(f.ruleId) ?? 0) + 1);
    }
    return `${out.join("\n")}\n\n`;
  }

  function end(summary?: LintSummary, baseline?: BaselineSummary): string {
    const out: string[] = [];
    const reasons = Object.entries(summary?.leftOut ?? {}).sort(([a, x], [b, y]) => y - x || a.localeCompare(b));
    if (summary && reasons.length) {
      const count = reasons.reduce((sum, [, n]) => sum + n, 0);
      out.push(c.dim(`${plural(summary.linted, "file")} linted; ${plural(count, "file")} in these folders left out:`));
      for (const [reason, n] of reasons) out.push(c.dim(`  ${n}  ${reason}`));
      out.push(c.dim(`  Name a file on the command line, or list it in "include" in config, to lint it.`), "");
    }
    // Nothing linted because the config ignores all that was named: say so, rather than print nothing.
    if (summary && summary.linted === 0 && summary.ignored) {
      const which = summary.ignored === 1 ? "the one file" : `all ${summary.ignored} files`;
      out.push(c.dim(`No files linted: the config's \`ignores\` (or --ignore-pattern) leaves out ${which} the paths hold.`), "");
    }
    const total = errors + warnings;
    if (total > 0) {
      const paint = errors ? c.red : c.yellow;
      out.push(paint(c.bold(`✖ ${plural(total, "problem")} (${plural(errors, "error")}, ${plural(warnings, "warning")})`)));
      if (fixableErrors + fixableWarnings) {
        out.push(c.dim(`  ${plural(fixableErrors, "error")} and ${plural(fixableWarnings, "warning")} potentially fixable with the \`--fix\` option.`));
      }
      out.push("");
    } else if (files) {
      // Under --quiet, warnings were left out of the results: all that is known is that there are no errors.
      out.push(c.green(`✔ ${plural(files, "file")} linted, no ${context.quiet ? "errors" : "problems"}`), "");
    }
    if (baseline && (baseline.hidden || baseline.stale)) {
      if (baseline.hidden) out.push(c.dim(`${plural(baseline.hidden, "problem")} hidden by the baseline ${baseline.file}.`));
      if (baseline.stale) {
        out.push(c.dim(`${plural(baseline.stale, "problem")} in the baseline no longer ${baseline.stale === 1 ? "occurs" : "occur"}: --update-baseline drops them.`));
      }
      out.push("");
    }
    const checklist = context.rules.filter((rule) => rule.checklistItem);
    if (files && checklist.length) {
      out.push(c.bold("Prevention checklist"));
      for (const rule of checklist) {
        const count = perChecklistRule.get(rule.id) ?? 0;
        // A rule off by default that no linted file's config turned on did not run: say so rather than tick it.
        if (count) out.push(`  ${c.red("✖")} ${rule.checklistItem} ${c.dim(`(${plural(count, "finding")}, ${rule.id})`)}`);
        else if (rule.offByDefault && !summary?.turnedOn?.includes(rule.id)) out.push(`  ${c.dim("–")} ${rule.checklistItem} ${c.dim(`(${rule.id} is off by default)`)}`);
        else out.push(`  ${c.green("✔")} ${rule.checklistItem}`);
      }
      out.push("");
    }
    if (summary?.checks?.length) out.push(...checksBlock(summary.checks, context.cwd, c), "");
    return out.length ? `${out.join("\n")}\n` : "";
  }

  return { file, end };
}
