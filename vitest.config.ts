import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // CLI and server tests spawn processes; two cores do not gain from more parallel files.
    maxWorkers: 2,
  },
});
