import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, ConfigResolver, lintText } from "../src/index.js";
import { project } from "./helpers.js";

function configError(config: unknown, cwd?: string): string {
  try {
    new ConfigResolver({ config: config as never, ...(cwd ? { cwd } : {}) });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

const RUNBOOK_SCHEMA = JSON.stringify({ type: "object", required: ["owner"], properties: { owner: { type: "string" } } });

describe("target, kinds and schemas in config", () => {
  it("rejects a bad target, kind entry or schema path in one line naming the key", () => {
    expect(configError({ target: "agentskills" })).toBe(
      '<config>: "target" must be one of "claude-code", "copilot", "codex", "gemini-cli", "cursor", "opencode", "agent-skills" (did you mean "agent-skills"?)',
    );
    expect(configError({ targets: ["claude-code", "copilto"] })).toContain('"targets[1]" must be one of');
    expect(configError({ targets: ["claude-code", "copilto"] })).toContain('(did you mean "copilot"?)');
    expect(configError({ targets: [] })).toContain('"targets" must be a non-empty array of hosts');
    expect(configError({ kinds: [{ name: "skill", files: "x/**" }] })).toContain('"kinds[0].name" "skill" is a built-in kind');
    expect(configError({ kinds: [{ name: "runbook", file: "x/**" }] })).toContain('unknown key "kinds[0].file" (did you mean "files"?)');
    expect(configError({ kinds: [{ name: "runbook", files: "x/**", requiredSections: "Steps" }] })).toContain('"kinds[0].requiredSections" must be');
    expect(configError({ schemas: { skills: "s.json" } })).toContain('unknown kind "schemas.skills" (did you mean "skill"?)');
    expect(configError({ overrides: [{ files: "x/**", kind: "runbok" }], kinds: [{ name: "runbook", files: "r/**" }] })).toContain(
      "must be one of skill, skill-reference, agent, command, solution, doc, manifest, runbook",
    );
  });

  it("reports a missing or invalid schema file when the config loads", () => {
    const dir = project({ "broken.json": JSON.stringify({ type: "objekt" }), "bad.json": "{ nope" });
    expect(configError({ schemas: { skill: "missing.json" } }, dir)).toContain('"schemas.skill": cannot read');
    expect(configError({ kinds: [{ name: "runbook", files: "r/**", schema: "bad.json" }] }, dir)).toContain("is not valid JSON");
    expect(configError({ kinds: [{ name: "runbook", files: "r/**", schema: "broken.json" }] }, dir)).toContain("is not a valid JSON Schema");
  });

  it("exposes the target and schemas, and gives a user kind's files its schema", () => {
    const dir = project({ "runbook.schema.json": RUNBOOK_SCHEMA });
    const config = {
      target: "agent-skills",
      kinds: [{ name: "runbook", files: "runbooks/**", schema: "runbook.schema.json" }],
      rules: { "frontmatter-schema": "error" },
    };
    const resolved = new ConfigResolver({ config: config as never, cwd: dir }).resolve(path.join(dir, "runbooks/failover.md"));
    expect(resolved.targets).toEqual(["agent-skills"]);
    expect(resolved.userKind?.name).toBe("runbook");
    expect(resolved.kind).toBe("doc");
    expect([...resolved.schemas.keys()]).toEqual(["runbook"]);
    const result = lintText("---\ntitle: Failover\n---\n\n# Failover\n", { filePath: "runbooks/failover.md", cwd: dir, config: config as never });
    expect(result.findings.map((f) => `${f.line}:${f.column} ${f.ruleId}`)).toEqual(["1:1 frontmatter-schema"]);
  });

  it("replaces a built-in kind's schema", () => {
    const dir = project({ "skill.schema.json": JSON.stringify({ type: "object", required: ["owner"] }) });
    const text = "---\nname: notes\ndescription: Writes notes. Use when asked.\n---\n\n# Notes\n";
    const result = lintText(text, { filePath: "skills/notes/SKILL.md", cwd: dir, config: { schemas: { skill: "skill.schema.json" }, rules: { "frontmatter-schema": "error" } } });
    expect(result.findings.map((f) => f.message)).toEqual([expect.stringContaining("Missing `owner` in frontmatter; the skill schema (skill.schema.json)")]);
  });
});
