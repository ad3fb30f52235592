/**
 * Cache-aside for item reads: a hit skips the database, a miss fills the cache for TTL_SECONDS,
 * writes invalidate. Lists are not cached (any write would invalidate them) and report "bypass".
 */
import type { Cache } from "./cache.js";
import type { Item, Items } from "./items.js";
import { cacheReads } from "./metrics.js";

/**
 * Short, because a replica read that lags a write in the primary region can refill the cache with
 * the old value right after the invalidation; the TTL bounds how long that lasts.
 */
const TTL_SECONDS = 30;

const key = (id: string) => `item:${id}`;

export function cachedItems(items: Items, cache: Cache): Items {
  return {
    async get(id) {
      const cached = await cache.get<Item>(key(id));
      cacheReads.inc({ result: cached.status });
      if (cached.status === "hit") return { value: cached.value, source: { cache: "hit" } };
      const read = await items.get(id);
      if (read.value && cached.status === "miss") await cache.set(key(id), read.value, TTL_SECONDS);
      return { value: read.value, source: { cache: cached.status, ...read.source } };
    },
    async list(limit) {
      const read = await items.list(limit);
      return { value: read.value, source: { cache: "bypass", ...read.source } };
    },
    create: (input) => items.create(input),
    async update(id, input) {
      const item = await items.update(id, input);
      await cache.delete(key(id));
      return item;
    },
    async remove(id) {
      const removed = await items.remove(id);
      await cache.delete(key(id));
      return removed;
    },
  };
}
