/** A reference into the project's own skills, subagents and commands that resolves to nothing. */
import path from "node:path";
import { closest, distance } from "fastest-levenshtein";
import { MAX_SENTENCE, type Doc } from "../src/document.js";
import { builtinAgentsPhrase, builtinList, builtinNames, hostById, hostNames, HOSTS, type HostId } from "../src/hosts/index.js";
import type { Entity, EntityKind, Plugin, ProjectIndex } from "../src/project.js";
import { readFrontmatterValues } from "../src/project.js";
import { ALL_KINDS, docsUrl } from "../src/rule-helpers.js";
import type { Report, Rule, RuleContext } from "../src/types.js";

/*
 * The forms are Claude Code's (code.claude.com/docs: "Subagents", "Skills", "Plugins reference"): a plugin's
 * components are invoked as `plugin-name:component`, with subfolders as further segments
 * (`compound-engineering:review:security-sentinel` for agents/review/security-sentinel.md); commands as
 * `/plugin-name:command` or `/command`; the Agent tool takes `subagent_type: "name"`; a subagent preloads skills
 * with `skills:`; a skill runs in a subagent with `agent:`. A name is looked up among the project's own
 * components, so only namespaces the project defines are checked: `superpowers:writing-skills` in a project
 * without a `superpowers` plugin is someone else's, and not reported. An unqualified subagent or command is
 * checked only when the project defines subagents or commands at all, and never when it is a built-in subagent or
 * command of a host that reads the file (each host's `builtinAgents` and `builtinCommands` in src/hosts).
 */

/** A name as the reference forms write it; a value with `{`, `<` or `$` is a template to fill in. */
const NAME = String.raw`[A-Za-z0-9][\w.-]*(?:::?[\w.-]+)*`;
const SUBAGENT_TYPE = new RegExp(String.raw`\bsubagent_type\s*[:=]\s*["'\x60]?(${NAME})`, "g");
/** Type names of parameter tables and signatures: `subagent_type: string`, `subagent_type: str = "general-purpose"`. */
const TYPE_NAMES = new Set(["string", "str", "text", "enum", "any", "unknown", "optional", "required", "type", "name", "literal"]);
/**
 * `Skill(name)`, and the tool's call with a named argument: `Skill(command='name')`, `Skill(skill="plugin:name")`.
 * A name that goes on with `*` is a permission rule's pattern (`Skill(git-*)`), not a skill.
 */
