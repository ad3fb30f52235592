import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { poolBudget } from "../../generators/database/pool-budget.js";
import { CASES } from "../cases.js";
import { specFrom } from "../helpers/render.js";

describe("poolBudget", () => {
  it("counts pg-boss's pools as the generated queue opens them", () => {
    const queue = readFileSync(resolve(import.meta.dirname, "../../templates/worker/src/lib/queue-pgboss.ts"), "utf8");
    const pool = (role: string) => Number(new RegExp(`boss\\(config, log, "${role}", (\\d+)`).exec(queue)?.[1]);
    const budget = poolBudget(specFrom({ name: "seed" }));
    expect(budget.webExtra).toBe(pool("web"));
    expect(budget.workerConnections).toBe(pool("worker"));
  });

  it("the seed (Fly Postgres, 3 regions × 1 Machine, pg-boss worker) keeps node-postgres's pool of 10", () => {
    const budget = poolBudget(specFrom({ name: "seed" }));
    expect(budget).toMatchObject({ limit: 287, webMachines: 3, webExtra: 2, workerConnections: 3, poolMax: 10 });
    expect(budget.total).toBe(3 * (10 + 2) + 3 + 2);
  });

  it("Managed Postgres Basic, 2 regions × 2 Machines: pools shrink so that all of them fit 50", () => {
    const spec = specFrom({
      name: "mpg",
      database: { kind: "mpg" },
      regions: ["iad", "lhr"],
      primaryRegion: "iad",
      web: { machinesPerRegion: 2 },
    });
    // 50 − worker 3 − release 2 − 4 Machines × pg-boss 2 = 37 for 4 pools: 9 each.
    expect(poolBudget(spec)).toMatchObject({ limit: 50, poolMax: 9, total: 4 * (9 + 2) + 3 + 2, fits: true });
    // The pools of 10 the app used to open would need 53.
    expect(4 * (10 + 2) + 3 + 2).toBeGreaterThan(50);
  });

  it("counts no queue connections when the queue lives in Redis", () => {
    const spec = specFrom({ name: "bull", worker: { kind: "app", queue: "redis" } });
    expect(poolBudget(spec)).toMatchObject({ webExtra: 0, workerConnections: 0, poolMax: 10 });
  });

  it("says when even pools of 1 do not fit the plan", () => {
    const spec = specFrom({
      name: "big",
      database: { kind: "mpg" },
      regions: ["iad", "lhr", "fra"],
      primaryRegion: "iad",
      web: { machinesPerRegion: 20 },
    });
    expect(poolBudget(spec)).toMatchObject({ poolMax: 1, fits: false });
  });

  it("fits the limit for every spec case that has a database", () => {
    for (const c of CASES) {
      const spec = specFrom(c.spec);
      if (spec.database.kind === "none") continue;
      const budget = poolBudget(spec);
      expect(budget.fits, c.name).toBe(true);
      expect(budget.total, c.name).toBeLessThanOrEqual(budget.limit);
    }
  });
});
