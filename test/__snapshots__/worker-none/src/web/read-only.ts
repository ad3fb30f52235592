/**
 * A write that reaches a read-only Postgres anyway (SQLSTATE 25006: the primary moved, or
 * DATABASE_URL names a replica) is replayed in the primary region like any other write from here.
 */
import type { FastifyInstance } from "fastify";
import type { Config } from "../lib/config.js";
import { isReadOnlyTransaction } from "../lib/db.js";
import { replayToPrimary } from "../lib/replay.js";

export function replayReadOnlyErrors(app: FastifyInstance, config: Config): void {
  app.setErrorHandler((error, request, reply) => {
    if (isReadOnlyTransaction(error)) {
      request.log.warn("write reached a read-only database: replaying in the primary region");
      return replayToPrimary(reply, config.primaryRegion);
    }
    // Everything else gets Fastify's default handling (status from the error, 500 otherwise).
    throw error;
  });
}
