import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { closest, distance } from "fastest-levenshtein";
import picomatch from "picomatch";
import { parse as parseYaml } from "yaml";
import { rules as allRules } from "../rules/index.js";
import { resolveToolset, Toolset, ToolsetError, type ToolsetConfig } from "./toolset.js";
import { KINDS, type Kind, type Rule, type SeveritySetting } from "./types.js";

export type RuleSetting = SeveritySetting | 0 | 1 | 2 | [SeveritySetting | 0 | 1 | 2, Record<string, unknown>?];
export type RulesConfig = Record<string, RuleSetting>;

export interface OverrideConfig {
  files: string | string[];
  kind?: Kind;
  rules?: RulesConfig;
}

/** The config file format: `skill-lint.config.json`, `.yaml`, `.skill-lintrc.json` or package.json "skill-lint". */
export interface Config {
  rules?: RulesConfig;
  tools?: ToolsetConfig;
  ignores?: string[];
  overrides?: OverrideConfig[];
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
  /** The config file this came from, if any. */
  source?: string;
}

export class ConfigError extends Error {}

export const CONFIG_FILES = ["skill-lint.config.json", "skill-lint.config.yaml", "skill-lint.config.yml", ".skill-lintrc.json"];
const TOP_LEVEL_KEYS = ["rules", "tools", "ignores", "overrides"];
const TOOLS_KEYS = ["preset", "add", "remove", "mcpServers"];
const OVERRIDE_KEYS = ["files", "kind", "rules"];
const SEVERITIES: Record<string, SeveritySetting> = { off: "off", warn: "warn", error: "error", 0: "off", 1: "warn", 2: "error" };

const rulesById = new Map<string, Rule>(allRules.map((rule) => [rule.meta.id, rule]));

function didYouMean(name: string, candidates: string[]): string {
  if (candidates.length === 0) return "";
  const best = closest(name, candidates);
  return distance(name, best) <= Math.max(2, Math.floor(name.length / 3)) ? ` (did you mean "${best}"?)` : "";
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
  if (config.ignores !== undefined && !isStringArray(config.ignores)) {
    throw new ConfigError(`${file}: "ignores" must be an array of glob strings`);
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
  if (config.overrides !== undefined) {
    if (!Array.isArray(config.overrides)) throw new ConfigError(`${file}: "overrides" must be an array`);
    config.overrides.forEach((override: unknown, index) => {
      const where = `overrides[${index}]`;
      if (typeof override !== "object" || override === null) throw new ConfigError(`${file}: "${where}" must be an object`);
      const entry = override as Record<string, unknown>;
      for (const key of Object.keys(entry)) {
        if (!OVERRIDE_KEYS.includes(key)) throw new ConfigError(`${file}: unknown key "${where}.${key}"${didYouMean(key, OVERRIDE_KEYS)}`);
      }
      if (typeof entry.files !== "string" && !isStringArray(entry.files)) {
        throw new ConfigError(`${file}: "${where}.files" must be a glob or an array of globs`);
      }
      if (entry.kind !== undefined && !KINDS.includes(entry.kind as Kind)) {
        throw new ConfigError(`${file}: "${where}.kind" must be one of ${KINDS.join(", ")}`);
      }
      if (entry.rules !== undefined) checkRules(file, `${where}.rules`, entry.rules);
    });
  }
  return config as Config;
}

function readConfigText(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(`${file}: cannot read config (${code === "ENOENT" ? "no such file" : code ?? "unreadable"})`);
  }
  if (/\.ya?ml$/i.test(file)) {
    try {
      return parseYaml(text) ?? {};
    } catch (error) {
      const yamlError = error as { linePos?: [{ line: number; col: number }]; message: string };
      const at = yamlError.linePos ? `:${yamlError.linePos[0].line}:${yamlError.linePos[0].col}` : "";
      throw new ConfigError(`${file}${at}: invalid YAML: ${yamlError.message.split("\n")[0]}`);
    }
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: invalid JSON: ${(error as Error).message}`);
  }
}

export interface LoadedConfig {
  file: string;
  dir: string;
  config: Config;
}

export function loadConfigFile(file: string): LoadedConfig {
  const absolute = path.resolve(file);
  let value = readConfigText(absolute);
  if (path.basename(absolute) === "package.json") value = (value as Record<string, unknown>)["skill-lint"] ?? {};
  return { file: absolute, dir: path.dirname(absolute), config: validateConfig(absolute, value) };
}

function findConfigIn(dir: string): string | undefined {
  for (const name of CONFIG_FILES) {
    const candidate = path.join(dir, name);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  const pkg = path.join(dir, "package.json");
  if (existsSync(pkg)) {
    try {
      const json = JSON.parse(readFileSync(pkg, "utf8")) as Record<string, unknown>;
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

function matcher(globs: string | string[]): (relative: string) => boolean {
  return picomatch(globs, { dot: true });
}

function relativeTo(dir: string, file: string): string {
  return path.relative(dir, file).split(path.sep).join("/");
}

/** Finds and applies the config for each file: `--config` if given, else the nearest config file upward. */
export class ConfigResolver {
  private readonly byDir = new Map<string, LoadedConfig | null>();
  private readonly explicit: LoadedConfig | undefined;
  private readonly toolsets = new Map<string, Toolset>();

  constructor(options: { configFile?: string; config?: Config; cwd?: string } = {}) {
    const cwd = options.cwd ?? process.cwd();
    if (options.configFile) this.explicit = loadConfigFile(path.resolve(cwd, options.configFile));
    else if (options.config) this.explicit = { file: "<config>", dir: cwd, config: validateConfig("<config>", options.config) };
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
    const loaded = found ? loadConfigFile(found) : parent === dir ? undefined : this.nearest(parent);
    this.byDir.set(dir, loaded ?? null);
    return loaded;
  }

  isIgnored(file: string): boolean {
    const loaded = this.configFor(file);
    if (!loaded?.config.ignores?.length) return false;
    const relative = relativeTo(loaded.dir, path.resolve(file));
    return matcher(loaded.config.ignores)(relative);
  }

  resolve(file: string): ResolvedConfig {
    const loaded = this.configFor(file);
    const rules = new Map<string, RuleConfig>();
    for (const rule of allRules) rules.set(rule.meta.id, { severity: rule.meta.severity, options: {} });
    const apply = (config: RulesConfig | undefined): void => {
      for (const [id, setting] of Object.entries(config ?? {})) rules.set(id, toSeverity(setting));
    };
    let kind: Kind | undefined;
    if (loaded) {
      apply(loaded.config.rules);
      const relative = relativeTo(loaded.dir, path.resolve(file));
      for (const override of loaded.config.overrides ?? []) {
        if (!matcher(override.files)(relative)) continue;
        if (override.kind) kind = override.kind;
        apply(override.rules);
      }
    }
    const key = loaded?.file ?? "";
    let toolset = this.toolsets.get(key);
    if (!toolset) {
      toolset = resolveToolset(loaded?.config.tools);
      this.toolsets.set(key, toolset);
    }
    return { rules, toolset, ...(kind ? { kind } : {}), ...(loaded ? { source: loaded.file } : {}) };
  }
}
