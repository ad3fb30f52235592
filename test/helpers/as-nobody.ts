/**
 * Running the built CLI as `nobody` (through setpriv), for the tests of what an unprivileged user
 * meets. nobody must be able to read the CLI, and a checkout in a private folder does not let it
 * (`mktemp -d` makes one 0700): those tests run a copy of dist/ in a folder anyone may read.
 */
import { chmodSync, copyFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll } from "vitest";
import { CLI } from "./cli.js";

export const NOBODY = 65534;
export const AS_NOBODY = ["--reuid=nobody", "--regid=nogroup", "--clear-groups"];

const PACKAGE_JSON = fileURLToPath(new URL("../../package.json", import.meta.url));

/** The built CLI copied where nobody can read it (with package.json, which makes it ESM), removed after the calling suite. */
export function cliNobodyCanRun(): string {
  const dir = mkdtempSync(join(tmpdir(), "cfra-nobody-cli-"));
  chmodSync(dir, 0o755);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(dirname(CLI), join(dir, "dist"), { recursive: true });
  copyFileSync(PACKAGE_JSON, join(dir, "package.json"));
  return join(dir, "dist", "cli.js");
}
