import { readFile } from "node:fs/promises";
import path from "node:path";
import { rules as allRules } from "../rules/index.js";
import { ConfigResolver, type Config, type ResolvedConfig } from "./config.js";
import { createSuppressor, readDirectives } from "./directives.js";
import { Doc } from "./document.js";
import { expandPaths } from "./files.js";
import { createSkillFolderProbe, detectKind } from "./kinds.js";
import type { Finding, Kind, Report, Rule } from "./types.js";

export interface LintResult {
  filePath: string;
  kind: Kind;
  findings: Finding[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** Set when the file could not be read; the run exits 2. */
  fatal?: string;
  /** The text that was linted, without any BOM. */
  source?: string;
}

export interface LintOptions {
  /** Path of a config file, as `--config` gives it; otherwise the nearest config upward is used. */
  configFile?: string;
  /** A config object, used in place of config files. */
  config?: Config;
  cwd?: string;
}

const BOM = "\uFEFF";

function defaultOptions(rule: Rule): Record<string, unknown> {
  return Object.fromEntries(Object.entries(rule.meta.options ?? {}).map(([key, spec]) => [key, spec.default]));
}

/** Lints one document's text under a resolved config. The text may carry a BOM and any line endings. */
export function lintDocument(input: string, filePath: string, config: ResolvedConfig, kind: Kind): LintResult {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const doc = new Doc(text);
  const findings: Finding[] = [];
  let suppressed: ((ruleId: string, line: number) => boolean) | undefined;
  for (const rule of allRules) {
    const setting = config.rules.get(rule.meta.id);
    if (!setting || setting.severity === "off" || !rule.meta.kinds.includes(kind)) continue;
    const severity = setting.severity;
    const report = (r: Report): void => {
      const start = doc.lines.position(r.start);
      const end = doc.lines.position(Math.max(r.end, r.start));
      suppressed ??= createSuppressor(readDirectives(doc));
      if (suppressed(rule.meta.id, start.line)) return;
      findings.push({
        ruleId: rule.meta.id,
        severity,
        message: r.message,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        ...(r.fix ? { fix: r.fix } : {}),
        ...(r.suggestions?.length ? { suggestions: r.suggestions } : {}),
      });
    };
    rule.check({
      filePath,
      kind,
      doc,
      toolset: config.toolset,
      options: { ...defaultOptions(rule), ...setting.options },
      report,
    });
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
  return summarize({ filePath, kind, findings, source: text });
}

function summarize(result: Omit<LintResult, "errorCount" | "warningCount" | "fixableErrorCount" | "fixableWarningCount">): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const finding of result.findings) {
    if (finding.severity === "error") {
      errorCount++;
      if (finding.fix) fixableErrorCount++;
    } else {
      warningCount++;
      if (finding.fix) fixableWarningCount++;
    }
  }
  return { ...result, errorCount, warningCount, fixableErrorCount, fixableWarningCount };
}

export interface LintTextOptions extends LintOptions {
  /** Used for kind detection and config lookup; need not exist. */
  filePath?: string;
  kind?: Kind;
}

/** Lints a string as if it were the file at `filePath` (default `doc.md`). */
export function lintText(text: string, options: LintTextOptions = {}): LintResult {
  const cwd = options.cwd ?? process.cwd();
  const filePath = path.resolve(cwd, options.filePath ?? "doc.md");
  const resolver = new ConfigResolver({ ...options, cwd });
  const config = resolver.resolve(filePath);
  const kind = options.kind ?? config.kind ?? detectKind(filePath);
  return lintDocument(text, filePath, config, kind);
}

/**
 * Lints files, folders and globs (default: the current folder). Results come back in path order.
 * Throws ConfigError for a bad config and PathError for a path that does not exist.
 */
export async function lint(patterns: string[] = ["."], options: LintOptions = {}): Promise<LintResult[]> {
  const cwd = options.cwd ?? process.cwd();
  const resolver = new ConfigResolver({ ...options, cwd });
  const files = await expandPaths(patterns.length ? patterns : ["."], cwd);
  const isSkillFolder = createSkillFolderProbe();
  const results: LintResult[] = [];
  for (const file of files) {
    if (resolver.isIgnored(file)) continue;
    const config = resolver.resolve(file);
    const kind = config.kind ?? detectKind(file, isSkillFolder);
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
      results.push(summarize({ filePath: file, kind, findings: [], fatal: `cannot read file (${code})` }));
      continue;
    }
    results.push(lintDocument(text, file, config, kind));
  }
  return results;
}
