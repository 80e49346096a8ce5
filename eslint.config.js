// Lints skill-lint's own code. The point is the regular expressions: a rule runs on whatever a user wrote,
// so none may backtrack super-linearly on a long line (issue 6). bench/regex.mjs measures the same thing.
import regexp from "eslint-plugin-regexp";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "fixtures/", "coverage/", "editors/"] },
  ...tseslint.configs.recommended,
  regexp.configs.recommended,
  {
    rules: {
      // Both are in the recommended set; named here so that turning the set down never turns them off.
      "regexp/no-super-linear-backtracking": "error",
      "regexp/no-super-linear-move": "error",
    },
  },
);
