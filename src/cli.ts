#!/usr/bin/env node
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { createTwoFilesPatch } from "diff";
import { parseArgs } from "node:util";
import { rules } from "../rules/index.js";
import { DEFAULT_CACHE_LOCATION } from "./cache.js";
import { ConfigError, ConfigResolver } from "./config.js";
import { describeConfig, InitError, writeStarterConfig } from "./init.js";
import { detectKind } from "./kinds.js";
import { lint, lintText, type LintResult } from "./engine.js";
import { writeFileAtomic } from "./fix.js";
import { PathError } from "./files.js";
import { formatters } from "./reporters/index.js";
import { VERSION } from "./version.js";

const HELP = `Usage: skill-lint [options] [paths or globs...]

Lints the markdown that instructs AI coding agents: skills (SKILL.md), subagents (agents/*.md),
commands (commands/*.md) and solution docs (docs/solutions/**). Paths default to the current folder.

Options:
  -c, --config FILE       Use this config file instead of the nearest one
  --fix                   Apply the fixes that rules offer, writing the files in place
  --fix-dry-run           Print the fixes as a diff; write nothing
  --stdin                 Lint text from standard input
  --stdin-filename NAME   The path the standard input stands for (its kind and config come from it)
  -o, --output-file FILE  Write the report to a file instead of standard output
  --threads N             Worker threads (default: one per core when there are many files)
  --cache                 Reuse the findings of unchanged files from the last run
  --cache-location PATH   Where the cache lives (default: node_modules/.cache/skill-lint)
  -f, --format NAME       Output format: ${Object.keys(formatters).join(", ")} (default: stylish)
  --quiet                 Report errors only
  --max-warnings N        Exit 1 when there are more than N warnings
  --list-rules            List the rules and exit
  --print-config FILE     Show the config that applies to FILE and exit
  --init                  Write a commented starter skill-lint.config.yaml here and exit
  --debug                 Show stack traces of internal errors
  -v, --version           Print the version
  -h, --help              Print this help

Exit codes: 0 no errors, 1 lint errors (or too many warnings), 2 usage or fatal error.`;

class UsageError extends Error {}

/** A progress counter on stderr for long runs on a terminal, erased when the run ends. */
function progressLine(): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (total < 200 || (done < total && now - last < 100)) return;
    last = now;
    process.stderr.write(done < total ? `\rskill-lint: ${done}/${total} files` : "\r\u001b[K");
  };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** A unified diff of what --fix would write, with paths as the user sees them. */
function fixDiff(filePath: string, before: string, after: string): string {
  const name = path.relative(process.cwd(), filePath) || filePath;
  const bom = "\uFEFF";
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after.startsWith(bom) ? after.slice(1) : after, "", "", { context: 2 });
}

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
        fix: { type: "boolean", default: false },
        "fix-dry-run": { type: "boolean", default: false },
        stdin: { type: "boolean", default: false },
        "stdin-filename": { type: "string" },
        "output-file": { type: "string", short: "o" },
        cache: { type: "boolean", default: false },
        threads: { type: "string" },
        "cache-location": { type: "string" },
        format: { type: "string", short: "f", default: "stylish" },
        quiet: { type: "boolean", default: false },
        "max-warnings": { type: "string" },
        "list-rules": { type: "boolean", default: false },
        "print-config": { type: "string" },
        init: { type: "boolean", default: false },
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
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (values["list-rules"]) {
    process.stdout.write(listRules());
    return 0;
  }
  if (values.init) {
    const { file, counts } = await writeStarterConfig(process.cwd());
    process.stdout.write(`Wrote ${path.relative(process.cwd(), file)} (${[...counts].map(([k, n]) => `${n} ${k}`).join(", ") || "no docs found yet"}).\n`);
    return 0;
  }
  if (values["print-config"] !== undefined) {
    const file = path.resolve(values["print-config"]);
    const resolver = new ConfigResolver(values.config ? { configFile: values.config } : {});
    const config = resolver.resolve(file);
    process.stdout.write(describeConfig(file, config, config.kind ?? detectKind(file)));
    return 0;
  }
  const formatter = formatters[values.format];
  if (!formatter) throw new UsageError(`unknown format "${values.format}" (expected one of: ${Object.keys(formatters).join(", ")})`);
  let maxWarnings = -1;
  if (values["max-warnings"] !== undefined) {
    maxWarnings = Number(values["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) throw new UsageError(`--max-warnings needs a whole number, got "${values["max-warnings"]}"`);
  }

  let threads: number | undefined;
  if (values.threads !== undefined) {
    threads = Number(values.threads);
    if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`--threads needs a whole number of at least 1, got "${values.threads}"`);
  }
  if (values.stdin && values.fix) throw new UsageError("--fix cannot write to standard input; use --fix-dry-run to see the fixes");
  if (values.stdin && positionals.length) throw new UsageError("--stdin lints standard input only; drop the paths or --stdin");
  const fix = values.fix || values["fix-dry-run"];
  const options = {
    ...(values.config ? { configFile: values.config } : {}),
    fix,
    ...(threads ? { threads } : {}),
    ...(process.stderr.isTTY ? { progress: progressLine() } : {}),
    warn: (message: string) => process.stderr.write(`skill-lint: warning: ${message}\n`),
    ...(values.cache ? { cache: values["cache-location"] ?? DEFAULT_CACHE_LOCATION } : {}),
  };
  let results: LintResult[] = values.stdin
    ? [lintText(await readStdin(), { ...options, filePath: values["stdin-filename"] ?? "<stdin>" })]
    : await lint(positionals, options);
  for (const result of results) {
    if (result.output === undefined) continue;
    if (values.fix) await writeFileAtomic(result.filePath, result.output);
    else if (values.format === "stylish" || values.format === "compact") {
      process.stdout.write(fixDiff(result.filePath, result.source ?? "", result.output));
    }
  }
  if (values.quiet) {
    results = results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === "error"), warningCount: 0, fixableWarningCount: 0 }));
  }
  const output = formatter(results, {
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
    rules: rules.map((r) => r.meta),
  });
  if (values["output-file"]) await writeFile(values["output-file"], output);
  else if (output) process.stdout.write(output);
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
    if (error instanceof ConfigError || error instanceof PathError || error instanceof UsageError || error instanceof InitError) {
      process.stderr.write(`skill-lint: ${error.message}\n`);
    } else {
      process.stderr.write(`skill-lint: internal error: ${(error as Error)?.message ?? String(error)}\n`);
      if (debug) process.stderr.write(`${(error as Error)?.stack ?? ""}\n`);
    }
    process.exitCode = 2;
  },
);
