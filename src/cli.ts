#!/usr/bin/env node
import { closeSync, openSync, writeSync } from "node:fs";
import path from "node:path";
import { createTwoFilesPatch } from "diff";
import { parseArgs } from "node:util";
import { rules } from "../rules/index.js";
import { DEFAULT_CACHE_LOCATION } from "./cache.js";
import { ConfigError, ConfigResolver } from "./config.js";
import { describeConfig, InitError, writeStarterConfig } from "./init.js";
import { HOSTS, isHostId, type HostId } from "./hosts/index.js";
import { lintEach, lintText, projectsFor, type LintResult } from "./engine.js";
import { fallbackRoot } from "./project.js";
import { writeFileAtomic } from "./fix.js";
import { PathError } from "./files.js";
import { MAX_DOC_BYTES } from "./read.js";
import { reports } from "./reporters/index.js";
import { VERSION } from "./version.js";

const HELP = `Usage: skill-lint [options] [paths or globs...]

Lints the markdown that instructs AI coding agents: skills (SKILL.md), subagents (agents/*.md),
commands (commands/*.md) and solution docs (docs/solutions/**). Paths default to the current folder.

Options:
  -c, --config FILE       Use this config file instead of the nearest one
  --fix                   Apply the fixes that rules offer, writing the files in place
  --fix-dry-run           Print the fixes as a diff; write nothing
  --target HOST           The host that loads the docs (repeatable): ${HOSTS.map((host) => host.id).join(", ")};
                          default: inferred from the repository's folders
  --stdin                 Lint text from standard input
  --stdin-filename NAME   The path the standard input stands for (its kind and config come from it)
  -o, --output-file FILE  Write the report to a file instead of standard output
  --threads N             Threads that lint, this one included (default: one per core but one, for many files)
  --cache                 Reuse the findings of unchanged files from the last run
  --cache-location PATH   Where the cache lives (default: node_modules/.cache/skill-lint)
  -f, --format NAME       Output format: ${Object.keys(reports).join(", ")} (default: stylish)
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

/** A progress counter on stderr for long runs on a terminal, erased when the run ends or the report writes. */
function progressLine(): { update(done: number, total: number): void; clear(): void } {
  let last = 0;
  let shown = false;
  const clear = (): void => {
    if (shown) process.stderr.write("\r\u001b[K");
    shown = false;
  };
  const update = (done: number, total: number): void => {
    const now = Date.now();
    if (total < 200 || (done < total && now - last < 100)) return;
    last = now;
    if (done < total) {
      process.stderr.write(`\rskill-lint: ${done}/${total} files`);
      shown = true;
    } else clear();
  };
  return { update, clear };
}

/** Standard input, up to the size of the largest doc read from a file: `--stdin < /dev/zero` must end. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    total += (chunk as Buffer).length;
    if (total > MAX_DOC_BYTES) throw new UsageError(`standard input is too large (over ${MAX_DOC_BYTES / 1024 / 1024} MB)`);
    chunks.push(chunk as Buffer);
  }
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
        target: { type: "string", multiple: true },
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
  const targets = values.target?.length ? checkTargets(values.target) : undefined;
  if (values["print-config"] !== undefined) {
    const file = path.resolve(values["print-config"]);
    const resolver = new ConfigResolver(values.config ? { configFile: values.config } : {});
    const config = resolver.resolve(file);
    const projects = projectsFor(resolver, targets);
    const project = projects.get(projects.rootOf(file, fallbackRoot([file], process.cwd())));
    const fileTargets = targets ?? config.targets ?? project.targets;
    const placement = project.placement(file, fileTargets);
    const source = targets ? "--target" : config.targets ? "config" : "inferred";
    process.stdout.write(describeConfig(file, config, config.kind ?? placement.kind, { root: project.root, targets: fileTargets, placement, source }));
    return 0;
  }
  const createReport = reports[values.format];
  if (!createReport) throw new UsageError(`unknown format "${values.format}" (expected one of: ${Object.keys(reports).join(", ")})`);
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
  const progress = process.stderr.isTTY ? progressLine() : undefined;
  const options = {
    ...(values.config ? { configFile: values.config } : {}),
    ...(targets ? { targets } : {}),
    fix,
    ...(threads ? { threads } : {}),
    ...(progress ? { progress: progress.update } : {}),
    warn: (message: string) => process.stderr.write(`skill-lint: warning: ${message}\n`),
    ...(values.cache ? { cache: values["cache-location"] ?? DEFAULT_CACHE_LOCATION } : {}),
  };

  // The report is written file by file as results arrive, so a long run shows its findings as it goes
  // and holds none of them.
  // Written synchronously, as stdout is to a file or pipe on Linux: an unawaited stream would buffer a whole
  // report of a large run in memory.
  const outputFile = values["output-file"] ? openOutput(values["output-file"]) : undefined;
  // A reader that stops early (`skill-lint | head`) closes the pipe: the report stops, the run and its exit code do not.
  let stdoutClosed = false;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    stdoutClosed = true;
  });
  const write = (text: string): void => {
    if (!text) return;
    if (outputFile !== undefined) writeSync(outputFile, text);
    else if (!stdoutClosed) {
      progress?.clear();
      process.stdout.write(text);
    }
  };
  const report = createReport({
    cwd: process.cwd(),
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && outputFile === undefined,
    rules: rules.map((r) => r.meta),
  });
  const unreadable: string[] = [];
  let errors = 0;
  let warnings = 0;
  let writes: Promise<void> = Promise.resolve();
  const onResult = (result: LintResult): void => {
    if (result.output !== undefined) {
      const { filePath, output } = result;
      if (values.fix) writes = writes.then(() => writeFileAtomic(filePath, output));
      else if (values.format === "stylish" || values.format === "compact") write(fixDiff(filePath, result.source ?? "", output));
    }
    const shown = values.quiet
      ? { ...result, findings: result.findings.filter((f) => f.severity === "error"), warningCount: 0, fixableWarningCount: 0 }
      : result;
    write(report.file(shown));
    if (result.fatal) unreadable.push(`skill-lint: ${result.filePath}: ${result.fatal}\n`);
    errors += shown.errorCount;
    warnings += shown.warningCount;
  };
  if (values.stdin) onResult(lintText(await readStdin(), { ...options, filePath: values["stdin-filename"] ?? "<stdin>" }));
  const summary = values.stdin ? undefined : await lintEach(positionals, options, onResult);
  await writes;
  write(report.end(summary));
  if (outputFile !== undefined) closeSync(outputFile);
  for (const line of unreadable) process.stderr.write(line);
  if (unreadable.length) return 2;
  if (errors > 0) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    process.stderr.write(`skill-lint: ${warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

function checkTargets(names: string[]): HostId[] {
  for (const name of names) {
    if (!isHostId(name)) throw new UsageError(`unknown --target "${name}" (expected one of: ${HOSTS.map((host) => host.id).join(", ")})`);
  }
  return [...new Set(names)] as HostId[];
}

function openOutput(file: string): number {
  try {
    return openSync(file, "w");
  } catch (error) {
    throw new UsageError(`cannot write --output-file ${file} (${(error as NodeJS.ErrnoException).code ?? "error"})`);
  }
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
