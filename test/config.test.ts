import { writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createSuppressor, readDirectives } from "../src/directives.js";
import { Doc } from "../src/document.js";
import { ConfigError, ConfigResolver, lintText, rules } from "../src/index.js";
import { BROKEN_SKILL, project, runCli } from "./helpers.js";

function configError(config: unknown): string {
  try {
    new ConfigResolver({ config: config as never });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected a ConfigError");
}

describe("config validation", () => {
  it("names an unknown key, with a suggestion for a near miss", () => {
    expect(configError({ rule: {} })).toBe('<config>: unknown key "rule" (did you mean "rules"?)');
  });

  it("names an unknown rule id", () => {
    expect(configError({ rules: { "no-unknown-tools": "error" } })).toContain('unknown rule "no-unknown-tools" in "rules" (did you mean "no-unknown-tool"?)');
  });

  it("rejects a bad severity, an unknown option and a bad override", () => {
    expect(configError({ rules: { "frontmatter-yaml": "warning" } })).toContain('rule "frontmatter-yaml" has severity "warning"');
    expect(configError({ rules: { "frontmatter-yaml": ["warn", { strict: true }] } })).toContain('rule "frontmatter-yaml" has no option "strict"');
    expect(configError({ overrides: [{ files: "x/**", kind: "skills" }] })).toContain('"overrides[0].kind" must be one of');
    expect(configError({ tools: { preset: "cursor" } })).toContain('unknown tools preset "cursor"');
    expect(configError({ tools: { preset: "claude-code", extra: [] } })).toContain('unknown key "tools.extra"');
  });

  it("reports invalid JSON and YAML config files in one line with exit 2", () => {
    const dir = project({ "a.md": "# A\n", "skill-lint.config.json": "{ rules: }" });
    const json = runCli([], dir);
    expect(json.code).toBe(2);
    expect(json.stderr.trim().split("\n")).toHaveLength(1);
    expect(json.stderr).toContain(`${path.join(dir, "skill-lint.config.json")}: invalid JSON`);
    const yamlDir = project({ "a.md": "# A\n", "skill-lint.config.yaml": "rules:\n  - [\n" });
    const yaml = runCli([], yamlDir);
    expect(yaml.code).toBe(2);
    expect(yaml.stderr).toMatch(/skill-lint\.config\.yaml:\d+:\d+: invalid YAML/);
  });
});

describe("config resolution", () => {
  it("uses the nearest config upward from each file", () => {
    const dir = project({
      "skill-lint.config.json": JSON.stringify({ rules: { "frontmatter-yaml": "warn" } }),
      "skills/parse/SKILL.md": BROKEN_SKILL,
      "legacy/skill-lint.config.yaml": "rules:\n  frontmatter-yaml: off\n",
      "legacy/skills/parse/SKILL.md": BROKEN_SKILL,
    });
    const { stdout } = runCli(["--format", "json"], dir);
    const results = JSON.parse(stdout) as { filePath: string; warningCount: number; errorCount: number }[];
    const byPath = Object.fromEntries(results.map((r) => [path.relative(dir, r.filePath), r]));
    expect(byPath[path.join("skills", "parse", "SKILL.md")]).toMatchObject({ warningCount: 1, errorCount: 0 });
    expect(byPath[path.join("legacy", "skills", "parse", "SKILL.md")]).toMatchObject({ warningCount: 0, errorCount: 0 });
  });

  it("reads a \"skill-lint\" key in package.json", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN_SKILL });
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "x", "skill-lint": { rules: { "frontmatter-yaml": "off" } } }));
    expect(runCli([], dir).code).toBe(0);
  });

  it("applies overrides by glob, including a kind override", () => {
    const config = {
      overrides: [{ files: "playbooks/**", kind: "command" as const, rules: { "frontmatter-yaml": "off" as const } }],
    };
    const inPlaybook = lintText(BROKEN_SKILL, { filePath: "playbooks/deploy.md", config });
    expect(inPlaybook.kind).toBe("command");
    expect(inPlaybook.findings).toEqual([]);
    const elsewhere = lintText(BROKEN_SKILL, { filePath: "skills/parse/SKILL.md", config });
    expect(elsewhere.findings.map((f) => f.ruleId)).toEqual(["frontmatter-yaml"]);
  });
});

