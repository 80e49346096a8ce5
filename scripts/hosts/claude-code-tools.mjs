/**
 * Claude Code's built-in tools, read from the packages it publishes on npm.
 *
 *   node scripts/hosts/claude-code-tools.mjs fetch      fill the cache (network; resumable)
 *   node scripts/hosts/claude-code-tools.mjs generate   write src/hosts/claude-code/tools.generated.json from the cache
 *   node scripts/hosts/claude-code-tools.mjs generate --out <file>
 *
 * Two files of each release say which tools it has:
 * - `sdk-tools.d.ts` in `@anthropic-ai/claude-code`: the JSON-schema-typed input of each tool (`AgentInput`,
 *   `BashInput`, ...), with a doc comment per parameter;
 * - the program: `cli.js` (or `cli.mjs`) in the same package, or, from the releases that ship a native build,
 *   the `claude` binary of `@anthropic-ai/claude-code-linux-x64`. It defines each tool (an object with a `name`
 *   and an `inputSchema`), holds from 2.1.51 on the table of former tool names it still accepts
 *   (`{Task:"Agent",KillShell:"TaskStop",...}`) and, in the newest releases, the list of built-in tool names
 *   just before that table.
 *
 * `fetch` does not read every release: it reads a spread (every SPREAD-th release and the newest), then
 * bisects between neighbours whose facts differ until every change lies between two consecutive releases.
 * A layer is bisected on its own: the SDK file on the main package (small for native releases), the program
 * on the package that holds it. The cache keeps only the small files: per release `main.json` (where the
 * files are), `sdk-tools.d.ts`, and `program.json` (the definitions, names list and aliases read from the program). It lives in
 * `$SKILL_LINT_HOSTS_CACHE/claude-code`, by default `~/.cache/skill-lint/hosts/claude-code`.
 *
 * `generate` reads the cache only. Every fact says where it was read: `npm:<package>@<version>/<path>`.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

const PACKAGE = "@anthropic-ai/claude-code";
/** The native build read for the program; every platform package of a release is built from the same source. */
const PLATFORM_PACKAGE = "@anthropic-ai/claude-code-linux-x64";
const SPREAD = 10;
const PARALLEL = 4;
const ROOT = path.resolve(import.meta.dirname, "../..");
const OUTPUT = path.join(ROOT, "src/hosts/claude-code/tools.generated.json");
/** Parameters are tracked (and bisected) for these inputs only: the ones the linter reasons about. */
const TRACKED_PARAMETERS = ["AgentInput", "BashInput"];
/** The input whose `run_in_background` doc comment says whether agents run in the background by default. */
const BACKGROUND_INPUT = "AgentInput";

/**
 * The tool each SDK input schema types, where the schema's name is not the tool's name minus `Input`.
 * `McpInput` types every MCP tool, not a built-in one. `AgentInput` is the Agent tool, called Task before the
 * rename the program's alias table records.
 */
const SCHEMA_TOOL = {
  FileEditInput: "Edit",
  FileMultiEditInput: "MultiEdit",
  FileReadInput: "Read",
  FileWriteInput: "Write",
  LsInput: "LS",
  ListMcpResourcesInput: "ListMcpResourcesTool",
  ReadMcpResourceInput: "ReadMcpResourceTool",
  ReadMcpResourceDirInput: "ReadMcpResourceDirTool",
  ProposeSkillsInput: "propose_skills",
  McpInput: null,
};

/**
 * Tools that only older programs define: no SDK file types them and no names list or alias table names them.
 */
const EXTRA_TOOLS = ["SlashCommand", "TeamCreate", "TeamDelete", "TodoRead"];

function schemaTool(schema) {
  return schema in SCHEMA_TOOL ? SCHEMA_TOOL[schema] : schema.replace(/Input$/, "");
}

export function cacheDir() {
  const base = process.env.SKILL_LINT_HOSTS_CACHE || path.join(os.homedir(), ".cache", "skill-lint", "hosts");
  return path.join(base, "claude-code");
}

