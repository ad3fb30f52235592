/**
 * Background jobs: the web tier enqueues and reports; the worker runs them. An `Idempotency-Key`
 * header makes POST safe to retry: the same key names the same job (202 with its id again).
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { idempotencyKey, type JobQueue, jobRequest, newJobId } from "../../lib/jobs.js";

export function jobRoutes(app: FastifyInstance, queue: JobQueue): void {
  app.post("/api/jobs", async (request, reply) => {
    const job = jobRequest.safeParse(request.body);
    if (!job.success) return reply.code(400).send({ error: z.prettifyError(job.error) });
    const key = idempotencyKey.optional().safeParse(request.headers["idempotency-key"]);
    if (!key.success) return reply.code(400).send({ error: `Idempotency-Key: ${key.error.issues[0]?.message}` });
    const id = newJobId(key.data);
    await queue.enqueue(job.data, id);
    return reply.code(202).send({ id });
  });

  app.get("/api/jobs/:id", async (request, reply) => {
    const { id } = request.params as { id: string };
    return (await queue.find(id)) ?? reply.code(404).send({ error: "no such job" });
  });
}
