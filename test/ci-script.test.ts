/** The project's own CI entry point must parse and pass shellcheck, like every script we generate. */
import { fileURLToPath } from "node:url";
import { execa } from "execa";
import { describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("../.ci/run", import.meta.url));

describe(".ci/run", () => {
  it("is valid bash", async () => {
    const result = await execa("bash", ["-n", script], { reject: false });
    expect(result.stderr).toBe("");
    expect(result.exitCode).toBe(0);
  });

  it("is shellcheck-clean", async () => {
    // shellcheck is required, not optional: .ci/run installs it on a fresh machine.
    const result = await execa("shellcheck", ["--format=gcc", script], { reject: false });
    expect(result.stdout).toBe("");
    expect(result.exitCode).toBe(0);
  });
});
