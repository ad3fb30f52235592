/**
 * The estimate's arithmetic on cases worked out by hand from the price table, and how it moves when
 * the topology grows. A Machine-month is its per-second price × 2,592,000 s (30 days) × the region's
 * ratio to iad, rounded to the cent; a line is that × the count.
 */
import { describe, expect, it } from "vitest";
import { estimateCost } from "../../generators/cost/estimate.js";
import type { CostLine } from "../../generators/cost/lines.js";
import { REGION_CODES, type Region } from "../../src/spec/regions.js";
import type { PartialSpec } from "../../src/spec/resolve.js";
import { CASES } from "../cases.js";
import { specFrom } from "../helpers/render.js";

const estimate = (answers: PartialSpec) => estimateCost(specFrom(answers));

/** A line as [app, what, region, each, at least, at most]. */
const row = (line: CostLine) => [line.app, line.what, line.region, line.unitUsd, line.monthlyUsd, line.maxMonthlyUsd];

describe("the estimate, by hand", () => {
  it("of the seed architecture: iad, lhr, nrt; Postgres 3 + a replica in lhr; Upstash; a worker app", () => {
    // shared-cpu-1x 512 MB: $0.00000075 + 0.25 GB × $0.00000193 = $0.0000012325/s × 2,592,000 = $3.1946
    //   iad $3.19; lhr × 1.18/1.04 = $3.6247 → $3.62; nrt × 1.36/1.04 = $4.1776 → $4.18
    // shared-cpu-1x 1024 MB: $0.00000075 + 0.75 GB × $0.00000193 = $0.0000021975/s × 2,592,000 = $5.6959
    //   iad $5.70; lhr × 1.18/1.04 = $6.4627 → $6.46
    // a 10 GB volume: 10 × $0.15 = $1.50
    // web auto-stops ("suspend") with min_machines_running 1: iad's Machine is always on, lhr's and
    // nrt's count only at most. At least: 3.19 + 3.19 + 3 × 5.70 + 3 × 1.50 + 6.46 + 1.50 = $35.94;
    // at most: 35.94 + 3.62 + 4.18 = $43.74. Upstash pay-as-you-go has no monthly fee.
    const cost = estimate({ name: "acme" });
    expect(cost.lines.map(row)).toEqual([
      ["acme-web", "1 × shared-cpu-1x 512 MB", "iad", 3.19, 3.19, 3.19],
      ["acme-web", "1 × shared-cpu-1x 512 MB", "lhr", 3.62, 0, 3.62],
      ["acme-web", "1 × shared-cpu-1x 512 MB", "nrt", 4.18, 0, 4.18],
      ["acme-worker", "1 × shared-cpu-1x 512 MB", "iad", 3.19, 3.19, 3.19],
      ["acme-db", "3 × shared-cpu-1x 1024 MB (Postgres)", "iad", 5.7, 17.1, 17.1],
      ["acme-db", "3 × 10 GB volume", "iad", 1.5, 4.5, 4.5],
      ["acme-db", "1 × shared-cpu-1x 1024 MB (Postgres replica)", "lhr", 6.46, 6.46, 6.46],
      ["acme-db", "1 × 10 GB volume", "lhr", 1.5, 1.5, 1.5],
      ["acme-redis", 'Upstash Redis "Pay-as-you-go"', "iad", 0, 0, 0],
    ]);
    expect(cost.totalUsd).toBe(35.94);
    expect(cost.maxTotalUsd).toBe(43.74);
  });

  it("of Managed Postgres, a fixed Upstash plan with a read region, a worker process group and no auto-stop", () => {
    // performance-2x 8192 MB: 2 × $0.00001196 + 4 GB × $0.00000193 = $0.00003164/s × 2,592,000 = $82.0109
    //   ams × 1.08/1.04 = $85.1651 → $85.17, × 2 = $170.34; gru × 1.68/1.04 = $132.479 → $132.48, × 2 = $264.96
    // worker group, 2 × shared-cpu-1x 512 MB in ams: $3.1946 × 1.08/1.04 = $3.3175 → $3.32, × 2 = $6.64
    // Managed Postgres "launch" $282 + 20 GB × $0.28 = $5.60; Upstash "Fixed 1GB" $20 + 1 read region × $10
    // auto-stop off: at least = at most = 170.34 + 264.96 + 6.64 + 282 + 5.60 + 20 + 10 = $759.54
    const cost = estimate({
      name: "shop",
      regions: ["ams", "gru"],
      web: { autoStop: "off", machinesPerRegion: 2, vm: { cpuKind: "performance", cpus: 2, memoryMb: 8192 } },
      database: { kind: "mpg", mpgPlan: "launch", volumeSizeGb: 20 },
      cache: { kind: "upstash", upstashPlan: "Fixed 1GB", replicaRegions: ["gru"] },
      worker: { kind: "process", count: 2 },
    });
    expect(cost.lines.map(row)).toEqual([
      ["shop-web", "2 × performance-2x 8192 MB", "ams", 85.17, 170.34, 170.34],
      ["shop-web", "2 × performance-2x 8192 MB", "gru", 132.48, 264.96, 264.96],
      ["shop-web", "2 × shared-cpu-1x 512 MB (worker process group)", "ams", 3.32, 6.64, 6.64],
      ["shop-db", 'Managed Postgres "launch" plan', "ams", 282, 282, 282],
      ["shop-db", "20 GB storage", "ams", 0.28, 5.6, 5.6],
      ["shop-redis", 'Upstash Redis "Fixed 1GB"', "ams", 20, 20, 20],
      ["shop-redis", "1 read region (gru)", null, 10, 10, 10],
    ]);
    expect(cost.totalUsd).toBe(759.54);
    expect(cost.maxTotalUsd).toBe(759.54);
  });

  it("of one region with a Redis app, a worker and web Machines that may all stop", () => {
    // shared-cpu-1x 512 MB in syd: $3.1946 × 1.32/1.04 = $4.0547 → $4.05; a 3 GB volume: 3 × $0.15 = $0.45
    // min_machines_running 0: the web Machine counts only at most. At least: worker 4.05 + Redis 4.05 + 0.45 = $8.55;
    // at most: 8.55 + 4.05 = $12.60
    const cost = estimate({
      name: "tiny",
      regions: ["syd"],
      web: { autoStop: "stop", minMachinesRunning: 0 },
      database: { kind: "none" },
      cache: { kind: "redis-app", volumeSizeGb: 3 },
      worker: { kind: "app", queue: "redis" },
    });
    expect(cost.lines.map(row)).toEqual([
      ["tiny-web", "1 × shared-cpu-1x 512 MB", "syd", 4.05, 0, 4.05],
      ["tiny-worker", "1 × shared-cpu-1x 512 MB", "syd", 4.05, 4.05, 4.05],
      ["tiny-redis", "1 × shared-cpu-1x 512 MB (Redis)", "syd", 4.05, 4.05, 4.05],
      ["tiny-redis", "1 × 3 GB volume", "syd", 0.45, 0.45, 0.45],
    ]);
    expect(cost.totalUsd).toBe(8.55);
    expect(cost.maxTotalUsd).toBe(12.6);
  });

  it("says how auto-stop is priced, line by line", () => {
    const [iad, lhr] = estimate({ name: "acme", web: { machinesPerRegion: 3, minMachinesRunning: 2 } }).lines;
    expect(iad?.basis).toContain("2 kept running by min_machines_running");
    expect(iad?.basis).toContain("1 started on demand and suspended when idle, billed per second while started");
    expect(lhr?.basis).toContain("none kept running (min_machines_running applies in the primary region only)");
    expect(lhr?.basis).toContain("iad's $3.19 × 1.1346 (UNCONFIRMED)");
  });
});

