#!/usr/bin/env node
// A hostile matrix for the built CLI: `npm run torture -- [--quick] [--seed N]`. Generated hostile docs of every
// kind, mutated copies of the fixtures, hostile configs and file-system tricks, each run through every reporter,
// and `--fix` twice. A case fails when the run crashes (a signal, an exit code other than 0, 1 or 2, an internal
// error or a stack trace), hangs (past its time limit), prints JSON or SARIF that does not parse, or when `--fix`
// changes bytes outside the lines it reported as fixable or changes anything on a second run. Prints a summary
// table and exits 1 on any failure.
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const ROOT = path.resolve(import.meta.dirname, "..");
const CLI = path.join(ROOT, "dist/bundle/cli.js");
const FIXTURES = path.join(ROOT, "fixtures");
const { values } = parseArgs({ options: { quick: { type: "boolean", default: false }, seed: { type: "string", default: "1" } } });
const QUICK = values.quick;
/** One run longer than this is a hang: a hostile doc lints in a second or two. */
const TIMEOUT_MS = QUICK ? 30_000 : 60_000;
const FORMATS = QUICK ? ["json", "sarif"] : ["stylish", "json", "sarif", "github", "junit", "compact"];

let seed = Number(values.seed) >>> 0 || 1;
/** xorshift32: the same seed makes the same mutations. */
function random() {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 2 ** 32;
}

const counts = { cases: 0, crashes: 0, hangs: 0, unparsable: 0, fixOutside: 0 };
const failures = [];

function fail(kind, name, detail) {
  counts[kind]++;
  failures.push(`${kind}: ${name}: ${detail}`);
}

function run(args, cwd) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", timeout: TIMEOUT_MS, maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: "1" } });
}

/** Runs one case through every reporter and records what went wrong. */
function lintCase(name, dir, args = ["."]) {
  for (const format of FORMATS) {
    counts.cases++;
    const result = run(["-f", format, ...args], dir);
    const label = `${name} (-f ${format})`;
    if (result.error?.code === "ETIMEDOUT" || result.signal === "SIGTERM") {
      fail("hangs", label, `no end after ${TIMEOUT_MS / 1000} s`);
      continue;
    }
    if (result.signal || ![0, 1, 2].includes(result.status)) {
      fail("crashes", label, `exit ${result.status ?? result.signal}: ${result.stderr.slice(0, 200)}`);
      continue;
    }
    if (/internal error|^ {4}at [^\n]*:\d+:\d+\)?$/m.test(result.stderr)) {
      fail("crashes", label, result.stderr.split("\n").find((line) => /internal error|^ {4}at /.test(line)));
      continue;
    }
    if ((format === "json" || format === "sarif") && result.status !== 2) {
      try {
        JSON.parse(result.stdout);
      } catch (error) {
        fail("unparsable", label, error.message);
      }
    }
  }
}

