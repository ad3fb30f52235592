/**
 * The web tier's edge: what a client sees of a failure, whose address request.ip is, the security
 * headers, the write rate limit and the request metrics. Test routes are added to a real app.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/lib/config.js";
import { registry } from "../src/lib/metrics.js";
import { createApp } from "../src/web/app.js";
import { testEnv } from "./env.js";

describe("the web tier's edge", () => {
  const config = loadConfig(testEnv({ RATE_LIMIT_WRITES_PER_MINUTE: "3" }));
  let app: Awaited<ReturnType<typeof createApp>>;
  beforeAll(async () => {
    app = await createApp(config);
    app.get("/test/fail", async () => {
      // What node-postgres throws for a missing table, and what a refused connection says.
      throw Object.assign(new Error('relation "items" does not exist; connect ECONNREFUSED 127.0.0.1:1'), {
        code: "42P01",
      });
    });
    app.get("/test/ip", async (request) => ({ ip: request.ip }));
    app.get("/test/things/:id", async () => ({ ok: true }));
    app.post("/test/things", async () => ({ ok: true }));
    app.get("/test/metered/:id", async () => ({ ok: true }));
  });
  afterAll(() => app.close());

  it("answers a server error with a generic body and the request id, nothing of the cause", async () => {
    const res = await app.inject({ method: "GET", url: "/test/fail", headers: { "fly-request-id": "req-42" } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: "internal error", requestId: "req-42" });
    expect(res.body).not.toMatch(/42P01|relation|ECONNREFUSED|127\.0\.0\.1/);
  });

  it("keeps client errors useful: bad JSON is a 400 that says so", async () => {
    const res = await app.inject({
      method: "POST",
      url: "/test/things",
      headers: { "content-type": "application/json" },
      payload: "{not json",
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: "FST_ERR_CTP_INVALID_JSON_BODY" });
  });

  it("takes the client's address from Fly-Client-IP, never from a client's X-Forwarded-For", async () => {
    const ip = async (headers: Record<string, string>) =>
      (await app.inject({ method: "GET", url: "/test/ip", headers, remoteAddress: "172.16.0.2" })).json().ip;
    expect(await ip({ "fly-client-ip": "203.0.113.7", "x-forwarded-for": "6.6.6.6, 203.0.113.7, 66.241.1.1" })).toBe(
      "203.0.113.7",
    );
    // Not through Fly Proxy (or a forged header that is no address): the socket's peer.
    expect(await ip({ "x-forwarded-for": "6.6.6.6" })).toBe("172.16.0.2");
    expect(await ip({ "fly-client-ip": "6.6.6.6, 1.2.3.4", "x-forwarded-for": "6.6.6.6" })).toBe("172.16.0.2");
  });

  it("sends helmet's security headers", async () => {
    const res = await app.inject({ method: "GET", url: "/healthz" });
    expect(res.headers).toMatchObject({ "x-content-type-options": "nosniff", "x-frame-options": "SAMEORIGIN" });
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
  });

  it("limits writes per client address on this Machine, and never reads", async () => {
    const write = (ip: string) =>
      app.inject({ method: "POST", url: "/test/things", headers: { "fly-client-ip": ip }, payload: {} });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await write("198.51.100.1")).statusCode);
    expect(statuses).toEqual([200, 200, 200, 429]);
    // Another client has a budget of its own; reads and OPTIONS are not writes.
    expect((await write("198.51.100.2")).statusCode).toBe(200);
    const read = await app.inject({
      method: "GET",
      url: "/test/things/1",
      headers: { "fly-client-ip": "198.51.100.1" },
    });
    expect(read.statusCode).toBe(200);
    const options = await app.inject({
      method: "OPTIONS",
      url: "/test/things",
      headers: { "fly-client-ip": "198.51.100.1" },
    });
    expect(options.statusCode).not.toBe(429);
  });

  it("measures requests by route pattern and status, not by URL", async () => {
    await app.inject({ method: "GET", url: "/test/metered/abc" });
    await app.inject({ method: "GET", url: "/test/metered/def" });
    const text = await registry.metrics();
    expect(text).toMatch(
      /http_request_duration_seconds_count\{method="GET",route="\/test\/metered\/:id",status="200"\} 2/,
    );
    expect(text).not.toContain("/test/metered/abc");
  });
});
