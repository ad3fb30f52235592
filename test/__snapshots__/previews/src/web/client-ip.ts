/**
 * The client's address. Fly Proxy, the one hop in front of every Machine, sets `Fly-Client-IP` to the
 * address it accepted the connection from (Fly docs, networking/request-headers). `X-Forwarded-For`
 * cannot be trusted as is: a client writes whatever it likes there, and on Fly its last entry is the
 * app's own IP, not the client's. So before Fastify reads a request, `X-Forwarded-For` is replaced by
 * the one address Fly Proxy vouches for, and `trustProxy` trusts exactly one hop (the socket's peer):
 * `request.ip` is `Fly-Client-IP` behind Fly Proxy, and the socket's peer otherwise. (An app of your
 * organization that calls this one over the private network bypasses Fly Proxy and could set the
 * header itself; treat such callers as trusted, or authenticate them.)
 */
import type { IncomingMessage } from "node:http";
import { isIP } from "node:net";

/** For Fastify's `rewriteUrl`, which runs before routing and logging: keeps the URL, fixes the header. */
export function forwardedForFromFlyProxy(req: IncomingMessage): string {
  const flyClientIp = req.headers["fly-client-ip"];
  if (typeof flyClientIp === "string" && isIP(flyClientIp.trim())) {
    req.headers["x-forwarded-for"] = flyClientIp.trim();
  } else {
    delete req.headers["x-forwarded-for"];
  }
  return req.url ?? "/";
}
