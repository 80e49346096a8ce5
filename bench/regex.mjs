#!/usr/bin/env node
// Adversarial long lines for every rule: `npm run bench:regex -- [--out FILE] [--sizes 10,100] [--rule ID]`.
// A rule whose regular expression backtracks super-linearly takes far more time per KB on a 100 KB line
// than on a 10 KB one. Each rule runs alone through the real engine (lintText, every other rule off) in a
// file of a kind it checks; "(all rules)" is the default config and "(parse)" the document model that the
// rules share. Every input is first timed at the small size; the slowest few per rule are then timed at
// both sizes, best of three, and the growth of time per KB between them is the verdict.
// Measurements run in a worker thread, so that one that hangs or runs out of memory is stopped and reported.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

/** Growth of time per KB from the small to the large line that counts as super-linear: linear is about 1 (less, with fixed costs). */
const SUPER_LINEAR_GROWTH = 3;
/** Below this, a large input's time is too small for its growth to mean anything. */
const NOTICEABLE_MS = 25;
/** Inputs per subject timed at both sizes after the first pass. */
const FINALISTS = 3;
/** One measurement that takes longer is stopped: a linear rule lints 100 KB in well under a second. */
const TIMEOUT_MS = 3_000;
/** A small line that takes this long is not linear (10 KB lints in a few ms): its large line is not run. */
const SMALL_LIMIT_MS = 250;

/**
 * What a line repeats: single characters that open markdown, YAML or path syntax, and phrases that the
 * rules' triggers and their regular expressions' prefixes look for, so that every rule gets past its
 * trigger and its patterns can start a match at every position.
 */
const UNITS = [
  "a", " ", "`", "[", "(", "*", "_", "-", ":", "/", "\\", "{{", "<", '"', "#", "|",
  "a ", "a\\", "C:\\", "a\\b ", "[a](", "[ ] ", "{{a", "<your-", "Bash(", "[TODO ",
  "Task tool ", "`Task` tool ", "Use the Task tool ", "run_in_background ", "run_in_background: true ", "background ", "claude -p ",
  "wait for ", "before you ", "until ", "write to ", "as of ", "2024-01-01 ", "# WRONG ",
];

const KIND_PATHS = {
  skill: "skills/bench/SKILL.md",
  "skill-reference": "skills/bench/reference.md",
  agent: "agents/bench.md",
  command: "commands/bench.md",
  solution: "docs/solutions/bench/bench.md",
  doc: "README.md",
  manifest: ".claude-plugin/plugin.json",
};
const KIND_ORDER = ["skill", "agent", "command", "solution", "skill-reference", "doc", "manifest"];

/** A valid, real-looking frontmatter for each kind, so that the long line is what the rules work on. */
const FRONTMATTER = {
  skill: ["name: bench", 'description: "Times the rules on long lines; use when benchmarking."'],
  "skill-reference": [],
  agent: ["name: bench", 'description: "Times the rules; use proactively when benchmarking."', "tools: Read, Grep, Bash"],
  command: ['description: "Times the rules on long lines."', 'argument-hint: "[file]"'],
  solution: ['title: "Rules on long lines"', "date: 2025-01-15", "category: performance", "problem_type: performance_issue", "component: tooling", "severity: low"],
  doc: [],
};

/**
 * A YAML value for the line: a folded block scalar, which the rules read as the value's text. A plain
 * value would time the YAML library's error recovery instead (quadratic on a line of `"`, slow on
 * nested `[`): "(parse)" times that, with the line as a plain value.
 */
const yamlValue = (line, plain) => (plain ? line : `>-\n  ${line}`);

/** Where in a file the long line sits. */
const PLACEMENTS = {
  paragraph: (line) => ({ body: `${line}\n` }),
  heading: (line) => ({ body: `## ${line}\n` }),
  "list item": (line) => ({ body: `- ${line}\n` }),
  table: (line) => ({ body: `| Step | What |\n| --- | --- |\n| ${line} | x |\n` }),
  "code block": (line) => ({ body: `\`\`\`bash\n${line}\n\`\`\`\n` }),
  "frontmatter value": (line, plain) => ({ frontmatter: [`description: ${yamlValue(line, plain)}`] }),
  "tools value": (line, plain) => ({ frontmatter: [`allowed-tools: ${yamlValue(line, plain)}`, `tools: ${yamlValue(line, plain)}`] }),
};

