/**
 * Repository data written by someone with a commit, not by us: a journal, manifest or base.json
 * that names a path the generator never writes (`.git/hooks/pre-commit`, `.git/HEAD`, a user's
 * NOTES.md), asks for a setuid mode, or is no file at all. Each is refused with exit 2 naming the
 * file and the field, and the project, `.git/` included, is left exactly as it was.
 */
import { execFileSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { JOURNAL_PATH } from "../../src/engine/journal.js";
import { BASE_PATH, MANIFEST_PATH, sha256 } from "../../src/engine/manifest.js";
import { SPEC_FILE } from "../../src/spec/schema.js";
import { runCli } from "../helpers/cli.js";
import { listing } from "../helpers/tmp.js";
import { editSpec, generate, read, regenerate, tempDir } from "./helpers.js";

const root = tempDir("hostile-data");
let count = 0;
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A generated project in a git repository. */
function project(): string {
  const dir = join(root, `p${count++}`);
  generate(dir, { name: "hostile", regions: ["iad", "lhr"] });
  execFileSync("git", ["init", "-q", dir]);
  return dir;
}

function writeJson(dir: string, path: string, value: unknown): void {
  mkdirSync(join(dir, ".fly-ref-arch"), { recursive: true });
  writeFileSync(join(dir, path), JSON.stringify(value));
}

const hook = "#!/bin/sh\ntouch PWNED\n";
const entry = (fields: Record<string, unknown>) => ({
  kind: "create",
  path: "README.md",
  before: null,
  content: hook,
  mode: 0o644,
  conflicts: 0,
  ...fields,
});

/** Runs regenerate and --check; both must refuse with exit 2 and leave every byte and mode in place. */
async function expectRefused(dir: string, ...messages: (string | RegExp)[]): Promise<void> {
  const before = listing(dir);
  for (const args of [[], ["--check"], ["--dry-run"]]) {
    const result = await regenerate(dir, ...args);
    expect(result.code, `${args.join(" ")}: ${result.stderr}`).toBe(2);
    for (const message of messages) expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/Cannot read properties|TypeError|\n +at /);
    expect(result.stdout).not.toMatch(/^(CREATE|UPDATE|DELETE) /m);
    expect(listing(dir)).toEqual(before);
  }
}

