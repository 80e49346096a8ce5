#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { rules } from "../rules/index.js";
import { ConfigError } from "./config.js";
import { lint, type LintResult } from "./engine.js";
import { PathError } from "./files.js";
import { formatters } from "./reporters/index.js";

const HELP = `Usage: skill-lint [options] [paths or globs...]

Lints the markdown that instructs AI coding agents: skills (SKILL.md), subagents (agents/*.md),
commands (commands/*.md) and solution docs (docs/solutions/**). Paths default to the current folder.

Options:
  -c, --config FILE       Use this config file instead of the nearest one
  -f, --format NAME       Output format: ${Object.keys(formatters).join(", ")} (default: stylish)
  --quiet                 Report errors only
  --max-warnings N        Exit 1 when there are more than N warnings
  --list-rules            List the rules and exit
  --debug                 Show stack traces of internal errors
  -v, --version           Print the version
  -h, --help              Print this help

Exit codes: 0 no errors, 1 lint errors (or too many warnings), 2 usage or fatal error.`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

class UsageError extends Error {}

function listRules(): string {
  const rows = rules.map(({ meta }) => [
    meta.id,
    meta.severity,
    meta.fixable ? "fixable" : "",
    meta.kinds.length === 6 ? "all kinds" : meta.kinds.join(","),
    meta.checklistItem ?? "",
    meta.description,
  ]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return `${rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ")).join("\n")}\n`;
}

async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: "string", short: "c" },
        format: { type: "string", short: "f", default: "stylish" },
        quiet: { type: "boolean", default: false },
        "max-warnings": { type: "string" },
        "list-rules": { type: "boolean", default: false },
        debug: { type: "boolean", default: false },
        version: { type: "boolean", short: "v", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split("\n")[0]} (see --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${version()}\n`);
    return 0;
  }
  if (values["list-rules"]) {
    process.stdout.write(listRules());
    return 0;
  }
  const formatter = formatters[values.format];
  if (!formatter) throw new UsageError(`unknown format "${values.format}" (expected one of: ${Object.keys(formatters).join(", ")})`);
  let maxWarnings = -1;
  if (values["max-warnings"] !== undefined) {
    maxWarnings = Number(values["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings needs a whole number, got "${values["max-warnings"]}"`);
  }

  let results: LintResult[] = await lint(positionals, values.config ? { configFile: values.config } : {});
  if (values.quiet) {
    results = results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === "error"), warningCount: 0, fixableWarningCount: 0 }));
  }
  const output = formatter(results, {
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    rules: rules.map((r) => r.meta),
  });
  if (output) process.stdout.write(output);
  for (const result of results) {
    if (result.fatal) process.stderr.write(`skill-lint: ${result.filePath}: ${result.fatal}\n`);
  }
  if (results.some((r) => r.fatal)) return 2;
  const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
  const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
  if (errors > 0) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    process.stderr.write(`skill-lint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

const debug = process.argv.includes("--debug");
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof PathError || error instanceof UsageError) {
      process.stderr.write(`skill-lint: ${error.message}\n`);
    } else {
      process.stderr.write(`skill-lint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
      if (debug) process.stderr.write(`${(error as Error)?.stack ?? ""}\n`);
    }
    process.exitCode = 2;
  },
);
