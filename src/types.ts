import type { Root } from "mdast";
import type { Document } from "yaml";
import type { HostId } from "./hosts/types.js";
import type { Toolset } from "./toolset.js";

/** What a document is, decided from its path (or a config override). */
export type Kind = "skill" | "skill-reference" | "agent" | "command" | "solution" | "doc" | "manifest";
export const KINDS: readonly Kind[] = ["skill", "skill-reference", "agent", "command", "solution", "doc", "manifest"];

/**
 * The frontmatter dialect a skill is checked in: Claude Code's, or the Agent Skills spec's (stricter). Derived
 * from the hosts that load the file.
 */
export type Target = "claude-code" | "agent-skills";

/** A frontmatter JSON Schema that a config supplies, read from `file`. */
export interface KindSchema {
  file: string;
  schema: Record<string, unknown>;
}

/**
 * A kind a config defines with globs. Its files are linted as `doc` (so the generic rules apply), and
 * additionally against its schema and required sections.
 */
export interface UserKind {
  name: string;
  schema?: KindSchema;
  requiredSections: readonly string[];
}

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

/** Another place a finding concerns (the first of two definitions with one name), in another file. */
export interface RelatedLocation {
  filePath: string;
  line: number;
  column: number;
}

/** What a rule hands to `context.report`: offsets into the document text. */
export interface Report {
  message: string;
  start: number;
  end: number;
  fix?: Fix;
  suggestions?: Suggestion[];
  /** Lowers this one finding to a warning (a form the target accepts but another host rejects). */
  severity?: "warn";
  related?: RelatedLocation[];
  /** The hosts this finding is true for, when not all of the file's hosts. */
  hosts?: readonly HostId[];
  /** A project check's finding: the solution doc (relative to the project root) the check was learned from. */
  learnedFrom?: string;
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
  related?: RelatedLocation[];
  /** The hosts the finding concerns: the targets that load the file, or the few a host-specific check names. */
  hosts?: HostId[];
  /** A project check's finding: the solution doc (relative to the project root) the check was learned from. */
  learnedFrom?: string;
}

/** Why a finding is not reported: a directive in the doc (with its ` -- reason`), or the baseline file. ESLint's shape. */
export interface Suppression {
  kind: "directive" | "file";
  justification: string;
}

export interface SuppressedFinding extends Finding {
  suppressions: Suppression[];
}

/** Option declarations: each option's type and default, so configs can be validated. */
export type OptionType = "boolean" | "number" | "integer" | "string" | "string[]";
export interface OptionSpec {
  type: OptionType;
  default: unknown;
  description: string;
  /** The least value a number or integer option takes. */
  minimum?: number;
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
  /**
   * A cheap pre-check on the raw text: when it does not match, the rule cannot report and is skipped, so a
   * file that no tree-reading rule can fire on is never parsed to mdast. With a list, every pattern must
   * match; put the cheapest, most selective one first. Must not use the `g` or `y` flag.
   */
  trigger?: RegExp | readonly RegExp[];
  options?: Record<string, OptionSpec>;
  /**
   * Why the rule is off unless a config turns it on (with `severity` then the one to write): it has not reached
   * the precision a default rule needs on repositories nobody here wrote. The docs page says the same.
   */
  offByDefault?: string;
  /**
   * The hosts whose behaviour the rule knows (Claude Code's tools, its background parameter): it runs only on
   * files one of them loads. Absent: every host.
   */
  hosts?: readonly HostId[];
}

export interface RuleContext {
  filePath: string;
  kind: Kind;
  doc: import("./document.js").Doc;
  toolset: Toolset;
  /** The frontmatter dialect of the file's hosts. */
  target: Target;
  /** The targets that load this file (for a file no target loads, every target of its project). */
  hosts: readonly HostId[];
  /** Set when the file belongs to a kind the config defines. */
  userKind?: UserKind;
  /** The config's schema for this file's kind: its user kind's, or one replacing the built-in schema. */
  schema?: KindSchema;
  options: Record<string, unknown>;
  /** The project the file belongs to, for rules that look at other files. */
  project: import("./project.js").ProjectView;
  /** What is wrong with the file's inline directives (none under `--no-inline-config`). */
  directiveProblems: readonly import("./directives.js").DirectiveProblem[];
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