describe("a committed journal cannot make regenerate write where the generator never writes", () => {
  it("a git hook: refused, not 'finished'; --check does not show a pending CREATE", async () => {
    const dir = project();
    writeJson(dir, JOURNAL_PATH, { journal: 1, changes: [entry({ path: ".git/hooks/pre-commit", mode: 493 })] });
    await expectRefused(
      dir,
      `error: ${JOURNAL_PATH}: changes[0].path: ".git/hooks/pre-commit" is inside .git/, which regenerate never touches; refusing`,
    );
    expect(existsSync(join(dir, ".git/hooks/pre-commit"))).toBe(false);
  });

  it("a setuid mode on a generated file: refused, naming the mode and the modes allowed", async () => {
    const dir = project();
    const current = read(dir, "scripts/bootstrap.sh");
    const change = entry({ kind: "update", path: "scripts/bootstrap.sh", before: sha256(current), mode: 2541 });
    writeJson(dir, JOURNAL_PATH, { journal: 1, changes: [change] });
    await expectRefused(dir, `${JOURNAL_PATH}: changes[0].mode: 2541 is not allowed; allowed: 420 (0644), 493 (0755)`);
    expect(statSync(join(dir, "scripts/bootstrap.sh")).mode & 0o7777).toBe(0o755);
  });

  it("a path no spec generates (a user's NOTES.md), or one outside the project", async () => {
    for (const path of ["NOTES.md", "../outside.txt", "src/lib/evil.ts"]) {
      const dir = project();
      writeJson(dir, JOURNAL_PATH, { journal: 1, changes: [entry({ path })] });
      await expectRefused(dir, `changes[0].path: ${JSON.stringify(path)} is not a file create-fly-ref-arch generates`);
    }
  });

  it('{"changes":[null]} and other shapes: exit 2 naming each field, not a TypeError', async () => {
    const dir = project();
    writeJson(dir, JOURNAL_PATH, { changes: [null] });
    await expectRefused(
      dir,
      `${JOURNAL_PATH}: journal: is required`,
      `${JOURNAL_PATH}: changes[0]: expected object, got null`,
    );
    writeJson(dir, JOURNAL_PATH, { journal: 1, changes: [entry({ kind: "delete", extra: 1 })] });
    await expectRefused(dir, "changes[0].extra: unknown field", "changes[0].content: a delete has no content (null)");
    writeFileSync(join(dir, JOURNAL_PATH), "[".repeat(100_000));
    await expectRefused(dir, `${JOURNAL_PATH} nests deeper than 64 levels; refusing`);
  });

  it("an entry whose before does not match the disk is refused: finishing it would overwrite what is there", async () => {
    const dir = project();
    const change = entry({ kind: "update", path: "README.md", before: sha256("some other text\n") });
    writeJson(dir, JOURNAL_PATH, { journal: 1, changes: [change] });
    await expectRefused(dir, `an interrupted regenerate left ${JOURNAL_PATH}, but README.md changed since`);
  });

  it("a manifest it would write that names .git/HEAD is refused before anything is written", async () => {
    const dir = project();
    const manifest = JSON.parse(read(dir, MANIFEST_PATH));
    manifest.files[".git/HEAD"] = { sha256: sha256(read(dir, ".git/HEAD")) };
    const change = entry({
      kind: "update",
      path: MANIFEST_PATH,
      before: sha256(read(dir, MANIFEST_PATH)),
      content: JSON.stringify(manifest),
      metadata: true,
    });
    writeJson(dir, JOURNAL_PATH, { journal: 1, changes: [change] });
    await expectRefused(dir, `changes[0].content: is not a valid ${MANIFEST_PATH}`);
  });

  it("the generated .gitignore keeps the journal out of commits", () => {
    const dir = project();
    const ignored = execFileSync("git", ["-C", dir, "check-ignore", JOURNAL_PATH], { encoding: "utf8" });
    expect(ignored.trim()).toBe(JOURNAL_PATH);
  });
});

describe("a manifest or base.json cannot make regenerate delete or write files it never generates", () => {
  it("the right hash of .git/HEAD or of a user's NOTES.md deletes nothing: exit 2", async () => {
    for (const path of [".git/HEAD", "NOTES.md"]) {
      const dir = project();
      if (path === "NOTES.md") writeFileSync(join(dir, path), "my notes\n");
      const manifest = JSON.parse(read(dir, MANIFEST_PATH));
      manifest.files[path] = { sha256: sha256(read(dir, path)) };
      writeJson(dir, MANIFEST_PATH, manifest);
      await expectRefused(dir, `error: ${MANIFEST_PATH}: files: ${JSON.stringify(path)} is`);
      expect(existsSync(join(dir, path))).toBe(true);
    }
  });

  it("a manifest of the wrong shape names every bad field", async () => {
    const dir = project();
    writeJson(dir, MANIFEST_PATH, { generator: "x", version: "1", files: { "README.md": { sha256: "abc" } } });
    await expectRefused(
      dir,
      `${MANIFEST_PATH}: generator: "x" is not allowed`,
      `${MANIFEST_PATH}: version: "1" is not a version`,
      `${MANIFEST_PATH}: files["README.md"].sha256: "abc" is not a sha256`,
    );
  });

  it("base.json: a path never generated, or a value that is not text", async () => {
    const dir = project();
    const bases = JSON.parse(read(dir, BASE_PATH));
    writeJson(dir, BASE_PATH, { ...bases, ".git/config": "[core]\n" });
    await expectRefused(dir, `${BASE_PATH}: ".git/config" is inside .git/`);
    writeJson(dir, BASE_PATH, { ...bases, "README.md": 42 });
    await expectRefused(dir, `${BASE_PATH}: ["README.md"]: expected string, got 42`);
  });
});

