#!/usr/bin/env node
/**
 * Compares two JSON reports of skill-lint (`-f json`) over the same tree, and draws samples of findings to read
 * by hand.
 *
 *   node scripts/compare-findings.mjs BEFORE.json AFTER.json          files and findings per rule, before and after
 *   node scripts/compare-findings.mjs AFTER.json --sample RULE [N] [--seed S] [--by-folder]
 *                                                                     N findings of RULE at random (default 25),
 *                                                                     the same for the same seed; with --by-folder,
 *                                                                     taken in turn from each top folder under the
 *                                                                     report's root (one per repository of a joined
 *                                                                     report), so no one folder fills the sample
 */
import { readFileSync } from "node:fs";
import path from "node:path";

function read(file) {
  return JSON.parse(readFileSync(file, "utf8"));
}

function byRule(results) {
  const counts = new Map();
  for (const result of results) for (const message of result.messages) if (message.ruleId) counts.set(message.ruleId, (counts.get(message.ruleId) ?? 0) + 1);
  return counts;
}

/** A small seeded generator (mulberry32), so a sample can be drawn again. */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function common(files) {
  if (!files.length) return "";
  let prefix = path.dirname(files[0]);
  for (const file of files) while (!file.startsWith(prefix + path.sep) && prefix !== path.dirname(prefix)) prefix = path.dirname(prefix);
  return prefix;
}

const args = process.argv.slice(2);
const sampleAt = args.indexOf("--sample");
if (sampleAt >= 0) {
  const results = read(args[0]);
  const rule = args[sampleAt + 1];
  const count = Number(args[sampleAt + 2]) || 25;
  const seedAt = args.indexOf("--seed");
  const next = random(seedAt >= 0 ? Number(args[seedAt + 1]) : 1);
  const root = common(results.map((r) => r.filePath));
  const all = results.flatMap((r) => r.messages.filter((m) => m.ruleId === rule).map((m) => ({ file: path.relative(root, r.filePath), ...m })));
  const shuffle = (list) => {
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  };
  let picked;
  if (args.includes("--by-folder")) {
    const folders = new Map();
    for (const finding of all) {
      const folder = finding.file.split(path.sep)[0];
      if (!folders.has(folder)) folders.set(folder, []);
      folders.get(folder).push(finding);
    }
    const queues = [...folders.keys()].sort().map((folder) => shuffle(folders.get(folder)));
    picked = [];
    while (picked.length < count && queues.some((queue) => queue.length)) {
      for (const queue of queues) if (queue.length && picked.length < count) picked.push(queue.shift());
    }
  } else {
    picked = shuffle(all).slice(0, count);
  }
  console.log(`${rule}: ${picked.length} of ${all.length} findings (root ${root})`);
  for (const finding of picked) console.log(`${finding.file}:${finding.line}:${finding.column}\t${finding.message}`);
} else {
  const [beforeFile, afterFile] = args;
  if (!beforeFile || !afterFile) {
    console.error("usage: compare-findings.mjs BEFORE.json AFTER.json | AFTER.json --sample RULE [N] [--seed S] [--by-folder]");
    process.exit(2);
  }
  const before = read(beforeFile);
  const after = read(afterFile);
  const afterFiles = new Set(after.map((r) => r.filePath));
  const gone = before.filter((r) => !afterFiles.has(r.filePath));
  const root = common(before.map((r) => r.filePath));
  // Where the files that are no longer linted sat: their first two folders.
  const places = new Map();
  for (const result of gone) {
    const parts = path.relative(root, result.filePath).split(path.sep);
    const place = parts.length > 2 ? `${parts.slice(0, 2).join("/")}/` : parts.length > 1 ? `${parts[0]}/` : "(top)";
    places.set(place, (places.get(place) ?? 0) + 1);
  }
  console.log(`files linted: ${before.length} before, ${after.length} after; ${gone.length} no longer linted`);
  for (const [place, n] of [...places].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`  ${String(n).padStart(5)}  ${place}`);
  const was = byRule(before);
  const now = byRule(after);
  console.log("\nrule | before | after");
  for (const rule of [...new Set([...was.keys(), ...now.keys()])].sort()) console.log(`${rule} | ${was.get(rule) ?? 0} | ${now.get(rule) ?? 0}`);
  const total = (counts) => [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`all | ${total(was)} | ${total(now)}`);
}
