/**
 * One error handler for the whole app: a server error is logged with its detail (SQLSTATE, stack,
 * the address that refused) and answered with a generic body and the request id to find that log
 * line by; nothing about the database or the network reaches the client. Client errors (bad JSON,
 * a body too large, a rate limit) keep Fastify's own answer, which says what to fix.
 */
import type { FastifyError, FastifyInstance } from "fastify";

export function hideInternalErrors(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    // Handed on to Fastify's default handler (the parent of this one).
    if (status >= 400 && status < 500) throw error;
    request.log.error({ err: error }, "request failed");
    return reply
      .code(status >= 500 && status <= 599 ? status : 500)
      .send({ error: "internal error", requestId: request.id });
  });
}
