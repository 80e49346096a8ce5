/** A plugin.json or marketplace.json that Claude Code cannot load: invalid JSON, a missing or mistyped key, a listed path that is not there. */
import path from "node:path";
import { distance } from "fastest-levenshtein";
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from "jsonc-parser";
import { docsUrl, TEST_FIXTURE } from "../src/rule-helpers.js";
import type { ProjectView } from "../src/project.js";
import type { Report, Rule } from "../src/types.js";

const PLUGIN_ROOT_VARIABLE = "${CLAUDE_PLUGIN_ROOT}";
const KEBAB_CASE = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Plugin fields Claude Code reads; a marketplace entry may carry any of them too. Others are kept unflagged: the schema grows. */
const PLUGIN_KEYS = [
  "name", "version", "description", "author", "homepage", "repository", "license", "keywords", "commands", "agents",
  "skills", "hooks", "mcpServers", "outputStyles", "lspServers", "monitors", "userConfig", "channels", "dependencies",
  "settings", "$schema",
];
const ENTRY_KEYS = [...PLUGIN_KEYS, "source", "category", "tags", "strict"];
const MARKETPLACE_KEYS = ["name", "owner", "plugins", "metadata", "description", "version", "$schema", "forceRemoveDeletedPlugins"];
/** The keys a marketplace cannot do without, each with what to write. */
const MARKETPLACE_REQUIRED: Record<string, string> = {
  name: '`"name": "my-marketplace"` (the name users install from)',
  owner: '`"owner": { "name": "..." }` (its maintainer)',
  plugins: '`"plugins": [{ "name": "my-plugin", "source": "./plugins/my-plugin" }]`',
};
const STRING_FIELDS = ["version", "description", "homepage", "repository", "license"];
/** Component fields: a path or a list of paths; some also take their configuration inline, as an object. */
const PATH_FIELDS: ReadonlyMap<string, { inline: boolean }> = new Map([
  ["commands", { inline: false }],
  ["agents", { inline: false }],
  ["skills", { inline: false }],
  ["outputStyles", { inline: false }],
  ["hooks", { inline: true }],
  ["mcpServers", { inline: true }],
  ["lspServers", { inline: true }],
]);

/** What to write instead, for each error jsonc-parser reports; Claude Code's JSON.parse rejects the same text. */
const PARSE_ERROR_HINTS: Record<string, string> = {
  CommaExpected: "Expected comma: separate this from the value before it with `,`",
  ColonExpected: 'Expected colon: write `"key": value`',
  PropertyNameExpected: 'Expected a property name in double quotes: write `"key": value`',
  ValueExpected: "Expected a value: a string in double quotes, a number, `true`, `false`, `null`, an object or an array",
  CloseBraceExpected: "Expected `}`: close the object",
  CloseBracketExpected: "Expected `]`: close the array",
  EndOfFileExpected: "Expected the end of the file: remove what follows the last closing bracket",
  InvalidCommentToken: "Comments are not allowed in JSON: remove the comment",
  UnexpectedEndOfComment: "Comments are not allowed in JSON: remove the comment",
  UnexpectedEndOfString: 'Unterminated string: close it with `"`',
  InvalidCharacter: "Control character in a string: write a tab as `\\t` and a line break as `\\n`",
  InvalidEscapeCharacter: "Invalid escape in a string: write a backslash as `\\\\`",
  InvalidUnicode: "Invalid `\\u` escape: it takes four hex digits",
  InvalidNumberFormat: "Invalid number: write it as digits, like `1.5`, without leading zeros",
  UnexpectedEndOfNumber: "Invalid number: write it as digits, like `1.5`",
};

interface Member {
  key: Node;
  value: Node;
}

/** The property `key` of an object node; the last one wins, as with JSON.parse. */
function member(object: Node, key: string): Member | undefined {
  let found: Member | undefined;
  for (const property of object.children ?? []) {
    const [keyNode, value] = property.children ?? [];
    if (keyNode?.value === key && value) found = { key: keyNode, value };
  }
  return found;
}

