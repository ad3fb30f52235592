/** One regenerate at a time: a lock keeps a second run out, and a dead run's lock is taken over. */
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { lockFolder, lockPathFor } from "../../src/engine/lock.js";
import { editFile, editSpec, generate, read, regenerate, snapshot, tempDir } from "./helpers.js";

const root = tempDir("lock");
let count = 0;
const sleepers: ChildProcess[] = [];
const planted: string[] = [];

afterEach(() => {
  for (const sleeper of sleepers.splice(0)) sleeper.kill("SIGKILL");
  for (const lock of planted.splice(0)) rmSync(lock, { force: true });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A generated project whose spec gained a region, so a regenerate has files to change. */
function projectWithChanges(): string {
  const dir = join(root, `app${count++}`);
  generate(dir, { name: "locked", regions: ["iad", "lhr"] });
  editSpec(dir, (spec) => spec.regions.push("syd"));
  return dir;
}

/** Leaves a lock as the run `pid` would, started `since` (a minute ago unless given), or `text` as it is. */
function plantLock(dir: string, content: { pid: number | undefined; since?: string } | string): string {
  const lock = lockPathFor(dir);
  planted.push(lock);
  mkdirSync(lockFolder(), { recursive: true, mode: 0o700 });
  const since = new Date(Date.now() - 60_000).toISOString();
  writeFileSync(lock, typeof content === "string" ? content : JSON.stringify({ since, ...content }));
  return lock;
}

function running(): ChildProcess {
  const sleeper = spawn("sleep", ["60"]);
  sleepers.push(sleeper);
  return sleeper;
}

/** The pid of a process that has already exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid as number;
}

describe("the regenerate lock", () => {
  it("keeps a second run out while the first is running: exit 1, the holder named, nothing written", async () => {
    const dir = projectWithChanges();
    const holder = running();
    const since = new Date(Date.now() - 5_000).toISOString();
    const lock = plantLock(dir, { pid: holder.pid, since });
    const before = snapshot(dir);

    const result = await regenerate(dir);

    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      `error: another regenerate is running in this project (pid ${holder.pid}, since ${since}); ` +
        `nothing written. If none is, remove ${lock} and run again.\n`,
    );
    expect(snapshot(dir)).toEqual(before);
    expect(existsSync(lock)).toBe(true);
  });

  it("is per project: a lock on another project does not hold this one", async () => {
    const other = projectWithChanges();
    plantLock(other, { pid: running().pid });
    const dir = projectWithChanges();
    expect((await regenerate(dir)).code).toBe(0);
  });

  it("takes over the lock of a run that died, applies the changes, and releases it", async () => {
    const dir = projectWithChanges();
    const lock = plantLock(dir, { pid: deadPid() });

    const result = await regenerate(dir);

    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, "README.md")).toContain("syd");
    expect(existsSync(lock)).toBe(false);
    expect(await regenerate(dir, "--check")).toMatchObject({ code: 0 });
  });

  it("takes over a lock older than any run lasts, though its pid now names a live process", async () => {
    const dir = projectWithChanges();
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const lock = plantLock(dir, { pid: running().pid, since: hourAgo });
    expect((await regenerate(dir)).code).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it("does not take over a lock it cannot read", async () => {
    const dir = projectWithChanges();
    plantLock(dir, "");
    const result = await regenerate(dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("another regenerate is running in this project (an unreadable lock)");
  });

  it("does not trust a start in the future: pid 1 'since 2999' is taken over", async () => {
    const dir = projectWithChanges();
    const lock = plantLock(dir, { pid: 1, since: "2999-01-01T00:00:00Z" });
    const result = await regenerate(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(lock)).toBe(false);
  });

  it("does not obey a lock another user owns, though its holder runs", async () => {
    const dir = projectWithChanges();
    const lock = plantLock(dir, { pid: running().pid });
    chownSync(lock, 65534, 65534);
    const result = await regenerate(dir);
    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, "README.md")).toContain("syd");
  });

  it("obeys an unreadable lock only for ten minutes from its mtime, not for ever", async () => {
    const dir = projectWithChanges();
    const lock = plantLock(dir, "");
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(lock, hourAgo, hourAgo);
    const result = await regenerate(dir);
    expect(result.code, result.stderr).toBe(0);
  });

  it("is released after a run that ends in conflicts", async () => {
    const dir = projectWithChanges();
    editFile(dir, "fly.toml", "internal_port = 3000", "internal_port = 8081");
    editSpec(dir, (spec) => {
      spec.web.port = 4000;
    });
    expect((await regenerate(dir)).code).toBe(1);
    expect(read(dir, "fly.toml")).toContain("<<<<<<<");
    expect(existsSync(lockPathFor(dir))).toBe(false);
  });

  it("is not needed by --check and --dry-run, which only read", async () => {
    const dir = projectWithChanges();
    plantLock(dir, { pid: running().pid });
    expect((await regenerate(dir, "--check")).code).toBe(1);
    const dry = await regenerate(dir, "--dry-run");
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^UPDATE +README\.md$/m);
  });
});
