/**
 * A project index as `--cache` keeps it: for each markdown file the index looked at, its stamp, what it was
 * placed as (an entity's kind and scope, or nothing), and the name its frontmatter declares. A warm run reuses an
 * entry while the file's stamp holds, and its placement while the project's layout holds, so it reads only the
 * docs that changed. Kept as one line per file in a string, so a run that does not build the index does not pay
 * for parsing it.
 */
import path from "node:path";

export interface IndexEntry {
  stamp: string;
  /** The entity's kind; undefined when the file is no entity (ignored, or placed as something else). */
  kind?: "skill" | "agent" | "command";
  scope?: string;
  /** What its frontmatter declares: undefined when not read, null when unreadable, else the name (or none). */
  declared?: { value: string; start: number; end: number } | null | false;
}

export interface StoredIndex {
  /** The layout the placements were made in (see WalkResult.layout), with the targets and ignore options. */
  layout: string;
  entries: Map<string, IndexEntry>;
}

const SEPARATORS = /[\t\n]/;

/** A listed file's path from the root: the listing joined them, so the root is a prefix. */
function relativeTo(root: string, file: string): string {
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  return file.startsWith(prefix) ? file.slice(prefix.length) : path.relative(root, file);
}

export function encodeIndex(root: string, layout: string, entries: Map<string, IndexEntry>): string {
  const lines = [layout];
  for (const [file, entry] of entries) {
    const { declared } = entry;
    const name = declared === undefined ? ["", "", "", ""] : declared === null ? ["u", "", "", ""] : declared === false ? ["n", "", "", ""] : ["d", declared.value, String(declared.start), String(declared.end)];
    const fields = [relativeTo(root, file), entry.stamp, entry.kind ?? "", entry.scope ?? "", ...name];
    // A field that holds a separator is not kept: that file is read again next time.
    if (fields.some((field) => SEPARATORS.test(field))) continue;
    lines.push(fields.join("\t"));
  }
  return lines.join("\n");
}

export function decodeIndex(root: string, text: string): StoredIndex {
  const lines = text.split("\n");
  const entries = new Map<string, IndexEntry>();
  // The paths were made relative by relativeTo: put back the same way, without path.join's normalising each one.
  const prefix = root.endsWith(path.sep) ? root : root + path.sep;
  for (let i = 1; i < lines.length; i++) {
    const [relative, stamp, kind, scope, nameState, value, start, end] = lines[i]!.split("\t");
    if (relative === undefined || !stamp) continue;
    const entry: IndexEntry = { stamp };
    if (kind === "skill" || kind === "agent" || kind === "command") entry.kind = kind;
    if (scope) entry.scope = scope;
    if (nameState === "u") entry.declared = null;
    else if (nameState === "n") entry.declared = false;
    else if (nameState === "d") entry.declared = { value: value!, start: Number(start), end: Number(end) };
    entries.set(prefix + relative, entry);
  }
  return { layout: lines[0]!, entries };
}