function keysOf(object: Node): Node[] {
  return (object.children ?? []).flatMap((property) => (property.children?.[0] ? [property.children[0]] : []));
}

function stringOf(node: Node | undefined): string | undefined {
  return node?.type === "string" ? (node.value as string) : undefined;
}

function describe(node: Node): string {
  if (node.type === "object") return "an object";
  if (node.type === "array") return "a list";
  if (node.type === "string") return "a string";
  if (node.type === "number") return "a number";
  if (node.type === "boolean") return `\`${String(node.value)}\``;
  return "`null`";
}

function toKebabCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function toPosix(file: string): string {
  return file.split(path.sep).join("/");
}

/** A known key the author probably meant, for a key Claude Code does not know: one or two letters off, or another case. */
function nearMiss(key: string, known: readonly string[], present: ReadonlySet<string>): string | undefined {
  if (key.length < 4 || known.includes(key)) return undefined;
  return known.find((candidate) => {
    if (present.has(candidate) || candidate.startsWith("$")) return false;
    const allowed = candidate.length >= 8 ? 2 : 1;
    return candidate.toLowerCase() === key.toLowerCase() || distance(candidate, key) <= allowed;
  });
}

/** The text just before `offset`, skipping whitespace: a trailing comma sits there when the parser expected one more item. */
function previousSignificant(text: string, offset: number): number {
  let at = offset - 1;
  while (at >= 0 && /\s/.test(text[at]!)) at--;
  return at;
}

class ManifestChecker {
  constructor(
    private readonly text: string,
    private readonly lineOf: (offset: number) => number,
    private readonly project: ProjectView,
    private readonly report: (report: Report) => void,
  ) {}

  private at(node: Node, message: string, severity?: "warn"): void {
    this.report({ message, start: node.offset, end: node.offset + node.length, ...(severity ? { severity } : {}) });
  }

  /** Missing keys are reported at the object's opening brace: there is no value to point at. */
  private atBrace(object: Node, message: string): void {
    this.report({ message, start: object.offset, end: object.offset + 1 });
  }

  parseErrors(errors: readonly ParseError[], what: string): void {
    const consequence = `Claude Code reads this file with JSON.parse and cannot load the ${what}.`;
    if (!this.text.trim()) {
      this.report({ message: `The file is empty: write the ${what} as a JSON object (\`{ "name": ... }\`). ${consequence}`, start: 0, end: 0 });
      return;
    }
    // The parser recovers cleanly from a trailing comma or a comment, so each of those is reported; after any other
    // error it is lost, and what it says next is noise: only the first such error is.
    const reportedLines = new Set<number>();
    let lost = false;
    for (const error of errors) {
      const line = this.lineOf(error.offset);
      if (lost || reportedLines.has(line)) continue;
      reportedLines.add(line);
      const code = printParseErrorCode(error.error);
      const comma = previousSignificant(this.text, error.offset);
      const closer = this.text[error.offset];
      // A comma, then the bracket that closes the same list or object: the parser wanted one more item.
      const closesAfterComma = (code === "PropertyNameExpected" && closer === "}") || (code === "ValueExpected" && closer === "]");
      if (closesAfterComma && this.text[comma] === ",") {
        reportedLines.add(this.lineOf(comma));
        this.report({
          message: `Invalid JSON: Trailing comma is not allowed: remove the \`,\` before \`${closer}\`. ${consequence}`,
          start: comma,
          end: comma + 1,
        });
        continue;
      }
      lost = code !== "InvalidCommentToken" && code !== "UnexpectedEndOfComment";
      let hint = PARSE_ERROR_HINTS[code];
      if (code === "InvalidSymbol") {
        const symbol = this.text.slice(error.offset, error.offset + error.length);
        hint = symbol.startsWith("'")
          ? "Strings take double quotes, not single quotes: write `\"...\"`"
          : `Unexpected \`${symbol}\`: write a string in double quotes, a number, \`true\`, \`false\` or \`null\``;
      }
      this.report({
        message: `Invalid JSON: ${hint ?? code}. ${consequence}`,
        start: error.offset,
        end: error.offset + Math.max(error.length, 1),
      });
    }
  }

