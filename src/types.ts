import type { Root } from "mdast";
import type { Document } from "yaml";
import type { Toolset } from "./toolset.js";

/** What a document is, decided from its path (or a config override). */
export type Kind = "skill" | "skill-reference" | "agent" | "command" | "solution" | "doc";
export const KINDS: readonly Kind[] = ["skill", "skill-reference", "agent", "command", "solution", "doc"];

export type Severity = "warn" | "error";
export type SeveritySetting = Severity | "off";

/** A text replacement, as offsets into the document's text (after any BOM). */
export interface Fix {
  range: [number, number];
  text: string;
}

export interface Suggestion {
  desc: string;
  fix: Fix;
}

/** What a rule hands to `context.report`: offsets into the document text. */
export interface Report {
  message: string;
  start: number;
  end: number;
  fix?: Fix;
  suggestions?: Suggestion[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: Fix;
  suggestions?: Suggestion[];
}

/** Option declarations: each option's type and default, so configs can be validated. */
export type OptionType = "boolean" | "number" | "string" | "string[]";
export interface OptionSpec {
  type: OptionType;
  default: unknown;
  description: string;
}

export interface RuleMeta {
  id: string;
  description: string;
  kinds: readonly Kind[];
  severity: Severity;
  /** The Prevention Checklist item this rule enforces, if any. */
  checklistItem?: string;
  docsUrl: string;
  fixable?: boolean;
  options?: Record<string, OptionSpec>;
}

export interface RuleContext {
  filePath: string;
  kind: Kind;
  doc: import("./document.js").Doc;
  toolset: Toolset;
  options: Record<string, unknown>;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** The parsed frontmatter block: `contentStart` is the offset of the first YAML character. */
export interface Frontmatter {
  start: number;
  end: number;
  contentStart: number;
  contentEnd: number;
  yaml: Document.Parsed;
}

export type { Root };