describe("project files are regular files of sane size", () => {
  it("fly-ref-arch.json -> /dev/zero: --check refuses at once instead of reading for ever", async () => {
    const dir = project();
    rmSync(join(dir, SPEC_FILE));
    symlinkSync("/dev/zero", join(dir, SPEC_FILE));
    const result = await runCli(["regenerate", dir, "--check"], { cwd: dir });
    expect(result.timedOut).toBe(false);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain(`refusing ${SPEC_FILE}: ${SPEC_FILE} leads outside the project`);
  });

  it("fly-ref-arch.json as a symlink to a regular file outside the project is refused like any project file", async () => {
    const dir = project();
    const outside = join(root, `spec-${count++}.json`);
    writeFileSync(outside, readFileSync(join(dir, SPEC_FILE)));
    rmSync(join(dir, SPEC_FILE));
    symlinkSync(outside, join(dir, SPEC_FILE));
    await expectRefused(dir, `refusing ${SPEC_FILE}: ${SPEC_FILE} leads outside the project`);
  });

  it("a FIFO at a generated path, or at the spec: exit 2 naming it, no hang", async () => {
    for (const path of ["README.md", SPEC_FILE, MANIFEST_PATH]) {
      const dir = project();
      editSpec(dir, (spec) => spec.regions.push("syd"));
      rmSync(join(dir, path));
      execFileSync("mkfifo", [join(dir, path)]);
      const result = await runCli(["regenerate", dir], { cwd: dir });
      expect(result.timedOut, path).toBe(false);
      expect(result.exitCode, result.stderr).toBe(2);
      expect(result.stderr).toContain(`error: ${path} is a FIFO, not a regular file; refusing`);
    }
  });

  it("a folder where a generated file belongs: exit 2 naming it", async () => {
    const dir = project();
    rmSync(join(dir, "fly.toml"));
    mkdirSync(join(dir, "fly.toml"));
    await expectRefused(dir, "error: fly.toml is a folder, not a regular file; refusing");
  });

  it("a committed symlink at a temporary file's name redirects nothing: the file is created anew", async () => {
    const dir = project();
    const victim = join(root, `victim-${count++}`);
    writeFileSync(victim, "precious\n");
    editSpec(dir, (spec) => spec.regions.push("syd"));
    symlinkSync(victim, join(dir, ".README.md.fly-ref-arch-tmp"));
    const result = await regenerate(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(victim, "utf8")).toBe("precious\n");
    expect(lstatSync(join(dir, "README.md")).isFile()).toBe(true);
    expect(read(dir, "README.md")).toContain("syd");
  });

  it("a folder where a temporary file goes is refused before anything is written", async () => {
    const dir = project();
    editSpec(dir, (spec) => spec.regions.push("syd"));
    mkdirSync(join(dir, ".README.md.fly-ref-arch-tmp"));
    await expectRefused(dir, "error: .README.md.fly-ref-arch-tmp is a folder where regenerate writes a temporary file");
  });

  it("caps: a spec over 1 MiB or 100,000 levels deep, a base.json over 8 MiB", async () => {
    const dir = project();
    const spec = read(dir, SPEC_FILE);
    writeFileSync(join(dir, SPEC_FILE), spec.replace("{", `{"$schema": "${"x".repeat(1024 * 1024)}",`));
    await expectRefused(dir, `error: ${SPEC_FILE} is larger than 1 MiB; refusing`);
    writeFileSync(join(dir, SPEC_FILE), `{"regions": ${"[".repeat(100_000)}`);
    await expectRefused(dir, `error: ${SPEC_FILE} nests deeper than 64 levels; refusing`);
    writeFileSync(join(dir, SPEC_FILE), spec);
    writeJson(dir, BASE_PATH, { "README.md": "x".repeat(8 * 1024 * 1024) });
    await expectRefused(dir, `error: ${BASE_PATH} is larger than 8 MiB; refusing`);
  });

  it("a rewritten file keeps only git's modes: an executable stays 0755, a 0600 or setgid one becomes 0644", async () => {
    const dir = project();
    chmodSync(join(dir, "README.md"), 0o2600);
    editSpec(dir, (spec) => spec.regions.push("syd"));
    const result = await regenerate(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, "README.md")).toContain("syd");
    expect(statSync(join(dir, "README.md")).mode & 0o7777).toBe(0o644);
    expect(statSync(join(dir, "scripts/bootstrap.sh")).mode & 0o7777).toBe(0o755);
  });
});
