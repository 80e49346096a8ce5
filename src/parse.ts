import type { Root } from "mdast";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified, type Processor } from "unified";
import { isMap, isScalar, parseDocument, visit, YAMLParseError } from "yaml";
import type { Frontmatter } from "./types.js";

/**
 * The GFM constructs that change a document's block structure: tables and task list items. The rest of
 * GFM (autolink literals above all, then footnotes and strikethrough) costs a third of the parse time and
 * no rule reads it.
 */
function remarkGfmStructure(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

const processor = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkGfmStructure).freeze();

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
  const tree = processor.parse(flattenDeepNesting(text)) as Root;
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