  /** A plugin's fields, in its plugin.json or in a marketplace entry; paths are checked against `root` when it is known. */
  pluginFields(object: Node, where: string, root: string | undefined): void {
    this.pluginName(object, where, (root && toKebabCase(path.basename(root))) || "my-plugin");
    for (const field of STRING_FIELDS) {
      const found = member(object, field);
      if (found && found.value.type !== "string") this.at(found.value, `\`${field}\` in ${where} must be a string, not ${describe(found.value)}.`);
    }
    this.author(object, where);
    const keywords = member(object, "keywords");
    if (keywords && (keywords.value.type !== "array" || keywords.value.children?.some((item) => item.type !== "string"))) {
      this.at(keywords.value, `\`keywords\` in ${where} must be a list of strings, like \`["pdf", "forms"]\`.`);
    }
    for (const [field, { inline }] of PATH_FIELDS) {
      const found = member(object, field);
      if (found) this.componentPaths(field, found.value, inline, where, root);
    }
  }

  /** `suggested`: the name to offer when there is none, such as the plugin's folder name. */
  private pluginName(object: Node, where: string, suggested: string): void {
    const found = member(object, "name");
    if (!found) {
      this.atBrace(object, `${where} has no \`name\`: add \`"name": "${suggested}"\`, the kebab-case name its commands and skills are namespaced by.`);
      return;
    }
    const name = stringOf(found.value);
    if (name === undefined) {
      this.at(found.value, `\`name\` in ${where} must be a string, not ${describe(found.value)}.`);
    } else if (/\s/.test(name)) {
      this.at(found.value, `Plugin name "${name}" contains spaces; plugin names are kebab-case: write "${toKebabCase(name)}".`);
    } else if (!KEBAB_CASE.test(name)) {
      this.at(found.value, `Plugin name "${name}" is not kebab-case (lowercase letters, digits and hyphens): write "${toKebabCase(name)}".`, "warn");
    }
  }

  private author(object: Node, where: string): void {
    const found = member(object, "author");
    if (!found) return;
    if (found.value.type !== "object") {
      const suggestion = found.value.type === "string" ? `{ "name": ${JSON.stringify(found.value.value)} }` : `{ "name": "..." }`;
      this.at(found.value, `\`author\` in ${where} must be an object with a \`name\`, not ${describe(found.value)}: write \`${suggestion}\`.`);
      return;
    }
    const name = member(found.value, "name");
    if (!name) this.atBrace(found.value, `\`author\` in ${where} has no \`name\`: add \`"name": "..."\`.`);
    else if (name.value.type !== "string") this.at(name.value, `\`author.name\` in ${where} must be a string, not ${describe(name.value)}.`);
  }

  private componentPaths(field: string, value: Node, inline: boolean, where: string, root: string | undefined): void {
    const expected = `a path starting with \`./\`${inline ? ", an inline object" : ""} or a list of ${inline ? "those" : "such paths"}`;
    const items = value.type === "array" ? (value.children ?? []) : [value];
    for (const item of items) {
      if (item.type === "string") this.componentPath(field, item, where, root);
      else if (!(inline && item.type === "object")) this.at(item, `\`${field}\` in ${where} must be ${expected}, not ${describe(item)}.`);
    }
  }

