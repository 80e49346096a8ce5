export { lint, lintEach, lintText, lintDocument, type LintOptions, type LintResult, type LintTextOptions } from "./engine.js";
export { ConfigError, ConfigResolver, validateConfig, type Config, type ResolvedConfig } from "./config.js";
export { PathError } from "./files.js";
export { detectKind } from "./kinds.js";
export { resolveToolset, Toolset, type ToolsetConfig } from "./toolset.js";
export { formatters, reports, type Formatter, type ReportContext, type StreamingReport } from "./reporters/index.js";
export { rules } from "../rules/index.js";
export type { Finding, Fix, Kind, Rule, RuleContext, RuleMeta, Severity, Suggestion, SuppressedFinding, Suppression } from "./types.js";