describe("the estimate grows with the topology", () => {
  const unused = (regions: readonly string[]) => REGION_CODES.filter((r) => !regions.includes(r));

  it.each(CASES.map((c) => [c.name, c.spec] as const))("%s: each added web region costs more", (_, answers) => {
    const spec = specFrom(answers);
    const before = estimateCost(spec);
    for (const region of unused(spec.regions)) {
      const after = estimate({ ...answers, regions: [...spec.regions, region], primaryRegion: spec.primaryRegion });
      expect(after.maxTotalUsd, region).toBeGreaterThan(before.maxTotalUsd);
      expect(after.totalUsd, region).toBeGreaterThanOrEqual(before.totalUsd);
    }
  });

  it("with auto-stop off, a region adds its Machines to the least the month costs", () => {
    // 2 × shared-cpu-1x 512 MB in jnb: $3.1946 × 1.355/1.04 = $4.1622 → $4.16, × 2 = $8.32
    const web = { autoStop: "off", machinesPerRegion: 2 } as const;
    const before = estimate({ name: "acme", web });
    const after = estimate({ name: "acme", regions: ["iad", "lhr", "nrt", "jnb"], web });
    expect(after.totalUsd).toBeCloseTo(before.totalUsd + 8.32, 2);
  });

  it("a Postgres replica region adds a Machine and a volume there", () => {
    // nrt: 1024 MB $5.6959 × 1.36/1.04 = $7.4485 → $7.45, + a 10 GB volume $1.50 = $8.95; 35.94 + 8.95 = $44.89
    const cost = estimate({ name: "acme", database: { replicaRegions: ["lhr", "nrt"] } });
    expect(cost.totalUsd).toBe(44.89);
  });

  it("three Postgres members in the primary region cost two Machines and two volumes more than one", () => {
    // 2 × ($5.70 + $1.50) = $14.40: 35.94 − 14.40 = $21.54
    expect(estimate({ name: "acme", database: { primaryMembers: 1 } }).totalUsd).toBe(21.54);
  });

  it("each Upstash read region on a fixed plan adds the plan's price per read region", () => {
    const plan = (replicaRegions: Region[]) =>
      estimate({ name: "acme", cache: { upstashPlan: "Fixed 5GB", replicaRegions } }).totalUsd;
    // Fixed 5GB: $100 + $50 a read region.
    expect(plan(["lhr"]) - plan([])).toBeCloseTo(50, 2);
    expect(plan(["lhr", "nrt"]) - plan(["lhr"])).toBeCloseTo(50, 2);
  });
});

