/**
 * Project checks: rules a project declares as data, in its config (`checks: [...]`) or in a solution doc's
 * frontmatter, so a lesson written down in `docs/solutions/` becomes a check without code. Each check is run as a
 * rule, through the instruction model the built-in rules use: nothing inside counter-example sections, code marked
 * wrong, quotes, negated sentences or dated records is an instruction, so nothing there fires a check.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import picomatch from "picomatch";
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode } from "yaml";
import { instructionProse, isOwnInstruction, type TextRange } from "./background.js";
import { hashText } from "./cache.js";
import type { Doc, ProseBlock } from "./document.js";
import { ALWAYS_SKIPPED_DIRS } from "./files.js";
import { HOSTS, isHostId, type HostId } from "./hosts/index.js";
import { locateFrontmatter, parseFrontmatter } from "./parse.js";
import { MARKDOWN } from "./project-files.js";
import { escapeRegex, slowGlob, slowRegex } from "./patterns.js";
import { LineIndex } from "./position.js";
import { MAX_DOC_BYTES, readBoundedText } from "./read.js";
import { docsUrl, INSTRUCTION_KINDS, isDatedRecord } from "./rule-helpers.js";
import { findBodyToolMentions, findFrontmatterToolMentions } from "./tool-mentions.js";
import { KINDS, type Kind, type Report, type Rule, type RuleContext, type Severity } from "./types.js";

/** What a check looks for: texts (phrases and patterns), tools instructed, slash commands instructed. */
interface Matchers {
  texts: RegExp[];
  tools: string[];
  commands: RegExp[];
  /** Code block languages (`when.code`). */
  code: string[];
  /** Files a link in the section points to (`present.links`), relative to the project root. */
  links: string[];
}

export interface ProjectCheck {
  id: string;
  message: string;
  severity: Severity;
  kinds: readonly Kind[];
  targets?: readonly HostId[];
  files?: readonly string[];
  forbid?: Matchers;
  swap?: Array<{ from: RegExp; to: string }>;
  require?: { when: Matchers; present: Matchers };
  /** The file that declares it: a config file, or a solution doc. */
  source: string;
  /** For a check a solution doc declares: that doc, relative to the project root, and where its entry starts. */
  learnedFrom?: { doc: string; line: number; column: number };
  /** The entry as written, for the cache's fingerprint. */
  definition: unknown;
}

/** A check entry that does not fit the format: where (a key path under `checks`) and why. */
export class CheckProblem extends Error {
  constructor(
    readonly at: ReadonlyArray<string | number>,
    message: string,
    /** The problem is the key itself (an unknown key), not its value. */
    readonly atKey = false,
  ) {
    super(message);
  }
}

const CHECK_KEYS = ["id", "message", "severity", "kinds", "targets", "files", "forbid", "swap", "require"];
const FORBID_KEYS = ["phrases", "patterns", "tools", "commands"];
const WHEN_KEYS = ["phrases", "patterns", "code", "tools"];
const PRESENT_KEYS = ["phrases", "patterns", "links"];
const CHECK_ID = /^[a-z0-9][a-z0-9-]*\/[a-z0-9][a-z0-9-]*$/;
/** A project check's id: `<namespace>/<name>`. Built-in rule ids have no namespace. */
export const isCheckId = (id: string): boolean => CHECK_ID.test(id);
const HOST_IDS = HOSTS.map((host) => host.id);

