/**
 * Semantic checks on the JSON files of every case: they parse, the recorded spec is the case's spec
 * and regenerates the same tree, the manifest's hashes are those of the files, and package.json
 * depends on exactly the clients the architecture uses.
 */
import { describe, expect, it } from "vitest";
import { BASE_PATH, MANIFEST_PATH, METADATA_DIR, sha256 } from "../src/engine/manifest.js";
import { renderProject, SPEC_SCHEMA_REF } from "../src/engine/render-project.js";
import { SPEC_FILE } from "../src/spec/schema.js";
import { validateSpec } from "../src/spec/validate.js";
import { CASE_VERSION, CASES, caseSpec, renderCase } from "./cases.js";
import { generators, templates } from "./helpers/render.js";

describe.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, specCase) => {
  const tree = renderCase(specCase);
  const spec = caseSpec(specCase);
  const json = (path: string) => JSON.parse(tree.get(path)?.content ?? "");

  it("has JSON files that parse", () => {
    const paths = tree.paths().filter((p) => p.endsWith(".json"));
    expect(paths).toEqual(expect.arrayContaining(["package.json", SPEC_FILE, MANIFEST_PATH]));
    for (const path of paths) expect(() => json(path), path).not.toThrow();
  });

  it("records its spec, valid, with the $schema editors complete from", () => {
    const recorded = json(SPEC_FILE);
    const result = validateSpec(recorded);
    expect(result.ok && result.spec).toEqual({ ...spec, $schema: SPEC_SCHEMA_REF });
  });

  it("regenerates the same tree from the recorded spec", () => {
    const result = validateSpec(json(SPEC_FILE));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const again = renderProject(result.spec, { generators, templates, version: CASE_VERSION });
    expect(again.entries()).toEqual(tree.entries());
  });

  it("has a manifest with the hash of every generated file", () => {
    const manifest = json(MANIFEST_PATH);
    expect(manifest).toMatchObject({ generator: "create-fly-ref-arch", version: CASE_VERSION });
    const generated = tree.paths().filter((p) => !p.startsWith(`${METADATA_DIR}/`) && p !== SPEC_FILE);
    expect(Object.keys(manifest.files).sort()).toEqual(generated);
    const base = json(BASE_PATH);
    for (const path of generated) {
      const content = tree.get(path)?.content ?? "";
      expect(manifest.files[path], path).toEqual({ sha256: sha256(content) });
      expect(base[path], `${path} in base.json`).toBe(content);
    }
  });

  it("depends on the clients its architecture uses, and no others", () => {
    const pkg = json("package.json");
    expect(pkg.name).toBe(spec.name);
    const queue = spec.worker.kind === "none" ? undefined : spec.worker.queue;
    const clients = {
      pg: spec.database.kind !== "none",
      ioredis: spec.cache.kind !== "none",
      "pg-boss": queue === "postgres",
      bullmq: queue === "redis",
    };
    for (const [client, used] of Object.entries(clients)) expect(client in pkg.dependencies, client).toBe(used);
    expect("worker" in pkg.scripts).toBe(spec.worker.kind !== "none");
    expect("migrate" in pkg.scripts).toBe(spec.database.kind !== "none");
  });
});
