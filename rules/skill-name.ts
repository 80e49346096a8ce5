/** A skill `name` hosts reject or users cannot type: not 1-64 of a-z0-9-, a stray hyphen, not its folder's name, a reserved word. */
import path from "node:path";
import { frontmatterData, frontmatterStart, valueRange } from "../src/frontmatter-schema.js";
import { isScalar } from "yaml";
import type { Doc } from "../src/document.js";
import { readableFrontmatter } from "../src/parse.js";
import { docsUrl, isTemplatePlaceholder } from "../src/rule-helpers.js";
import type { Rule } from "../src/types.js";

const MAX_LENGTH = 64;
const ALLOWED = /^[a-z0-9-]+$/;

/** The name a host would accept that is closest to what the author wrote. */
function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|(?<!-)-+$/g, "")
    .slice(0, MAX_LENGTH)
    .replace(/(?<!-)-+$/, "");
}

/** What is wrong with a name's form, or undefined when it is a valid name. */
function formProblem(name: string): string | undefined {
  if (name.length === 0) return "it is empty";
  if (name.length > MAX_LENGTH) return `it is ${name.length} characters long`;
  if (!ALLOWED.test(name)) {
    const bad = [...new Set(name.replace(/[a-z0-9-]/g, ""))].map((c) => (c === " " ? "spaces" : /[A-Z]/.test(c) ? "capitals" : `\`${c}\``));
    return `it has ${[...new Set(bad)].join(", ")}`;
  }
  if (name.startsWith("-")) return "it starts with a hyphen";
  if (name.endsWith("-")) return "it ends with a hyphen";
  if (name.includes("--")) return "it has a double hyphen";
  return undefined;
}

/** The `name` of a frontmatter block that does not parse, when its own entry does. */
function recoveredName(doc: Doc): { value: unknown; range: [number, number] } | undefined {
  const frontmatter = doc.frontmatter;
  const yaml = frontmatter && readableFrontmatter(doc.text, frontmatter);
  if (!frontmatter || !yaml || yaml === frontmatter.yaml) return undefined;
  const node = yaml.get("name", true);
  if (!isScalar(node) || !node.range) return undefined;
  return { value: node.value, range: [frontmatter.contentStart + node.range[0], frontmatter.contentStart + Math.max(node.range[1], node.range[0] + 1)] };
}

const rule: Rule = {
  meta: {
    id: "skill-name",
    description: "A skill's name must be 1-64 lowercase letters, digits and single hyphens, and equal its folder where the target requires it.",
    kinds: ["skill"],
    severity: "error",
    offByDefault:
      "on thirty-three public repositories it had not seen, 6 of 25 sampled findings were true (31 of 50 with the earlier unseen sample): Title Case and namespaced names (`Council`, `task:ship`) that Claude Code's loader accepts, naming the skill after its folder",
    docsUrl: docsUrl("skill-name"),
    // The name rules of Claude Code and the Agent Skills spec; Copilot CLI and Gemini CLI accept other names.
    hosts: ["claude-code", "agent-skills"],
    options: {
      matchFolder: {
        type: "boolean",
        default: false,
        description: "Require the name to equal the skill's folder under the claude-code target too (agent-skills always does).",
      },
      reservedWords: {
        type: "string[]",
        default: [],
        description: 'Words a name may not contain, e.g. ["anthropic", "claude"], which skill uploads to claude.ai and the Claude API reject.',
      },
    },
  },
  check({ doc, filePath, project, target, options, report }) {
    const data = frontmatterData(doc);
    // A broken entry elsewhere in the block does not hide the name: read it from what still parses.
    const recovered = data ? undefined : recoveredName(doc);
    if (!data && !recovered) return;
    const folder = path.basename(path.dirname(filePath));
    const name = data ? data.name : recovered!.value;
    if (name === undefined || name === null) {
      if (target !== "agent-skills") return;
      const [start, end] = frontmatterStart(doc);
      report({ message: `Missing skill \`name\`; the Agent Skills spec requires one equal to the folder: write \`name: ${slug(folder) || folder}\`.`, start, end });
      return;
    }
    const [start, end] = recovered?.range ?? valueRange(doc, ["name"]) ?? frontmatterStart(doc);
    // A template's `name: [TODO: your-skill-name]` is filled in where the copy lands.
    if (isTemplatePlaceholder(doc.text.slice(start, end), filePath, project.root)) return;
    if (typeof name !== "string") {
      report({ message: `Skill \`name\` must be text, not ${Array.isArray(name) ? "a list" : typeof name}; write \`name: ${slug(folder) || folder}\`.`, start, end });
      return;
    }
    const problem = formProblem(name);
    if (problem) {
      // Claude Code names a skill after its folder when `name` is absent, so a valid folder name is the best fix.
      const better = formProblem(folder) ? slug(name) || slug(folder) : folder;
      const raw = doc.text.slice(start, end);
      report({
        message: `Unexpected skill name \`${name}\`: ${problem}; expected 1-${MAX_LENGTH} lowercase letters, digits and single hyphens${better ? `, such as \`${better}\`` : ""}.`,
        start,
        end,
        ...(better && !raw.includes("\n") ? { suggestions: [{ desc: `Rename to ${better}`, fix: { range: [start, end] as [number, number], text: better } }] } : {}),
      });
    }
    if ((target === "agent-skills" || options.matchFolder === true) && !problem && name !== folder) {
      const why = target === "agent-skills" ? "the Agent Skills spec requires a skill's name to equal its folder" : "matchFolder is on";
      report({ message: `Skill name \`${name}\` differs from its folder \`${folder}\`; ${why}: rename the folder or write \`name: ${folder}\`.`, start, end });
    }
    const reserved = (options.reservedWords as string[]).find((word) => name.toLowerCase().split(/[^a-z0-9]+/).includes(word.toLowerCase()));
    if (reserved) {
      report({ message: `Skill name \`${name}\` contains the reserved word \`${reserved}\`; choose a name without it.`, start, end });
    }
  },
};

export default rule;
