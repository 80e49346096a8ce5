import type { Root } from "mdast";
import { isMap, isScalar, parseDocument, visit, YAMLParseError, type Document } from "yaml";
import { buildTree } from "./markdown-tree.js";
import { LineIndex } from "./position.js";
import type { Frontmatter } from "./types.js";

/** Time spent building trees, for the benchmark's measure of what the engine adds on top. */
export const parseStats = { trees: 0, milliseconds: 0 };

/** Nesting deeper than any real doc's; micromark's time grows with the square of a line's list depth. */
const MAX_NESTING = 100;
/** A line that opens more than MAX_NESTING containers (`>` quotes, `-`/`1.` list items) in a row. */
const DEEP_NESTING = new RegExp(`^[ \\t]*(?:(?:>|(?:[-*+]|\\d{1,9}[.)])[ \\t])[ \\t]*){${MAX_NESTING + 1},}`, "gm");
const CONTAINER = /(?:>|(?:[-*+]|\d{1,9}[.)])[ \t])[ \t]*/g;

/**
 * Blanks the container markers past MAX_NESTING on such lines, so the parse stays fast; blanks keep every
 * offset where it was, and only a line no author writes changes shape.
 */
function flattenDeepNesting(text: string): string {
  return text.replace(DEEP_NESTING, (run) => {
    let kept = 0;
    return run.replace(CONTAINER, (marker) => (++kept <= MAX_NESTING ? marker : " ".repeat(marker.length)));
  });
}

export function parseMarkdown(text: string): Root {
  const start = performance.now();
  const tree = buildTree(flattenDeepNesting(text));
  parseStats.trees++;
  parseStats.milliseconds += performance.now() - start;
  return tree;
}

const OPENING_FENCE = /^---[ \t]*(?:\r\n|\r|\n)/;
const CLOSING_FENCE = /^---[ \t]*$/m;

/** Where the frontmatter block lies, found the way remark-frontmatter finds it (`---` fences). */
export function locateFrontmatter(text: string): Omit<Frontmatter, "yaml"> | undefined {
  const open = OPENING_FENCE.exec(text);
  if (!open) return undefined;
  const contentStart = open[0].length;
  const rest = text.slice(contentStart);
  const close = CLOSING_FENCE.exec(rest);
  if (!close) return undefined;
  const contentEnd = contentStart + close.index;
  const end = contentEnd + close[0].length;
  return { start: 0, end, contentStart, contentEnd };
}

/** Frontmatter is metadata: the largest of a 5,434-doc corpus is a few KB. A block past this is not parsed. */
export const MAX_FRONTMATTER_CHARS = 2_000_000;
/** Nesting deeper than any real frontmatter's; yaml's parser and its data recurse once per level. */
export const MAX_YAML_DEPTH = 100;
/** Errors kept of one block: past the first few, more say nothing new, and an author fixes them from the top. */
export const MAX_YAML_ERRORS = 100;

const YAML_OPTIONS = { keepSourceTokens: false, prettyErrors: false, uniqueKeys: false } as const;

export function parseFrontmatter(text: string): Frontmatter | undefined {
  const block = locateFrontmatter(text);
  if (!block) return undefined;
  const source = text.slice(block.contentStart, block.contentEnd);
  const refused = refusal(source);
  if (refused) {
    const yaml = parseDocument("", YAML_OPTIONS);
    yaml.errors.push(refused);
    return { ...block, yaml };
  }
  // A lone CR is a line break to markdown but not to YAML; same length keeps offsets right.
  // yaml's own uniqueKeys check compares every key with every other (minutes on a 50,000-key block), so
  // duplicates are found here instead: still an error, as Claude Code would also choke on them.
  const yaml = parseDocument(source.includes("\r") ? source.replace(/\r(?!\n)/g, "\n") : source, YAML_OPTIONS);
  // An alias is written `*name`: without a `*` there is none to expand.
  const errors = [...duplicateKeyErrors(yaml), ...(source.includes("*") ? aliasBombErrors(yaml) : [])];
  // One at a time: spreading 100,000 errors into push() as arguments overflows the stack.
  for (const error of errors) yaml.errors.push(error);
  if (errors.length) yaml.errors.sort((a, b) => a.pos[0] - b.pos[0]);
  if (yaml.errors.length > MAX_YAML_ERRORS) yaml.errors.length = MAX_YAML_ERRORS;
  return { ...block, yaml };
}

/**
 * Why a block is not given to the YAML parser, if it is not: its size, or nesting past MAX_YAML_DEPTH, which
 * would overflow the parser's stack (or, in two files at once, kill the process).
 */
function refusal(source: string): YAMLParseError | undefined {
  if (source.length > MAX_FRONTMATTER_CHARS) {
    return new YAMLParseError(
      [0, 1],
      "RESOURCE_EXHAUSTION",
      `Frontmatter of ${source.length.toLocaleString("en")} characters, over the ${MAX_FRONTMATTER_CHARS.toLocaleString("en")} that are parsed`,
    );
  }
  const deep = tooDeepAt(source);
  return deep === undefined ? undefined : new YAMLParseError([deep, deep + 1], "RESOURCE_EXHAUSTION", `Nesting over ${MAX_YAML_DEPTH} levels deep`);
}

/**
 * The offset where a block's nesting first goes past MAX_YAML_DEPTH, counted without a parse: brackets of flow
 * collections (`[[[`), and block levels (each deeper indent, and each `- ` or `? ` that opens a line's entry).
 * Quotes are not told apart, so brackets inside quoted text count too: no real value holds a hundred.
 */