/** `checks[0].forbid.patterns[1]`. */
export function keyPath(at: ReadonlyArray<string | number>): string {
  return at.map((part, i) => (typeof part === "number" ? `[${part}]` : i ? `.${part}` : part)).join("");
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function onlyKeys(entry: Record<string, unknown>, allowed: readonly string[], at: ReadonlyArray<string | number>): void {
  for (const key of Object.keys(entry)) {
    if (!allowed.includes(key)) throw new CheckProblem([...at, key], `unknown key; expected one of ${allowed.join(", ")}`, true);
  }
}

function strings(value: unknown, at: ReadonlyArray<string | number>, what: string): string[] {
  if (!Array.isArray(value) || value.length === 0) throw new CheckProblem(at, `must be a non-empty list of ${what}`);
  value.forEach((item, i) => {
    if (typeof item !== "string" || item.trim() === "") throw new CheckProblem([...at, i], `must be ${what.replace(/s$/, "")}, not ${JSON.stringify(item)}`);
  });
  return value as string[];
}


/** A literal, case-insensitive, bounded by non-word characters where it starts or ends with a word character. */
function phraseRegex(phrase: string): RegExp {
  const before = /^[\p{L}\p{N}_]/u.test(phrase) ? "(?<![\\p{L}\\p{N}_])" : "";
  const after = /[\p{L}\p{N}_]$/u.test(phrase) ? "(?![\\p{L}\\p{N}_])" : "";
  return new RegExp(`${before}${escapeRegex(phrase)}${after}`, "giu");
}

/** `/legacy-deploy`, not part of a path (`docs/legacy-deploy`) or a longer name. */
function commandRegex(command: string, at: ReadonlyArray<string | number>): RegExp {
  const name = command.startsWith("/") ? command.slice(1) : command;
  if (!/^[\w:.-]+$/.test(name)) throw new CheckProblem(at, `must be a slash command such as "/deploy", not ${JSON.stringify(command)}`);
  return new RegExp(`(?<![\\w./-])/${escapeRegex(name)}(?![\\w:-])`, "gi");
}

function patternRegex(source: string, at: ReadonlyArray<string | number>): RegExp {
  let regex: RegExp;
  try {
    regex = new RegExp(source, "gi");
  } catch (error) {
    throw new CheckProblem(at, `is not a valid regular expression (${(error as Error).message.replace(/^Invalid regular expression: /, "")})`);
  }
  const slow = slowRegex(source);
  if (slow) throw new CheckProblem(at, `is refused: ${slow}`);
  return regex;
}

function matchers(value: unknown, allowed: readonly string[], at: ReadonlyArray<string | number>): Matchers {
  if (!isObject(value)) throw new CheckProblem(at, `must be an object with ${allowed.join(", ")}`);
  onlyKeys(value, allowed, at);
  if (!Object.keys(value).length) throw new CheckProblem(at, `must name at least one of ${allowed.join(", ")}`);
  const list = (key: string, what: string): string[] => (value[key] === undefined ? [] : strings(value[key], [...at, key], what));
  return {
    texts: [
      ...list("phrases", "phrases").map(phraseRegex),
      ...list("patterns", "regular expressions").map((source, i) => patternRegex(source, [...at, "patterns", i])),
    ],
    tools: list("tools", "tool names"),
    commands: list("commands", "slash commands").map((command, i) => commandRegex(command, [...at, "commands", i])),
    code: list("code", "code block languages").map((lang) => lang.toLowerCase()),
    links: list("links", "paths").map((link) => link.replace(/^\.?\//, "")),
  };
}

/**
 * Validates and compiles a `checks` list. `builtIn` says whether an id is a built-in rule's. Throws a CheckProblem
 * at the first entry that does not fit.
 */
export function compileChecks(value: unknown, source: string, builtIn: (id: string) => boolean, at: ReadonlyArray<string | number> = ["checks"]): ProjectCheck[] {
  if (!Array.isArray(value)) throw new CheckProblem(at, "must be a list of checks, each { id, message, and one of forbid, swap, require }");
  const seen = new Set<string>();
  return value.map((entry: unknown, index) => {
    const here = [...at, index];
    if (!isObject(entry)) throw new CheckProblem(here, "must be an object { id, message, and one of forbid, swap, require }");
    onlyKeys(entry, CHECK_KEYS, here);
    const { id, message } = entry;
    if (typeof id !== "string") throw new CheckProblem([...here, "id"], 'is required: a "<namespace>/<name>" id such as "project/no-task-tool"');
    if (builtIn(id)) throw new CheckProblem([...here, "id"], `"${id}" is a built-in rule's id; name the check "<namespace>/<name>", such as "project/${id}"`);
    if (!isCheckId(id)) throw new CheckProblem([...here, "id"], `"${id}" has no namespace; write "<namespace>/<name>" in lowercase, such as "project/${id.toLowerCase().replace(/[^a-z0-9-]+/g, "-")}"`);
    if (seen.has(id)) throw new CheckProblem([...here, "id"], `"${id}" is declared twice`);
    seen.add(id);
    if (typeof message !== "string" || message.trim() === "") throw new CheckProblem([...here, "message"], "is required: the text each finding shows, saying what to write instead");
    const severity = entry.severity ?? "warn";
    if (severity !== "warn" && severity !== "error") throw new CheckProblem([...here, "severity"], `must be "error" or "warn", not ${JSON.stringify(severity)}`);
    const kinds = entry.kinds === undefined ? INSTRUCTION_KINDS : strings(entry.kinds, [...here, "kinds"], "kinds");
    kinds.forEach((kind, i) => {
      if (!KINDS.includes(kind as Kind)) throw new CheckProblem([...here, "kinds", i], `"${kind}" is not a kind; expected one of ${KINDS.join(", ")}`);
    });
    const targets = entry.targets === undefined ? undefined : strings(entry.targets, [...here, "targets"], "hosts");
    targets?.forEach((host, i) => {
      if (!isHostId(host)) throw new CheckProblem([...here, "targets", i], `"${host}" is not a host; expected one of ${HOST_IDS.join(", ")}`);
    });
    const files = entry.files === undefined ? undefined : strings(entry.files, [...here, "files"], "globs");
    files?.forEach((glob, i) => {
      const problem = slowGlob(glob);
      if (problem) throw new CheckProblem([...here, "files", i], problem);
    });
    const modes = ["forbid", "swap", "require"].filter((key) => entry[key] !== undefined);
    if (modes.length !== 1) {
      throw new CheckProblem(modes.length ? [...here, modes[1]!] : here, modes.length ? `a check takes one of forbid, swap, require, not ${modes.join(" and ")}; split it into two checks` : "needs one of forbid, swap, require");
    }
    const check: ProjectCheck = {
      id,
      message: message.trim(),
      severity,
      kinds: kinds as Kind[],
      ...(targets ? { targets: targets as HostId[] } : {}),
      ...(files ? { files } : {}),
      source,
      definition: entry,
    };
    if (entry.forbid !== undefined) check.forbid = matchers(entry.forbid, FORBID_KEYS, [...here, "forbid"]);
    if (entry.swap !== undefined) check.swap = swaps(entry.swap, [...here, "swap"]);
    if (entry.require !== undefined) {
      const require = entry.require;
      if (!isObject(require)) throw new CheckProblem([...here, "require"], "must be an object { when, present }");
      onlyKeys(require, ["when", "present"], [...here, "require"]);
      for (const key of ["when", "present"]) if (require[key] === undefined) throw new CheckProblem([...here, "require"], `needs "${key}"`);
      check.require = { when: matchers(require.when, WHEN_KEYS, [...here, "require", "when"]), present: matchers(require.present, PRESENT_KEYS, [...here, "require", "present"]) };
    }
    return check;
  });
}

function swaps(value: unknown, at: ReadonlyArray<string | number>): Array<{ from: RegExp; to: string }> {
  if (!Array.isArray(value) || !value.length) throw new CheckProblem(at, "must be a non-empty list of { from, to }");
  return value.map((pair: unknown, i) => {
    if (!isObject(pair)) throw new CheckProblem([...at, i], "must be { from, to }");
    onlyKeys(pair, ["from", "to"], [...at, i]);
    if (typeof pair.from !== "string" || !pair.from.trim()) throw new CheckProblem([...at, i, "from"], "must be the text to replace");
    if (typeof pair.to !== "string") throw new CheckProblem([...at, i, "to"], "must be the text to write instead");
    return { from: phraseRegex(pair.from), to: pair.to };
  });
}

/* ---------------------------------------------------------------- checks a project's solution docs declare */

/** A solution doc's `checks:` key that does not fit: a config error, with the file, line and column. */
export class DocCheckError extends Error {}

/** The node at a key path of a YAML document (or its key, or the nearest node found on the way). */
function nodeAt(yaml: Document.Parsed, at: ReadonlyArray<string | number>, atKey: boolean): YamlNode | undefined {
  let node: unknown = yaml.contents;
  let found = node as YamlNode | undefined;
  for (const [i, part] of at.entries()) {
    const last = i === at.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && item.key.value === part);
      if (!pair) break;
      node = last && atKey ? pair.key : pair.value;
    } else if (isSeq(node) && typeof part === "number") node = node.items[part];
    else break;
    if (node && typeof node === "object" && "range" in node) found = node as YamlNode;
  }
  return found;
}

export interface DocChecks {
  checks: ProjectCheck[];
  /** Changes when any doc's checks change: part of the cache key of every file of the project. */
  fingerprint: string;
}

const NO_DOC_CHECKS: DocChecks = { checks: [], fingerprint: "" };
/** A `checks:` key at the top of a frontmatter block. */
const CHECKS_KEY = /^checks[ \t]*:/m;

/** The markdown files under a folder, sorted, skipping what a walk always skips. */
function markdownUnder(dir: string, isIgnored: (file: string) => boolean): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !ALWAYS_SKIPPED_DIRS.has(entry.name)) files.push(...markdownUnder(full, isIgnored));
    else if (entry.isFile() && MARKDOWN.test(entry.name) && !isIgnored(full)) files.push(full);
  }
  return files;
}

