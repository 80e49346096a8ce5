/** A subagent file Claude Code would skip or misread: no name or description, a bad name, model, color or permissionMode, a tool both allowed and denied. */
import path from "node:path";
import { frontmatterData, frontmatterStart, isCopilotAgentFile, keyRange, nearMiss, valueRange } from "../src/frontmatter-schema.js";
import type { Doc } from "../src/document.js";
import { locateFrontmatter } from "../src/parse.js";
import type { ProjectView } from "../src/project.js";
import { docsUrl, TEMPLATE_FILE, TEST_FIXTURE } from "../src/rule-helpers.js";
import type { Report, Rule } from "../src/types.js";

/*
 * Follows the sub-agents page of the Claude Code docs (code.claude.com/docs/en/sub-agents, v2.1.x): model
 * aliases and full model ids, the colors the /agents menu offers, the permission modes. Claude Code skips
 * an agent file whose name or description is missing, and a name it cannot address (a `:`, which it
 * reserves for plugin namespaces, or a leading `-`, which reads as a flag).
 */
const MODEL_ALIASES = ["sonnet", "opus", "haiku", "fable", "inherit"];
/**
 * Another provider's model id (`glm-4.7`, `deepseek-v3`): Claude Code passes it to the API it is pointed at (a
 * gateway's `ANTHROPIC_BASE_URL`), so only a Claude model written wrong, or a display name, is reported.
 */
const OTHER_PROVIDER_MODEL = /^(?!.*(?:claude|sonnet|opus|haiku|fable))[a-z0-9][\w.:/-]*$/is;
/** `sonnet[1m]`, `opusplan`, and full ids: `claude-sonnet-4-5`, Bedrock `us.anthropic.claude-...-v1:0`, Vertex `claude-...@20250929`. */
const MODEL_ID = /^(?:(?:sonnet|opus|haiku|fable)\[1m\]|opusplan|(?:(?:us|eu|apac|global)\.)?(?:anthropic\.)?claude-[a-z0-9]+(?:[-.][a-z0-9]+)*(?:@\d{8})?(?:-v\d+(?::\d+)?)?(?:\[1m\])?)$/;
const COLORS = ["red", "blue", "green", "yellow", "purple", "orange", "pink", "cyan"];
const PERMISSION_MODES = ["default", "acceptEdits", "auto", "dontAsk", "bypassPermissions", "plan"];
const NAME_FORM = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SKIPPED = "Claude Code will not load this subagent without one, and says nothing";
/** What Claude Code's plugin loader makes of a plugin subagent with no description. */
const PLUGIN_FALLBACK = '"Agent from <plugin> plugin", which says nothing of when to delegate to it';
const NOT_AN_AGENT = /(?:^|[-_])(?:readme|overview|index)$/i;
/** A name in capitals (`REGISTRY`, `CATALOG`, `AGENTS`): a page about the agents beside it, as README is. */
const CAPITALS_NAME = /^[A-Z][A-Z0-9_-]+$/;
/** A file name that says it is a template: `agent.template`, `TEMPLATE`, `subagent-template` (not `template-writer`). */
const TEMPLATE_NAME = /(?:^|[._-])template$/i;

/**
 * Whether a file without frontmatter sits in a subfolder of an agents folder (`agents/roles/`) where no markdown file
 * opens with frontmatter: a folder of fragments, not of agents.
 */
function inFragmentFolder(project: ProjectView, file: string): boolean {
  const dir = path.dirname(file);
  const segments = file.split(path.sep);
  const agents = segments.lastIndexOf("agents");
  if (agents < 0 || agents >= segments.length - 2) return false;
  return project
    .listing(dir)
    .filter((name) => /\.md$/i.test(name))
    .every((name) => {
      const text = project.text(path.join(dir, name));
      return text === undefined || !locateFrontmatter(text.replace(/^\uFEFF/, ""));
    });
}

interface ToolEntry {
  name: string;
  /** The entry as written, without spaces: `Bash(rm:*)`, or just the name. */
  text: string;
  start: number;
  end: number;
}

