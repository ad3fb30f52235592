/**
 * The journal and the atomic writer on their own: a change list with nested creates and deletes is
 * interrupted after every disk step (the hook throws, leaving the disk as a kill would), then
 * finished from the journal; the end state must equal an uninterrupted apply, folders included.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyChanges, finishChanges } from "../../src/engine/apply.js";
import { projectReader } from "../../src/engine/disk.js";
import { generatedPaths } from "../../src/engine/generated-paths.js";
import { inspectJournal } from "../../src/engine/journal.js";
import { MANIFEST_PATH, sha256 } from "../../src/engine/manifest.js";
import type { FileChange } from "../../src/engine/plan.js";
import { generators, templates } from "../helpers/render.js";
import { contentOf, tempDir } from "./helpers.js";

const root = tempDir("apply");
const generated = (path: string) => generatedPaths(generators, templates).has(path);
afterAll(() => rmSync(root, { recursive: true, force: true }));

function start(): string {
  const dir = join(root, "start");
  mkdirSync(join(dir, "src/web/routes"), { recursive: true });
  mkdirSync(join(dir, ".fly-ref-arch"));
  writeFileSync(join(dir, "README.md"), "1\n");
  writeFileSync(join(dir, "src/web/routes/jobs.ts"), "old\n");
  writeFileSync(join(dir, MANIFEST_PATH), "{}\n");
  return dir;
}

const change = (path: string, before: string | null, content: string | null, extra: Partial<FileChange> = {}) =>
  ({
    kind: content === null ? "delete" : before === null ? "create" : "update",
    path,
    before: before === null ? null : sha256(before),
    content,
    mode: 0o644,
    conflicts: 0,
    ...extra,
  }) as FileChange;

const CHANGES = [
  change("README.md", "1\n", "2\n"),
  change("src/web/routes/jobs.ts", "old\n", null),
  change(".github/workflows/ci.yml", null, "b\n"),
  change("scripts/bootstrap.sh", null, "#!/bin/sh\n", { mode: 0o755 }),
  change(MANIFEST_PATH, "{}\n", '{"generator":"create-fly-ref-arch","version":"0.1.0","files":{}}\n', {
    metadata: true,
  }),
];

class Crash extends Error {}

describe("applyChanges interrupted after every step", () => {
  const origin = start();
  const reference = join(root, "reference");
  cpSync(origin, reference, { recursive: true });
  applyChanges(reference, CHANGES);
  const expected = contentOf(reference);

  it("writes the uninterrupted result: nested folders created and emptied ones removed, modes set", () => {
    expect(Object.keys(expected).sort()).toEqual(
      [
        ".fly-ref-arch",
        MANIFEST_PATH,
        "README.md",
        ".github",
        ".github/workflows",
        ".github/workflows/ci.yml",
        "scripts",
        "scripts/bootstrap.sh",
      ].sort(),
    );
    expect(expected["scripts/bootstrap.sh"]).toMatch(/^file 755 /);
  });

  it("finishing the journal after any interruption ends in the same state", () => {
    let interruptions = 0;
    for (let n = 1; ; n++) {
      const dir = join(root, `run-${n}`);
      cpSync(origin, dir, { recursive: true });
      let steps = 0;
      try {
        applyChanges(dir, CHANGES, {
          step: () => {
            if (++steps === n) throw new Crash();
          },
        });
        break;
      } catch (error) {
        if (!(error instanceof Crash)) throw error;
      }
      interruptions++;
      const journal = inspectJournal(projectReader(dir), generated);
      expect(journal.kind, `after step ${n}`).not.toBe("foreign");
      // No journal yet: nothing was touched, and the re-run plans the same changes again.
      if (journal.kind === "none") applyChanges(dir, CHANGES);
      else finishChanges(dir, journal.kind === "pending" ? journal.remaining : []);
      expect(contentOf(dir), `interrupted after step ${n}`).toEqual(expected);
    }
    expect(interruptions).toBeGreaterThan(10);
  });

  it("refuses to finish a journal whose files someone changed since", () => {
    const dir = join(root, "foreign");
    cpSync(origin, dir, { recursive: true });
    let steps = 0;
    // Step 2 renames the journal into place: README.md is still to be written.
    const hooks = {
      step: () => {
        if (++steps === 2) throw new Crash();
      },
    };
    expect(() => applyChanges(dir, CHANGES, hooks)).toThrow(Crash);
    writeFileSync(join(dir, "README.md"), "edited after the crash\n");
    expect(inspectJournal(projectReader(dir), generated)).toEqual({ kind: "foreign", paths: ["README.md"] });
  });
});
