/** The generated app's processes run on the Node major its Dockerfile names, not on ours. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { NODE_MAJOR } from "../../generators/base/versions.js";
import { runToEnd } from "./processes.js";

it(`startProcess runs a script on Node ${NODE_MAJOR}`, async () => {
  const dir = await mkdtemp(join(tmpdir(), "fly-ref-arch-processes-"));
  try {
    await writeFile(join(dir, "version.js"), "console.log(process.versions.node);\n");
    const output = await runToEnd(dir, "version.js", { PATH: process.env.PATH });
    expect(Number(output.trim().split(".")[0])).toBe(NODE_MAJOR);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