/** Entries of `tools: Read, Bash(git add:*)` or of a YAML list, split outside parentheses, with offsets. */
function toolEntries(doc: Doc, key: string, value: unknown): ToolEntry[] {
  const [from, to] = valueRange(doc, [key]) ?? [0, 0];
  const source = doc.text.slice(from, to);
  const texts = typeof value === "string" ? splitTools(value) : Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  let cursor = 0;
  return texts.map((text) => {
    const paren = text.indexOf("(");
    const name = (paren < 0 ? text : text.slice(0, paren)).trim();
    const entry = text.replace(/\s+/g, "");
    const index = source.indexOf(name, cursor);
    if (index < 0) return { name, text: entry, start: from, end: to };
    cursor = index + name.length;
    return { name, text: entry, start: from + index, end: from + cursor };
  });
}

function splitTools(text: string): string[] {
  const entries: string[] = [];
  let depth = 0;
  let current = "";
  for (const c of text) {
    if (c === "(") depth++;
    if (c === ")") depth = Math.max(0, depth - 1);
    if (depth === 0 && (c === "," || c === " " || c === "\t")) {
      if (current.trim()) entries.push(current.trim());
      current = "";
    } else current += c;
  }
  if (current.trim()) entries.push(current.trim());
  return entries;
}

function modelMessage(model: string): string {
  const family = /\b(sonnet|opus|haiku)\b/i.exec(model)?.[1]?.toLowerCase();
  const copilot = /\s/.test(model) || /\(copilot\)/i.test(model);
  const origin = copilot ? " (a GitHub Copilot model name)" : "";
  const instead = family ? `\`${family}\`` : "an alias (`sonnet`, `opus`, `haiku`, `fable`, `inherit`)";
  return `Unexpected \`model: ${model}\`${origin}; Claude Code expects ${instead} or a full model id such as \`claude-sonnet-4-5\`.`;
}

function enumMessage(key: string, value: string, allowed: readonly string[]): string {
  const guess = nearMiss(value, allowed);
  return `Unexpected \`${key}: ${value}\`, expected ${guess ? `\`${guess}\`` : `one of ${allowed.map((a) => `\`${a}\``).join(", ")}`}; Claude Code ignores other values.`;
}