function tooDeepAt(source: string): number | undefined {
  let flow = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 0x5b || c === 0x7b) {
      if (++flow > MAX_YAML_DEPTH) return i;
    } else if ((c === 0x5d || c === 0x7d) && flow > 0) flow--;
  }
  const indents: number[] = [];
  let lineStart = 0;
  while (lineStart < source.length) {
    let end = source.indexOf("\n", lineStart);
    if (end < 0) end = source.length;
    let at = lineStart;
    while (at < end && source.charCodeAt(at) === 0x20) at++;
    if (at < end && source[at] !== "#" && source[at] !== "\r") {
      const indent = at - lineStart;
      while (indents.length && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      let entries = 0;
      while (at + 1 < end && (source[at] === "-" || source[at] === "?") && source[at + 1] === " ") {
        entries++;
        at += 2;
        while (at < end && source.charCodeAt(at) === 0x20) at++;
      }
      if (indents.length + entries > MAX_YAML_DEPTH) return lineStart;
    }
    lineStart = end + 1;
  }
  return undefined;
}

function duplicateKeyErrors(yaml: Frontmatter["yaml"]): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  visit(yaml, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const { key } of map.items) {
        if (!isScalar(key) || !key.range) continue;
        if (seen.has(key.value)) errors.push(new YAMLParseError([key.range[0], key.range[1]], "DUPLICATE_KEY", "Map keys must be unique"));
        seen.add(key.value);
      }
    },
  });
  return errors;
}

/** Nested aliases ("billion laughs") expand exponentially; rules that read the data would hang on them. */
function aliasBombErrors(yaml: Frontmatter["yaml"]): YAMLParseError[] {
  if (yaml.errors.length || !isMap(yaml.contents)) return [];
  let firstAlias: [number, number] | undefined;
  visit(yaml, {
    Alias(_, alias) {
      firstAlias = alias.range ? [alias.range[0], alias.range[1]] : [0, 1];
      return visit.BREAK;
    },
  });
  if (!firstAlias) return [];
  try {
    yaml.toJS({ maxAliasCount: 100 });
    return [];
  } catch {
    return [new YAMLParseError(firstAlias, "RESOURCE_EXHAUSTION", "Aliases expand to too many values (an alias bomb)")];
  }
}

/** A top-level key starting its line: the start of one entry of a frontmatter block. */
const ENTRY_START = /^[\w.-]+:(?:[ \t]|$)/;
/** Passes of masking before giving up: each masks the entries the parser still blames. */
const RECOVERY_PASSES = 8;
const readable = new WeakMap<Frontmatter, Document.Parsed | null>();

/**
 * What can still be read of a frontmatter block that does not parse: the block with each entry YAML blames blanked
 * out (spaces, offsets kept), so the other keys read as a host that mends the YAML reads them (Claude Code re-quotes
 * a broken value and loads the rest). The block itself when it parses; undefined when no entry can be told apart
 * from the error, or the block was refused for its size or depth.
 */
export function readableFrontmatter(text: string, frontmatter: Frontmatter): Document.Parsed | undefined {
  const { yaml } = frontmatter;
  if (yaml.errors.length === 0) return yaml;
  let recovered = readable.get(frontmatter);
  if (recovered === undefined) {
    recovered = recover(text.slice(frontmatter.contentStart, frontmatter.contentEnd), yaml) ?? null;
    readable.set(frontmatter, recovered);
  }
  return recovered ?? undefined;
}

function recover(source: string, yaml: Document.Parsed): Document.Parsed | undefined {
  if (yaml.errors.some((error) => error.code === "RESOURCE_EXHAUSTION")) return undefined;
  let masked = source.replace(/\r(?!\n)/g, "\n");
  const lines = new LineIndex(masked);
  const lineStarts = lines.lineStarts;
  // Each line's entry: the nearest line at or above it that starts a top-level key.
  const entryOf: number[] = [];
  lineStarts.forEach((start, line) => {
    const text = masked.slice(start, lineStarts[line + 1] ?? masked.length);
    entryOf.push(ENTRY_START.test(text) || line === 0 ? line : entryOf[line - 1]!);
  });
  const lineAt = (offset: number): number => lines.position(offset).line - 1;
  let errors = yaml.errors;
  for (let pass = 0; pass < RECOVERY_PASSES && errors.length > 0; pass++) {
    // One new text a pass, however many entries it blanks: a block may hold a hundred errors.
    const entries = [...new Set(errors.map((error) => entryOf[lineAt(error.pos[0])]!))].sort((a, b) => a - b);
    const blank = (text: string, chosen: number[]): string => {
      let rebuilt = "";
      let from = 0;
      for (const entry of chosen) {
        let end = entry + 1;
        while (end < lineStarts.length && entryOf[end] === entry) end++;
        const start = lineStarts[entry]!;
        const to = end < lineStarts.length ? lineStarts[end]! : text.length;
        rebuilt += text.slice(from, start) + text.slice(start, to).replace(/[^\r\n]/g, " ");
        from = to;
      }
      return rebuilt + text.slice(from);
    };
    // A broken flow value (`argument-hint: [a] [b]`) makes YAML blame the entries after it too: the first blamed
    // entry alone may be the whole fault.
    if (entries.length > 1) {
      const first = parseDocument(blank(masked, entries.slice(0, 1)), YAML_OPTIONS);
      if (first.errors.length === 0) return isMap(first.contents) ? first : undefined;
    }
    masked = blank(masked, entries);
    const next = parseDocument(masked, YAML_OPTIONS);
    if (next.errors.length === 0) return isMap(next.contents) ? next : undefined;
    errors = next.errors;
  }
  return undefined;
}
