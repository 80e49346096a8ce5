import { existsSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { closest, distance } from "fastest-levenshtein";
import { parse as parseJsonc, printParseErrorCode, type ParseError } from "jsonc-parser";
import picomatch from "picomatch";
import { parse as parseYaml } from "yaml";
import { rules as allRules } from "../rules/index.js";
import type { ListedFolders } from "./project-files.js";
import { resolveToolset, Toolset, ToolsetError, type ToolsetConfig } from "./toolset.js";
import { compileSchema } from "./frontmatter-schema.js";
import { slowGlob, slowRegex } from "./patterns.js";
import { CheckProblem, compileChecks, isCheckId, keyPath, type ProjectCheck } from "./checks.js";
import { MAX_CONFIG_BYTES, readBoundedText, ReadError } from "./read.js";
import { HOSTS, isHostId, type HostId } from "./hosts/index.js";
import { KINDS, type Kind, type KindSchema, type OptionSpec, type Rule, type SeveritySetting, type UserKind } from "./types.js";

export type RuleSetting = SeveritySetting | 0 | 1 | 2 | [SeveritySetting | 0 | 1 | 2, Record<string, unknown>?];
export type RulesConfig = Record<string, RuleSetting>;

export interface OverrideConfig {
  files: string | string[];
  /** A built-in kind, or the name of a kind from `kinds`. */
  kind?: string;
  rules?: RulesConfig;
}

/** A kind of the project's own, as `remark-lint-frontmatter-schema` lets one declare them. */
export interface UserKindConfig {
  name: string;
  files: string | string[];
  /** Path of a JSON Schema (JSON or YAML) for its frontmatter, relative to the config file. */
  schema?: string;
  requiredSections?: string[];
}

/** The config file format, in any of CONFIG_FILES or a package.json "skill-lint" key. */
export interface Config {
  /** Merge no config from the folders above this one. */
  root?: boolean;
  rules?: RulesConfig;
  tools?: ToolsetConfig;
  ignores?: string[];
  overrides?: OverrideConfig[];
  /** The hosts that load these docs; default: inferred from the repository's folders. */
  targets?: HostId[];
  /** Deprecated: one host, as `targets: [target]`. */
  target?: HostId;
  /** Globs, relative to the config file, of markdown to lint though no target loads it (a folder walk leaves such files out). */
  include?: string[];
  kinds?: UserKindConfig[];
  /** Schemas replacing built-in ones, by kind: `{ "skill": "schemas/skill.json" }`. */
  schemas?: Partial<Record<Kind, string>>;
  /** The URL of a folder holding the rule pages (`<docsBaseUrl>/<rule-id>.md`), for links in reports. */
  docsBaseUrl?: string;
  /** The severity of a disable directive that switched nothing off (ESLint's `linterOptions.reportUnusedDisableDirectives`); default "warn". */
  reportUnusedDisableDirectives?: SeveritySetting | 0 | 1 | 2 | boolean;
  /** Project checks: rules declared as data (see docs/rules/project-checks.md). */
  checks?: unknown[];
}

export interface RuleConfig {
  severity: SeveritySetting;
  options: Record<string, unknown>;
}

/** Everything the engine needs to lint one file. */
export interface ResolvedConfig {
  rules: Map<string, RuleConfig>;
  toolset: Toolset;
  kind?: Kind;
  /** The hosts the config names; undefined when they are inferred from the repository. */
  targets?: readonly HostId[];
  /** Schemas the config supplies, by kind name: replacements of built-in kinds' and user kinds' own. */
  schemas: ReadonlyMap<string, KindSchema>;
  /** Set when the file matches a kind from the config's `kinds`; `kind` is then `doc`. */
  userKind?: UserKind;
  /** The nearest config file, if any. */
  source?: string;
  /** Every config file that applies, in the order they were merged: the top one first, `source` last. */
  sources?: readonly string[];
  /** How to report a disable directive that switched nothing off. */
  reportUnusedDisableDirectives: SeveritySetting;
  /** Inline directives are ignored (`--no-inline-config`). */
  noInlineConfig: boolean;
  /** The project checks the configs declare (the nearest config's, by id, over those above it). */
  checks?: readonly ProjectCheck[];
}

/** Run-wide settings that the command line gives, over what config files say. */
export interface InlineConfigOptions {
  reportUnusedDisableDirectives?: SeveritySetting;
  noInlineConfig?: boolean;
}

export class ConfigError extends Error {}

/** Looked up in this order in each folder; then a `"skill-lint"` key in package.json. */
export const CONFIG_FILES = [
  "skill-lint.config.json",
  "skill-lint.config.yaml",
  "skill-lint.config.yml",
  ".skill-lintrc.json",
  ".skill-lintrc.yaml",
  ".skill-lintrc.yml",
];
const TOP_LEVEL_KEYS = ["root", "rules", "tools", "ignores", "overrides", "targets", "target", "include", "kinds", "schemas", "docsBaseUrl", "reportUnusedDisableDirectives", "checks"];
const HOST_IDS = HOSTS.map((host) => host.id);
const TOOLS_KEYS = ["preset", "add", "remove", "mcpServers"];
const OVERRIDE_KEYS = ["files", "kind", "rules"];
const KIND_KEYS = ["name", "files", "schema", "requiredSections"];
const KIND_NAME = /^[a-z][a-z0-9-]*$/;
/** A Map, not an object literal: a severity such as "constructor" or "__proto__" must not find one of Object's own keys. */
const SEVERITIES = new Map<unknown, SeveritySetting>([
  ["off", "off"],
  ["warn", "warn"],
  ["error", "error"],
  [0, "off"],
  [1, "warn"],
  [2, "error"],
  ["0", "off"],
  ["1", "warn"],
  ["2", "error"],
]);

const rulesById = new Map<string, Rule>(allRules.map((rule) => [rule.meta.id, rule]));

/** ` (did you mean "x"?)` for a near miss among the candidates, else "". `prefix` goes before the name shown (`--`). */
export function didYouMean(name: string, candidates: string[], prefix = ""): string {
  if (candidates.length === 0) return "";
  const best = closest(name, candidates);
  return distance(name, best) <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean "${prefix}${best}"?)` : "";
}

function checkHost(file: string, key: string, value: unknown): void {
  if (typeof value !== "string" || !isHostId(value)) {
    throw new ConfigError(`${file}: "${key}" must be one of ${HOST_IDS.map((id) => `"${id}"`).join(", ")}${didYouMean(String(value), HOST_IDS)}`);
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

/** Globs where a config takes them: each a string with a pattern in it (picomatch refuses "" outright) that matches in linear time. */
function checkGlobs(file: string, key: string, value: unknown, expected: string, single = false): void {
  const one = single && typeof value === "string";
  const globs = one ? [value] : value;
  if (!isStringArray(globs)) throw new ConfigError(`${file}: "${key}" must be ${expected}`);
  const empty = globs.findIndex((glob) => glob.trim() === "");
  if (empty >= 0) throw new ConfigError(`${file}: "${key}${one ? "" : `[${empty}]`}" is an empty glob; write a pattern such as "docs/**/*.md", or remove it`);
  globs.forEach((glob, index) => {
    const problem = slowGlob(glob);
    if (problem) throw new ConfigError(`${file}: "${key}${one ? "" : `[${index}]`}": ${problem}`);
  });
}

/** `where` names the key holding the rules; without it, `file` names where they came from (`--rule "..."`). */
function checkRules(file: string, where: string | undefined, value: unknown): RulesConfig {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError(`${file}: ${where ? `"${where}" must be` : "expected"} an object of rule ids to severities`);
  }
  for (const [id, setting] of Object.entries(value)) {
    const rule = rulesById.get(id);
    if (!rule && isCheckId(id)) {
      // A project check (declared in a config or a solution doc): a severity, no options.
      if (!SEVERITIES.has(Array.isArray(setting) ? setting[0] : setting)) throw new ConfigError(`${file}: check "${id}" has severity ${JSON.stringify(setting)}; expected "off", "warn" or "error"`);
      continue;
    }
    if (!rule) throw new ConfigError(`${file}: unknown rule "${id}"${where ? ` in "${where}"` : ""}${didYouMean(id, [...rulesById.keys()])}`);
    const [severity, options] = Array.isArray(setting) ? setting : [setting, undefined];
    if (!SEVERITIES.has(severity)) {
      throw new ConfigError(`${file}: rule "${id}" has severity ${JSON.stringify(severity)}; expected "off", "warn" or "error"`);
    }
    if (options !== undefined) checkOptions(file, rule, options);
  }
  return value as RulesConfig;
}

function checkOptions(file: string, rule: Rule, options: unknown): void {
  const id = rule.meta.id;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new ConfigError(`${file}: options of rule "${id}" must be an object`);
  }
  const specs = rule.meta.options ?? {};
  for (const [key, value] of Object.entries(options)) {
    const spec = specs[key];
    if (!spec) {
      const known = Object.keys(specs);
      throw new ConfigError(
        `${file}: rule "${id}" has no option "${key}"${known.length ? didYouMean(key, known) : " (it takes no options)"}`,
      );
    }
    if (!optionFits(spec, value)) throw new ConfigError(`${file}: option "${key}" of rule "${id}" must be ${optionNeeds(spec)}, got ${JSON.stringify(value)}`);
  }
}

function optionFits(spec: OptionSpec, value: unknown): boolean {
  if (spec.type === "string[]") return isStringArray(value);
  if (spec.type !== "number" && spec.type !== "integer") return typeof value === spec.type;
  return (
    typeof value === "number" &&
    Number.isFinite(value) &&
    (spec.type === "number" || Number.isInteger(value)) &&
    (spec.minimum === undefined || value >= spec.minimum)
  );
}

/** What an option takes, as the error for a value that does not fit says it. */
function optionNeeds(spec: OptionSpec): string {
  const least = spec.minimum === undefined ? "" : ` of at least ${spec.minimum}`;
  if (spec.type === "integer") return `a whole number${least}`;
  if (spec.type === "number") return `a number${least}`;
  return spec.type === "string[]" ? "an array of strings" : `a ${spec.type}`;
}

/** Checks the `kinds` entries and answers their names. */
function checkKinds(file: string, kinds: unknown): string[] {
  if (kinds === undefined) return [];
  if (!Array.isArray(kinds)) throw new ConfigError(`${file}: "kinds" must be an array of { name, files, schema?, requiredSections? }`);
  const names: string[] = [];
  kinds.forEach((kind: unknown, index) => {
    const where = `kinds[${index}]`;
    if (typeof kind !== "object" || kind === null || Array.isArray(kind)) throw new ConfigError(`${file}: "${where}" must be an object`);
    const entry = kind as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      if (!KIND_KEYS.includes(key)) throw new ConfigError(`${file}: unknown key "${where}.${key}"${didYouMean(key, KIND_KEYS)}`);
    }
    const name = entry.name;
    if (typeof name !== "string" || !KIND_NAME.test(name)) {
      throw new ConfigError(`${file}: "${where}.name" must be a lowercase name such as "runbook" (letters, digits, hyphens)`);
    }
    if (KINDS.includes(name as Kind)) {
      throw new ConfigError(`${file}: "${where}.name" "${name}" is a built-in kind; to replace its schema, use "schemas": { "${name}": "..." }`);
    }
    if (names.includes(name)) throw new ConfigError(`${file}: "${where}.name" "${name}" is defined twice`);
    names.push(name);
    checkGlobs(file, `${where}.files`, entry.files, "a glob or an array of globs", true);
    if (entry.schema !== undefined && typeof entry.schema !== "string") {
      throw new ConfigError(`${file}: "${where}.schema" must be the path of a JSON Schema file`);
    }
    if (entry.requiredSections !== undefined && !isStringArray(entry.requiredSections)) {
      throw new ConfigError(`${file}: "${where}.requiredSections" must be an array of heading texts`);
    }
  });
  return names;
}

/** Reads and compiles a schema file named by a config, so a broken schema fails the run at once. */
function loadSchema(file: string, dir: string, key: string, schemaPath: string): KindSchema {
  const absolute = path.resolve(dir, schemaPath);
  // A config is shared with a repository: what it names must be the repository's, not any file on the machine.
  if (!isInsideFolder(absolute, dir)) {
    throw new ConfigError(`${file}: "${key}": ${schemaPath} is outside the config's folder (${dir}); keep schemas in or below it`);
  }
  let text: string;
  try {
    text = readBoundedText(absolute, MAX_CONFIG_BYTES);
  } catch (error) {
    throw new ConfigError(`${file}: "${key}": cannot read ${absolute} (${readProblem(error)})`);
  }
  let schema: unknown;
  try {
    schema = /\.ya?ml$/i.test(absolute) ? parseYaml(text) : JSON.parse(withoutBom(text));
  } catch (error) {
    const yaml = /\.ya?ml$/i.test(absolute);
    throw new ConfigError(`${file}: "${key}": ${absolute} is not valid ${yaml ? "YAML" : "JSON"}: ${yaml ? yamlReason(error) : jsonReason(text)}`);
  }
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    throw new ConfigError(`${file}: "${key}": ${absolute} must hold a JSON Schema object`);
  }
  const slow = slowSchemaPattern(schema as Record<string, unknown>);
  if (slow) throw new ConfigError(`${file}: "${key}": ${absolute}: the pattern at ${slow.at} is refused: ${slow.problem}`);
  const loaded = { file: absolute, schema: schema as Record<string, unknown> };
  try {
    compileSchema(loaded);
  } catch (error) {
    throw new ConfigError(`${file}: "${key}": ${absolute} is not a valid JSON Schema: ${(error as Error).message.split("\n")[0]}`);
  }
  return loaded;
}

