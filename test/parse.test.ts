import { gfmTableFromMarkdown } from "mdast-util-gfm-table";
import { gfmTaskListItemFromMarkdown } from "mdast-util-gfm-task-list-item";
import { gfmTable } from "micromark-extension-gfm-table";
import { gfmTaskListItem } from "micromark-extension-gfm-task-list-item";
import remarkFrontmatter from "remark-frontmatter";
import remarkParse from "remark-parse";
import { unified, type Processor } from "unified";
import { describe, expect, it } from "vitest";
import { parseMarkdown } from "../src/parse.js";

/** The tables and task items of GFM as the extensions build them, tried at every line. */
function gfmStructure(this: Processor): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}
const reference = unified().use(remarkParse).use(remarkFrontmatter, ["yaml"]).use(gfmStructure).freeze();

describe("parseMarkdown", () => {
  it("builds the tree the GFM table extension builds, wherever a table starts, goes on or only seems to", () => {
    const docs = [
      "| a | b |\n| - | - |\n| 1 | 2 |\nno pipe row\n\nafter\n",
      "a\n:--\nrow\n",
      "head | two\n--- | ---\nx | y\n",
      "> | a |\n> | --- |\n> | 1 |\n",
      "- item\n\n  | a |\n  | - |\n  | 1 |\n",
      "| a |\r\n| - |\r\n| 1 |\r\n",
      "| a |\r| - |\r| 1 |\r",
      "Title\n---\n\ntext: with colon\n- list\n\n| not a table\nplain\n",
      "| a | b |\n| - |\n",
      "---\nname: x\n---\n| a |\n|:-:|\n- [ ] task\n",
      "| a |\n| - |",
      "| a |",
    ];
    for (const doc of docs) expect(parseMarkdown(doc)).toEqual(reference.parse(doc));
  });
});
