#!/usr/bin/env node
// skill-lint's benchmark: `npm run bench -- [corpus] [--runs N] [--out FILE]`.
// The corpus comes from the argument or SKILL_LINT_BENCH_CORPUS; without one, a corpus is generated
// from the fixtures. Tasks run interleaved, each as its own process under /usr/bin/time, and the table
// shows medians of wall time and peak RSS, then the ratios the targets are stated in.
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const root = path.resolve(import.meta.dirname, "..");
const cli = path.join(root, "dist/bundle/cli.js");
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    runs: { type: "string", default: "3" },
    out: { type: "string", default: "bench-result.json" },
    copies: { type: "string", default: "1" },
    // Only the tasks whose name holds this text (and node -e 0), e.g. --only "one file".
    only: { type: "string" },
  },
});
const runs = Math.max(3, Number(values.runs));
const work = mkdtempSync(path.join(tmpdir(), "skill-lint-bench-"));

function markdownFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === "node_modules" || name === ".git") return [];
    if (statSync(full).isDirectory()) return markdownFiles(full);
    // The files skill-lint itself lints: it skips CHANGELOG* and LICENSE*.
    return /\.md$/i.test(name) && !/^(?:changelog|license)(?:\.|$)/i.test(name) ? [full] : [];
  });
}

let corpus = positionals[0] ?? process.env.SKILL_LINT_BENCH_CORPUS;
if (corpus && !existsSync(corpus)) {
  console.error(`bench: corpus ${corpus} does not exist`);
  process.exit(2);
}
if (!corpus) {
  corpus = path.join(work, "generated");
  const fixtures = path.join(root, "fixtures");
  for (let copy = 0; copy < 100; copy++) cpSync(fixtures, path.join(corpus, `copy${copy}`), { recursive: true });
  console.log(`bench: no corpus given (argument or SKILL_LINT_BENCH_CORPUS); generated one from 100 copies of fixtures/`);
}
const copies = Math.max(1, Number(values.copies));
if (copies > 1) {
  const multiplied = path.join(work, "copies");
  for (let copy = 0; copy < copies; copy++) cpSync(corpus, path.join(multiplied, `copy${copy}`), { recursive: true });
  corpus = multiplied;
}
corpus = path.resolve(corpus);
// A pre-commit hook lints a staged file of a git repository: the one-file rows run in one. A corpus the bench made
// (generated or copied) is made a repository; one given as it is is used as a repository only if it is one.
const git = (...args) => spawnSync("git", args, { cwd: corpus, stdio: "ignore", env: { ...process.env, GIT_AUTHOR_NAME: "bench", GIT_AUTHOR_EMAIL: "bench@example.com", GIT_COMMITTER_NAME: "bench", GIT_COMMITTER_EMAIL: "bench@example.com" } });
const madeHere = corpus.startsWith(work + path.sep);
const inRepository = madeHere ? git("init", "-q").status === 0 && git("add", "-A").status === 0 && git("commit", "-qm", "corpus").status === 0 : git("rev-parse", "--is-inside-work-tree").status === 0;
const files = markdownFiles(corpus).sort();
const listFile = path.join(work, "files.txt");
writeFileSync(listFile, files.join("\n"));
const bytes = files.reduce((sum, file) => sum + statSync(file).size, 0);
const oneFile = files.find((file) => /SKILL\.md$/i.test(file)) ?? files[0];
const cacheDir = path.join(work, "cache");
const oneFileCache = path.join(work, "one-file-cache");
const markdownlint = path.join(root, "node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs");
console.log(`bench: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB in ${corpus}; ${runs} runs each\n`);

const node = process.execPath;
const otherThreads = availableParallelism() >= 3 ? 1 : 2;
const allTasks = [
  // The floor a one-file run is measured against: starting node itself.
  { name: "node -e 0", command: [node, "-e", "0"] },
  { name: "read only", command: [node, path.join(root, "bench/tasks.mjs"), "read", listFile] },
  { name: "parse floor (mdast + frontmatter + GFM)", command: [node, path.join(root, "bench/tasks.mjs"), "parse", listFile] },
  { name: "skill-lint cold", command: [node, cli, corpus, "-f", "json", "-o", path.join(work, "cold.json")] },
  // The default thread count depends on the cores (one on two); the other setting, for comparison.
  { name: `skill-lint cold, --threads ${otherThreads}`, command: [node, cli, corpus, "-f", "json", "--threads", String(otherThreads), "-o", path.join(work, "other.json")] },
  { name: "skill-lint warm cache", command: [node, cli, corpus, "-f", "json", "--cache", "--cache-location", cacheDir, "-o", path.join(work, "warm.json")] },
  { name: "skill-lint one file", command: [node, cli, oneFile] },
  ...(inRepository
    ? [
        { name: "skill-lint one staged file, git repository, no cache", command: [node, cli, path.relative(corpus, oneFile)], cwd: corpus },
        { name: "skill-lint one staged file, git repository, warm cache", command: [node, cli, path.relative(corpus, oneFile), "--cache", "--cache-location", oneFileCache], cwd: corpus },
      ]
    : []),
  // The language server on a typical skill of the corpus: its figures go below the table (bench/lsp.mjs).
  { name: "editor: didChange -> publishDiagnostics", editor: true },
  ...(existsSync(markdownlint) ? [{ name: "markdownlint-cli2", command: [node, markdownlint, "**/*.md", "#node_modules"], cwd: corpus }] : []),
];

