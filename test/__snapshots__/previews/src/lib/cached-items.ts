/**
 * Cache-aside for item reads: a hit skips the database, a miss fills the cache for about
 * TTL_SECONDS, and writes store what they wrote (deletes invalidate). The cache keeps each item's
 * newest version (see lib/cache.ts), so neither a slow read nor a lagging replica can put an old
 * row back after a write. Lists are not cached (any write would invalidate them) and report "bypass".
 */
import type { Cache } from "./cache.js";
import type { Item, Items, Read } from "./items.js";
import { cacheReads } from "./metrics.js";

/** How long an unchanged item is served from the cache. Writes replace it at once. */
const TTL_SECONDS = 30;

/** The braces make a Redis Cluster hash tag: an item's value and its version live on one node. */
const key = (id: string) => `item:{${id}}`;

export function cachedItems(items: Items, cache: Cache): Items {
  /** Reads of the same item in flight: concurrent misses of a cold key make one query and one fill. */
  const inFlight = new Map<string, Promise<Read<Item | undefined>>>();

  async function load(id: string): Promise<Read<Item | undefined>> {
    const started = performance.now();
    const cached = await cache.get<Item>(key(id));
    const cacheTiming = { status: cached.status, ms: performance.now() - started };
    cacheReads.inc({ result: cached.status });
    if (cached.status === "hit") return { value: cached.value, source: { cache: cacheTiming } };
    const read = await items.get(id);
    if (read.value && cached.status === "miss") await cache.store(key(id), read.value.version, read.value, TTL_SECONDS);
    return { value: read.value, source: { cache: cacheTiming, ...read.source } };
  }

  return {
    get(id) {
      const pending = inFlight.get(id);
      if (pending) return pending;
      const read = load(id).finally(() => {
        if (inFlight.get(id) === read) inFlight.delete(id);
      });
      inFlight.set(id, read);
      return read;
    },
    async list(limit) {
      const read = await items.list(limit);
      return { value: read.value, source: { cache: { status: "bypass", ms: 0 }, ...read.source } };
    },
    create: (input) => items.create(input),
    async update(id, input) {
      const item = await items.update(id, input);
      // A read that started before this write must not answer the reads that come after it.
      inFlight.delete(id);
      if (item) await cache.store(key(id), item.version, item, TTL_SECONDS);
      return item;
    },
    async remove(id) {
      const removed = await items.remove(id);
      inFlight.delete(id);
      await cache.invalidate(key(id));
      return removed;
    },
  };
}