/**
 * The checks the project's solution docs (`docs/solutions/**` under its root) declare in their frontmatter. A
 * project without that folder costs one failed directory read. Throws DocCheckError for a check that does not fit.
 */
export function loadDocChecks(root: string, isIgnored: (file: string) => boolean, builtIn: (id: string) => boolean): DocChecks {
  const files = markdownUnder(path.join(root, "docs", "solutions"), isIgnored);
  if (!files.length) return NO_DOC_CHECKS;
  const checks: ProjectCheck[] = [];
  const declaredIn = new Map<string, string>();
  for (const file of files) {
    let text: string;
    try {
      text = readBoundedText(file, MAX_DOC_BYTES);
    } catch {
      continue;
    }
    if (text.startsWith("\uFEFF")) text = text.slice(1);
    const block = locateFrontmatter(text);
    if (!block || !CHECKS_KEY.test(text.slice(block.contentStart, block.contentEnd))) continue;
    const frontmatter = parseFrontmatter(text)!;
    const lines = new LineIndex(text);
    const where = (offset: number): string => {
      const { line, column } = lines.position(offset);
      return `${file}:${line}:${column}`;
    };
    const yaml = frontmatter.yaml;
    if (yaml.errors.length) {
      const error = yaml.errors[0]!;
      throw new DocCheckError(`${where(frontmatter.contentStart + error.pos[0])}: the frontmatter holding "checks" is not valid YAML: ${error.message.split("\n")[0]}`);
    }
    const doc = path.relative(root, file).split(path.sep).join("/");
    let compiled: ProjectCheck[];
    try {
      compiled = compileChecks(yaml.toJS({ maxAliasCount: 100 })?.checks, file, builtIn);
    } catch (error) {
      if (!(error instanceof CheckProblem)) throw error;
      const node = nodeAt(yaml, error.at, error.atKey);
      const offset = frontmatter.contentStart + (node?.range?.[0] ?? 0);
      throw new DocCheckError(`${where(offset)}: "${keyPath(error.at)}" ${error.message}`);
    }
    compiled.forEach((check, index) => {
      const offset = frontmatter.contentStart + (nodeAt(yaml, ["checks", index], false)?.range?.[0] ?? 0);
      const earlier = declaredIn.get(check.id);
      if (earlier) throw new DocCheckError(`${where(offset)}: check "${check.id}" is already declared in ${earlier}; give one of them another id`);
      declaredIn.set(check.id, doc);
      checks.push({ ...check, learnedFrom: { doc, ...lines.position(offset) } });
    });
  }
  return { checks, fingerprint: checks.length ? hashText(JSON.stringify(checks.map((check) => [check.source, check.definition]))) : "" };
}