describe("inline directives", () => {
  const ruleIds = new Set(rules.map((rule) => rule.meta.id));
  const suppressorFor = (text: string) => {
    const suppressedBy = createSuppressor(readDirectives(new Doc(text), ruleIds).directives);
    return (ruleId: string, line: number) => suppressedBy(ruleId, line) !== undefined;
  };

  it("disable-next-line covers only the next line and only the named rule", () => {
    const isOff = suppressorFor("Intro\n<!-- skill-lint-disable-next-line no-unknown-tool -->\nUse the Spawn tool.\nUse it again.\n");
    expect(isOff("no-unknown-tool", 3)).toBe(true);
    expect(isOff("no-unknown-tool", 4)).toBe(false);
    expect(isOff("frontmatter-yaml", 3)).toBe(false);
  });

  it("disable and enable bound a range; without an id they cover every rule", () => {
    const isOff = suppressorFor(["a", "<!-- skill-lint-disable -->", "b", "<!-- skill-lint-enable -->", "c"].join("\n"));
    expect(isOff("no-unknown-tool", 1)).toBe(false);
    expect(isOff("no-unknown-tool", 3)).toBe(true);
    expect(isOff("prevention-checklist", 3)).toBe(true);
    expect(isOff("no-unknown-tool", 5)).toBe(false);
  });

  it("lists of ids are separated by spaces or commas", () => {
    const isOff = suppressorFor("<!-- skill-lint-disable no-unknown-tool, no-wait-on-background -->\nx\n");
    expect(isOff("no-wait-on-background", 2)).toBe(true);
    expect(isOff("no-unknown-tool", 2)).toBe(true);
    expect(isOff("self-contained-prompt", 2)).toBe(false);
  });

  it("a directive inside a code block or inline code has no effect", () => {
    const fenced = suppressorFor("# Title\n\n```markdown\n<!-- skill-lint-disable -->\n```\nx\n");
    expect(fenced("no-unknown-tool", 6)).toBe(false);
    const inline = suppressorFor("Write `<!-- skill-lint-disable -->` to switch rules off.\nx\n");
    expect(inline("no-unknown-tool", 2)).toBe(false);
  });
});

describe("ignores", () => {
  it("a root config's ignores hold under a folder that has a config of its own", () => {
    const dir = project({
      "skill-lint.config.json": JSON.stringify({ ignores: ["fixtures/**"] }),
      "fixtures/case/skill-lint.config.json": JSON.stringify({ rules: { "frontmatter-yaml": "error" } }),
      "fixtures/case/skills/parse/SKILL.md": BROKEN_SKILL,
      "skills/ok/SKILL.md": "# OK\n",
    });
    const { code, stdout } = runCli(["-f", "json"], dir);
    expect(code).toBe(0);
    const files = (JSON.parse(stdout) as { filePath: string }[]).map((r) => path.relative(dir, r.filePath));
    expect(files).toEqual([path.join("skills", "ok", "SKILL.md")]);
  });
});

describe("rules off by default", () => {
  const SKILL = "---\nname: weekly-sales\ndescription: Exports the weekly sales report. Use when asked for the weekly sales numbers.\n---\n\n# Weekly sales\n\nRun `python scripts\\export_sales.py --week last`.\n";
  const ruleIds = (files: Record<string, string>) =>
    lintText(SKILL, { filePath: path.join(project(files), "skills/weekly-sales/SKILL.md") }).findings.map((f) => f.ruleId);

  it("leave a doc alone until a config turns them on, at the severity it names", () => {
    expect(ruleIds({})).not.toContain("no-windows-paths");
    expect(ruleIds({ "skill-lint.config.json": JSON.stringify({ rules: { "no-windows-paths": "error" } }) })).toContain("no-windows-paths");
  });

  it("are listed as off by --list-rules, with the severity they take when on", () => {
    const { stdout } = runCli(["--list-rules"], project({}));
    expect(stdout).toMatch(/^no-windows-paths +off \(warn when on\)/m);
  });
});

