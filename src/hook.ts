import { existsSync } from "node:fs";
import path from "node:path";
import { ConfigResolver } from "./config.js";
import { lintEach, projectsFor, type LintOptions, type LintResult } from "./engine.js";
import { fallbackRoot } from "./project.js";
import { escapeLine } from "./reporters/text.js";
import type { Finding } from "./types.js";

/** The hosts whose tool hooks `--hook` answers. */
export const HOOK_HOSTS: readonly string[] = ["claude-code"];

/** The tools that write a file, whose result a PostToolUse hook checks. */
const WRITING_TOOLS = new Set(["Write", "Edit", "MultiEdit"]);

/** What a hook run answers: Claude Code reads exit 2 as "show stderr to the model", other non-zero as an error for the user. */
export interface HookAnswer {
  code: number;
  stderr: string;
}

/**
 * Answers a Claude Code PostToolUse hook: the JSON on stdin names the tool and the file it wrote. An agent doc with
 * errors answers exit 2 and the errors on stderr, where the agent reads them; anything else answers exit 0 and nothing.
 */
export async function claudeCodeHook(input: string, options: LintOptions): Promise<HookAnswer> {
  let event: unknown;
  try {
    event = JSON.parse(input);
  } catch (error) {
    return { code: 1, stderr: `skill-lint: --hook claude-code: standard input is not JSON (${escapeLine((error as Error).message)})\n` };
  }
  if (typeof event !== "object" || event === null || Array.isArray(event)) {
    return { code: 1, stderr: "skill-lint: --hook claude-code: standard input is not a JSON object with tool_name and tool_input\n" };
  }
  const { tool_name: tool, tool_input: toolInput, cwd: eventCwd } = event as Record<string, unknown>;
  if (typeof tool !== "string" || !WRITING_TOOLS.has(tool)) return { code: 0, stderr: "" };
  const filePath = typeof toolInput === "object" && toolInput !== null ? (toolInput as Record<string, unknown>).file_path : undefined;
  if (typeof filePath !== "string" || filePath === "") return { code: 0, stderr: "" };
  const cwd = typeof eventCwd === "string" && eventCwd !== "" ? eventCwd : (options.cwd ?? process.cwd());
  const file = path.resolve(cwd, filePath);
  const results: LintResult[] = [];
  try {
    if (!existsSync(file) || !isAgentDoc(file, { ...options, cwd })) return { code: 0, stderr: "" };
    await lintEach([file], { ...options, cwd }, (result) => results.push(result));
  } catch (error) {
    // A config that does not load is the user's to mend, not the agent's: report it without blocking.
    return { code: 1, stderr: `skill-lint: --hook claude-code: ${escapeLine((error as Error)?.message ?? String(error))}\n` };
  }
  const lines = results.flatMap((result) => errorLines(result, cwd));
  if (!lines.length) return { code: 0, stderr: "" };
  return { code: 2, stderr: `skill-lint found ${lines.length === 1 ? "an error" : `${lines.length} errors`} in the file just written; fix ${lines.length === 1 ? "it" : "them"}:\n${lines.join("\n")}\n` };
}

/** Whether a folder walk of the file's project would lint it: a file no host loads (a README, notes) is left alone. */
function isAgentDoc(file: string, options: LintOptions & { cwd: string }): boolean {
  const resolver = new ConfigResolver(options);
  if (resolver.isIgnored(file)) return false;
  const projects = projectsFor(resolver, options.targets);
  const project = projects.get(projects.rootOf(file, fallbackRoot([file], options.cwd)));
  if (project.isOutside(file)) return false;
  const placement = project.placement(file, options.targets ?? resolver.resolve(file).targets ?? project.targets);
  return !placement.leftOut || resolver.isIncluded(file);
}

/** `path:line:col rule message`, then the fix the rule offers, for each error (warnings never block). */
function errorLines(result: LintResult, cwd: string): string[] {
  const name = escapeLine(path.relative(cwd, result.filePath) || result.filePath);
  if (result.fatal) return [`${name}:0:0 fatal ${escapeLine(result.fatal)}`];
  return result.findings.filter((finding) => finding.severity === "error").map((finding) => {
    const head = `${name}:${finding.line}:${finding.column} ${finding.ruleId} ${escapeLine(finding.message)}`;
    const fix = fixText(finding, result.source ?? "");
    return fix ? `${head}\n  ${fix}` : head;
  });
}

function fixText(finding: Finding, source: string): string | undefined {
  const describe = ({ range: [start, end], text }: { range: [number, number]; text: string }): string => {
    const old = source.slice(start, end);
    if (!text) return `delete ${JSON.stringify(old)}`;
    return old ? `replace ${JSON.stringify(old)} with ${JSON.stringify(text)}` : `insert ${JSON.stringify(text)}`;
  };
  if (finding.fix) return `fix (skill-lint --fix applies it): ${escapeLine(describe(finding.fix))}`;
  const suggestion = finding.suggestions?.[0];
  return suggestion ? `suggestion: ${escapeLine(suggestion.desc)}: ${escapeLine(describe(suggestion.fix))}` : undefined;
}
