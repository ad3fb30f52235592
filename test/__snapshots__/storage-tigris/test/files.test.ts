import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/lib/config.js";
import { Storage } from "../src/lib/storage.js";
import { createApp } from "../src/web/app.js";
import { MAX_FILE_BYTES } from "../src/web/routes/files.js";
import { DEAD_PORT, testEnv } from "./env.js";

type App = Awaited<ReturnType<typeof createApp>>;

describe("the file API, against the S3 server the environment names", () => {
  let app: App;
  beforeAll(async () => {
    app = await createApp(loadConfig(testEnv()));
    // CI runs the S3 server as a service container, and GitHub starts the steps without waiting
    // for it to answer: wait until /readyz says storage is ok, for at most a minute.
    const deadline = Date.now() + 60_000;
    while ((await app.inject({ method: "GET", url: "/readyz" })).json().storage !== "ok") {
      if (Date.now() > deadline) throw new Error("the S3 server in AWS_ENDPOINT_URL_S3 did not answer within 60 s");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }, 70_000);
  afterAll(() => app.close());

  const put = (key: string, payload: Buffer | string, contentType?: string) =>
    app.inject({
      method: "PUT",
      url: `/files/${key}`,
      payload,
      headers: contentType === undefined ? {} : { "content-type": contentType },
    });

  it("stores a body and sends it back, byte for byte, with its content type", async () => {
    const key = `${randomUUID()}.bin`;
    const bytes = randomBytes(64 * 1024);
    const stored = await put(key, bytes, "application/octet-stream");
    expect(stored.statusCode).toBe(200);
    expect(stored.json()).toEqual({ key, size: bytes.length, contentType: "application/octet-stream" });
    const got = await app.inject({ method: "GET", url: `/files/${key}` });
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(bytes)).toBe(true);
    expect(got.headers).toMatchObject({
      "content-type": "application/octet-stream",
      "content-disposition": "attachment",
    });
  });

  it("keeps JSON and text as they were sent, parameters included; a PUT replaces", async () => {
    const key = `${randomUUID()}.json`;
    expect((await put(key, '{"a":1}', "application/json")).statusCode).toBe(200);
    expect((await app.inject({ method: "GET", url: `/files/${key}` })).body).toBe('{"a":1}');
    expect((await put(key, "hé", "text/plain; charset=utf-8")).statusCode).toBe(200);
    const got = await app.inject({ method: "GET", url: `/files/${key}` });
    expect([got.body, got.headers["content-type"]]).toEqual(["hé", "text/plain; charset=utf-8"]);
  });

  it("answers 404 for a key with no file, 400 for a key it does not take, 414 for one over 100", async () => {
    expect((await app.inject({ method: "GET", url: `/files/${randomUUID()}` })).statusCode).toBe(404);
    expect((await put("x".repeat(100), "x", "text/plain")).statusCode).toBe(200);
    expect((await put("x".repeat(101), "x", "text/plain")).statusCode).toBe(414);
    for (const key of [".hidden", "a%2Fb", "a%20b", "-x"]) {
      expect((await app.inject({ method: "GET", url: `/files/${key}` })).statusCode, key).toBe(400);
      expect((await put(key, "x", "text/plain")).statusCode, key).toBe(400);
    }
  });

  it("refuses a body over the cap (413) and one without a media type (415), storing nothing", async () => {
    const big = randomUUID();
    expect((await put(big, Buffer.alloc(MAX_FILE_BYTES + 1), "application/octet-stream")).statusCode).toBe(413);
    const untyped = randomUUID();
    expect((await put(untyped, "x")).statusCode).toBe(415);
    expect((await put(untyped, "x", "not a type")).statusCode).toBe(415);
    for (const key of [big, untyped]) {
      expect((await app.inject({ method: "GET", url: `/files/${key}` })).statusCode).toBe(404);
    }
  });
});

describe("Storage", () => {
  it("reports a bucket it cannot reach as down to /readyz, which still answers 200", async () => {
    const app = await createApp(loadConfig(testEnv({ AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${DEAD_PORT}` })));
    try {
      const res = await app.inject({ method: "GET", url: "/readyz" });
      expect([res.statusCode, res.json().storage]).toEqual([200, "down"]);
    } finally {
      await app.close();
    }
  });

  it("will not open without all five settings, and names the missing ones", () => {
    const config = loadConfig(testEnv({ AWS_SECRET_ACCESS_KEY: undefined, BUCKET_NAME: undefined }));
    expect(() => new Storage(config)).toThrow(ConfigError);
    expect(() => new Storage(config)).toThrow(/AWS_SECRET_ACCESS_KEY: .*\n {2}BUCKET_NAME: /);
  });
});
