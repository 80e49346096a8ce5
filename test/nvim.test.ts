import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLI, project } from "./helpers.js";

const nvim = spawnSync("nvim", ["--version"], { encoding: "utf8" });
const available = nvim.status === 0;
if (!available) console.warn("test/nvim.test.ts: skipped, `nvim` is not installed (apt-get install -y neovim brings it)");

const SKILL = `---
name: demo
description: Runs the demo checks when asked to verify that the demo project works end to end.
allowed-tools: Task, Read
---

# Demo

Run the checks.
`;

describe.skipIf(!available)("skill-lint --lsp in headless Neovim", () => {
  it("shows the renamed tool, applies the code action, and then shows no diagnostic", () => {
    const root = project({ ".git/HEAD": "ref: refs/heads/main\n", ".claude/skills/demo/SKILL.md": SKILL });
    const out = path.join(root, "nvim-result.json");
    const run = spawnSync("nvim", ["--headless", "--clean", "-c", `luafile ${path.resolve(import.meta.dirname, "nvim/fix-renamed-tool.lua")}`], {
      cwd: root,
      encoding: "utf8",
      timeout: 120_000,
      env: {
        ...process.env,
        SKILL_LINT_FILE: path.join(root, ".claude/skills/demo/SKILL.md"),
        SKILL_LINT_OUT: out,
        SKILL_LINT_ROOT: root,
        SKILL_LINT_NODE: process.execPath,
        SKILL_LINT_CLI: CLI,
      },
    });
    expect(run.error).toBeUndefined();
    const result = JSON.parse(readFileSync(out, "utf8")) as Record<string, unknown>;
    expect(result.error).toBeUndefined();
    expect(result.before).toMatchObject({ lnum: 3, col: 15, end_col: 19, code: "no-unknown-tool" });
    expect((result.before as { message: string }).message).toContain("write `Agent` instead");
    expect(result.actions).toContain("Fix: write `Agent`");
    expect(result.line).toBe("allowed-tools: Agent, Read");
    expect(result.cleared).toBe(true);
    expect(result.after).toBe(0);
  });
});
