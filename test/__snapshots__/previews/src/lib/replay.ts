/**
 * Writes belong to the primary region. Outside it, a request that may write is answered with
 * `fly-replay: region=<primary>`: Fly Proxy then replays the whole request there, and the client
 * never sees this response. The 409 status is what a client sees when no proxy is in between.
 *
 * Read-your-writes: a write answered in the primary region sets a short-lived cookie, and while it
 * lasts that client's reads are replayed to the primary too, so they do not miss the write on a
 * replica that has not caught up yet (the pattern of Fly's own fly-ruby).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "./config.js";

/** Methods that never write: a CORS preflight (OPTIONS) is answered where it arrives. */
export const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
export const THRESHOLD_COOKIE = "fly-replay-threshold";
/** How long after a write its author reads from the primary: well above a healthy replica's lag. */
export const READ_YOUR_WRITES_MS = 5_000;

/** Why a request is replayed; Fly Proxy passes it on to the replayed request in `fly-replay-src`. */
export type ReplayState = "http_method" | "captured_write" | "threshold";

/**
 * `elsewhere`: Fly Proxy leaves this Machine out when it picks the Machine to replay to (docs
 * networking/dynamic-request-routing). Set when this Machine is in the primary region but its
 * database refused the write: replaying the request to the same Machine would meet the same refusal.
 */
export function replayToPrimary(
  reply: FastifyReply,
  primaryRegion: string,
  state: ReplayState,
  options: { elsewhere?: boolean } = {},
): FastifyReply {
  const elsewhere = options.elsewhere ? ";elsewhere=true" : "";
  return reply
    .code(409)
    .header("fly-replay", `region=${primaryRegion};state=${state}${elsewhere}`)
    .send({ error: `served in ${primaryRegion}; replaying there` });
}

/** Whether Fly Proxy already replayed this request once (it adds `fly-replay-src` to replays). */
export function wasReplayed(request: FastifyRequest): boolean {
  return request.headers["fly-replay-src"] !== undefined;
}

/**
 * Outside the primary region: replays every non-read request under /api, and the reads of a client
 * that wrote moments ago. In the primary region: marks each successful write for read-your-writes.
 */
export function routeToPrimaryRegion(app: FastifyInstance, config: Config): void {
  if (config.region === config.primaryRegion) {
    app.addHook("onSend", async (request, reply) => {
      if (isApiWrite(request) && reply.statusCode < 400) {
        const until = Date.now() + READ_YOUR_WRITES_MS;
        const maxAge = READ_YOUR_WRITES_MS / 1000;
        // Secure: Fly Proxy terminates HTTPS, so browsers send it back; it never travels in clear text.
        reply.header(
          "set-cookie",
          `${THRESHOLD_COOKIE}=${until}; Max-Age=${maxAge}; Path=/; Secure; HttpOnly; SameSite=Lax`,
        );
      }
    });
    return;
  }
  app.addHook("onRequest", async (request, reply) => {
    if (isApiWrite(request)) return replayToPrimary(reply, config.primaryRegion, "http_method");
    if (request.url.startsWith("/api/") && thresholdOf(request) > Date.now()) {
      return replayToPrimary(reply, config.primaryRegion, "threshold");
    }
  });
}

function isApiWrite(request: FastifyRequest): boolean {
  return !READ_METHODS.has(request.method) && request.url.startsWith("/api/");
}

/** The time (ms since the epoch) until which this client reads from the primary; 0 when none. */
function thresholdOf(request: FastifyRequest): number {
  const match = new RegExp(`(?:^|;\\s*)${THRESHOLD_COOKIE}=(\\d+)`).exec(request.headers.cookie ?? "");
  return match ? Number(match[1]) : 0;
}
