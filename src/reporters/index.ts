import type { LintResult } from "../engine.js";
import type { RuleMeta } from "../types.js";
import { formatCompact } from "./compact.js";
import { formatGithub } from "./github.js";
import { formatJson } from "./json.js";
import { formatJunit } from "./junit.js";
import { formatSarif } from "./sarif.js";
import { formatStylish } from "./stylish.js";

export interface ReportContext {
  cwd: string;
  color: boolean;
  rules: readonly RuleMeta[];
}

export type Formatter = (results: LintResult[], context: ReportContext) => string;

export const formatters: Record<string, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  github: formatGithub,
  junit: formatJunit,
  compact: formatCompact,
};
