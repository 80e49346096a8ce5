import path from "node:path";

/**
 * Control characters (ANSI escapes among them), bidirectional controls, which make a line read other than it is
 * (U+202A-U+202E, U+2066-U+2069), and the line and paragraph separators.
 */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern is for
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Shows the characters of a doc that would act on a terminal or log, or hide what a line says, as visible escapes. */
export function escapeControl(text: string): string {
  return text.replace(HIDDEN, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).toUpperCase()}`;
  });
}

/** Text that a report keeps on one line (a message, a file name): line breaks shown as `\n` and `\r` as well. */
export function escapeLine(text: string): string {
  return escapeControl(text.replace(/\r/g, "\\r").replace(/\n/g, "\\n"));
}

/**
 * A report line as a CI log reads it. The GitHub Actions runner runs a line that starts, after blanks, with `::`
 * as a workflow command, so a line that would (a file named `::error ...`, a diff's context line) starts with
 * its first colon escaped.
 */
export function inertLine(line: string): string {
  return line.replace(/^([ \t]*):(?=:)/, "$1\\x3a");
}

/** A result's path relative to the working folder with forward slashes, as CI services and URIs expect. */
export function portablePath(cwd: string, filePath: string): string {
  return (path.relative(cwd, filePath) || filePath).split(path.sep).join("/");
}

export interface Colors {
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  dim(text: string): string;
  bold(text: string): string;
  underline(text: string): string;
}

function wrap(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const identity = (text: string): string => text;

export function createColors(enabled: boolean): Colors {
  if (!enabled) return { red: identity, yellow: identity, green: identity, dim: identity, bold: identity, underline: identity };
  return { red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39), dim: wrap(2, 22), bold: wrap(1, 22), underline: wrap(4, 24) };
}

export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}
