import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // PGlite boots in seconds and the start-up test spawns the real app; none of this is a timing assertion.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