export function compareVersions(a, b) {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

function readJson(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Writes through a temporary name, so an interrupted run never leaves half a file in the cache. */
function writeAtomic(file, text) {
  mkdirSync(path.dirname(file), { recursive: true });
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

// ---------------------------------------------------------------------------------------------------------
// Reading sdk-tools.d.ts

/** The input schema names of `export type ToolInputSchemas = | AInput | BInput ...;`. */
function inputSchemaNames(text) {
  const start = text.indexOf("export type ToolInputSchemas =");
  if (start < 0) return [];
  const end = text.indexOf(";", start);
  return [...text.slice(start, end).matchAll(/\|\s*(\w+)/g)].map((m) => m[1]).filter((name) => name !== "ToolOutputSchemas");
}

/** A doc comment's text, without the `*` gutter. */
function commentText(lines) {
  return lines
    .map((line) => line.replace(/^\s*\/?\*+\/?/, "").replace(/\*\/\s*$/, "").trim())
    .filter((line, i, all) => line !== "" || (i > 0 && i < all.length - 1))
    .join("\n")
    .trim();
}

/**
 * The top-level properties of `export interface <name> {`: name -> doc comment. json-schema-to-typescript
 * writes them two spaces in, each after its comment; nested object types sit deeper.
 */
function interfaceProperties(text, name) {
  const lines = text.split("\n");
  const start = lines.findIndex((line) => line.startsWith(`export interface ${name} {`));
  if (start < 0) return undefined;
  const properties = {};
  if (lines[start].trimEnd().endsWith("{}")) return properties;
  let comment = [];
  let inComment = false;
  for (let i = start + 1; i < lines.length && !lines[i].startsWith("}"); i++) {
    const line = lines[i];
    if (line.startsWith("  /**")) {
      comment = [line];
      inComment = !line.includes("*/");
      continue;
    }
    if (inComment) {
      comment.push(line);
      if (line.includes("*/")) inComment = false;
      continue;
    }
    const property = /^ {2}(\w+)\??:/.exec(line);
    if (property) {
      properties[property[1]] = commentText(comment);
      comment = [];
    } else if (!line.startsWith("   ")) {
      comment = [];
    }
  }
  return properties;
}

/** What one release's sdk-tools.d.ts says: its input schemas and the tracked parameters with their comments. */
function readSdk(text) {
  const schemas = inputSchemaNames(text).sort();
  const parameters = {};
  for (const schema of TRACKED_PARAMETERS) {
    const properties = schemas.includes(schema) ? interfaceProperties(text, schema) : undefined;
    if (properties) parameters[schema] = properties;
  }
  return { schemas, parameters };
}

function sdkSignature(sdk) {
  if (!sdk) return "none";
  const parameters = Object.fromEntries(Object.entries(sdk.parameters).map(([schema, props]) => [schema, Object.keys(props).sort()]));
  const background = sdk.parameters[BACKGROUND_INPUT]?.run_in_background ?? null;
  return JSON.stringify({ schemas: sdk.schemas, parameters, background });
}

// ---------------------------------------------------------------------------------------------------------
// Reading the program

const NAME = /^[A-Z_]\w*$/i;

/** The string values a minified top-level `ident="Value"` gives; one value when the name is unambiguous. */
function constantValues(buffer, ident) {
  const values = new Set();
  const needle = Buffer.from(`${ident}="`);
  for (let i = buffer.indexOf(needle); i >= 0; i = buffer.indexOf(needle, i + 1)) {
    const before = i > 0 ? String.fromCharCode(buffer[i - 1]) : "";
    if (/[\w$.]/.test(before)) continue;
    const end = buffer.indexOf(0x22, i + needle.length);
    if (end < 0 || end - i > 200) continue;
    const value = buffer.toString("latin1", i + needle.length, end);
    if (NAME.test(value)) values.add(value);
  }
  return [...values];
}

function resolveValue(buffer, token) {
  if (token.startsWith('"')) return token.slice(1, -1);
  const values = constantValues(buffer, token);
  return values.length === 1 ? values[0] : undefined;
}

/**
 * The program's table of former tool names: an object literal `{Task:<name>,KillShell:<name>,...}` whose
 * values are strings or minified constants. Returns the raw position too, so the names list before it can be read.
 */
function readAliasTable(buffer) {
  const needle = Buffer.from("{Task:");
  const entry = /([A-Z_]\w*):("[A-Z_]\w*"|[A-Z_$][\w$]*)([,}])/iy;
  for (let i = buffer.indexOf(needle); i >= 0; i = buffer.indexOf(needle, i + 1)) {
    const text = buffer.toString("latin1", i, i + 4000);
    entry.lastIndex = 1;
    const pairs = [];
    for (let m = entry.exec(text); m; m = entry.exec(text)) {
      pairs.push([m[1], m[2]]);
      if (m[3] === "}" || text.startsWith("...", entry.lastIndex)) break;
    }
    if (!pairs.some(([key]) => key === "KillShell")) continue;
    const aliases = {};
    for (const [from, token] of pairs) {
      const to = resolveValue(buffer, token);
      if (to === undefined) throw new Error(`cannot resolve the alias ${from}:${token} of the program's alias table`);
      aliases[from] = to;
    }
    return { at: i, aliases };
  }
  return undefined;
}

/** The array of built-in tool names written just before the alias table: `var x=["Agent",...],y={Task:...`. */
function readNameList(buffer, tableAt) {
  const head = buffer.toString("latin1", Math.max(0, tableAt - 8000), tableAt);
  const assignment = /\],[\w$]+=$/.exec(head);
  if (!assignment) return undefined;
  const open = head.lastIndexOf("[", assignment.index);
  const items = head.slice(open + 1, assignment.index).split(",");
  const names = items.map((item) => (/^"[A-Z_]\w*"$/i.test(item) ? item.slice(1, -1) : resolveValue(buffer, item)));
  if (names.some((name) => name === undefined) || names.length < 10) return undefined;
  return names;
}

const CHUNK = 32 * 1024 * 1024;
const MARGIN = 8192;

/** The program as latin1 text in overlapping pieces, so a binary of any size is read without one huge string. */
function* pieces(buffer) {
  for (let start = 0; start < buffer.length; start += CHUNK) {
    const from = Math.max(0, start - MARGIN);
    yield { from, start, end: Math.min(buffer.length, start + CHUNK), text: buffer.toString("latin1", from, Math.min(buffer.length, start + CHUNK + MARGIN)) };
  }
}

/** Properties only a tool definition has, looked for around its `name:`. */
const TOOL_PROPERTY = /inputSchema|userFacingName|maxResultSizeChars|checkPermissions|isReadOnly/;
const NAME_PROPERTY = /[{,]name:([A-Za-z_$][\w$]*|"[A-Za-z_]\w*")[,}]/g;
const STRING_CONSTANT = /(?<![\w$.])([A-Z_$][\w$]*)="([A-Z_]\w*)"/gi;

/**
 * The names the program gives tool definitions: objects with a `name:` beside tool properties
 * (`inputSchema`, `userFacingName`, ...). A name is written inline or as a minified constant; a native
 * build bundles several chunks that reuse constant names, so every value of such a constant is kept, and
 * the caller keeps only names it knows as tools from elsewhere.
 */
export function readDefinitions(buffer) {
  const tokens = new Set();
  for (const { from, start, end, text } of pieces(buffer)) {
    for (const m of text.matchAll(NAME_PROPERTY)) {
      const at = from + m.index;
      if (at < start || at >= end) continue;
      if (TOOL_PROPERTY.test(text.slice(Math.max(0, m.index - 1500), m.index + 3000))) tokens.add(m[1]);
    }
  }
  const names = new Set([...tokens].filter((t) => t.startsWith('"')).map((t) => t.slice(1, -1)));
  for (const { from, start, end, text } of pieces(buffer)) {
    for (const m of text.matchAll(STRING_CONSTANT)) {
      const at = from + m.index;
      if (at >= start && at < end && tokens.has(m[1])) names.add(m[2]);
    }
  }
  return [...names].sort();
}

/** How the program is read; a cached program.json read another way is read again. */
const PROGRAM_READER = 2;

function readProgram(file) {
  const buffer = readFileSync(file);
  const table = readAliasTable(buffer);
  return {
    names: table ? (readNameList(buffer, table.at) ?? null) : null,
    aliases: table ? table.aliases : null,
    definitions: readDefinitions(buffer),
  };
}

/** What the bisect compares: the names list, the alias table, and the definitions of names known as tools. */
function programSignature(program, candidates) {
  if (!program) return "none";
  return JSON.stringify({
    names: program.names ? [...program.names].sort() : null,
    aliases: program.aliases,
    definitions: program.definitions.filter((name) => candidates.has(name)),
  });
}

// ---------------------------------------------------------------------------------------------------------
// Fetching

const stats = { tarballs: 0, bytes: 0 };

function registry() {
  const configured = execFileSync("npm", ["config", "get", "registry"], { encoding: "utf8" }).trim();
  return configured.endsWith("/") ? configured : `${configured}/`;
}

function tarballUrl(base, pkg, version) {
  const unscoped = pkg.split("/").pop();
  return `${base}${pkg}/-/${unscoped}-${version}.tgz`;
}

async function download(url, file) {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new Error(`${url}: HTTP ${response.status}`);
  await pipeline(Readable.fromWeb(response.body), createWriteStream(file));
  const size = statSync(file).size;
  stats.tarballs++;
  stats.bytes += size;
  console.log(`downloaded ${url.slice(url.lastIndexOf("/") + 1)} (${(size / 1e6).toFixed(1)} MB)`);
}

function tarList(tarball) {
  return execFileSync("tar", ["-tzf", tarball], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).split("\n").filter(Boolean);
}

function tarExtract(tarball, dir, members) {
  execFileSync("tar", ["-xzf", tarball, "-C", dir, ...members]);
}

/** With a fresh temporary folder, removed afterwards whatever happens. */
async function withTemp(work) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "claude-code-tools-"));
  try {
    return await work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function versionDir(version) {
  return path.join(cacheDir(), version);
}

function readMain(version) {
  const file = path.join(versionDir(version), "main.json");
  return existsSync(file) ? readJson(file) : undefined;
}

function readCachedProgram(version) {
  const file = path.join(versionDir(version), "program.json");
  if (!existsSync(file)) return undefined;
  const program = readJson(file);
  return program.reader === PROGRAM_READER ? program : undefined;
}

function readCachedSdk(version) {
  const main = readMain(version);
  if (!main) return undefined;
  return main.sdk ? readSdk(readFileSync(path.join(versionDir(version), "sdk-tools.d.ts"), "utf8")) : null;
}

function writeProgram(version, program, file) {
  const read = file ? readProgram(file) : { names: null, aliases: null, definitions: [] };
  const record = { reader: PROGRAM_READER, package: program.package, file: program.file, ...read };
  writeAtomic(path.join(versionDir(version), "program.json"), `${JSON.stringify(record, null, 2)}\n`);
}

/** The main package's bin: the JS program itself, or in native releases a stub the install script replaces. */
function mainProgram(files, manifest, dir) {
  const bin = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.claude;
  const binPath = bin ? `package/${bin.replace(/^\.\//, "")}` : undefined;
  if (binPath && files.includes(binPath)) {
    tarExtract(`${dir}/main.tgz`, dir, [binPath]);
    if (statSync(path.join(dir, binPath)).size > 1e6) return { package: PACKAGE, file: binPath };
  }
  if (manifest.optionalDependencies?.[PLATFORM_PACKAGE]) return { package: PLATFORM_PACKAGE, file: null };
  return null;
}

/**
 * Reads the main package of a release: where its SDK file and program are, and the program too when it is
 * in this package.
 */
async function examineMain(base, version) {
  const known = readMain(version);
  const programInMain = known?.program?.package === PACKAGE;
  if (known && (!programInMain || readCachedProgram(version))) return;
  await withTemp(async (dir) => {
    const tarball = path.join(dir, "main.tgz");
    await download(tarballUrl(base, PACKAGE, version), tarball);
    const files = tarList(tarball);
    const sdk = files.filter((f) => path.posix.basename(f) === "sdk-tools.d.ts").sort((x, y) => x.length - y.length)[0] ?? null;
    tarExtract(tarball, dir, ["package/package.json", ...(sdk ? [sdk] : [])]);
    const program = mainProgram(files, readJson(path.join(dir, "package/package.json")), dir);
    if (program?.package === PACKAGE) writeProgram(version, program, path.join(dir, program.file));
    if (!program) writeProgram(version, { package: null, file: null }, undefined);
    if (sdk) writeAtomic(path.join(versionDir(version), "sdk-tools.d.ts"), readFileSync(path.join(dir, sdk), "utf8"));
    writeAtomic(path.join(versionDir(version), "main.json"), `${JSON.stringify({ version, sdk, program }, null, 2)}\n`);
  });
}

/** Reads the program of a release, from the platform package when the main package holds only a stub. */
async function examineProgram(base, version) {
  if (readCachedProgram(version)) return;
  await examineMain(base, version);
  const main = readMain(version);
  if (readCachedProgram(version)) return;
  await withTemp(async (dir) => {
    const tarball = path.join(dir, "program.tgz");
    await download(tarballUrl(base, main.program.package, version), tarball);
    const files = tarList(tarball);
    const binary = files.find((f) => /^package\/claude(?:\.exe)?$/.test(f)) ?? files.find((f) => f.startsWith("package/bin/claude"));
    if (!binary) throw new Error(`${main.program.package}@${version}: no claude binary in ${files.join(", ")}`);
    tarExtract(tarball, dir, [binary]);
    writeProgram(version, { package: main.program.package, file: binary }, path.join(dir, binary));
  });
}

/**
 * Names known as tools from other evidence than a definition: the SDK file's inputs, the program's names
 * lists and alias tables, and EXTRA_TOOLS. A definition of any other name is not taken as a built-in tool.
 */
function toolCandidates(versions) {
  const names = new Set(EXTRA_TOOLS);
  for (const version of versions) {
    for (const schema of readCachedSdk(version)?.schemas ?? []) {
      const name = schemaTool(schema);
      if (name) names.add(name);
    }
    const program = readCachedProgram(version);
    for (const name of program?.names ?? []) names.add(name);
    for (const [from, to] of Object.entries(program?.aliases ?? {})) names.add(from).add(to);
  }
  return names;
}

async function inParallel(items, work) {
  const queue = [...items];
  const workers = Array.from({ length: Math.min(PARALLEL, queue.length) }, async () => {
    while (queue.length) await work(queue.shift());
  });
  await Promise.all(workers);
}

/**
 * Bisects one layer: `signature(v)` is undefined for a release not read yet. Reads the spread, then the
 * middle of every pair of read neighbours that differ, until each such pair is consecutive.
 */
async function bisect(versions, label, signature, examine) {
  const spread = versions.filter((_, i) => i % SPREAD === 0 || i === versions.length - 1);
  const initial = toolCandidates(versions);
  await inParallel(spread.filter((v) => signature(v, initial) === undefined), examine);
  for (let round = 1; ; round++) {
    const candidates = toolCandidates(versions);
    const read = versions.map((v, i) => ({ v, i, s: signature(v, candidates) })).filter((x) => x.s !== undefined);
    const next = [];
    for (let k = 1; k < read.length; k++) {
      const [a, b] = [read[k - 1], read[k]];
      if (a.s !== b.s && b.i - a.i > 1) next.push(versions[Math.floor((a.i + b.i) / 2)]);
    }
    if (next.length === 0) break;
    console.log(`${label}: bisect round ${round}, ${next.length} release(s): ${next.join(" ")}`);
    await inParallel(next, examine);
  }
}

async function fetchAll() {
  const versions = JSON.parse(execFileSync("npm", ["view", PACKAGE, "versions", "--json"], { encoding: "utf8" })).sort(compareVersions);
  writeAtomic(path.join(cacheDir(), "versions.json"), `${JSON.stringify(versions, null, 2)}\n`);
  console.log(`${PACKAGE}: ${versions.length} releases on npm, newest ${versions.at(-1)}; cache ${cacheDir()}`);
  const base = registry();
  const sdkSig = (v) => {
    const sdk = readCachedSdk(v);
    return sdk === undefined ? undefined : sdkSignature(sdk);
  };
  const programSig = (v, candidates) => {
    const program = readCachedProgram(v);
    return program === undefined ? undefined : programSignature(program, candidates);
  };
  await bisect(versions, "sdk-tools.d.ts", sdkSig, (v) => examineMain(base, v));
  await bisect(versions, "program", programSig, (v) => examineProgram(base, v));
  const examined = versions.filter((v) => readMain(v)).length;
  console.log(`${examined} of ${versions.length} releases read; this run downloaded ${stats.tarballs} tarball(s), ${(stats.bytes / 1e6).toFixed(1)} MB`);
}

// ---------------------------------------------------------------------------------------------------------
// Generating

function source(pkg, version, file) {
  return `npm:${pkg}@${version}/${file.replace(/^package\//, "")}`;
}

/**
 * Turns per-release observations into ranges. `observe(v)` gives undefined for a release not read, or a
 * Map of fact key -> value (and `null` when the layer's file is absent in that release). A range starts at
 * `since` when the read release before it lacks the fact, or at `firstSeen` when it is the first release
 * that has the file at all; `after` marks a start whose previous release was not read.
 */
function ranges(versions, observe) {
  const result = new Map();
  const open = new Map();
  let previous;
  let previousIndex = -1;
  let seenFile = false;
  versions.forEach((version, index) => {
    const facts = observe(version);
    if (facts === undefined) return;
    const exact = previousIndex === index - 1;
    for (const [key, range] of open) {
      if (facts !== null && !facts.has(key)) {
        range.until = version;
        if (!exact) range.untilAfter = previous;
        open.delete(key);
      }
    }
    if (facts !== null) {
      for (const [key, value] of facts) {
        const current = open.get(key);
        if (current && current.value === value) continue;
        if (current) {
          current.until = version;
          if (!exact) current.untilAfter = previous;
        }
        const range = seenFile ? { since: version, ...(exact ? {} : { after: previous }) } : { firstSeen: version };
        range.value = value;
        open.set(key, range);
        if (!result.has(key)) result.set(key, []);
        result.get(key).push(range);
      }
      seenFile = true;
    }
    previous = version;
    previousIndex = index;
  });
  return result;
}

/** One range as written out: the bounds, then where each bound was read. */
function rangeFact(range, sourceOf) {
  return {
    ...(range.firstSeen ? { firstSeen: range.firstSeen } : { since: range.since }),
    ...(range.after ? { after: range.after } : {}),
    ...(range.until ? { until: range.until } : {}),
    ...(range.untilAfter ? { untilAfter: range.untilAfter } : {}),
    source: sourceOf(range.firstSeen ?? range.since),
    ...(range.until ? { untilSource: sourceOf(range.until) } : {}),
  };
}

function sortKeys(value) {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys(value[k])]),
    );
  }
  return value;
}

