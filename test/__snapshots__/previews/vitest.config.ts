import { defineConfig } from "vitest/config";

// The tests run against real servers named by the environment (see README, "Tests").
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 20_000,
  },
});
