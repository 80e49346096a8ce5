#!/usr/bin/env node
import path from "node:path";
import { createTwoFilesPatch } from "diff";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { rules } from "../rules/index.js";
import { CacheError, defaultCacheLocation } from "./cache.js";
import { ConfigError, ConfigResolver, didYouMean, parseRuleOption, type RulesConfig } from "./config.js";
import { describeConfig, InitError, writeStarterConfig } from "./init.js";
import { HOSTS, isHostId, type HostId } from "./hosts/index.js";
import { checksFor, docChecksOf, lintEach, lintText, projectsFor, rulesTurnedOn, type LintResult } from "./engine.js";
import type { ProjectCheck } from "./checks.js";
import { fallbackRoot } from "./project.js";
import { FixWriteError, FixWriter } from "./fix.js";
import { OutputFile, OutputFileError } from "./output-file.js";
import { PathError } from "./files.js";
import { reports, type BaselineSummary, type ReportFactory } from "./reporters/index.js";
import { escapeControl, escapeLine, inertLine, plural } from "./reporters/text.js";
import { docsUrl } from "./rule-helpers.js";
import { Baseline, BaselineError } from "./baseline.js";
import { MAX_DOC_BYTES } from "./read.js";
import { VERSION } from "./version.js";
import { claudeCodeHook, HOOK_HOSTS } from "./hook.js";
import type { SeveritySetting } from "./types.js";

const HELP = `Usage: skill-lint [options] [paths or globs...]
       skill-lint learn docs/solutions/<category>/<slug>.md   (draft project checks; see learn --help)

Lints the markdown that instructs AI coding agents: skills (SKILL.md), subagents (agents/*.md),
commands (commands/*.md) and solution docs (docs/solutions/**). Paths default to the current folder.

Options:
  -c, --config FILE       Use this config file for every file, instead of those found from its folder up
  --no-config             Use no config file: every rule at its default
  --rule 'ID: SEVERITY'   Set a rule, over every config (repeatable): 'skill-size: off',
                          'skill-size: [warn, {maxLines: 600}]'
  --ignore-pattern GLOB   Do not lint files matching GLOB, relative to this folder (repeatable)
  --fix                   Apply the fixes that rules offer, writing the files in place; with --stdin,
                          print the fixed text to standard output and the report to standard error
  --fix-dry-run           Print the fixes as a diff; write nothing
  --target HOST           The host that loads the docs (repeatable): ${HOSTS.map((host) => host.id).join(", ")};
                          default: inferred from the repository's folders
  --stdin                 Lint text from standard input
  --stdin-filename NAME   The path the standard input stands for (its kind and config come from it)
  -o, --output-file FILE  Write the report to a file instead of standard output
  --report FORMAT=FILE    Also write a report in FORMAT to FILE, from the same run (repeatable)
  --threads N             Threads that lint, this one included (default: one per core but one, for many files)
  --cache                 Reuse the findings of unchanged files from the last run
  --cache-location PATH   Where the cache lives (default: node_modules/.cache/skill-lint when node_modules/
                          exists here, else .cache/skill-lint)
  -f, --format NAME       Output format: ${Object.keys(reports).join(", ")} (default: stylish)
  --no-inline-config      Ignore <!-- skill-lint-... --> directives in the docs
  --report-unused-disable-directives-severity off|warn|error
                          How to report a disable directive that switched nothing off (default: warn)
  --baseline FILE         Report only problems not in FILE; write FILE with the current problems when it does not exist
  --update-baseline       Rewrite the --baseline FILE with the current problems
  --quiet                 Report errors only
  --max-warnings N        Exit 1 when there are more than N warnings, --quiet or not (-1: no limit)
  --list-rules            List the rules and exit (with -f json: as JSON, for programs)
  --print-config FILE     Show the config that applies to FILE and exit
  --init                  Write a commented starter skill-lint.config.yaml here and exit
  --color, --no-color     Colour the report or not (default: on a terminal only; NO_COLOR turns it off,
                          FORCE_COLOR on, through a pipe too)
  --debug                 Show stack traces of internal errors
  --hook HOST             Answer a host's hook: read the tool event on standard input, lint the agent doc it
                          wrote, exit 2 with its errors on standard error (HOST: claude-code)
  --mcp                   Serve the tools lint, fix and explain_rule over MCP (stdio)
  -v, --version           Print the version
      --lsp               Run as a language server on stdin/stdout
  -h, --help              Print this help

Exit codes: 0 no errors, 1 lint errors (or too many warnings), 2 usage or fatal error.`;

