/**
 * The set of paths the generator can write, which bounds what a manifest, base.json or journal may
 * name: every spec case, and random specs over every field, render only paths in it; and it holds
 * nothing regenerate must never write.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PACKAGE_MANAGERS } from "../../generators/base/options.js";
import { CACHE_KINDS } from "../../generators/cache/options.js";
import { DATABASE_KINDS, MPG_PLANS } from "../../generators/database/options.js";
import { AUTO_STOP } from "../../generators/web/options.js";
import { QUEUE_KINDS, WORKER_KINDS } from "../../generators/worker/options.js";
import { generatedPaths, isGeneratedPath } from "../../src/engine/generated-paths.js";
import { BASE_PATH, MANIFEST_PATH } from "../../src/engine/manifest.js";
import { renderGenerated } from "../../src/engine/render-project.js";
import { REGION_CODES } from "../../src/spec/regions.js";
import { withDerivedDefaults } from "../../src/spec/resolve.js";
import { SPEC_FILE, type Spec } from "../../src/spec/schema.js";
import { validateSpec } from "../../src/spec/validate.js";
import { CASES } from "../cases.js";
import { generators, specFrom, templates } from "../helpers/render.js";

const paths = generatedPaths(generators, templates);
const outside = (spec: Spec) =>
  renderGenerated(spec, { generators, templates, version: "9.9.9" })
    .paths()
    .filter((p) => !isGeneratedPath(generators, templates, p));

const vm = fc.record({ cpuKind: fc.constantFrom("shared", "performance"), cpus: fc.constantFrom(1, 2, 4) });

/** A spec drawn from every field, valid or not; only the valid ones are kept. */
const anySpec: fc.Arbitrary<Spec> = fc
  .record({
    name: fc.stringMatching(/^[a-z][a-z0-9]{0,12}$/),
    regions: fc.uniqueArray(fc.constantFrom(...REGION_CODES), { minLength: 1, maxLength: 5 }),
    primary: fc.nat(),
    replicas: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
    database: fc.constantFrom(...DATABASE_KINDS),
    mpgPlan: fc.constantFrom(...MPG_PLANS),
    cache: fc.constantFrom(...CACHE_KINDS),
    worker: fc.constantFrom(...WORKER_KINDS),
    queue: fc.option(fc.constantFrom(...QUEUE_KINDS), { nil: undefined }),
    packageManager: fc.constantFrom(...PACKAGE_MANAGERS),
    autoStop: fc.constantFrom(...AUTO_STOP),
    port: fc.integer({ min: 1024, max: 65535 }),
    machines: fc.integer({ min: 1, max: 3 }),
    vm,
    appNames: fc.boolean(),
  })
  .map((r) => {
    const primaryRegion = r.regions[r.primary % r.regions.length];
    const others = r.regions.filter((code) => code !== primaryRegion);
    return validateSpec(
      withDerivedDefaults({
        name: r.name,
        regions: r.regions,
        primaryRegion,
        ...(r.appNames ? { apps: { web: `${r.name}-front`, worker: `${r.name}-jobs` } } : {}),
        web: { port: r.port, machinesPerRegion: r.machines, autoStop: r.autoStop, vm: r.vm },
        database: {
          kind: r.database,
          mpgPlan: r.mpgPlan,
          replicaRegions: r.database === "postgres" ? others.filter((_, i) => r.replicas[i]) : [],
        },
        cache: { kind: r.cache },
        worker: { kind: r.worker, ...(r.queue ? { queue: r.queue } : {}) },
        packageManager: r.packageManager,
      }),
    );
  })
  .filter((result) => result.ok)
  .map((result) => (result as { ok: true; spec: Spec }).spec);

describe("the paths the generator can write", () => {
  it("hold every path of every spec case", () => {
    for (const { name, spec } of CASES) expect(outside(specFrom(spec)), name).toEqual([]);
  });

  it("hold every path of random specs over every field (property)", () => {
    fc.assert(
      fc.property(anySpec, (spec) => outside(spec).length === 0),
      { numRuns: 300 },
    );
  });

  it("take an environment's copy of a config, of any environment name, and no copy of another path", () => {
    const generatable = (path: string) => isGeneratedPath(generators, templates, path);
    expect(["fly.qa-2.toml", "fly.worker.staging.toml", "redis/fly.preview.toml"].filter(generatable)).toEqual([
      "fly.qa-2.toml",
      "fly.worker.staging.toml",
      "redis/fly.preview.toml",
    ]);
    expect(
      ["notes.staging.toml", ".git/fly.staging.toml", "fly.Staging.toml", "fly.staging.json"].filter(generatable),
    ).toEqual([]);
  });

  it("hold nothing inside .git/, no metadata and not the spec", () => {
    const forbidden = [...paths].filter(
      (p) => p === ".git" || p.startsWith(".git/") || p.startsWith(".fly-ref-arch") || p === SPEC_FILE,
    );
    expect(forbidden).toEqual([]);
    expect(paths.has(MANIFEST_PATH) || paths.has(BASE_PATH)).toBe(false);
  });

  it("are the files of the generators, not a guess: each comes from some spec's render", () => {
    const rendered = new Set<string>();
    fc.assert(
      fc.property(anySpec, (spec) => {
        for (const path of renderGenerated(spec, { generators, templates, version: "9.9.9" }).paths())
          rendered.add(path);
      }),
      { numRuns: 300, seed: 12 },
    );
    for (const { spec } of CASES)
      for (const path of renderGenerated(specFrom(spec), { generators, templates, version: "9.9.9" }).paths())
        rendered.add(path);
    expect([...paths].filter((p) => !rendered.has(p)).sort()).toEqual([]);
  });
});
