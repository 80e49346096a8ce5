/**
 * Frontmatter schemas as data. The built-in JSON Schemas are the hosts' (src/hosts/<host>/<kind>.schema.json)
 * and the solution docs' (src/schemas/*.json); a config may add or replace them. ajv validates; each error is mapped back to the YAML node it is about.
 *
 * The schemas carry a few annotations of ours, which ajv ignores:
 * - `x-unknown-keys: "near-miss"`: the host ignores keys it does not know, so an unknown key is reported
 *   only when it looks like a misspelt known key (`allowed_tools`, `descripton`).
 * - `x-did-you-mean`: `{ wrong: right }`, suggestions that spelling distance would not find.
 * - `x-rule` on a property: another rule checks it with a better message, so its errors are left out here.
 * - `x-hint` on a property: what to write, for the message of a pattern or type error.
 * - `x-portable` and `x-portable-note` on a property: the stricter form another host requires; a value the
 *   target accepts but this schema rejects gets a warning with the note.
 * - `x-required-note` beside `required`: why the key is required, added to the message.
 * - `x-aliases`: `{ key: [other names] }`, names some docs use instead of a required key, so the message
 *   can say which key to rename.
 * - `x-severity: "warn"` on a property: the source says "should", so its errors are warnings.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import { closest, distance } from "fastest-levenshtein";
import { isMap, isScalar, type Node, type YAMLMap } from "yaml";
import type { Doc } from "./document.js";
import type { Kind, KindSchema, Target } from "./types.js";
import { HOSTS, hostById } from "./hosts/index.js";
import solutionCurrent from "./schemas/solution.compound-engineering.json" with { type: "json" };
import solutionLegacy from "./schemas/solution.compound-engineering-legacy.json" with { type: "json" };
import * as precompiled from "./schemas/validators.generated.js";

type JsonObject = Record<string, unknown>;

function builtin(file: string, schema: object): KindSchema {
  return { file: `skill-lint/${file}`, schema: schema as JsonObject };
}

export const SOLUTION_SCHEMAS = {
  current: builtin("src/schemas/solution.compound-engineering.json", solutionCurrent),
  legacy: builtin("src/schemas/solution.compound-engineering-legacy.json", solutionLegacy),
} as const;

const hostSchemas = new Map<string, KindSchema>();

/** The host's schema for a kind; a dialect without its own schema for a kind uses Claude Code's. */
export function builtinSchema(kind: Kind, target: Target): KindSchema | undefined {
  if (kind !== "skill" && kind !== "agent" && kind !== "command") return undefined;
  const host = [target, "claude-code" as const].find((id) => hostById(id).frontmatterSchemas?.[kind]);
  if (!host) return undefined;
  const key = `${host}/${kind}`;
  let schema = hostSchemas.get(key);
  if (!schema) hostSchemas.set(key, (schema = builtin(`src/hosts/${key}.schema.json`, hostById(host).frontmatterSchemas![kind]!)));
  return schema;
}

// addUsedSchema off: two configs may load schemas with the same $id without clashing. scripts/schemas.mjs
// compiles the built-in schemas with these same options.
const AJV_OPTIONS = { allErrors: true, verbose: true, strict: false, logger: false, addUsedSchema: false } as const;
/** One ajv per JSON Schema dialect, made on first use: each costs milliseconds a one-file run need not pay thrice. */
const validators: { draft7?: Ajv; draft2019?: Ajv2019; draft2020?: Ajv2020 } = {};
function validatorFor(dialect: string): Ajv {
  if (dialect.includes("2020-12")) return (validators.draft2020 ??= new Ajv2020(AJV_OPTIONS));
  if (dialect.includes("2019-09")) return (validators.draft2019 ??= new Ajv2019(AJV_OPTIONS));
  return (validators.draft7 ??= new Ajv(AJV_OPTIONS));
}
const compiled = new WeakMap<object, ValidateFunction>();
// The built-in schemas come compiled ahead (scripts/schemas.mjs), with the same options.
// scripts/schemas.mjs names a host's `skill.schema.json` of src/hosts/claude-code `skillClaudeCode`.
const precompiledByName = precompiled as unknown as Record<string, ValidateFunction | undefined>;
for (const host of HOSTS) {
  for (const [kind, schema] of Object.entries(host.frontmatterSchemas ?? {})) {
    const validate = precompiledByName[`${kind}.${host.id}`.replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase())];
    if (validate) compiled.set(schema, validate);
  }
}
compiled.set(solutionCurrent, precompiled.solutionCompoundEngineering as ValidateFunction);
compiled.set(solutionLegacy, precompiled.solutionCompoundEngineeringLegacy as ValidateFunction);

/** Compiles a schema once (throws when it is not a valid JSON Schema). */
function compile(schema: JsonObject): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = validatorFor(String(schema.$schema ?? "")).compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