/* ---------------------------------------------------------------- running a check */

/** Where a section's text starts and ends: the innermost heading's section around an offset, or the body. */
function sectionAround(doc: Doc, offset: number): TextRange {
  const section = doc.sectionAt(offset);
  return section ? { start: section.start, end: section.end } : { start: doc.bodyStart, end: doc.text.length };
}

/** Matches of any of the regexes in the text the doc instructs, within a range (default: the body), in document order. */
function textMatches(doc: Doc, regexes: readonly RegExp[], range: TextRange = { start: doc.bodyStart, end: doc.text.length }): TextRange[] {
  if (!regexes.length) return [];
  // A doc's title names what it is about ("# Task tool renamed"); it instructs nothing.
  const isTitle = (block: ProseBlock): boolean => block.type === "heading" && doc.sections.some((section) => section.start === block.start && section.depth === 1);
  const units: Array<{ start: number; end: number; raw: string }> = [
    ...instructionProse(doc, range).filter((block) => !isTitle(block)),
    ...doc.code.filter((code) => !code.counterExample && !code.inQuote && code.start >= range.start && code.end <= range.end),
  ];
  const found: TextRange[] = [];
  for (const unit of units) {
    for (const regex of regexes) {
      for (const match of unit.raw.matchAll(regex)) {
        if (match[0] === "") continue;
        const start = unit.start + match.index;
        const end = start + match[0].length;
        if (isOwnInstruction(doc, start, end)) found.push({ start, end });
      }
    }
  }
  return found.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Tools the doc instructs (its tools lists, and the tool-mention model's body forms), of these names. */
function toolMatches(doc: Doc, tools: readonly string[]): TextRange[] {
  if (!tools.length) return [];
  const names = new Set(tools);
  return [...findFrontmatterToolMentions(doc), ...findBodyToolMentions(doc, (name) => names.has(name))].filter((mention) => names.has(mention.name));
}

/** Code blocks of these languages the doc runs (not examples, counter-examples or quotes): their opening fence. */
function codeMatches(doc: Doc, langs: readonly string[]): TextRange[] {
  if (!langs.length) return [];
  return doc.code
    .filter((code) => langs.includes(code.lang) && isOwnInstruction(doc, code.start, code.start))
    .map((code) => ({ start: code.start, end: code.start + code.raw.split("\n", 1)[0]!.length }));
}

/** Whether a link in the range, written as the doc's own, points to one of these project files. */
function linksTo(doc: Doc, links: readonly string[], range: TextRange, filePath: string, root: string): boolean {
  if (!links.length) return false;
  const stack = [doc.tree as { type: string; url?: string; position?: { start: { offset?: number }; end: { offset?: number } }; children?: unknown[] }];
  while (stack.length) {
    const node = stack.pop()!;
    const start = node.position?.start.offset ?? -1;
    if ((node.type === "link" || node.type === "definition") && node.url && start >= range.start && start < range.end) {
      const cut = node.url.search(/[#?]/);
      const target = cut < 0 ? node.url : node.url.slice(0, cut);
      if (target && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(target) && isOwnInstruction(doc, start, node.position?.end.offset ?? start)) {
        const resolved = path.relative(root, path.resolve(path.dirname(filePath), target)).split(path.sep).join("/");
        if (links.includes(resolved) || links.includes(target.replace(/^\.?\//, ""))) return true;
      }
    }
    if (node.children) stack.push(...(node.children as typeof stack));
  }
  return false;
}

/** Whether the raw text could hold a match: a test on the text, so a doc with none is never parsed. */
function mayMatch(text: string, matchers: Matchers): boolean {
  const probe = (regex: RegExp): boolean => new RegExp(regex.source, regex.flags.replace("g", "")).test(text);
  return (
    matchers.texts.some(probe) ||
    matchers.commands.some(probe) ||
    matchers.tools.some((tool) => text.includes(tool)) ||
    (matchers.code.length > 0 && /^[ \t]*(?:`{3,}|~{3,})/m.test(text))
  );
}

function run(check: ProjectCheck, context: RuleContext): void {
  const { doc, filePath, kind, project } = context;
  const relative = path.relative(project.root, path.resolve(filePath)).split(path.sep).join("/");
  if (check.files && !picomatch(check.files as string[], { dot: true })(relative)) return;
  // A plan, changelog or report states the facts of its date; a solution doc's lesson is still checked.
  if (kind !== "solution" && isDatedRecord(doc, kind, relative)) return;
  const learned = check.learnedFrom ? ` (learned from ${check.learnedFrom.doc})` : "";
  const report = (range: TextRange, extra: Partial<Report> = {}): void => {
    context.report({
      message: `${check.message}${learned}`,
      start: range.start,
      end: range.end,
      ...(check.learnedFrom ? { learnedFrom: check.learnedFrom.doc, related: [{ filePath: path.join(project.root, check.learnedFrom.doc), line: check.learnedFrom.line, column: check.learnedFrom.column }] } : {}),
      ...extra,
    });
  };
  if (check.forbid) {
    const forbid = check.forbid;
    if (!mayMatch(doc.text, forbid)) return;
    const found = [...textMatches(doc, [...forbid.texts, ...forbid.commands]), ...toolMatches(doc, forbid.tools)];
    const seen = new Set<number>();
    for (const range of found.sort((a, b) => a.start - b.start)) {
      if (seen.has(range.start)) continue;
      seen.add(range.start);
      report(range);
    }
  } else if (check.swap) {
    const swaps = check.swap;
    if (!swaps.some(({ from }) => new RegExp(from.source, "iu").test(doc.text))) return;
    for (const { from, to } of swaps) for (const range of textMatches(doc, [from])) report(range, { fix: { range: [range.start, range.end], text: to } });
  } else if (check.require) {
    const { when, present } = check.require;
    if (!mayMatch(doc.text, when)) return;
    const triggers = [...textMatches(doc, [...when.texts, ...when.commands]), ...toolMatches(doc, when.tools), ...codeMatches(doc, when.code)].sort((a, b) => a.start - b.start);
    const done = new Set<number>();
    for (const trigger of triggers) {
      const section = sectionAround(doc, trigger.start);
      if (done.has(section.start)) continue;
      done.add(section.start);
      const satisfied =
        textMatches(doc, [...present.texts, ...present.commands], section).length > 0 ||
        toolMatches(doc, present.tools).some((mention) => mention.start >= section.start && mention.start < section.end) ||
        linksTo(doc, present.links, section, filePath, project.root);
      if (!satisfied) report(trigger);
    }
  }
}

const asRules = new WeakMap<ProjectCheck, Rule>();

/** A check as the engine runs it: a rule with the check's id, severity, kinds and hosts. */
export function checkRule(check: ProjectCheck): Rule {
  let rule = asRules.get(check);
  if (!rule) {
    rule = {
      meta: {
        id: check.id,
        description: check.message,
        kinds: check.kinds,
        severity: check.severity,
        docsUrl: docsUrl("project-checks"),
        ...(check.swap ? { fixable: true } : {}),
        ...(check.targets ? { hosts: check.targets } : {}),
      },
      check: (context) => run(check, context),
    };
    asRules.set(check, rule);
  }
  return rule;
}
