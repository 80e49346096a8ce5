import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests run the real CLI in child processes; a busy two-core machine needs room.
    testTimeout: 60_000,
    // Temporary folders of the run live under one folder, removed at the end (SKILL_LINT_KEEP_TEST_DIRS=1 keeps it).
    globalSetup: ["test/global-setup.ts"],
  },
});
