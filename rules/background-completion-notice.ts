import { ALL_KINDS, docsUrl } from "../src/rule-helpers.js";
import type { Rule } from "../src/types.js";

const rule: Rule = {
  meta: {
    id: "background-completion-notice",
    description: "TODO",
    kinds: ALL_KINDS,
    severity: "error",
    docsUrl: docsUrl("background-completion-notice"),
  },
  check() {},
};

export default rule;