class UsageError extends Error {}

/** The MCP server, beside this file: ./mcp.js both in dist/src and in dist/bundle. */
const MCP_ENTRY = "./mcp.js";
/** `skill-lint learn`, beside this file too: a lint run never loads it. */
const LEARN_ENTRY = "./learn.js";

const UNUSED_SEVERITIES: readonly string[] = ["off", "warn", "error"] satisfies SeveritySetting[];

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

/**
 * A unified diff of what --fix would write, with paths as the user sees them. A doc's characters that would act
 * on a terminal or a CI log are shown as escapes, as in the report; a CRLF line keeps its CR.
 */
function fixDiff(filePath: string, before: string, after: string): string {
  const name = escapeLine(path.relative(process.cwd(), filePath) || filePath);
  const bom = "\uFEFF";
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after.startsWith(bom) ? after.slice(1) : after, "", "", { context: 2 });
  return patch
    .split("\n")
    .map((line) => {
      const crlf = line.endsWith("\r");
      return inertLine(escapeControl(crlf ? line.slice(0, -1) : line)) + (crlf ? "\r" : "");
    })
    .join("\n");
}

interface ListedCheck {
  check: ProjectCheck;
  severity: SeveritySetting;
}

/** The project checks that apply here: those of the config of the working folder and of its project's solution docs. */
function listedChecks(resolver: ConfigResolver, targets: readonly HostId[] | undefined): ListedCheck[] {
  const probe = path.join(process.cwd(), "doc.md");
  const config = resolver.resolve(probe);
  const projects = projectsFor(resolver, targets);
  const project = projects.get(projects.rootOf(probe, process.cwd()));
  return checksFor(config, docChecksOf(project)).map((check) => ({ check, severity: config.rules.get(check.id)?.severity ?? check.severity }));
}

/** The rules for programs: what each checks, where, and whether --fix mends it. */
function listRulesJson(checks: readonly ListedCheck[]): string {
  const everyHost = HOSTS.map((host) => host.id);
  const list: object[] = rules.map(({ meta }) => ({
    id: meta.id,
    description: meta.description,
    severity: meta.severity,
    fixable: Boolean(meta.fixable),
    kinds: [...meta.kinds],
    hosts: [...(meta.hosts ?? everyHost)],
    checklistItem: meta.checklistItem ?? null,
    docs: meta.docsUrl,
    // Off until a config turns it on; `severity` is then the level it reports at.
    on: !meta.offByDefault,
  }));
  for (const { check, severity } of checks) {
    list.push({
      id: check.id,
      description: check.message,
      severity,
      fixable: Boolean(check.swap),
      kinds: [...check.kinds],
      hosts: [...(check.targets ?? everyHost)],
      checklistItem: null,
      docs: docsUrl("project-checks"),
      on: severity !== "off",
      source: check.source,
      ...(check.learnedFrom ? { learnedFrom: check.learnedFrom.doc } : {}),
    });
  }
  return `${JSON.stringify(list, null, 2)}\n`;
}

