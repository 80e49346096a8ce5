import type { Root } from "mdast";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified, type Processor } from "unified";
import { parseDocument } from "yaml";
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

export function parseMarkdown(text: string): Root {
  const start = performance.now();
  const tree = processor.parse(text) as Root;
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
  // uniqueKeys stays on: a duplicate key is an error Claude Code would also choke on.
  // A lone CR is a line break to markdown but not to YAML; same length keeps offsets right.
  const yaml = parseDocument(source.replace(/\r(?!\n)/g, "\n"), { keepSourceTokens: false, prettyErrors: false});
  return { ...block, yaml };
}
