/**
 * The generated README warns what crossing regions costs and what fly-replay cannot carry, citing
 * Fly's docs (about/pricing, networking/dynamic-request-routing), wherever the app spans regions.
 */
import { describe, expect, it } from "vitest";
import { estimateCost } from "../../generators/cost/estimate.js";
import { usd } from "../../generators/cost/lines.js";
import { PRICES_READ_ON } from "../../generators/cost/prices.js";
import { render, specFrom } from "../helpers/render.js";
import { ALL_CASES } from "./cases.js";

describe.each(ALL_CASES)("the generated README: $name", ({ spec: answers }) => {
  const spec = specFrom(answers);
  const readme = render(answers).get("README.md")?.content ?? "";
  const multiRegion = spec.regions.length > 1;

  it.runIf(multiRegion)("says inter-region private traffic is billed, and by what the app sends", () => {
    expect(readme).toContain("https://fly.io/docs/about/pricing/#data-transfer-pricing");
    expect(readme).toMatch(/Private-network traffic between regions is billed/);
    expect(readme).toContain("since February 2026");
    const hasReplicas = spec.database.kind !== "none" && spec.database.replicaRegions.length > 0;
    expect(readme.includes("replication to the replicas")).toBe(hasReplicas);
    expect(readme.includes("Redis reads from other regions")).toBe(spec.cache.kind !== "none");
  });

  it.runIf(multiRegion)("says a body over 1 MB cannot be replayed", () => {
    expect(readme).toContain("https://fly.io/docs/networking/dynamic-request-routing/");
    expect(readme).toMatch(/cannot replay a request body over 1 MB/);
  });

  it("shows this spec's monthly estimate: a row per line, the totals, the usage-based charges and the table's date", () => {
    const estimate = estimateCost(spec);
    const section = readme.slice(readme.indexOf("## What it costs"), readme.indexOf("## Develop"));
    const rows = section.split("\n").filter((line) => /^\| `/.test(line));
    expect(rows).toHaveLength(estimate.lines.length);
    for (const [i, line] of estimate.lines.entries()) {
      expect(rows[i]).toBe(
        `| \`${line.app}\` | ${line.what} | ${line.region ?? "-"} | ${usd(line.unitUsd)} | ${usd(line.monthlyUsd)} | ${usd(line.maxMonthlyUsd)} |`,
      );
    }
    expect(section).toContain(
      `| **total** |  |  |  | **${usd(estimate.totalUsd)}** | **${usd(estimate.maxTotalUsd)}** |`,
    );
    for (const usage of estimate.usageBased) expect(section).toContain(`- ${usage.what}: ${usage.rate}`);
    expect(section).toContain(`read on ${PRICES_READ_ON}, from [fly.io/docs/about/pricing/]`);
  });

  it.runIf(!multiRegion)("has no cross-region notes in one region", () => {
    expect(readme).not.toContain("between regions is billed");
  });
});
