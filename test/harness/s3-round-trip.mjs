#!/usr/bin/env node
/**
 * One HeadBucket, PutObject, GetObject and ListObjectsV2 with @aws-sdk/client-s3, configured as
 * the generated app would be on Fly: credentials, region and endpoint from the environment that
 * `fly storage create` sets, the bucket from BUCKET_NAME, nothing else. (The SDK addresses an
 * endpoint that is an IP address path-style by itself.) Prints what came back as JSON; run by
 * test/harness/s3.test.ts on each Node it checks.
 */
import {
  GetObjectCommand,
  HeadBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from "@aws-sdk/client-s3";

const Bucket = process.env.BUCKET_NAME;
const client = new S3Client();
const head = await client.send(new HeadBucketCommand({ Bucket }));
const body = `written on Node ${process.version}`;
await client.send(new PutObjectCommand({ Bucket, Key: "uploads/a.txt", Body: body, ContentType: "text/plain" }));
const got = await client.send(new GetObjectCommand({ Bucket, Key: "uploads/a.txt" }));
const listed = await client.send(new ListObjectsV2Command({ Bucket, Prefix: "uploads/" }));
process.stdout.write(
  `${JSON.stringify({
    head: head.$metadata.httpStatusCode,
    sent: body,
    got: await got.Body?.transformToString(),
    contentType: got.ContentType,
    listed: listed.Contents?.map((o) => [o.Key, o.Size]),
  })}\n`,
);
