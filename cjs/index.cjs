// skill-lint is an ES module. Node.js 20.19 and newer load one with require(); older releases cannot, and get an
// error that says what to write instead of Node's own.
"use strict";
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS entry has nothing but require()
  module.exports = require("../dist/src/index.js");
} catch (error) {
  if (error && (error.code === "ERR_REQUIRE_ESM" || error.code === "ERR_REQUIRE_ASYNC_MODULE")) {
    throw new Error('skill-lint is ESM only: use import() or `import { lint } from "skill-lint"`');
  }
  throw error;
}