function isAbsoluteUrl(value: unknown): boolean {
  return typeof value === "string" && URL.canParse(value);
}

/**
 * The first `pattern` (or `patternProperties` key) of a schema that backtracks super-linearly, with its JSON
 * pointer: ajv would run it on every frontmatter value. Walked without recursion, as a schema may nest deep.
 */
function slowSchemaPattern(schema: Record<string, unknown>): { at: string; problem: string } | undefined {
  const stack: Array<[unknown, string]> = [[schema, ""]];
  while (stack.length) {
    const [node, at] = stack.pop()!;
    if (typeof node !== "object" || node === null) continue;
    const entries = Object.entries(node);
    for (const [key, value] of entries) {
      const here = `${at}/${key.replace(/~/g, "~0").replace(/\//g, "~1")}`;
      if (key === "pattern" && typeof value === "string") {
        const problem = slowRegex(value);
        if (problem) return { at: here, problem };
      }
      if (key === "patternProperties" && typeof value === "object" && value !== null) {
        for (const source of Object.keys(value)) {
          const problem = slowRegex(source);
          if (problem) return { at: `${here} (key "${source}")`, problem };
        }
      }
      stack.push([value, here]);
    }
  }
  return undefined;
}

/** Checks a config object's shape, so that a typo is an error rather than silence. */
export function validateConfig(file: string, value: unknown): Config {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError(`${file}: the config must be an object`);
  }
  const config = value as Record<string, unknown>;
  for (const key of Object.keys(config)) {
    if (!TOP_LEVEL_KEYS.includes(key)) throw new ConfigError(`${file}: unknown key "${key}"${didYouMean(key, TOP_LEVEL_KEYS)}`);
  }
  if (config.root !== undefined && typeof config.root !== "boolean") throw new ConfigError(`${file}: "root" must be true or false`);
  if (config.rules !== undefined) checkRules(file, "rules", config.rules);
  const unused = config.reportUnusedDisableDirectives;
  if (unused !== undefined && typeof unused !== "boolean" && !SEVERITIES.has(unused)) {
    throw new ConfigError(`${file}: "reportUnusedDisableDirectives" is ${JSON.stringify(unused)}; expected "off", "warn" or "error"`);
  }
  if (config.ignores !== undefined) checkGlobs(file, "ignores", config.ignores, "an array of glob strings");
  const tools = config.tools;
  if (tools !== undefined && !isStringArray(tools)) {
    if (typeof tools !== "object" || tools === null || Array.isArray(tools)) {
      throw new ConfigError(`${file}: "tools" must be an array of tool names or an object { preset, add, remove, mcpServers }`);
    }
    for (const [key, entry] of Object.entries(tools)) {
      if (!TOOLS_KEYS.includes(key)) throw new ConfigError(`${file}: unknown key "tools.${key}"${didYouMean(key, TOOLS_KEYS)}`);
      if (key === "preset" ? typeof entry !== "string" : !isStringArray(entry)) {
        throw new ConfigError(`${file}: "tools.${key}" must be ${key === "preset" ? "a string" : "an array of strings"}`);
      }
    }
    try {
      resolveToolset(tools as ToolsetConfig);
    } catch (error) {
      if (error instanceof ToolsetError) throw new ConfigError(`${file}: "tools.preset": ${error.message}`);
      throw error;
    }
  }
  if (config.target !== undefined) checkHost(file, "target", config.target);
  if (config.targets !== undefined) {
    if (!Array.isArray(config.targets) || config.targets.length === 0) {
      throw new ConfigError(`${file}: "targets" must be a non-empty array of hosts: ${HOST_IDS.map((id) => `"${id}"`).join(", ")}`);
    }
    config.targets.forEach((id: unknown, index) => checkHost(file, `targets[${index}]`, id));
    if (config.target !== undefined) throw new ConfigError(`${file}: "target" and "targets" both set; keep "targets" only`);
  }
  if (config.include !== undefined) checkGlobs(file, "include", config.include, "an array of glob strings");
  if (config.docsBaseUrl !== undefined && !isAbsoluteUrl(config.docsBaseUrl)) {
    throw new ConfigError(
      `${file}: "docsBaseUrl" must be the absolute URL of the folder holding the rule pages, such as "https://example.com/skill-lint/docs/rules/"`,
    );
  }
  const userKindNames = checkKinds(file, config.kinds);
  if (config.checks !== undefined) configChecks(file, config.checks);
  if (config.schemas !== undefined) {
    if (typeof config.schemas !== "object" || config.schemas === null || Array.isArray(config.schemas)) {
      throw new ConfigError(`${file}: "schemas" must be an object of kinds to JSON Schema paths`);
    }
    for (const [kind, schemaPath] of Object.entries(config.schemas)) {
      if (!KINDS.includes(kind as Kind)) {
        throw new ConfigError(`${file}: unknown kind "schemas.${kind}"${didYouMean(kind, [...KINDS])}; schemas replaces a built-in kind's schema (${KINDS.join(", ")})`);
      }
      if (typeof schemaPath !== "string") throw new ConfigError(`${file}: "schemas.${kind}" must be the path of a JSON Schema file`);
    }
  }
  if (config.overrides !== undefined) {
    if (!Array.isArray(config.overrides)) throw new ConfigError(`${file}: "overrides" must be an array`);
    config.overrides.forEach((override: unknown, index) => {
      const where = `overrides[${index}]`;
      if (typeof override !== "object" || override === null) throw new ConfigError(`${file}: "${where}" must be an object`);
      const entry = override as Record<string, unknown>;
      for (const key of Object.keys(entry)) {
        if (!OVERRIDE_KEYS.includes(key)) throw new ConfigError(`${file}: unknown key "${where}.${key}"${didYouMean(key, OVERRIDE_KEYS)}`);
      }
      checkGlobs(file, `${where}.files`, entry.files, "a glob or an array of globs", true);
      if (entry.kind !== undefined && !KINDS.includes(entry.kind as Kind) && !userKindNames.includes(entry.kind as string)) {
        throw new ConfigError(`${file}: "${where}.kind" must be one of ${[...KINDS, ...userKindNames].join(", ")}`);
      }
      if (entry.rules !== undefined) checkRules(file, `${where}.rules`, entry.rules);
    });
  }
  return config as Config;
}

