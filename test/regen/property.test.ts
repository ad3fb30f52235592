/**
 * Random valid spec changes × random user edits (insert, delete, change lines; delete whole files;
 * add files of their own), through the pure planner on an in-memory disk: every user edit is in the
 * result or inside a conflict block, and no path outside the manifest and the new render is touched.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CACHE_KINDS } from "../../generators/cache/options.js";
import { DATABASE_KINDS } from "../../generators/database/options.js";
import { WORKER_KINDS } from "../../generators/worker/options.js";
import type { DiskFile } from "../../src/engine/disk.js";
import { generatedPaths } from "../../src/engine/generated-paths.js";
import { BASE_PATH, MANIFEST_PATH, parseBaseTexts, parseManifest } from "../../src/engine/manifest.js";
import { MARKERS } from "../../src/engine/merge.js";
import { planRegeneration } from "../../src/engine/plan.js";
import { renderGenerated, renderProject } from "../../src/engine/render-project.js";
import { REGION_CODES } from "../../src/spec/regions.js";
import type { PartialSpec } from "../../src/spec/resolve.js";
import { withDerivedDefaults } from "../../src/spec/resolve.js";
import type { Spec } from "../../src/spec/schema.js";
import { validateSpec } from "../../src/spec/validate.js";
import { generators, templates } from "../helpers/render.js";

const VERSION = "0.1.0";
const generatable = (path: string) => generatedPaths(generators, templates).has(path);

/** A valid spec: a few regions, a primary among them, replicas among the others, any backends. */
const specArb: fc.Arbitrary<Spec> = fc
  .record({
    regions: fc.uniqueArray(fc.constantFrom(...REGION_CODES), { minLength: 1, maxLength: 4 }),
    primaryIndex: fc.nat(),
    replicaMask: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
    database: fc.constantFrom(...DATABASE_KINDS.filter((k) => k !== "mpg")),
    cache: fc.constantFrom(...CACHE_KINDS),
    worker: fc.constantFrom(...WORKER_KINDS),
    port: fc.constantFrom(3000, 8080),
  })
  .map((r) => {
    const primaryRegion = r.regions[r.primaryIndex % r.regions.length];
    const others = r.regions.filter((code) => code !== primaryRegion);
    const answers: PartialSpec = {
      name: "acme",
      regions: r.regions,
      primaryRegion,
      database: {
        kind: r.database,
        replicaRegions: r.database === "postgres" ? others.filter((_, i) => r.replicaMask[i]) : [],
      },
      cache: { kind: r.cache },
      worker: { kind: r.database === "none" && r.cache === "none" ? "none" : r.worker },
      web: { port: r.port },
    };
    return validateSpec(withDerivedDefaults(answers));
  })
  .filter((result) => result.ok)
  .map((result) => (result as { ok: true; spec: Spec }).spec);

/** Where a line is inserted, deleted or replaced; new lines are unique tokens made when applied. */
interface LineEdit {
  op: "insert" | "delete" | "change";
  at: number;
}

const lineEditArb: fc.Arbitrary<LineEdit> = fc.record({
  op: fc.constantFrom("insert" as const, "delete" as const, "change" as const),
  at: fc.nat(),
});

const userArb = fc.record({
  /** Per generated file (by index): the edits, or "deleted". */
  edits: fc.array(
    fc.oneof(
      { weight: 1, arbitrary: fc.constant("deleted" as const) },
      {
        weight: 4,
        arbitrary: fc.array(lineEditArb, { minLength: 1, maxLength: 4 }),
      },
    ),
    { minLength: 1, maxLength: 4 },
  ),
  fileIndexes: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
});

interface Applied {
  /** Lines the user wrote (unique tokens): each must survive. */
  added: string[];
  /** Lines the user removed that were unique in the file: each must stay removed or be in a conflict. */
  removed: string[];
}