  private componentPath(field: string, node: Node, where: string, root: string | undefined): void {
    const value = node.value as string;
    const label = `Path "${value}" in \`${field}\` of ${where}`;
    const relative = value.startsWith(PLUGIN_ROOT_VARIABLE) ? `.${value.slice(PLUGIN_ROOT_VARIABLE.length)}` : value;
    if (relative.split(/[\\/]/).includes("..")) {
      this.at(node, `${label} leaves the plugin folder; an installed plugin is copied on its own, so keep its files inside it.`);
      return;
    }
    if (!relative.startsWith("./")) {
      const fixed = `./${value.replace(/^\/+/, "")}`;
      const reason = path.posix.isAbsolute(value) || /^[a-z]:/i.test(value) ? "is absolute" : "does not start with `./`";
      this.at(node, `${label} ${reason}; component paths are relative to the plugin folder and start with \`./\`: write "${fixed}".`);
      return;
    }
    const state = root === undefined ? undefined : this.project.fileState(path.join(root, relative));
    if (state === "missing") {
      this.at(node, `${label} does not exist in the plugin folder \`${this.display(root!)}\`; fix the path or remove it.`);
      return;
    }
    // `claude plugin validate` (2.1.332): "agents.0: Invalid string: must end with \".md\"", and the plugin is not loaded.
    if (field === "agents" && !/\.md$/i.test(relative)) {
      let folder = relative;
      while (folder.endsWith("/")) folder = folder.slice(0, -1);
      const files = state === "dir" && root !== undefined ? this.project.listing(path.join(root, folder)).filter((name) => /\.md$/i.test(name)) : [];
      const example = files.length ? files.slice(0, 2).map((name) => `"${folder}/${name}"`).join(", ") : `"${folder}/reviewer.md"`;
      this.at(node, `${label} is not a \`.md\` file; Claude Code will not load this plugin ("must end with \\".md\\""): list each agent file, such as \`"agents": [${example}]\`, or drop \`agents\` to load \`./agents/\` by default.`);
    }
  }

  /** A marketplace: its name, owner and plugin entries, and each entry's source folder and component paths. */
  marketplace(object: Node, base: string): void {
    const where = "marketplace.json";
    // One finding for all missing keys: a file missing all three is usually some other catalog, and one line says so.
    const missing = Object.entries(MARKETPLACE_REQUIRED).filter(([key]) => !member(object, key));
    if (missing.length) {
      const keys = missing.map(([key]) => `\`${key}\``);
      const list = keys.length === 1 ? keys[0] : `${keys.slice(0, -1).join(", ")} and ${keys.at(-1)}`;
      this.atBrace(object, `${where} has no ${list}: add ${missing.map(([, example]) => example).join(", ")}. Claude Code cannot load a marketplace without ${missing.length === 1 ? "it" : "them"}.`);
    }
    const name = member(object, "name");
    if (name && name.value.type !== "string") this.at(name.value, `\`name\` in ${where} must be a string, not ${describe(name.value)}.`);
    const owner = member(object, "owner");
    if (owner && owner.value.type !== "object") this.at(owner.value, `\`owner\` in ${where} must be an object with a \`name\`, not ${describe(owner.value)}: write \`"owner": { "name": "..." }\`.`);
    else if (owner) {
      const ownerName = member(owner.value, "name");
      if (!ownerName) this.atBrace(owner.value, `\`owner\` in ${where} has no \`name\`: add \`"name": "..."\`.`);
      else if (ownerName.value.type !== "string") this.at(ownerName.value, `\`owner.name\` in ${where} must be a string, not ${describe(ownerName.value)}.`);
    }
    const pluginRoot = this.pluginRoot(object, base);
    const plugins = member(object, "plugins");
    if (!plugins) return;
    if (plugins.value.type !== "array") {
      this.at(plugins.value, `\`plugins\` in ${where} must be a list of plugin entries, not ${describe(plugins.value)}.`);
      return;
    }
    const seen = new Map<string, Node>();
    (plugins.value.children ?? []).forEach((entry, index) => {
      if (entry.type !== "object") {
        this.at(entry, `Plugin entry ${index + 1} in ${where} must be an object with \`name\` and \`source\`, not ${describe(entry)}.`);
        return;
      }
      const entryName = stringOf(member(entry, "name")?.value);
      const label = entryName ? `plugin entry "${entryName}"` : `plugin entry ${index + 1}`;
      const root = this.source(entry, label, base, pluginRoot);
      this.pluginFields(entry, label, root);
      this.unknownKeys(entry, ENTRY_KEYS, label);
      const nameNode = member(entry, "name")?.value;
      if (entryName === undefined || !nameNode) return;
      const first = seen.get(entryName);
      if (first) {
        this.at(nameNode, `Duplicate plugin name "${entryName}" (first on line ${this.lineOf(first.offset)}): each plugin in a marketplace needs its own name, or one entry hides the other.`);
      } else seen.set(entryName, nameNode);
    });
  }

