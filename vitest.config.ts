import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Snapshots hold generated repos, whose own tests run only inside a generated app (test/app/).
    exclude: ["test/__snapshots__/**", "**/node_modules/**"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // CLI and server tests spawn processes; two cores do not gain from more parallel files.
    maxWorkers: 2,
  },
});
