/**
 * The Redis app's start script, run for real against redis-server: the policy from redis/fly.toml
 * takes effect, the password is required and never appears in the process list, and memory is
 * capped below the Machine's.
 */
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { freePort } from "../harness/ports.js";
import { render } from "../helpers/render.js";

const REDIS_SERVER = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"].find(existsSync);
const isRoot = process.getuid?.() === 0;

function redisCli(port: number, password: string | undefined, ...command: string[]): string {
  const auth = password ? ["-a", password, "--no-auth-warning"] : [];
  return execFileSync("redis-cli", ["-p", String(port), ...auth, ...command], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  }).trim();
}

async function waitForPong(port: number, password: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      if (redisCli(port, password, "ping") === "PONG") return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`redis-server did not answer on port ${port}`);
}

describe.skipIf(!REDIS_SERVER)("redis/start-redis.sh (needs redis-server; .ci/run installs it)", () => {
  it.each([
    ["the job queue lives in Redis", { worker: { kind: "app", queue: "redis" } }, "noeviction", "yes"],
    [
      "a pure cache",
      { worker: { kind: "app", queue: "postgres" }, database: { kind: "postgres" } },
      "allkeys-lru",
      "no",
    ],
  ] as const)("%s: starts with the policy of redis/fly.toml", async (_, answers, policy, appendOnly) => {
    const tree = render({ name: "acme", regions: ["iad"], cache: { kind: "redis-app" }, ...answers });
    const config = parseToml(tree.get("redis/fly.toml")?.content ?? "") as { env: Record<string, string> };
    expect(config.env).toEqual({ MAXMEMORY_POLICY: policy, APPENDONLY: appendOnly });

    const dir = mkdtempSync(join(tmpdir(), "redis-app-"));
    chmodSync(dir, 0o755);
    const script = join(dir, "start-redis.sh");
    writeFileSync(script, tree.get("redis/start-redis.sh")?.content ?? "", { mode: 0o755 });
    const data = join(dir, "data");
    execFileSync("mkdir", [data]);
    // As root, run it as the redis user, as the image does after its chown (gosu is not installed here).
    if (isRoot) chownSync(data, Number(execFileSync("id", ["-u", "redis"], { encoding: "utf8" })), 0);
    const port = await freePort();
    const password = "0123456789abcdef".repeat(4);
    const env = {
      ...config.env,
      PATH: process.env.PATH ?? "",
      REDIS_PASSWORD: password,
      REDIS_DATA_DIR: data,
      REDIS_PORT: String(port),
      FLY_VM_MEMORY_MB: "512",
    };
    const command = isRoot ? ["runuser", ["-u", "redis", "--", "sh", script]] : ["sh", [script]];
    const child = spawn(command[0] as string, command[1] as string[], { env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (chunk) => {
      log += chunk;
    });
    child.stderr.on("data", (chunk) => {
      log += chunk;
    });
    try {
      await waitForPong(port, password).catch((error: Error) => {
        throw new Error(`${error.message}\n${log}`);
      });
      expect(redisCli(port, password, "config", "get", "maxmemory-policy").split("\n")[1]).toBe(policy);
      expect(redisCli(port, password, "config", "get", "appendonly").split("\n")[1]).toBe(appendOnly);
      expect(Number(redisCli(port, password, "config", "get", "maxmemory").split("\n")[1])).toBe(
        Math.floor((512 * 80) / 100) * 1024 * 1024,
      );
      expect(redisCli(port, undefined, "get", "x")).toMatch(/NOAUTH/);
      const pid = redisCli(port, password, "info", "server").match(/process_id:(\d+)/)?.[1];
      expect(readFileSync(`/proc/${pid}/cmdline`, "utf8")).not.toContain(password);
    } finally {
      try {
        redisCli(port, password, "shutdown", "nosave");
      } catch {
        // already gone
      }
      if (child.exitCode === null) child.kill("SIGTERM");
      await new Promise((r) => (child.exitCode === null ? child.once("exit", r) : r(null)));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
