import type { LintResult } from "../engine.js";
import type { RuleMeta } from "../types.js";
import { formatJson } from "./json.js";
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
};
