/** The interactive flow, driven through a real pseudo-terminal against the built CLI. */
import { mkdirSync, writeFileSync } from "node:fs";
import { type AddressInfo, createServer, type Socket } from "node:net";
import { constants } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { estimateCost } from "../../generators/cost/estimate.js";
import { usd } from "../../generators/cost/lines.js";
import { REGION_CODES } from "../../src/spec/regions.js";
import type { PartialSpec } from "../../src/spec/resolve.js";
import { ACTIVE, KEY, type PtyOptions, PtyRun } from "../helpers/pty.js";
import { render, specFrom } from "../helpers/render.js";
import { filesOf, filesOn, listing, tempDirs } from "../helpers/tmp.js";

const tempDir = tempDirs();
const QUIET = ["--no-install", "--no-git"];

const runs: PtyRun[] = [];
function start(args: readonly string[], cwd: string, env?: PtyOptions["env"], detach?: PtyOptions["detach"]): PtyRun {
  const run = new PtyRun(args, { cwd, env, detach });
  runs.push(run);
  return run;
}
afterEach(() => {
  for (const run of runs.splice(0)) run.kill();
});

/** The regions prompt lists codes in this order, with the cursor on the first. */
const NRT_INDEX = REGION_CODES.indexOf("nrt");

describe("interactive create", () => {
  it("asks every question before writing, then writes what the engine renders for the answers", async () => {
    const cwd = tempDir();
    const run = start(QUIET, cwd);

    await run.answer("Project name", "acme", KEY.enter);
    await run.waitFor(`${ACTIVE} Regions for the web tier`);
    await run.waitFor("yyz — Toronto, Canada");
    expect(run.screen).toContain("lhr — London, United Kingdom");
    expect(REGION_CODES[0]).toBe("ams");
    // Defaults are iad, lhr, nrt: add ams (first in the list), drop nrt.
    run.press(KEY.space, ...Array(NRT_INDEX).fill(KEY.down), KEY.space, KEY.enter);
    await run.answer("Primary region", KEY.down, KEY.enter); // iad, lhr, ams → lhr
    await run.answer("Database", KEY.enter); // Fly Postgres
    await run.answer("Postgres read replicas", KEY.down, KEY.space, KEY.enter); // iad (default) + ams
    await run.answer("Postgres members in the primary region", KEY.enter); // 3
    await run.answer("Cache", KEY.down, KEY.enter); // Redis app
    await run.answer("Background worker", KEY.down, KEY.enter); // process group
    await run.answer("Job queue", KEY.down, KEY.enter); // Redis (BullMQ)
    await run.answer("Object storage", KEY.up, KEY.enter); // Tigris
    await run.waitFor("Create the project?");
    expect(listing(cwd)).toEqual([]);
    expect(run.screen).toContain(
      "database  acme-db: Fly Postgres (unmanaged), 3 members in lhr, read replicas in iad, ams",
    );
    expect(run.screen).toContain("Unmanaged Fly Postgres is not supported by Fly.io Support");
    expect(run.screen).toContain("Fly apps to create: acme-web, acme-db, acme-redis");
    const answers: PartialSpec = {
      name: "acme",
      regions: ["iad", "lhr", "ams"],
      primaryRegion: "lhr",
      database: { kind: "postgres", replicaRegions: ["iad", "ams"] },
      cache: { kind: "redis-app" },
      worker: { kind: "process", queue: "redis" },
      storage: { kind: "tigris" },
    };
    const estimate = estimateCost(specFrom(answers));
    // Three regions of Postgres cost more than the seed's two: the estimate is this spec's.
    expect(estimate.totalUsd).toBeGreaterThan(35.94);
    expect(run.screen).toContain(
      `Monthly estimate: ${usd(estimate.totalUsd)} to ${usd(estimate.maxTotalUsd)} (US dollars, 30 days)`,
    );
    expect(run.screen).toMatch(/acme-db +\$\d+\.\d\d/);
    expect(run.screen).toContain("- bandwidth");
    expect(run.screen).toContain("storage   Tigris bucket acme-files, its keys on acme-web");
    run.press(KEY.enter);

    expect(await run.exit()).toEqual({ exitCode: 0, signal: 0 });
    expect(filesOn(join(cwd, "acme"))).toEqual(filesOf(render(answers)));
  });

  it("takes the defaults --yes takes when every question is answered with Enter", async () => {
    const cwd = tempDir();
    const run = start(QUIET, cwd);
    await run.answer("Project name", "acme", KEY.enter);
    for (const prompt of [
      "Regions for the web tier",
      "Primary region",
      "Database",
      "Postgres read replicas",
      "Postgres members in the primary region",
      "Cache",
      "Background worker",
      "Job queue",
      "Object storage",
      "Add a staging environment?",
      "Create the project?",
    ]) {
      await run.answer(prompt, KEY.enter);
    }
    expect((await run.exit()).exitCode).toBe(0);
    expect(filesOn(join(cwd, "acme"))).toEqual(filesOf(render({ name: "acme" })));
  });

  it("asks only what the flags left open", async () => {
    const cwd = tempDir();
    const run = start(["shop", "--regions", "iad,syd", "--database", "none", ...QUIET], cwd);
    await run.answer("Primary region", KEY.down, KEY.enter); // syd
    await run.answer("Cache", KEY.enter); // Upstash
    await run.answer("Background worker", KEY.enter); // own app; the queue must be Redis, so no question
    await run.answer("Object storage", KEY.enter); // none
    await run.answer("Add a staging environment?", KEY.left, KEY.enter); // yes
    await run.answer("Deploy a preview of each pull request?", KEY.left, KEY.enter); // yes
    await run.waitFor("Create the project?");
    expect(run.screen).toContain("staging   shop-staging-web in syd; 1 Machine(s) per region");
    expect(run.screen).toContain("previews  shop-pr-<number>-web in syd for each pull request");
    run.press(KEY.enter);
    expect((await run.exit()).exitCode).toBe(0);
    for (const asked of ["Project name", "Regions for", "Database", "read replicas", "Job queue"]) {
      expect(run.screen).not.toContain(asked);
    }
    expect(filesOn(join(cwd, "shop"))).toEqual(
      filesOf(
        render({
          name: "shop",
          regions: ["iad", "syd"],
          primaryRegion: "syd",
          database: { kind: "none" },
          environments: { staging: {} },
          previews: true,
        }),
      ),
    );
  });

  it("asks for the plan when Managed Postgres is chosen; --mpg-plan preselects Managed Postgres", async () => {
    const cwd = tempDir();
    const chosen = start(["pick", "--regions", "iad", "--cache", "none", "--worker", "none", ...QUIET], cwd);
    await chosen.answer("Database", KEY.down, KEY.enter); // Managed Postgres
    await chosen.answer("Managed Postgres plan", KEY.down, KEY.down, KEY.enter); // basic, starter, launch
    await chosen.answer("Object storage", KEY.enter); // none
    await chosen.answer("Add a staging environment?", KEY.enter); // no
    await chosen.answer("Create the project?", KEY.enter);
    expect((await chosen.exit()).exitCode).toBe(0);

    const flagged = start(
      ["flag", "--regions", "iad", "--mpg-plan", "scale", "--cache", "none", "--worker", "none", ...QUIET],
      cwd,
    );
    await flagged.answer("Database", KEY.enter); // the cursor starts on Managed Postgres
    await flagged.answer("Object storage", KEY.enter); // none
    await flagged.answer("Add a staging environment?", KEY.enter); // no
    await flagged.answer("Create the project?", KEY.enter);
    expect((await flagged.exit()).exitCode).toBe(0);
    expect(flagged.screen).not.toContain("Managed Postgres plan");

    const solo = { regions: ["iad" as const], cache: { kind: "none" as const }, worker: { kind: "none" as const } };
    expect(filesOn(join(cwd, "pick"))).toEqual(
      filesOf(render({ name: "pick", ...solo, database: { kind: "mpg", mpgPlan: "launch" } })),
    );
    expect(filesOn(join(cwd, "flag"))).toEqual(
      filesOf(render({ name: "flag", ...solo, database: { kind: "mpg", mpgPlan: "scale" } })),
    );
  });

  it("asks for the regions again until they include a --primary-region given as a flag", async () => {
    const cwd = tempDir();
    const run = start(["edge", "--primary-region", "syd", "--database", "none", "--cache", "none", ...QUIET], cwd);
    await run.waitFor(`${ACTIVE} Regions for the web tier`);
    // syd comes preselected; choose ams instead of it.
    run.press(KEY.space, ...Array(REGION_CODES.indexOf("syd")).fill(KEY.down), KEY.space, KEY.enter);
    await run.waitFor("--primary-region syd must be one of the regions: select it too.");
    await run.answer("Regions for the web tier", KEY.space, KEY.enter); // syd preselected again, plus ams
    await run.answer("Object storage", KEY.enter); // none
    await run.answer("Add a staging environment?", KEY.enter); // no
    await run.answer("Create the project?", KEY.enter);
    expect((await run.exit()).exitCode).toBe(0);
    expect(filesOn(join(cwd, "edge"))).toEqual(
      filesOf(
        render({
          name: "edge",
          regions: ["syd", "ams"],
          primaryRegion: "syd",
          database: { kind: "none" },
          cache: { kind: "none" },
        }),
      ),
    );
  });

  const toWorker: [string, string][] = [
    ["Project name", "acme\r"],
    ["Regions for the web tier", KEY.enter],
    ["Primary region", KEY.enter],
    ["Database", KEY.enter],
    ["Postgres read replicas", KEY.enter],
    ["Postgres members in the primary region", KEY.enter],
    ["Cache", KEY.enter],
  ];
  it.each([
    ["the name", [], "Project name"],
    ["the regions", toWorker.slice(0, 1), "Regions for the web tier"],
    ["the worker", toWorker, "Background worker"],
  ] as [string, [string, string][], string][])(
    "Ctrl-C at %s: Cancelled, exit 130, nothing written",
    async (_, answers, at) => {
      const cwd = tempDir();
      const run = start(QUIET, cwd);
      for (const [prompt, keys] of answers) await run.answer(prompt, keys);
      await run.answer(at, KEY.ctrlC);
      expect((await run.exit()).exitCode).toBe(130);
      expect(run.screen).toContain("Cancelled");
      expect(listing(cwd)).toEqual([]);
    },
  );

  it('answering "No" at the confirmation cancels: exit 130, nothing written', async () => {
    const cwd = tempDir();
    const run = start(
      ["acme", "--regions", "iad", "--database", "postgres", "--cache", "upstash", "--worker", "app", ...QUIET],
      cwd,
    );
    await run.answer("Postgres members in the primary region", KEY.enter);
    await run.answer("Job queue", KEY.enter);
    await run.answer("Object storage", KEY.enter); // none
    await run.answer("Add a staging environment?", KEY.enter); // no
    await run.answer("Create the project?", KEY.right, KEY.enter);
    expect((await run.exit()).exitCode).toBe(130);
    expect(run.screen).toContain("Cancelled");
    expect(listing(cwd)).toEqual([]);
  });

  it("Ctrl-C during the install stops npm, removes the project and ends by SIGINT", async () => {
    const cwd = tempDir();
    // A registry that takes connections and never answers: npm is still installing when Ctrl-C comes.
    const held = new Set<Socket>();
    const registry = createServer((socket) => held.add(socket));
    await new Promise<void>((resolve) => registry.listen(0, "127.0.0.1", resolve));
    const { port } = registry.address() as AddressInfo;
    try {
      const run = start(
        ["acme", "--regions", "iad", "--database", "none", "--cache", "none", "--worker", "none", "--no-git"],
        cwd,
        { npm_config_registry: `http://127.0.0.1:${port}/`, npm_config_cache: tempDir() },
      );
      await run.answer("Object storage", KEY.enter); // none
      await run.answer("Add a staging environment?", KEY.enter); // no
      await run.answer("Create the project?", KEY.enter);
      await run.waitFor("Installing dependencies with npm");
      run.press(KEY.ctrlC);
      expect(await run.exit()).toEqual({ exitCode: 0, signal: constants.signals.SIGINT });
      expect(run.screen).toContain("Interrupted by SIGINT: removed everything this run had written");
      expect(listing(cwd)).toEqual([]);
    } finally {
      for (const socket of held) socket.destroy();
      registry.close();
    }
  });

  it("refuses a folder that is in the way right after the name, before more questions", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "taken"));
    writeFileSync(join(cwd, "taken", "notes.txt"), "mine\n");
    const before = listing(cwd);
    const run = start(QUIET, cwd);
    await run.answer("Project name", "taken", KEY.enter);
    expect((await run.exit()).exitCode).toBe(2);
    expect(run.screen).toContain("is not empty: notes.txt");
    expect(run.screen).not.toContain("Regions for");
    expect(listing(cwd)).toEqual(before);
  });

  it("refuses a bad flag before asking anything", async () => {
    const cwd = tempDir();
    const run = start(["acme", "--regions", "iad,sea", ...QUIET], cwd);
    expect((await run.exit()).exitCode).toBe(2);
    expect(run.screen).toContain(`--regions: "sea" (Seattle) is a retired Fly region; use "sjc"`);
    expect(run.screen).not.toContain(ACTIVE);
    expect(listing(cwd)).toEqual([]);
  });
});

