/** Acceptance: what `npm create` downloads is one small package with nothing else to fetch. */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_NAME, packOurPackage } from "../helpers/local-registry.js";
import { filesOn } from "../helpers/tmp.js";

const run = promisify(execFile);
// Most of it is the precompiled templates (about 280 KB of the generated app); the cost estimate's
// price table added about 20 KB, environments and teardown about 30 KB (697 KB on 2026-12-04). The
// cap is there to notice the next jump, not to forbid growth.
const MAX_UNPACKED_BYTES = 800 * 1024;

let work: string;
let unpacked: string;
let manifest: Record<string, unknown> & { bin: Record<string, string> };

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "fly-ref-arch-tarball-"));
  const tarball = await packOurPackage(work);
  unpacked = join(work, "unpacked");
  mkdirSync(unpacked);
  await run("tar", ["-xzf", tarball, "-C", unpacked]);
  unpacked = join(unpacked, "package");
  manifest = JSON.parse(readFileSync(join(unpacked, "package.json"), "utf8"));
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  it(`unpacks to at most ${MAX_UNPACKED_BYTES / 1024} KB, measured on disk`, () => {
    const bytes = filesOn(unpacked, []).reduce((sum, file) => sum + file.content.length, 0);
    console.info(`unpacked size: ${(bytes / 1024).toFixed(1)} KB`);
    expect(bytes).toBeLessThanOrEqual(MAX_UNPACKED_BYTES);
  });

  it("declares no runtime dependencies of any kind", () => {
    for (const field of ["dependencies", "optionalDependencies", "peerDependencies", "bundleDependencies"]) {
      expect(manifest[field], field).toBeUndefined();
    }
  });

  it("holds only the allow-listed files: the bundle, schema.json and the docs", () => {
    const tops = new Set(filesOn(unpacked, []).map((file) => file.path.split("/")[0]));
    expect([...tops].sort()).toEqual(["CHANGELOG.md", "LICENSE", "README.md", "dist", "package.json", "schema.json"]);
  });

  it("has an executable bin with a node shebang and declares Node 20", () => {
    const bin = join(unpacked, manifest.bin[PACKAGE_NAME] ?? "");
    expect(readFileSync(bin, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
    expect(statSync(bin).mode & 0o111).not.toBe(0);
    expect(manifest.engines).toEqual({ node: expect.stringMatching(/^>=20(\.|$)/) });
  });

  it("ships the spec's JSON Schema", () => {
    const schema = JSON.parse(readFileSync(join(unpacked, "schema.json"), "utf8"));
    expect(schema.$id).toBe("https://unpkg.com/create-fly-ref-arch/schema.json");
    expect(schema.properties).toHaveProperty("regions");
  });
});
