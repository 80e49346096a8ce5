/** Frontmatter that is not valid YAML, or not a mapping: what each target host then does with the file. */
import path from "node:path";
import { isMap, parseDocument, visit } from "yaml";
import { hostNames, LOAD_KIND, LOAD_WORD, yamlCheckOf } from "../src/hosts/index.js";
import type { HostId, YamlRepair } from "../src/hosts/types.js";
import { ALL_KINDS, docsUrl, SAMPLE_PLACEHOLDER, TEMPLATE_FILE } from "../src/rule-helpers.js";
import type { Doc } from "../src/document.js";
import type { Fix, Kind, Rule } from "../src/types.js";

/** The characters that make a host that re-quotes (`repairs: ["requote"]`) quote a value that fails to parse. */
const REQUOTED = /: |[{}[\]*&#!|>%@`]/;
/** The lines such a host re-quotes: a top-level key of letters, `_` and `-` (Claude Code's frontmatter parser); a nested one stays broken. */
const REQUOTED_LINE = /^[a-z_-]+:\s+\S/i;
const LOST = "so its name, description and tools are lost";
const BROKEN = { text: `hosts that parse YAML strictly ignore or refuse it, ${LOST}` };

/** What is lost where no host's own check is known: a solution doc's fields, another doc's metadata, else a host's view. */
function broken(kind: Kind): { text: string } {
  if (kind === "solution") return { text: "the tools that read a solution doc's frontmatter (module, problem_type, tags) parse it strictly and refuse it" };
  if (kind === "doc" || kind === "skill-reference") return { text: "a strict YAML parser reads no metadata from it" };
  return BROKEN;
}

function plural(ids: readonly HostId[], one: string, many: string): string {
  return ids.length > 1 ? many : one;
}

/**
 * What the file's hosts do with frontmatter that does not parse, from their `yaml` load checks, and how bad that
 * is: an error when some host refuses the file or loses its frontmatter, a warning when every host mends it.
 */
function consequence(
  hosts: readonly HostId[],
  kind: Kind,
  repair: YamlRepair | undefined,
  readers: readonly HostId[] = [],
): { text: string; severity?: "warn" } | undefined {
  const loadKind = LOAD_KIND[kind];
  const refusing: HostId[] = [];
  const dropping: HostId[] = [];
  const mending: HostId[] = [];
  for (const id of hosts) {
    const check = yamlCheckOf(id, kind);
    if (!check) continue;
    if (check.repairs?.includes("fallback") || (repair && check.repairs?.includes(repair))) mending.push(id);
    else if (check.effect === "refuse") refusing.push(id);
    else dropping.push(id);
  }
  const how = (ids: readonly HostId[]): string => {
    if (ids.every((id) => mendsAnything(id, kind))) return `${plural(ids, "reads", "read")} it with a simpler parser`;
    return repair === "tabs" ? `${plural(ids, "reads", "read")} the tab` : `${plural(ids, "re-quotes", "re-quote")} the value`;
  };
  const parts = [
    refusing.length ? `${hostNames(refusing)} will not load this ${loadKind ? LOAD_WORD[loadKind] : "file"}` : "",
    dropping.length ? `${hostNames(dropping)} ${plural(dropping, "loads", "load")} it without its frontmatter, ${LOST}` : "",
    mending.length ? `${hostNames(mending)} ${how(mending)} and ${plural(mending, "loads", "load")} it` : "",
  ].filter(Boolean);
  if (refusing.length || dropping.length) return { text: parts.join("; ") };
  if (!mending.length) return broken(kind);
  // Every target mends it. It matters still where another host that reads this folder would refuse it, and where a
  // target mends it only by re-quoting (Claude Code asks for valid YAML; validators and uploads refuse it). A host
  // whose fallback parser reads any line, alone, loads the doc as written.
  const strict = readers.filter((id) => !hosts.includes(id) && !mends(id, kind, repair));
  if (strict.length) return { text: `${parts[0]}, but ${hostNames(strict)}, which ${plural(strict, "reads", "read")} this folder too, would not`, severity: "warn" };
  if (mending.every((id) => mendsAnything(id, kind))) return undefined;
  // Only a skill is also read by a strict parser outside the hosts (the Agent Skills validators, an upload); a command
  // or subagent that every host reading it mends loads as written (`argument-hint: [file] [format]`, as in Claude
  // Code's own examples).
  if (kind !== "skill") return undefined;
  return { text: `${parts[0]}, but hosts that parse YAML strictly (Copilot CLI, the Agent Skills validators) refuse it`, severity: "warn" };
}

/** Whether a host loads such a file despite the error: it has no YAML check for the kind, or mends this error. */
function mends(id: HostId, kind: Kind, repair: YamlRepair | undefined): boolean {
  const check = yamlCheckOf(id, kind);
  if (!check) return true;
  return check.repairs?.includes("fallback") === true || (repair !== undefined && check.repairs?.includes(repair) === true);
}

function mendsAnything(id: HostId, kind: Kind): boolean {
  return yamlCheckOf(id, kind)?.repairs?.includes("fallback") === true;
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
const TEMPLATE_PLACEHOLDER = /\{\{[^{}\n]*\}\}/;
const KEY_VALUE = /^([ \t]*[\w.-]+:(?:[ \t]+|$))(?:((?![ \t]).+(?<![ \t]))[ \t]*)?$/;
const NEEDS_QUOTES = /: |^\[.*\][ \t]*\S|^\{.*\}[ \t]*\S|^["'].*["'][ \t]*\S/;

/**
 * The value the author meant, when that is sure: the text as written (`"Convert HCL" when ...` keeps its quotes),
 * or inside the quotes of a quoted value that its own unescaped quotes broke (`"Use "x" when: y"`). Undefined
 * for a quote never closed, or a quoted value holding escapes: any fix would be a guess.
 */
function intendedValue(value: string): string | undefined {
  const quote = value[0];
  if (quote !== '"' && quote !== "'") return value;
  if (value.length > 1 && value.endsWith(quote)) {
    const inner = value.slice(1, -1);
    return /\\|''/.test(inner) ? undefined : inner;
  }
  return value.indexOf(quote, 1) > 0 ? value : undefined;
}

/** The end of a key's entry: its line, and the lines after it that are blank or indented deeper (a value continued). */
function entryEnd(yaml: string, lineEnd: number, indent: number): number {
  let end = lineEnd;
  for (const line of yaml.slice(lineEnd).matchAll(/\r?\n([^\r\n]*)/g)) {
    const text = line[1]!;
    if (text.trim() !== "" && text.length - text.trimStart().length <= indent) break;
    end += line[0].length;
  }
  return end;
}

/**
 * Wrapping the line's value in double quotes, when that is surely what the author meant: the fixed frontmatter
 * is parsed again, and the fix is offered only when the key's whole entry then parses and holds the intended value.
 * `yaml` is the frontmatter's text and `offset` the line's start in it.
 */
function quoteFix(line: string, lineStart: number, yaml: string, offset: number): { fix: Fix; value: string } | undefined {
  const match = KEY_VALUE.exec(line);
  if (!match) return undefined;
  const value = match[2] ?? "";
  if (!NEEDS_QUOTES.test(value) || /^[|>&*!]/.test(value) || /^["'][^"']*["']$/.test(value)) return undefined;
  const intended = intendedValue(value);
  if (intended === undefined) return undefined;
  const text = JSON.stringify(intended);
  const start = offset + match[1]!.length;
  const end = start + value.length;
  const fixed = yaml.slice(0, start) + text + yaml.slice(end);
  const entry = entryEnd(yaml, offset + line.length, match[1]!.length - match[1]!.trimStart().length) + text.length - value.length;
  const reparsed = parseDocument(fixed);
  if (reparsed.errors.some((error) => error.pos[0] >= offset && error.pos[0] < entry)) return undefined;
  let holds = false;
  visit(reparsed, {
    Scalar(_, node) {
      if (node.range?.[0] !== start) return undefined;
      holds = node.value === intended;
      return visit.BREAK;
    },
  });
  if (!holds) return undefined;
  return { fix: { range: [lineStart + match[1]!.length, lineStart + match[1]!.length + value.length], text }, value };
}

/** A list item's line: its marker and its value. */
const LIST_ITEM = /^[ \t]*(-[ \t]+)(\S(?:.*\S)?)[ \t]*$/;

function hintFor(code: string, reason: string, line: string): string {
  const key = KEY_VALUE.exec(line);
  const item = key ? undefined : LIST_ITEM.exec(line);
  const value = key?.[2] ?? item?.[2] ?? "";
  const lead = item ? "-" : `${line.trim().replace(/:.*/, "")}:`;
  if (code === "RESOURCE_EXHAUSTION" && /^Frontmatter of/.test(reason)) return "keep metadata in frontmatter and move the data to a file the doc links to";
  if (code === "RESOURCE_EXHAUSTION" && /^Nesting/.test(reason)) return "flatten it: hosts read a few levels at most";
  // `"<repo path>" ["focus hint"]`: a quoted part with more after it; the whole value needs the other quotes.
  if (code !== "MISSING_CHAR" && /^"/.test(value) && !/^"(?:[^"\\]|\\.)*"\s*$/.test(value)) {
    return `quote the whole value, which is a quoted part with more after it (\`${lead} '${value.replace(/'/g, "''")}'\`)`;
  }
  if (/^\[/.test(value)) return `quote the value (\`${lead} "${value.replace(/"/g, '\\"')}"\`) or write it as one YAML list`;
  if (code === "BLOCK_AS_IMPLICIT_KEY" || /: /.test(value)) return "quote the value, since it contains \": \"";
  if (code === "TAB_AS_INDENT") return "indent with spaces, not tabs";
  if (code === "DUPLICATE_KEY") return "remove or rename the repeated key";
  if (code === "MISSING_CHAR") return "close the quote";
  if (code === "RESOURCE_EXHAUSTION") return "write the values out instead of nesting aliases";
  return "quote the value or fix the indentation";
}

/** The text of the entry on `line` with the lines continuing it (indented deeper), dedented, to parse on its own. */
function entryOnItsOwn(doc: Doc, line: number, contentEnd: number): string {
  const indentOf = (text: string): number => /^[ \t]*/.exec(text)![0].length;
  const first = doc.text.slice(doc.lines.lineStart(line), doc.lines.lineEnd(line));
  const indent = indentOf(first);
  const lines = [first.slice(indent)];
  for (const text of doc.text.slice(doc.lines.lineEnd(line), contentEnd).split(/\r?\n/).slice(1)) {
    if (text.trim() !== "" && indentOf(text) <= indent) break;
    lines.push(text.slice(Math.min(indent, indentOf(text))));
  }
  return lines.join("\n");
}

/**
 * The line of the top-level key whose entry holds `line`: the line itself when it starts a key at no indent, else
 * the nearest such line above (a value continued on indented lines, or a stray line in its text).
 */
function entryLine(doc: Doc, line: number, firstLine: number): number {
  for (let at = line; at > firstLine; at--) {
    if (TOP_LEVEL_KEY.test(doc.text.slice(doc.lines.lineStart(at), doc.lines.lineEnd(at)))) return at;
  }
  return line;
}

const TOP_LEVEL_KEY = /^[\w.-]+:(?:[ \t]|$)/;
/** Keys whose value is text, so a value broken over lines is text to keep as written (a `metadata:` value may be a mapping gone wrong). */
const TEXT_KEY = /^(?:description|when[_-]to[_-]use|argument[_-]hint|prompt|instructions|summary|title):/;

/** A value written over several lines that breaks the YAML: a block scalar keeps every line as text. */
function blockHint(entryText: string, line: number): string {
  const key = entryText.slice(0, entryText.indexOf(":"));
  return `the value of \`${key}\` (line ${line}) runs over several lines: write it as a block scalar, \`${key}: |\` with its lines indented below, or quote the whole value`;
}

/**
 * `key: text` continued on indented lines, made a block scalar (`key: |`, the first line's text moved under it at the
 * continuation's indent), when the frontmatter then parses without an error in that entry.
 */
function blockScalarFix(doc: Doc, entry: number, yaml: string, contentStart: number): Fix | undefined {
  const lineStart = doc.lines.lineStart(entry);
  const lineEnd = doc.lines.lineEnd(entry);
  const match = /^([\w.-]+:)[ \t]+(\S.*)$/.exec(doc.text.slice(lineStart, lineEnd).trimEnd());
  if (!match || /^[|>"'&*!]/.test(match[2]!)) return undefined;
  const rest = yaml.slice(lineEnd - contentStart);
  const continuation = /^(?:\r?\n(?:[ \t]*(?=\r?\n)|[ \t]+\S[^\r\n]*))+/.exec(rest)?.[0] ?? "";
  const indents = [...continuation.matchAll(/\n([ \t]+)\S/g)].map((m) => m[1]!);
  if (indents.length === 0 || indents.some((indent) => indent.includes("\t"))) return undefined;
  const indent = indents.reduce((least, next) => (next.length < least.length ? next : least));
  const newline = doc.text.slice(lineEnd, lineEnd + 2) === "\r\n" ? "\r\n" : "\n";
  const start = lineStart + match[1]!.length;
  const text = ` |${newline}${indent}${match[2]!}`;
  const fixed = yaml.slice(0, start - contentStart) + text + yaml.slice(lineEnd - contentStart);
  const entryEnds = lineEnd - contentStart + continuation.length + text.length - (lineEnd - start);
  const reparsed = parseDocument(fixed);
  if (reparsed.errors.some((error) => error.pos[0] < entryEnds)) return undefined;
  return { range: [start, lineEnd], text };
}

const rule: Rule = {
  meta: {
    id: "frontmatter-yaml",
    description: "Frontmatter must be valid YAML and a mapping of keys to values.",
    // A skill's reference file is read as text: no host parses its frontmatter (a template's is often a sample).
    kinds: ALL_KINDS.filter((kind) => kind !== "skill-reference"),
    severity: "error",
    docsUrl: docsUrl("frontmatter-yaml"),
    fixable: true,
  },
  check({ doc, hosts, kind, filePath, project, report }) {
    const frontmatter = doc.frontmatter;
    if (!frontmatter) {
      const unclosed = /^---[ \t]*(?:\r\n|\r|\n)[ \t]*[\w-]+:/.exec(doc.text);
      if (unclosed) {
        report({
          message: `Frontmatter opened on line 1 is never closed; add a line with \`---\` after its last key. ${sentence((consequence(hosts, kind, undefined) ?? broken(kind)).text)}.`,
          start: 0,
          end: 3,
        });
      }
      return;
    }
    const { yaml, contentStart } = frontmatter;
    let template: boolean | undefined;
    const templateFile = (): boolean => (template ??= TEMPLATE_FILE.test(path.relative(project.root, path.resolve(filePath))));
    const seenLines = new Set<number>();
    const seenEntries = new Set<number>();
    const firstLine = doc.lines.position(contentStart).line;
    for (const error of yaml.errors) {
      const start = contentStart + error.pos[0];
      const { line } = doc.lines.position(start);
      if (seenLines.has(line)) continue;
      seenLines.add(line);
      // One broken entry is one finding: the lines of a value continued below its key are that entry's.
      const entry = entryLine(doc, line, firstLine);
      if (seenEntries.has(entry)) continue;
      const lineStart = doc.lines.lineStart(line);
      const lineText = doc.text.slice(lineStart, doc.lines.lineEnd(line));
      // A template's `{{placeholder}}` is filled in before the YAML is ever read.
      if (TEMPLATE_PLACEHOLDER.test(lineText)) continue;
      // So is the sample frontmatter of a file meant to be copied (`assets/skill-template/SKILL.md`).
      if (SAMPLE_PLACEHOLDER.test(lineText) && templateFile()) continue;
      // After the first error the parser may be lost: a later line counts only if it is broken on its own,
      // and then its own error is the one to explain.
      // A line of another shape (a list item, a flow sequence) is then one the parser stumbled on, unless its indentation is
      // itself the fault.
      const later = seenLines.size > 1;
      const keyLine = KEY_VALUE.test(lineText);
      const own = later && keyLine ? parseDocument(entryOnItsOwn(doc, line, frontmatter.contentEnd)).errors[0] : undefined;
      if (later && (keyLine ? !own : error.code !== "TAB_AS_INDENT")) continue;
      const code = own?.code ?? error.code;
      const reason = (own ?? error).message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      const yamlText = doc.text.slice(contentStart, frontmatter.contentEnd);
      const quoting = code === "DUPLICATE_KEY" ? undefined : quoteFix(lineText, lineStart, yamlText, lineStart - contentStart);
      // YAML blames the start of the value; the author needs to see the ": " that broke it.
      const colon = code === "BLOCK_AS_IMPLICIT_KEY" && quoting ? quoting.value.indexOf(": ") : -1;
      const at = colon >= 0 ? quoting!.fix.range[0] + colon : start;
      const value = KEY_VALUE.exec(lineText)?.[2] ?? "";
      const repair: YamlRepair | undefined =
        code === "TAB_AS_INDENT" ? "tabs" : code !== "DUPLICATE_KEY" && code !== "RESOURCE_EXHAUSTION" && REQUOTED_LINE.test(lineText) && REQUOTED.test(value) && !/^["']/.test(value)
          ? "requote"
          : undefined;
      const outcome = consequence(hosts, kind, repair, project.hostsReading(path.resolve(filePath)));
      if (!outcome) continue;
      seenEntries.add(entry);
      const entryText = doc.text.slice(doc.lines.lineStart(entry), doc.lines.lineEnd(entry));
      const continued = line !== entry || /^\r?\n(?:[ \t]*\r?\n)*[ \t]+\S/.test(yamlText.slice(doc.lines.lineEnd(entry) - contentStart));
      const asBlock = continued && code !== "DUPLICATE_KEY" && code !== "TAB_AS_INDENT" && TEXT_KEY.test(entryText);
      const hint = asBlock ? blockHint(entryText, entry) : hintFor(code, reason, lineText);
      const blockFix = asBlock && !quoting ? blockScalarFix(doc, entry, yamlText, contentStart) : undefined;
      const fix = quoting?.fix ?? blockFix;
      report({
        message: `Invalid YAML in frontmatter: ${reason}; ${hint}. ${sentence(outcome.text)}.`,
        ...(outcome.severity ? { severity: outcome.severity } : {}),
        start: at,
        end: colon >= 0 ? at + 1 : Math.max(contentStart + error.pos[1], start + 1),
        ...(fix ? { fix } : {}),
      });
    }
    if (yaml.errors.length === 0 && yaml.contents !== null && !isMap(yaml.contents)) {
      const range = yaml.contents.range ?? [0, 1];
      report({
        message: `Frontmatter must be a mapping of keys to values (\`name: ...\`), not a ${
          yaml.contents.constructor.name === "YAMLSeq" ? "list" : "single value"
        }. ${sentence((consequence(hosts, kind, undefined) ?? broken(kind)).text)}.`,
        start: contentStart + range[0],
        end: contentStart + range[1],
      });
    }
  },
};

export default rule;