describe("a terminal that must not be prompted", () => {
  it("CI=true without --yes never prompts: missing input exits 2", async () => {
    const cwd = tempDir();
    const run = start(["acme", ...QUIET], cwd, { CI: "true" });
    expect((await run.exit()).exitCode).toBe(2);
    expect(run.screen).toContain("missing input: --regions, --database, --cache, --worker");
    expect(run.screen).not.toContain(ACTIVE);
    expect(listing(cwd)).toEqual([]);
  });

  it.each([
    ["stdin is not a terminal", "no-stdin"],
    ["stdout is not a terminal", "piped-stdout"],
  ] as const)("never prompts when %s: missing input exits 2", async (_, detach) => {
    const cwd = tempDir();
    const run = start(["acme", ...QUIET], cwd, {}, detach);
    expect((await run.exit()).exitCode).toBe(2);
    expect(run.screen).toContain("missing input: --regions, --database, --cache, --worker");
    expect(run.screen).not.toContain(ACTIVE);
    expect(listing(cwd)).toEqual([]);
  });

  it("CI=true with everything given generates without a question", async () => {
    const cwd = tempDir();
    const args = ["acme", "--regions", "iad", "--database", "none", "--cache", "upstash", "--worker", "none"];
    const run = start([...args, ...QUIET], cwd, { CI: "true" });
    expect((await run.exit()).exitCode).toBe(0);
    expect(run.screen).not.toContain(ACTIVE);
    expect(filesOn(join(cwd, "acme"))).toEqual(
      filesOf(render({ name: "acme", regions: ["iad"], database: { kind: "none" }, worker: { kind: "none" } })),
    );
  });

  it("--yes takes the defaults without a question", async () => {
    const cwd = tempDir();
    const run = start(["acme", "--yes", ...QUIET], cwd);
    expect((await run.exit()).exitCode).toBe(0);
    expect(run.screen).not.toContain(ACTIVE);
    expect(filesOn(join(cwd, "acme"))).toEqual(filesOf(render({ name: "acme" })));
  });
});