  /** `metadata.pluginRoot`: the folder bare source names (`"formatter"`) resolve from. */
  private pluginRoot(object: Node, base: string): string | undefined {
    const node = findNodeAtLocation(object, ["metadata", "pluginRoot"]);
    if (!node) return undefined;
    const value = stringOf(node);
    if (value === undefined) {
      this.at(node, `\`metadata.pluginRoot\` must be a path string, not ${describe(node)}.`);
      return undefined;
    }
    const resolved = path.resolve(base, value);
    if (this.project.fileState(resolved) !== "dir") {
      this.at(node, `\`metadata.pluginRoot\` "${value}" is not a folder of this marketplace (\`${this.display(base)}\`); fix the path.`);
    }
    return resolved;
  }

  /** An entry's `source`; a local one must be an existing folder, which is returned. Remote sources are never fetched. */
  private source(entry: Node, label: string, base: string, pluginRoot: string | undefined): string | undefined {
    const found = member(entry, "source");
    if (!found) {
      this.atBrace(entry, `${label} has no \`source\`: add \`"source": "./plugins/<name>"\` for a folder of this repository, or a source object like \`{ "source": "github", "repo": "owner/repo" }\`.`);
      return undefined;
    }
    const node = found.value;
    if (node.type === "object") {
      if (!stringOf(member(node, "source")?.value)) {
        this.atBrace(node, `The \`source\` object of ${label} has no \`source\` string naming its kind: add \`"source": "github"\` (or \`url\`, \`git-subdir\`, \`npm\`).`);
      }
      return undefined;
    }
    const value = stringOf(node);
    if (value === undefined) {
      this.at(node, `\`source\` of ${label} must be a path starting with \`./\` or a source object, not ${describe(node)}.`);
      return undefined;
    }
    if (value.split(/[\\/]/).includes("..")) {
      this.at(node, `Source "${value}" of ${label} contains \`..\`: a plugin source must be inside the marketplace folder \`${this.display(base)}\`.`);
      return undefined;
    }
    let folder: string;
    if (value.startsWith("./")) folder = path.resolve(base, value);
    else if (pluginRoot !== undefined && !/^[a-z][a-z0-9+.-]*:|^\//i.test(value)) folder = path.resolve(pluginRoot, value);
    else {
      const remote = /^(?:https?|git|ssh):|^git@/i.test(value);
      const shorthand = shorthandSource(value);
      this.at(node, shorthand
        ? `Source "${value}" of ${label} is a shorthand Claude Code does not read in a marketplace; write a source object instead: \`${shorthand}\`.`
        : remote
        ? `Source "${value}" of ${label} is a URL string; write a source object instead: \`{ "source": "url", "url": ${JSON.stringify(value)} }\`.`
        : `Source "${value}" of ${label} does not start with \`./\`; a relative source is resolved from the marketplace folder: write "./${value.replace(/^\/+/, "")}".`);
      return undefined;
    }
    const state = this.project.fileState(folder);
    if (state === "dir") return folder;
    // A marketplace moved out of the repository root keeps sources written for the root; say so when that is the case.
    const fromRoot = path.resolve(this.project.root, value);
    const atRoot = state === "missing" && base !== this.project.root && this.project.fileState(fromRoot) === "dir";
    this.at(node, state === "file"
      ? `Source "${value}" of ${label} is a file; a plugin source is the plugin's folder (the one holding \`.claude-plugin/\`).`
      : `Source "${value}" of ${label} does not exist: no folder \`${this.display(folder)}\`${
          atRoot ? ` (\`${this.display(fromRoot)}\` exists, but relative sources resolve from the folder holding \`.claude-plugin/\`, not from the repository root)` : ""
        }; fix the path or add the plugin there.`);
    return undefined;
  }

  /** A key Claude Code does not know is dropped silently; flag it only when it is plainly a misspelt known key. */
  unknownKeys(object: Node, known: readonly string[], where: string): void {
    const keys = keysOf(object);
    const present = new Set(keys.map((key) => String(key.value)));
    for (const key of keys) {
      const name = String(key.value);
      const meant = nearMiss(name, known, present);
      if (meant) this.at(key, `Unknown key "${name}" in ${where}, which Claude Code ignores; did you mean "${meant}"?`, "warn");
    }
  }

  private display(folder: string): string {
    return toPosix(path.relative(this.project.root, folder)) || ".";
  }
}

const rule: Rule = {
  meta: {
    id: "plugin-manifest",
    description: "Plugin and marketplace manifests must be valid JSON with the required keys, and list only paths that exist.",
    kinds: ["manifest"],
    severity: "error",
    docsUrl: docsUrl("plugin-manifest"),
  },
  check({ doc, filePath, project, report }) {
    const file = path.resolve(filePath);
    // A sample plugin under `fixtures/` is another tool's test input, wrong on purpose and never installed.
    if (TEST_FIXTURE.test(path.relative(project.root, file))) return;
    const isMarketplace = path.basename(file) === "marketplace.json";
    const what = isMarketplace ? "marketplace" : "plugin";
    const checker = new ManifestChecker(doc.text, (offset) => doc.lines.position(offset).line, project, report);
    const errors: ParseError[] = [];
    const tree = parseTree(doc.text, errors, { allowTrailingComma: false, disallowComments: true });
    if (errors.length || !tree) {
      checker.parseErrors(errors, what);
      return;
    }
    if (tree.type !== "object") {
      report({
        message: `A ${what} manifest must be a JSON object (\`{ "name": ... }\`), not ${describe(tree)}.`,
        start: tree.offset,
        end: tree.offset + tree.length,
      });
      return;
    }
    // The folder holding `.claude-plugin/` is the plugin's root, and the marketplace's: paths resolve from it.
    const base = path.dirname(path.dirname(file));
    if (isMarketplace) {
      checker.marketplace(tree, base);
      checker.unknownKeys(tree, MARKETPLACE_KEYS, "marketplace.json");
    } else {
      checker.pluginFields(tree, "plugin.json", base);
      checker.unknownKeys(tree, PLUGIN_KEYS, "plugin.json");
    }
  },
};

export default rule;

/**
 * The source object for a `github:owner/repo[@ref]` or `npm:package` string, the forms Claude Code prints a source in
 * (and other tools accept), which its marketplace schema does not read: a string source there is a `./` path.
 */
function shorthandSource(value: string): string | undefined {
  const github = /^github:([\w.-]+\/[\w.-]+?)(?:\.git)?(?:@([^\s@]+))?$/i.exec(value);
  if (github) return `{ "source": "github", "repo": ${JSON.stringify(github[1])}${github[2] ? `, "ref": ${JSON.stringify(github[2])}` : ""} }`;
  const npm = /^npm:(\S+)$/i.exec(value);
  if (npm) return `{ "source": "npm", "package": ${JSON.stringify(npm[1])} }`;
  return undefined;
}
