import { availableParallelism } from "node:os";
import path from "node:path";
import { rules as allRules } from "../rules/index.js";
import { ConfigError, ConfigResolver, didYouMean, type ResolvedConfig, type ResolverOptions } from "./config.js";
import { checkRule, DocCheckError, type DocChecks, type ProjectCheck } from "./checks.js";
import { createSuppressor, NO_DIRECTIVES, readDirectives, unusedDirectiveMessage, unusedDirectives, type Directive } from "./directives.js";
import { Doc, MAX_BLOCK_CHARS, MAX_TREE_CHARS } from "./document.js";
import { expandPathsNamed, hasUndecodableName, isInside, statOrUndefined } from "./files.js";
import { applyFixes } from "./fix.js";
import { linkDestinations } from "./links.js";
import { MAX_DOC_BYTES, readBoundedText, ReadError } from "./read.js";
import { gitBlobId, hashText, LintCache } from "./cache.js";
import { VERSION } from "./version.js";
import { lintInWorkers, workersAvailable, type LintJob } from "./workers.js";
import { inferTargets } from "./hosts/index.js";
import { fallbackRoot, Project, Projects, ProjectView, RootFinder } from "./project.js";
import { fileStamp, gitStampsOf, ListedFolders } from "./project-files.js";
import type { HostId } from "./hosts/index.js";
import type { Placement } from "./placement.js";
import type { Finding, Kind, Report, Rule, Severity, SuppressedFinding, Target } from "./types.js";

export interface LintResult {
  filePath: string;
  kind: Kind;
  findings: Finding[];
  /** Findings that inline directives (or the baseline) switched off, each saying why. */
  suppressed?: SuppressedFinding[];
  errorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  /** Set when the file could not be read; the run exits 2. */
  fatal?: string;
  /** The text that was read, without any BOM. */
  source?: string;
  /** With `fix`, the fixed file content (BOM kept) when any fix applied; findings then refer to it. */
  output?: string;
  /** With `output`, the root of the project the file belongs to: a fix is written through a symlink only inside it. */
  root?: string;
  /** What the rules read of other files, and what they found (see ProjectView): the cache checks it. */
  dependencies?: Record<string, string>;
  /** Why some rules could not check the whole file (it is too large to parse); the run warns with it. */
  partial?: string;
  /** The file declares project checks in its frontmatter (see LintSummary's `checks`). */
  declaresChecks?: boolean;
}

/** How configs are found and what wins over them (ResolverOptions), and how the run goes. */
export interface LintOptions extends ResolverOptions {
  /** Folder or file of the findings cache; no cache when absent. */
  cache?: string;
  /** Called after each file, for a progress display. */
  progress?: (done: number, total: number) => void;
  /** Threads to spread the files over, this one included (N-1 worker threads); default: one per core but one, from three cores and many files. */
  threads?: number;
  /** Apply the rules' fixes (in memory: results carry `output`; writing files is the caller's job). */
  fix?: boolean;
  /**
   * The folder whose docs links and references resolve against. Default: each file's repository (the
   * nearest folder above it holding `.git`), else the folder holding all the linted files.
   */
  projectRoot?: string;
  /** The hosts the docs are for, replacing the config's `targets` and what the repository shows. */
  targets?: readonly HostId[];
}

/** What a run did besides its results: how many files it linted, and which a folder walk left out and why. */
export interface LintSummary {
  linted: number;
  /** Files no target loads, by reason: they are linted only when named, or listed in config `include`. */
  leftOut: Record<string, number>;
  /** The project checks that ran, each with the file declaring it and its findings in this run. */
  checks?: CheckSummary[];
  /** Rules off by default that the config of some linted file turned on (absent when none did). */
  turnedOn?: string[];
  /** Files the paths named or held that the config's `ignores` (or --ignore-pattern) left out (absent when none). */
  ignored?: number;
}

export interface CheckSummary {
  id: string;
  /** The config file or solution doc that declares it. */
  source: string;
  /** For a check a solution doc declares: that doc, relative to its project's root. */
  learnedFrom?: string;
  /** Its message, and its severity before any `rules` setting: its description in a report's rule metadata. */
  message: string;
  severity: Severity;
  findings: number;
}

const RULE_IDS: ReadonlySet<string> = new Set(allRules.map((rule) => rule.meta.id));
const OFF_BY_DEFAULT: readonly string[] = allRules.filter((rule) => rule.meta.offByDefault).map((rule) => rule.meta.id);

/** The rules off by default that `config` turns on. */
export function rulesTurnedOn(config: ResolvedConfig): string[] {
  return OFF_BY_DEFAULT.filter((id) => (config.rules.get(id)?.severity ?? "off") !== "off");
}

/** ESLint's limit: fixes can enable further fixes, but a run never loops for ever. */
const MAX_FIX_PASSES = 10;
/** Below this many files, starting worker threads costs more than it saves. */
const WORKER_THRESHOLD = 200;