export function generate() {
  const dir = cacheDir();
  if (!existsSync(path.join(dir, "versions.json"))) throw new Error(`no cache at ${dir}: run \`npm run hosts:claude-code -- fetch\` first`);
  const versions = readJson(path.join(dir, "versions.json")).sort(compareVersions);
  const mains = new Map(versions.map((v) => [v, readMain(v)]));
  const sdks = new Map(versions.map((v) => [v, readCachedSdk(v)]));
  const programs = new Map(versions.map((v) => [v, readCachedProgram(v)]));
  const sdkSource = (v) => source(PACKAGE, v, mains.get(v).sdk);
  const programSource = (v) => {
    const program = programs.get(v);
    return source(program.package, v, program.file);
  };

  // SDK: input schemas, the tracked parameters, the background wording.
  const schemaRanges = ranges(versions, (v) => {
    const sdk = sdks.get(v);
    return sdk === undefined ? undefined : sdk === null ? null : new Map(sdk.schemas.map((s) => [s, true]));
  });
  const parameterRanges = ranges(versions, (v) => {
    const sdk = sdks.get(v);
    if (sdk === undefined) return undefined;
    if (sdk === null) return null;
    return new Map(Object.entries(sdk.parameters).flatMap(([schema, props]) => Object.keys(props).map((p) => [`${schema}.${p}`, true])));
  });
  const backgroundRanges = ranges(versions, (v) => {
    const sdk = sdks.get(v);
    if (sdk === undefined) return undefined;
    if (sdk === null) return null;
    const text = sdk.parameters[BACKGROUND_INPUT]?.run_in_background;
    return new Map(text === undefined ? [] : [["text", text]]);
  });

  const tools = {};
  const toolEntry = (name) => (tools[name] ??= {});
  for (const [schema, list] of schemaRanges) {
    const name = schemaTool(schema);
    if (name === null) continue;
    const sdk = { schema, ranges: list.map((r) => rangeFact(r, sdkSource)) };
    const tracked = [...parameterRanges].filter(([key]) => key.startsWith(`${schema}.`));
    if (tracked.length) {
      sdk.parameters = Object.fromEntries(tracked.map(([key, params]) => [key.slice(schema.length + 1), params.map((r) => rangeFact(r, sdkSource))]));
    }
    toolEntry(name).sdk = sdk;
  }

  // Program: the built-in names list and the alias table.
  const nameRanges = ranges(versions, (v) => {
    const program = programs.get(v);
    if (program === undefined) return undefined;
    return program.names ? new Map(program.names.map((n) => [n, true])) : null;
  });
  for (const [name, list] of nameRanges) toolEntry(name).program = list.map((r) => rangeFact(r, programSource));
  const candidates = toolCandidates(versions);
  const definedRanges = ranges(versions, (v) => {
    const program = programs.get(v);
    if (program === undefined) return undefined;
    return program.package ? new Map(program.definitions.filter((n) => candidates.has(n)).map((n) => [n, true])) : null;
  });
  for (const [name, list] of definedRanges) toolEntry(name).defined = list.map((r) => rangeFact(r, programSource));
  const aliasRanges = ranges(versions, (v) => {
    const program = programs.get(v);
    if (program === undefined) return undefined;
    if (!program.aliases) return null;
    return new Map(Object.entries(program.aliases).filter(([from, to]) => from !== to).map(([from, to]) => [from, to]));
  });
  const aliases = {};
  for (const [from, list] of aliasRanges) aliases[from] = list.map((r) => ({ to: r.value, ...rangeFact(r, programSource) }));

  const firstWith = (predicate) => versions.find(predicate);
  const sdkFrom = firstWith((v) => sdks.get(v));
  const listFrom = firstWith((v) => programs.get(v)?.names);
  const tableFrom = firstWith((v) => programs.get(v)?.aliases);
  const background = (backgroundRanges.get("text") ?? []).map((r) => ({
    default: /background by default/i.test(r.value) ? "background" : "foreground",
    text: r.value,
    ...rangeFact(r, sdkSource),
  }));

  const data = {
    package: PACKAGE,
    newest: versions.at(-1),
    oldest: versions[0],
    releases: versions.length,
    read: { sdk: versions.filter((v) => sdks.get(v) !== undefined).length, program: versions.filter((v) => programs.get(v) !== undefined).length },
    sdk: sdkFrom ? { firstSeen: sdkFrom, source: sdkSource(sdkFrom), trackedParameters: TRACKED_PARAMETERS } : null,
    programNames: listFrom ? { firstSeen: listFrom, source: programSource(listFrom) } : null,
    programAliases: tableFrom ? { firstSeen: tableFrom, source: programSource(tableFrom) } : null,
    tools,
    aliases,
    agentBackground: background,
  };
  const inexact = JSON.stringify(data).match(/"(?:after|untilAfter)"/g)?.length ?? 0;
  if (inexact) console.error(`${inexact} change(s) lie between releases not both read; run fetch to bisect them`);
  return `${JSON.stringify(sortKeys(data), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------------

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (command === "fetch") {
    await fetchAll();
  } else if (command === "generate") {
    const outIndex = args.indexOf("--out");
    const out = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : OUTPUT;
    const text = generate();
    writeAtomic(out, text);
    console.log(`wrote ${path.relative(process.cwd(), out) || out} (${createHash("sha256").update(text).digest("hex").slice(0, 12)})`);
  } else {
    console.error("usage: claude-code-tools.mjs fetch | generate [--out <file>]");
    process.exitCode = 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === import.meta.filename) await main();
