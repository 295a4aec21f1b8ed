import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    environment: "node",
    // One PostgreSQL server per run for the store conformance suites (or SLUICE_TEST_PG_URL).
    globalSetup: ["test/support/postgres-global-setup.ts"],
  },
});
