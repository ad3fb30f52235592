import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { BASE_PATH, MANIFEST_PATH, sha256 } from "../src/engine/manifest.js";
import { Tree } from "../src/engine/tree.js";
import { writeNewProject } from "../src/engine/write-new.js";
import { SPEC_FILE } from "../src/spec/schema.js";
import { render } from "./helpers/render.js";

describe("renderProject", () => {
  it("is deterministic: the same spec gives byte-identical trees", () => {
    const a = render({ name: "acme" });
    const b = render({ name: "acme" });
    expect(a.entries()).toEqual(b.entries());
  });

  it("records every generated file's hash in the manifest, but not the spec or the manifest itself", () => {
    const tree = render({ name: "acme" });
    const manifest = JSON.parse(tree.get(MANIFEST_PATH)?.content ?? "{}");
    const generated = tree.paths().filter((p) => p !== MANIFEST_PATH && p !== BASE_PATH && p !== SPEC_FILE);
    expect(Object.keys(manifest.files).sort()).toEqual(generated);
    for (const path of generated) expect(manifest.files[path].sha256).toBe(sha256(tree.get(path)?.content ?? ""));
  });

  it("writes the resolved spec with a $schema editors can complete from", () => {
    const spec = JSON.parse(render({ name: "acme" }).get(SPEC_FILE)?.content ?? "{}");
    expect(spec.$schema).toBe("./node_modules/create-fly-ref-arch/schema.json");
    expect(spec.database.replicaRegions).toEqual(["lhr"]);
  });

  it("emits fly.worker.toml only for a worker app", () => {
    expect(render({ name: "acme", worker: { kind: "app" } }).has("fly.worker.toml")).toBe(true);
    expect(render({ name: "acme", worker: { kind: "process" } }).has("fly.worker.toml")).toBe(false);
    expect(render({ name: "acme", worker: { kind: "none" } }).has("fly.worker.toml")).toBe(false);
  });
});

describe("Tree", () => {
  it("refuses paths that leave the project and two writers of one path", () => {
    const tree = new Tree();
    for (const bad of ["../x", "/etc/passwd", "a/../../b", "a//b", ""])
      expect(() => tree.add(bad, "")).toThrow(/unsafe path/);
    tree.add("a.txt", "1");
    expect(() => tree.add("a.txt", "2")).toThrow(/two generators/);
  });

  it("refuses a file where another file needs a folder, in either order", () => {
    const tree = new Tree();
    tree.add("src/lib/db.ts", "");
    expect(() => tree.add("src/lib", "")).toThrow(/both a file and a folder/);
    expect(() => tree.add("src", "")).toThrow(/both a file and a folder/);
    tree.add("README.md", "");
    expect(() => tree.add("README.md/x", "")).toThrow(/needs README.md to be a folder/);
    tree.add("src/lib/cache.ts", "");
    expect(tree.paths()).toEqual(["README.md", "src/lib/cache.ts", "src/lib/db.ts"]);
  });
});

describe("the generated .gitattributes", () => {
  it("marks create-fly-ref-arch's bookkeeping as generated for git, and nothing else", async () => {
    const dir = join(mkdtempSync(join(tmpdir(), "cfra-attrs-")), "acme");
    try {
      await writeNewProject(render({ name: "acme" }), dir);
      await execa("git", ["init", "--quiet"], { cwd: dir });
      const attr = (path: string) =>
        execa("git", ["check-attr", "linguist-generated", "--", path], { cwd: dir }).then((r) => r.stdout);
      expect(await attr(BASE_PATH)).toBe(`${BASE_PATH}: linguist-generated: true`);
      expect(await attr(MANIFEST_PATH)).toBe(`${MANIFEST_PATH}: linguist-generated: true`);
      expect(await attr("fly.toml")).toBe("fly.toml: linguist-generated: unspecified");
    } finally {
      rmSync(dirname(dir), { recursive: true, force: true });
    }
  });
});
