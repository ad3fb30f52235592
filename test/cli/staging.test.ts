/**
 * Where create stages a project: on the target's own file system, inside an existing target, so a
 * parent the user cannot write (here as `nobody`, through setpriv) and a mount point (a tmpfs) both
 * work; and what it says when moving the project in fails and undoing that fails too (failures
 * injected with strace).
 */
import { spawnSync } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { AS_NOBODY, cliNobodyCanRun, NOBODY } from "../helpers/as-nobody.js";
import { CLI, PINNED_ENV } from "../helpers/cli.js"; // built once for every suite by test/global-setup.ts
import { render } from "../helpers/render.js";
import { filesOf, filesOn, listing } from "../helpers/tmp.js";

const NOBODY_CLI = cliNobodyCanRun();
const QUIET = ["--yes", "--no-install", "--no-git"];

// Everyone may enter this folder, and only root may write in it: the parent of the targets below.
const parent = mkdtempSync("/tmp/fly-ref-arch-staging-");
chmodSync(parent, 0o755);
afterAll(() => rmSync(parent, { recursive: true, force: true }));
let count = 0;

function emptyTarget(owner?: number): string {
  const dir = join(parent, `app${count++}`);
  mkdirSync(dir);
  if (owner !== undefined) chownSync(dir, owner, owner);
  return dir;
}

function run(command: string[], cwd: string) {
  const env = Object.fromEntries(
    Object.entries({ ...process.env, ...PINNED_ENV }).filter((entry): entry is [string, string] => !!entry[1]),
  );
  return spawnSync(command[0] as string, command.slice(1), { cwd, env, encoding: "utf8", timeout: 30_000 });
}

/** Why a tmpfs cannot be mounted here, or undefined when it can (mounted and unmounted once to find out). */
function mountProblem(): string | undefined {
  const probe = emptyTarget();
  const mounted = spawnSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", probe], { encoding: "utf8" });
  if (mounted.status !== 0) return `mount -t tmpfs is not permitted here: ${mounted.stderr.trim() || mounted.error}`;
  spawnSync("umount", [probe]);
  return undefined;
}
const cannotMount = mountProblem();

describe("create stages on the target's own file system", () => {
  it("writes `create .` into an empty folder whose parent the user cannot write", () => {
    const target = emptyTarget(NOBODY);
    const result = run(["setpriv", ...AS_NOBODY, process.execPath, NOBODY_CLI, ".", ...QUIET], target);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    expect(filesOn(target)).toEqual(filesOf(render({ name: basename(target) })));
    expect(listing(target).filter((line) => line.includes("create-fly-ref-arch-"))).toEqual([]);
  });

  it.skipIf(cannotMount).each([
    ["by name", (target: string) => [target, parent]],
    ["as `create .`", (target: string) => [".", target]],
  ])(`writes into an existing empty mount point %s${cannotMount ? ` (skipped: ${cannotMount})` : ""}`, (_, how) => {
    const target = emptyTarget();
    expect(spawnSync("mount", ["-t", "tmpfs", "-o", "size=16m", "tmpfs", target]).status).toBe(0);
    try {
      const [arg, cwd] = how(target) as [string, string];
      const result = run([process.execPath, CLI, arg, ...QUIET], cwd);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(filesOn(target)).toEqual(filesOf(render({ name: basename(target) })));
    } finally {
      spawnSync("umount", [target]);
    }
    // Nothing staged beside the mount point, from where the moves would have crossed file systems.
    expect(readdirSync(parent).filter((name) => name.startsWith("."))).toEqual([]);
  });
});

describe("a failed move whose undoing fails too", () => {
  it("reports the cause and every failed undo together, naming what was left where", () => {
    const target = emptyTarget();
    // The first rename (the first entry into the target) succeeds; every later one fails, so the
    // second entry cannot move in and the first cannot move back.
    const result = run(
      ["strace", "-o", "/dev/null", "-e", "inject=/^rename:error=EACCES:when=2+", process.execPath, CLI, ".", ...QUIET],
      target,
    );
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    const [moveIn, moveBack] = [
      ...(lines[0] ?? "").matchAll(/EACCES: permission denied, rename '([^']+)' -> '([^']+)'/g),
    ];
    expect(moveIn?.[2], "the failed move in").toMatch(new RegExp(`^${target}/[^/]+$`));
    expect(moveBack?.[1], "the failed move back").toMatch(new RegExp(`^${target}/[^/]+$`));
    expect(lines[0]).toContain("undoing it failed too");
    // What is left is what the message names: the entry that could not move back, nothing else.
    expect(listing(target).map((line) => line.split(" ")[0])).toEqual([moveBack?.[1]?.slice(target.length + 1)]);
  });
});
