import { ALL_KINDS, docsUrl } from "../src/rule-helpers.js";
import type { Rule } from "../src/types.js";

const rule: Rule = {
  meta: {
    id: "self-contained-prompt",
    description: "TODO",
    kinds: ALL_KINDS,
    severity: "error",
    docsUrl: docsUrl("self-contained-prompt"),
  },
  check() {},
};

export default rule;