function layout(files) {
  const dir = mkdtempSync(path.join(tmpdir(), "skill-lint-torture-"));
  mkdirSync(path.join(dir, ".git"));
  for (const [name, content] of Object.entries(files)) {
    const full = path.join(dir, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}

const FRONT = '---\nname: hostile\ndescription: "Handles hostile input; use when testing."\n---\n\n';
const KIND_PATHS = ["skills/hostile/SKILL.md", "skills/hostile/reference.md", "agents/hostile.md", "commands/hostile.md", "docs/solutions/bugs/hostile.md", "CLAUDE.md"];
const HOSTILE = {
  huge: () => FRONT + "Run the Task tool on scripts\\x.py.\n\n".repeat(QUICK ? 60_000 : 80_000),
  "deep YAML": () => `---\nname: hostile\nitems:\n${Array.from({ length: 3000 }, (_, i) => `${" ".repeat(i)}-`).join("\n")}\n---\n\n# Deep\n`,
  "deep flow YAML": () => `---\nname: hostile\nitems: ${"[".repeat(50_000)}\n---\n\n# Deep\n`,
  "duplicate keys": () => `---\nname: hostile\n${"k: 1\n".repeat(125_000)}---\n\n# Keys\n`,
  BOM: () => `\uFEFF${FRONT}# Title\n\nUse the Task tool.\n`,
  CRLF: () => `${FRONT}# Title\n\nUse the Task tool.\r\n\r\n- [ ] item\r\n`.replace(/\n/g, "\r\n"),
  "NUL bytes": () => `${FRONT}# Title\n\u0000\u0000binary`,
  "invalid UTF-8": () => Buffer.concat([Buffer.from(FRONT), Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0x0a]), Buffer.from("# Title\n")]),
  "long line": () => `${FRONT}${"`[(".repeat(QUICK ? 100_000 : 400_000)}\n`,
  "10k headings": () => FRONT + Array.from({ length: 10_000 }, (_, i) => `## Heading ${i % 50}\n\n[link](#heading-${i})\n`).join("\n"),
  "deep lists": () => `${FRONT}${"> - ".repeat(20_000)}x\n`,
};

function hostileDocs() {
  for (const [name, make] of Object.entries(HOSTILE)) {
    const paths = QUICK ? [KIND_PATHS[0], KIND_PATHS[5]] : KIND_PATHS;
    const files = Object.fromEntries(paths.map((file) => [file, make()]));
    const dir = layout(files);
    lintCase(`hostile doc: ${name}`, dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

function fixtureFiles() {
  const found = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".md")) found.push(full);
    }
  };
  walk(FIXTURES);
  return found.sort();
}

function mutate(bytes) {
  const copy = Buffer.from(bytes);
  if (random() < 0.3) return copy.subarray(0, Math.floor(random() * copy.length));
  const flips = 1 + Math.floor(random() * 8);
  for (let i = 0; i < flips && copy.length; i++) copy[Math.floor(random() * copy.length)] = Math.floor(random() * 256);
  return copy;
}

function mutatedFixtures() {
  const all = fixtureFiles();
  const rounds = QUICK ? 2 : 6;
  for (let round = 0; round < rounds; round++) {
    const files = {};
    for (const file of all) files[path.relative(FIXTURES, file)] = mutate(readFileSync(file));
    const dir = layout(files);
    lintCase(`mutated fixtures, round ${round + 1} (seed ${values.seed})`, dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

function hostileConfigs() {
  const skill = { "skills/hostile/SKILL.md": `${FRONT}# Hostile\n` };
  const configs = {
    "invalid JSON": "{ rules: ",
    "deep JSON": "[".repeat(200_000),
    "super-linear schema pattern": JSON.stringify({ schemas: { skill: "s.json" } }),
    "slow glob": JSON.stringify({ ignores: ["**/*a*a*a*a*a*a*b.md"] }),
    "schema outside": JSON.stringify({ schemas: { skill: "/etc/passwd" } }),
    "unknown keys": JSON.stringify({ rulez: {}, rules: { nope: 1 } }),
  };
  for (const [name, config] of Object.entries(configs)) {
    const dir = layout({ ...skill, "skill-lint.config.json": config, "s.json": JSON.stringify({ properties: { name: { pattern: "^([a-z0-9]+-?)+$" } } }) });
    lintCase(`hostile config: ${name}`, dir);
    rmSync(dir, { recursive: true, force: true });
  }
  const dir = layout(skill);
  lintCase("--config /dev/zero", dir, ["--config", "/dev/zero", "."]);
  lintCase("--threads 99999", dir, ["--threads", "99999", "."]);
  rmSync(dir, { recursive: true, force: true });
}

function fileSystemTricks() {
  const outside = layout({ "secret.md": `${FRONT}TOP SECRET\n` });
  const dir = layout({ "skills/hostile/SKILL.md": `${FRONT}# Hostile\n\n[out](../../../${path.basename(outside)}/secret.md#top)\n`, "locked.md": "# Locked\n" });
  symlinkSync("..", path.join(dir, "skills/loop"));
  symlinkSync(path.join(outside, "secret.md"), path.join(dir, "CLAUDE.md"));
  symlinkSync("/dev/zero", path.join(dir, "AGENTS.md"));
  spawnSync("mkfifo", [path.join(dir, "skills/hostile/pipe.md")]);
  spawnSync("mkfifo", [path.join(dir, ".gitignore")]);
  chmodSync(path.join(dir, "locked.md"), 0o000);
  writeFileSync(Buffer.from(path.join(dir, "skills/hostile/caf\xe9.md"), "latin1"), "# Latin-1 name\n");
  lintCase("file-system tricks", dir);
  lintCase("file-system tricks, named", dir, ["locked.md", "CLAUDE.md", "skills/hostile/SKILL.md"]);
  counts.cases++;
  const json = run(["-f", "json", "."], dir);
  if (json.stdout.includes("TOP SECRET")) fail("crashes", "symlink out", "the text of a file outside the project was printed");
  rmSync(dir, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
}

/** Lines of a file, for comparing what --fix changed. */
function lines(text) {
  return text.split("\n");
}

function fixTwice() {
  const dir = mkdtempSync(path.join(tmpdir(), "skill-lint-torture-fix-"));
  cpSync(FIXTURES, dir, { recursive: true });
  mkdirSync(path.join(dir, ".git"));
  const before = new Map(fixtureFiles().map((file) => [path.join(dir, path.relative(FIXTURES, file)), readFileSync(file, "utf8")]));
  counts.cases++;
  const report = JSON.parse(run(["-f", "json", "**/*.md"], dir).stdout);
  const fixable = new Map(report.map((r) => [r.filePath, new Set(r.messages.filter((m) => m.fix).flatMap((m) => Array.from({ length: (m.endLine ?? m.line) - m.line + 1 }, (_, i) => m.line + i)))]));
  const first = run(["--fix", "**/*.md"], dir);
  if (![0, 1].includes(first.status)) fail("crashes", "--fix", `exit ${first.status}: ${first.stderr.slice(0, 200)}`);
  const afterFirst = new Map([...before.keys()].map((file) => [file, readFileSync(file, "utf8")]));
  for (const [file, text] of before) {
    const fixed = afterFirst.get(file);
    if (fixed === text) continue;
    const a = lines(text);
    const b = lines(fixed);
    // Fixes here rewrite within a line; then every changed line must be one a fixable finding was on.
    if (a.length !== b.length) continue;
    const lines_ = fixable.get(file) ?? new Set();
    const outside = a.findIndex((line, i) => line !== b[i] && !lines_.has(i + 1));
    if (outside >= 0) fail("fixOutside", path.relative(dir, file), `line ${outside + 1} changed without a fixable finding on it`);
  }
  counts.cases++;
  run(["--fix", "**/*.md"], dir);
  for (const [file, text] of afterFirst) {
    if (readFileSync(file, "utf8") !== text) fail("fixOutside", path.relative(dir, file), "a second --fix changed it again");
  }
  rmSync(dir, { recursive: true, force: true });
}

const started = performance.now();
for (const step of [hostileDocs, mutatedFixtures, hostileConfigs, fileSystemTricks, fixTwice]) step();
const seconds = ((performance.now() - started) / 1000).toFixed(1);

const rows = [
  ["cases run", counts.cases],
  ["crashes", counts.crashes],
  ["hangs", counts.hangs],
  ["non-parsable outputs", counts.unparsable],
  ["data changed outside fix", counts.fixOutside],
];
console.log(`skill-lint torture${QUICK ? " --quick" : ""} (seed ${values.seed}), ${seconds} s`);
for (const [name, count] of rows) console.log(`  ${name.padEnd(26)} ${String(count).padStart(5)}`);
for (const failure of failures) console.log(`  ✖ ${failure}`);
process.exitCode = failures.length ? 1 : 0;
