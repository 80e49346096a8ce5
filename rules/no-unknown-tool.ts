import { ALL_KINDS, docsUrl } from "../src/rule-helpers.js";
import type { Rule } from "../src/types.js";

const rule: Rule = {
  meta: {
    id: "no-unknown-tool",
    description: "TODO",
    kinds: ALL_KINDS,
    severity: "error",
    docsUrl: docsUrl("no-unknown-tool"),
  },
  check() {},
};

export default rule;
