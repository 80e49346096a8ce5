/**
 * A project whose solution docs keep a schema of their own. The compound-engineering schema is known by
 * `problem_type`; a project most of whose docs have none, and share keys the schema does not know, writes to its
 * own schema (`track`, `components`, no `module`), and a doc of it that carries a `problem_type` is one of the
 * project's docs all the same. Checked
 * against the compound-engineering schema, each such doc would be told, doc by doc, to break the project's
 * convention. So the schema is fitted to the project: a key is required only when most of the project's docs have
 * it, a key's vocabulary or pattern holds only when most docs that have the key keep to it, and no list is capped;
 * otherwise the key keeps its shape alone (one word, a list), which no schema writes otherwise.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import type { KindSchema } from "./types.js";

type JsonObject = Record<string, unknown>;

/** Below this many docs with frontmatter, the docs say too little about a schema of the project's own. */
const MIN_DOCS = 4;
const FRONTMATTER = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/;

interface Folder {
  /** The frontmatter of each doc in the folder (recursively) that has one. */
  docs: JsonObject[];
}

const folders = new Map<string, Folder>();

/** The `docs/solutions` folder a solution doc lies in, if it does. */
export function solutionsFolderOf(file: string): string | undefined {
  const parts = path.resolve(file).split(path.sep);
  for (let i = parts.length - 2; i > 0; i--) {
    if (parts[i] === "solutions" && parts[i - 1] === "docs") return parts.slice(0, i + 1).join(path.sep);
  }
  return undefined;
}

function readFolder(folder: string): Folder {
  let found = folders.get(folder);
  if (found) return found;
  const docs: JsonObject[] = [];
  const walk = (dir: string): void => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && /\.md$/i.test(entry.name)) {
        const match = FRONTMATTER.exec(readFileSync(full, "utf8"));
        if (!match) continue;
        try {
          const data: unknown = parse(match[1]!);
          if (data && typeof data === "object" && !Array.isArray(data)) docs.push(data as JsonObject);
        } catch {
          // a doc whose YAML is broken says nothing of the schema; frontmatter-yaml reports it
        }
      }
    }
  };
  walk(folder);
  folders.set(folder, (found = { docs }));
  return found;
}

/** Whether a value keeps to the constraints the schemas use: enum, type, pattern, maxItems, items. */
function keepsTo(schema: JsonObject, value: unknown): boolean {
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return false;
  if (schema.type === "string" && typeof value !== "string") return false;
  if (typeof schema.pattern === "string" && typeof value === "string" && !new RegExp(schema.pattern).test(value)) return false;
  if (schema.type === "array") {
    if (!Array.isArray(value)) return false;
    if (typeof schema.maxItems === "number" && value.length > schema.maxItems) return false;
    const items = schema.items as JsonObject | undefined;
    if (items && !value.every((item) => keepsTo(items, item))) return false;
  }
  return true;
}

/** The shape of a key alone: one word for a vocabulary, a list of words for a list. */
function shapeOf(schema: JsonObject): JsonObject {
  if (Array.isArray(schema.enum)) return schema.enum.every((value) => typeof value === "string") ? { type: "string" } : {};
  if (schema.type === "array") {
    const items = schema.items as JsonObject | undefined;
    return { type: "array", ...(items ? { items: shapeOf(items) } : {}) };
  }
  return typeof schema.type === "string" ? { type: schema.type } : {};
}

interface Fitted {
  schema: KindSchema;
  /** The keys the project's docs share that the schema does not know. */
  ownKeys: string[];
}

const fitted = new WeakMap<KindSchema, Map<string, Fitted | null>>();

/**
 * The schema fitted to the project's docs/solutions folder, when most of its docs have no `problem_type` and share
 * keys of their own, and this doc (`data`, its frontmatter) is one of them. Undefined when the doc follows the given
 * schema.
 */
export function houseSchema(source: KindSchema, file: string, data: JsonObject): KindSchema | undefined {
  const folder = solutionsFolderOf(file);
  if (!folder) return undefined;
  let byFolder = fitted.get(source);
  if (!byFolder) fitted.set(source, (byFolder = new Map()));
  let house = byFolder.get(folder);
  if (house === undefined) byFolder.set(folder, (house = fit(source, readFolder(folder).docs) ?? null));
  // The doc is one of the project's own when it has most of their keys; one written to the schema beside them
  // (a pattern library next to a few compound-engineering docs) is held to the schema.
  if (!house || house.ownKeys.filter((key) => key in data).length * 2 <= house.ownKeys.length) return undefined;
  return house.schema;
}

function fit(source: KindSchema, docs: JsonObject[]): Fitted | undefined {
  const withType = docs.filter((doc) => "problem_type" in doc).length;
  if (docs.length < MIN_DOCS || withType * 2 >= docs.length) return undefined;
  const most = (count: number, of: number): boolean => count * 2 > of;
  const has = (key: string): number => docs.filter((doc) => key in doc && doc[key] !== null).length;
  const root = source.schema as JsonObject;
  // A schema of the project's own has keys of its own that most docs share (`track`, `components`); docs that
  // share only a title and tags are notes and patterns beside the solution docs, not another schema.
  const known = new Set(Object.keys((root.properties ?? {}) as JsonObject));
  const counts = new Map<string, number>();
  for (const doc of docs) for (const key of Object.keys(doc)) counts.set(key, (counts.get(key) ?? 0) + 1);
  const ownKeys = [...counts].filter(([key, count]) => !known.has(key) && most(count, docs.length)).map(([key]) => key);
  if (!ownKeys.length) return undefined;
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries((root.properties ?? {}) as Record<string, JsonObject>)) {
    const having = docs.filter((doc) => key in doc && doc[key] !== null);
    // A cap (`maxItems`) is the schema's own taste: most docs under it have not taken it up, only stayed short.
    const uncapped = uncap(value);
    properties[key] = having.length && !most(having.filter((doc) => keepsTo(uncapped, doc[key])).length, having.length) ? { ...shapeOf(value), ...xKeys(value) } : uncapped;
  }
  // The project's own keys are known keys: not near misses of the schema's.
  for (const key of ownKeys) properties[key] = {};
  const required = ((root.required ?? []) as string[]).filter((key) => most(has(key), docs.length));
  // Its own id would clash with the built-in schema's, compiled beside it.
  const schema: JsonObject = { ...root, properties, required };
  delete schema.$id;
  const then = root.then as JsonObject | undefined;
  if (then) schema.then = { ...then, required: ((then.required ?? []) as string[]).filter((key) => most(has(key), docs.length)) };
  return { schema: { file: source.file, schema }, ownKeys };
}

function uncap(schema: JsonObject): JsonObject {
  if (!("maxItems" in schema)) return schema;
  const copy = { ...schema };
  delete copy.maxItems;
  return copy;
}

/** The `x-` annotations of a property (`x-severity`, `x-rule`), which say how its findings are reported. */
function xKeys(schema: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => key.startsWith("x-")));
}
