import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { GOOD_SKILL, project, runCli } from "./helpers.js";

describe("--init", () => {
  it("writes a starter config that names the docs found and that skill-lint itself accepts", () => {
    const dir = project({
      "skills/release-notes/SKILL.md": GOOD_SKILL,
      "skills/changelog/SKILL.md": GOOD_SKILL.replace("release-notes", "changelog"),
      "agents/reviewer.md": "---\nname: reviewer\ndescription: Reviews code.\n---\n\nReview.\n",
    });
    const { code, stdout } = runCli(["--init"], dir);
    expect(code).toBe(0);
    expect(stdout).toBe("Wrote skill-lint.config.yaml (1 agent, 2 skills).\n");
    const text = readFileSync(path.join(dir, "skill-lint.config.yaml"), "utf8");
    expect(text).toContain("# Found here: 1 agent, 2 skills.");
    expect(parse(text).tools).toEqual({ preset: "claude-code" });
    expect(runCli([], dir).code).toBe(0);
  });

  it("refuses to replace an existing config", () => {
    const dir = project({ "skill-lint.config.json": "{}" });
    const { code, stderr } = runCli(["--init"], dir);
    expect(code).toBe(2);
    expect(stderr).toContain("already exists");
    expect(readFileSync(path.join(dir, "skill-lint.config.json"), "utf8")).toBe("{}");
  });
});

describe("--print-config", () => {
  it("shows the kind, config file, rule settings and tools that apply to a file", () => {
    const dir = project({
      "skill-lint.config.json": JSON.stringify({
        tools: { preset: "claude-code@2.1.0" },
        overrides: [{ files: "playbooks/**", kind: "command", rules: { "no-unknown-tool": "warn" } }],
      }),
    });
    const { code, stdout } = runCli(["--print-config", "playbooks/deploy.md"], dir);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as { kind: string; configFile: string; rules: Record<string, unknown>; tools: { names: string[] } };
    expect(printed.kind).toBe("command");
    expect(printed.configFile).toBe(path.join(dir, "skill-lint.config.json"));
    expect(printed.rules["no-unknown-tool"]).toBe("warn");
    expect(printed.tools.names).toContain("Task");
    expect(printed.tools.names).not.toContain("Agent");
  });
});
