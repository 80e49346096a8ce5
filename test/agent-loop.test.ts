import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BROKEN_SKILL, CLI, FORMER_DEFAULTS_ON, GOOD_SKILL, project, runCli } from "./helpers.js";

const REPO = path.resolve(import.meta.dirname, "..");
const BAD_NAME = "---\nname: Bad Name\ndescription: Drafts release notes from merged pull requests.\n---\n\n# Notes\n";

function hookEvent(tool: string, filePath: string, cwd: string): string {
  return JSON.stringify({ session_id: "s", hook_event_name: "PostToolUse", tool_name: tool, tool_input: { file_path: filePath, content: "" }, tool_response: {}, cwd });
}

describe("--hook claude-code", () => {
  const dir = project({ ".git/HEAD": "", ...FORMER_DEFAULTS_ON, ".claude/skills/notes/SKILL.md": BAD_NAME, ".claude/skills/good/SKILL.md": GOOD_SKILL, "README.md": "# Readme\n", "notes/todo.md": BROKEN_SKILL });

  it("answers exit 2 with the errors and their fix on stderr when the agent doc just written has errors", () => {
    const { code, stdout, stderr } = runCli(["--hook", "claude-code"], tmpdir(), hookEvent("Write", ".claude/skills/notes/SKILL.md", dir));
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^\.claude\/skills\/notes\/SKILL\.md:2:7 skill-name .*Bad Name/m);
    expect(stderr).toContain('replace "Bad Name" with "notes"');
  });

  it("takes an absolute file_path, and Edit and MultiEdit as Write", () => {
    for (const tool of ["Edit", "MultiEdit"]) {
      const { code, stderr } = runCli(["--hook", "claude-code"], dir, hookEvent(tool, path.join(dir, ".claude/skills/notes/SKILL.md"), dir));
      expect(code).toBe(2);
      expect(stderr).toContain("skill-name");
    }
  });

  it("answers exit 0 and nothing for a clean doc, a file no host loads, a missing file and other tools", () => {
    for (const [tool, file] of [["Write", ".claude/skills/good/SKILL.md"], ["Write", "README.md"], ["Edit", "notes/todo.md"], ["Write", "gone.md"], ["Read", ".claude/skills/notes/SKILL.md"], ["Bash", ""]] as const) {
      const result = runCli(["--hook", "claude-code"], dir, hookEvent(tool, file, dir));
      expect({ tool, file, ...result }).toEqual({ tool, file, code: 0, stdout: "", stderr: "" });
    }
  });

  it("never blocks on warnings", () => {
    const warned = project({ ".git/HEAD": "", ".claude/skills/notes/SKILL.md": BAD_NAME });
    const { code, stderr } = runCli(["--hook", "claude-code", "--rule", "skill-name: warn"], warned, hookEvent("Write", ".claude/skills/notes/SKILL.md", warned));
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
  });

  it("answers bad input with one line and exit 1, an error that does not block the agent", () => {
    for (const input of ["not json", "[1]", ""]) {
      const { code, stderr } = runCli(["--hook", "claude-code"], dir, input);
      expect(code).toBe(1);
      expect(stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(stderr).toMatch(/^skill-lint: --hook claude-code: standard input is not/);
    }
  });

  it("reports a config that does not load as an error that does not block", () => {
    const broken = project({ ".git/HEAD": "", ".claude/skills/notes/SKILL.md": BAD_NAME, "skill-lint.config.json": "{ nope" });
    const { code, stderr } = runCli(["--hook", "claude-code"], broken, hookEvent("Write", ".claude/skills/notes/SKILL.md", broken));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^skill-lint: --hook claude-code: .*skill-lint\.config\.json/);
    expect(stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("refuses an unknown host with the known ones", () => {
    const { code, stderr } = runCli(["--hook", "cursor"], dir, "{}");
    expect(code).toBe(2);
    expect(stderr).toBe('skill-lint: unknown --hook "cursor" (expected one of: claude-code)\n');
  });
});

describe("the Claude Code plugin of this repository", () => {
  it("lints clean with skill-lint, its SKILL.md and both manifests", () => {
    const { code, stdout } = runCli(["-f", "json", "plugins/skill-lint", ".claude-plugin/marketplace.json"], REPO);
    expect(code).toBe(0);
    const results = JSON.parse(stdout) as Array<{ filePath: string; messages: unknown[] }>;
    expect(results.map((r) => path.relative(REPO, r.filePath)).sort()).toEqual([".claude-plugin/marketplace.json", "plugins/skill-lint/.claude-plugin/plugin.json", "plugins/skill-lint/skills/skill-lint/SKILL.md"]);
    expect(results.flatMap((r) => r.messages)).toEqual([]);
  });

  it("registers the hook for Write, Edit and MultiEdit", () => {
    const hooks = JSON.parse(readFileSync(path.join(REPO, "plugins/skill-lint/hooks/hooks.json"), "utf8"));
    expect(hooks.hooks.PostToolUse).toEqual([{ matcher: "Write|Edit|MultiEdit", hooks: [expect.objectContaining({ type: "command", command: "npx --no-install skill-lint --hook claude-code" })] }]);
  });
});

/** Claude Code's CLI: SKILL_LINT_CLAUDE, else `claude` on PATH (.ci/run installs it from npm). */
const CLAUDE = process.env.SKILL_LINT_CLAUDE || (spawnSync("claude", ["--version"], { encoding: "utf8" }).status === 0 ? "claude" : "");
const NO_CLAUDE = "skipped: Claude Code is not installed (npm install --prefix DIR @anthropic-ai/claude-code, then SKILL_LINT_CLAUDE=DIR/node_modules/.bin/claude)";
if (!CLAUDE) console.log(`claude plugin validate: ${NO_CLAUDE}`);

describe.skipIf(!CLAUDE)(CLAUDE ? "claude plugin validate" : `claude plugin validate (${NO_CLAUDE})`, { timeout: 120_000 }, () => {
  const home = mkdtempSync(path.join(tmpdir(), "skill-lint-claude-home-"));
  const claude = (...args: string[]) =>
    spawnSync(CLAUDE, args, {
      cwd: REPO,
      encoding: "utf8",
      timeout: 110_000,
      env: { ...process.env, HOME: home, DISABLE_AUTOUPDATER: "1", CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: "1", DISABLE_TELEMETRY: "1" },
    });

  it.each(["plugins/skill-lint", "."])("passes %s, warnings as errors", (target) => {
    const result = claude("plugin", "validate", "--strict", target);
    expect(`${result.stdout}${result.stderr}`).toContain("Validation passed");
    expect(result.status).toBe(0);
  });

  it("installs the plugin from the repository's marketplace, with its skill and its PostToolUse hook", () => {
    expect(claude("plugin", "marketplace", "add", REPO).status).toBe(0);
    expect(claude("plugin", "install", "skill-lint@skill-lint").status).toBe(0);
    const details = claude("plugin", "details", "skill-lint@skill-lint");
    expect(details.stdout).toMatch(/Skills \(1\)\s+skill-lint/);
    expect(details.stdout).toMatch(/Hooks \(1\)\s+PostToolUse/);
  });
});

describe("--mcp", { timeout: 60_000 }, () => {
  let client: Client;
  const dir = project({ ".git/HEAD": "", ...FORMER_DEFAULTS_ON, ".claude/skills/notes/SKILL.md": BAD_NAME });

  beforeAll(async () => {
    client = new Client({ name: "skill-lint-test", version: "1.0.0" });
    await client.connect(new StdioClientTransport({ command: process.execPath, args: [CLI, "--mcp"], cwd: dir, stderr: "pipe" }));
  });
  afterAll(async () => {
    await client?.close();
  });

  const call = async (name: string, args: Record<string, unknown>) => {
    const result = (await client.callTool({ name, arguments: args })) as { content: Array<{ type: string; text: string }>; isError?: boolean };
    return { text: result.content[0]!.text, isError: Boolean(result.isError) };
  };

  it("lists lint, fix and explain_rule", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(["explain_rule", "fix", "lint"]);
  });

  it("lints paths and text, answering what -f json prints", async () => {
    const byPath = await call("lint", { paths: [".claude/skills/notes/SKILL.md"] });
    expect(JSON.parse(byPath.text)).toEqual(JSON.parse(runCli(["-f", "json", ".claude/skills/notes/SKILL.md"], dir).stdout));
    const byText = JSON.parse((await call("lint", { text: BAD_NAME, filename: ".claude/skills/notes/SKILL.md" })).text);
    expect(byText[0].messages.map((m: { ruleId: string }) => m.ruleId)).toContain("skill-name");
  });

  it("fixes text, and files in place", async () => {
    const broken = '---\nname: notes\ndescription: "Drafts notes" when asked.\n---\n\n# Notes\n';
    const expected = broken.replace('"Drafts notes" when asked.', '"\\"Drafts notes\\" when asked."');
    expect(await call("fix", { text: broken, filename: ".claude/skills/notes/SKILL.md" })).toEqual({ text: expected, isError: false });
    const inPlace = project({ ".git/HEAD": "", ".claude/skills/notes/SKILL.md": broken });
    const answer = JSON.parse((await call("fix", { paths: [path.join(inPlace, ".claude/skills/notes/SKILL.md")] })).text);
    expect(answer[0].messages).toEqual([]);
    expect(readFileSync(path.join(inPlace, ".claude/skills/notes/SKILL.md"), "utf8")).toBe(expected);
  });

  it("explains a rule from its docs page, and names the rules for an unknown id", async () => {
    const explained = await call("explain_rule", { id: "skill-name" });
    expect(explained.isError).toBe(false);
    expect(explained.text).toContain('"id": "skill-name"');
    expect(explained.text).toContain(readFileSync(path.join(REPO, "docs/rules/skill-name.md"), "utf8"));
    const unknown = await call("explain_rule", { id: "no-such-rule" });
    expect(unknown.isError).toBe(true);
    expect(unknown.text).toContain("skill-name");
  });

  it("refuses a call with neither paths nor text", async () => {
    expect(await call("lint", {})).toEqual({ text: "give paths (files, folders or globs) or text", isError: true });
  });
});
