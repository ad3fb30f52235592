/**
 * A write that reaches a read-only Postgres anyway (SQLSTATE 25006: the primary moved, or
 * DATABASE_URL names a replica) is replayed in the primary region like any other write from here.
 * Only once: a request that was already replayed and meets a read-only database again would be
 * replayed in a loop, so it gets 503 and a Retry-After instead (a failover usually ends in seconds).
 */
import type { FastifyInstance } from "fastify";
import type { Config } from "../lib/config.js";
import { isReadOnlyTransaction } from "../lib/db.js";
import { replayToPrimary, wasReplayed } from "../lib/replay.js";

export function replayReadOnlyErrors(app: FastifyInstance, config: Config): void {
  app.setErrorHandler((error, request, reply) => {
    if (!isReadOnlyTransaction(error)) {
      // Everything else gets Fastify's default handling (status from the error, 500 otherwise).
      throw error;
    }
    if (wasReplayed(request)) {
      request.log.error("write reached a read-only database after a replay: the primary is unavailable");
      return reply.code(503).header("retry-after", "5").send({ error: "the database is read-only; try again shortly" });
    }
    request.log.warn("write reached a read-only database: replaying in the primary region");
    // In the primary region the proxy would otherwise pick this very Machine again.
    const elsewhere = config.region === config.primaryRegion;
    return replayToPrimary(reply, config.primaryRegion, "captured_write", { elsewhere });
  });
}
