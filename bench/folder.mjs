#!/usr/bin/env node
// One skill folder of many reference files: `npm run bench:folder -- [--sizes 2000,4000,8000]`. Each file asks
// about its folder (its SKILL.md, the names beside it), so work per file must not grow with the folder: the
// time per file at each size should stay about the same. Exits 1 when it grows more than SUPER_LINEAR_GROWTH
// times from the smallest size to the largest.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const SUPER_LINEAR_GROWTH = 2;
const CLI = path.resolve(import.meta.dirname, "../dist/bundle/cli.js");
const { values } = parseArgs({ options: { sizes: { type: "string", default: "2000,4000,8000" } } });
const sizes = values.sizes.split(",").map(Number);

function folderOf(count) {
  const dir = mkdtempSync(path.join(tmpdir(), "skill-lint-folder-"));
  mkdirSync(path.join(dir, ".git"));
  const skill = path.join(dir, "skills", "big");
  mkdirSync(skill, { recursive: true });
  writeFileSync(path.join(skill, "SKILL.md"), '---\nname: big\ndescription: "Answers questions about big things; use when asked."\n---\n\n# Big\n\nSee [r1](r1.md).\n');
  for (let i = 1; i <= count; i++) writeFileSync(path.join(skill, `r${i}.md`), `# Ref ${i}\n\nSee [the skill](SKILL.md) and [the next](r${i + 1}.md).\n`);
  return dir;
}

const rows = [];
for (const size of sizes) {
  const dir = folderOf(size);
  const started = performance.now();
  const run = spawnSync(process.execPath, [CLI, "--threads", "1", "-f", "compact", "."], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = performance.now() - started;
  rmSync(dir, { recursive: true, force: true });
  if (run.status !== 1) throw new Error(`skill-lint exited ${run.status} on ${size} files: ${run.stderr}`);
  rows.push({ size, ms, perFile: ms / size });
  console.log(`${String(size).padStart(6)} files  ${(ms / 1000).toFixed(2).padStart(6)} s  ${(ms / size).toFixed(3)} ms per file`);
}
const growth = rows.at(-1).perFile / rows[0].perFile;
console.log(`time per file grew ${growth.toFixed(2)}x from ${rows[0].size} to ${rows.at(-1).size} files (about 1 is linear)`);
process.exitCode = growth > SUPER_LINEAR_GROWTH ? 1 : 0;