/** Applies line edits; new lines are unique tokens so their survival can be checked. */
function applyEdits(text: string, edits: readonly LineEdit[], tag: string): { text: string; applied: Applied } {
  const lines = text.split("\n");
  const applied: Applied = { added: [], removed: [] };
  edits.forEach((edit, i) => {
    const token = `USER-EDIT ${tag}-${i}`;
    const at = edit.at % (lines.length + (edit.op === "insert" ? 1 : 0));
    const unique = (line: string) => line.trim() !== "" && lines.filter((l) => l === line).length === 1;
    if (edit.op === "insert") {
      lines.splice(at, 0, token);
      applied.added.push(token);
      return;
    }
    const old = lines[at] ?? "";
    if (old.startsWith("USER-EDIT")) return;
    if (unique(old)) applied.removed.push(old);
    if (edit.op === "delete") lines.splice(at, 1);
    else {
      lines[at] = token;
      applied.added.push(token);
    }
  });
  return { text: lines.join("\n"), applied };
}

/** Lines outside conflict blocks, and lines inside them. */
function partition(text: string): { outside: string[]; inside: string[] } {
  const outside: string[] = [];
  const inside: string[] = [];
  let depth = 0;
  for (const line of text.split("\n")) {
    if (line === MARKERS.yours) depth++;
    if (depth > 0) inside.push(line);
    else outside.push(line);
    if (line === MARKERS.generated) depth--;
  }
  return { outside, inside };
}

const count = (lines: readonly string[], line: string) => lines.filter((l) => l === line).length;

describe("regeneration keeps every user edit (property)", () => {
  it("random spec changes × random line edits: edits survive or sit in a conflict block; nothing else is touched", () => {
    fc.assert(
      fc.property(specArb, specArb, userArb, (before, after, user) => {
        const created = renderProject(before, { generators, templates, version: VERSION });
        const disk = new Map<string, DiskFile>(
          created.entries().map(([path, file]) => [path, { content: file.content, mode: file.mode }]),
        );
        const generated = renderGenerated(before, { generators, templates, version: VERSION }).paths();

        const expectations = new Map<string, Applied>();
        const deleted = new Set<string>();
        user.edits.forEach((edit, i) => {
          const path = generated[(user.fileIndexes[i] ?? 0) % generated.length] as string;
          if (deleted.has(path) || expectations.has(path)) return;
          if (edit === "deleted") {
            disk.delete(path);
            deleted.add(path);
            return;
          }
          const file = disk.get(path) as DiskFile;
          const { text, applied } = applyEdits(file.content, edit, `${i}`);
          disk.set(path, { ...file, content: text });
          expectations.set(path, applied);
        });
        const userFile = { content: "my notes\n", mode: 0o644 };
        disk.set("notes/mine.md", userFile);

        const render = renderGenerated(after, { generators, templates, version: VERSION });
        const manifest = parseManifest(disk.get(MANIFEST_PATH)?.content ?? "", generatable);
        const plan = planRegeneration({
          render,
          version: VERSION,
          manifest,
          bases: parseBaseTexts(disk.get(BASE_PATH)?.content, generatable),
          disk: (path) => disk.get(path),
        });

        const allowed = new Set([...render.paths(), ...Object.keys(manifest.files), MANIFEST_PATH, BASE_PATH]);
        for (const change of plan.changes) {
          expect(allowed.has(change.path), change.path).toBe(true);
          // An edited file is never deleted, a user-deleted one never recreated.
          if (change.kind === "delete") expect(expectations.has(change.path), change.path).toBe(false);
          if (change.kind === "create") expect(deleted.has(change.path), change.path).toBe(false);
          if (change.content === null) disk.delete(change.path);
          else disk.set(change.path, { content: change.content, mode: change.mode });
        }
        expect(disk.get("notes/mine.md")).toBe(userFile);

        for (const [path, applied] of expectations) {
          const result = disk.get(path)?.content;
          expect(result, `${path} must still exist`).toBeDefined();
          const lines = (result as string).split("\n");
          const { outside, inside } = partition(result as string);
          for (const line of applied.added) expect(lines, `${path}: ${line}`).toContain(line);
          const generatedLines = (render.get(path)?.content ?? "").split("\n");
          for (const line of applied.removed) {
            if (inside.includes(line)) continue;
            // Removed, unless the new render adds more copies of that line than there were.
            expect(count(outside, line), `${path}: removed ${JSON.stringify(line)}`).toBeLessThanOrEqual(
              Math.max(0, count(generatedLines, line) - 1),
            );
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
