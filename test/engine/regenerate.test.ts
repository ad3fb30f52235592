/**
 * The regenerate use case on its own, without the CLI: what `present` sees is the project before the
 * plan is applied, a preview changes nothing and takes no lock, a write holds the lock until it is done.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GENERATORS } from "../../generators/index.js";
import { generatedPaths } from "../../src/engine/generated-paths.js";
import { acquireLock, LockedError, lockPathFor } from "../../src/engine/lock.js";
import { MetadataError } from "../../src/engine/metadata-schema.js";
import { compareVersions, type RegenerateInput, regenerateProject } from "../../src/engine/regenerate.js";
import { renderGenerated } from "../../src/engine/render-project.js";
import { generatorVersion } from "../../src/version.js";
import { specFrom, templates } from "../helpers/render.js";
import { editFile, generate, read, tempDir } from "../regen/helpers.js";

const root = tempDir("use-case");
afterAll(() => rmSync(root, { recursive: true, force: true }));

let count = 0;
/** A project made with two regions, and the input that regenerates it with a third. */
function project(writes: boolean): RegenerateInput {
  const dir = join(root, String(++count));
  generate(dir, { name: "shop", regions: ["iad", "lhr"] });
  editFile(dir, "README.md", "# shop", "# shop (my edit)");
  const version = generatorVersion();
  return {
    root: dir,
    render: renderGenerated(specFrom({ name: "shop", regions: ["iad", "lhr", "nrt"] }), {
      generators: GENERATORS,
      templates,
      version,
    }),
    isGenerated: (path) => generatedPaths(GENERATORS, templates).has(path),
    version,
    restore: new Set(),
    writes,
  };
}

describe("regenerateProject", () => {
  it("shows the plan against the files as they were, then applies it, keeping the user's edit", () => {
    const input = project(true);
    const before = read(input.root, "scripts/bootstrap.sh");
    let seen: string | undefined;
    const { plan } = regenerateProject(input, ({ disk }) => {
      seen = disk("scripts/bootstrap.sh")?.content;
      // The lock is held while the use case runs: a second writer is refused.
      expect(() => acquireLock(input.root)).toThrow(LockedError);
    });
    expect(seen).toBe(before);
    expect(plan.changes.map((c) => c.path)).toContain("scripts/bootstrap.sh");
    expect(read(input.root, "scripts/bootstrap.sh")).not.toBe(before);
    expect(read(input.root, "README.md")).toContain("# shop (my edit)");
    expect(existsSync(lockPathFor(input.root))).toBe(false);
  });

  it("previews without writing a file or taking the lock", () => {
    const input = project(false);
    const before = readFileSync(join(input.root, "scripts/bootstrap.sh"), "utf8");
    const { plan } = regenerateProject(input, () => {
      const release = acquireLock(input.root);
      release();
    });
    expect(plan.changes.length).toBeGreaterThan(0);
    expect(read(input.root, "scripts/bootstrap.sh")).toBe(before);
  });

  it("refuses a project whose manifest is missing, as bad input, and releases the lock", () => {
    const input = project(true);
    rmSync(join(input.root, ".fly-ref-arch/manifest.json"));
    expect(() => regenerateProject(input, () => {})).toThrow(MetadataError);
    expect(existsSync(lockPathFor(input.root))).toBe(false);
  });

  it("refuses a project made by a newer generator", () => {
    const input = project(true);
    expect(() => regenerateProject({ ...input, version: "0.0.1" }, () => {})).toThrow(/which is older/);
  });
});

describe("compareVersions", () => {
  it("compares dotted versions part by part, numerically", () => {
    expect(compareVersions("0.10.0", "0.9.1")).toBe(1);
    expect(compareVersions("1.2.3", "1.2.3")).toBe(0);
    expect(compareVersions("1.2", "1.2.1")).toBe(-1);
  });
});