function listRules(checks: readonly ListedCheck[]): string {
  const rows = rules.map(({ meta }) => [
    meta.id,
    meta.offByDefault ? `off (${meta.severity} when on)` : meta.severity,
    meta.fixable ? "fixable" : "",
    meta.kinds.length === 6 ? "all kinds" : meta.kinds.join(","),
    meta.checklistItem ?? "",
    meta.description,
  ]);
  for (const { check, severity } of checks) {
    const from = path.relative(process.cwd(), check.source) || check.source;
    rows.push([check.id, severity, check.swap ? "fixable" : "", check.kinds.length === 6 ? "all kinds" : check.kinds.join(","), "", `${check.message} (from ${from})`]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return `${rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i]!))).join("  ")).join("\n")}\n`;
}

const OPTIONS = {
  config: { type: "string", short: "c" },
  "no-config": { type: "boolean", default: false },
  rule: { type: "string", multiple: true },
  "ignore-pattern": { type: "string", multiple: true },
  target: { type: "string", multiple: true },
  fix: { type: "boolean", default: false },
  "fix-dry-run": { type: "boolean", default: false },
  stdin: { type: "boolean", default: false },
  "stdin-filename": { type: "string" },
  "output-file": { type: "string", short: "o" },
  report: { type: "string", multiple: true },
  cache: { type: "boolean", default: false },
  threads: { type: "string" },
  "cache-location": { type: "string" },
  format: { type: "string", short: "f", default: "stylish" },
  "no-inline-config": { type: "boolean", default: false },
  "report-unused-disable-directives-severity": { type: "string" },
  baseline: { type: "string" },
  "update-baseline": { type: "boolean", default: false },
  quiet: { type: "boolean", default: false },
  "max-warnings": { type: "string" },
  "list-rules": { type: "boolean", default: false },
  "print-config": { type: "string" },
  init: { type: "boolean", default: false },
  color: { type: "boolean", default: false },
  "no-color": { type: "boolean", default: false },
  debug: { type: "boolean", default: false },
  version: { type: "boolean", short: "v", default: false },
  lsp: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
  hook: { type: "string" },
  mcp: { type: "boolean", default: false },
} as const satisfies ParseArgsConfig["options"];

/**
 * parseArgs takes `-1` after an option for another option, so `--max-warnings -1` would be refused as
 * ambiguous: a negative number after an option that takes a value is joined to it (`--max-warnings=-1`).
 */
function joinNegativeValues(argv: string[]): string[] {
  const takesValue = new Set(Object.entries(OPTIONS).flatMap(([name, spec]) => (spec.type === "string" ? [`--${name}`] : [])));
  const joined: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const next = argv[i + 1];
    if (takesValue.has(arg) && next !== undefined && /^-\d+$/.test(next)) {
      joined.push(`${arg}=${next}`);
      i++;
    } else joined.push(arg);
  }
  return joined;
}

/** parseArgs' error in one line, with the option meant when an unknown one is a near miss (`--fixx`). */
function argumentError(error: Error & { code?: string }): string {
  const unknown = error.code === "ERR_PARSE_ARGS_UNKNOWN_OPTION" ? /'(-[^']*)'/.exec(error.message)?.[1] : undefined;
  if (unknown === undefined) return `${error.message.split("\n")[0]} (see --help)`;
  const name = unknown.replace(/^-+/, "").split("=")[0]!;
  return `unknown option "${unknown}"${didYouMean(name, Object.keys(OPTIONS), "--") || " (see --help)"}`;
}

