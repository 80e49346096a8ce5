import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface Expectation {
  position: string;
  ruleId: string;
  contains?: string;
}

/** Reads `x.md.expected`: one finding a line, `line:column rule-id [text the message must contain]`. */
export function readExpectations(file: string): Expectation[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => {
      const match = /^(\d+:\d+)\s+(\S+)(?:\s+(\S.*))?$/.exec(line);
      if (!match) throw new Error(`${file}: cannot read expectation "${line}"`);
      return { position: match[1]!, ruleId: match[2]!, ...(match[3] ? { contains: match[3] } : {}) };
    });
}

/** Every markdown file and plugin manifest under a folder, at any depth; none when the folder does not exist. */
export function fixtureFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return fixtureFiles(full);
    return /\.md$/i.test(name) || /[\\/]\.claude-plugin[\\/](?:plugin|marketplace)\.json$/.test(full) ? [full] : [];
  });
}
