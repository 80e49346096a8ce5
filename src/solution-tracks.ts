/**
 * The two tracks of the compound-engineering solution schema (`_schemas/current/schema.yaml`), by
 * `problem_type`: bug docs (Problem, Root Cause, Solution, Prevention) and knowledge docs (Context, Guidance,
 * When to Apply), whose template has no Prevention section. Source: EveryInc/compound-engineering-plugin at 925b4ef,
 * `skills/ce-compound/references/schema.yaml`. The legacy compound-docs schema knew only the bug template; its extra
 * types (developer_experience, workflow_issue, best_practice, documentation_gap) are knowledge types today.
 */
export const BUG_PROBLEM_TYPES: ReadonlySet<string> = new Set([
  "build_error",
  "test_failure",
  "runtime_error",
  "performance_issue",
  "database_issue",
  "security_issue",
  "ui_bug",
  "integration_issue",
  "logic_error",
]);

export const KNOWLEDGE_PROBLEM_TYPES: ReadonlySet<string> = new Set([
  "best_practice",
  "documentation_gap",
  "workflow_issue",
  "developer_experience",
  "architecture_pattern",
  "design_pattern",
  "tooling_decision",
  "convention",
]);

/**
 * Headings that do a Prevention section's job in house formats other than the template's: "Lessons Learned",
 * "Key Takeaways", "Guardrails", "Avoiding this", "Going forward", "Checklist", "Best Practices".
 */
export const PREVENTION_LIKE = /\b(?:prevent(?:ion|ing)?|lessons?|takeaways?|guardrails?|avoid(?:ing)?|going forward|checklist|best practices?|recommendations?)\b/i;