describe("nested configs", () => {
  const LINKING_SKILL = BROKEN_SKILL.replace("# Parse\n", "# Parse\n\nSee [the guide](missing.md).\n");
  const printConfig = (file: string, dir: string) =>
    JSON.parse(runCli(["--print-config", file], dir).stdout) as { configFile: string | null; configFiles: string[]; rules: Record<string, unknown> };

  it("merge onto their parents: the nearer wins per key and per rule, and package.json counts as one", () => {
    const dir = project({
      ".git/HEAD": "ref: refs/heads/main\n",
      "skill-lint.config.json": JSON.stringify({ rules: { "frontmatter-yaml": "warn", "no-broken-link": "warn" } }),
      "pkg/package.json": JSON.stringify({ name: "pkg", "skill-lint": { rules: { "frontmatter-yaml": "error" } } }),
      "pkg/skills/parse/SKILL.md": LINKING_SKILL,
    });
    const { code, stdout } = runCli(["-f", "compact", "pkg"], dir);
    expect(code).toBe(1);
    expect(stdout).toMatch(/: error .*\[frontmatter-yaml\]$/m);
    expect(stdout).toMatch(/: warning .*\[no-broken-link\]$/m);
    const printed = printConfig("pkg/skills/parse/SKILL.md", dir);
    expect(printed.configFiles).toEqual([path.join(dir, "skill-lint.config.json"), path.join(dir, "pkg", "package.json")]);
    expect(printed.configFile).toBe(path.join(dir, "pkg", "package.json"));
    expect(printed.rules).toMatchObject({ "frontmatter-yaml": "error", "no-broken-link": "warn" });
  });

  it("stop at a config with root: true", () => {
    const dir = project({
      "skill-lint.config.json": JSON.stringify({ rules: { "no-broken-link": "error" } }),
      "pkg/.skill-lintrc.json": JSON.stringify({ root: true, rules: { "frontmatter-yaml": "warn" } }),
      "pkg/skills/parse/SKILL.md": LINKING_SKILL,
    });
    const printed = printConfig("pkg/skills/parse/SKILL.md", dir);
    expect(printed.configFiles).toEqual([path.join(dir, "pkg", ".skill-lintrc.json")]);
    expect(printed.rules).toMatchObject({ "frontmatter-yaml": "warn", "no-broken-link": "off" });
    const { stdout } = runCli(["-f", "compact", "pkg"], dir);
    expect(stdout).toContain("[frontmatter-yaml]");
    expect(stdout).not.toContain("[no-broken-link]");
    expect(configError({ root: "yes" })).toBe('<config>: "root" must be true or false');
  });

  it("are not looked for above the repository root", () => {
    const dir = project({
      "skill-lint.config.json": JSON.stringify({ rules: { "frontmatter-yaml": "off" } }),
      "repo/.git/HEAD": "ref: refs/heads/main\n",
      "repo/skills/parse/SKILL.md": BROKEN_SKILL,
    });
    const repo = path.join(dir, "repo");
    const { code, stdout } = runCli(["-f", "compact"], repo);
    expect(code).toBe(1);
    expect(stdout).toContain("[frontmatter-yaml]");
    expect(printConfig("skills/parse/SKILL.md", repo)).toMatchObject({ configFile: null, configFiles: [] });
  });

  it("ignores of a config above the repository root do not apply inside it", () => {
    const dir = project({
      "skill-lint.config.json": JSON.stringify({ ignores: ["repo/**"] }),
      "repo/.git/HEAD": "ref: refs/heads/main\n",
      "repo/skills/parse/SKILL.md": BROKEN_SKILL,
    });
    expect(runCli(["-f", "compact"], path.join(dir, "repo")).code).toBe(1);
  });
});

describe("config file names", () => {
  it.each([".skill-lintrc.yaml", ".skill-lintrc.yml", "skill-lint.config.yml"])("reads %s", (name) => {
    const dir = project({ [name]: "rules:\n  frontmatter-yaml: off\n", "skills/parse/SKILL.md": BROKEN_SKILL });
    const { code, stdout } = runCli(["-f", "compact"], dir);
    expect(stdout).toBe("");
    expect(code).toBe(0);
  });

  it("takes the first of the names in lookup order when a folder holds several", () => {
    const dir = project({
      "skill-lint.config.json": JSON.stringify({ rules: { "frontmatter-yaml": "warn" } }),
      ".skill-lintrc.yaml": "rules:\n  frontmatter-yaml: off\n",
      "skills/parse/SKILL.md": BROKEN_SKILL,
    });
    expect(runCli(["-f", "compact"], dir).stdout).toMatch(/: warning .*\[frontmatter-yaml\]$/m);
  });
});

describe("--print-config", () => {
  it("shows only the rules that run on the file's kind for its targets", () => {
    const dir = project({ "skills/parse/SKILL.md": BROKEN_SKILL });
    const skill = JSON.parse(runCli(["--print-config", "skills/parse/SKILL.md", "--target", "claude-code"], dir).stdout) as { rules: Record<string, unknown> };
    expect(skill.rules).toHaveProperty("frontmatter-yaml");
    expect(skill.rules).toHaveProperty("background-needs-run-in-background");
    expect(skill.rules).not.toHaveProperty("prevention-checklist");
    expect(skill.rules).not.toHaveProperty("plugin-manifest");
    const copilot = JSON.parse(runCli(["--print-config", "skills/parse/SKILL.md", "--target", "copilot"], dir).stdout) as { rules: Record<string, unknown> };
    expect(copilot.rules).toHaveProperty("frontmatter-yaml");
    expect(copilot.rules).not.toHaveProperty("background-needs-run-in-background");
    const solution = JSON.parse(runCli(["--print-config", "docs/solutions/build/slow.md"], dir).stdout) as { kind: string; rules: Record<string, unknown> };
    expect(solution.kind).toBe("solution");
    expect(solution.rules).toHaveProperty("prevention-checklist");
  });
});
