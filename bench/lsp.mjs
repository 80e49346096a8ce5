#!/usr/bin/env node
// The language server's keystroke latency: `npm run bench:lsp -- [CORPUS]` (or SKILL_LINT_CORPUS). It opens the
// corpus folder as one workspace, opens a typical skill in it (the one of median size), and times each didChange
// until its publishDiagnostics, with the project index already built. Debounce is set to 0 so the figure is the
// server's own work, not the wait an editor adds. Target: under 50 ms per change.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from "vscode-jsonrpc/node";

const TARGET_MS = 50;
const CHANGES = 60;
// --json: one line of JSON (for bench/run.mjs, which puts the figures in its table).
const json = process.argv.includes("--json");
const corpus = process.argv.slice(2).find((arg) => arg !== "--json") ?? process.env.SKILL_LINT_CORPUS;
if (!corpus) {
  console.log("bench:lsp needs a corpus of docs: pass its folder, or set SKILL_LINT_CORPUS (e.g. ../shared/corpus). Nothing measured.");
  process.exit(0);
}
const root = path.resolve(corpus);
const CLI = path.resolve(import.meta.dirname, "../dist/bundle/cli.js");

function markdownUnder(dir, found = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) markdownUnder(full, found);
    else if (entry.name.endsWith(".md")) found.push(full);
  }
  return found;
}

const docs = markdownUnder(root);
const skills = docs.filter((file) => path.basename(file) === "SKILL.md").sort((a, b) => statSync(a).size - statSync(b).size);
const skill = skills[Math.floor(skills.length / 2)];
const text = readFileSync(skill, "utf8");
const uri = pathToFileURL(skill).href;

const child = spawn(process.execPath, [CLI, "--lsp"], { stdio: ["pipe", "pipe", "inherit"] });
const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
connection.onNotification("textDocument/publishDiagnostics", (params) => {
  if (params.uri !== uri) return;
  waiting.get(params.version)?.(params);
  waiting.delete(params.version);
});
connection.listen();
const published = (version) => new Promise((resolve) => waiting.set(version, resolve));

await connection.sendRequest("initialize", {
  processId: process.pid,
  rootUri: pathToFileURL(root).href,
  workspaceFolders: [{ uri: pathToFileURL(root).href, name: "corpus" }],
  capabilities: {},
  initializationOptions: { debounce: 0 },
});
connection.sendNotification("initialized", {});

let started = performance.now();
let next = published(1);
connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "markdown", version: 1, text } });
const first = await next;
const openMs = performance.now() - started;

let version = 1;
/** Times each change, from didChange to the publishDiagnostics of its version; the first few warm up. */
async function time(edits) {
  const times = [];
  for (const changed of edits) {
    version++;
    next = published(version);
    started = performance.now();
    connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text: changed }] });
    await next;
    times.push(performance.now() - started);
  }
  const sorted = times.slice(5).sort((a, b) => a - b);
  return { count: sorted.length, median: sorted[Math.floor(sorted.length / 2)], p95: sorted[Math.floor(sorted.length * 0.95)] };
}
const alternate = (a, b) => Array.from({ length: CHANGES }, (_, i) => (i % 2 ? a : b));
// A keystroke at the end of the body: a letter typed, then taken back.
const body = await time(alternate(text, `${text}\nx`));
// A keystroke in the frontmatter `name`: the project's index changes with it.
const renamed = text.replace(/^name:[ \t]*(\S.*)$/m, (line) => `${line}x`);
const name = renamed === text ? undefined : await time(alternate(text, renamed));
await connection.sendRequest("shutdown");
connection.sendNotification("exit");

if (json) {
  console.log(JSON.stringify({ docs: docs.length, skill: path.relative(root, skill), openMs, body, name }));
  process.exit(0);
}
const show = ({ count, median, p95 }) => `median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms over ${count} changes`;
console.log(`project: ${docs.length} docs under ${root}`);
console.log(`skill: ${path.relative(root, skill)} (${text.length} characters, ${first.diagnostics.length} findings)`);
console.log(`didOpen -> publishDiagnostics, index built on the way: ${openMs.toFixed(0)} ms`);
console.log(`didChange in the body -> publishDiagnostics: ${show(body)} (target ${TARGET_MS} ms)`);
if (name) console.log(`didChange in the frontmatter name -> publishDiagnostics: ${show(name)}`);
process.exitCode = body.median > TARGET_MS ? 1 : 0;
