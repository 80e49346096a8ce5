import path from "node:path";

/** Shows control characters from a doc (ANSI escapes among them) as visible escapes, never raw. */
export function escapeControl(text: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern is for
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
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
