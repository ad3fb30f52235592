/**
 * Redis: the cache-aside client with its circuit breaker, and, for cache "redis-app", the Redis app
 * of our own (private, on a volume, its config under redis/). Upstash needs no files of its own.
 */
import type { ComponentGenerator } from "../component.js";
import { writeConfigs } from "../environments/configs.js";
import { CACHE_PACKAGES, cacheContributions } from "./contributions.js";
import { cacheFacts } from "./facts.js";

export const cache = {
  component: "cache",
  facts: cacheFacts,
  applies: (spec) => spec.cache.kind !== "none",
  packages: CACHE_PACKAGES,
  readyz: [{ key: "cache" }],
  contributes: cacheContributions,
  generate(out) {
    out.file("src/lib/redis.ts");
    out.file("src/lib/circuit-breaker.ts");
    out.file("src/lib/cache.ts");
    out.file("test/cache.test.ts");
    // Cache-aside over the items the database stores.
    if (out.view.database.enabled) {
      out.file("src/lib/cached-items.ts");
      out.file("test/cached-items.test.ts");
    }
    if (out.view.cache.isRedisApp) {
      writeConfigs(out, "redis/fly.toml");
      out.file("redis/Dockerfile");
      out.file("redis/start-redis.sh", { mode: 0o755 });
    }
  },
} satisfies ComponentGenerator;
