/**
 * The generated README warns what crossing regions costs and what fly-replay cannot carry, citing
 * Fly's docs (about/pricing, networking/dynamic-request-routing), wherever the app spans regions.
 */
import { describe, expect, it } from "vitest";
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

  it.runIf(!multiRegion)("has no cross-region notes in one region", () => {
    expect(readme).not.toContain("between regions is billed");
  });
});
