/**
 * The bucket: Tigris on Fly, where `fly storage create` gave the web app its five settings; any S3
 * API locally and in CI.
 *
 * Addressing is virtual-hosted (`https://<bucket>.fly.storage.tigris.dev`), the SDK's default:
 * Tigris serves buckets created since 2025-02-19 that way only. An endpoint that is an IP address
 * (a local S3 server) has no bucket subdomains, and the SDK addresses it path-style by itself.
 */
import type { Readable } from "node:stream";
import { GetObjectCommand, HeadBucketCommand, NoSuchKey, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { type Config, ConfigError, type StorageSettings } from "./config.js";

/** Opening a connection to the S3 API; a request waits at most REQUEST_TIMEOUT_MS for a response. */
const CONNECT_TIMEOUT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** /readyz asks the bucket this long at most, and cancels the request then. */
const PING_TIMEOUT_MS = 1_000;

const VARIABLES: Record<keyof StorageSettings, string> = {
  accessKeyId: "AWS_ACCESS_KEY_ID",
  secretAccessKey: "AWS_SECRET_ACCESS_KEY",
  endpoint: "AWS_ENDPOINT_URL_S3",
  region: "AWS_REGION",
  bucket: "BUCKET_NAME",
};

export interface StoredFile {
  body: Readable;
  contentType: string;
  size: number | undefined;
}

type Settings = { [K in keyof StorageSettings]: string };

/** The settings, all five, or a ConfigError naming each that is missing. */
function settingsOf(config: Config): Settings {
  const missing = Object.entries(VARIABLES).filter(
    ([key]) => config.storage[key as keyof StorageSettings] === undefined,
  );
  if (missing.length > 0) {
    const lines = missing.map(([, name]) => `  ${name}: required by the web tier's file storage`);
    throw new ConfigError(`invalid environment:\n${lines.join("\n")}`);
  }
  return config.storage as Settings;
}

export class Storage {
  readonly #client: S3Client;
  readonly #bucket: string;

  constructor(config: Config) {
    const settings = settingsOf(config);
    this.#bucket = settings.bucket;
    this.#client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
      // Checksums only where an operation requires one: by default the SDK sends streamed bodies
      // as aws-chunked with a trailing CRC, which not every S3-compatible server reads.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
    });
  }

  async put(key: string, body: Buffer, contentType: string): Promise<void> {
    await this.#client.send(
      new PutObjectCommand({ Bucket: this.#bucket, Key: key, Body: body, ContentType: contentType }),
    );
  }

  /** The file stored under `key`, streamed, or undefined when there is none. */
  async get(key: string): Promise<StoredFile | undefined> {
    try {
      const object = await this.#client.send(new GetObjectCommand({ Bucket: this.#bucket, Key: key }));
      return {
        body: object.Body as Readable,
        contentType: object.ContentType ?? "application/octet-stream",
        size: object.ContentLength,
      };
    } catch (error) {
      if (error instanceof NoSuchKey) return undefined;
      throw error;
    }
  }

  /** Whether the bucket answers: HeadBucket, cancelled after PING_TIMEOUT_MS. */
  async ping(): Promise<void> {
    await this.#client.send(new HeadBucketCommand({ Bucket: this.#bucket }), {
      abortSignal: AbortSignal.timeout(PING_TIMEOUT_MS),
    });
  }

  close(): void {
    this.#client.destroy();
  }
}