/** A config's `checks`, compiled; a check that does not fit is a config error naming its key. */
function configChecks(file: string, checks: unknown): ProjectCheck[] {
  try {
    return compileChecks(checks, file, (id) => rulesById.has(id));
  } catch (error) {
    if (error instanceof CheckProblem) throw new ConfigError(`${file}: "${keyPath(error.at)}" ${error.message}`);
    throw error;
  }
}

/** Editors on Windows may save UTF-8 with a byte order mark, which JSON.parse refuses. */
function withoutBom(text: string): string {
  return text.startsWith("\uFEFF") ? text.slice(1) : text;
}

/**
 * One `--rule` value: `id: severity` or `id: [severity, { options }]`, read as YAML, so the JSON-ish forms ESLint
 * takes (`'no-unknown-tool: [warn, {}]'`, `'{"skill-size": ["warn", {"maxLines": 600}]}'`) all work.
 */
export function parseRuleOption(text: string): RulesConfig {
  const where = `--rule ${JSON.stringify(text)}`;
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${where}: ${yamlReason(error as Error)}; write "rule-id: severity" or "rule-id: [severity, { options }]"`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError(`${where}: write "rule-id: severity" or "rule-id: [severity, { options }]"`);
  }
  return checkRules(where, undefined, value);
}

/** Why a config or schema file could not be read, in words. */
function readProblem(error: unknown): string {
  if (!(error instanceof ReadError)) throw error;
  return error.code === "ENOENT" ? "no such file" : error.message;
}

/** Whether a path lies in a folder, lexically and with symlinks followed. */
function isInsideFolder(file: string, dir: string): boolean {
  const inside = (child: string, parent: string): boolean => {
    const relative = path.relative(parent, child);
    return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
  };
  if (!inside(file, dir)) return false;
  try {
    return inside(realpathSync.native(file), realpathSync.native(dir));
  } catch {
    // Missing: reading it says so.
    return true;
  }
}

/** yaml's reason, without its position (given in front) and without the source lines it quotes. */
function yamlReason(error: unknown): string {
  return (error as Error).message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

/**
 * Where and why JSON is invalid, without quoting it: JSON.parse's message shows the text's first characters, and
 * a file named by mistake (`--config ~/.ssh/id_rsa`) must not have them printed.
 */
function jsonReason(text: string): string {
  const errors: ParseError[] = [];
  try {
    parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  } catch {
    // Nesting too deep for the parser's stack: no position to give.
    return "nested too deep";
  }
  const first = errors[0];
  if (!first) return "not JSON";
  const before = text.slice(0, first.offset).split("\n");
  const words = printParseErrorCode(first.error).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return `${words} at line ${before.length}, column ${before.at(-1)!.length + 1}`;
}

function readConfigText(file: string): unknown {
  let text: string;
  try {
    text = readBoundedText(file, MAX_CONFIG_BYTES);
  } catch (error) {
    throw new ConfigError(`${file}: cannot read config (${readProblem(error)})`);
  }
  text = withoutBom(text);
  if (/\.ya?ml$/i.test(file)) {
    try {
      return parseYaml(text) ?? {};
    } catch (error) {
      const yamlError = error as { linePos?: [{ line: number; col: number }]; message: string };
      const at = yamlError.linePos ? `:${yamlError.linePos[0].line}:${yamlError.linePos[0].col}` : "";
      // The position is already in front; yaml repeats it at the end of its first line.
      throw new ConfigError(`${file}${at}: invalid YAML: ${yamlReason(error)}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ConfigError(`${file}: invalid JSON: ${jsonReason(text)}`);
  }
}