/**
 * Threads for a large run: one per core but one. A single thread already keeps V8's garbage collector and
 * compiler busy on a second core (on two cores, 15.6 s of CPU in 11.3 s), so on two cores a second thread
 * added 120 MB and no speed. From three cores up, one core is left to them.
 */
function defaultThreads(): number {
  const cores = availableParallelism();
  return cores >= 3 ? cores - 1 : 1;
}

/**
 * The threads a run uses: as asked, but never more than the cores, as each thread holds its own heap: an unbounded
 * number would exhaust memory long before it lints any faster.
 */
function threadsFor(asked: number | undefined, files: number, warn: (message: string) => void): number {
  if (asked === undefined) return files >= WORKER_THRESHOLD ? defaultThreads() : 1;
  const cores = availableParallelism();
  if (asked <= cores) return asked;
  warn(`--threads ${asked} is more than the ${cores} cores here; using ${cores}`);
  return cores;
}

const BOM = "\uFEFF";

/**
 * A file's text, or the error that kept it from being read. Synchronous: agent docs are small, and one
 * blocking read costs a quarter of what an awaited one does (open, stat, read and close as four round trips).
 */
type CachedResult = NonNullable<ReturnType<LintCache["get"]>>;

/** What a cached result brings besides its findings. */
function answeredFrom(cached: CachedResult): Pick<LintResult, "suppressed" | "dependencies"> {
  return { ...(cached.suppressed ? { suppressed: cached.suppressed } : {}), ...(cached.dependencies ? { dependencies: cached.dependencies } : {}) };
}

/**
 * How long before it is read a file must have last changed for its size and times to be trusted: a write within
 * the same tick of a coarse clock (2 s on FAT, 1 s on some network file systems) leaves them as they were.
 */
const STAMP_SETTLED_MS = 2000;

interface FileStamp {
  stamp: string;
  /** Git's blob id, when the stamp is one: kept only when the text read has that id. */
  blob?: string;
  /** Whether the file last changed long enough before this look (see STAMP_SETTLED_MS). */
  settled: boolean;
}

/**
 * A file's stamp for the cache, taken before it is read: git's blob id where the listing has one (git vouches the
 * file is as committed), else its size, modification and change times from one look at it (the change time moves
 * with every write, even one that sets the modification time back). Undefined when the file cannot be looked at.
 */
function stampFor(file: string, listed: string | undefined): FileStamp | undefined {
  if (listed?.startsWith("git:")) return { stamp: listed, blob: listed.slice(4), settled: true };
  const stat = statOrUndefined(file);
  if (!stat) return undefined;
  return { stamp: `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}`, settled: Date.now() - Math.max(stat.mtimeMs, stat.ctimeMs) >= STAMP_SETTLED_MS };
}

/** Whether a stamp stands for the text read: a blob id must be the text's, a size and times must have settled. */
function holdsFor(stamp: FileStamp, text: string): boolean {
  if (stamp.blob === undefined) return stamp.settled;
  return gitBlobId(text) === stamp.blob;
}

/** How many docs a run read to lint them (a warm run with `--cache` reads only those that changed). */
export const docReadStats = { reads: 0 };

function readOrError(file: string): string | ReadError {
  docReadStats.reads++;
  try {
    return readBoundedText(file, MAX_DOC_BYTES);
  } catch (error) {
    if (error instanceof ReadError) return error;
    throw error;
  }
}