export function compileSchema(source: KindSchema): void {
  compile(source.schema);
}

/** Plain data of the frontmatter: `{}` without one; undefined when its YAML is broken or not a mapping. */
export function frontmatterData(doc: Doc): JsonObject | undefined {
  const frontmatter = doc.frontmatter;
  if (!frontmatter) return {};
  const { yaml } = frontmatter;
  if (yaml.errors.length > 0) return undefined;
  if (yaml.contents === null) return {};
  if (!isMap(yaml.contents)) return undefined;
  try {
    return plain(yaml.toJS({ maxAliasCount: 100 })) as JsonObject;
  } catch {
    return undefined;
  }
}

/** YAML 1.1 timestamps arrive as Dates; a schema speaks of the text the author wrote. */
function plain(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

type Path = ReadonlyArray<string | number>;

function nodeAt(doc: Doc, path: Path): Node | undefined {
  const yaml = doc.frontmatter?.yaml;
  if (!yaml) return undefined;
  const node = path.length === 0 ? yaml.contents : yaml.getIn(path, true);
  return node && typeof node === "object" && "range" in node ? (node as Node) : undefined;
}

/** Offsets of the value at a path, or of the key `key` in the mapping at `path`. */
export function valueRange(doc: Doc, path: Path): [number, number] | undefined {
  const range = nodeAt(doc, path)?.range;
  const base = doc.frontmatter?.contentStart ?? 0;
  return range ? [base + range[0], base + Math.max(range[1], range[0] + 1)] : undefined;
}

/** Key ranges of each mapping by key, built once: a schema may report every one of 20,000 keys. */
const keyRanges = new WeakMap<YAMLMap, Map<string, [number, number]>>();

export function keyRange(doc: Doc, path: Path, key: string): [number, number] | undefined {
  const map = nodeAt(doc, path);
  if (!isMap(map)) return undefined;
  let ranges = keyRanges.get(map);
  if (!ranges) {
    ranges = new Map();
    for (const { key: itemKey } of map.items) {
      if (!isScalar(itemKey) || !itemKey.range || ranges.has(String(itemKey.value))) continue;
      ranges.set(String(itemKey.value), [itemKey.range[0], itemKey.range[1]]);
    }
    keyRanges.set(map, ranges);
  }
  const range = ranges.get(key);
  const base = doc.frontmatter?.contentStart ?? 0;
  return range ? [base + range[0], base + range[1]] : undefined;
}

/** GitHub Copilot's custom agents (`.github/agents/`, `*.agent.md`, chat modes): another host's format, not Claude Code's. */
export function isCopilotAgentFile(filePath: string): boolean {
  const normalized = filePath.split("\\").join("/");
  return /(?:^|\/)\.github\/(?:agents|chatmodes)\//.test(normalized) || /\.(?:agent|chatmode)\.md$/i.test(normalized);
}

/** Where a finding about the whole frontmatter goes: its opening fence, or the file's start. */
export function frontmatterStart(doc: Doc): [number, number] {
  return doc.frontmatter ? [0, 3] : [0, 0];
}

const normalize = (key: string): string => key.toLowerCase().replace(/[-_\s]/g, "");

/** A known key that `key` is plausibly a misspelling of: same letters apart from case and separators, or a typo. */
export function nearMiss(key: string, known: readonly string[], aliases: Readonly<Record<string, string>> = {}): string | undefined {
  if (aliases[key]) return aliases[key];
  if (known.length === 0) return undefined;
  const target = normalize(key);
  const same = known.find((candidate) => normalize(candidate) === target);
  if (same) return same;
  const best = closest(target, known.map(normalize));
  const limit = target.length >= 8 ? 2 : target.length >= 4 ? 1 : 0;
  return distance(target, best) <= limit ? known.find((candidate) => normalize(candidate) === best) : undefined;
}

function describeType(value: unknown): string {
  if (value === null) return "empty";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  if (typeof value === "string") return "text";
  if (typeof value === "boolean") return "true/false";
  return `a ${typeof value}`;
}

const TYPE_WORDS: Record<string, string> = {
  string: "text",
  boolean: "true or false",
  array: "a list",
  object: "a mapping",
  integer: "a whole number",
  number: "a number",
  null: "empty",
};

function pathText(path: Path): string {
  return path.map((segment, i) => (typeof segment === "number" ? `[${segment}]` : i === 0 ? segment : `.${segment}`)).join("");
}

function show(value: unknown): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function jsonPointer(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function getAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[segment];
  }
  return value;
}

function aliasesOf(schema: JsonObject): Record<string, string[]> {
  const aliases = schema["x-aliases"];
  if (!aliases || typeof aliases !== "object") return {};
  return Object.fromEntries(Object.entries(aliases).filter((entry): entry is [string, string[]] => Array.isArray(entry[1])));
}

