import { execFileSync } from "node:child_process";
import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonDepth, parseInputJson, readInputFile, UntrustedInputError } from "../../src/engine/untrusted-input.js";

const dir = mkdtempSync(join(tmpdir(), "untrusted-input-"));
const limits = { maxBytes: 1024 };

describe("readInputFile", () => {
  it("reads a regular file and answers undefined for a missing one", () => {
    writeFileSync(join(dir, "a.json"), '{"a":1}');
    expect(readInputFile(join(dir, "a.json"), "a.json", limits)).toBe('{"a":1}');
    expect(readInputFile(join(dir, "missing.json"), "missing.json", limits)).toBeUndefined();
  });

  it("refuses a FIFO at once instead of waiting for a writer", () => {
    const fifo = join(dir, "fifo");
    execFileSync("mkfifo", [fifo]);
    expect(() => readInputFile(fifo, "spec.json", limits)).toThrow(
      new UntrustedInputError("spec.json is a FIFO, not a regular file; refusing"),
    );
  });

  it("refuses a device, also behind a symlink, without reading it", () => {
    expect(() => readInputFile("/dev/zero", "spec.json", limits)).toThrow("spec.json is a device, not a regular file");
    const link = join(dir, "zero-link");
    symlinkSync("/dev/zero", link);
    expect(() => readInputFile(link, "spec.json", limits)).toThrow("is a device");
  });

  it("refuses a folder and a file over the cap, naming the cap", () => {
    expect(() => readInputFile(dir, "spec.json", limits)).toThrow("spec.json is a folder, not a regular file");
    writeFileSync(join(dir, "big.json"), "x".repeat(1025));
    expect(() => readInputFile(join(dir, "big.json"), "big.json", limits)).toThrow(
      "big.json is larger than 1 KiB; refusing",
    );
    writeFileSync(join(dir, "edge.json"), "x".repeat(1024));
    expect(readInputFile(join(dir, "edge.json"), "edge.json", limits)).toHaveLength(1024);
  });

  it("refuses bytes that are not UTF-8", () => {
    writeFileSync(join(dir, "latin1.json"), Buffer.from([0x7b, 0xe9, 0x7d]));
    expect(() => readInputFile(join(dir, "latin1.json"), "latin1.json", limits)).toThrow("is not UTF-8 text");
  });
});

describe("parseInputJson", () => {
  it("refuses deep nesting before the parser can overflow its stack", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    expect(() => parseInputJson(deep, "spec.json")).toThrow("spec.json nests deeper than 64 levels; refusing");
  });

  it("counts brackets inside strings as text, escaped quotes included", () => {
    expect(jsonDepth('{"a":"[[[[\\"[[[["}', 10)).toBe(1);
    expect(parseInputJson('{"a":{"b":["[{"]}}', "x.json")).toEqual({ a: { b: ["[{"] } });
  });

  it("counts the depth of any JSON exactly, whatever its strings hold (property)", () => {
    const depthOf = (value: unknown): number =>
      value !== null && typeof value === "object"
        ? 1 + Math.max(0, ...Object.values(value as Record<string, unknown>).map(depthOf))
        : 0;
    fc.assert(fc.property(fc.jsonValue(), (value) => jsonDepth(JSON.stringify(value), 1000) === depthOf(value)));
  });

  it("names the file when the text is not JSON", () => {
    expect(() => parseInputJson("{", "journal.json")).toThrow(/^journal\.json is not valid JSON: /);
  });
});