/** The markdown files a doc links to by relative path (`[text](../docs/x.md#part)`), resolved from its folder. */
function linkedFiles(file: string, text: string | ReadError = readOrError(file)): string[] {
  if (typeof text !== "string" || !text.includes(".md")) return [];
  const dir = path.dirname(file);
  const linked: string[] = [];
  for (const destination of linkDestinations(text)) {
    const cut = destination.search(/[#?]/);
    const target = cut < 0 ? destination : destination.slice(0, cut);
    if (!/\.md$/i.test(target) || /^[a-z][a-z0-9+.-]*:|^\/\//i.test(target)) continue;
    try {
      linked.push(path.resolve(dir, decodeURIComponent(target)));
    } catch {
      linked.push(path.resolve(dir, target));
    }
  }
  return linked;
}

/** A rule's options under one setting: its defaults, then what the config sets. Built once per setting. */
const mergedOptions = new WeakMap<object, Record<string, unknown>>();
function optionsFor(rule: Rule, setting: { options: Record<string, unknown> }): Record<string, unknown> {
  let options = mergedOptions.get(setting);
  if (!options) {
    const defaults = Object.fromEntries(Object.entries(rule.meta.options ?? {}).map(([key, spec]) => [key, spec.default]));
    mergedOptions.set(setting, (options = Object.freeze({ ...defaults, ...setting.options })));
  }
  return options;
}

/**
 * Lints one document's text under a resolved config. The text may carry a BOM and any line endings.
 * With `fix`, fixes are applied pass after pass until none is left, and the result has `output`.
 */
export function lintDocument(
  input: string,
  filePath: string,
  config: ResolvedConfig,
  kind: Kind,
  fix = false,
  project: Project = new Project(new RootFinder().repositoryRoot(path.dirname(filePath)) ?? path.dirname(filePath)),
  hosts: readonly HostId[] = project.placement(path.resolve(filePath)).hosts,
): LintResult {
  const bom = input.startsWith(BOM);
  const original = bom ? input.slice(1) : input;
  let text = original;
  let result = lintOnce(text, filePath, config, kind, project, hosts);
  if (!fix) return result;
  let changed = false;
  for (let pass = 0; pass < MAX_FIX_PASSES && result.findings.some((f) => f.fix); pass++) {
    const { output, applied } = applyFixes(text, result.findings);
    if (applied === 0) break;
    text = output;
    changed = true;
    result = lintOnce(text, filePath, config, kind, project, hosts);
  }
  return changed ? { ...result, source: original, output: bom ? BOM + text : text } : result;
}

/**
 * Lints one file of a run. An internal error (a bug, or input that defeats a library) becomes that file's fatal
 * error, so one hostile file cannot end a run over thousands.
 */
export function lintJob(job: LintJob, resolver: ConfigResolver, projects: Projects, fix: boolean): LintResult {
  try {
    return lintDocument(job.text, job.file, resolver.resolve(job.file), job.kind, fix, projects.get(job.root), job.hosts);
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const reason = (error as Error)?.message?.split("\n")[0] ?? String(error);
    return summarize({ filePath: job.file, kind: job.kind, findings: [], fatal: `internal error while linting this file: ${reason}` });
  }
}

/** A rule as one config runs it on one kind of file. */
interface Step {
  rule: Rule;
  severity: Severity;
  options: Record<string, unknown>;
  triggers: readonly RegExp[];
}

/** The rules a config runs on a kind, with their severity, options and triggers: worked out once, not per file. */
const plans = new WeakMap<ResolvedConfig, Map<Kind, Step[]>>();
function planFor(config: ResolvedConfig, kind: Kind): Step[] {
  let byKind = plans.get(config);
  if (!byKind) plans.set(config, (byKind = new Map()));
  let plan = byKind.get(kind);
  if (!plan) {
    plan = [];
    for (const rule of allRules) {
      const setting = config.rules.get(rule.meta.id);
      if (!setting || setting.severity === "off" || !rule.meta.kinds.includes(kind)) continue;
      const trigger = rule.meta.trigger;
      const triggers = trigger === undefined ? [] : trigger instanceof RegExp ? [trigger] : trigger;
      plan.push({ rule, severity: setting.severity, options: optionsFor(rule, setting), triggers });
    }
    byKind.set(kind, plan);
  }
  return plan;
}

/** Project checks grouped by the file declaring them, in the order they came. */
export function checksBySource(checks: readonly CheckSummary[]): Map<string, CheckSummary[]> {
  const groups = new Map<string, CheckSummary[]>();
  for (const check of checks) {
    const group = groups.get(check.source);
    if (group) group.push(check);
    else groups.set(check.source, [check]);
  }
  return groups;
}

/** The checks a project's solution docs declare; one that does not fit is a config error. */
export function docChecksOf(project: Project): DocChecks {
  try {
    return project.docChecks;
  } catch (error) {
    if (error instanceof DocCheckError) throw new ConfigError(error.message);
    throw error;
  }
}

const NO_STEPS: Step[] = [];
const checkPlans = new WeakMap<ResolvedConfig, WeakMap<DocChecks, Map<Kind, Step[]>>>();

/** The checks that run on a kind of file: the project's solution docs', and the config's (which win by id). */
export function checksFor(config: ResolvedConfig, docChecks: DocChecks): ProjectCheck[] {
  if (!config.checks) return docChecks.checks;
  const byId = new Map(docChecks.checks.map((check) => [check.id, check]));
  for (const check of config.checks) byId.set(check.id, check);
  return [...byId.values()];
}

const idSets = new WeakMap<ResolvedConfig, WeakMap<DocChecks, ReadonlySet<string>>>();
/** The built-in rule ids and the ids of the project checks that apply under a config. */
function knownIds(config: ResolvedConfig, docChecks: DocChecks): ReadonlySet<string> {
  let byDocs = idSets.get(config);
  if (!byDocs) idSets.set(config, (byDocs = new WeakMap()));
  let ids = byDocs.get(docChecks);
  if (!ids) byDocs.set(docChecks, (ids = new Set([...RULE_IDS, ...checksFor(config, docChecks).map((check) => check.id)])));
  return ids;
}

/** The project checks a config runs on a kind, as rule steps; `rules: { "ns/id": ... }` sets their severity. */
function checkPlanFor(config: ResolvedConfig, docChecks: DocChecks, kind: Kind): Step[] {
  if (!config.checks && !docChecks.checks.length) return NO_STEPS;
  let byDocs = checkPlans.get(config);
  if (!byDocs) checkPlans.set(config, (byDocs = new WeakMap()));
  let byKind = byDocs.get(docChecks);
  if (!byKind) byDocs.set(docChecks, (byKind = new Map()));
  let plan = byKind.get(kind);
  if (!plan) {
    plan = [];
    for (const check of checksFor(config, docChecks)) {
      const severity = config.rules.get(check.id)?.severity ?? check.severity;
      if (severity === "off" || !check.kinds.includes(kind)) continue;
      plan.push({ rule: checkRule(check), severity, options: {}, triggers: [] });
    }
    byKind.set(kind, plan);
  }
  return plan;
}

/** The frontmatter dialect for a file's hosts: the Agent Skills spec's only when no host with its own dialect loads it. */
function dialectOf(hosts: readonly HostId[]): Target {
  return hosts.includes("agent-skills") && !hosts.includes("claude-code") ? "agent-skills" : "claude-code";
}

function lintOnce(text: string, filePath: string, config: ResolvedConfig, kind: Kind, project: Project, hosts: readonly HostId[]): LintResult {
  const doc = new Doc(text);
  const target = dialectOf(hosts);
  const view = new ProjectView(project);
  const findings: Finding[] = [];
  // JSON manifests have no comments to carry directives.
  const docChecks = kind === "manifest" ? undefined : docChecksOf(project);
  const checkSteps = docChecks ? checkPlanFor(config, docChecks, kind) : NO_STEPS;
  // A directive may name a project check, on or off, of this kind or not.
  const ruleIds = docChecks && (config.checks || docChecks.checks.length) ? knownIds(config, docChecks) : RULE_IDS;
  const { directives, problems: directiveProblems } = config.noInlineConfig || kind === "manifest" ? NO_DIRECTIVES : readDirectives(doc, ruleIds);
  const suppressedBy = createSuppressor(directives);
  const used = new Map<Directive, Set<string>>();
  const suppressed: SuppressedFinding[] = [];
  const schema = config.schemas.get(config.userKind?.name ?? kind);
  // Rules may share a trigger (the background rules do): each pattern is tested once per file.
  const tested = new Map<RegExp, boolean>();
  const matches = (trigger: RegExp): boolean => {
    let answer = tested.get(trigger);
    if (answer === undefined) tested.set(trigger, (answer = trigger.test(text)));
    return answer;
  };
  const plan = planFor(config, kind);
  for (const { rule, severity, options, triggers } of checkSteps.length ? [...plan, ...checkSteps] : plan) {
    const ruleHosts = rule.meta.hosts ? hosts.filter((id) => rule.meta.hosts!.includes(id)) : hosts;
    if (!ruleHosts.length || !triggers.every(matches)) continue;
    const report = (r: Report): void => {
      const start = doc.lines.position(r.start);
      const end = doc.lines.position(Math.max(r.end, r.start));
      const finding: Finding = {
        ruleId: rule.meta.id,
        severity: r.severity ?? severity,
        message: r.message,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        ...(r.fix ? { fix: r.fix } : {}),
        ...(r.suggestions?.length ? { suggestions: r.suggestions } : {}),
        ...(r.related?.length ? { related: r.related } : {}),
        ...(r.learnedFrom ? { learnedFrom: r.learnedFrom } : {}),
        hosts: [...(r.hosts ?? ruleHosts)],
      };
      const directive = suppressedBy(rule.meta.id, start.line);
      if (!directive) return void findings.push(finding);
      let ids = used.get(directive);
      if (!ids) used.set(directive, (ids = new Set()));
      ids.add(rule.meta.id);
      suppressed.push({ ...finding, suppressions: [{ kind: "directive", justification: directive.justification }] });
    };
    rule.check({ filePath, kind, doc, toolset: config.toolset, target, hosts: ruleHosts, userKind: config.userKind, schema, options, project: view, directiveProblems, report });
  }
  // Known only once every rule has run; like ESLint's, these reports cannot themselves be switched off.
  const unusedSeverity = config.reportUnusedDisableDirectives;
  if (unusedSeverity !== "off") {
    for (const { directive, unusedIds } of unusedDirectives(directives, used)) {
      const start = doc.lines.position(directive.start);
      const end = doc.lines.position(directive.end);
      const message = unusedDirectiveMessage(directive, unusedIds);
      findings.push({ ruleId: "directive", severity: unusedSeverity, message, line: start.line, column: start.column, endLine: end.line, endColumn: end.column, hosts: [...hosts] });
    }
  }
  findings.sort(byPosition);
  suppressed.sort(byPosition);
  const dependencies = Object.keys(view.dependencies).length ? { dependencies: view.dependencies } : {};
  const partial = doc.treeSkipped
    ? {
        partial:
          text.length > MAX_TREE_CHARS
            ? `${(text.length / 1e6).toFixed(1)} million characters, over the ${MAX_TREE_CHARS.toLocaleString("en")} that are parsed as markdown; ` +
              `the rules that read its structure were skipped`
            : `a paragraph or block over ${MAX_BLOCK_CHARS.toLocaleString("en")} characters without a blank line, too long to parse as markdown; ` +
              `the rules that read its structure were skipped`,
      }
    : {};
  return summarize({ filePath, kind, findings, ...(suppressed.length ? { suppressed } : {}), source: text, ...dependencies, ...partial });
}

function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}

/**
 * The result without its text unless a report can show it (the JSON report's `source` of a file with
 * findings, or a fix's diff): a run keeps, and a worker sends back, no text of a clean file.
 */
export function withShownSource(result: LintResult): LintResult {
  return result.findings.length || result.output !== undefined || result.source === undefined ? result : { ...result, source: undefined };
}

/** The result with its counts worked out from its findings. */
export function summarize(result: Omit<LintResult, "errorCount" | "warningCount" | "fixableErrorCount" | "fixableWarningCount">): LintResult {
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

/** Everything in a file's config that shapes its findings, so a changed config misses the cache. */
function configFingerprint(config: ResolvedConfig, kind: Kind): string {
  // A resolved config is shared by the files with the same config file and overrides: fingerprint it once per kind.
  let byKind = configFingerprints.get(config);
  if (!byKind) configFingerprints.set(config, (byKind = new Map()));
  let fingerprint = byKind.get(kind);
  if (fingerprint !== undefined) return fingerprint;
  // Schemas and tools are the same for every file of one config file: hash them once, not per file.
  const source = config.source ?? "";
  let shared = sharedFingerprints.get(source);
  if (shared === undefined) {
    const tools = config.toolset;
    const schemas = [...config.schemas].map(([name, { file, schema }]) => [name, file, schema]);
    shared = hashText(JSON.stringify([schemas, [...tools.names].sort(), tools.version, tools.mcpServerList]));
    sharedFingerprints.set(source, shared);
  }
  const inline = [config.reportUnusedDisableDirectives, config.noInlineConfig];
  const checks = config.checks ? [config.checks.map((check) => [check.source, check.definition])] : [];
  fingerprint = hashText(JSON.stringify([kind, config.userKind?.name, [...config.rules], inline, shared, ...checks]));
  byKind.set(kind, fingerprint);
  return fingerprint;
}
const configFingerprints = new WeakMap<ResolvedConfig, Map<Kind, string>>();
const sharedFingerprints = new Map<string, string>();

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
  const projects = projectsFor(resolver, options.targets);
  const root = options.projectRoot ? path.resolve(cwd, options.projectRoot) : projects.rootOf(filePath, fallbackRoot([filePath], cwd));
  const project = projects.get(root);
  const placement = project.placement(filePath, options.targets ?? config.targets ?? project.targets);
  return lintDocument(text, filePath, config, options.kind ?? config.kind ?? placement.kind, options.fix, project, placement.hosts);
}

/**
 * The projects of a run, each with its targets: those given, else those its root's config names, else those its
 * folders show.
 */
export function projectsFor(resolver: ConfigResolver, targets: readonly HostId[] | undefined, folders?: ListedFolders): Projects {
  const projects = new Projects(
    (file) => resolver.isIgnored(file),
    (root) => targets ?? resolver.targetsIn(root) ?? inferTargets(root).targets,
    folders,
  );
  resolver.useListing((dir, name) => projects.listedAbsent(dir, name));
  return projects;
}

/** Unsettled files git is asked about by name; beyond this many the project is listed instead. */
const VOUCHED_AT_MOST = 500;

/** Files in a run from which each project is listed before the first is placed. */
const LISTED_RUN = 100;

/**
 * Lints files, folders and globs (default: the current folder). Results come back in path order, the
 * same whether the files were linted on this thread or spread over worker threads.
 * Throws ConfigError for a bad config and PathError for a path that does not exist.
 */
export async function lint(patterns: string[] = ["."], options: LintOptions = {}): Promise<LintResult[]> {
  const results: LintResult[] = [];
  await lintEach(patterns, options, (result) => results.push(result));
  return results;
}

/**
 * Lints like `lint`, handing each result to `onResult` in path order as soon as it and every file before it
 * are done, and keeping none: a run holds the files being linted and read ahead, not all of them.
 */
export async function lintEach(patterns: string[], options: LintOptions, onResult: (result: LintResult) => void): Promise<LintSummary> {
  const cwd = options.cwd ?? process.cwd();
  const warn = options.warn ?? ((message: string) => process.emitWarning(message));
  const resolver = new ConfigResolver({ ...options, cwd, warn });
  // The folders the walk reads answer, for this run, where configs and the rest are not.
  const folders = new ListedFolders(path.parse(path.resolve(cwd)).root, true);
  resolver.useReadFolders(folders);
  const expanded = await expandPathsNamed(patterns.length ? patterns : ["."], cwd, (dir, names) => folders.read(dir, names));
  const found = expanded.filter(({ file }) => !resolver.isIgnored(file));
  const projects = projectsFor(resolver, options.targets, folders);
  const outsideRoot = options.projectRoot ? path.resolve(cwd, options.projectRoot) : fallbackRoot(found.map(({ file }) => file), cwd);
  const rootOf = (file: string): string => (options.projectRoot ? outsideRoot : projects.rootOf(file, outsideRoot));
  const cache = options.cache ? await LintCache.open(path.resolve(cwd, options.cache), VERSION, warn) : undefined;
  // Before a project is listed or a file's stamp asked for: the stored listing is taken while it holds.
  if (cache) {
    // What is ignored depends on these as well as on the configs in the tree (which are part of each layout).
    const configStamp = options.configFile ? fileStamp(path.resolve(cwd, options.configFile)) : undefined;
    const optionsKey = JSON.stringify([options.ignorePatterns, options.configFile, configStamp, options.noConfig, options.config, options.targets, cwd]);
    projects.useIndexCache({ storedIndex: (root) => cache.projectIndex(root), storedSnapshot: (root) => cache.projectSnapshot(root), optionsKey });
  }
  // Many files read most of their projects: each is listed first, so what is missing needs no look at the disk.
  // A project whose root folder the walk read needs no listing for that: the walk's folders answer.
  if (found.length >= LISTED_RUN) {
    for (const root of new Set(found.map(({ file }) => rootOf(file)))) if (!folders.namesIn(root)) projects.get(root).list();
  }
  // A folder walk takes what some target loads (and skill references, solution docs, instruction files); a
  // file named on the command line or included by config is linted whatever loads it.
  const summary: LintSummary = { linted: 0, leftOut: {}, ...(expanded.length > found.length ? { ignored: expanded.length - found.length } : {}) };
  const taken: Array<{ file: string; placement: Placement }> = [];
  const leftOut = new Map<string, Placement>();
  // Whether the folder a walk started from lies outside a project, asked once for all the plain files found under it.
  const outsideUnder = new Map<string, boolean>();
  const isOutside = (project: Project, file: string, under: string | undefined): boolean => {
    if (under === undefined || !isInside(file, project.root)) return project.isOutside(file);
    const folder = isInside(project.root, under) ? project.root : under;
    const key = `${project.root}\0${folder}`;
    let outside = outsideUnder.get(key);
    if (outside === undefined) outsideUnder.set(key, (outside = project.isOutside(folder)));
    return outside;
  };
  for (const { file, named, under } of found) {
    const project = projects.get(rootOf(file));
    // A symlink out of the project (to a home folder's files, to /etc) is not read: its text would show in reports.
    if (isOutside(project, file, under)) {
      warn(`${file}: a symlink to a file outside the project (${project.root}); skipped, not read`);
      continue;
    }
    const placement = project.placement(file, options.targets ?? resolver.resolve(file).targets ?? project.targets);
    if (placement.leftOut && !named && !resolver.isIncluded(file)) leftOut.set(file, placement);
    else taken.push({ file, placement });
  }
  // Each file's stamp for the cache, taken once, before the file is first read.
  const fileStamps = new Map<string, FileStamp | undefined>();
  // A project this run does not list: git vouches, in one call, for those of its files whose times have not settled.
  const vouched = new Map<string, Map<string, string>>();
  const vouchedStamp = (root: string, file: string): string | undefined => {
    let stamps = vouched.get(root);
    if (!stamps) {
      const unsettled = taken.filter(({ file: each }) => rootOf(each) === root && stampFor(each, undefined)?.settled === false).map(({ file: each }) => each);
      // Too many to name on one command line (a fresh clone, all just written): the project is listed instead.
      if (unsettled.length > VOUCHED_AT_MOST) {
        projects.get(root).list();
        return projects.get(root).listedStampIfListed(file);
      }
      vouched.set(root, (stamps = gitStampsOf(root, unsettled)));
    }
    return stamps.get(file);
  };
  const fileStampOf = (file: string): FileStamp | undefined => {
    if (!fileStamps.has(file)) {
      const root = rootOf(file);
      const project = projects.get(root);
      let stamp = stampFor(file, project.listedStampIfListed(file));
      if (stamp && !stamp.settled && !project.isListed()) stamp = stampFor(file, vouchedStamp(root, file)) ?? stamp;
      fileStamps.set(file, stamp);
    }
    return fileStamps.get(file);
  };
  /** What a doc links to: from the cache while its stamp holds, else read. */
  const linksOf = (file: string): string[] => {
    if (!/\.md$/i.test(file)) return [];
    const stamp = cache && fileStampOf(file);
    const known = stamp && cache.links(file, stamp.stamp);
    if (known) return known;
    const text = readOrError(file);
    const links = linkedFiles(file, text);
    if (stamp && typeof text === "string" && holdsFor(stamp, text)) cache!.setLinks(file, stamp.stamp, links);
    return links;
  };
  // The docs an agent doc links to are read with it: they are linted too.
  if (leftOut.size) {
    for (const { file } of [...taken]) {
      for (const linked of linksOf(file)) {
        const placement = leftOut.get(linked);
        if (!placement) continue;
        leftOut.delete(linked);
        taken.push({ file: linked, placement: { kind: placement.kind, hosts: placement.hosts } });
      }
    }
    taken.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }
  for (const { leftOut: reason } of leftOut.values()) summary.leftOut[reason!] = (summary.leftOut[reason!] ?? 0) + 1;
  const files = taken.map(({ file }) => file);
  const placements = taken.map(({ placement }) => placement);
  summary.linted = files.length;
  // Checks a solution doc declares that does not fit stop the run before any file is linted, as a bad config does.
  const checkSummaries = new Map<string, CheckSummary>();
  const checkSources = new Set<string>();
  for (const root of new Set(files.map(rootOf))) {
    const project = projects.get(root);
    for (const check of docChecksOf(project).checks) {
      if (!checkSummaries.has(check.id)) checkSummaries.set(check.id, { id: check.id, source: check.source, learnedFrom: check.learnedFrom!.doc, message: check.message, severity: check.severity, findings: 0 });
      checkSources.add(check.source);
    }
  }
  if (checkSummaries.size) summary.checks = [];
  const cacheKeys = new Map<number, { hash: string; configKey: string; stamp: string | undefined }>();
  // Each project's index stamp, and the fingerprint its files' results saw, for the next run's cache checks.
  const stamps = new Map<string, string>();
  const fingerprints = new Map<string, string>();
  const stampOf = (root: string): string => {
    let stamp = stamps.get(root);
    if (stamp === undefined) stamps.set(root, (stamp = projects.get(root).stamp()));
    return stamp;
  };
  /** A warm run knows the index's fingerprint from the cache while the project's stamp is unchanged. */
  const primeIndex = (root: string): void => {
    if (!cache || stamps.has(root)) return;
    const stored = cache.project(root);
    if (stored && stored.stamp === stampOf(root)) projects.get(root).knownFingerprint = stored.fingerprint;
  };

  /** Whether a cached result still stands: with `--fix` it must have nothing to fix, and what it read of other files must be unchanged. */
  const cacheHolds = (file: string, cached: CachedResult): boolean => {
    if (cached.dependencies?.index) primeIndex(rootOf(file));
    return !(options.fix && cached.findings.some((f) => f.fix)) && (!cached.dependencies || projects.unchanged(rootOf(file), cached.dependencies));
  };

  /** A `rules` setting of a namespaced id that no check of the file's config or project declares: a typo, or a check since removed. */
  const warnedIds = new Set<string>();
  const checkedConfigs = new WeakMap<ResolvedConfig, WeakSet<DocChecks>>();
  const warnUnknownChecks = (config: ResolvedConfig, docChecks: DocChecks): void => {
    let seen = checkedConfigs.get(config);
    if (!seen) checkedConfigs.set(config, (seen = new WeakSet()));
    if (seen.has(docChecks)) return;
    seen.add(docChecks);
    const declared = checksFor(config, docChecks).map((check) => check.id);
    for (const id of config.rules.keys()) {
      if (RULE_IDS.has(id) || declared.includes(id) || warnedIds.has(id)) continue;
      warnedIds.add(id);
      const where = config.sources?.length ? ` (configs: ${config.sources.join(", ")})` : "";
      warn(`"${id}" is set in "rules" or by --rule, but no check of that id is declared in config or in a solution doc's frontmatter${didYouMean(id, declared)}${where}`);
    }
  };

  // Results arrive out of order from worker threads; each waits here until every file before it is out.
  const waiting = new Map<number, LintResult | null>();
  let next = 0;
  let finished = 0;
  const settle = (index: number, result: LintResult | null): void => {
    waiting.set(index, result);
    options.progress?.(++finished, files.length);
    while (waiting.has(next)) {
      const ready = waiting.get(next);
      waiting.delete(next++);
      if (ready) onResult(ready);
    }
  };
  const done = (index: number, result: LintResult): void => {
    if (result.partial) warn(`${result.filePath}: ${result.partial}`);
    if (checkSummaries.size) {
      for (const finding of result.findings) {
        const counted = checkSummaries.get(finding.ruleId);
        if (counted) counted.findings++;
      }
      if (checkSources.has(result.filePath)) result = { ...result, declaresChecks: true };
    }
    if (cache && result.dependencies?.index) fingerprints.set(rootOf(result.filePath), result.dependencies.index);
    const key = cacheKeys.get(index);
    cacheKeys.delete(index);
    if (cache && key && result.output === undefined) cache.set(result.filePath, key.hash, key.configKey, result, key.stamp);
    settle(index, withShownSource(result.output === undefined ? result : { ...result, root: rootOf(result.filePath) }));
  };
  /** Reads each file and answers it from the cache where it can; the rest become jobs. */
  const turnedOn = new Set<string>();
  const configsSeen = new WeakSet<ResolvedConfig>();
  async function* jobs(): AsyncGenerator<LintJob> {
    for (const [index, file] of files.entries()) {
      const config = resolver.resolve(file);
      if (!configsSeen.has(config)) {
        configsSeen.add(config);
        for (const id of rulesTurnedOn(config)) turnedOn.add(id);
      }
      const { hosts, kind: placedKind } = placements[index]!;
      const kind = config.kind ?? placedKind;
      for (const check of config.checks ?? []) if (!checkSummaries.has(check.id)) checkSummaries.set(check.id, { id: check.id, source: check.source, message: check.message, severity: check.severity, findings: 0 });
      warnUnknownChecks(config, docChecksOf(projects.get(rootOf(file))));
      let text: string;
      let configKey = "";
      let stamp: FileStamp | undefined;
      if (cache) {
        const learned = docChecksOf(projects.get(rootOf(file))).fingerprint;
        configKey = `${configFingerprint(config, kind)}:${hosts.join(",")}${learned ? `:${learned}` : ""}`;
        stamp = fileStampOf(file);
        // Unchanged since its result was stored, and nothing to show of it: answered without reading the file.
        const cached = stamp && cache.getByStamp(file, stamp.stamp, configKey);
        if (cached && !cached.findings.length && cacheHolds(file, cached)) {
          done(index, summarize({ filePath: file, kind, findings: cached.findings, ...answeredFrom(cached) }));
          continue;
        }
      }
      const read = readOrError(file);
      if (typeof read === "string") text = read;
      else {
        const fatal =
          read.code === "EFBIG"
            ? read.message
            : read.code === "ENOENT" && hasUndecodableName(file)
              ? "cannot read it: its name is not UTF-8, and skill-lint cannot open it by that name; rename it to lint it"
              : `cannot read file (${read.message})`;
        done(index, summarize({ filePath: file, kind, findings: [], fatal }));
        continue;
      }
      // A NUL byte never occurs in markdown: this is a binary file that happens to end in .md.
      if (text.includes("\u0000")) {
        warn(`${file}: looks like a binary file (it holds NUL bytes); skipped`);
        settle(index, null);
        continue;
      }
      if (cache) {
        const hash = hashText(text);
        // A stamp is kept only when it will change with the next edit: see stampFor and holdsFor.
        const kept = stamp && holdsFor(stamp, text) ? stamp.stamp : undefined;
        const cached = cache.get(file, hash, configKey);
        if (cached && cacheHolds(file, cached)) {
          const source = text.startsWith(BOM) ? text.slice(1) : text;
          const result = summarize({ filePath: file, kind, findings: cached.findings, ...answeredFrom(cached), source });
          if (kept !== cached.stamp) cache.set(file, hash, configKey, cached, kept);
          done(index, result);
          continue;
        }
        cacheKeys.set(index, { hash, configKey, stamp: kept });
      }
      yield { index, file, text, kind, hosts, root: rootOf(file) };
    }
  }

  const lintHere = (job: LintJob): LintResult => lintJob(job, resolver, projects, options.fix ?? false);
  const threads = threadsFor(options.threads, files.length, warn);
  if (threads > 1 && workersAvailable()) {
    const init = {
      cwd,
      configFile: options.configFile,
      config: options.config,
      noConfig: options.noConfig,
      rules: options.rules,
      ignorePatterns: options.ignorePatterns,
      fix: options.fix ?? false,
      targets: options.targets,
      reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
      noInlineConfig: options.noInlineConfig,
    };
    await lintInWorkers(jobs(), init, threads, done, lintHere);
  } else {
    for await (const job of jobs()) done(job.index, lintHere(job));
  }
  if (checkSummaries.size) summary.checks = [...checkSummaries.values()];
  if (turnedOn.size) summary.turnedOn = [...turnedOn];
  if (cache) {
    for (const [root, fingerprint] of fingerprints) {
      cache.setProject(root, { stamp: stampOf(root), fingerprint });
      // The listing first: keeping it may build the index (from the stored one), which is then kept too.
      const snapshot = projects.get(root).snapshotToStore(stampOf(root));
      if (snapshot !== undefined) cache.setProjectSnapshot(root, snapshot);
      const index = projects.get(root).indexToStore();
      if (index !== undefined) cache.setProjectIndex(root, index);
    }
    await cache.save();
  }
  return summary;
}