describe("what the estimate leaves out and where its prices come from", () => {
  it("lists bandwidth always, inter-region traffic with more than one region, commands on pay-as-you-go", () => {
    const whats = (answers: PartialSpec) => estimate(answers).usageBased.map((usage) => usage.what);
    expect(whats({ name: "acme" })).toEqual([
      "bandwidth (data sent to the internet)",
      "inter-region traffic on the private network (replayed requests, replication, cache reads from other regions)",
      "the root file system of each web Machine while it is stopped or suspended (about the image's size)",
      "volume snapshots (daily, kept 5 days by default)",
      "Fly Postgres WAL backups in a Tigris bucket (storage and requests)",
      "Upstash Redis commands on pay-as-you-go",
    ]);
    expect(
      whats({
        name: "solo",
        regions: ["fra"],
        web: { autoStop: "off" },
        database: { kind: "none" },
        cache: { kind: "none" },
        worker: { kind: "none" },
      }),
    ).toEqual(["bandwidth (data sent to the internet)"]);
  });

  it("a Tigris bucket adds no line and no dollar, only its usage-based charge", () => {
    const without = estimate({ name: "acme" });
    const withBucket = estimate({ name: "acme", storage: { kind: "tigris" } });
    expect(withBucket.lines).toEqual(without.lines);
    expect(withBucket.totalUsd).toBe(without.totalUsd);
    expect(withBucket.usageBased.map((usage) => usage.what)).toEqual([
      ...without.usageBased.map((usage) => usage.what),
      "the app's Tigris bucket (objects stored, requests, data moved out of Tigris)",
    ]);
  });

  it("warns that a BullMQ queue on pay-as-you-go pays for its polls, and that read regions are unconfirmed", () => {
    const cost = estimate({
      name: "polls",
      database: { kind: "none" },
      cache: { upstashPlan: "Pay-as-you-go", replicaRegions: ["lhr"] },
      worker: { queue: "redis" },
    });
    const redis = cost.lines.find((line) => line.component === "cache");
    expect(redis?.monthlyUsd).toBe(0);
    expect(redis?.basis).toBe(
      "no monthly fee: pay-as-you-go bills every command, in the read regions (lhr) too; the BullMQ queue polls Redis all the time, and each poll is one",
    );
    expect(cost.source.unconfirmed).toContain(
      "how Upstash pay-as-you-go counts the commands of read regions: Fly's page gives one rate",
    );
  });

  it("names the table, the day it was read, and which figures no Fly page confirms", () => {
    const { source } = estimate({ name: "acme", regions: ["iad", "sjc", "lhr"] });
    expect(source.readOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(source.table).toBe("create-fly-ref-arch's table of Fly.io prices");
    expect(source.pages.map((page) => page.url)).toContain("https://fly.io/docs/about/pricing/");
    expect(source.unconfirmed).toEqual([
      "Machine prices in lhr: read from the pricing page as rendered on 2025-08-19; no Fly-authored page repeats them",
    ]);
  });
});

describe("the estimate of environments", () => {
  const seedWithStaging = () => estimate({ name: "acme", environments: { staging: {} } });

  it("adds a cheap staging, by hand, after production's lines, and totals each environment", () => {
    // staging's defaults: one region (iad), shared-cpu-1x 256 MB everywhere: $0.00000075/s (256 MB
    // come with the CPU) × 2,592,000 = $1.944 → $1.94. Web stops to 0 (min_machines_running 0), so
    // it counts at most only; the worker and the single Postgres member with its 1 GB volume ($0.15)
    // always: at least 1.94 + 1.94 + 0.15 = $4.03, at most 4.03 + 1.94 = $5.97.
    const cost = seedWithStaging();
    const staging = cost.lines.filter((line) => line.environment === "staging");
    expect(staging.map(row)).toEqual([
      ["acme-staging-web", "1 × shared-cpu-1x 256 MB", "iad", 1.94, 0, 1.94],
      ["acme-staging-worker", "1 × shared-cpu-1x 256 MB", "iad", 1.94, 1.94, 1.94],
      ["acme-staging-db", "1 × shared-cpu-1x 256 MB (Postgres)", "iad", 1.94, 1.94, 1.94],
      ["acme-staging-db", "1 × 1 GB volume", "iad", 0.15, 0.15, 0.15],
      ["acme-staging-redis", 'Upstash Redis "Pay-as-you-go"', "iad", 0, 0, 0],
    ]);
    // Production's lines come first and are the estimate of the spec without environments.
    const production = estimate({ name: "acme" });
    expect(cost.lines.slice(0, production.lines.length)).toEqual(production.lines);
    expect(cost.lines.slice(production.lines.length)).toEqual(staging);
    expect(cost.environments).toEqual([
      { name: "production", totalUsd: 35.94, maxTotalUsd: 43.74 },
      { name: "staging", totalUsd: 4.03, maxTotalUsd: 5.97 },
    ]);
    expect([cost.totalUsd, cost.maxTotalUsd]).toEqual([39.97, 49.71]);
  });

  it("costs more with each environment, and an environment's overrides are priced", () => {
    const one = seedWithStaging();
    const two = estimate({ name: "acme", environments: { staging: {}, qa: {} } });
    expect(two.totalUsd).toBeGreaterThan(one.totalUsd);
    expect(two.environments.map(({ name }) => name)).toEqual(["production", "staging", "qa"]);
    expect(two.environments[2]).toEqual({ ...one.environments[1], name: "qa" });

    const bigger = estimate({
      name: "acme",
      environments: { staging: { regions: ["iad", "lhr"], web: { machinesPerRegion: 2, minMachinesRunning: 2 } } },
    });
    const web = bigger.lines.filter((line) => line.app === "acme-staging-web");
    expect(web.map((line) => [line.region, line.count, line.monthlyUsd])).toEqual([
      ["iad", 2, 3.88],
      ["lhr", 2, 0],
    ]);
    expect(bigger.environments[1]?.totalUsd).toBeGreaterThan(one.environments[1]?.totalUsd ?? Infinity);
  });
});
