/** The sample REST resource. Reads say in Server-Timing where they were served from. */
import type { FastifyInstance, FastifyReply } from "fastify";
import { z } from "zod";
import { type Items, itemInput, type ReadSource } from "../../lib/items.js";

const listQuery = z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) });
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `cache;desc="miss";dur=0.2, db;desc="replica";dur=1.3`: where each step was served, in ms. */
function serverTiming(reply: FastifyReply, source: ReadSource): void {
  const metrics = [
    source.cache && `cache;desc="${source.cache.status}";dur=${source.cache.ms.toFixed(1)}`,
    source.db && `db;desc="${source.db.target}";dur=${source.db.ms.toFixed(1)}`,
  ];
  reply.header("server-timing", metrics.filter(Boolean).join(", "));
}

function badRequest(reply: FastifyReply, error: z.ZodError): FastifyReply {
  return reply.code(400).send({ error: z.prettifyError(error) });
}

function notFound(reply: FastifyReply): FastifyReply {
  return reply.code(404).send({ error: "no such item" });
}

/** An id that is not a UUID names no item: 404 without asking the database. */
function itemId(params: unknown): string | undefined {
  const { id } = params as { id: string };
  return UUID.test(id) ? id : undefined;
}

export function itemRoutes(app: FastifyInstance, items: Items): void {
  app.get("/api/items", async (request, reply) => {
    const query = listQuery.safeParse(request.query);
    if (!query.success) return badRequest(reply, query.error);
    const read = await items.list(query.data.limit);
    serverTiming(reply, read.source);
    return { items: read.value };
  });

  app.get("/api/items/:id", async (request, reply) => {
    const id = itemId(request.params);
    const read = id ? await items.get(id) : undefined;
    if (read) serverTiming(reply, read.source);
    return read?.value ?? notFound(reply);
  });

  app.post("/api/items", async (request, reply) => {
    const input = itemInput.safeParse(request.body);
    if (!input.success) return badRequest(reply, input.error);
    return reply.code(201).send(await items.create(input.data));
  });

  app.put("/api/items/:id", async (request, reply) => {
    const input = itemInput.safeParse(request.body);
    if (!input.success) return badRequest(reply, input.error);
    const id = itemId(request.params);
    const item = id ? await items.update(id, input.data) : undefined;
    return item ?? notFound(reply);
  });

  app.delete("/api/items/:id", async (request, reply) => {
    const id = itemId(request.params);
    const removed = id ? await items.remove(id) : false;
    return removed ? reply.code(204).send() : notFound(reply);
  });
}
