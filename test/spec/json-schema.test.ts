/**
 * The exported JSON Schema against ajv (draft 2020-12, what zod 4 emits). It carries each field's
 * own rules; rules across fields (primary among the regions, replicas, mpg, suspend, queue backend,
 * per-CPU memory) cannot be said in JSON Schema and stay with validateSpec.
 */
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { specJsonSchema } from "../../src/spec/json-schema.js";
import { mergeSpecs, type PartialSpec, withDerivedDefaults } from "../../src/spec/resolve.js";
import { SPEC_FILE } from "../../src/spec/schema.js";
import { validateSpec } from "../../src/spec/validate.js";
import { render, specFrom } from "../helpers/render.js";
import { BASE, VALID_SPECS } from "../helpers/spec-cases.js";

const schema = specJsonSchema();
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

function jsonSchemaErrors(input: unknown): string[] {
  return validate(input) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword}`);
}

const spec = (over: Record<string, unknown>) => mergeSpecs(BASE, over as PartialSpec);

describe("specJsonSchema", () => {
  it("is draft 2020-12 and compiles in ajv's strict mode", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(typeof validate).toBe("function");
  });

  it("is what the build ships as schema.json", () => {
    const shipped = JSON.parse(readFileSync(new URL("../../schema.json", import.meta.url), "utf8"));
    expect(shipped).toEqual(schema);
  });

  it.each(Object.entries(VALID_SPECS))("accepts the valid spec %s", (_, input) => {
    expect(validateSpec(input).ok).toBe(true);
    expect(jsonSchemaErrors(input)).toEqual([]);
  });

  it.each(Object.entries(VALID_SPECS))("accepts the complete spec resolved from %s", (_, input) => {
    expect(jsonSchemaErrors(specFrom(input))).toEqual([]);
  });

  it("accepts a spec file that leaves the derived fields out, as --spec does", () => {
    for (const input of [
      { name: "acme" },
      { name: "acme", regions: ["syd", "sin"] },
      { name: "acme", primaryRegion: "lhr" },
    ]) {
      expect(jsonSchemaErrors(input)).toEqual([]);
      expect(validateSpec(withDerivedDefaults(input as PartialSpec)).ok).toBe(true);
    }
  });

  it("accepts the fly-ref-arch.json a generated project holds", () => {
    const written = JSON.parse(render({ name: "acme" }).get(SPEC_FILE)?.content ?? "null");
    expect(jsonSchemaErrors(written)).toEqual([]);
  });

  it.each([
    ["an unknown top-level field", { ...BASE, region: "iad" }, " additionalProperties"],
    ["an unknown nested field", spec({ web: { ports: 80 } }), "/web additionalProperties"],
    ["an unknown Machine field", spec({ worker: { vm: { memory: 512 } } }), "/worker/vm additionalProperties"],
    ["an unknown app override", spec({ apps: { api: "x" } }), "/apps additionalProperties"],
    ["a bad database kind", spec({ database: { kind: "mysql" } }), "/database/kind enum"],
    ["a bad cache kind", spec({ cache: { kind: "memcached" } }), "/cache/kind enum"],
    ["a bad worker kind", spec({ worker: { kind: "cron" } }), "/worker/kind enum"],
    ["a retired region", { ...BASE, regions: ["iad", "sea"] }, "/regions/1 enum"],
    ["an unknown primary region", { ...BASE, primaryRegion: "xyz" }, "/primaryRegion enum"],
    ["a retired replica region", spec({ database: { replicaRegions: ["hkg"] } }), "/database/replicaRegions/0 enum"],
    ["a bad package manager", { ...BASE, packageManager: "pip" }, "/packageManager enum"],
    ["a CPU count Fly does not sell", spec({ web: { vm: { cpus: 3 } } }), "/web/vm/cpus enum"],
    ["an uppercase name", { ...BASE, name: "Acme" }, "/name pattern"],
    ["a name with a double dash", { ...BASE, name: "a--b" }, "/name pattern"],
    ["a name with a trailing dash", { ...BASE, name: "acme-" }, "/name pattern"],
    ["a 31-character name", { ...BASE, name: "a".repeat(31) }, "/name maxLength"],
    ["a name that is a number", { ...BASE, name: 5 }, "/name type"],
    ["regions as a string", { ...BASE, regions: "iad" }, "/regions type"],
    ["no regions", { ...BASE, regions: [] }, "/regions minItems"],
    ["a port as a string", spec({ web: { port: "3000" } }), "/web/port type"],
    ["a fractional port", spec({ web: { port: 3000.5 } }), "/web/port type"],
    ["a port below 1024", spec({ web: { port: 80 } }), "/web/port minimum"],
    ["too many workers", spec({ worker: { count: 21 } }), "/worker/count maximum"],
    ["version 2", { ...BASE, version: 2 }, "/version const"],
    ["a missing name", { regions: ["iad"], primaryRegion: "iad" }, " required"],
    ["an array", [BASE], " type"],
  ])("rejects %s, as validateSpec does", (_, input, error) => {
    expect(jsonSchemaErrors(input)).toContain(error);
    expect(validateSpec(input).ok).toBe(false);
  });

  it("leaves rules across fields to validateSpec", () => {
    const crossField = [
      { ...BASE, primaryRegion: "syd" },
      spec({ database: { replicaRegions: ["iad"] } }),
      spec({ database: { kind: "mpg", replicaRegions: ["lhr"] } }),
      spec({ web: { vm: { memoryMb: 2048 } } }),
      spec({ database: { kind: "none" }, cache: { kind: "none" }, worker: { kind: "app" } }),
      spec({ web: { autoStop: "off", vm: { memoryMb: 4096 } } }),
    ];
    for (const input of crossField) {
      expect(jsonSchemaErrors(input)).toEqual([]);
      expect(validateSpec(input).ok).toBe(false);
    }
  });
});
