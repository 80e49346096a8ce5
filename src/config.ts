import { existsSync, realpathSync, statSync } from "node:fs";
import path from "node:path";
import { closest, distance } from "fastest-levenshtein";
import { parse as parseJsonc, printParseErrorCode, type ParseError } from "jsonc-parser";
import picomatch from "picomatch";
import { parse as parseYaml } from "yaml";
import { rules as allRules } from "../rules/index.js";
import { resolveToolset, Toolset, ToolsetError, type ToolsetConfig } from "./toolset.js";
import { compileSchema } from "./frontmatter-schema.js";
import { slowGlob, slowRegex } from "./patterns.js";
import { MAX_CONFIG_BYTES, readBoundedText, ReadError } from "./read.js";
import { HOSTS, isHostId, type HostId } from "./hosts/index.js";
import { KINDS, type Kind, type KindSchema, type Rule, type SeveritySetting, type UserKind } from "./types.js";

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

/** The config file format: `skill-lint.config.json`, `.yaml`, `.skill-lintrc.json` or package.json "skill-lint". */
export interface Config {
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
  /** The config file this came from, if any. */
  source?: string;
}

export class ConfigError extends Error {}

export const CONFIG_FILES = ["skill-lint.config.json", "skill-lint.config.yaml", "skill-lint.config.yml", ".skill-lintrc.json"];
const TOP_LEVEL_KEYS = ["rules", "tools", "ignores", "overrides", "targets", "target", "include", "kinds", "schemas"];
const HOST_IDS = HOSTS.map((host) => host.id);
const TOOLS_KEYS = ["preset", "add", "remove", "mcpServers"];
const OVERRIDE_KEYS = ["files", "kind", "rules"];
const KIND_KEYS = ["name", "files", "schema", "requiredSections"];
const KIND_NAME = /^[a-z][a-z0-9-]*$/;
const SEVERITIES: Record<string, SeveritySetting> = { off: "off", warn: "warn", error: "error", 0: "off", 1: "warn", 2: "error" };

const rulesById = new Map<string, Rule>(allRules.map((rule) => [rule.meta.id, rule]));

