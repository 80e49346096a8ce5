/** Two skills, two subagents or two commands with the same name in one plugin or one `.claude` folder. */
import path from "node:path";
import { hostNames } from "../src/hosts/index.js";
import { readFrontmatterValues, type Entity, type EntityKind } from "../src/project.js";
import { LineIndex } from "../src/position.js";
import { docsUrl } from "../src/rule-helpers.js";
import type { RelatedLocation, Rule, RuleContext } from "../src/types.js";

/*
 * Claude Code loads one component per name: of two skills named `deploy` in one plugin, one is silently
 * shadowed, and which one depends on the order the files are read. The effective name is the frontmatter
 * `name` (for a skill, else its folder's name; for a subagent or command, else its file's name). Each file of a
 * pair is reported, pointing at the other, so a hook that lints only one of them still shows the clash.
 */

const KIND_WORDS: Record<EntityKind, string> = { skill: "skill", agent: "subagent", command: "command", workflow: "workflow" };

/** Where the other definition is: its file, and the line and column of its `name` value (or 1:1). */
function location({ project }: RuleContext, other: Entity): RelatedLocation {
  const text = other.nameRange ? project.text(other.file) : undefined;
  const { line, column } = text !== undefined && other.nameRange ? new LineIndex(text).position(other.nameRange[0]) : { line: 1, column: 1 };
  return { filePath: other.file, line, column };
}

function check(context: RuleContext): void {
  const { filePath, kind, project, doc, hosts, report } = context;
  if (kind !== "skill" && kind !== "agent" && kind !== "command") return;
  const self = path.resolve(filePath);
  const index = project.index;
  const entity = index.entityOf(self);
  if (!entity?.scope) return;
  const twins = index.twinsOf(entity);
  if (!twins.length) return;
  const where = entity.plugin ? `the plugin \`${entity.plugin.name}\`` : `\`${path.relative(project.root, entity.scope) || "."}\``;
  const word = KIND_WORDS[entity.kind];
  // Positions come from the text being linted, which may differ from the file on disk (stdin, a fix pass).
  const name = readFrontmatterValues(doc.frontmatter, ["name"]).get("name")?.[0];
  const range = name ? [name.start, name.end] : [0, doc.lines.lineEnd(1)];
  const related = twins.map((twin) => location(context, twin));
  const shown = related.map(({ filePath: file, line, column }) => `${path.relative(project.root, file).split(path.sep).join("/")}:${line}:${column}`);
  report({
    message:
      `Another ${word} in ${where} is also named \`${entity.name}\` (${shown.join(", ")}); ` +
      `${hostNames(hosts)} ${hosts.length > 1 ? "load" : "loads"} only one of them. Rename one, or remove the copy.`,
    related,
    start: range[0]!,
    end: range[1]!,
  });
}

const rule: Rule = {
  meta: {
    id: "unique-names",
    description: "No two skills, subagents or commands share a name in one plugin or one host folder (`.claude/skills`, `.github/agents`).",
    kinds: ["skill", "agent", "command"],
    severity: "error",
    offByDefault:
      "on thirty-three public repositories it had not seen, none of 20 findings was true: commands in subfolders of `.claude/commands`, which Claude Code names with their folders (fixed since, not yet measured on unseen repositories)",
    docsUrl: docsUrl("unique-names"),
  },
  check,
};

export default rule;
