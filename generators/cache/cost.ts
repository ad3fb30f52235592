/**
 * The cache: Upstash is its plan (a fixed price plus one per read region, or pay-as-you-go, which
 * bills commands only); the Redis app of our own is one Machine and its volume in the primary region.
 */
import { appNames } from "../base/spec.js";
import { type ComponentCost, type CostLine, fixedLine, machinesLine, volumesLine } from "../cost/lines.js";
import { USAGE_RATES, type UsageRate } from "../cost/prices.js";
import type { UPSTASH_PLANS } from "./options.js";
import { queueOnUpstash, upstashPlanOf } from "./spec.js";

const UPSTASH_COMMANDS: UsageRate = {
  what: "Upstash Redis commands on pay-as-you-go",
  rate: "$0.20 per 100,000 commands",
  source: "upstash",
};

/** Upstash Redis for Fly: a fixed plan is its price plus one per read region; pay-as-you-go bills commands only. */
const UPSTASH_PRICE: Readonly<
  Record<(typeof UPSTASH_PLANS)[number], { usd: number; usdPerReadRegion: number } | "per-command">
> = {
  "Pay-as-you-go": "per-command",
  "Fixed 250MB": { usd: 10, usdPerReadRegion: 5 },
  "Fixed 1GB": { usd: 20, usdPerReadRegion: 10 },
  "Fixed 5GB": { usd: 100, usdPerReadRegion: 50 },
  "Fixed 10GB": { usd: 200, usdPerReadRegion: 100 },
  "Fixed 50GB": { usd: 400, usdPerReadRegion: 200 },
};

export const cacheCost: ComponentCost = {
  part: "services",
  estimate(spec) {
    const cache = spec.cache;
    const app = appNames(spec).redis;
    if (cache.kind === "none") return { lines: [], usage: [] };
    if (cache.kind === "redis-app") {
      const region = spec.primaryRegion;
      return {
        lines: [
          machinesLine({
            component: "cache",
            app,
            region,
            vm: cache.vm,
            count: 1,
            alwaysOn: 1,
            running: "Redis runs all month",
            label: "Redis",
          }),
          volumesLine({ component: "cache", app, region, count: 1, sizeGb: cache.volumeSizeGb }),
        ],
        usage: [USAGE_RATES.snapshots],
      };
    }
    const plan = upstashPlanOf(spec) ?? "Pay-as-you-go";
    // upstashPlanOf gives one of UPSTASH_PLANS: the spec's (an enum of the schema) or the queue's default.
    const price = UPSTASH_PRICE[plan as keyof typeof UPSTASH_PRICE];
    const readRegions = cache.replicaRegions;
    const planLine = (unitUsd: number, basis: string) =>
      fixedLine({
        component: "cache",
        app,
        resource: "plan",
        region: spec.primaryRegion,
        what: `Upstash Redis "${plan}"`,
        count: 1,
        unitUsd,
        basis,
        source: "upstash",
      });
    if (price === "per-command") {
      const inReadRegions = readRegions.length > 0 ? `, in the read regions (${readRegions.join(", ")}) too` : "";
      const polls = queueOnUpstash(spec) ? "; the BullMQ queue polls Redis all the time, and each poll is one" : "";
      return {
        lines: [planLine(0, `no monthly fee: pay-as-you-go bills every command${inReadRegions}${polls}`)],
        usage: [UPSTASH_COMMANDS],
        unconfirmed:
          readRegions.length > 0
            ? ["how Upstash pay-as-you-go counts the commands of read regions: Fly's page gives one rate"]
            : [],
      };
    }
    const lines: CostLine[] = [planLine(price.usd, "the plan's fixed monthly price")];
    if (readRegions.length > 0) {
      lines.push(
        fixedLine({
          component: "cache",
          app,
          resource: "read-regions",
          region: null,
          what: `${readRegions.length} read region${readRegions.length === 1 ? "" : "s"} (${readRegions.join(", ")})`,
          count: readRegions.length,
          unitUsd: price.usdPerReadRegion,
          basis: `$${price.usdPerReadRegion} a read region on "${plan}"`,
          source: "upstash",
        }),
      );
    }
    return { lines, usage: [] };
  },
};
