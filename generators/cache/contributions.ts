/** What the cache adds to the files of others. */
import { typescript } from "../../src/engine/template-escapes.js";
import { type ConfigGroup, type Contribution, type Packages, packageNames } from "../contribution.js";
import type { Facts } from "../view.js";

export const CACHE_PACKAGES: Packages = { dependencies: { ioredis: "^5.11.0" } };

const LIMITS: ConfigGroup = { key: "redis", type: "RedisLimits" };
const NUMBER = typescript`number`;

export function cacheContributions(facts: Facts): Contribution {
  return {
    packages: packageNames(CACHE_PACKAGES),
    webImports: [
      { names: typescript`{ Cache }`, from: "../lib/cache.js" },
      // For the database's item routes, which read through the cache.
      ...(facts.database.enabled ? [{ names: typescript`{ cachedItems }`, from: "../lib/cached-items.js" }] : []),
    ],
    probes: [{ key: "cache", check: typescript`() => cache.ping()` }],
    ciServices: ["Redis"],
    bootstrapSteps: [
      facts.cache.isUpstash
        ? {
            call: "provision_upstash",
            summary: "Upstash Redis",
            prune: { call: "prune_upstash", summary: "Upstash read regions it dropped" },
          }
        : { call: "provision_redis_app", summary: "the Redis app" },
    ],
    partials: [
      "web-app-open",
      "ci-services",
      "bootstrap-variables",
      "bootstrap-provision",
      // The Redis app of our own is an app to create, with a password to make.
      ...(facts.cache.isRedisApp ? (["bootstrap-helpers", "bootstrap-apps"] as const) : []),
      // A plan Upstash does not offer is found before anything is created; so is a preview's
      // missing staging Redis. The spec refuses previews with a Redis app of our own.
      ...(facts.cache.upstashPlan || facts.spec.previews ? (["bootstrap-preflight"] as const) : []),
      // A preview's own key prefix on staging's Redis.
      ...(facts.spec.previews ? (["bootstrap-preview"] as const) : []),
      // Upstash lives outside the regions; the Redis app in the primary one, deployed by bootstrap only.
      ...(facts.cache.isRedisApp ? (["readme-diagram-primary", "readme-deploy", "readme-rotate"] as const) : []),
      "readme-diagram",
      "readme-services",
      // Cache-aside over the database's items.
      ...(facts.database.enabled ? (["readme-consistency"] as const) : []),
      "readme-bootstrap",
      "readme-prune",
    ],
    localServers: ["a local Redis"],
    env: [
      {
        name: "REDIS_URL",
        section: "connections",
        zod: typescript`z.url({ protocol: /^rediss?$/, error: "expected a redis:// or rediss:// URL" })`,
        field: { key: "redisUrl", type: typescript`string` },
        apps: facts.consumerApps,
        onFly: "secret",
        example: { value: "redis://localhost:6379" },
        ci: "redis://localhost:6379",
        readme: "Redis",
      },
      {
        name: "REDIS_KEY_PREFIX",
        section: "connections",
        doc: [
          "Starts every key this app uses in Redis, the job queue's too, so deployments can share one Redis.",
          "No glob characters (a pattern over the keys would match more) and no braces (they set a Cluster hash slot).",
        ],
        // Laid out as Biome formats it: on one line it would pass the line width.
        zod: typescript`z
    .string()
    .regex(/^[A-Za-z0-9_:-]{0,63}:$/, "expected at most 64 letters, digits, _, - or :, ending in a colon (pr-42:)")
    .default("")`,
        field: { key: "redisKeyPrefix", type: typescript`string` },
        apps: facts.consumerApps,
        example: {
          value: "pr-42:",
          commented: true,
          note: "Keys in Redis start with this: deployments sharing one Redis each need their own.",
        },
        readme: "optional: what every key in Redis starts with, e.g. `pr-42:`, so that deployments can share one Redis",
      },
      {
        name: "REDIS_COMMAND_TIMEOUT_MS",
        section: "connections",
        doc: ["A Redis that hangs rather than refuses costs a read at most this long."],
        zod: typescript`ms(500)`,
        field: { key: "commandTimeoutMs", type: NUMBER, group: LIMITS },
      },
      {
        name: "REDIS_BREAKER_FAILURES",
        section: "connections",
        doc: ["After this many failed commands in a row the cache is skipped for REDIS_BREAKER_COOLDOWN_MS."],
        zod: typescript`z.coerce.number().int().min(1).max(1_000).default(3)`,
        field: { key: "breakerFailures", type: NUMBER, group: LIMITS },
      },
      {
        name: "REDIS_BREAKER_COOLDOWN_MS",
        section: "connections",
        zod: typescript`ms(5_000)`,
        field: { key: "breakerCooldownMs", type: NUMBER, group: LIMITS },
      },
    ],
  };
}
