/** Every response is observed once, labelled by its route's pattern (not its URL, which has ids in it). */
import type { FastifyInstance } from "fastify";
import { httpRequestDuration } from "../lib/metrics.js";

export function observeRequests(app: FastifyInstance): void {
  app.addHook("onResponse", async (request, reply) => {
    httpRequestDuration.observe(
      { method: request.method, route: request.routeOptions.url ?? "unmatched", status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });
}
