/** The CLI tests spawn dist/cli.js: build it once, before any test file runs, so none sees a stale or half-built one. */
import { fileURLToPath } from "node:url";
import { execa } from "execa";

export default async function buildOnce(): Promise<void> {
  await execa("npm", ["run", "build"], { cwd: fileURLToPath(new URL("..", import.meta.url)), stdio: "pipe" });
}