const rule: Rule = {
  meta: {
    id: "agent-definition",
    description: "A subagent needs a name and description Claude Code accepts, a known model, color and permissionMode, and no tool both allowed and denied.",
    kinds: ["agent"],
    severity: "error",
    offByDefault:
      "on public repositories it had not seen, 8 of 25, then 17 of 25, then 0 of 18 sampled findings were true (notes in deep skill references, plugin subagents with no name, templates, role fragments, another provider's model ids, copies kept in an archive folder: fixed since); 8 of 8 after the fixes, too few to decide on",
    docsUrl: docsUrl("agent-definition"),
    // Claude Code's subagent format; other hosts' agents have their own.
    hosts: ["claude-code"],
  },
  check({ doc, filePath, project, report }) {
    const data = frontmatterData(doc);
    if (!data || isCopilotAgentFile(filePath)) return;
    // A test's input (`agents/test/fixtures/`, a sample plugin under `fixtures/`) is wrong on purpose, or no agent at all.
    if (TEST_FIXTURE.test(path.relative(project.root, path.resolve(filePath)))) return;
    const fileName = path.basename(filePath).replace(/\.md$/i, "");
    // A template kept among the agents to copy (`_agent.template.md`): its placeholders are the point.
    if (TEMPLATE_NAME.test(fileName)) return;
    const plugin = project.pluginRootOf(path.resolve(filePath)) !== undefined;
    const at = (key: string): [number, number] => valueRange(doc, [key]) ?? keyRange(doc, [], key) ?? frontmatterStart(doc);
    const reportAt = (key: string, message: string, extra: Partial<Report> = {}): void => {
      const [start, end] = at(key);
      report({ message, start, end, ...extra });
    };

    if (!doc.frontmatter) {
      // An overview or README beside the agents is documentation, not an agent without frontmatter.
      if (NOT_AN_AGENT.test(fileName) || CAPITALS_NAME.test(fileName)) return;
      // Nor is a template kept there to copy (`agents/templates/base-agent.md`): that Claude Code skips it is the point.
      if (TEMPLATE_FILE.test(path.relative(project.root, path.resolve(filePath)))) return;
      // A `_` name marks a page that is no entry (`_metadata-reference.md`), as a site generator's partials are.
      if (fileName.startsWith("_")) return;
      // Fragments a subfolder keeps for the agents to include (`agents/roles/worker-focus.md`): not one file there
      // has frontmatter, so none is an agent that lost it.
      if (inFragmentFolder(project, path.resolve(filePath))) return;
      const why = plugin ? `Claude Code names it \`${fileName}\` and describes it as ${PLUGIN_FALLBACK}` : SKIPPED;
      report({ message: `No frontmatter: ${why}; start the file with \`---\`, \`name: ${fileName}\`, \`description: ...\`, \`---\`.`, start: 0, end: 0 });
      return;
    }
    const name = data.name;
    // A plugin's subagent without a name is named after its file by Claude Code's plugin loader.
    if (plugin && (name === undefined || name === null)) {
      // Nothing to report.
    } else if (typeof name !== "string" || name.trim() === "") {
      const what = name === undefined ? "Missing" : typeof name === "string" || name === null ? "Empty" : "Non-text";
      reportAt("name", `${what} agent \`name\`; ${SKIPPED}: write \`name: ${fileName}\`.`);
    } else if (name.includes(":") || name.startsWith("-")) {
      const why = name.includes(":") ? "a `:`, which Claude Code keeps for plugin namespaces" : "a leading `-`";
      reportAt("name", `Agent name \`${name}\` has ${why}; Claude Code will not load this subagent, and says nothing: write \`name: ${name.replace(/:/g, "-").replace(/^-+/, "")}\`.`);
    } else if (!NAME_FORM.test(name)) {
      const better = name.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|(?<!-)-+$/g, "");
      reportAt("name", `Unexpected agent name \`${name}\`; Claude Code asks for lowercase letters, digits and hyphens, such as \`${better}\`.`, { severity: "warn" });
    }
    const description = data.description;
    if (typeof description !== "string" || description.trim() === "") {
      const what = description === undefined ? "Missing" : "Empty";
      const why = plugin ? `Claude Code describes it as ${PLUGIN_FALLBACK}` : SKIPPED;
      reportAt("description", `${what} agent \`description\`; ${why}: say what the agent does and when Claude should delegate to it.`);
    }

    const model = data.model;
    if (model !== undefined && model !== null) {
      if (typeof model !== "string") reportAt("model", `\`model\` must be text such as \`sonnet\`, not ${Array.isArray(model) ? "a list" : typeof model}.`);
      else if (!MODEL_ALIASES.includes(model) && !MODEL_ID.test(model) && !OTHER_PROVIDER_MODEL.test(model)) reportAt("model", modelMessage(model));
    }
    const color = data.color;
    if (color !== undefined && color !== null && !(typeof color === "string" && COLORS.includes(color))) {
      reportAt("color", enumMessage("color", String(color), COLORS));
    }
    const mode = data.permissionMode;
    if (mode !== undefined && mode !== null && !(typeof mode === "string" && PERMISSION_MODES.includes(mode))) {
      reportAt("permissionMode", enumMessage("permissionMode", String(mode), PERMISSION_MODES));
    }

    for (const key of ["tools", "disallowedTools"]) {
      const value = data[key];
      const isList = Array.isArray(value) && value.every((v) => typeof v === "string");
      if (value !== undefined && value !== null && typeof value !== "string" && !isList) {
        reportAt(key, `\`${key}\` must be tool names, as text (\`Read, Grep\`) or a list, not ${Array.isArray(value) ? "a list holding other values" : typeof value}.`);
      }
    }
    const allowedEntries = toolEntries(doc, "tools", data.tools);
    const allowed = new Set(allowedEntries.map((entry) => entry.name));
    const allowedTexts = new Set(allowedEntries.map((entry) => entry.text));
    for (const entry of toolEntries(doc, "disallowedTools", data.disallowedTools)) {
      // A denied pattern (`Bash(rm:*)`) narrows an allowed `Bash`; only the tool itself, or the same pattern, clashes.
      if (entry.text === entry.name ? !allowed.has(entry.name) : !allowedTexts.has(entry.text)) continue;
      report({
        message: `\`${entry.name}\` is in both \`tools\` and \`disallowedTools\`; Claude Code denies it, so remove it from one of them.`,
        start: entry.start,
        end: entry.end,
      });
    }
  },
};

export default rule;
