/** The price table against what Fly published: the tables of the pricing page, and Fly's own worked examples. */
import { describe, expect, it } from "vitest";
import { machineMonthlyUsd } from "../../generators/cost/lines.js";
import { REGION_MARKUP, SOURCES } from "../../generators/cost/prices.js";
import { REGION_CODES } from "../../src/spec/regions.js";
import { PRESET_ROWS, PUBLISHED_MONTHLY_USD } from "./published-machine-prices.js";

const shared = (memoryMb: number) => ({ cpuKind: "shared" as const, cpus: 1 as const, memoryMb });

describe("Machine prices", () => {
  it.each(REGION_CODES)("give every published monthly figure of %s to within a cent", (region) => {
    const published = PUBLISHED_MONTHLY_USD[region];
    expect(published).toHaveLength(PRESET_ROWS.length);
    PRESET_ROWS.forEach((vm, i) => {
      const off = Math.abs(machineMonthlyUsd(vm, region) - (published[i] ?? Number.NaN));
      expect(off, `${vm.cpuKind} ${vm.cpus}x ${vm.memoryMb} MB`).toBeLessThanOrEqual(0.0100001);
    });
  });

  it("match the Fly-authored pages that repeat them", () => {
    // about/cost-management: three shared-1x 1GB Machines in sjc "$20.37/month", one 256MB "$2.32",
    // five 512MB "around $19" (5 × $3.81 = $19.05).
    expect(3 * machineMonthlyUsd(shared(1024), "sjc")).toBeCloseTo(20.37, 2);
    expect(machineMonthlyUsd(shared(256), "sjc")).toBe(2.32);
    expect(machineMonthlyUsd(shared(512), "sjc")).toBe(3.81);
    // blueprints/shared-nothing: shared-cpu-1x 1GB "$5.70", 512MB "$3.19"; elixir's Heroku guide:
    // 4GB on 2 performance CPUs "~$62.00".
    expect(machineMonthlyUsd(shared(1024), "iad")).toBe(5.7);
    expect(machineMonthlyUsd(shared(512), "iad")).toBe(3.19);
    expect(machineMonthlyUsd({ cpuKind: "performance", cpus: 2, memoryMb: 4096 }, "iad")).toBe(62);
  });

  it("price memory between the presets at about $5 a GB, as the page says, scaled by the region", () => {
    // 768 MB on top of shared-cpu-1x 1GB: 0.75 GB × $0.00000193 × 2,592,000 s = $3.75 → $5.70 + $3.75 = $9.45.
    expect(machineMonthlyUsd(shared(1792), "iad")).toBe(9.45);
    expect(machineMonthlyUsd(shared(1792), "nrt")).toBeGreaterThan(9.45);
  });

  it("mark a region confirmed only by a source that is", () => {
    for (const region of REGION_CODES) {
      const by = REGION_MARKUP[region].confirmedBy;
      if (by) expect(SOURCES[by].confirmed).toBe(true);
    }
    expect(SOURCES.machineTables.confirmed).toBe(false);
  });
});
