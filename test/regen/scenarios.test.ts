/** Regenerate on real folders: spec changes × user edits, as issue 5 lists them. */
import { existsSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { afterEach, describe, expect, it } from "vitest";
import { BASE_PATH, MANIFEST_PATH, sha256 } from "../../src/engine/manifest.js";
import { MARKERS } from "../../src/engine/merge.js";
import { renderGenerated } from "../../src/engine/render-project.js";
import type { PartialSpec } from "../../src/spec/resolve.js";
import type { Spec } from "../../src/spec/schema.js";
import { generatorVersion } from "../../src/version.js";
import { generators, specFrom, templates } from "../helpers/render.js";
import { contentOf, editFile, editSpec, generate, read, regenerate, snapshot, tempDir } from "./helpers.js";

const SEED: PartialSpec = { name: "acme", regions: ["iad", "lhr", "nrt"], worker: { kind: "app" } };
const ENV_EDIT = ['  NODE_ENV = "production"\n', '  NODE_ENV = "production"\n  LOG_LEVEL = "debug"\n'] as const;

const dirs: string[] = [];
function project(answers: PartialSpec = SEED): string {
  const dir = tempDir("regen");
  dirs.push(dir);
  generate(dir, answers);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** What the project's spec file now generates, straight from the renderer. */
function expected(dir: string) {
  const spec = specFrom(JSON.parse(read(dir, "fly-ref-arch.json")));
  return renderGenerated(spec, { generators, templates, version: generatorVersion() });
}

describe("regenerate after a spec change", () => {
  it("adds a region: the README diagram gains it and the user's [env] line in fly.toml survives", async () => {
    const dir = project();
    editFile(dir, "fly.toml", ...ENV_EDIT);
    editSpec(dir, (spec) => spec.regions.push("syd"));

    const result = await regenerate(dir);

    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, "README.md")).toContain("edge --> web_syd");
    expect(read(dir, "README.md")).toBe(expected(dir).get("README.md")?.content);
    const flyToml = read(dir, "fly.toml");
    expect(parseToml(flyToml).env).toMatchObject({ NODE_ENV: "production", LOG_LEVEL: "debug" });
    // Every line the new render has is there too: nothing generated was dropped to keep the edit.
    for (const line of expected(dir).get("fly.toml")?.content.split("\n") ?? []) expect(flyToml).toContain(line);
    expect(result.stdout).toMatch(/^UPDATE +README\.md$/m);
    // Every file the user did not edit (bootstrap, workflows… whatever the tree holds) is the new render.
    for (const [path, file] of expected(dir).entries())
      if (path !== "fly.toml") expect(read(dir, path), path).toBe(file.content);
  });

  it("adds a region: the README's cost estimate becomes the new spec's, next to the user's own README lines", async () => {
    const dir = project();
    editFile(dir, "README.md", "## Develop\n", "## Develop\n\nOur team's notes stay.\n");
    const totalOf = (readme: string) => /^\| \*\*total\*\* \|.*\| \*\*(\$[\d.,]+)\*\* \|$/m.exec(readme)?.[1];
    const before = totalOf(read(dir, "README.md"));
    editSpec(dir, (spec) => spec.regions.push("syd"));

    const result = await regenerate(dir);

    expect(result.code, result.stderr).toBe(0);
    const readme = read(dir, "README.md");
    expect(readme).toContain("Our team's notes stay.");
    expect(readme).toMatch(/^\| `acme-web` \| 1 × shared-cpu-1x 512 MB \| syd \|/m);
    expect(totalOf(readme)).toBeDefined();
    expect(totalOf(readme)).not.toBe(before);
    expect(totalOf(readme)).toBe(totalOf(expected(dir).get("README.md")?.content ?? ""));
  });

  it("merges a generated change next to the user's edit in the same file (primary moves to lhr)", async () => {
    const dir = project();
    editFile(dir, "fly.toml", ...ENV_EDIT);
    editSpec(dir, (spec) => {
      spec.primaryRegion = "lhr";
      spec.database.replicaRegions = ["iad"];
    });

    const result = await regenerate(dir);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^MERGE +fly\.toml \(your edits kept\)$/m);
    const toml = parseToml(read(dir, "fly.toml")) as { primary_region: string; env: Record<string, string> };
    expect(toml.primary_region).toBe("lhr");
    expect(toml.env).toEqual({ NODE_ENV: "production", LOG_LEVEL: "debug", PORT: "3000", PRIMARY_REGION: "lhr" });
    // The merged file is recorded as edited against the new render, so the next run keeps the edit again.
    const manifest = JSON.parse(read(dir, MANIFEST_PATH));
    expect(manifest.files["fly.toml"].sha256).toBe(sha256(expected(dir).get("fly.toml")?.content ?? ""));
    expect(await regenerate(dir, "--check")).toMatchObject({ code: 0 });
  });

  it("worker app → process: an unedited fly.worker.toml is deleted and fly.toml gains the process group", async () => {
    const dir = project();
    editSpec(dir, (spec) => {
      spec.worker.kind = "process";
    });

    const result = await regenerate(dir);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^DELETE +fly\.worker\.toml$/m);
    expect(existsSync(join(dir, "fly.worker.toml"))).toBe(false);
    expect(parseToml(read(dir, "fly.toml")).processes).toEqual({
      web: "node --enable-source-maps dist/web/server.js",
      worker: "node --enable-source-maps dist/worker/main.js",
    });
    expect(JSON.parse(read(dir, MANIFEST_PATH)).files).not.toHaveProperty(["fly.worker.toml"]);
  });

  it("worker app → process: an edited fly.worker.toml is kept, reported once, and becomes the user's", async () => {
    const dir = project();
    editFile(dir, "fly.worker.toml", 'kill_timeout = "60s"', 'kill_timeout = "120s"');
    const edited = read(dir, "fly.worker.toml");
    editSpec(dir, (spec) => {
      spec.worker.kind = "process";
    });

    const result = await regenerate(dir);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^KEEP +fly\.worker\.toml \(edited\)/m);
    expect(read(dir, "fly.worker.toml")).toBe(edited);
    const again = await regenerate(dir);
    expect(again.stdout).not.toContain("fly.worker.toml");
    expect(read(dir, "fly.worker.toml")).toBe(edited);
  });

  it("worker process → app again: the kept fly.worker.toml merges with what was generated there last", async () => {
    const dir = project();
    editFile(dir, "fly.worker.toml", 'kill_timeout = "60s"', 'kill_timeout = "120s"');
    editSpec(dir, (spec) => {
      spec.worker.kind = "process";
    });
    expect((await regenerate(dir)).stdout).toMatch(/^KEEP +fly\.worker\.toml \(edited\)/m);
    // Another run in between, with the file still kept: its base must survive that run too.
    editSpec(dir, (spec) => spec.regions.push("syd"));
    expect((await regenerate(dir)).code).toBe(0);

    editSpec(dir, (spec) => {
      spec.worker.kind = "app";
      spec.worker.vm.memoryMb = 1024;
    });
    const result = await regenerate(dir);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^MERGE +fly\.worker\.toml \(your edits kept\)$/m);
    const generated = expected(dir).get("fly.worker.toml")?.content ?? "";
    expect(generated).toContain(`memory = "1024mb"`);
    expect(read(dir, "fly.worker.toml")).toBe(generated.replace('kill_timeout = "60s"', 'kill_timeout = "120s"'));
  });

  it("a kept file's base is dropped once the user deletes the file", async () => {
    const dir = project();
    editFile(dir, "fly.worker.toml", 'kill_timeout = "60s"', 'kill_timeout = "120s"');
    editSpec(dir, (spec) => {
      spec.worker.kind = "process";
    });
    await regenerate(dir);
    expect(JSON.parse(read(dir, BASE_PATH))).toHaveProperty(["fly.worker.toml"]);
    unlinkSync(join(dir, "fly.worker.toml"));
    editSpec(dir, (spec) => spec.regions.push("syd"));
    await regenerate(dir);
    expect(JSON.parse(read(dir, BASE_PATH))).not.toHaveProperty(["fly.worker.toml"]);
  });

  it("cache upstash → none: Redis leaves package.json and the README", async () => {
    const dir = project();
    expect(JSON.parse(read(dir, "package.json")).dependencies).toHaveProperty("ioredis");
    editSpec(dir, (spec) => {
      spec.cache.kind = "none";
    });

    const result = await regenerate(dir);

    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(read(dir, "package.json")).dependencies).not.toHaveProperty("ioredis");
    expect(read(dir, "README.md")).not.toContain("Upstash");
    for (const [path, file] of expected(dir).entries()) expect(read(dir, path), path).toBe(file.content);
  });

  it("staging and previews on, then previews off: their files come, --check passes, and the previews' go", async () => {
    const dir = project();
    editSpec(dir, (spec) => {
      Object.assign(spec, { environments: { staging: {} } });
      spec.previews = true;
    });
    const on = await regenerate(dir);
    expect(on.code, on.stderr).toBe(0);
    for (const path of [
      ".github/workflows/preview.yml",
      "fly.preview.toml",
      "fly.worker.preview.toml",
      "fly.staging.toml",
    ]) {
      expect(on.stdout).toMatch(new RegExp(`^CREATE +${path.replaceAll(".", "\\.")}$`, "m"));
    }
    for (const [path, file] of expected(dir).entries()) expect(read(dir, path), path).toBe(file.content);
    expect((await regenerate(dir, "--check")).code).toBe(0);

    editSpec(dir, (spec) => {
      spec.previews = false;
    });
    const off = await regenerate(dir);
    expect(off.code, off.stderr).toBe(0);
    for (const path of [".github/workflows/preview.yml", "fly.preview.toml", "fly.worker.preview.toml"]) {
      expect(existsSync(join(dir, path)), path).toBe(false);
    }
    expect(existsSync(join(dir, "fly.staging.toml"))).toBe(true);
    expect((await regenerate(dir, "--check")).code).toBe(0);
  });

  it("a line both sides changed becomes a labelled conflict block, reported, exit 1; resolving it settles", async () => {
    const dir = project();
    editFile(dir, "fly.toml", "internal_port = 3000", "internal_port = 8081");
    editSpec(dir, (spec) => {
      spec.web.port = 4000;
    });

    const result = await regenerate(dir);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^CONFLICT +fly\.toml \(1 conflict: resolve the <<<<<<< markers\)$/m);
    const text = read(dir, "fly.toml");
    const block = [MARKERS.yours, "  internal_port = 8081", MARKERS.base, "  internal_port = 3000", MARKERS.split];
    expect(text).toContain([...block, "  internal_port = 4000", MARKERS.generated].join("\n"));
    // Unrelated generated changes in the same file still landed (the PORT variable in [env]).
    expect(text).toContain('PORT = "4000"');

    // Left unresolved, it is still reported and still fails; resolved, everything is quiet.
    expect(await regenerate(dir)).toMatchObject({ code: 1, stdout: expect.stringMatching(/unresolved conflict/) });
    const resolved = text.replace(/<<<<<<< yours\n[\s\S]*?=======\n([\s\S]*?)>>>>>>> generated\n/, "$1");
    writeFileSync(join(dir, "fly.toml"), resolved);
    expect(parseToml(resolved)).toBeTruthy();
    expect(await regenerate(dir, "--check")).toMatchObject({ code: 0 });
  });

  it("a file the user deleted is not recreated, even when its content changes, unless --restore", async () => {
    const dir = project();
    unlinkSync(join(dir, "fly.worker.toml"));
    editSpec(dir, (spec) => {
      spec.primaryRegion = "lhr";
      spec.database.replicaRegions = [];
    });

    const result = await regenerate(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^SKIP +fly\.worker\.toml \(user deleted\)/m);
    expect(existsSync(join(dir, "fly.worker.toml"))).toBe(false);
    expect(await regenerate(dir, "--check")).toMatchObject({ code: 0 });

    const restored = await regenerate(dir, "--restore", "fly.worker.toml");
    expect(restored.stdout).toMatch(/^CREATE +fly\.worker\.toml \(restored\)$/m);
    expect(read(dir, "fly.worker.toml")).toBe(expected(dir).get("fly.worker.toml")?.content);
  });

  it("refuses --restore of a path the spec does not generate", async () => {
    const dir = project();
    const result = await regenerate(dir, "--restore", "notes.md");
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--restore notes.md: not a file that fly-ref-arch.json generates");
  });

  it("a user's own file at a newly generated path is merged with an empty base, not overwritten", async () => {
    const dir = project({ ...SEED, worker: { kind: "process" } });
    writeFileSync(join(dir, "fly.worker.toml"), '# my own worker config\napp = "mine"\n');
    editSpec(dir, (spec) => {
      spec.worker.kind = "app";
    });

    const result = await regenerate(dir);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^CONFLICT +fly\.worker\.toml/m);
    expect(read(dir, "fly.worker.toml")).toContain('app = "mine"');
    expect(read(dir, "fly.worker.toml")).toContain('app = "acme-worker"');
  });
});

