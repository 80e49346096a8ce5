import { spawn } from "node:child_process";
import { readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lint } from "../src/index.js";
import { BROKEN_SKILL, CLI, GOOD_SKILL, project } from "./helpers.js";

/** Runs the CLI without waiting for it, so that two runs overlap. */
function startCli(args: string[], cwd: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: "1" } });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A skill named after its folder, as skill-name wants: broken (one frontmatter-yaml finding) or clean. */
function skill(name: string, broken: boolean): string {
  return broken ? BROKEN_SKILL.replace("name: parse", `name: ${name}`) : GOOD_SKILL.replace("name: release-notes", `name: ${name}`);
}

/** `file line:col rule-id` of every finding in a JSON report, paths relative to the project. */
function findingsOf(stdout: string, dir: string): string[] {
  const results = JSON.parse(stdout) as { filePath: string; messages: { line: number; column: number; ruleId: string }[] }[];
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(dir, r.filePath)} ${m.line}:${m.column} ${m.ruleId}`)).sort();
}

describe("two runs sharing one --cache-location", () => {
  it("never corrupt it: both agree, and a third run reads it without a warning", async () => {
    // 300 files: enough that both runs spread them over worker threads and overlap for a while.
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`skills/skill-${i}/SKILL.md`] = skill(`skill-${i}`, i % 3 === 0);
    const dir = project(files);
    const args = ["--cache", "--cache-location", "shared-cache", "--format", "json", "."];
    const [first, second] = await Promise.all([startCli(args, dir), startCli(args, dir)]);
    for (const run of [first, second]) {
      expect(run.stderr).toBe("");
      expect(run.code).toBe(1);
    }
    const expected = findingsOf(first.stdout, dir);
    expect(expected).toHaveLength(100);
    expect(findingsOf(second.stdout, dir)).toEqual(expected);

    // Whichever run renamed its file last, the cache is whole JSON holding every file.
    const stored = JSON.parse(readFileSync(path.join(dir, "shared-cache/cache.json"), "utf8")) as { files: Record<string, unknown> };
    expect(Object.keys(stored.files)).toHaveLength(300);
    const third = await startCli(args, dir);
    expect(third.stderr).not.toContain("corrupt");
    expect(third.stderr).toBe("");
    expect(third.code).toBe(1);
    expect(findingsOf(third.stdout, dir)).toEqual(expected);
  });
});

it("lints a 50 MB file with the text rules, says the structure rules were skipped, and does not run out of memory", async () => {
  // A tree of 50 MB would take micromark minutes (and grows faster than the text with many lists), so a file
  // over 1,000,000 characters is not parsed: the frontmatter and text rules still run, and a warning says so.
  const section = (i: number) => `## Step ${i}\n\nRead the notes for step ${i}, then write the summary in plain words.\n\n- Check the inputs.\n\n`;
  const parts: string[] = ["---\nname: runbook\n---\n\n# Runbook\n\n"];
  let size = parts[0]!.length;
  let sections = 0;
  while (size < 50 * 1024 * 1024) {
    const text = section(sections++);
    parts.push(text);
    size += text.length;
  }
  // A path the structure-reading rule would check, and at the very end a byte that is not UTF-8.
  const LAST = "Run scripts\\cleanup.py, then serve the cr";
  parts.push(`## Last\n\n${LAST}`);
  const head = parts.join("");
  const lastLine = head.split("\n").length;
  // no-windows-paths is off by default: turned on, it is a rule that reads the structure.
  const dir = project({ "skill-lint.config.json": JSON.stringify({ rules: { "no-windows-paths": "warn" } }) });
  writeFileSync(path.join(dir, "runbook.md"), Buffer.concat([Buffer.from(head), Buffer.from([0xe8]), Buffer.from("me cold.\n")]));
  const { code, stdout, stderr } = await startCli(["--format", "compact", "runbook.md"], dir);
  expect(stderr).toMatch(/^skill-lint: warning: .*runbook\.md: 52\.\d million characters, over the 1,000,000 that are parsed as markdown; the rules that read its structure were skipped\n$/);
  expect(code).toBe(0);
  expect(stdout.trimEnd().split("\n")).toEqual([
    expect.stringMatching(new RegExp(`^runbook\\.md:${lastLine}:5: warning Unexpected backslashes in \`scripts\\\\cleanup\\.py\`.*\\[no-windows-paths\\]$`)),
    expect.stringMatching(new RegExp(`^runbook\\.md:${lastLine}:${LAST.length + 1}: warning Invalid UTF-8.*\\[encoding\\]$`)),
  ]);
}, 60_000);

it("reports a file deleted during the run and lints the rest", async () => {
  // More files than the engine reads ahead (32), so the last one is read after the first is linted.
  const files: Record<string, string> = {};
  for (let i = 0; i < 40; i++) {
    const name = `skill-${String(i).padStart(2, "0")}`;
    files[`skills/${name}/SKILL.md`] = skill(name, i === 0);
  }
  const dir = project(files);
  const vanishing = path.join(dir, "skills/skill-39/SKILL.md");
  const results = await lint(["."], {
    cwd: dir,
    threads: 1,
    progress: (done) => {
      if (done === 1) unlinkSync(vanishing);
    },
  });
  expect(results).toHaveLength(40);
  const gone = results.find((r) => r.filePath === vanishing)!;
  // As an unreadable file: a fatal result (the CLI prints it and exits 2), not a crash or a silent skip.
  expect(gone.fatal).toBe("cannot read file (ENOENT)");
  expect(gone.findings).toEqual([]);
  const rest = results.filter((r) => r !== gone);
  expect(rest.every((r) => r.fatal === undefined)).toBe(true);
  expect(rest.filter((r) => r.errorCount > 0).map((r) => path.relative(dir, r.filePath))).toEqual([path.join("skills", "skill-00", "SKILL.md")]);
});

it("stops writing, but finishes the run and keeps its exit code, when the reader closes the pipe early", async () => {
  const files: Record<string, string> = {};
  for (let i = 0; i < 300; i++) files[`skills/skill-${i}/SKILL.md`] = skill(`skill-${i}`, true);
  const dir = project(files);
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, "."], { cwd: dir, env: { ...process.env, NO_COLOR: "1" } });
    let stderr = "";
    // As `skill-lint | head -1` does: read the first chunk, then close the pipe.
    child.stdout.once("data", () => child.stdout.destroy());
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (exit) => resolve({ code: exit, stderr }));
  });
  expect(stderr).toBe("");
  expect(code).toBe(1);
});
