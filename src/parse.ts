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

export function parseFrontmatter(text: string): Frontmatter | undefined {
  const block = locateFrontmatter(text);
  if (!block) return undefined;
  const source = text.slice(block.contentStart, block.contentEnd);
  // A lone CR is a line break to markdown but not to YAML; same length keeps offsets right.
  // yaml's own uniqueKeys check compares every key with every other (minutes on a 50,000-key block), so
  // duplicates are found here instead: still an error, as Claude Code would also choke on them.
  const yaml = parseDocument(source.includes("\r") ? source.replace(/\r(?!\n)/g, "\n") : source, {
    keepSourceTokens: false,
    prettyErrors: false,
    uniqueKeys: false,
  });
  // An alias is written `*name`: without a `*` there is none to expand.
  const errors = [...duplicateKeyErrors(yaml), ...(source.includes("*") ? aliasBombErrors(yaml) : [])];
  if (errors.length) {
    yaml.errors.push(...errors);
    yaml.errors.sort((a, b) => a.pos[0] - b.pos[0]);
  }
  return { ...block, yaml };
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
