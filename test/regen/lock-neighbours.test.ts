/**
 * The lock against other users of the machine: the system's temporary folder is shared, so another
 * account (here `nobody`, through setpriv) plants what it likes there before root regenerates:
 * symlinks at every name a lock file could take, a lock "held" by pid 1 until 2999, or the lock
 * folder itself. None may redirect a write, hold the project, or be used.
 */

import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  chownSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AS_NOBODY, cliNobodyCanRun, NOBODY } from "../helpers/as-nobody.js";
import { CLI } from "../helpers/cli.js"; // built once for every suite by test/global-setup.ts
import { listing } from "../helpers/tmp.js";
import { editSpec, generate, read, runCli } from "./helpers.js";

const NOBODY_CLI = cliNobodyCanRun();

// Everyone may enter the shared folder; its tmp/ is what /tmp is: world-writable and sticky.
const shared = mkdtempSync("/tmp/fly-ref-arch-neighbours-");
chmodSync(shared, 0o755);
afterAll(() => rmSync(shared, { recursive: true, force: true }));
let count = 0;

function sharedTmp(): string {
  const tmp = join(shared, `tmp${count++}`);
  mkdirSync(tmp);
  chmodSync(tmp, 0o1777);
  return tmp;
}

/** A file only root may write, which the attacker points its links at. */
function victim(): string {
  const path = join(shared, `victim${count++}`);
  writeFileSync(path, "precious\n", { mode: 0o644 });
  return path;
}

function projectWithChanges(owner?: number): string {
  const dir = join(shared, `app${count++}`);
  generate(dir, { name: "neighbours", regions: ["iad", "lhr"] });
  editSpec(dir, (spec) => spec.regions.push("syd"));
  if (owner !== undefined) execFileSync("chown", ["-R", `${owner}:${owner}`, dir]);
  return dir;
}

/** Runs a script of node as `nobody`, with `args` as process.argv[1…]. */
function asNobody(script: string, ...args: string[]): number | null {
  const result = spawnSync("setpriv", [...AS_NOBODY, process.execPath, "-e", script, "--", ...args], {
    encoding: "utf8",
  });
  return result.status;
}

/** What the lock was called before: `<tmpdir>/create-fly-ref-arch-<uid>-<hash>.lock`, and `.<pid>` for its temporary file. */
function oldLockName(tmp: string, dir: string): string {
  const hash = createHash("sha256").update(realpathSync(dir)).digest("hex").slice(0, 16);
  return join(tmp, `create-fly-ref-arch-0-${hash}.lock`);
}

/** The next 5000 pids the kernel hands out (all of them where pid_max is small): as an attacker would guess. */
const PLANT_LINKS = `
const fs = require("node:fs");
const [lock, target] = process.argv.slice(1);
const max = Number(fs.readFileSync("/proc/sys/kernel/pid_max", "utf8"));
const last = Number(fs.readFileSync("/proc/sys/kernel/ns_last_pid", "utf8"));
for (let i = 1; i <= Math.min(5000, max - 1); i++) fs.symlinkSync(target, lock + "." + (((last + i - 1) % max) + 1));
`;

const PLANT_LOCK = `
require("node:fs").writeFileSync(process.argv[1], JSON.stringify({ pid: 1, since: "2999-01-01T00:00:00Z" }));
`;

describe("the regenerate lock and other users of the machine", () => {
  it("another user's symlinks at the temporary names of the next pids redirect nothing", () => {
    const tmp = sharedTmp();
    const target = victim();
    const dir = projectWithChanges();
    expect(asNobody(PLANT_LINKS, oldLockName(tmp, dir), target)).toBe(0);

    const result = runCli(CLI, ["regenerate", dir], dir, { TMPDIR: tmp });

    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, "README.md")).toContain("syd");
    expect(readFileSync(target, "utf8")).toBe("precious\n");
  });

  it("another user's lock held by pid 1 until 2999 does not block the project", () => {
    const tmp = sharedTmp();
    const dir = projectWithChanges();
    expect(asNobody(PLANT_LOCK, oldLockName(tmp, dir))).toBe(0);

    const result = runCli(CLI, ["regenerate", dir], dir, { TMPDIR: tmp });

    expect(result.code, result.stderr).toBe(0);
    expect(read(dir, "README.md")).toContain("syd");
  });

  it("the lock folder is root's own, 0700: nobody can plant anything in it", () => {
    const tmp = sharedTmp();
    const dir = projectWithChanges();
    expect(runCli(CLI, ["regenerate", dir], dir, { TMPDIR: tmp }).code).toBe(0);
    const folder = join(tmp, "create-fly-ref-arch-0");
    const stats = statSync(folder);
    expect(stats.uid).toBe(0);
    expect(stats.mode & 0o7777).toBe(0o700);
    expect(asNobody(PLANT_LOCK, join(folder, "planted.lock"))).not.toBe(0);
  });

  it("a lock folder another user made first is refused, naming its owner; nothing written, nothing followed", () => {
    const tmp = sharedTmp();
    const target = victim();
    const dir = projectWithChanges();
    const folder = join(tmp, "create-fly-ref-arch-0");
    const plantFolder = `
const fs = require("node:fs");
const [folder, target] = process.argv.slice(1);
fs.mkdirSync(folder, { mode: 0o700 });
for (let i = 0; i < 64; i++) fs.symlinkSync(target, folder + "/link" + i);
`;
    expect(asNobody(plantFolder, folder, target)).toBe(0);
    const before = listing(dir);

    const result = runCli(CLI, ["regenerate", dir], dir, { TMPDIR: tmp });

    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: the lock folder ${folder} belongs to uid ${NOBODY}, not to you (uid 0); remove it, or set TMPDIR to a folder of your own\n` +
        "error: Nothing written.\n",
    );
    expect(listing(dir)).toEqual(before);
    expect(readFileSync(target, "utf8")).toBe("precious\n");
  });

  it("runs as an unprivileged user in its own project, with its own lock folder", () => {
    const tmp = sharedTmp();
    const dir = projectWithChanges(NOBODY);
    const result = spawnSync("setpriv", [...AS_NOBODY, process.execPath, NOBODY_CLI, "regenerate", dir], {
      cwd: dir,
      env: { PATH: process.env.PATH, TMPDIR: tmp },
      encoding: "utf8",
    });
    expect(result.status, result.stderr).toBe(0);
    expect(read(dir, "README.md")).toContain("syd");
    const stats = statSync(join(tmp, `create-fly-ref-arch-${NOBODY}`));
    expect([stats.uid, stats.mode & 0o7777]).toEqual([NOBODY, 0o700]);
  });

  it("a lock folder open to others is refused", () => {
    const tmp = sharedTmp();
    const dir = projectWithChanges();
    const folder = join(tmp, "create-fly-ref-arch-0");
    mkdirSync(folder);
    chmodSync(folder, 0o755);
    chownSync(folder, 0, 0);
    const result = runCli(CLI, ["regenerate", dir], dir, { TMPDIR: tmp });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`the lock folder ${folder} is open to others (mode 755; 700 is required)`);
  });

  it("a missing TMPDIR: a clear error, not a raw ENOENT", () => {
    const dir = projectWithChanges();
    const result = runCli(CLI, ["regenerate", dir], dir, { TMPDIR: join(shared, "no-such-folder") });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      `error: the temporary folder ${join(shared, "no-such-folder")} does not exist; set TMPDIR to a folder of your own\n` +
        "error: Nothing written.\n",
    );
  });
});
