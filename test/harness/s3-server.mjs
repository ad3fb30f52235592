#!/usr/bin/env node
/**
 * s3rver (an S3 API over HTTP that keeps objects in a folder) as test/harness/s3.ts runs it, on
 * whichever Node runs this file:
 *
 *   node s3-server.mjs --directory DIR --access-key-id ID --secret-access-key KEY [--bucket NAME]...
 *
 * It listens on a free loopback port, prints {"port": N} on one line once it does, and exits when
 * its stdin closes, so it cannot outlive the test process that started it.
 *
 * Only the key pair given is accepted: s3rver's built-in S3RVER/S3RVER pair is revoked. Bodies in
 * aws-chunked encoding (what @aws-sdk/client-s3 sends for a stream by default) are refused with
 * 501 NotImplemented: s3rver would store them undecoded, chunk framing and checksum trailer included.
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import S3rver from "s3rver";
import AWSAccount from "s3rver/lib/models/account.js";

const { values } = parseArgs({
  options: {
    directory: { type: "string" },
    "access-key-id": { type: "string" },
    "secret-access-key": { type: "string" },
    bucket: { type: "string", multiple: true, default: [] },
  },
});
const account = AWSAccount.DUMMY_ACCOUNT;
account.revokeAccessKey("S3RVER");
account.createKeyPair(values["access-key-id"], values["secret-access-key"]);

const s3 = new S3rver({
  directory: values.directory,
  silent: true,
  configureBuckets: values.bucket.map((name) => ({ name, configs: [] })),
});
await s3.configureBuckets();
const handle = s3.callback();

const NOT_IMPLEMENTED =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NotImplemented</Code><Message>' +
  "The test S3 server cannot decode aws-chunked bodies: send a body of known length with " +
  "requestChecksumCalculation WHEN_REQUIRED</Message></Error>";

const server = createServer((request, response) => {
  const chunked =
    /aws-chunked/.test(request.headers["content-encoding"] ?? "") ||
    /^STREAMING-/.test(request.headers["x-amz-content-sha256"] ?? "");
  if (!chunked) return handle(request, response);
  request.resume();
  response.writeHead(501, { "Content-Type": "application/xml" }).end(NOT_IMPLEMENTED);
});
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