const tasks = allTasks.filter((task) => !values.only || task.name === "node -e 0" || task.name.includes(values.only));
// Warm the caches once, so that every measured warm run finds them full.
if (tasks.some((task) => task.name === "skill-lint warm cache")) spawnSync(node, [cli, corpus, "--cache", "--cache-location", cacheDir, "-o", path.join(work, "prime.txt")]);
if (inRepository) spawnSync(node, [cli, path.relative(corpus, oneFile), "--cache", "--cache-location", oneFileCache], { cwd: corpus, stdio: "ignore" });

const samples = new Map(tasks.map((task) => [task.name, []]));
const loads = [loadavg()[0]];
for (let run = 0; run < runs; run++) {
  for (const task of tasks) {
    if (task.editor) {
      const figures = JSON.parse(execFileSync(node, [path.join(root, "bench/lsp.mjs"), corpus, "--json"], { cwd: work, encoding: "utf8" }));
      samples.get(task.name).push(figures);
      loads.push(loadavg()[0]);
      continue;
    }
    const timing = path.join(work, "time.txt");
    spawnSync("/usr/bin/time", ["-o", timing, "-f", "%e %M", ...task.command], { cwd: task.cwd ?? work, stdio: "ignore" });
    const [seconds, kilobytes] = execFileSync("tail", ["-n", "1", timing], { encoding: "utf8" }).trim().split(" ").map(Number);
    samples.get(task.name).push({ seconds, rssMb: kilobytes / 1024 });
    loads.push(loadavg()[0]);
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const editorRuns = samples.get("editor: didChange -> publishDiagnostics") ?? [];
const rows = tasks.filter((task) => !task.editor).map((task) => {
  const s = samples.get(task.name);
  return { task: task.name, seconds: median(s.map((x) => x.seconds)), peakRssMb: Math.round(median(s.map((x) => x.rssMb))), runs: s };
});
const width = Math.max(...rows.map((r) => r.task.length));
console.log(`${"task".padEnd(width)}  wall (s)  peak RSS (MB)`);
for (const row of rows) console.log(`${row.task.padEnd(width)}  ${row.seconds.toFixed(2).padStart(8)}  ${String(row.peakRssMb).padStart(13)}`);

const get = (name) => rows.find((r) => r.task === name)?.seconds;
const ratios = {};
if (get("markdownlint-cli2")) ratios["markdownlint-cli2 / skill-lint cold"] = get("markdownlint-cli2") / get("skill-lint cold");
if (get("skill-lint warm cache")) ratios["cold / warm cache"] = get("skill-lint cold") / get("skill-lint warm cache");
for (const row of rows) if (row.task.startsWith("skill-lint one")) ratios[`${row.task} / node -e 0`] = row.seconds / get("node -e 0");
if (get("skill-lint cold") && get("parse floor (mdast + frontmatter + GFM)")) ratios["parse floor / skill-lint cold"] = get("parse floor (mdast + frontmatter + GFM)") / get("skill-lint cold");

const engine = values.only ? undefined : JSON.parse(execFileSync(node, [path.join(root, "bench/tasks.mjs"), "engine", listFile], { cwd: work, encoding: "utf8" }));
const overhead = engine && (engine.lintMs - engine.parseMs) / Math.max(engine.parseMs, 1);
if (engine) {
  console.log(`\nengine, config, kinds and rules over the parsing they trigger: ${(overhead * 100).toFixed(1)}%` +
    ` (${engine.trees} of ${engine.files} files needed a tree; lint ${Math.round(engine.lintMs)} ms, of which parsing ${Math.round(engine.parseMs)} ms)`);
}
const editor = editorRuns.length
  ? {
      skill: editorRuns[0].skill,
      docs: editorRuns[0].docs,
      openMs: median(editorRuns.map((r) => r.openMs)),
      bodyMs: median(editorRuns.map((r) => r.body.median)),
      bodyP95Ms: median(editorRuns.map((r) => r.body.p95)),
      nameMs: editorRuns[0].name && median(editorRuns.map((r) => r.name.median)),
    }
  : undefined;
if (editor) {
  console.log(`\neditor, ${editor.skill} in a ${editor.docs}-doc workspace (medians of ${editorRuns.length} runs):` +
    ` didOpen ${editor.openMs.toFixed(0)} ms (index built); didChange in the body -> publishDiagnostics ${editor.bodyMs.toFixed(1)} ms` +
    ` (p95 ${editor.bodyP95Ms.toFixed(1)} ms; target 50 ms)${editor.nameMs === undefined ? "" : `; in the frontmatter name ${editor.nameMs.toFixed(1)} ms`}`);
}
for (const [name, value] of Object.entries(ratios)) console.log(`${name}: ${value.toFixed(2)} x`);
const load = { min: Math.min(...loads), median: median(loads), max: Math.max(...loads), cores: availableParallelism() };
console.log(`machine load (1-minute average) while it ran: min ${load.min.toFixed(2)}, median ${load.median.toFixed(2)}, max ${load.max.toFixed(2)} on ${load.cores} cores`);

writeFileSync(values.out, JSON.stringify({ corpus, files: files.length, bytes, runs, rows, ratios, editor, load, engine: engine && { ...engine, overhead } }, null, 2));
console.log(`\nbench: wrote ${values.out}`);
rmSync(work, { recursive: true, force: true });