async function main(argv: string[]): Promise<number> {
  if (argv[0] === "learn") {
    const { learn, LearnError } = (await import(LEARN_ENTRY)) as typeof import("./learn.js");
    try {
      return learn(argv.slice(1));
    } catch (error) {
      throw error instanceof LearnError ? new UsageError(`learn: ${error.message}`) : error;
    }
  }
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv), allowPositionals: true, options: OPTIONS });
  } catch (error) {
    throw new UsageError(argumentError(error as Error & { code?: string }));
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
  if (values.lsp) {
    // Its own bundle entry: a lint run never loads the language server.
    const { startServer } = await import("./lsp.js");
    return startServer();
  }
  if (values.init) {
    const { file, counts } = await writeStarterConfig(process.cwd());
    process.stdout.write(`Wrote ${path.relative(process.cwd(), file)} (${[...counts].map(([kind, n]) => plural(n, kind)).join(", ") || "no docs found yet"}).\n`);
    return 0;
  }
  const targets = values.target?.length ? checkTargets(values.target) : undefined;
  if (values.config && values["no-config"]) throw new UsageError("--config and --no-config contradict each other; keep one");
  const ruleSettings = values.rule?.length ? Object.assign({}, ...values.rule.map(parseRuleOption)) as RulesConfig : undefined;
  const configOptions = {
    ...(values.config ? { configFile: values.config } : {}),
    ...(values["no-config"] ? { noConfig: true } : {}),
    ...(ruleSettings ? { rules: ruleSettings } : {}),
    ...(values["ignore-pattern"]?.length ? { ignorePatterns: values["ignore-pattern"] } : {}),
  };
  if (values["list-rules"]) {
    if (values.format !== "stylish" && values.format !== "json") throw new UsageError(`--list-rules prints as stylish or json, not "${values.format}"`);
    const checks = listedChecks(new ConfigResolver(configOptions), targets);
    process.stdout.write(values.format === "json" ? listRulesJson(checks) : listRules(checks));
    return 0;
  }
  if (values["print-config"] !== undefined) {
    const file = path.resolve(values["print-config"]);
    const resolver = new ConfigResolver(configOptions);
    const config = resolver.resolve(file);
    const projects = projectsFor(resolver, targets);
    const project = projects.get(projects.rootOf(file, fallbackRoot([file], process.cwd())));
    const fileTargets = targets ?? config.targets ?? project.targets;
    const placement = project.placement(file, fileTargets);
    const source = targets ? "--target" : config.targets ? "config" : "inferred";
    process.stdout.write(describeConfig(file, config, config.kind ?? placement.kind, { root: project.root, targets: fileTargets, placement, source }, checksFor(config, docChecksOf(project))));
    return 0;
  }
  if (values.hook !== undefined) {
    if (!HOOK_HOSTS.includes(values.hook)) throw new UsageError(`unknown --hook "${values.hook}" (expected one of: ${HOOK_HOSTS.join(", ")})`);
    const answer = await claudeCodeHook(await readStdin(), { ...configOptions, ...(targets ? { targets } : {}), ...(values.cache ? { cache: values["cache-location"] ?? defaultCacheLocation(process.cwd()) } : {}), warn: () => {} });
    process.stderr.write(answer.stderr);
    return answer.code;
  }
  if (values.mcp) {
    // Its own bundle, loaded for --mcp alone: a lint run does not read the MCP SDK.
    const { serveMcp } = (await import(MCP_ENTRY)) as typeof import("./mcp.js");
    await serveMcp();
    return -1;
  }
  const createReport = reportFactory(values.format);
  const extraReports = (values.report ?? []).map(parseReportOption);
  let maxWarnings = -1;
  if (values["max-warnings"] !== undefined) {
    maxWarnings = Number(values["max-warnings"]);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) {
      throw new UsageError(`--max-warnings needs a whole number (-1 for no limit), got "${values["max-warnings"]}"`);
    }
  }

  const unusedSeverity = values["report-unused-disable-directives-severity"];
  if (unusedSeverity !== undefined && !UNUSED_SEVERITIES.includes(unusedSeverity)) {
    throw new UsageError(`--report-unused-disable-directives-severity needs off, warn or error, got "${unusedSeverity}"`);
  }

  let threads: number | undefined;
  if (values.threads !== undefined) {
    threads = Number(values.threads);
    if (!Number.isInteger(threads) || threads < 1) throw new UsageError(`--threads needs a whole number of at least 1, got "${values.threads}"`);
  }
  if (values.stdin && positionals.length) throw new UsageError("--stdin lints standard input only; drop the paths or --stdin");
  if (values["update-baseline"] && values.baseline === undefined) throw new UsageError("--update-baseline needs --baseline FILE, the file to rewrite");
  const baseline = values.baseline !== undefined ? Baseline.open(values.baseline) : undefined;
  // A baseline is written when asked to, or when there is none yet: a team's first run records where it starts.
  const writeBaseline = baseline !== undefined && (values["update-baseline"] || !baseline.exists);
  if (writeBaseline && values.stdin) {
    throw new UsageError(`--stdin cannot ${baseline.exists ? "rewrite" : "write"} the baseline ${values.baseline}: write it with a run over the repository's paths`);
  }
  const fix = values.fix || values["fix-dry-run"];
  const progress = process.stderr.isTTY ? progressLine() : undefined;
  const options = {
    ...configOptions,
    ...(targets ? { targets } : {}),
    fix,
    ...(threads ? { threads } : {}),
    ...(unusedSeverity ? { reportUnusedDisableDirectives: unusedSeverity as SeveritySetting } : {}),
    ...(values["no-inline-config"] ? { noInlineConfig: true } : {}),
    ...(progress ? { progress: progress.update } : {}),
    warn: (message: string) => process.stderr.write(`skill-lint: warning: ${escapeLine(message)}\n`),
    ...(values.cache ? { cache: values["cache-location"] ?? defaultCacheLocation(process.cwd()) } : {}),
  };

  // The report is written file by file as results arrive, so a long run shows its findings as it goes
  // and holds none of them.
  // Written synchronously, as stdout is to a file or pipe on Linux: an unawaited stream would buffer a whole
  // report of a large run in memory.
  const outputFile = values["output-file"] !== undefined ? new OutputFile(values["output-file"]) : undefined;
  // A reader that stops early (`skill-lint | head`) closes the pipe: the report stops, the run and its exit code do not.
  let stdoutClosed = false;
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    stdoutClosed = true;
  });
  // `--stdin --fix` prints the fixed text, as an editor or a pipe wants it: the report goes to standard error.
  const fixedToStdout = values.stdin && values.fix;
  const reportStream = fixedToStdout ? process.stderr : process.stdout;
  const write = (text: string): void => {
    if (!text) return;
    if (outputFile !== undefined) outputFile.write(text);
    else if (fixedToStdout) process.stderr.write(text);
    else if (!stdoutClosed) {
      progress?.clear();
      process.stdout.write(text);
    }
  };
  // Reports link each rule to one page for the whole run, so the setting is that of the folder the run is in.
  const { docsBaseUrl } = new ConfigResolver(values.config ? { configFile: values.config } : {}).configIn(process.cwd())?.config ?? {};
  const reportRules = rules.map(({ meta }) => (docsBaseUrl ? { ...meta, docsUrl: docsUrl(meta.id, docsBaseUrl) } : meta));
  const report = createReport({
    cwd: process.cwd(),
    color: useColor(argv, outputFile === undefined ? Boolean(reportStream.isTTY) : undefined),
    rules: reportRules,
    quiet: values.quiet,
    ...(outputFile === undefined ? wrapWidth(reportStream) : {}),
  });
  // Each --report file gets its own report of the same results, never colored.
  // Like the --output-file, each is written when the run is over, and never over a doc being linted.
  const extras = extraReports.map(({ create, file }) => ({ report: create({ cwd: process.cwd(), color: false, rules: reportRules }), out: new OutputFile(file, "--report") }));
  const writeExtras = (text: (report: (typeof extras)[number]["report"]) => string): void => {
    for (const { report: extra, out } of extras) {
      const chunk = text(extra);
      if (chunk) out.write(chunk);
    }
  };
  const unreadable: string[] = [];
  let errors = 0;
  let warnings = 0;
  const writer = new FixWriter();
  const baselined: BaselineSummary = { file: values.baseline ?? "", hidden: 0, stale: 0 };
  const onResult = (linted: LintResult): void => {
    let result = linted;
    outputFile?.linted(result.filePath);
    for (const { out } of extras) out.linted(result.filePath);
    if (baseline) {
      const applied = writeBaseline ? baseline.accept(linted) : baseline.apply(linted);
      result = applied.result;
      baselined.hidden += applied.hidden;
      baselined.stale += applied.stale;
    }
    if (fixedToStdout && !stdoutClosed) process.stdout.write(result.output ?? stdinText);
    else if (result.output !== undefined) {
      if (values.fix) result = writeFixed(writer, result, options.warn);
      else if (values.format === "stylish" || values.format === "compact") write(fixDiff(result.filePath, result.source ?? "", result.output));
    }
    const shown = values.quiet
      ? { ...result, findings: result.findings.filter((f) => f.severity === "error"), warningCount: 0, fixableWarningCount: 0 }
      : result;
    write(report.file(shown));
    writeExtras((extra) => extra.file(shown));
    if (result.fatal) unreadable.push(`skill-lint: ${escapeLine(`${result.filePath}: ${result.fatal}`)}\n`);
    errors += result.errorCount;
    // As in ESLint, --quiet hides warnings from the report but not from the --max-warnings budget.
    warnings += result.warningCount;
  };
  const stdinText = values.stdin ? await readStdin() : "";
  let summary;
  let written;
  try {
    if (values.stdin) {
      const filePath = values["stdin-filename"] ?? "<stdin>";
      onResult(lintText(stdinText, { ...options, filePath }));
      // The checklist ticks the rules off by default that the config of the file it stands for turns on.
      const turnedOn = rulesTurnedOn(new ConfigResolver({ ...options, cwd: process.cwd() }).resolve(path.resolve(filePath)));
      summary = { linted: 1, leftOut: {}, ...(turnedOn.length ? { turnedOn } : {}) };
    } else summary = await lintEach(positionals, options, onResult);
    written = writeBaseline ? await baseline.write() : undefined;
  } catch (error) {
    outputFile?.discard();
    for (const { out } of extras) out.discard();
    throw error;
  }
  write(report.end(summary, baseline ? baselined : undefined));
  writeExtras((extra) => extra.end(summary));
  outputFile?.finish();
  for (const { out } of extras) out.finish();
  for (const line of unreadable) process.stderr.write(line);
  if (written) {
    const { findings, files } = written;
    process.stderr.write(
      `skill-lint: ${baseline!.exists ? "rewrote" : "wrote"} the baseline ${values.baseline} with ${plural(findings, "problem")} in ${plural(files, "file")}; ` +
        `runs with --baseline ${values.baseline} report only problems not in it\n`,
    );
  }
  if (unreadable.length) return 2;
  if (errors > 0) return 1;
  if (maxWarnings >= 0 && warnings > maxWarnings) {
    process.stderr.write(`skill-lint: ${plural(warnings, "warning")}, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/**
 * Writes a result's fixed text to its file. A file that cannot be written is a fatal error of that file alone:
 * its report says so in place of the fix, and the run goes on.
 */
function writeFixed(writer: FixWriter, result: LintResult, warn: (message: string) => void): LintResult {
  try {
    const warning = writer.write(result.filePath, result.output!, result.root ?? path.dirname(result.filePath));
    if (warning) warn(warning);
    return result;
  } catch (error) {
    if (!(error instanceof FixWriteError)) throw error;
    return { ...result, output: undefined, fatal: error.message };
  }
}

/**
 * The last of --color and --no-color wins; without either, NO_COLOR turns colour off and FORCE_COLOR on (so a
 * pipe to a pager can keep it), and otherwise a report to a terminal has it. A report file has it only with --color.
 */
function useColor(argv: string[], toTerminal: boolean | undefined): boolean {
  const on = argv.lastIndexOf("--color");
  const off = argv.lastIndexOf("--no-color");
  if (on >= 0 || off >= 0) return on > off;
  if (toTerminal === undefined || process.env.NO_COLOR) return false;
  const force = process.env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  return toTerminal;
}

/**
 * Long messages wrap to the terminal's width, or to COLUMNS when it is set; a pipe or CI log without COLUMNS keeps
 * one line per finding, for grep and problem matchers.
 */
function wrapWidth(stream: NodeJS.WriteStream): { width?: number } {
  const columns = Number(process.env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return { width: columns };
  return stream.isTTY && stream.columns ? { width: stream.columns } : {};
}

function checkTargets(names: string[]): HostId[] {
  for (const name of names) {
    if (!isHostId(name)) throw new UsageError(`unknown --target "${name}" (expected one of: ${HOSTS.map((host) => host.id).join(", ")})`);
  }
  return [...new Set(names)] as HostId[];
}

function reportFactory(format: string): ReportFactory {
  const create = reports[format];
  if (!create) throw new UsageError(`unknown format "${format}" (expected one of: ${Object.keys(reports).join(", ")})`);
  return create;
}

/** `--report sarif=skill-lint.sarif`: split at the first `=`, so the file may hold one (and a Windows drive's `:`). */
function parseReportOption(value: string): { create: ReportFactory; file: string } {
  const equals = value.indexOf("=");
  if (equals <= 0 || equals === value.length - 1) throw new UsageError(`--report needs FORMAT=FILE, such as sarif=skill-lint.sarif; got "${value}"`);
  return { create: reportFactory(value.slice(0, equals)), file: value.slice(equals + 1) };
}

const debug = process.argv.includes("--debug");
main(process.argv.slice(2)).then(
  (code) => {
    // -1: a server that answers until its input closes, and sets no exit code of its own.
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (
      error instanceof ConfigError ||
      error instanceof PathError ||
      error instanceof UsageError ||
      error instanceof InitError ||
      error instanceof OutputFileError ||
      error instanceof CacheError ||
      error instanceof BaselineError
    ) {
      process.stderr.write(`skill-lint: ${escapeLine(error.message)}\n`);
    } else {
      process.stderr.write(`skill-lint: internal error: ${escapeLine((error as Error)?.message ?? String(error))}\n`);
      if (debug) process.stderr.write(`${(error as Error)?.stack ?? ""}\n`);
    }
    process.exitCode = 2;
  },
);