function didYouMean(name: string, candidates: string[]): string {
  if (candidates.length === 0) return "";
  const best = closest(name, candidates);
  return distance(name, best) <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean "${best}"?)` : "";
}

function checkHost(file: string, key: string, value: unknown): void {
  if (typeof value !== "string" || !isHostId(value)) {
    throw new ConfigError(`${file}: "${key}" must be one of ${HOST_IDS.map((id) => `"${id}"`).join(", ")}${didYouMean(String(value), HOST_IDS)}`);
  }
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}

function checkRules(file: string, where: string, value: unknown): RulesConfig {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new ConfigError(`${file}: "${where}" must be an object of rule ids to severities`);
  }
  for (const [id, setting] of Object.entries(value)) {
    const rule = rulesById.get(id);
    if (!rule) throw new ConfigError(`${file}: unknown rule "${id}" in "${where}"${didYouMean(id, [...rulesById.keys()])}`);
    const [severity, options] = Array.isArray(setting) ? setting : [setting, undefined];
    if (SEVERITIES[String(severity)] === undefined || typeof severity === "boolean") {
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
    const ok =
      spec.type === "string[]" ? isStringArray(value) : typeof value === spec.type && !(spec.type === "number" && !Number.isFinite(value));
    if (!ok) throw new ConfigError(`${file}: option "${key}" of rule "${id}" must be ${spec.type === "string[]" ? "an array of strings" : `a ${spec.type}`}`);
  }
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
    checkGlobs(file, `${where}.files`, entry.files, "a glob or an array of globs");
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
    schema = /\.ya?ml$/i.test(absolute) ? parseYaml(text) : JSON.parse(text);
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

/** Checks that globs are strings that match in reasonable time. */
function checkGlobs(file: string, where: string, globs: unknown, what: string): void {
  const list = typeof globs === "string" ? [globs] : globs;
  if (!isStringArray(list)) throw new ConfigError(`${file}: "${where}" must be ${what}`);
  list.forEach((glob, index) => {
    const problem = slowGlob(glob);
    if (problem) throw new ConfigError(`${file}: "${where}${typeof globs === "string" ? "" : `[${index}]`}": ${problem}`);
  });
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
  if (config.rules !== undefined) checkRules(file, "rules", config.rules);
  if (config.ignores !== undefined) {
    if (typeof config.ignores === "string") throw new ConfigError(`${file}: "ignores" must be an array of glob strings`);
    checkGlobs(file, "ignores", config.ignores, "an array of glob strings");
  }
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
  if (config.include !== undefined) {
    if (typeof config.include === "string") throw new ConfigError(`${file}: "include" must be an array of glob strings`);
    checkGlobs(file, "include", config.include, "an array of glob strings");
  }
  const userKindNames = checkKinds(file, config.kinds);
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
      checkGlobs(file, `${where}.files`, entry.files, "a glob or an array of globs");
      if (entry.kind !== undefined && !KINDS.includes(entry.kind as Kind) && !userKindNames.includes(entry.kind as string)) {
        throw new ConfigError(`${file}: "${where}.kind" must be one of ${[...KINDS, ...userKindNames].join(", ")}`);
      }
      if (entry.rules !== undefined) checkRules(file, `${where}.rules`, entry.rules);
    });
  }
  return config as Config;
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
  return { file, dir, config, schemas, userKinds, deprecations };
}

/** The hosts a config names, with the deprecated single `target` read as a list of one. */
export function configTargets(config: Config | undefined): HostId[] | undefined {
  return config?.targets ?? (config?.target ? [config.target] : undefined);
}

export function loadConfigFile(file: string): LoadedConfig {
  const absolute = path.resolve(file);
  let value = readConfigText(absolute);
  if (path.basename(absolute) === "package.json") value = (value as Record<string, unknown>)["skill-lint"] ?? {};
  return prepareConfig(absolute, path.dirname(absolute), value);
}

function findConfigIn(dir: string): string | undefined {
  for (const name of CONFIG_FILES) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  const pkg = path.join(dir, "package.json");
  if (existsSync(pkg)) {
    try {
      const json = JSON.parse(readBoundedText(pkg, MAX_CONFIG_BYTES)) as Record<string, unknown>;
      if (json && typeof json === "object" && "skill-lint" in json) return pkg;
    } catch {
      // A broken package.json is not ours to report: it simply holds no config.
    }
  }
  return undefined;
}

function toSeverity(setting: RuleSetting): RuleConfig {
  const [severity, options] = Array.isArray(setting) ? setting : [setting, undefined];
  return { severity: SEVERITIES[String(severity)]!, options: options ?? {} };
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

/** Finds and applies the config for each file: `--config` if given, else the nearest config file upward. */
export class ConfigResolver {
  private readonly byDir = new Map<string, LoadedConfig | null>();
  private readonly explicit: LoadedConfig | undefined;
  private readonly toolsets = new Map<string, Toolset>();
  private readonly resolved = new WeakMap<LoadedConfig, Map<string, ResolvedConfig>>();
  private unconfigured: ResolvedConfig | undefined;

  private readonly warn: (message: string) => void;

  constructor(options: { configFile?: string; config?: Config; cwd?: string; warn?: (message: string) => void } = {}) {
    const cwd = options.cwd ?? process.cwd();
    this.warn = options.warn ?? (() => {});
    if (options.configFile) this.explicit = this.announce(loadConfigFile(path.resolve(cwd, options.configFile)));
    else if (options.config) this.explicit = this.announce(prepareConfig("<config>", cwd, options.config));
  }

  private announce(loaded: LoadedConfig): LoadedConfig {
    for (const message of loaded.deprecations) this.warn(message);
    return loaded;
  }

  configFor(file: string): LoadedConfig | undefined {
    if (this.explicit) return this.explicit;
    return this.nearest(path.dirname(path.resolve(file)));
  }

  private nearest(dir: string): LoadedConfig | undefined {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached ?? undefined;
    const found = findConfigIn(dir);
    const parent = path.dirname(dir);
    const loaded = found ? this.announce(loadConfigFile(found)) : parent === dir ? undefined : this.nearest(parent);
    this.byDir.set(dir, loaded ?? null);
    return loaded;
  }

  /**
   * Ignored by the config that applies or by any config file above it: a project's root config that ignores
   * `fixtures/**` still does when a fixture folder has a config of its own.
   */
  isIgnored(file: string): boolean {
    const absolute = path.resolve(file);
    let loaded = this.configFor(file);
    while (loaded) {
      const ignores = loaded.config.ignores;
      if (ignores?.length && matcher(ignores)(relativeTo(loaded.dir, absolute))) return true;
      if (this.explicit) return false;
      const parent = path.dirname(loaded.dir);
      loaded = parent === loaded.dir ? undefined : this.nearest(parent);
    }
    return false;
  }

  /** The targets named by the config that applies to the files of a folder, if it names any. */
  targetsIn(dir: string): HostId[] | undefined {
    return configTargets((this.explicit ?? this.nearest(path.resolve(dir)))?.config);
  }

  /**
   * Named for linting by the config though no target loads it: its `include` globs, a kind it defines, or an
   * override that sets a kind.
   */
  isIncluded(file: string): boolean {
    const loaded = this.configFor(file);
    if (!loaded) return false;
    const relative = relativeTo(loaded.dir, path.resolve(file));
    const { include, overrides } = loaded.config;
    return (
      (include?.length ? matcher(include)(relative) : false) ||
      loaded.userKinds.some((entry) => entry.matches(relative)) ||
      (overrides ?? []).some((override) => override.kind !== undefined && matcher(override.files)(relative))
    );
  }

  /**
   * The config for one file. Files that the same config file and the same overrides apply to share one
   * resolved config object (do not mutate it): a run over thousands of files builds a handful.
   */
  resolve(file: string): ResolvedConfig {
    const loaded = this.configFor(file);
    if (!loaded) return (this.unconfigured ??= this.build(undefined, [], undefined));
    const relative = relativeTo(loaded.dir, path.resolve(file));
    const userKindIndex = loaded.userKinds.findIndex((entry) => entry.matches(relative));
    const overrides = (loaded.config.overrides ?? []).flatMap((override, index) => (matcher(override.files)(relative) ? [index] : []));
    let byMatch = this.resolved.get(loaded);
    if (!byMatch) this.resolved.set(loaded, (byMatch = new Map()));
    const key = `${userKindIndex}|${overrides.join(",")}`;
    let resolved = byMatch.get(key);
    if (!resolved) byMatch.set(key, (resolved = this.build(loaded, overrides, loaded.userKinds[userKindIndex]?.kind)));
    return resolved;
  }

  private build(loaded: LoadedConfig | undefined, overrideIndices: number[], matchedKind: UserKind | undefined): ResolvedConfig {
    const rules = new Map<string, RuleConfig>();
    for (const rule of allRules) rules.set(rule.meta.id, { severity: rule.meta.severity, options: {} });
    const apply = (config: RulesConfig | undefined): void => {
      for (const [id, setting] of Object.entries(config ?? {})) rules.set(id, toSeverity(setting));
    };
    let kind: Kind | undefined;
    let userKind: UserKind | undefined;
    if (loaded) {
      apply(loaded.config.rules);
      userKind = matchedKind;
      if (userKind) kind = "doc";
      for (const index of overrideIndices) {
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
    const key = loaded?.file ?? "";
    let toolset = this.toolsets.get(key);
    if (!toolset) {
      toolset = resolveToolset(loaded?.config.tools);
      this.toolsets.set(key, toolset);
    }
    return {
      rules,
      toolset,
      ...(configTargets(loaded?.config) ? { targets: configTargets(loaded?.config)! } : {}),
      schemas: loaded?.schemas ?? NO_SCHEMAS,
      ...(kind ? { kind } : {}),
      ...(userKind ? { userKind } : {}),
      ...(loaded ? { source: loaded.file } : {}),
    };
  }
}