describe("regenerate without a spec change", () => {
  it("writes nothing: every mtime stays, edited files included", async () => {
    const dir = project();
    editFile(dir, "fly.toml", ...ENV_EDIT);
    writeFileSync(join(dir, "notes.md"), "mine\n");
    const before = snapshot(dir);

    const result = await regenerate(dir);

    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain("Up to date");
    expect(snapshot(dir)).toEqual(before);
  });

  it("leaves metadata a formatter re-indented alone", async () => {
    const dir = project();
    const manifest = JSON.stringify(JSON.parse(read(dir, MANIFEST_PATH)), null, 4);
    writeFileSync(join(dir, MANIFEST_PATH), manifest);
    const result = await regenerate(dir, "--check");
    expect(result.code, result.stdout).toBe(0);
  });

  it("writes the same metadata a fresh create writes, so create → regenerate is a no-op byte for byte", async () => {
    const dir = project();
    const fresh = contentOf(dir);
    rmSync(join(dir, BASE_PATH));
    await regenerate(dir);
    expect(contentOf(dir)).toEqual(fresh);
  });
});

describe("regenerate refuses bad input and writes nothing", () => {
  it("an invalid spec: exit 2 naming each problem by its JSON path", async () => {
    const dir = project();
    editSpec(dir, (spec) => {
      spec.regions.push("xyz" as Spec["primaryRegion"]);
      spec.web.port = 80;
    });
    const before = snapshot(dir);

    const result = await regenerate(dir);

    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/fly-ref-arch\.json: regions\[3\]: /);
    expect(result.stderr).toMatch(/fly-ref-arch\.json: web\.port: 80 is too small/);
    expect(snapshot(dir)).toEqual(before);
  });

  it("a section of the wrong shape: exit 2 naming it, not filled in with defaults", async () => {
    for (const database of [[], "postgres"]) {
      const dir = project();
      editSpec(dir, (spec) => {
        (spec as unknown as Record<string, unknown>).database = database;
      });
      const before = snapshot(dir);

      const result = await regenerate(dir);

      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/fly-ref-arch\.json: database: expected an object, got /);
      expect(result.stderr).not.toMatch(/unknown field/);
      expect(snapshot(dir)).toEqual(before);
    }
  });

  it("a manifest path that leaves the project, lexically or through a symlink", async () => {
    const outside = tempDir("outside");
    dirs.push(outside);
    writeFileSync(join(outside, "bootstrap.sh"), "keep me\n");
    const cases = [
      { path: "../bootstrap.sh", refusal: /"\.\.\/bootstrap\.sh" is not a file create-fly-ref-arch generates/ },
      { path: "scripts/bootstrap.sh", refusal: /refusing scripts\/bootstrap\.sh: [a-z/.]+ leads outside the project/ },
    ];
    for (const { path, refusal } of cases) {
      const dir = project();
      rmSync(join(dir, "scripts"), { recursive: true });
      symlinkSync(outside, join(dir, "scripts"));
      const manifest = JSON.parse(read(dir, MANIFEST_PATH));
      manifest.files[path] = { sha256: sha256("keep me\n") };
      writeFileSync(join(dir, MANIFEST_PATH), JSON.stringify(manifest));
      const before = snapshot(dir);

      const result = await regenerate(dir);

      expect(result.code, path).toBe(2);
      expect(result.stderr).toMatch(refusal);
      expect(snapshot(dir)).toEqual(before);
      expect(read(outside, "bootstrap.sh")).toBe("keep me\n");
    }
  });

  it("a missing manifest", async () => {
    const dir = project();
    rmSync(join(dir, MANIFEST_PATH));
    mkdirSync(join(dir, ".fly-ref-arch"), { recursive: true });
    const result = await regenerate(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(".fly-ref-arch/manifest.json is missing");
  });
});
