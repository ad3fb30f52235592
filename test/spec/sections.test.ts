/**
 * The components' sections are the only place that knows the components: src/ assembles them and
 * names none, and no two sections claim the same field of the spec.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { SPEC_SECTIONS } from "../../generators/spec-sections.js";
import { packageRoot } from "../../src/engine/templates.js";

const ROOT = packageRoot();

/** The components' own names for what they run on: what src/ would know if it knew a component. */
const COMPONENT_NAMES = /upstash|pg-?boss|bullmq|tigris|redis|postgres|mpg/i;

/**
 * Files of src/ that may still name a component, and why. generators/view.ts imports these from
 * src/spec; branch issue13-components moves view.ts into the components' folders, and its merge
 * points those imports at generators/ and deletes both files.
 */
const ALLOWED: Record<string, string> = {
  "src/spec/choices.ts": "re-exports the database's support notice for generators/view.ts",
  "src/spec/upstash.ts": "re-exports the cache's plan facts for generators/view.ts",
};

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(folder, entry.name)) : [join(folder, entry.name)],
  );
}

describe("src/", () => {
  it("names no component: each lives in generators/<component>/", () => {
    const named = filesUnder(join(ROOT, "src")).flatMap((file) => {
      const path = relative(ROOT, file);
      if (path in ALLOWED) return [];
      return readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (COMPONENT_NAMES.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : []));
    });
    expect(named).toEqual([]);
  });

  it("allows only files that still name a component", () => {
    for (const path of Object.keys(ALLOWED)) {
      expect(readFileSync(join(ROOT, path), "utf8"), path).toMatch(COMPONENT_NAMES);
    }
  });
});

describe("the sections", () => {
  it("each declare their own spec fields: no two declare the same one", () => {
    const declared = Object.values(SPEC_SECTIONS).flatMap((section) => [
      ...Object.keys(section.fields),
      ...Object.keys(section.trailingFields ?? {}),
    ]);
    expect(declared).toEqual([...new Set(declared)]);
  });
});
