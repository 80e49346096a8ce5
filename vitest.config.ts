import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests run the real CLI in child processes; a busy two-core machine needs room.
    testTimeout: 60_000,
  },
});
