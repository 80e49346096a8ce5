// What `npm pack` produces must work on its own: installed into an empty project, without this repository's
// dev dependencies, it runs as `npx skill-lint` and exports the API.
import { existsSync, mkdtempSync, readdirSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROKEN_SKILL, GOOD_SKILL, project, commandRunner } from "./helpers.js";

const REPO_ROOT = path.resolve(import.meta.dirname, "..");
const env = { ...process.env, NO_COLOR: "1" };

let root = "";
let consumer = "";

const { run, must } = commandRunner(() => env);

describe("the packed package", { timeout: 60_000 }, () => {
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), "skill-lint-pack-"));
    // `npm test` has just built dist/; packing without the prepare script keeps it from being rewritten while
    // other test files run the CLI from it.
    must("npm", ["pack", "--ignore-scripts", "--pack-destination", root], REPO_ROOT);
    const tarballs = readdirSync(root).filter((name) => name.endsWith(".tgz"));
    expect(tarballs).toHaveLength(1);
    consumer = project({ "package.json": `${JSON.stringify({ name: "consumer", version: "1.0.0", private: true })}\n` });
    must("npm", ["install", "--no-audit", "--no-fund", path.join(root, tarballs[0]!)], consumer);
  }, 600_000);

  afterAll(() => {
    for (const dir of [root, consumer]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("installs without the dev dependencies", () => {
    expect(existsSync(path.join(consumer, "node_modules", "skill-lint", "dist", "src", "cli.js"))).toBe(true);
    for (const dev of ["typescript", "vitest", "@types/node"]) {
      expect(existsSync(path.join(consumer, "node_modules", dev)), dev).toBe(false);
    }
  });

  it("runs as npx skill-lint: exit 1 with the finding for a broken doc", () => {
    const docs = project({ "skills/parse/SKILL.md": BROKEN_SKILL });
    const result = run("npx", ["--no", "skill-lint", docs], consumer);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/3:34 +error +Invalid YAML in frontmatter.*frontmatter-yaml/);
    expect(result.status).toBe(1);
  });

  it("runs as npx skill-lint: exit 0 for a good doc", () => {
    const docs = project({ "skills/notes/SKILL.md": GOOD_SKILL });
    const result = run("npx", ["--no", "skill-lint", docs], consumer);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("✔ 1 file linted, no problems");
    expect(result.status).toBe(0);
  });

  it("prints its version and ships the rule pages", () => {
    expect(must("npx", ["--no", "skill-lint", "--version"], consumer).trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(existsSync(path.join(consumer, "node_modules", "skill-lint", "docs", "rules", "frontmatter-yaml.md"))).toBe(true);
  });

  it("links each finding's rule to its page where the package is installed", () => {
    const docs = project({ "skills/parse/SKILL.md": BROKEN_SKILL });
    const log = JSON.parse(run("npx", ["--no", "--", "skill-lint", "--format", "sarif", docs], consumer).stdout) as {
      runs: { tool: { driver: { rules: { id: string; helpUri: string }[] } } }[];
    };
    const page = log.runs[0]!.tool.driver.rules.find((rule) => rule.id === "frontmatter-yaml")!.helpUri;
    const installed = path.join(realpathSync(consumer), "node_modules", "skill-lint", "docs", "rules", "frontmatter-yaml.md");
    expect(page).toBe(pathToFileURL(installed).href);
    expect(existsSync(installed)).toBe(true);
  });

  it("loads with require() where Node.js can, and says it is ESM only where it cannot", () => {
    expect(must(process.execPath, ["-e", 'console.log(typeof require("skill-lint").lint)'], consumer).trim()).toBe("function");
    // Node.js releases without require() of ES modules act as this flag makes Node.js 20.19 act.
    const old = run(process.execPath, ["--no-experimental-require-module", "-e", 'require("skill-lint")'], consumer);
    expect(old.status).toBe(1);
    expect(old.stderr).toContain('Error: skill-lint is ESM only: use import() or `import { lint } from "skill-lint"`');
  });

  it("ships the problem matcher, the license and the action", () => {
    for (const file of ["problem-matcher.json", "LICENSE", "action.yml", "action/run.sh", "action/node.sh", "action/summary.mjs"]) {
      expect(existsSync(path.join(consumer, "node_modules", "skill-lint", file)), file).toBe(true);
    }
  });

  it("exports lint to import('skill-lint')", () => {
    const script = 'import("skill-lint").then((m) => console.log(typeof m.lint, typeof m.lintText))';
    expect(must(process.execPath, ["-e", script], consumer).trim()).toBe("function function");
  });
});