export interface LoadedConfig {
  file: string;
  dir: string;
  config: Config;
  schemas: ReadonlyMap<string, KindSchema>;
  userKinds: ReadonlyArray<{ kind: UserKind; matches: (relative: string) => boolean }>;
  /** Deprecated forms it uses, each with what to write instead. */
  deprecations: string[];
  checks?: ProjectCheck[];
}

/** Validates a config and reads the schema files it names, relative to its folder. */
function prepareConfig(file: string, dir: string, value: unknown): LoadedConfig {
  const config = validateConfig(file, value);
  const schemas = new Map<string, KindSchema>();
  for (const [kind, schemaPath] of Object.entries(config.schemas ?? {})) {
    schemas.set(kind, loadSchema(file, dir, `schemas.${kind}`, schemaPath));
  }
  const userKinds = (config.kinds ?? []).map((entry, index) => {
    const schema = entry.schema === undefined ? undefined : loadSchema(file, dir, `kinds[${index}].schema`, entry.schema);
    if (schema) schemas.set(entry.name, schema);
    const kind: UserKind = { name: entry.name, requiredSections: entry.requiredSections ?? [], ...(schema ? { schema } : {}) };
    return { kind, matches: matcher(entry.files) };
  });
  const deprecations = config.target !== undefined ? [`${file}: "target" is deprecated; write "targets": ["${config.target}"]`] : [];
  const checks = config.checks !== undefined ? configChecks(file, config.checks) : undefined;
  return { file, dir, config, schemas, userKinds, deprecations, ...(checks?.length ? { checks } : {}) };
}

