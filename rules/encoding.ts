/** Text that is not valid UTF-8: the bytes decode to U+FFFD, and the agent reads that, not what the author wrote. */
import { ALL_KINDS, docsUrl } from "../src/rule-helpers.js";
import type { Rule } from "../src/types.js";

/*
 * Files are decoded as UTF-8 with replacement, as Claude Code reads them: each invalid byte sequence becomes one
 * U+FFFD, so offsets and columns stay those of the text every other rule sees. A U+FFFD typed into a file is
 * reported too: it is what an earlier conversion left where it could not read the bytes, and the text is as lost.
 */
const REPLACEMENT_RUN = /\uFFFD+/g;

const rule: Rule = {
  meta: {
    id: "encoding",
    description: "Docs must be valid UTF-8 text.",
    kinds: ALL_KINDS,
    severity: "warn",
    docsUrl: docsUrl("encoding"),
    trigger: /\uFFFD/,
  },
  check({ doc, report }) {
    for (const match of doc.text.matchAll(REPLACEMENT_RUN)) {
      const start = match.index;
      const count = match[0].length;
      report({
        message: `Invalid UTF-8: ${count === 1 ? "this byte sequence" : `these ${count} byte sequences`} cannot be read as text, so the agent sees U+FFFD (\uFFFD) instead; save the file as UTF-8 and retype what stood here.`,
        start,
        end: start + count,
      });
    }
  },
};

export default rule;
