/** An inline `<!-- skill-lint-... -->` comment that skill-lint cannot follow, so it switches off nothing it was meant to. */
import { ALL_KINDS, docsUrl } from "../src/rule-helpers.js";
import type { Rule } from "../src/types.js";

/*
 * The engine reads a file's directives before any rule runs, since every finding is checked against them; this
 * rule reports what it found wrong in them. Unused disable directives are reported by the engine after all rules
 * ran, under this id, at the severity of `reportUnusedDisableDirectives`.
 */
const rule: Rule = {
  meta: {
    id: "directive",
    description: "Inline directives name a known directive and known rule ids.",
    kinds: ALL_KINDS,
    severity: "warn",
    docsUrl: docsUrl("directive"),
    trigger: /skill-lint-/,
  },
  check({ directiveProblems, report }) {
    for (const problem of directiveProblems) report(problem);
  },
};

export default rule;
