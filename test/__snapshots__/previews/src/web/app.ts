/**
 * The web tier's composition root: opens the connections this app uses, registers the routes, and
 * closes everything when Fastify closes (after in-flight requests have finished).
 */
import { randomUUID } from "node:crypto";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import Fastify, { type FastifyInstance } from "fastify";
import { Cache } from "../lib/cache.js";
import { cachedItems } from "../lib/cached-items.js";
import type { Config } from "../lib/config.js";
import { Db } from "../lib/db.js";
import { itemsInPostgres } from "../lib/items.js";
import { createLogger } from "../lib/logger.js";
import { observePool, unobservePool } from "../lib/metrics.js";
import { openQueue } from "../lib/queue.js";
import { READ_METHODS, routeToPrimaryRegion } from "../lib/replay.js";
import { forwardedForFromFlyProxy } from "./client-ip.js";
import { hideInternalErrors } from "./errors.js";
import { replayReadOnlyErrors } from "./read-only.js";
import { observeRequests } from "./request-metrics.js";
import { healthRoutes } from "./routes/health.js";
import { itemRoutes } from "./routes/items.js";
import { jobRoutes } from "./routes/jobs.js";

export async function createApp(config: Config): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: createLogger(config, "web"),
    // Fly Proxy tags each request; using its id ties our logs to Fly's.
    requestIdHeader: "fly-request-id",
    genReqId: () => randomUUID(),
    requestTimeout: config.requestTimeoutMs,
    // Exactly one proxy hop, Fly Proxy; the client's address is its Fly-Client-IP (see client-ip.ts).
    trustProxy: (_address, hop) => hop === 0,
    rewriteUrl: forwardedForFromFlyProxy,
  });
  hideInternalErrors(app);
  observeRequests(app);
  // An API serves no HTML, so helmet's defaults (a strict CSP, nosniff, HSTS…) cost nothing.
  await app.register(helmet);
  // In memory, per Machine: a client spread over N Machines gets up to N times the limit.
  await app.register(rateLimit, {
    max: config.rateLimitWritesPerMinute,
    timeWindow: 60_000,
    // Reads and preflights are never limited: the same methods fly-replay treats as reads.
    allowList: (request) => READ_METHODS.has(request.method),
  });

  const db = new Db(config, app.log);
  observePool("primary", db.primary);
  if (db.replica) observePool("replica", db.replica);
  app.addHook("onClose", async () => {
    unobservePool("primary");
    unobservePool("replica");
    await db.close();
  });

  const cache = new Cache(config, app.log);
  app.addHook("onClose", () => cache.close());

  const queue = await openQueue(config, app.log);
  app.addHook("onClose", () => queue.close());

  routeToPrimaryRegion(app, config);
  healthRoutes(app, config, {
    primary: () => db.ping("primary"),
    replica: db.replica && (() => db.ping("replica")),
    cache: () => cache.ping(),
    queue: () => queue.ping(),
  });
  // A scope of their own: the read-only handler passes every other error on to hideInternalErrors.
  await app.register(async (api) => {
    replayReadOnlyErrors(api, config);
    itemRoutes(api, cachedItems(itemsInPostgres(db), cache));
  });
  jobRoutes(app, queue);
  return app;
}
