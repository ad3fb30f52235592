/**
 * A real S3 API (s3rver, test/harness/s3-server.mjs) on a free loopback port, its objects in a temp
 * folder, with one Tigris-shaped key pair, as the stand-in for the Tigris bucket the generated app
 * gets from `fly storage create`:
 *
 *   const s3 = await startS3({ buckets: ["acme-media"] });
 *   spawn(node, ["dist/web/server.js"], { env: { ...process.env, ...s3.env("acme-media") } });
 *
 * What it does not emulate is listed in test/harness/s3.test.ts.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { stopOnExit } from "./cleanup.js";

const SERVER = fileURLToPath(new URL("./s3-server.mjs", import.meta.url));

export interface S3Server {
  /**
   * http://127.0.0.1:<port>: path-style only, as an IP address has no bucket subdomains, which
   * @aws-sdk/client-s3 knows (it addresses an IP endpoint path-style without forcePathStyle).
   */
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The folder that holds the objects, removed by stop(). */
  directory: string;
  /**
   * The secrets `fly storage create --app` sets (test/fake-fly/fly.mjs bucketEnvironment), pointing
   * at this server: @aws-sdk/client-s3 reads all of them but BUCKET_NAME from the environment.
   */
  env(bucket: string): Record<string, string>;
  stop(): Promise<void>;
}

export interface S3Options {
  /** Buckets that exist from the start. */
  buckets?: string[];
  /** The Node binary that runs the server (targetNode() for the generated app's); ours by default. */
  node?: string;
}

export async function startS3({ buckets = [], node = process.execPath }: S3Options = {}): Promise<S3Server> {
  const directory = mkdtempSync(join(tmpdir(), "s3-"));
  const accessKeyId = `tid_${randomBytes(12).toString("hex")}`;
  const secretAccessKey = `tsec_${randomBytes(24).toString("hex")}`;
  const args = [SERVER, "--directory", directory, "--access-key-id", accessKeyId];
  args.push("--secret-access-key", secretAccessKey, ...buckets.flatMap((name) => ["--bucket", name]));
  const child: ChildProcess = spawn(node, args, { stdio: ["pipe", "pipe", "pipe"] });
  const unregister = stopOnExit(() => {
    child.kill("SIGKILL");
    rmSync(directory, { recursive: true, force: true });
  });
  let port: number;
  try {
    port = await listeningPort(child);
  } catch (error) {
    child.kill("SIGKILL");
    rmSync(directory, { recursive: true, force: true });
    unregister();
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    accessKeyId,
    secretAccessKey,
    directory,
    env: (bucket) => ({
      AWS_ACCESS_KEY_ID: accessKeyId,
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_REGION: "auto",
      AWS_SECRET_ACCESS_KEY: secretAccessKey,
      BUCKET_NAME: bucket,
    }),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        // The server exits when its stdin closes.
        child.stdin?.end();
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
      unregister();
    },
  };
}

/** The port from the server's first line, or its stderr if it exits first; 15 s at most. */
function listeningPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let stderr = "";
    child.stderr?.on("data", (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => reject(new Error(`s3-server did not listen within 15 s: ${stderr}`)), 15_000);
    child.once("error", reject);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`s3-server exited with code ${code}: ${stderr}`));
    });
    const lines = child.stdout ? createInterface({ input: child.stdout }) : undefined;
    lines?.once("line", (line) => {
      clearTimeout(timer);
      resolve((JSON.parse(line) as { port: number }).port);
    });
  });
}
