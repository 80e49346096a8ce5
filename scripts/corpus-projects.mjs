#!/usr/bin/env node
// Lays out each corpus repository as a project and lints it with the cross-file rules:
// `node scripts/corpus-projects.mjs [corpus] [--out FILE] [--keep DIR]`.
//
// The corpus holds only markdown and plugin manifests; `_trees/<dir>.txt` lists every path of each
// repository at its commit. Every listed path is created (the corpus file where there is one, else an empty
// file), with a `.git` folder at the top, so links and references resolve as in the real repository.
// Only the files that came from the corpus are linted. Findings of no-broken-link whose target is one of the
// empty stand-ins (an anchor into a markdown file left out of the corpus) are counted apart, not reported.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const RULES = ["no-broken-link", "no-unknown-reference", "unique-names", "plugin-manifest"];
const root = path.resolve(import.meta.dirname, "..");
const cli = path.join(root, "dist/bundle/cli.js");
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: "string", default: "corpus-projects.json" }, keep: { type: "string" } },
});
const corpus = positionals[0] ?? process.env.SKILL_LINT_CORPUS;
if (!corpus || !existsSync(path.join(corpus, "_trees"))) {
  console.error("corpus-projects: give the corpus folder (with _trees/) as an argument or in SKILL_LINT_CORPUS");
  process.exit(2);
}
if (!existsSync(cli)) {
  console.error("corpus-projects: build first (npm run build)");
  process.exit(2);
}

const work = values.keep ? path.resolve(values.keep) : mkdtempSync(path.join(tmpdir(), "skill-lint-projects-"));
const { rules } = await import(path.join(root, "dist/rules/index.js"));
// Only the cross-file rules run: every other rule is switched off in a config at each project's top.
const config = JSON.stringify({ rules: Object.fromEntries(rules.map((rule) => [rule.meta.id, RULES.includes(rule.meta.id) ? "error" : "off"])) });
const report = { rules: RULES, repositories: [] };

for (const listing of readdirSync(path.join(corpus, "_trees")).filter((name) => name.endsWith(".txt")).sort()) {
  const dir = listing.replace(/\.txt$/, "");
  const source = path.join(corpus, dir);
  const target = path.join(work, dir);
  rmSync(target, { recursive: true, force: true });
  mkdirSync(path.join(target, ".git"), { recursive: true });
  const linted = [];
  const standIns = new Set();
  for (const line of readFileSync(path.join(corpus, "_trees", listing), "utf8").split("\n")) {
    const relative = line.trim();
    if (!relative || relative.startsWith(".git/")) continue;
    const to = path.join(target, relative);
    if (!to.startsWith(target + path.sep)) continue;
    mkdirSync(path.dirname(to), { recursive: true });
    const from = path.join(source, relative);
    if (existsSync(from)) {
      copyFileSync(from, to);
      if (/\.md$/i.test(relative) || /\.claude-plugin\/(?:plugin|marketplace)\.json$/.test(relative)) linted.push(relative);
    } else {
      writeFileSync(to, "");
      standIns.add(relative);
    }
  }
  writeFileSync(path.join(target, "skill-lint.config.json"), config);
  const result = spawnSync(process.execPath, [cli, "--format", "json", ...linted], { cwd: target, encoding: "utf8", maxBuffer: 1 << 30 });
  let results = [];
  try {
    results = JSON.parse(result.stdout);
  } catch {
    console.error(`${dir}: skill-lint failed (exit ${result.status}): ${result.stderr.trim().split("\n")[0]}`);
    continue;
  }
  const findings = [];
  let intoStandIns = 0;
  for (const file of results) {
    for (const message of file.messages) {
      if (!RULES.includes(message.ruleId)) continue;
      const relative = path.relative(target, file.filePath);
      const anchorTarget = /^Anchor `#[^`]*` matches no heading in `([^`]+)`/.exec(message.message)?.[1];
      if (anchorTarget && standIns.has(path.normalize(path.join(path.dirname(relative), anchorTarget)))) {
        intoStandIns++;
        continue;
      }
      findings.push({ file: relative, line: message.line, column: message.column, ruleId: message.ruleId, message: message.message });
    }
  }
  const perRule = Object.fromEntries(RULES.map((id) => [id, { files: new Set(findings.filter((f) => f.ruleId === id).map((f) => f.file)).size, findings: findings.filter((f) => f.ruleId === id).length }]));
  report.repositories.push({ dir, linted: linted.length, standIns: standIns.size, anchorsIntoStandIns: intoStandIns, perRule, findings });
  console.log(`${dir}: ${linted.length} files; ${RULES.map((id) => `${id} ${perRule[id].files} (${perRule[id].findings})`).join(", ")}`);
}

const totals = Object.fromEntries(
  RULES.map((id) => [
    id,
    {
      files: report.repositories.reduce((sum, repo) => sum + repo.perRule[id].files, 0),
      findings: report.repositories.reduce((sum, repo) => sum + repo.perRule[id].findings, 0),
    },
  ]),
);
report.totals = totals;
writeFileSync(values.out, JSON.stringify(report, null, 2));
console.log(`\ntotal (files flagged, findings): ${RULES.map((id) => `${id} ${totals[id].files} (${totals[id].findings})`).join(", ")}`);
console.log(`written to ${values.out}${values.keep ? `; projects kept in ${work}` : ""}`);
if (!values.keep) rmSync(work, { recursive: true, force: true });
