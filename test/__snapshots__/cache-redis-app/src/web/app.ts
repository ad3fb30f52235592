/**
 * The web tier's composition root: opens the connections this app uses, registers the routes, and
 * closes everything when Fastify closes (after in-flight requests have finished).
 */
import { randomUUID } from "node:crypto";
import Fastify, { type FastifyInstance } from "fastify";
import { Cache } from "../lib/cache.js";
import { cachedItems } from "../lib/cached-items.js";
import type { Config } from "../lib/config.js";
import { Db } from "../lib/db.js";
import { itemsInPostgres } from "../lib/items.js";
import { createLogger } from "../lib/logger.js";
import { openQueue } from "../lib/queue.js";
import { routeToPrimaryRegion } from "../lib/replay.js";
import { replayReadOnlyErrors } from "./read-only.js";
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
    // Fly Proxy sits in front: client addresses come from Fly-Client-IP / X-Forwarded-For.
    trustProxy: true,
  });

  const db = new Db(config, app.log);
  app.addHook("onClose", () => db.close());

  const cache = new Cache(config, app.log);
  app.addHook("onClose", () => cache.close());

  const queue = await openQueue(config, app.log);
  app.addHook("onClose", () => queue.close());

  routeToPrimaryRegion(app, config);
  replayReadOnlyErrors(app, config);
  healthRoutes(app, config, {
    primary: () => db.ping("primary"),
    replica: db.replica && (() => db.ping("replica")),
    cache: () => cache.ping(),
    queue: () => queue.ping(),
  });
  itemRoutes(app, cachedItems(itemsInPostgres(db), cache));
  jobRoutes(app, queue);
  return app;
}
