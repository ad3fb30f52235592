/**
 * The S3 stand-in answers @aws-sdk/client-s3 as an S3 API does, on this Node and on the generated
 * app's, and fails where S3 (and Tigris) fail: a missing bucket or key, an unknown access key.
 *
 * What s3rver 3.7.1 does not emulate, each shown below: it checks that the access key id exists but
 * not the signature, so a wrong secret key is accepted; unsigned requests are served, where a
 * private Tigris bucket answers 403; it cannot decode aws-chunked bodies, which the server refuses
 * (501) rather than store them garbled. Nor does it have Tigris's regions, public buckets, shadow
 * buckets or rate limits.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { connect } from "node:net";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import {
  GetObjectCommand,
  HeadBucketCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type S3Server, startS3 } from "./s3.js";
import { targetNode } from "./target-node.js";

const ROUND_TRIP = new URL("./s3-round-trip.mjs", import.meta.url).pathname;
const BUCKET = "acme-media";

/** The environment without AWS settings of the machine, plus `extra`. */
function envWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  const own = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith("AWS_")));
  return { ...own, ...extra };
}

describe("a round trip through the S3 stand-in", () => {
  const nodes = { ours: process.execPath, target: "" };
  beforeAll(async () => {
    nodes.target = await targetNode();
  });

  it.each([
    ["ours", "ours"],
    ["target", "target"],
    ["ours", "target"],
  ] as const)("server on %s Node, client on %s Node: head-bucket, put, get, list", async (serverNode, clientNode) => {
    const s3 = await startS3({ buckets: [BUCKET], node: nodes[serverNode] });
    try {
      const { stdout } = await promisify(execFile)(nodes[clientNode], [ROUND_TRIP], { env: envWith(s3.env(BUCKET)) });
      const result = JSON.parse(stdout);
      const { stdout: version } = await promisify(execFile)(nodes[clientNode], ["--version"]);
      expect(result).toEqual({
        head: 200,
        sent: `written on Node ${version.trim()}`,
        got: result.sent,
        contentType: "text/plain",
        listed: [["uploads/a.txt", Buffer.byteLength(result.sent)]],
      });
    } finally {
      await s3.stop();
    }
  });
});

describe("where the S3 stand-in fails as S3 does, and where it does not", () => {
  let s3: S3Server;
  let config: S3ClientConfig;
  beforeAll(async () => {
    s3 = await startS3({ buckets: [BUCKET] });
    config = {
      endpoint: s3.endpoint,
      region: "auto",
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    };
  });
  afterAll(() => s3.stop());

  /** The S3 error code and HTTP status a call failed with. */
  async function failure(call: Promise<unknown>) {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(error instanceof S3ServiceException)) throw new Error(`expected an S3 error, got ${error}`);
    return [error.name, error.$metadata.httpStatusCode];
  }

  it("a missing bucket or key: NotFound on HEAD, NoSuchBucket and NoSuchKey with their 404", async () => {
    const client = new S3Client(config);
    expect(await failure(client.send(new HeadBucketCommand({ Bucket: "acme-missing" })))).toEqual(["NotFound", 404]);
    expect(await failure(client.send(new GetObjectCommand({ Bucket: "acme-missing", Key: "a" })))).toEqual([
      "NoSuchBucket",
      404,
    ]);
    expect(await failure(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: "missing" })))).toEqual([
      "NoSuchKey",
      404,
    ]);
  });

  it("an access key id it does not know: 403 InvalidAccessKeyId, and s3rver's own S3RVER key is revoked", async () => {
    for (const accessKeyId of ["tid_unknown", "S3RVER"]) {
      const client = new S3Client({ ...config, credentials: { accessKeyId, secretAccessKey: "S3RVER" } });
      expect(await failure(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: "a" })))).toEqual([
        "InvalidAccessKeyId",
        403,
      ]);
    }
  });

  it("does not emulate: a wrong secret key, or no signature at all, is accepted", async () => {
    const wrongSecret = new S3Client({
      ...config,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: "tsec_wrong" },
    });
    await wrongSecret.send(new PutObjectCommand({ Bucket: BUCKET, Key: "unchecked.txt", Body: "x" }));
    expect((await fetch(`${s3.endpoint}/${BUCKET}/unchecked.txt`)).status).toBe(200);
  });

  it("refuses an aws-chunked body (a stream, with the SDK's default checksums) rather than store it garbled", async () => {
    const stream = () => Readable.from([Buffer.from("abc")]);
    const put = (extra: Partial<S3ClientConfig>) =>
      new S3Client({ ...config, ...extra }).send(
        new PutObjectCommand({ Bucket: BUCKET, Key: "stream.txt", Body: stream(), ContentLength: 3 }),
      );
    expect(await failure(put({}))).toEqual(["NotImplemented", 501]);
    await put({ requestChecksumCalculation: "WHEN_REQUIRED" });
    const got = await new S3Client(config).send(new GetObjectCommand({ Bucket: BUCKET, Key: "stream.txt" }));
    expect(await got.Body?.transformToString()).toBe("abc");
  });
});

it("stop() ends the server and removes its folder", async () => {
  const s3 = await startS3();
  const port = Number(new URL(s3.endpoint).port);
  await s3.stop();
  const refused = await new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
  expect(refused).toBe(true);
  expect(existsSync(s3.directory)).toBe(false);
});
