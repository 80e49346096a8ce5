/** A path written with backslashes (`scripts\helper.py`, `C:\Users\...`), which fails where skills mostly run: macOS and Linux. */
import { ALL_KINDS, docsUrl } from "../src/rule-helpers.js";
import type { Doc } from "../src/document.js";
import type { Rule } from "../src/types.js";

/*
 * Anthropic's "Skill authoring best practices", "Avoid Windows-style paths": "Always use forward slashes in file
 * paths, even on Windows ... Unix-style paths work across all platforms, while Windows-style paths cause errors on
 * Unix systems." Text about Windows itself (a PowerShell block, "On Windows, the config is in %APPDATA%\...") is
 * where a backslash belongs, so it is left alone.
 */

/**
 * A drive path (`C:\Users`), a path from `.\`, `..\`, `~\` or `%VAR%\`, or a relative path whose last part has a
 * file extension (`scripts\helper.py`). Each part after a backslash starts with a letter or digit and is at least
 * two characters long, so regex escapes (`\d+\.\d+`, `\s`), markdown escapes (`\*`) and `\n` in strings do not
 * match; relative paths need the extension for the same reason (`line1\nline2` is not a path).
 */
const WINDOWS_PATH =
  /(?<![\w\\/.%~-])(?:(?<drive>[A-Z]:\\)|(?<prefix>\.{1,2}\\|~\\|%\w+%\\))?(?<first>[\w.-]*\w)?(?<rest>(?:\\[A-Z0-9][\w.-]*[\w-])+)(?![\w\\])/gi;
const EXTENSION = /\.[A-Z][A-Z0-9]{0,5}$/i;
/** Words that say the text is about Windows, where backslash paths are right. */
const WINDOWS_CONTEXT = /\b(?:windows|win32|win64|powershell|pwsh|cmd(?:\.exe)?|command prompt|wsl|dos|msys|cygwin|mingw|\.exe|\.bat|\.ps1|\.cmd|appdata|registry|hkey_\w+)\b|\$env:|%\w+%/i;
/** Whether prose is about Windows; the rule's own id in a directive (`skill-lint-disable-line no-windows-paths`) is not. */
function mentionsWindows(text: string): boolean {
  return WINDOWS_CONTEXT.test(text.replaceAll("no-windows-paths", ""));
}
const WINDOWS_LANGS = new Set(["powershell", "ps", "ps1", "pwsh", "cmd", "bat", "batch", "dos", "winbatch", "doscon", "registry", "reg"]);
/** Characters that make a token a regex or a glob, not a path. */
const PATTERN_CHARS = /[\^$*+?()[\]{}|]/;

/** The whitespace- or quote-delimited token around a match. */
function tokenAround(text: string, start: number, end: number): string {
  let from = start;
  while (from > 0 && !/[\s`"']/.test(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && !/[\s`"']/.test(text[to]!)) to++;
  return text.slice(from, to);
}

const WRONG_LEAD = /^\s*(?:[-*>]\s*)?(?:\*\*|__)?(?:[❌✗🚫]|(?:bad|wrong|incorrect|avoid|don[’']t)\b)/iu;
const RIGHT_LEAD = /^\s*(?:[-*>]\s*)?(?:\*\*|__)?(?:[✅✓✔]|(?:good|correct|right|instead)\b)/iu;

/**
 * A "❌ BAD:" line a few lines above, closer than any "✅ GOOD:". Inside raw HTML (`<pitfall>` blocks) markdown
 * sees no code block, so the document's own counter-example marks do not reach the example.
 */
function markedWrongAbove(doc: Doc, start: number): boolean {
  const { line } = doc.lines.position(start);
  for (let above = line - 1; above >= Math.max(1, line - 4); above--) {
    const text = doc.text.slice(doc.lines.lineStart(above), doc.lines.lineEnd(above));
    if (RIGHT_LEAD.test(text)) return false;
    if (WRONG_LEAD.test(text)) return true;
  }
  return false;
}

/** Whether the text around a path is about Windows: its code block, its line, its paragraph or a heading above. */
function isAboutWindows(doc: Doc, start: number): boolean {
  const code = doc.codeAt(start);
  if (code) {
    if (WINDOWS_LANGS.has(code.lang) || WINDOWS_CONTEXT.test(code.value)) return true;
  } else {
    const block = doc.proseAt(start, start + 1);
    if (block && mentionsWindows(block.raw)) return true;
  }
  const { line } = doc.lines.position(start);
  const lineText = doc.text.slice(doc.lines.lineStart(line), doc.lines.lineEnd(line));
  if (mentionsWindows(lineText)) return true;
  const previousLine = line > 1 ? doc.text.slice(doc.lines.lineStart(line - 1), doc.lines.lineEnd(line - 1)) : "";
  if (!code && mentionsWindows(previousLine)) return true;
  return doc.sections.some((s) => s.start <= start && start < s.end && WINDOWS_CONTEXT.test(s.heading));
}

/**
 * WINDOWS_PATH's matches in the body, found line by line and only on lines holding a backslash: a path
 * never spans lines, and at a line's edges the pattern's look-arounds answer as at the text's.
 */
function* pathMatches(doc: Doc): Generator<{ match: RegExpExecArray; offset: number }> {
  const text = doc.text;
  for (let at = text.indexOf("\\", doc.bodyStart); at >= 0; ) {
    const line = doc.lines.position(at).line;
    const start = Math.max(doc.lines.lineStart(line), doc.bodyStart);
    const end = doc.lines.lineEnd(line);
    for (const match of text.slice(start, end).matchAll(WINDOWS_PATH)) yield { match, offset: start };
    at = text.indexOf("\\", end);
  }
}

const rule: Rule = {
  meta: {
    id: "no-windows-paths",
    description: "File paths use forward slashes; backslash paths fail on macOS and Linux.",
    kinds: ALL_KINDS,
    severity: "warn",
    offByDefault:
      "on repositories it was not written from, nearly every backslash path it found was data (PDB paths, sample output, Windows-only sections), not a path the agent is told to use",
    docsUrl: docsUrl("no-windows-paths"),
    trigger: /\\/,
    fixable: true,
  },
  check({ doc, report }) {
    const text = doc.text;
    for (const { match, offset } of pathMatches(doc)) {
      const { drive, prefix, first, rest } = match.groups as Record<string, string | undefined>;
      const path = match[0];
      const relative = !drive && !prefix;
      if (relative && (!first || !EXTENSION.test(rest!))) continue;
      const start = offset + match.index;
      const end = start + path.length;
      if (PATTERN_CHARS.test(tokenAround(text, start, end))) continue;
      if (doc.isMention(start, end) || markedWrongAbove(doc, start) || isAboutWindows(doc, start)) continue;
      const forward = path.replace(/\\/g, "/");
      report({
        message: drive
          ? `Unexpected Windows path \`${path}\`: it exists only on Windows, and skills run on macOS and Linux too. ` +
            `Give a path relative to the skill or project with forward slashes, or say that it is for Windows.`
          : `Unexpected backslashes in \`${path}\`, expected \`${forward}\`: forward slashes work on every platform, ` +
            `backslashes fail on macOS and Linux.`,
        start,
        end,
        ...(relative ? { fix: { range: [start, end] as [number, number], text: forward } } : {}),
      });
    }
  },
};

export default rule;
