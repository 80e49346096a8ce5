/**
 * The Claude Code toolset: src/hosts/claude-code/tools.generated.json must be what the generator makes of the
 * cache of npm reads, and the presets built from it must say what the releases say.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CLAUDE_CODE_TOOLS, spanAt } from "../src/hosts/claude-code/tools.js";
import { isClaudeCodeToolName, LATEST_CLAUDE_CODE, resolveToolset } from "../src/toolset.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SCRIPT = path.join(ROOT, "scripts/hosts/claude-code-tools.mjs");
const GENERATED = path.join(ROOT, "src/hosts/claude-code/tools.generated.json");
const CACHE = path.join(process.env.SKILL_LINT_HOSTS_CACHE || path.join(os.homedir(), ".cache", "skill-lint", "hosts"), "claude-code");
const hasCache = existsSync(path.join(CACHE, "versions.json"));

const preset = (version?: string) => resolveToolset({ preset: version ? `claude-code@${version}` : "claude-code" });

describe("tools.generated.json", () => {
  const current = hasCache
    ? "is what the generator makes of the cache (after a fetch, `npm run hosts:claude-code -- generate` rewrites it)"
    : `is current: skipped, no cache at ${CACHE}; fill it with \`npm run hosts:claude-code -- fetch\``;
  (hasCache ? it : it.skip)(current, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "skill-lint-tools-"));
    try {
      const out = path.join(dir, "tools.generated.json");
      execFileSync(process.execPath, [SCRIPT, "generate", "--out", out], { stdio: "pipe" });
      expect(readFileSync(out, "utf8")).toBe(readFileSync(GENERATED, "utf8"));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("has every change point between two consecutive releases, each fact with its npm source", () => {
    const text = readFileSync(GENERATED, "utf8");
    expect(text).not.toMatch(/"(?:after|untilAfter)"/);
    const data = JSON.parse(text) as { tools: Record<string, { defined?: { source: string }[] }> };
    for (const [name, entry] of Object.entries(data.tools)) {
      for (const range of entry.defined ?? []) expect(range.source, name).toMatch(/^npm:@anthropic-ai\/claude-code(?:-linux-x64)?@\d+\.\d+\.\d+\/(?:cli\.m?js|claude)$/);
    }
  });
});

describe("claude-code presets", () => {
  it("serve the newest release read by default", () => {
    expect(LATEST_CLAUDE_CODE).toBe(CLAUDE_CODE_TOOLS.newest);
    expect(preset().version).toBe(LATEST_CLAUDE_CODE);
  });

  it("2.1.62 knows Task, not Agent, and says when Agent arrived", () => {
    const tools = preset("2.1.62");
    expect(tools.has("Task")).toBe(true);
    expect(tools.has("Agent")).toBe(false);
    expect(tools.lookup("Agent")).toEqual({ status: "unknown", name: "Agent", suggestion: "Task", since: "2.1.63" });
  });

  it("2.1.63 renamed Task to Agent and still accepts Task", () => {
    const tools = preset("2.1.63");
    expect(tools.has("Agent")).toBe(true);
    expect(tools.lookup("Task")).toEqual({ status: "renamed", name: "Task", to: "Agent", version: "2.1.63", accepted: true });
    expect(preset().lookup("Task")).toEqual({ status: "renamed", name: "Task", to: "Agent", version: "2.1.63", accepted: true });
  });

  it("2.1.178 no longer has TeamCreate and TeamDelete; 2.1.177 has them", () => {
    expect(preset("2.1.177").has("TeamCreate")).toBe(true);
    const tools = preset("2.1.178");
    expect(tools.has("TeamCreate")).toBe(false);
    expect(tools.lookup("TeamCreate")).toMatchObject({ status: "removed", version: "2.1.178", instead: "Agent" });
    expect(tools.lookup("TeamDelete")).toMatchObject({ status: "removed", version: "2.1.178" });
  });

  it("TaskOutput: a tool up to 2.1.82, deprecated in favour of Read from 2.1.83, gone from 2.1.277", () => {
    expect(preset("2.1.82").lookup("TaskOutput")).toEqual({ status: "known", name: "TaskOutput" });
    const deprecated = preset("2.1.90").lookup("TaskOutput");
    expect(deprecated).toMatchObject({ status: "deprecated", version: "2.1.83", instead: "Read" });
    expect(preset("2.1.90").has("TaskOutput")).toBe(false);
    expect(preset("2.1.276").lookup("TaskOutput").status).toBe("deprecated");
    expect(preset("2.1.277").lookup("TaskOutput")).toMatchObject({ status: "removed", version: "2.1.277", instead: "Read" });
    // Added by hand, a tool is taken as it is.
    expect(resolveToolset({ preset: "claude-code@2.1.90", add: ["TaskOutput"] }).has("TaskOutput")).toBe(true);
  });

  it("BashOutput became TaskOutput in 2.0.65", () => {
    expect(preset("2.0.64").has("BashOutput")).toBe(true);
    expect(preset("2.0.65").lookup("BashOutput")).toEqual({ status: "renamed", name: "BashOutput", to: "TaskOutput", version: "2.0.65" });
  });

  it("the newest release has the names its program lists, and its aliases", () => {
    const tools = preset();
    const added = ["ClaudeDesign", "OfferChromeSetup", "Projects", "ReadMcpResourceDirTool", "ReadNotifications", "SendUserMessage", "SetGoal", "ShowOnboardingRolePicker", "SubagentHandback", "propose_skills"];
    for (const name of [...added, "Agent", "Bash", "Skill", "LSP", "ToolSearch", "TaskStop", "ListAgents"]) expect(tools.has(name), name).toBe(true);
    for (const name of ["TaskOutput", "TeamCreate", "TeamDelete", "Task", "KillShell", "LS", "MultiEdit"]) expect(tools.has(name), name).toBe(false);
    expect(tools.names.size).toBe(54);
    expect(tools.lookup("KillShell")).toMatchObject({ status: "renamed", to: "TaskStop", accepted: true });
    expect(tools.lookup("KillBash")).toMatchObject({ status: "renamed", to: "TaskStop", accepted: true });
    expect(tools.lookup("ProposeGoal")).toMatchObject({ status: "renamed", to: "SetGoal", accepted: true });
    expect(tools.lookup("Brief")).toMatchObject({ status: "renamed", to: "SendUserMessage", accepted: true });
    expect(tools.lookup("MultiEdit")).toMatchObject({ status: "removed", version: "2.0.0", instead: "Edit" });
  });

  it("2.1.0 knows Task, TaskOutput and KillShell; SlashCommand left in 2.0.73", () => {
    const tools = preset("2.1.0");
    for (const name of ["Task", "TaskOutput", "KillShell", "Skill", "LSP"]) expect(tools.has(name), name).toBe(true);
    expect(tools.lookup("SlashCommand")).toMatchObject({ status: "removed", version: "2.0.73", instead: "Skill" });
    expect(tools.lookup("TaskStop")).toMatchObject({ status: "unknown", since: "2.1.19", suggestion: "KillShell" });
  });

  it("tracks the parameters the background rules need", () => {
    const agent = CLAUDE_CODE_TOOLS.parameters.get("Agent")!;
    expect(agent.get("run_in_background")?.[0]?.since).toBe("2.0.60");
    expect(spanAt(agent.get("resume"), "2.1.76")).toBeDefined();
    expect(spanAt(agent.get("resume"), "2.1.77")).toBeUndefined();
    expect(CLAUDE_CODE_TOOLS.parameters.get("Bash")!.get("run_in_background")?.[0]?.since).toBe("1.0.86");
    expect(spanAt(CLAUDE_CODE_TOOLS.agentBackgroundByDefault, "2.1.197")).toBeUndefined();
    expect(spanAt(CLAUDE_CODE_TOOLS.agentBackgroundByDefault, LATEST_CLAUDE_CODE)).toBeDefined();
  });

  it("knows former names as Claude Code tool names", () => {
    for (const name of ["Task", "TeamCreate", "TaskOutput", "KillBash", "BashOutputTool", "Agent"]) expect(isClaudeCodeToolName(name), name).toBe(true);
    expect(isClaudeCodeToolName("Spawn")).toBe(false);
  });

  it("a plain list has no version: a former name of a listed tool is a rename", () => {
    const tools = resolveToolset(["Agent", "Read"]);
    expect(tools.lookup("Task")).toMatchObject({ status: "renamed", to: "Agent" });
    expect(tools.lookup("TaskOutput")).toMatchObject({ status: "removed" });
  });
});
