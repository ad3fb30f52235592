/** The merge and the planner as pure functions: the rules one by one, on an in-memory disk. */
import { describe, expect, it } from "vitest";
import type { DiskFile } from "../../src/engine/disk.js";
import { type Manifest, sha256 } from "../../src/engine/manifest.js";
import { hasConflictMarkers, mergeTexts } from "../../src/engine/merge.js";
import { planRegeneration } from "../../src/engine/plan.js";
import { Tree } from "../../src/engine/tree.js";

describe("mergeTexts", () => {
  const base = "a\nb\nc\nd\ne\n";

  it("takes changes from either side when they touch different lines", () => {
    expect(mergeTexts(base, "a\nB\nc\nd\ne\n", "a\nb\nc\nD\ne\n")).toEqual({ text: "a\nB\nc\nD\ne\n", conflicts: 0 });
  });

  it("treats the same change on both sides as no conflict", () => {
    expect(mergeTexts(base, "a\nX\nc\nd\ne\n", "a\nX\nc\nd\ne\n")).toEqual({ text: "a\nX\nc\nd\ne\n", conflicts: 0 });
  });

  it("marks overlapping changes in git's diff3 style, with labels", () => {
    const result = mergeTexts(base, "a\nmine\nc\nd\ne\n", "a\ntheirs\nc\nd\ne\n");
    expect(result.conflicts).toBe(1);
    expect(result.text).toBe(
      "a\n<<<<<<< yours\nmine\n||||||| last generated\nb\n=======\ntheirs\n>>>>>>> generated\nc\nd\ne\n",
    );
    expect(hasConflictMarkers(result.text)).toBe(true);
  });

  it("keeps a missing final newline outside conflicts and closes it inside one", () => {
    expect(mergeTexts("a\nb", "A\nb", "a\nb").text).toBe("A\nb");
    expect(mergeTexts("a", "x", "y").text).toBe(
      "<<<<<<< yours\nx\n||||||| last generated\na\n=======\ny\n>>>>>>> generated\n",
    );
  });
});

describe("planRegeneration", () => {
  const tree = (files: Record<string, string>) => {
    const t = new Tree();
    for (const [path, content] of Object.entries(files)) t.add(path, content);
    return t;
  };
  const manifestOf = (files: Record<string, string>): Manifest => ({
    generator: "create-fly-ref-arch",
    version: "0.1.0",
    files: Object.fromEntries(Object.entries(files).map(([p, c]) => [p, { sha256: sha256(c) }])),
  });
  const plan = (before: Record<string, string>, after: Record<string, string>, disk: Record<string, string>) =>
    planRegeneration({
      render: tree(after),
      version: "0.1.0",
      manifest: manifestOf(before),
      bases: before,
      disk: (path) => (path in disk ? ({ content: disk[path], mode: 0o644 } as DiskFile) : undefined),
    });
  const files = (p: ReturnType<typeof plan>) => p.changes.filter((c) => !c.metadata).map((c) => [c.kind, c.path]);

  it("counts a file already equal to the new render as up to date, whatever the manifest says", () => {
    const result = plan({ "a.txt": "old\n" }, { "a.txt": "new\n" }, { "a.txt": "new\n" });
    expect(files(result)).toEqual([]);
    expect(result.upToDate).toBe(1);
  });

  it("updates unedited files, deletes stale unedited ones, keeps stale edited ones", () => {
    const before = { "a.txt": "1\n", "gone.txt": "x\n", "mine.txt": "y\n" };
    const result = plan(before, { "a.txt": "2\n" }, { "a.txt": "1\n", "gone.txt": "x\n", "mine.txt": "y edited\n" });
    expect(files(result)).toEqual([
      ["update", "a.txt"],
      ["delete", "gone.txt"],
    ]);
    expect(result.notices).toEqual([{ kind: "keep", path: "mine.txt" }]);
  });

  it("skips user-deleted files and creates new ones; never plans a path outside render and manifest", () => {
    const result = plan({ "a.txt": "1\n" }, { "a.txt": "2\n", "b.txt": "new\n" }, { "notes.md": "mine\n" });
    expect(files(result)).toEqual([["create", "b.txt"]]);
    expect(result.notices).toEqual([{ kind: "skip", path: "a.txt" }]);
  });

  it("treats a CRLF checkout of an unedited file as unedited, and writes CRLF back", () => {
    const result = plan({ "a.txt": "x\ny\n" }, { "a.txt": "x\nz\n" }, { "a.txt": "x\r\ny\r\n" });
    expect(result.changes.find((c) => c.path === "a.txt")).toMatchObject({ kind: "update", content: "x\r\nz\r\n" });
  });
});
