import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { project, runCli } from "./helpers.js";

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
    const single = runCli(["-f", "json", "--threads", "1"], dir);
    const threaded = runCli(["-f", "json", "--threads", "2"], dir);
    const results = JSON.parse(threaded.stdout) as { messages: unknown[] }[];
    expect(results.length).toBe(Object.keys(files).length);
    expect(results.some((r) => r.messages.length > 0)).toBe(true);
    expect(threaded.stdout).toBe(single.stdout);
    expect(threaded.code).toBe(single.code);
  });
});
