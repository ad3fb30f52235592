/**
 * Writes belong to the primary region. Outside it, a request that may write is answered with
 * `fly-replay: region=<primary>`: Fly Proxy then replays the whole request there, and the client
 * never sees this response. The 409 status is what a client sees when no proxy is in between.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Config } from "./config.js";

const READ_METHODS = new Set(["GET", "HEAD"]);

export function replayToPrimary(reply: FastifyReply, primaryRegion: string): FastifyReply {
  return reply
    .code(409)
    .header("fly-replay", `region=${primaryRegion}`)
    .send({ error: `writes are served in ${primaryRegion}; replaying there` });
}

/** Registers the hook that replays every non-read request under /api from a non-primary region. */
export function replayWritesOutsidePrimary(app: FastifyInstance, config: Config): void {
  if (config.region === config.primaryRegion) return;
  app.addHook("onRequest", async (request, reply) => {
    if (!READ_METHODS.has(request.method) && request.url.startsWith("/api/")) {
      return replayToPrimary(reply, config.primaryRegion);
    }
  });
}
