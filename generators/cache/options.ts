/** The cache on the command line: Upstash, a Redis app of our own, or none, and Upstash's plan. */
import type { OptionDef } from "../../src/cli/options.js";

export const CACHE_KINDS = ["upstash", "redis-app", "none"] as const;

export const CACHE_DEFAULTS = { kind: "upstash" } as const;

/**
 * `fly redis create --plan`, spelled as `fly redis plans` lists them (flyctl matches the name
 * exactly); the fixed-price ones are those of Fly's Upstash docs.
 */
export const UPSTASH_PLANS = [
  "Pay-as-you-go",
  "Fixed 250MB",
  "Fixed 1GB",
  "Fixed 5GB",
  "Fixed 10GB",
  "Fixed 50GB",
] as const;
/** What a BullMQ queue on Upstash gets unless the spec names a plan: the smallest fixed price. */
export const UPSTASH_QUEUE_PLAN = "Fixed 250MB";

export const flags: readonly OptionDef[] = [
  {
    name: "cache",
    type: "string",
    value: `<${CACHE_KINDS.join("|")}>`,
    help: `Upstash Redis, a Redis app on a volume, or none (default: ${CACHE_DEFAULTS.kind})`,
    specPath: ["cache", "kind"],
    choices: CACHE_KINDS,
    required: true,
  },
  {
    name: "upstash-plan",
    type: "string",
    value: "<plan>",
    help: `Upstash plan as fly redis plans names it: ${UPSTASH_PLANS.map((p) => JSON.stringify(p)).join(", ")} (default: ${JSON.stringify(UPSTASH_QUEUE_PLAN)} with --queue redis, else pay-as-you-go)`,
    specPath: ["cache", "upstashPlan"],
    choices: UPSTASH_PLANS,
  },
];
