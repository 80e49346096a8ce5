import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";
import { rules } from "../rules/index.js";
import { lintEach, lintText, type LintResult } from "./engine.js";
import { FixWriteError, FixWriter } from "./fix.js";
import { createJsonReport } from "./reporters/json.js";
import { VERSION } from "./version.js";

/** docs/rules of the package: two folders up from dist/src/mcp.js and from dist/bundle/mcp.js alike. */
const RULE_DOCS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "docs", "rules");

const input = {
  paths: z.array(z.string()).optional().describe("Files, folders or globs, relative to the server's folder"),
  text: z.string().optional().describe("A doc's text, linted in place of paths"),
  filename: z.string().optional().describe("The path the text stands for: its kind and config come from it"),
};

type Input = { paths?: string[] | undefined; text?: string | undefined; filename?: string | undefined };
type Answer = { content: Array<{ type: "text"; text: string }>; isError?: boolean };

const answer = (text: string, isError = false): Answer => ({ content: [{ type: "text", text }], ...(isError ? { isError } : {}) });

/** The results as `skill-lint -f json` prints them. */
function asJson(results: LintResult[]): string {
  const report = createJsonReport();
  return results.map((result) => report.file(result)).join("") + report.end(undefined);
}

async function run(args: Input, fix: boolean): Promise<Answer> {
  if (args.text !== undefined && args.paths?.length) return answer("give paths or text, not both", true);
  if (args.text !== undefined) {
    const result = lintText(args.text, { fix, filePath: args.filename ?? "doc.md" });
    return fix ? answer(result.output ?? args.text) : answer(asJson([result]));
  }
  if (!args.paths?.length) return answer("give paths (files, folders or globs) or text", true);
  const results: LintResult[] = [];
  const writer = new FixWriter();
  await lintEach(args.paths, { fix, warn: () => {} }, (result) => {
    if (!fix || result.output === undefined) return results.push(result);
    try {
      writer.write(result.filePath, result.output, result.root ?? path.dirname(result.filePath));
      results.push(result);
    } catch (error) {
      if (!(error instanceof FixWriteError)) throw error;
      results.push({ ...result, output: undefined, fatal: error.message });
    }
  });
  return answer(asJson(results));
}

function explainRule(id: string): Answer {
  const rule = rules.find(({ meta }) => meta.id === id);
  if (!rule) return answer(`no rule "${id}"; the rules are: ${rules.map(({ meta }) => meta.id).join(", ")}`, true);
  const { meta } = rule;
  let page: string;
  try {
    page = readFileSync(path.join(RULE_DOCS, `${id}.md`), "utf8");
  } catch {
    page = `(no docs page found in ${RULE_DOCS}; see ${meta.docsUrl})`;
  }
  const summary = { id: meta.id, description: meta.description, severity: meta.severity, fixable: Boolean(meta.fixable), kinds: [...meta.kinds], docs: meta.docsUrl };
  return answer(`${JSON.stringify(summary, null, 2)}\n\n${page}`);
}

/** Serves lint, fix and explain_rule over MCP on standard input and output, until the input closes. */
export async function serveMcp(): Promise<void> {
  const server = new McpServer({ name: "skill-lint", version: VERSION });
  server.registerTool(
    "lint",
    { description: "Lint agent docs (skills, subagents, commands, plugin manifests, CLAUDE.md/AGENTS.md): findings as skill-lint -f json prints them", inputSchema: input },
    (args) => run(args, false),
  );
  server.registerTool(
    "fix",
    { description: "Apply skill-lint's fixes: to files in place (answers the findings left, as JSON), or to text (answers the fixed text)", inputSchema: input },
    (args) => run(args, true),
  );
  server.registerTool(
    "explain_rule",
    { description: "A rule's settings and its docs page: what it checks, why, and how to fix what it finds", inputSchema: { id: z.string().describe("The rule id, such as skill-size") } },
    ({ id }) => explainRule(id),
  );
  await server.connect(new StdioServerTransport());
}
