/** A skill, subagent or command that a target host refuses to load, or loads without a key, for the host's own reason. */
import path from "node:path";
import { closest, distance } from "fastest-levenshtein";
import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair } from "yaml";
import { hostById, hostNames, LOAD_KIND, LOAD_WORD } from "../src/hosts/index.js";
import type { Host, HostId, LoadCheck } from "../src/hosts/types.js";
import { docsUrl, isTemplatePlaceholder, TEST_FIXTURE } from "../src/rule-helpers.js";
import type { Fix, Rule, RuleContext } from "../src/types.js";

/*
 * The checks are data in each host's file (`loadChecks`): this rule only evaluates them. A check several
 * targets share gives one finding naming them all.
 */


interface Failure {
  message: string;
  /** What to write instead, when the failure shows it. */
  hint?: string;
  start: number;
  end: number;
  fix?: Fix;
}

/** The top-level pair of a key in the frontmatter mapping. */
function pairOf(context: RuleContext, key: string): Pair<YamlNode, YamlNode> | undefined {
  const contents = context.doc.frontmatter?.yaml.contents;
  if (!isMap(contents)) return undefined;
  return contents.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key) as Pair<YamlNode, YamlNode> | undefined;
}

function rangeOf(context: RuleContext, node: YamlNode | null | undefined): [number, number] | undefined {
  const offset = context.doc.frontmatter?.contentStart;
  if (!node?.range || offset === undefined) return undefined;
  return [offset + node.range[0], offset + node.range[1]];
}

function frontmatterStart(context: RuleContext): [number, number] {
  const frontmatter = context.doc.frontmatter;
  return frontmatter ? [frontmatter.start, frontmatter.start + 3] : [0, 0];
}

/** Quoting a one-line flow value (`[test-name]`) keeps its text: what Claude Code shows, every host reads. */
function quoteFix(context: RuleContext, node: YamlNode): Fix | undefined {
  const range = rangeOf(context, node);
  if (!range) return undefined;
  const source = context.doc.text.slice(range[0], range[1]);
  if (source.includes("\n") || !/^[[{]/.test(source)) return undefined;
  return { range, text: JSON.stringify(source) };
}

function stringValue(context: RuleContext, key: string): { value: string; range: [number, number] } | undefined {
  const pair = pairOf(context, key);
  if (!pair || !isScalar(pair.value) || typeof pair.value.value !== "string") return undefined;
  const range = rangeOf(context, pair.value);
  return range ? { value: pair.value.value, range } : undefined;
}

/** The entries of a `tools` list that are not the host's tools, with their ranges. */
function foreignTools(context: RuleContext, key: string, host: Host, allow: readonly string[]): { name: string; range: [number, number] }[] {
  const value = pairOf(context, key)?.value;
  if (!isSeq(value)) return [];
  const names = new Set(host.tools?.names.flatMap((tool) => [tool.name, ...(tool.aliases ?? [])]) ?? []);
  const foreign: { name: string; range: [number, number] }[] = [];
  for (const item of value.items as YamlNode[]) {
    if (!isScalar(item) || typeof item.value !== "string") continue;
    const name = item.value;
    if (names.has(name) || allow.some((source) => patternOf(source).test(name))) continue;
    const range = rangeOf(context, item);
    if (range) foreign.push({ name, range });
  }
  return foreign;
}

function toolsHint(host: Host, name: string): string {
  const names = host.tools?.names.map((tool) => tool.name) ?? [];
  const near = names.length ? closest(name.toLowerCase(), names) : undefined;
  if (near && distance(name.toLowerCase(), near) <= Math.max(2, Math.floor(name.length / 3))) return `write \`${near}\``;
  return `name its tools as it does (${names.slice(0, 4).map((n) => `\`${n}\``).join(", ")}, ...), an MCP tool or \`*\``;
}

