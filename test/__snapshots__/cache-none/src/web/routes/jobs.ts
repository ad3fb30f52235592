/** Background jobs: the web tier enqueues and reports; the worker runs them. */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { type JobQueue, jobRequest } from "../../lib/jobs.js";

export function jobRoutes(app: FastifyInstance, queue: JobQueue): void {
  app.post("/api/jobs", async (request, reply) => {
    const job = jobRequest.safeParse(request.body);
    if (!job.success) return reply.code(400).send({ error: z.prettifyError(job.error) });
    return reply.code(202).send({ id: await queue.enqueue(job.data) });
  });

  app.get("/api/jobs/:id", async (request, reply) => {
    const { id } = request.params as { id: string };
    return (await queue.find(id)) ?? reply.code(404).send({ error: "no such job" });
  });
}
