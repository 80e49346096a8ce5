/**
 * Claude Code's command line, as far as reading `claude -p` launches needs it: the flags whose next word is their
 * value rather than the prompt. Source: `claude --help` (https://code.claude.com/docs/en/cli-reference); the
 * system-prompt flags are left out on purpose, since the subagent reads them as part of what it is told.
 */
export const CLAUDE_VALUE_FLAGS: ReadonlySet<string> = new Set([
  "--model", "--fallback-model", "--output-format", "--input-format", "--permission-mode", "--max-turns",
  "--session-id", "--settings", "--setting-sources", "--mcp-config", "--allowedTools", "--allowed-tools",
  "--disallowedTools", "--disallowed-tools", "--tools", "--add-dir", "--agent", "--agents", "--json-schema",
  "--betas", "--plugin-dir", "--resume", "-r", "--max-budget-usd", "--effort",
]);