function stringRecord(value: unknown): Record<string, string> {
  if (!value || typeof value !== "object") return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}

export interface SchemaFinding {
  message: string;
  start: number;
  end: number;
  severity?: "warn";
}

export interface CheckOptions {
  /** What the host is called in messages: "Claude Code", "the Agent Skills spec", "the schema in x.json". */
  host: string;
  /** Extra words for an unknown key, e.g. that another host reads it. */
  unknownKeyNote?: (key: string) => string | undefined;
}

/**
 * Validates a document's frontmatter against a schema. Keys left empty (`model:`) count as absent, as
 * hosts read them; a required one is then reported as empty rather than missing.
 */
export function checkFrontmatter(doc: Doc, source: KindSchema, options: CheckOptions): SchemaFinding[] {
  const data = frontmatterData(doc);
  if (!data) return [];
  const empty = new Set(Object.keys(data).filter((key) => data[key] === null));
  const present = Object.fromEntries(Object.entries(data).filter(([key]) => !empty.has(key)));
  const validate = compile(source.schema);
  validate(present);
  const findings: SchemaFinding[] = [];
  const seen = new Set<string>();
  const root = source.schema;
  const rootProperties = (root.properties ?? {}) as Record<string, JsonObject>;
  const skipped = (key: string | number | undefined): boolean => typeof key === "string" && typeof rootProperties[key]?.["x-rule"] === "string";

  // A required key written under another name is one problem, reported as the missing key; not also as an unknown one.
  const renamed = new Set(
    (validate.errors ?? []).flatMap((error) => {
      if (error.keyword !== "required" || error.instancePath !== "") return [];
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      return (aliasesOf(root)[missing] ?? []).filter((name) => name in present);
    }),
  );
  for (const error of validate.errors ?? []) {
    const path = jsonPointer(error.instancePath);
    if (skipped(path[0])) continue;
    if (error.keyword === "additionalProperties" && path.length === 0 && renamed.has(String((error.params as { additionalProperty: string }).additionalProperty))) continue;
    const finding = describeError(doc, error, path, present, empty, root, options);
    if (!finding) continue;
    if ((error.parentSchema as JsonObject | undefined)?.["x-severity"] === "warn") finding.severity = "warn";
    const key = `${finding.start}:${finding.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push(finding);
  }
  findings.push(...portabilityWarnings(doc, present, rootProperties));
  return findings.sort((a, b) => a.start - b.start);
}

function describeError(
  doc: Doc,
  error: ErrorObject,
  path: Path,
  data: JsonObject,
  empty: ReadonlySet<string>,
  root: JsonObject,
  options: CheckOptions,
): SchemaFinding | undefined {
  const parentSchema = (error.parentSchema ?? {}) as JsonObject;
  const value = getAt(data, path);
  const where = pathText(path);
  const at = (range: [number, number] | undefined): [number, number] => range ?? valueRange(doc, path) ?? frontmatterStart(doc);
  switch (error.keyword) {
    case "required": {
      const missing = String((error.params as { missingProperty: string }).missingProperty);
      const rootProperties = (root.properties ?? {}) as Record<string, JsonObject>;
      if (path.length === 0 && typeof rootProperties[missing]?.["x-rule"] === "string") return undefined;
      const note = typeof parentSchema["x-required-note"] === "string" ? `: ${parentSchema["x-required-note"]}` : "";
      const full = pathText([...path, missing]);
      if (path.length === 0 && empty.has(missing)) {
        const [start, end] = at(keyRange(doc, [], missing));
        return { message: `\`${full}\` is empty; ${options.host} requires a value${note}.`, start, end };
      }
      const alias = path.length === 0 ? (aliasesOf(root)[missing] ?? []).find((name) => name in data) : undefined;
      if (alias) {
        const [start, end] = at(keyRange(doc, [], alias));
        return { message: `Missing \`${missing}\` in frontmatter, which has \`${alias}\` instead; ${options.host} names it \`${missing}\`: rename the key${note}.`, start, end };
      }
      const [start, end] = path.length ? at(keyRange(doc, path.slice(0, -1), String(path[path.length - 1]))) : frontmatterStart(doc);
      return { message: `Missing \`${full}\` in frontmatter; ${options.host} requires it${note}.`, start, end };
    }
    case "additionalProperties": {
      const extra = String((error.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys((parentSchema.properties ?? {}) as JsonObject);
      const suggestion = nearMiss(extra, known, path.length === 0 ? stringRecord(root["x-did-you-mean"]) : {});
      const full = pathText([...path, extra]);
      const [start, end] = at(keyRange(doc, path, extra));
      if (suggestion) {
        return { message: `Unexpected key \`${full}\`, expected \`${pathText([...path, suggestion])}\`; ${options.host} ignores \`${extra}\`.`, start, end };
      }
      if (path.length === 0 && root["x-unknown-keys"] === "near-miss") return undefined;
      const note = options.unknownKeyNote?.(extra);
      const allowed = known.length ? `; ${options.host} allows only ${known.map((k) => `\`${k}\``).join(", ")}` : "";
      return { message: `Unexpected key \`${full}\`${note ? `: ${note}` : allowed}.`, start, end };
    }
    case "type": {
      const expected = String((error.params as { type: string }).type)
        .split(",")
        .map((t) => TYPE_WORDS[t] ?? t)
        .join(" or ");
      const hint = typeof parentSchema["x-hint"] === "string" ? ` (${parentSchema["x-hint"]})` : "";
      const quotedBoolean = typeof value === "string" && /^(?:true|false)$/i.test(value) && expected === "true or false";
      const [start, end] = at(undefined);
      return {
        message: quotedBoolean
          ? `\`${where}\` must be true or false, not the text "${value}"; write \`${where}: ${value.toLowerCase()}\` without quotes.`
          : `\`${where}\` must be ${expected}${hint}, not ${describeType(value)}.`,
        start,
        end,
      };
    }
    case "enum":
    case "const": {
      const allowed = error.keyword === "enum" ? ((error.params as { allowedValues: unknown[] }).allowedValues ?? []) : [(error.params as { allowedValue: unknown }).allowedValue];
      const words = allowed.map((v) => String(v));
      const guess = typeof value === "string" ? nearMiss(value, words) : undefined;
      const list = guess ? `\`${guess}\`` : words.length === 1 ? `\`${words[0]}\`` : `one of ${words.map((w) => `\`${w}\``).join(", ")}`;
      const single = typeof value === "string" && /,/.test(value) ? " (one value, not a list)" : "";
      const [start, end] = at(undefined);
      return { message: `Unexpected \`${where}: ${show(value)}\`, expected ${list}${single}.`, start, end };
    }
    case "pattern":
    case "format": {
      const hint = typeof parentSchema["x-hint"] === "string" ? parentSchema["x-hint"] : `text matching ${JSON.stringify(error.schema)}`;
      const [start, end] = at(undefined);
      return { message: `Unexpected \`${where}: ${show(value)}\`, expected ${hint}.`, start, end };
    }
    case "maxItems":
    case "minItems": {
      const limit = (error.params as { limit: number }).limit;
      const count = Array.isArray(value) ? value.length : 0;
      const [start, end] = at(undefined);
      const message =
        error.keyword === "maxItems"
          ? `\`${where}\` has ${count} items; ${options.host} allows at most ${limit}, so keep the ${limit} that matter most.`
          : `\`${where}\` has ${count} item${count === 1 ? "" : "s"}; ${options.host} requires at least ${limit}.`;
      return { message, start, end };
    }
    case "maxLength":
    case "minLength": {
      const limit = (error.params as { limit: number }).limit;
      const length = typeof value === "string" ? value.length : 0;
      const [start, end] = at(undefined);
      const message =
        error.keyword === "maxLength"
          ? `\`${where}\` is ${length} characters long; ${options.host} allows at most ${limit}.`
          : `\`${where}\` is empty; ${options.host} requires at least ${limit} character${limit === 1 ? "" : "s"}.`;
      return { message, start, end };
    }
    case "if":
    case "anyOf":
    case "oneOf":
      // The branch errors that follow say what is wrong; the summary would repeat them.
      return undefined;
    default: {
      const [start, end] = at(undefined);
      return { message: `\`${where || "frontmatter"}\` ${error.message ?? "is invalid"} (${options.host}).`, start, end };
    }
  }
}

/** Values the target accepts in a form another host rejects: warnings, with the property's note. */
function portabilityWarnings(doc: Doc, data: JsonObject, properties: Record<string, JsonObject>): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  for (const [key, property] of Object.entries(properties)) {
    const portable = property["x-portable"];
    if (!(key in data) || !portable || typeof portable !== "object") continue;
    if (compile(portable as JsonObject)(data[key])) continue;
    const [start, end] = valueRange(doc, [key]) ?? frontmatterStart(doc);
    findings.push({ message: `\`${key}\` ${String(property["x-portable-note"] ?? "is in a form other hosts reject")}.`, start, end, severity: "warn" });
  }
  return findings;
}

/** Known keys of a schema's top level. */
export function schemaKeys(source: KindSchema): string[] {
  return Object.keys((source.schema.properties ?? {}) as JsonObject);
}

/** The `x-category-folders` annotation: default docs/solutions folder of each problem_type. */
export function categoryFolders(source: KindSchema): Record<string, string> {
  return stringRecord(source.schema["x-category-folders"]);
}
