/**
 * The markdown tree the rules read: remark with frontmatter and the GFM constructs that shape blocks. Kept apart from
 * parse.ts so that the bundle can load the parser (a sixth of the CLI) only when some file is parsed: a run whose
 * findings all come from the cache never reads it.
 */
import type { Root } from "mdast";
import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified, type Processor } from "unified";

/**
 * The GFM constructs that change a document's block structure: tables and task list items. The rest of
 * GFM (autolink literals above all, then footnotes and strikethrough) costs a third of the parse time and
 * no rule reads it.
 */
function remarkGfmStructure(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(tableBeforeDelimiterRows(gfmTable()), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

type TableExtension = ReturnType<typeof gfmTable>;
type TableConstruct = Extract<NonNullable<NonNullable<TableExtension["flow"]>["null"]>, { tokenize: unknown }>;

/** The text being parsed, with the offsets micromark's points count in. */
let parsing = "";
/** A line a table's delimiter row may be: within a container's prefix, only pipes, colons, hyphens and blanks. */
const DELIMITER_ROW = /^[ \t>]*[|:-][ \t|:-]*$/;

/** Whether the line after the one holding `offset` may be a table's delimiter row. */
function delimiterRowAfter(offset: number): boolean {
  const text = parsing;
  let end = offset;
  while (end < text.length && text[end] !== "\n" && text[end] !== "\r") end++;
  if (end >= text.length) return false;
  const start = text[end] === "\r" && text[end + 1] === "\n" ? end + 2 : end + 1;
  let next = start;
  while (next < text.length && text[next] !== "\n" && text[next] !== "\r") next++;
  return DELIMITER_ROW.test(text.slice(start, next));
}

/**
 * The GFM table construct, tried at the start of every line, tried only where a table can start or go on: a
 * line before a delimiter row, or a body row after a table's rows. Elsewhere it fails at once, as it would
 * have after reading the line; the tree is the same, built in a quarter less time.
 */
function tableBeforeDelimiterRows(extension: TableExtension): TableExtension {
  const construct = extension.flow!.null as TableConstruct;
  const tokenize = construct.tokenize;
  return {
    flow: {
      null: {
        ...construct,
        tokenize(effects, ok, nok) {
          // As the construct tells a body row from a head row: by the last event before the line's prefix.
          let index = this.events.length - 1;
          while (index > -1 && (this.events[index]![1].type === "lineEnding" || this.events[index]![1].type === "linePrefix")) index--;
          const tail = index > -1 ? this.events[index]![1].type : null;
          if (tail !== "tableHead" && tail !== "tableRow" && !delimiterRowAfter(this.now().offset)) return nok;
          return tokenize.call(this, effects, ok, nok);
        },
      },
    },
  };
}

const makeProcessor = () => unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(remarkGfmStructure).freeze();
let processor: ReturnType<typeof makeProcessor> | undefined;

/** The tree of `text`, which must hold no nesting deeper than parse.ts allows. */
export function buildTree(text: string): Root {
  processor ??= makeProcessor();
  parsing = text;
  try {
    return processor.parse(text) as Root;
  } finally {
    parsing = "";
  }
}