/** Why this doc fails the check, or undefined when it passes. */
function evaluate(context: RuleContext, check: LoadCheck, host: Host): Failure | undefined {
  const { doc } = context;
  if (check.type === "frontmatter") {
    return doc.frontmatter ? undefined : { message: "it has no frontmatter", hint: "start the file with `---`, `name: ...`, `description: ...`, `---`", start: 0, end: 0 };
  }
  if (check.type === "yaml") {
    const frontmatter = doc.frontmatter;
    if (!frontmatter || (!frontmatter.yaml.errors.length && (isMap(frontmatter.yaml.contents) || frontmatter.yaml.contents === null))) return undefined;
    const error = frontmatter.yaml.errors[0];
    const start = error ? frontmatter.contentStart + error.pos[0] : frontmatter.start;
    return { message: "its frontmatter is not valid YAML", start, end: Math.max(start + 1, error ? frontmatter.contentStart + error.pos[1] : start + 3) };
  }
  const contents = doc.frontmatter?.yaml.contents;
  if (!doc.frontmatter || doc.frontmatter.yaml.errors.length || !isMap(contents)) {
    // A doc without frontmatter fails `required`; malformed frontmatter is the `yaml` check's and frontmatter-yaml's.
    if (check.type !== "required" || doc.frontmatter) return undefined;
    return { message: "it has no frontmatter", hint: "start the file with `---`, `name: ...`, `description: ...`, `---`", start: 0, end: 0 };
  }
  if (check.type === "name-is-folder") {
    const name = stringValue(context, "name");
    const folder = path.basename(path.dirname(context.filePath));
    if (!name || name.value === folder) return undefined;
    return { message: `its \`name\` \`${name.value}\` differs from its folder \`${folder}\``, start: name.range[0], end: name.range[1] };
  }
  if (check.type === "tool-names") {
    const foreign = foreignTools(context, check.key, host, check.allow ?? []);
    const first = foreign[0];
    if (!first) return undefined;
    const listed = foreign.map((tool) => `\`${tool.name}\``).join(", ");
    const what = foreign.length > 1 ? `names ${listed}, which are not ${host.name} tools` : `names ${listed}, which is not a ${host.name} tool`;
    return { message: `its \`${check.key}\` ${what}`, hint: toolsHint(host, first.name), start: first.range[0], end: first.range[1] };
  }
  const pair = pairOf(context, check.key);
  if (check.type === "required") {
    const value = pair?.value;
    const empty = !pair || value === null || (isScalar(value) && (value.value === null || String(value.value).trim() === ""));
    if (!empty) return undefined;
    const [start, end] = (pair && rangeOf(context, pair.key as YamlNode)) ?? frontmatterStart(context);
    return { message: `\`${check.key}\` is missing or empty`, start, end };
  }
  if (!pair) return undefined;
  if (check.type === "string") {
    const value = pair.value;
    if (!isSeq(value) && !isMap(value)) return undefined;
    const [start, end] = rangeOf(context, value) ?? frontmatterStart(context);
    const fix = quoteFix(context, value);
    const hint = fix ? `quote it: \`${check.key}: ${fix.text}\`` : "write it as one string";
    return { message: `\`${check.key}\` is a YAML ${isSeq(value) ? "list" : "mapping"}, not a string`, hint, start, end, ...(fix ? { fix } : {}) };
  }
  const value = stringValue(context, check.key);
  if (!value) return undefined;
  if (check.type === "maxLength") {
    if (value.value.length <= check.max) return undefined;
    return { message: `\`${check.key}\` is ${value.value.length} characters, over ${check.max}`, start: value.range[0], end: value.range[1] };
  }
  // Host patterns are anchored regular expressions from the host's own code, compiled once.
  if (patternOf(check.pattern).test(value.value)) return undefined;
  return { message: `\`${check.key}\` \`${value.value}\` does not match ${check.pattern}`, start: value.range[0], end: value.range[1] };
}

const patterns = new Map<string, RegExp>();
function patternOf(source: string): RegExp {
  let pattern = patterns.get(source);
  if (!pattern) patterns.set(source, (pattern = new RegExp(source, "u")));
  return pattern;
}

const EFFECTS: Record<LoadCheck["effect"], (hosts: string, word: string) => string> = {
  refuse: (hosts, word) => `${hosts} will not load this ${word}`,
  "drop-key": (hosts, word) => `${hosts} loads this ${word} without that key`,
  "drop-frontmatter": (hosts, word) => `${hosts} loads this ${word} but ignores all its frontmatter`,
};

function check(context: RuleContext): void {
  const loadKind = LOAD_KIND[context.kind];
  if (!loadKind) return;
  const { filePath, project } = context;
  // A test's input (a sample plugin under `fixtures/`) is wrong on purpose, and no host is pointed at it.
  if (TEST_FIXTURE.test(path.relative(project.root, path.resolve(filePath)))) return;
  const byReason = new Map<string, { failure: Failure; check: LoadCheck; hosts: HostId[] }>();
  for (const id of context.hosts) {
    const checks = hostById(id).loadChecks;
    // Without frontmatter, a host that asks for it says that, not that each key is missing.
    const asksForFrontmatter = !context.doc.frontmatter && checks.some((c) => c.type === "frontmatter" && c.kinds.includes(loadKind));
    for (const loadCheck of checks) {
      if (asksForFrontmatter && loadCheck.type === "required") continue;
      // Invalid YAML is frontmatter-yaml's to report, naming the hosts that refuse it; other rules say what they check better.
      if (!loadCheck.kinds.includes(loadKind) || loadCheck.type === "yaml" || loadCheck.reportedBy) continue;
      const failure = evaluate(context, loadCheck, hostById(id));
      if (!failure) continue;
      // A template's `name: [TODO: ...]` is filled in where the copy lands.
      if (isTemplatePlaceholder(context.doc.text.slice(failure.start, failure.end), filePath, project.root)) continue;
      const key = `${loadCheck.effect}|${failure.message}`;
      const seen = byReason.get(key);
      if (seen) {
        if (!seen.hosts.includes(id)) seen.hosts.push(id);
      }
      else byReason.set(key, { failure, check: loadCheck, hosts: [id] });
    }
  }
  for (const { failure, check: loadCheck, hosts } of byReason.values()) {
    const since = hosts.length === 1 && loadCheck.since ? ` (since ${loadCheck.since})` : "";
    // The host's own words, so the author can find them in its output.
    const reason = loadCheck.reason && !failure.message.includes(loadCheck.reason) ? ` ("${loadCheck.reason}")` : "";
    context.report({
      message: `${EFFECTS[loadCheck.effect](hostNames(hosts), LOAD_WORD[loadKind])}${since}: ${failure.message}${reason}${failure.hint ? `; ${failure.hint}` : ""}.`,
      start: failure.start,
      end: failure.end,
      hosts,
      ...(failure.fix ? { fix: failure.fix } : {}),
      ...(loadCheck.effect === "refuse" ? {} : { severity: "warn" as const }),
    });
  }
}

const rule: Rule = {
  meta: {
    id: "host-loads",
    description: "Every target host loads the skill, subagent or command: no frontmatter that a host refuses, or loads without a key.",
    kinds: ["skill", "agent", "command"],
    severity: "error",
    offByDefault:
      "on thirty-three public repositories it had not seen, 4 of 22 findings were true (16 of 34 with the earlier unseen sample): notes in a skill's deep reference folders read as subagents, and skill fragments a build script merges into the real SKILL.md",
    docsUrl: docsUrl("host-loads"),
    fixable: true,
  },
  check,
};

export default rule;
