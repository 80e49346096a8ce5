import { cpSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Project, ProjectIndex } from "../src/project.js";
import { GOOD_SKILL, project } from "./helpers.js";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures");
const skill = (name: string) => GOOD_SKILL.replace("release-notes", name);
const agent = (name: string) => `---\nname: ${name}\ndescription: Reviews the change\n---\n\nReview it.\n`;

/** What an index defines, as the rules see it. */
function defined(index: ProjectIndex): unknown {
  return {
    fingerprint: index.fingerprint,
    plugins: index.plugins.map((plugin) => [plugin.name, plugin.root]),
    entities: index.entities.map((entity) => [entity.kind, entity.name, entity.aliases, entity.file, entity.scope, entity.plugin?.name, entity.nameRange]),
  };
}

/** The project's index as a run builds it, and one built with every file placed as a lint of it places it. */
function bothIndexes(root: string): [unknown, unknown] {
  const built = new Project(root).index;
  const placer = new Project(root);
  return [defined(built), defined(new ProjectIndex(root, () => false, (file) => placer.placement(file)))];
}

describe("the index's placements", () => {
  it("define what placing every file would, on the fixtures", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "skill-lint-index-placement-"));
    cpSync(FIXTURES, dir, { recursive: true });
    mkdirSync(path.join(dir, ".git"));
    const [built, full] = bothIndexes(dir);
    expect((built as { entities: unknown[] }).entities.length).toBeGreaterThan(20);
    expect(built).toEqual(full);
  });

  it("define what placing every file would, where docs are not what their folders suggest", () => {
    const dir = project({
      ".claude/skills/a/SKILL.md": skill("a"),
      ".claude/skills/a/reference.md": "# Reference\n",
      ".claude/skills/a/ja-JP/SKILL.md": skill("a"),
      ".claude/agents/review/deep.md": agent("deep"),
      ".claude/commands/go.md": "---\ndescription: Goes\n---\n\nGo.\n",
      ".cursor/skills/c/SKILL.md": skill("c"),
      ".bmad-core/agents/persona.md": agent("persona"),
      "docs/ja/skills/x/SKILL.md": skill("x"),
      "templates/skill.md": skill("lower"),
      "loose/Skill.MD": skill("loose"),
      "agents/outside.md": agent("outside"),
      "plugins/p/.claude-plugin/plugin.json": JSON.stringify({ name: "p", agents: ["./custom/helper.md"], skills: ["./extra"] }),
      "plugins/p/custom/helper.md": agent("helper"),
      "plugins/p/extra/e/SKILL.md": skill("e"),
      "plugins/p/skills/s/SKILL.md": skill("s"),
      "plugins/p/agents/a.md": agent("a"),
      "plugins/p/workflows/build.js": "export const meta = { name: \"p:build\" };\n",
      ".claude-plugin/marketplace.json": JSON.stringify({ name: "m", plugins: [{ name: "q", source: "./plugins/q", skills: ["./only"] }] }),
      "plugins/q/only/o/SKILL.md": skill("o"),
      "plugins/q/skills/not-listed/SKILL.md": skill("not-listed"),
      "CLAUDE.md": "# Project\n",
      "AGENTS.md": "# Agents\n",
    });
    mkdirSync(path.join(dir, ".git"));
    const [built, full] = bothIndexes(dir);
    expect((built as { entities: unknown[] }).entities.length).toBeGreaterThan(8);
    expect(built).toEqual(full);
  });
});
