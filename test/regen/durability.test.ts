/**
 * What regenerate flushes, read from the system calls of a real run (strace): every folder it
 * creates is an entry of its parent, so the parent must be flushed before the run records itself as
 * done, or a power cut could lose a whole new folder that the manifest says is there (and the next
 * run would take its files for ones the user deleted).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { JOURNAL_PATH } from "../../src/engine/journal.js";
import { CLI } from "../helpers/cli.js"; // built once for every suite by test/global-setup.ts
import { editSpec, generate, tempDir } from "./helpers.js";

interface Call {
  name: string;
  /** The first argument: a path, or for fsync the path strace -y shows for the descriptor. */
  target: string;
}

function tracedRegenerate(dir: string): Call[] {
  const log = join(tempDir("strace"), "calls");
  const traced = spawnSync(
    "strace",
    [
      "-f",
      "-y",
      "-qq",
      "-o",
      log,
      "-e",
      "trace=mkdir,mkdirat,fsync,unlink,unlinkat",
      process.execPath,
      CLI,
      "regenerate",
    ],
    { cwd: dir, encoding: "utf8" },
  );
  expect(traced.status, traced.stderr).toBe(0);
  const calls: Call[] = [];
  for (const line of readFileSync(log, "utf8").split("\n")) {
    const match = /^(?:\d+ +)?(\w+)\((?:AT_FDCWD, )?(?:"([^"]*)"|\d+<([^>]*)>)/.exec(line);
    if (match?.[1] && / = 0$/.test(line)) calls.push({ name: match[1], target: match[2] ?? match[3] ?? "" });
  }
  return calls;
}

describe("regenerate flushes what it creates", () => {
  it("flushes the parent of every folder it creates before it removes its journal", () => {
    const dir = tempDir("durable");
    generate(dir, { name: "durable", regions: ["iad", "lhr"], cache: { kind: "upstash" } });
    editSpec(dir, (spec) => {
      spec.cache.kind = "redis-app";
    });

    const calls = tracedRegenerate(dir);

    const made = calls.findIndex((c) => c.name.startsWith("mkdir") && c.target === join(dir, "redis"));
    const done = calls.findIndex((c) => c.name.startsWith("unlink") && c.target === join(dir, JOURNAL_PATH));
    expect(made, "regenerate created redis/").toBeGreaterThanOrEqual(0);
    expect(done, "regenerate removed its journal").toBeGreaterThan(made);
    const flushes = calls
      .slice(made, done)
      .filter((c) => c.name === "fsync")
      .map((c) => c.target);
    expect(flushes).toContain(dir);
  });
});