const SKILL_CALL = new RegExp(String.raw`\bSkill\(\s*(?:(?:skill|command|name)\s*=\s*)?["'\x60]?(${NAME})(?![\w.:*-]|\s*=)`, "g");
/** Words that stand for a name in a syntax line (`` `Skill(name)` ``, `Skill(skill_name)`): no skill to look up. */
const SKILL_PLACEHOLDERS = new Set(["name", "skill", "command", "skill-name", "skill_name", "skillname", "command-name", "command_name", "your-skill"]);
/** The same words after a plugin's name (`/my-plugin:skill-name`), and `agent-name` there. */
const COMPONENT_PLACEHOLDERS = new Set([...SKILL_PLACEHOLDERS, "agent-name", "agent_name", "component"]);
/** What follows a name that is the fixed part of a template: `` `plugin:${agent}` ``, `plugin:{name}`, `plugin:<name>`. */
const TEMPLATE_TAIL = /^:?[{<$]/;
/** A name that says what to put there: `subagent_type="appropriate-type"`, `Skill(your-skill-name)`. */
const DESCRIBED_NAME = /^(?:appropriate|relevant|specific|chosen|desired|matching|selected|your|some)[-_]/i;
/** A section that lists search terms ("Keyword Registry", "Keywords", "Search terms"): words to match, not references. */
const KEYWORD_HEADING = /\b(?:keywords?|search terms|trigger words)\b/i;
/**
 * A section below the title that keeps old names: "Deprecated", "Legacy", "Old patterns", "History", "Migration
 * notes". Not "Changelog" or "Release notes": a skill so titled writes them, and its references are instructions.
 */
const OLD_NAMES_HEADING = /\b(?:old patterns?|legacy|deprecat\w*|history|historical|migration notes?)\b/i;
/** A doc that records what changed: old names belong there. */
const HISTORY_FILE = /^(?:migrat[a-z]*|upgrad[a-z]*|change-?log|history|release-?notes|releases)(?:[-_.][^/]*)?\.md$/i;
/** A line of a file tree (`├── commit.toml  # /git:commit`): the layout of an example project as often as of this one. */
const TREE_LINE = /[├└│]/;
/** A frontmatter line shown in a code block: an example doc's `allowed-tools`, not a grant this doc makes. */
const EXAMPLE_TOOLS_LINE = /^\s*(?:allowed-tools|tools)\s*:/;
/**
 * `/plugin:command`, `plugin:skill`: a word, a colon, a word; the first word must name a project plugin. A name
 * that goes on with `*` is a pattern (`/plugin:create-*`); `**` after it closes bold text.
 */
const QUALIFIED = /(?<![\w.@/\\:-])\/?([a-z0-9][\w-]*)((?::[a-z0-9][\w-]*)+)(?![\w:/-]|\.\w|\*(?!\*))/gi;
/** What a module specifier follows: `from "x:y"`, `import "x:y"`, `require("x:y")`, `import("x:y")`. */
const MODULE_SPECIFIER = /(?:\bfrom|\bimport|\brequire\(|\bimport\()\s*["'`]([\w-]+:[\w./-]+)["'`]/g;
/** The text before a flag's value: `--chown=`. */
const FLAG_VALUE = /(?:^|[\s`"'(])--?[a-z][\w-]*=$/i;
/**
 * A sentence that speaks of what is not there yet: "Promotion to a `x:y` subagent is a future amendment", "a
 * planned `/x:y` command". It names a component to come, not one to invoke.
 */
const NOT_YET = /\b(?:future|planned|proposed|hypothetical|not yet (?:exist|added|built|implemented|written|available))\w*\b/i;
/**
 * Code blocks of programming languages: a bare `x:y` there is a string or comment of the program (a module
 * `bun:sqlite`, a `host:port`), not a component. A tool call in them is read by its own forms (`subagent_type`).
 */
const PROGRAM_LANGS = /^(?:js|javascript|jsx|mjs|cjs|ts|typescript|tsx|py|python|go|golang|rs|rust|java|kt|kotlin|swift|rb|ruby|php|c|cpp|c\+\+|cs|csharp|dockerfile|docker|sql|lua|zig|dart|scala)$/i;
/** Folders of test data, whose docs may be wrong on purpose: `fixtures/`, `__fixtures__/`, `testdata/`. */
const TEST_DATA_FOLDER = /^(?:__)?(?:fixtures?|testdata|test-data|test-fixtures)(?:__)?$/i;
/** The sentence calls the reference an agent: "the `/plugin:review:reviewer` agent". */
const CALLED_AGENT = /\b(?:sub-?)?agents?\b/i;

/** `/command` at the start of inline code (`` `/deploy staging` ``); the tree confirms it is code. */
const SLASH_COMMAND = /`\/([a-z][\w-]*)(?=[\s`])/gi;

interface Reference {
  name: string;
  start: number;
  end: number;
  /** What the name may resolve to. */
  kinds: readonly EntityKind[];
  /** How the doc wrote it, for the message. */
  form: string;
  /**
   * Reported only as a near miss of a name the project defines: a bare `/word` is as often a URL path or an
   * API route (`/users`, `/tmp`) or a command installed elsewhere as a command of this project.
   */
  nearMissOnly?: boolean;
  /** `plugin:name` written bare, with neither a slash nor a tool's parameter around it. */
  bare?: boolean;
}

const KIND_WORDS: Record<EntityKind, string> = { skill: "skill", agent: "subagent", command: "command", workflow: "workflow" };

function describe(kinds: readonly EntityKind[]): string {
  const words = kinds.map((kind) => KIND_WORDS[kind]);
  return words.length > 1 ? `${words.slice(0, -1).join(", ")} or ${words.at(-1)}` : words.join("");
}

/** Splits `plugin:rest` into the project's plugins of that name and the rest, if the first part names one. */
function splitPlugin(index: ProjectIndex, name: string): { plugins: Plugin[]; rest: string } | undefined {
  const colon = name.indexOf(":");
  if (colon < 0) return undefined;
  const plugins = index.pluginsNamed(name.slice(0, colon));
  return plugins.length ? { plugins, rest: name.slice(colon + 1).replace(/^:+/, "") } : undefined;
}

function suggestion(name: string, candidates: string[]): string {
  if (!candidates.length) return "";
  const best = closest(name, candidates);
  return distance(name.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(name.length / 4)) ? ` Did you mean \`${best}\`?` : "";
}

const normalize = (name: string): string => name.toLowerCase().replace(/_/g, "-");

/** The candidates normalized once per list: a doc may hold hundreds of bare `/word`s. */
const normalizedLists = new WeakMap<string[], Set<string>>();

/** At most one insertion, deletion or substitution apart. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** `resolve_pr_parallel` for `resolve-pr-parallel`, or one letter off in a long name. */
function isNearMiss(name: string, candidates: string[]): boolean {
  let normalized = normalizedLists.get(candidates);
  if (!normalized) normalizedLists.set(candidates, (normalized = new Set(candidates.map(normalize))));
  const wanted = normalize(name);
  if (normalized.has(wanted)) return true;
  if (wanted.length < 6) return false;
  for (const candidate of normalized) if (withinOneEdit(wanted, candidate)) return true;
  return false;
}

/** The finding for a reference that resolves to nothing; none when it resolves or its namespace is not the project's. */
function resolve(index: ProjectIndex, reference: Reference, hosts: readonly HostId[]): Report | undefined {
  const { name, kinds } = reference;
  const qualified = splitPlugin(index, name);
  if (qualified) {
    if (index.find(kinds, qualified.rest, qualified.plugins).length) {
      if (!name.includes("::")) return undefined;
      const single = name.replace(/:{2,}/g, ":");
      return {
        message: `${reference.form} separates the plugin from the name with two colons; Claude Code names plugin components with one: \`${single}\`.`,
        start: reference.start,
        end: reference.end,
        fix: { range: [reference.start, reference.end], text: reference.form.startsWith("`/") ? `/${single}` : single },
      };
    }
    const pluginName = qualified.plugins[0]!.name;
    const candidates = index.names(kinds, qualified.plugins).map((candidate) => `${pluginName}:${candidate}`);
    return {
      message:
        `${reference.form} names no ${describe(kinds)} of the plugin \`${pluginName}\`.${suggestion(name, candidates)} ` +
        `Check the name against the plugin's ${kinds.map((kind) => `${kind}s/`).join(", ")} ${kinds.length > 1 ? "folders" : "folder"}.`,
      start: reference.start,
      end: reference.end,
    };
  }
  if (name.includes(":")) return undefined;
  if (kinds.includes("skill") && name.includes("/") && skillAtPath(index, name)) return undefined;
  if (kinds.includes("agent") && agentTemplate(index, name)) return undefined;
  if (kinds.includes("agent") && builtinNames(hosts, "agent").has(name.toLowerCase())) return undefined;
  if (kinds.includes("command") && builtinNames(hosts, "command").has(name.toLowerCase())) return undefined;
  if (!kinds.some((kind) => index.has(kind)) || index.find(kinds, name).length) return undefined;
  const builtin = nearestBuiltin(name, kinds, hosts);
  if (reference.nearMissOnly && !isNearMiss(name, index.names(kinds))) return undefined;
  const builtInAgents = kinds.includes("agent") ? builtinAgentsPhrase(hosts) : undefined;
  const builtIns = builtInAgents ? ` or a built-in one (${builtInAgents})` : "";
  // A mistyped built-in (`/reveiw`) is that built-in, not whichever project command happens to be nearest.
  const hint = builtin ? ` Did you mean the built-in \`${kinds.includes("agent") && !kinds.includes("command") ? builtin : `/${builtin}`}\`?` : suggestion(name, index.names(kinds));
  return {
    message:
      `${reference.form} names no ${describe(kinds)} defined in this project${builtIns}.${hint} ` +
      `Fix the name, or add the ${describe(kinds)}.`,
    start: reference.start,
    end: reference.end,
  };
}

/** A skill whose folder the path names (`engineering-team/senior-mobile` for skills/engineering-team/senior-mobile/SKILL.md). */
function skillAtPath(index: ProjectIndex, name: string): boolean {
  const tail = `/${name.split("/").filter((part) => part && part !== ".").join("/").toLowerCase()}`;
  return index.entities.some((entity) => entity.kind === "skill" && path.dirname(entity.file).split(path.sep).join("/").toLowerCase().endsWith(tail));
}

/**
 * A subagent defined in a file no host loads from where it lies, but in an `agents/` folder of the project: a
 * template the project's setup installs (`templates/agents/research-specialist.md` into `.claude/agents/`).
 */
function agentTemplate(index: ProjectIndex, name: string): boolean {
  const file = `${name.toLowerCase()}.md`;
  for (const doc of index.entries.keys()) {
    if (path.basename(doc).toLowerCase() !== file) continue;
    if (path.relative(index.root, doc).split(path.sep).slice(0, -1).some((folder) => folder.toLowerCase() === "agents")) return true;
  }
  return false;
}

/** A `/plugin:...` command that names none of the plugin's commands but one of its subagents, by its id. */
function namesSubagent(index: ProjectIndex, reference: Reference): boolean {
  if (!reference.form.startsWith("`/") || reference.kinds.includes("agent")) return false;
  const qualified = splitPlugin(index, reference.name);
  return qualified !== undefined && index.find(["agent"], qualified.rest, qualified.plugins).length > 0;
}

/** The built-in subagent or command of the file's hosts that the name misspells by one edit, if any. */
function nearestBuiltin(name: string, kinds: readonly EntityKind[], hosts: readonly HostId[]): string | undefined {
  const wanted = normalize(name);
  if (wanted.length < 4) return undefined;
  for (const kind of ["command", "agent"] as const) {
    if (!kinds.includes(kind)) continue;
    for (const builtin of builtinList(hosts, kind)) if (withinOneEdit(wanted, builtin.toLowerCase())) return builtin;
  }
  return undefined;
}

/** References written in the text: in prose and in code, outside the frontmatter. */
function textReferences(doc: Doc, index: ProjectIndex): Reference[] {
  const found: Reference[] = [];
  const body = doc.text.slice(doc.bodyStart);
  const at = (offset: number): number => doc.bodyStart + offset;
  for (const match of body.matchAll(SUBAGENT_TYPE)) {
    // `subagent_type: string` in a parameter table or signature names the type, not a subagent.
    if (TYPE_NAMES.has(match[1]!.toLowerCase()) && !/["'`]$/.test(match[0].slice(0, -match[1]!.length))) continue;
    if (TEMPLATE_TAIL.test(body.slice(match.index + match[0].length))) continue;
    const start = at(match.index + match[0].length - match[1]!.length);
    found.push({ name: match[1]!, start, end: start + match[1]!.length, kinds: ["agent"], form: `\`subagent_type: "${match[1]}"\`` });
  }
  // `Skill(name)` is also how `allowed-tools` in the frontmatter grants one skill.
  for (const match of doc.text.matchAll(SKILL_CALL)) {
    if (SKILL_PLACEHOLDERS.has(match[1]!.toLowerCase())) continue;
    const start = match.index + match[0].length - match[1]!.length;
    found.push({ name: match[1]!, start, end: start + match[1]!.length, kinds: ["skill", "command"], form: `\`Skill(${match[1]})\`` });
  }
  if (index.plugins.length) {
    let modules: Set<string> | undefined;
    for (const match of body.matchAll(QUALIFIED)) {
      if (!index.pluginsNamed(match[1]!).length || COMPONENT_PLACEHOLDERS.has(match[2]!.split(":").at(-1)!.toLowerCase())) continue;
      const slash = match[0].startsWith("/");
      const name = `${match[1]}${match[2]}`;
      // `--chown=bun:bun`: the value of a command-line flag (a user and group, a host and port), not a component.
      if (!slash && FLAG_VALUE.test(body.slice(Math.max(0, match.index - 40), match.index))) continue;
      // A module the doc imports (`import { Database } from "bun:sqlite"`) is that module wherever the doc names it.
      modules ??= new Set(Array.from(body.matchAll(MODULE_SPECIFIER), (module) => module[1]!.toLowerCase()));
      if (!slash && modules.has(name.toLowerCase())) continue;
      const start = at(match.index + (slash ? 1 : 0));
      if (found.some((reference) => reference.start <= start && start < reference.end)) continue;
      found.push({
        name,
        start: start - (slash ? 1 : 0),
        end: start + name.length,
        // A workflow is run by the Workflow tool as `plugin:name` too, with or without the slash.
        kinds: slash ? ["command", "skill", "workflow"] : ["skill", "agent", "command", "workflow"],
        form: `\`${slash ? "/" : ""}${name}\``,
        ...(slash ? {} : { bare: true }),
      });
    }
  }
  for (const match of body.matchAll(SLASH_COMMAND)) {
    const start = at(match.index + 1);
    found.push({ name: match[1]!, start, end: start + match[0].length - 1, kinds: ["command", "skill"], form: `\`/${match[1]}\``, nearMissOnly: true });
  }
  return found;
}

/** References in the frontmatter: a subagent's `skills:` list, a skill's `agent:`. */
function frontmatterReferences(doc: Doc, kind: RuleContext["kind"]): Reference[] {
  const key = kind === "agent" ? "skills" : kind === "skill" ? "agent" : undefined;
  if (!key) return [];
  const values = readFrontmatterValues(doc.frontmatter, [key]).get(key) ?? [];
  return values.map((value) => ({
    name: value.value.trim(),
    start: value.start,
    end: value.end,
    kinds: key === "skills" ? ["skill"] : ["agent"],
    form: key === "skills" ? `The skill \`${value.value.trim()}\` in \`skills:\`` : `\`agent: ${value.value.trim()}\``,
  }));
}

/**
 * The text is scanned first and the tree read only for a reference that resolves to nothing, so most files are
 * never parsed for this rule.
 */
function check(context: RuleContext): void {
  const { doc, kind, project, hosts, report } = context;
  const index = project.index;
  const references = referencesIn(doc, kind, index);
  const history = HISTORY_FILE.test(path.basename(context.filePath));
  // A test's fixture may be wrong on purpose: a linter's own test data names what does not exist.
  if (path.relative(index.root, context.filePath).split(path.sep).slice(0, -1).some((folder) => TEST_DATA_FOLDER.test(folder))) return;
  for (const reference of references) {
    if (/[{}<>$]/.test(reference.name)) continue;
    let finding = resolve(index, reference, hosts) ?? inventedBuiltin(context, reference);
    if (!finding) continue;
    const subagent = namesSubagent(index, reference);
    if (subagent) {
      // "The `/plugin:review:reviewer` agent" names the subagent by its id; told to run it, the reader finds no command.
      if (reference.start >= doc.bodyStart && CALLED_AGENT.test(doc.sentenceAt(reference.start, reference.end).text)) continue;
      finding = {
        ...finding,
        message: `${reference.form} names a subagent of the plugin, not a command: a subagent is not run as a slash command. Name a command that runs it, or have the agent spawn \`${reference.name}\`.`,
      };
    }
    if (reference.start >= doc.bodyStart) {
      if (NOT_YET.test(doc.sentenceAt(reference.start, reference.end).text)) continue;
      if (reference.bare && PROGRAM_LANGS.test(doc.codeAt(reference.start)?.lang ?? "")) continue;
      // Quotes are part of these forms (`subagent_type: "x"`), so only counter-examples and negations are mentions.
      if (doc.isCounterExample(reference.start) || doc.isNegated(reference.start, reference.end)) continue;
      if (inExample(doc, reference.start) || mapsPath(doc, reference) || DESCRIBED_NAME.test(reference.name)) continue;
      if (inSection(doc, reference.start, KEYWORD_HEADING, 1)) continue;
      // A migration guide or changelog names the old components on purpose, as do "Deprecated" sections.
      if (history || inSection(doc, reference.start, OLD_NAMES_HEADING, 2)) continue;
      if (reference.nearMissOnly && !doc.inlineCode.some((code) => code.start < reference.start && reference.start < code.end)) continue;
    }
    report(finding);
  }
}

/** Whether an offset sits in a section whose heading, at `minDepth` or deeper, matches. */
function inSection(doc: Doc, offset: number, heading: RegExp, minDepth: number): boolean {
  return doc.sections.some((section) => section.depth >= minDepth && section.start <= offset && offset < section.end && heading.test(section.heading));
}

/** The line shows how a path becomes the name (`` `git/commit` → `/git:commit` ``): a naming scheme, not a reference. */
function mapsPath(doc: Doc, reference: Reference): boolean {
  if (!reference.name.includes(":")) return false;
  const line = doc.lines.position(reference.start).line;
  const text = doc.text.slice(doc.lines.lineStart(line), doc.lines.lineEnd(line));
  return text.includes(`\`${reference.name.replace(/:+/g, "/")}\``);
}

/**
 * A reference in an example in a code block: a block of markdown (the text of another doc, shown, and what spilled out of it), a line of a file
 * tree, or an example doc's tools list.
 */
function inExample(doc: Doc, offset: number): boolean {
  const block = doc.codeAt(offset);
  // An example whose inner fence closed its block reads on as prose and plain code: the example's text all the same.
  if (doc.isSpilledExample(offset)) return true;
  if (!block) return false;
  if (/^(?:markdown|md)$/i.test(block.lang)) return true;
  const line = doc.lines.position(offset).line;
  const text = doc.text.slice(doc.lines.lineStart(line), offset);
  return TREE_LINE.test(text) || EXAMPLE_TOOLS_LINE.test(text);
}

/** The sentence calls the command built in: "the built-in `/bg-status` command", "`/bg-status` (built in)". */
const BUILT_IN = /\bbuilt[- ]?ins?\b/i;

/**
 * A `/command` the doc calls built in that is none of the file's hosts' built-in commands, nor a command or skill of
 * the project: an invented command the agent will look for and not find.
 */
function inventedBuiltin(context: RuleContext, reference: Reference): Report | undefined {
  const { doc, kind, project, hosts } = context;
  // A solution doc records what was learned; it does not instruct the agent that reads it.
  if (kind === "solution" || !reference.nearMissOnly || !hosts.length || hosts.some((id) => !hostById(id).builtinCommands)) return undefined;
  const name = reference.name.toLowerCase();
  if (builtinNames(hosts, "command").has(name) || project.index.find(["command", "skill"], reference.name).length) return undefined;
  // A sentence lies within MAX_SENTENCE of the reference: without "built" there, none calls it built in, and the
  // doc need not be parsed to find the sentence.
  if (!/built/i.test(doc.text.slice(Math.max(0, reference.start - MAX_SENTENCE), reference.end + MAX_SENTENCE))) return undefined;
  const sentence = doc.sentenceAt(reference.start, reference.end);
  if (!BUILT_IN.test(sentence.text)) return undefined;
  // "Built-in commands such as `/goal` (in Codex)": another host's built-ins, which its own list would have to judge.
  const others = HOSTS.filter((host) => !hosts.includes(host.id) && host.builtinCommands);
  if (others.some((host) => new RegExp(String.raw`\b${host.id.split("-")[0]}\b`, "i").test(sentence.text))) return undefined;
  if (doc.isCounterExample(reference.start) || doc.isNegated(reference.start, reference.end)) return undefined;
  if (!doc.inlineCode.some((code) => code.start < reference.start && reference.start < code.end)) return undefined;
  const builtins = builtinList(hosts, "command");
  return {
    message:
      `${reference.form} is not a built-in command of ${hostNames(hosts)}, nor a command or skill of this project.${suggestion(reference.name, [...builtins])} ` +
      "Name a command the host has, or add it to the project's commands.",
    start: reference.start,
    end: reference.end,
  };
}

const rule: Rule = {
  meta: {
    id: "no-unknown-reference",
    description: "References to the project's own skills, subagents and commands name ones that exist.",
    kinds: ALL_KINDS,
    severity: "error",
    offByDefault:
      "on seventeen public repositories it had not seen, 11 of 25 sampled findings were true (35 of 50 with the earlier unseen sample): built-in commands missing from the host data (`/goal`, `/theme`), `skills: team/skill` paths, runtime modules (`bun:sqlite`), test fixtures, future or denied mentions, subagents named by their plugin id, agents a setup step installs",
    docsUrl: docsUrl("no-unknown-reference"),
    fixable: true,
    trigger: /subagent_type|Skill\(|[\w-]:[\w-]|^(?:skills|agent)\s*:|`\/[a-z]/im,
  },
  check,
};

export default rule;

/** A reference a doc makes to a skill, subagent or command, with where it is written. */
export type ProjectReference = Reference;

/** Every reference in a doc to the project's skills, subagents and commands, in the forms this rule checks. */
export function referencesIn(doc: Doc, kind: RuleContext["kind"], index: ProjectIndex): ProjectReference[] {
  return [...frontmatterReferences(doc, kind), ...textReferences(doc, index)];
}

/** What a reference names in the project: the definitions it resolves to (none for a built-in or another's). */
export function definitionsOf(index: ProjectIndex, reference: ProjectReference): Entity[] {
  const qualified = splitPlugin(index, reference.name);
  if (qualified) return index.find(reference.kinds, qualified.rest, qualified.plugins);
  return reference.name.includes(":") ? [] : index.find(reference.kinds, reference.name);
}
