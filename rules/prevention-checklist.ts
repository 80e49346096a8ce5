import { ALL_KINDS, docsUrl } from "../src/rule-helpers.js";
import type { Rule } from "../src/types.js";

const rule: Rule = {
  meta: {
    id: "prevention-checklist",
    description: "TODO",
    kinds: ALL_KINDS,
    severity: "error",
    docsUrl: docsUrl("prevention-checklist"),
  },
  check() {},
};

export default rule;
