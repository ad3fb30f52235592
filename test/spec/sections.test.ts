/**
 * The components' sections are the only place that knows the components: src/ assembles them and
 * names none, and no two sections claim the same field of the spec.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { packageRoot } from "../../src/engine/templates.js";
import { specSections } from "../../src/spec/schema.js";

const ROOT = packageRoot();

/** The components' own names for what they run on: what src/ would know if it knew a component. */
const COMPONENT_NAMES = /upstash|pg-?boss|bullmq|tigris|\bs3\b|bucket|aws-sdk|redis|postgres|mpg/i;

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

describe("src/", () => {
  it("names no component: each lives in generators/<component>/", () => {
    const named = filesUnder(join(ROOT, "src")).flatMap((file) => {
      const path = relative(ROOT, file);
      return readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (COMPONENT_NAMES.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : []));
    });
    expect(named).toEqual([]);
  });
});

describe("the sections", () => {
  it("each declare their own spec fields: no two declare the same one", () => {
    const declared = specSections.flatMap((section) => [
      ...Object.keys(section.fields),
      ...Object.keys(section.trailingFields ?? {}),
    ]);
    expect(declared).toEqual([...new Set(declared)]);
  });
});
