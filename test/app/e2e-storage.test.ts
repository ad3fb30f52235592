/**
 * Object storage for real: the built app against a real S3 API (s3rver, test/harness/s3.ts) with
 * the five settings `fly storage create --app` gives the web app. A file goes up and comes back
 * through the web tier and is in the bucket in between; /readyz follows the bucket without failing
 * on it; the worker app, which gets none of the settings, runs, and the web tier will not start
 * without them.
 */
import { randomBytes } from "node:crypto";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../harness/ports.js";
import { type PostgresCluster, startPostgres } from "../harness/postgres.js";
import { type S3Server, startS3 } from "../harness/s3.js";
import { type BuiltApp, buildApp, type Web } from "./built-app.js";
import { type AppProcess, PROCESS_TEST_TIMEOUT_MS, startProcess } from "./processes.js";

const BUCKET = "media-files";

describe("files in a bucket of a real S3 API", { timeout: PROCESS_TEST_TIMEOUT_MS }, () => {
  let postgres: PostgresCluster;
  let s3: S3Server;
  let app: BuiltApp;
  let web: Web;
  let worker: AppProcess;

  beforeAll(async () => {
    [postgres, s3] = await Promise.all([startPostgres(), startS3({ buckets: [BUCKET] })]);
    const answers = { name: "media", cache: { kind: "none" }, storage: { kind: "tigris" } } as const;
    app = await buildApp(answers, { PRIMARY_REGION: "iad", DATABASE_URL: postgres.url() });
    await app.migrate();
    web = await app.startWeb("iad", s3.env(BUCKET));
    // Built and migrated on a loaded 2-core machine: past 60 s.
  }, 300_000);

  afterAll(async () => {
    await Promise.all([web?.proc.kill("SIGKILL"), worker?.kill("SIGKILL")]);
    await Promise.all([postgres?.stop(), s3?.stop()]);
    await app?.remove();
  });

  const readyz = async () => (await (await fetch(`${web.base}/readyz`)).json()) as { storage: string };

  it("stores an upload in the bucket and sends it back, byte for byte, with its content type", async () => {
    const bytes = randomBytes(256 * 1024);
    const put = await fetch(`${web.base}/files/photo.png`, {
      method: "PUT",
      headers: { "content-type": "image/png" },
      body: bytes,
    });
    expect([put.status, await put.json()]).toEqual([
      200,
      { key: "photo.png", size: bytes.length, contentType: "image/png" },
    ]);
    // In the bucket itself, read with a client of our own.
    const client = new S3Client({
      endpoint: s3.endpoint,
      region: "auto",
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: "photo.png" }));
    expect(Buffer.from((await object.Body?.transformToByteArray()) ?? []).equals(bytes)).toBe(true);
    client.destroy();
    const got = await fetch(`${web.base}/files/photo.png`);
    expect([got.status, got.headers.get("content-type"), got.headers.get("content-disposition")]).toEqual([
      200,
      "image/png",
      "attachment",
    ]);
    expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
  });

  it("/readyz reports the bucket, down while the S3 API is gone, and answers 200 throughout", async () => {
    expect(await readyz()).toMatchObject({ storage: "ok" });
    await s3.stop();
    const res = await fetch(`${web.base}/readyz`);
    expect([res.status, ((await res.json()) as { storage: string }).storage]).toEqual([200, "down"]);
  });

  it("the worker app runs without the bucket's settings, which only the web app gets", async () => {
    worker = app.startWorker();
    const health = async () => (await fetch(`${app.workerMetrics}/healthz`).catch(() => undefined))?.status;
    await expect.poll(health, { timeout: 20_000 }).toBe(200);
  });

  it("the web tier will not start without them, and names each that is missing", async () => {
    const { BUCKET_NAME: _, AWS_SECRET_ACCESS_KEY: secret, ...partial } = s3.env(BUCKET);
    const proc = startProcess(app.dir, "dist/web/server.js", {
      PATH: process.env.PATH,
      PRIMARY_REGION: "iad",
      DATABASE_URL: postgres.url(),
      PORT: String(await freePort()),
      METRICS_PORT: String(await freePort()),
      ...partial,
    });
    expect(await proc.exited).not.toBe(0);
    expect(proc.output()).toMatch(/AWS_SECRET_ACCESS_KEY: required by the web tier's file storage\n {2}BUCKET_NAME: /);
    expect(proc.output()).not.toContain(secret);
    expect(proc.output()).not.toContain(partial.AWS_ACCESS_KEY_ID);
  });
});
