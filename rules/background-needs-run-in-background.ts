import { ALL_KINDS, docsUrl } from "../src/rule-helpers.js";
import type { Rule } from "../src/types.js";

const rule: Rule = {
  meta: {
    id: "background-needs-run-in-background",
    description: "TODO",
    kinds: ALL_KINDS,
    severity: "error",
    docsUrl: docsUrl("background-needs-run-in-background"),
  },
  check() {},
};

export default rule;
