/**
 * The sample file API: PUT /files/:key stores the request's body in the bucket with its content
 * type, GET /files/:key sends it back. Outside /api, so a write is not replayed to the primary
 * region: the bucket is as near to every region, and Fly Proxy cannot replay a body over 1 MB.
 */
import type { FastifyPluginAsync, FastifyReply } from "fastify";
import type { Storage } from "../../lib/storage.js";

/** A larger body is refused with 413 as it arrives, before it is held in memory whole. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/**
 * Letters, digits, dots, dashes and underscores: no slashes, nothing to escape in a URL. At most
 * 100, Fastify's maxParamLength: a longer one is answered 414 before it reaches a route.
 */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** A media type with its parameters (RFC 9110 tokens), such as `text/plain; charset=utf-8`. */
const TOKEN = "[A-Za-z0-9!#$%&'*+.^_`|~-]+";
const CONTENT_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(\\s*;\\s*${TOKEN}=(${TOKEN}|"[^"\\\\]*"))*$`);
const CONTENT_TYPE_MAX = 255;

function fileKey(params: unknown): string | undefined {
  const { key } = params as { key: string };
  return KEY.test(key) ? key : undefined;
}

function badKey(reply: FastifyReply): FastifyReply {
  return reply.code(400).send({
    error: "a key is 1 to 100 letters, digits, dots, dashes and underscores, starting with a letter or digit",
  });
}

export const fileRoutes: FastifyPluginAsync<{ storage: Storage }> = async (app, { storage }) => {
  // Any body, as the bytes it is: this scope's parser replaces the JSON one inherited from the app.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: MAX_FILE_BYTES }, (_request, body, done) =>
    done(null, body),
  );

  app.put("/files/:key", async (request, reply) => {
    const key = fileKey(request.params);
    if (!key) return badKey(reply);
    const contentType = request.headers["content-type"];
    if (!contentType || contentType.length > CONTENT_TYPE_MAX || !CONTENT_TYPE.test(contentType)) {
      return reply.code(415).send({ error: "Content-Type: a media type such as text/plain is required" });
    }
    // An empty body reaches no parser.
    const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    await storage.put(key, body, contentType);
    return reply.send({ key, size: body.length, contentType });
  });

  app.get("/files/:key", async (request, reply) => {
    const key = fileKey(request.params);
    if (!key) return badKey(reply);
    const file = await storage.get(key);
    if (!file) return reply.code(404).send({ error: "no such file" });
    // A download, never a page: an uploaded HTML file must not run as this site's.
    reply.header("content-type", file.contentType).header("content-disposition", "attachment");
    if (file.size !== undefined) reply.header("content-length", file.size);
    return reply.send(file.body);
  });
};
