import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { availableParallelism } from "node:os";
import { GOOD_SKILL, project, runCli } from "./helpers.js";

/** Every fixture doc, keyed by its path under fixtures/, so a project holds all kinds and findings. */
function fixtureDocs(): Record<string, string> {
  const root = path.resolve(import.meta.dirname, "../fixtures");
  const docs: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (name.endsWith(".md")) docs[path.relative(root, full)] = readFileSync(full, "utf8");
    }
  };
  walk(root);
  return docs;
}

describe("worker threads", () => {
  it("give the same findings in the same order as one thread", () => {
    const docs = fixtureDocs();
    const files: Record<string, string> = {};
    for (let copy = 0; copy < 6; copy++) {
      for (const [name, text] of Object.entries(docs)) files[path.join(`copy${copy}`, name)] = text;
    }
    const dir = project(files);
    // Named by a glob, every doc is linted, whether or not a host loads it.
    const single = runCli(["-f", "json", "--threads", "1", "**/*.md"], dir);
    const threaded = runCli(["-f", "json", "--threads", "2", "**/*.md"], dir);
    const results = JSON.parse(threaded.stdout) as { messages: unknown[] }[];
    expect(results.length).toBe(Object.keys(files).length);
    expect(results.some((r) => r.messages.length > 0)).toBe(true);
    expect(threaded.stdout).toBe(single.stdout);
    expect(threaded.code).toBe(single.code);
  });

  it("apply --rule and --no-config as this thread does", () => {
    // The config turns on no-broken-link, which is off by default.
    const files: Record<string, string> = { "skill-lint.config.json": JSON.stringify({ rules: { "no-broken-link": "error" } }) };
    for (let i = 0; i < 8; i++) files[`skills/p${i}/SKILL.md`] = `---\nname: p${i}\ndescription: "Converts HCL files."\n---\n\n# P\n\nSee [the guide](missing.md).\n`;
    const dir = project(files);
    const configured = runCli(["-f", "compact", "--threads", "2"], dir);
    expect(configured.stdout.match(/error .*\[no-broken-link\]/g)).toHaveLength(8);
    const warned = runCli(["-f", "compact", "--threads", "2", "--rule", "no-broken-link: warn"], dir);
    expect(warned.stdout.match(/warning .*\[no-broken-link\]/g)).toHaveLength(8);
    const defaults = runCli(["-f", "compact", "--threads", "2", "--no-config"], dir);
    expect(defaults.stdout).not.toContain("[no-broken-link]");
    expect(defaults.code).toBe(0);
  });
});

describe("lintEach", () => {
  it("hands over each result in path order, keeping a doc's text only where a report shows it", async () => {
    // The built engine, so the run can spread over worker threads as the CLI's does.
    const { lintEach } = (await import("../dist/src/index.js")) as typeof import("../src/index.js");
    const files: Record<string, string> = {};
    for (let i = 0; i < 240; i++) {
      const name = `doc-${String(i).padStart(3, "0")}.md`;
      files[`skills/s${i % 7}/references/${name}`] = i % 5 === 0 ? "Use the Task tool to run it.\n" : `# Notes ${i}\n\nPlain notes.\n`;
      files[`skills/s${i % 7}/SKILL.md`] = `---\nname: s${i % 7}\ndescription: "Formats notes. Use when notes need formatting."\n---\n\n# S\n`;
    }
    const dir = project(files);
    const seen: string[] = [];
    let withText = 0;
    await lintEach(["."], { cwd: dir, threads: 2 }, (result) => {
      seen.push(result.filePath);
      if (result.source !== undefined) {
        withText++;
        expect(result.findings.length).toBeGreaterThan(0);
      }
    });
    expect(seen).toHaveLength(Object.keys(files).length);
    expect(seen).toEqual([...seen].sort());
    expect(withText).toBe(48);
  });
});

describe("--threads", () => {
  it("is capped at the number of cores, with a note on stderr", () => {
    const dir = project({ "skills/release-notes/SKILL.md": GOOD_SKILL });
    const cores = availableParallelism();
    const result = runCli(["--threads", String(cores + 50), "."], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(`skill-lint: warning: --threads ${cores + 50} is more than the ${cores} cores here; using ${cores}\n`);
  });
});
