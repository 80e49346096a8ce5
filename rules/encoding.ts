/** Text that is not valid UTF-8: the bytes decode to U+FFFD, and the agent reads that, not what the author wrote. */
import type { Doc } from "../src/document.js";
import { MAX_DOC_BYTES, readBounded } from "../src/read.js";
import { ALL_KINDS, docsUrl } from "../src/rule-helpers.js";
import type { Rule } from "../src/types.js";

/*
 * Files are decoded as UTF-8 with replacement, as Claude Code reads them: each invalid byte sequence becomes one
 * U+FFFD, so offsets and columns stay those of the text every other rule sees. A file whose bytes are valid UTF-8
 * holds its U+FFFD on purpose or from an earlier conversion: in code, a quote or a counter-example it is shown on
 * purpose (a doc about encoding bugs); in prose it is reported as the replacement character it is, not as bad bytes.
 */
const REPLACEMENT_RUN = /\uFFFD+/g;

/**
 * Whether the file on disk holds exactly this text as valid UTF-8, so its U+FFFD were typed, not decoded from bad
 * bytes. Read only for the rare file that holds one; a text not from disk (stdin, an editor buffer) is taken as
 * decoded from bytes, which is what U+FFFD in it most often means.
 */
function typedOnDisk(filePath: string, doc: Doc): boolean {
  let bytes: Buffer;
  try {
    // Bounded like every read of a doc: the engine has read it once already, within the same limit.
    bytes = readBounded(filePath, MAX_DOC_BYTES);
  } catch {
    return false;
  }
  const text = bytes.toString("utf8");
  return Buffer.from(text).equals(bytes) && text.replace(/^\uFEFF/, "") === doc.text;
}

function inInlineCode(doc: Doc, offset: number): boolean {
  return doc.inlineCode.some((code) => code.start <= offset && offset < code.end);
}

const rule: Rule = {
  meta: {
    id: "encoding",
    description: "Docs must be valid UTF-8 text.",
    kinds: ALL_KINDS,
    severity: "warn",
    docsUrl: docsUrl("encoding"),
    trigger: /\uFFFD/,
  },
  check({ doc, filePath, report }) {
    const typed = typedOnDisk(filePath, doc);
    for (const match of doc.text.matchAll(REPLACEMENT_RUN)) {
      const start = match.index;
      const count = match[0].length;
      if (typed) {
        if (doc.codeAt(start) || inInlineCode(doc, start) || doc.isMention(start, start + count)) continue;
        report({
          message:
            `Unexpected U+FFFD (\uFFFD), the replacement character, in valid UTF-8 text: it marks where an earlier conversion lost what stood here, ` +
            "and the agent reads only the mark. Retype the text, or put the character in code if it is meant.",
          start,
          end: start + count,
        });
        continue;
      }
      report({
        message: `Invalid UTF-8: ${count === 1 ? "this byte sequence" : `these ${count} byte sequences`} cannot be read as text, so the agent sees U+FFFD (\uFFFD) instead; save the file as UTF-8 and retype what stood here.`,
        start,
        end: start + count,
      });
    }
  },
};

export default rule;