/** The hosts a config names, with the deprecated single `target` read as a list of one. */
export function configTargets(config: Config | undefined): HostId[] | undefined {
  return config?.targets ?? (config?.target ? [config.target] : undefined);
}

export function loadConfigFile(file: string): LoadedConfig {
  const absolute = path.resolve(file);
  let value = readConfigText(absolute);
  if (path.basename(absolute) === "package.json") value = packageConfig(absolute, value);
  return prepareConfig(absolute, path.dirname(absolute), value);
}

/** The config in a package.json's "skill-lint" key; none when it has no such key. */
function packageConfig(file: string, json: unknown): unknown {
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new ConfigError(`${file}: a package.json must hold an object`);
  if (!Object.hasOwn(json, "skill-lint")) return {};
  const value = (json as Record<string, unknown>)["skill-lint"];
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ConfigError(`${file}: "skill-lint" must be an object of settings, got ${JSON.stringify(value)}`);
  return value;
}

/** `absent`: true for a name a listing of the project's files shows nothing at in `dir`, so the disk need not be asked. */
function findConfigIn(dir: string, absent: (dir: string, name: string) => boolean): string | undefined {
  for (const name of CONFIG_FILES) {
    if (absent(dir, name)) continue;
    const candidate = path.join(dir, name);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  const pkg = path.join(dir, "package.json");
  if (!absent(dir, "package.json") && existsSync(pkg)) {
    try {
      const json = JSON.parse(withoutBom(readBoundedText(pkg, MAX_CONFIG_BYTES))) as Record<string, unknown>;
      if (json && typeof json === "object" && "skill-lint" in json) return pkg;
    } catch {
      // A broken package.json is not ours to report: it simply holds no config.
    }
  }
  return undefined;
}

/** ESLint's forms: a severity, or `true` for "warn" and `false` for "off". */
function unusedDirectiveSeverity(setting: Config["reportUnusedDisableDirectives"]): SeveritySetting {
  if (setting === undefined || setting === true) return "warn";
  return setting === false ? "off" : SEVERITIES.get(setting)!;
}

/** The top of a config search: the folder holding `.git` (a folder, or a file in a worktree or submodule). */
function isRepositoryRoot(dir: string): boolean {
  return existsSync(path.join(dir, ".git"));
}

function toSeverity(setting: RuleSetting): RuleConfig {
  const [severity, options] = Array.isArray(setting) ? setting : [setting, undefined];
  return { severity: SEVERITIES.get(severity)!, options: options ?? {} };
}

const matchers = new Map<string, (relative: string) => boolean>();

/** Compiled once per distinct glob list: ignores are tested for every file of a run. */
function matcher(globs: string | string[]): (relative: string) => boolean {
  const key = JSON.stringify(globs);
  let match = matchers.get(key);
  if (!match) {
    match = picomatch(globs, { dot: true });
    matchers.set(key, match);
  }
  return match;
}

function relativeTo(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join("/");
}

const NO_SCHEMAS: ReadonlyMap<string, KindSchema> = new Map();

export interface ResolverOptions extends InlineConfigOptions {
  /** Path of a config file for every file (`--config`); otherwise the nearest config upward is used. */
  configFile?: string;
  /** A config object in place of config files. */
  config?: Config;
  /** Use no config file: every rule at its default (`--no-config`). */
  noConfig?: boolean;
  /** Rule settings that win over every config and override (`--rule`). */
  rules?: RulesConfig;
  /** Globs, relative to `cwd`, of files not to lint (`--ignore-pattern`). */
  ignorePatterns?: string[];
  cwd?: string;
  /** Called with warnings that are not findings (a deprecated key, a discarded cache). */
  warn?: (message: string) => void;
}

/** What one config of a chain matches of a file: the kind of its own the file is, and its overrides that apply. */
interface ChainMatch {
  loaded: LoadedConfig;
  userKindIndex: number;
  overrides: number[];
}

/** What a chain of configs sets as a whole, worked out once per chain: the nearest config's word wins. */
interface Chain {
  configs: readonly LoadedConfig[];
  schemas: ReadonlyMap<string, KindSchema>;
  toolset: Toolset;
  targets: HostId[] | undefined;
  checks?: readonly ProjectCheck[];
}

/**
 * Finds and applies the config for each file: `--config` if given, else the config files from the file's
 * folder up to the repository root (the folder holding `.git`), or up to one with `root: true`. They are merged
 * from the top down, each nearer one winning per key and, in `rules` and `schemas`, per rule and per kind.
 */
export class ConfigResolver {
  private readonly byDir = new Map<string, LoadedConfig | null>();
  private readonly explicit: LoadedConfig | undefined;
  private readonly chains = new Map<LoadedConfig | undefined, Chain>();
  private readonly toolsets = new Map<LoadedConfig | undefined, Toolset>();
  private readonly resolved = new Map<LoadedConfig | undefined, Map<string, ResolvedConfig>>();

  private readonly warn: (message: string) => void;
  private readonly inline: InlineConfigOptions;
  private readonly cwd: string;
  private readonly noConfig: boolean;
  private readonly ruleSettings: RulesConfig | undefined;
  private readonly ignorePatterns: ((relative: string) => boolean) | undefined;

  constructor(options: ResolverOptions = {}) {
    const cwd = (this.cwd = options.cwd ?? process.cwd());
    this.warn = options.warn ?? (() => {});
    this.inline = { reportUnusedDisableDirectives: options.reportUnusedDisableDirectives, noInlineConfig: options.noInlineConfig };
    this.noConfig = options.noConfig ?? false;
    this.ruleSettings = options.rules;
    this.ignorePatterns = options.ignorePatterns?.length ? matcher(options.ignorePatterns) : undefined;
    if (options.configFile) this.explicit = this.announce(loadConfigFile(path.resolve(cwd, options.configFile)));
    else if (options.config) this.explicit = this.announce(prepareConfig("<config>", cwd, options.config));
  }

  private projectAbsent: (dir: string, name: string) => boolean = () => false;
  /** The folders this run's walk read (see `useReadFolders`): true where one holds nothing by a name. */
  private readAbsent: (dir: string, name: string) => boolean = () => false;

  /** True when nothing is at `name` in `dir`, by a folder read this run or the project's listing; false: ask the disk. */
  private readonly listedAbsent = (dir: string, name: string): boolean => this.readAbsent(dir, name) || this.projectAbsent(dir, name);

  /**
   * Where config files are looked for, a listing of the project's files is asked first (true: nothing is there);
   * the disk is asked only when it cannot tell.
   */
  useListing(absent: (dir: string, name: string) => boolean): void {
    this.projectAbsent = absent;
  }

  /** The folders this run read whole, so that looking for configs there needs no look at the disk. */
  useReadFolders(folders: ListedFolders): void {
    this.readAbsent = (dir, name) => folders.absent(dir, name);
  }

  private announce(loaded: LoadedConfig): LoadedConfig {
    for (const message of loaded.deprecations) this.warn(message);
    return loaded;
  }

  /** The nearest config of a file (the last of its chain). */
  configFor(file: string): LoadedConfig | undefined {
    return this.configIn(path.dirname(path.resolve(file)));
  }

  /** The config for files in a folder: --config's, else the nearest one from the folder upward. */
  configIn(dir: string): LoadedConfig | undefined {
    return this.nearestIn(path.resolve(dir));
  }

  private nearestIn(dir: string): LoadedConfig | undefined {
    if (this.explicit) return this.explicit;
    return this.noConfig ? undefined : this.nearest(dir);
  }

  /** The config in `dir` or the nearest folder above it, not looking past the repository root. */
  private nearest(dir: string): LoadedConfig | undefined {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    const found = findConfigIn(dir, this.listedAbsent);
    const parent = path.dirname(dir);
    const top = parent === dir || (!this.listedAbsent(dir, ".git") && isRepositoryRoot(dir));
    const loaded = found ? this.announce(loadConfigFile(found)) : top ? undefined : this.nearest(parent);
    this.byDir.set(dir, loaded ?? null);
    return loaded;
  }

  /** The config whose settings a config's own settings win over: the next one up, unless it is the top one. */
  private above(loaded: LoadedConfig): LoadedConfig | undefined {
    if (loaded === this.explicit || loaded.config.root === true || isRepositoryRoot(loaded.dir)) return undefined;
    const parent = path.dirname(loaded.dir);
    return parent === loaded.dir ? undefined : this.nearest(parent);
  }

  /** The configs that apply from `nearest` upward, merged: the top one first. */
  private chain(nearest: LoadedConfig | undefined): Chain {
    let chain = this.chains.get(nearest);
    if (chain) return chain;
    const configs: LoadedConfig[] = [];
    for (let loaded = nearest; loaded; loaded = this.above(loaded)) configs.unshift(loaded);
    const schemas = new Map<string, KindSchema>();
    for (const loaded of configs) for (const [kind, schema] of loaded.schemas) schemas.set(kind, schema);
    const tools = configs.findLast((loaded) => loaded.config.tools !== undefined);
    let toolset = this.toolsets.get(tools);
    if (!toolset) this.toolsets.set(tools, (toolset = resolveToolset(tools?.config.tools)));
    const targets = configs.map((loaded) => configTargets(loaded.config)).findLast((named) => named !== undefined);
    // The nearest config's check of an id wins over one above it.
    const checks = new Map<string, ProjectCheck>();
    for (const loaded of configs) for (const check of loaded.checks ?? []) checks.set(check.id, check);
    chain = { configs, schemas: schemas.size ? schemas : NO_SCHEMAS, toolset, targets, ...(checks.size ? { checks: [...checks.values()] } : {}) };
    this.chains.set(nearest, chain);
    return chain;
  }

  /** The config files that apply to a file, in the order they are merged (the top one first). */
  configFilesFor(file: string): string[] {
    return this.chain(this.configFor(file)).configs.map((loaded) => loaded.file);
  }

  /**
   * Ignored by `--ignore-pattern` or by any config of the file's chain, each glob relative to its config's
   * folder: a project's root config that ignores `fixtures/**` still does when a fixture folder has a config of its own.
   */
  isIgnored(file: string): boolean {
    const absolute = path.resolve(file);
    if (this.ignorePatterns?.(relativeTo(this.cwd, absolute))) return true;
    return this.chain(this.configFor(file)).configs.some(({ config, dir }) => Boolean(config.ignores?.length && matcher(config.ignores)(relativeTo(dir, absolute))));
  }

  /** The targets named by the configs that apply to the files of a folder, if they name any. */
  targetsIn(dir: string): HostId[] | undefined {
    return this.chain(this.nearestIn(path.resolve(dir))).targets;
  }

  /**
   * Named for linting by a config of its chain though no target loads it: its `include` globs, a kind it defines,
   * or an override that sets a kind.
   */
  isIncluded(file: string): boolean {
    const absolute = path.resolve(file);
    return this.chain(this.configFor(file)).configs.some((loaded) => {
      const relative = relativeTo(loaded.dir, absolute);
      const { include, overrides } = loaded.config;
      return (
        (include?.length ? matcher(include)(relative) : false) ||
        loaded.userKinds.some((entry) => entry.matches(relative)) ||
        (overrides ?? []).some((override) => override.kind !== undefined && matcher(override.files)(relative))
      );
    });
  }

  /**
   * The config for one file. Files that the same configs and the same overrides apply to share one resolved
   * config object (do not mutate it): a run over thousands of files builds a handful.
   */
  resolve(file: string): ResolvedConfig {
    const nearest = this.configFor(file);
    const chain = this.chain(nearest);
    const absolute = path.resolve(file);
    const matches: ChainMatch[] = chain.configs.map((loaded) => {
      const relative = relativeTo(loaded.dir, absolute);
      return {
        loaded,
        userKindIndex: loaded.userKinds.findIndex((entry) => entry.matches(relative)),
        overrides: (loaded.config.overrides ?? []).flatMap((override, index) => (matcher(override.files)(relative) ? [index] : [])),
      };
    });
    let byMatch = this.resolved.get(nearest);
    if (!byMatch) this.resolved.set(nearest, (byMatch = new Map()));
    const key = matches.map((match) => `${match.userKindIndex}|${match.overrides.join(",")}`).join(";");
    let resolved = byMatch.get(key);
    if (!resolved) byMatch.set(key, (resolved = this.build(chain, matches)));
    return resolved;
  }

  private build(chain: Chain, matches: readonly ChainMatch[]): ResolvedConfig {
    const rules = new Map<string, RuleConfig>();
    for (const rule of allRules) rules.set(rule.meta.id, { severity: rule.meta.offByDefault ? "off" : rule.meta.severity, options: {} });
    const apply = (config: RulesConfig | undefined): void => {
      for (const [id, setting] of Object.entries(config ?? {})) rules.set(id, toSeverity(setting));
    };
    let kind: Kind | undefined;
    // The nearest config that defines a kind matching the file decides it; overrides may change it after.
    const kindMatch = matches.findLast((match) => match.userKindIndex >= 0);
    let userKind = kindMatch?.loaded.userKinds[kindMatch.userKindIndex]?.kind;
    if (userKind) kind = "doc";
    for (const { loaded, overrides } of matches) {
      apply(loaded.config.rules);
      for (const index of overrides) {
        const override = loaded.config.overrides![index]!;
        if (override.kind && KINDS.includes(override.kind as Kind)) {
          kind = override.kind as Kind;
          userKind = undefined;
        } else if (override.kind) {
          userKind = loaded.userKinds.find((entry) => entry.kind.name === override.kind)?.kind;
          kind = "doc";
        }
        apply(override.rules);
      }
    }
    apply(this.ruleSettings);
    const files = chain.configs.map((loaded) => loaded.file);
    return {
      rules,
      toolset: chain.toolset,
      ...(chain.targets ? { targets: chain.targets } : {}),
      schemas: chain.schemas,
      ...(kind ? { kind } : {}),
      ...(userKind ? { userKind } : {}),
      ...(files.length ? { source: files.at(-1)!, sources: files } : {}),
      reportUnusedDisableDirectives: this.inline.reportUnusedDisableDirectives ?? unusedDirectiveSeverity(
          chain.configs.map((loaded) => loaded.config.reportUnusedDisableDirectives).findLast((setting) => setting !== undefined),
        ),
      noInlineConfig: this.inline.noInlineConfig ?? false,
      ...(chain.checks ? { checks: chain.checks } : {}),
    };
  }
}
