/** writeNewProject: the project appears whole, or the folder is left exactly as it was. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ALLOWED_ENTRIES } from "../../src/engine/target.js";
import { Tree } from "../../src/engine/tree.js";
import { writeNewProject } from "../../src/engine/write-new.js";
import { CASES } from "../cases.js";
import { render } from "../helpers/render.js";
import { filesOf, filesOn, listing, tempDirs } from "../helpers/tmp.js";

const tempDir = tempDirs();

/** A tree whose second file cannot be written: its name is longer than any file system allows. */
function unwritableTree(): Tree {
  const tree = new Tree();
  tree.add("a.txt", "first\n");
  tree.add(`${"b".repeat(300)}.txt`, "never\n");
  return tree;
}

describe("writeNewProject", () => {
  it("writes every file with its mode into a new folder", async () => {
    const parent = tempDir();
    const tree = new Tree();
    tree.add("README.md", "# hi\n");
    tree.add("scripts/bootstrap.sh", "#!/usr/bin/env bash\n", 0o755);
    await writeNewProject(tree, join(parent, "app"));
    expect(filesOn(join(parent, "app"))).toEqual(filesOf(tree));
    expect(listing(parent).filter((line) => !line.startsWith("app"))).toEqual([]);
  });

  it("leaves nothing behind when a write fails in a new folder", async () => {
    const parent = tempDir();
    await expect(writeNewProject(unwritableTree(), join(parent, "app"))).rejects.toThrow(/ENAMETOOLONG/);
    expect(listing(parent)).toEqual([]);
  });

  it("leaves a folder holding only .git exactly as it was when a write fails", async () => {
    const parent = tempDir();
    mkdirSync(join(parent, "app", ".git"), { recursive: true });
    writeFileSync(join(parent, "app", ".git", "HEAD"), "ref: refs/heads/main\n");
    const before = listing(parent);
    await expect(writeNewProject(unwritableTree(), join(parent, "app"))).rejects.toThrow(/ENAMETOOLONG/);
    expect(listing(parent)).toEqual(before);
  });

  it("moves the files into a folder holding only .git, keeping the .git", async () => {
    const parent = tempDir();
    mkdirSync(join(parent, "app", ".git"), { recursive: true });
    writeFileSync(join(parent, "app", ".git", "HEAD"), "ref: refs/heads/main\n");
    const tree = new Tree();
    tree.add("package.json", "{}\n");
    await writeNewProject(tree, join(parent, "app"));
    expect(filesOn(join(parent, "app"))).toEqual(filesOf(tree));
    expect(listing(join(parent, "app", ".git"))).toHaveLength(1);
    expect(listing(parent).filter((line) => !line.startsWith("app"))).toEqual([]);
  });
});

describe("a failure in a new folder", () => {
  it("removes the folders it made for an absent target when a write fails: absent stays absent", async () => {
    const parent = tempDir();
    await expect(writeNewProject(unwritableTree(), join(parent, "a", "b", "app"))).rejects.toThrow(/ENAMETOOLONG/);
    expect(listing(parent)).toEqual([]);
  });
});

describe("taking a written project out again (an interrupt after the write)", () => {
  it("removes a new folder and the parent folders made for it", async () => {
    const parent = tempDir();
    const project = await writeNewProject(render({ name: "acme" }), join(parent, "a", "acme"));
    writeFileSync(join(parent, "a", "acme", "package-lock.json"), "{}\n");
    project.remove();
    expect(listing(parent)).toEqual([]);
  });

  it("removes everything added to an existing folder since, and leaves what was there", async () => {
    const parent = tempDir();
    mkdirSync(join(parent, "app", ".git"), { recursive: true });
    writeFileSync(join(parent, "app", "LICENSE"), "MIT\n");
    const before = listing(parent);
    const project = await writeNewProject(render({ name: "app" }), join(parent, "app"));
    mkdirSync(join(parent, "app", "node_modules", "fastify"), { recursive: true });
    project.remove();
    expect(listing(parent)).toEqual(before);
  });
});

describe("the entries a new project may be written beside", () => {
  it("are never generated at the top level of any case, so moving a project in cannot touch them", () => {
    for (const c of CASES) {
      const tops = new Set(
        render(c.spec)
          .paths()
          .map((path) => path.split("/")[0]),
      );
      expect(
        [...ALLOWED_ENTRIES].filter((entry) => tops.has(entry)),
        c.name,
      ).toEqual([]);
    }
  });
});