function markdownFile(kind, placed) {
  const added = placed.frontmatter ?? [];
  const keyOf = (entry) => entry.slice(0, entry.indexOf(":"));
  const keys = new Set(added.map(keyOf));
  const frontmatter = [...FRONTMATTER[kind].filter((entry) => !keys.has(keyOf(entry))), ...added];
  const head = frontmatter.length ? `---\n${frontmatter.join("\n")}\n---\n\n` : "";
  return `${head}# Bench\n\nThe section below holds one long line.\n\n${placed.body ?? "Nothing else.\n"}`;
}

function fileFor(kind, { unit, placement }, kb, plainYaml) {
  const line = unit.repeat(Math.ceil((kb * 1024) / unit.length));
  if (kind === "manifest") return `${JSON.stringify({ name: "bench", description: line, version: "1.0.0", author: { name: line } }, null, 2)}\n`;
  return markdownFile(kind, PLACEMENTS[placement](line, plainYaml));
}

function inputsOf(kind) {
  const placements = kind === "manifest" ? ["manifest value"] : Object.keys(PLACEMENTS);
  return placements.flatMap((placement) => UNITS.map((unit) => ({ unit, placement })));
}

const label = ({ unit, placement }) => `${JSON.stringify(unit)} in ${placement}`;

if (!isMainThread) {
  // A worker: times one subject on the jobs it is sent, answering each with its time.
  const { Doc } = await import("../dist/src/document.js");
  const { lintText, rules } = await import("../dist/src/index.js");
  const { subject, kind, cwd } = workerData;
  let run;
  if (subject === "(parse)") {
    run = (text) => {
      const doc = new Doc(text);
      return [doc.frontmatter, doc.tree, doc.prose, doc.code, doc.sections];
    };
  } else {
    const config = subject === "(all rules)" ? {} : { rules: Object.fromEntries(rules.map(({ meta }) => [meta.id, meta.id === subject ? "error" : "off"])) };
    run = (text) => lintText(text, { cwd, filePath: KIND_PATHS[kind], kind, config });
  }
  parentPort.on("message", ({ input, kb, repeats }) => {
    const text = fileFor(kind, input, kb, subject === "(parse)");
    let best = Infinity;
    for (let i = 0; i < repeats; i++) {
      const started = performance.now();
      run(text);
      best = Math.min(best, performance.now() - started);
    }
    parentPort.postMessage(best);
  });
} else {
  const { values } = parseArgs({
    options: { out: { type: "string", default: "bench-regex-result.json" }, sizes: { type: "string", default: "10,100" }, rule: { type: "string", multiple: true } },
  });
  const [smallKb, largeKb] = values.sizes.split(",").map(Number);
  const { rules } = await import("../dist/src/index.js");
  const cwd = mkdtempSync(path.join(tmpdir(), "skill-lint-regex-bench-"));

  /**
   * Times a subject's jobs in a worker thread, kept between calls; a job that times out or crashes the
   * worker gets Infinity, and the next job a new worker.
   */
  function timer(subject, kind) {
    let worker;
    const timeJob = async (job) => {
      if (!worker) {
        worker = new Worker(new URL(import.meta.url), { workerData: { subject, kind, cwd }, resourceLimits: { maxOldGenerationSizeMb: 2048 } });
        worker.unref();
      }
      const answer = await new Promise((resolve) => {
        const timer = setTimeout(() => resolve(Infinity), TIMEOUT_MS);
        const settle = (value) => {
          clearTimeout(timer);
          worker.off("message", settle);
          worker.off("error", failed);
          resolve(value);
        };
        const failed = () => settle(Infinity);
        worker.on("message", settle);
        worker.once("error", failed);
        worker.postMessage(job);
      });
      if (answer === Infinity) {
        await worker.terminate();
        worker = undefined;
      }
      return answer;
    };
    return {
      async times(jobs) {
        const times = [];
        for (const job of jobs) times.push(await timeJob(job));
        return times;
      },
      close: () => worker?.terminate(),
    };
  }

  const subjects = [
    ...rules
      .filter(({ meta }) => !values.rule || values.rule.includes(meta.id))
      .map(({ meta }) => ({ name: meta.id, kind: KIND_ORDER.find((k) => meta.kinds.includes(k)) ?? meta.kinds[0] })),
    ...(values.rule ? [] : [{ name: "(all rules)", kind: "skill" }, { name: "(parse)", kind: "skill" }]),
  ];

  const started = performance.now();
  const results = [];
  for (const subject of subjects) {
    const inputs = inputsOf(subject.kind);
    const time = timer(subject.name, subject.kind);
    const firstPass = await time.times(inputs.map((input) => ({ input, kb: smallKb, repeats: 1 })));
    const finalists = inputs
      .map((input, i) => ({ input, ms: firstPass[i] }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, FINALISTS)
      .map(({ input }) => input);
    const measured = [];
    for (const input of finalists) {
      const [smallMs] = await time.times([{ input, kb: smallKb, repeats: 3 }]);
      const largeRun = smallMs <= SMALL_LIMIT_MS;
      const [largeMs] = largeRun ? await time.times([{ input, kb: largeKb, repeats: 2 }]) : [Infinity];
      const growth = largeMs / largeKb / (smallMs / smallKb);
      measured.push({ input: label(input), smallMs, largeMs, largeRun, smallMsPerKb: smallMs / smallKb, largeMsPerKb: largeMs / largeKb, growth });
    }
    await time.close();
    const worst = measured.reduce((a, b) => (b.largeMsPerKb > a.largeMsPerKb ? b : a));
    const noticeable = measured.filter((m) => m.largeMs >= NOTICEABLE_MS);
    const steepest = noticeable.length ? noticeable.reduce((a, b) => (b.growth > a.growth ? b : a)) : undefined;
    const superLinear = measured.filter((m) => !Number.isFinite(m.largeMs) || (m.largeMs >= NOTICEABLE_MS && m.growth > SUPER_LINEAR_GROWTH));
    results.push({ subject: subject.name, kind: subject.kind, inputs: inputs.length, firstPassMaxMs: Math.max(...firstPass), worst, steepest, measured, superLinear: superLinear.map((m) => m.input) });
    process.stderr.write(`bench: ${subject.name} done at ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  }
  const seconds = (performance.now() - started) / 1000;

  const fixed = (n, digits) => (Number.isFinite(n) ? n.toFixed(digits) : `>${TIMEOUT_MS / 1000} s`);
  /** A large line not run because its small one was already slow. */
  const large = (m, n, digits) => (m.largeRun ? fixed(n, digits) : `not run (${smallKb} KB: ${Number.isFinite(m.smallMs) ? `${m.smallMs.toFixed(0)} ms` : fixed(m.smallMs)})`);
  const header = ["rule", "kind", `worst ms/KB @${largeKb} KB`, `@${smallKb} KB`, "worst input", `growth (steepest input)`, "verdict"];
  const rows = results.map((r) => [
    r.subject,
    r.kind,
    large(r.worst, r.worst.largeMsPerKb, 3),
    fixed(r.worst.smallMsPerKb, 3),
    r.worst.input,
    r.steepest ? `${large(r.steepest, r.steepest.growth, 2)} (${r.steepest.input})` : "-",
    r.superLinear.length ? `SUPER-LINEAR: ${r.superLinear.join(", ")}` : "linear",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const format = (row) => row.map((cell, i) => (i === 2 || i === 3 ? cell.padStart(widths[i]) : cell.padEnd(widths[i]))).join("  ").trimEnd();
  console.log(format(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(format(row));
  const flagged = results.filter((r) => r.superLinear.length);
  console.log(
    `\n${subjects.length} subjects, ${UNITS.length} units x ${Object.keys(PLACEMENTS).length} placements, at ${smallKb} and ${largeKb} KB, in ${seconds.toFixed(0)} s: ` +
      (flagged.length ? `super-linear: ${flagged.map((r) => r.subject).join(", ")}` : "no rule grows super-linearly"),
  );
  const report = { sizesKb: [smallKb, largeKb], superLinearGrowth: SUPER_LINEAR_GROWTH, noticeableMs: NOTICEABLE_MS, timeoutMs: TIMEOUT_MS, seconds, results };
  writeFileSync(values.out, JSON.stringify(report, (key, value) => (value === Infinity ? null : value), 2));
  console.log(`bench: wrote ${values.out}`);
  rmSync(cwd, { recursive: true, force: true });
  process.exitCode = flagged.length ? 1 : 0;
}
