/** A real redis-server on a free loopback port, in the foreground so it dies with us. */
import { type ChildProcess, spawn } from "node:child_process";
import { Socket } from "node:net";
import { stopOnExit } from "./cleanup.js";
import { freePort } from "./ports.js";

export interface RedisServer {
  port: number;
  url: string;
  /** Starts it again on the same port (after stop), empty. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(500);
    socket.once("data", (data) => {
      socket.destroy();
      resolve(data.toString().startsWith("+PONG"));
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(port, "127.0.0.1", () => socket.write("PING\r\n"));
  });
}

export async function startRedis(): Promise<RedisServer> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  stopOnExit(() => child?.kill("SIGKILL"));

  const self: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    async start() {
      const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"];
      const started = spawn("redis-server", args, { stdio: ["ignore", "ignore", "pipe"] });
      child = started;
      let failure: Error | undefined;
      started.once("error", (error) => {
        failure = error;
      });
      started.once("exit", (code) => {
        failure ??= new Error(`redis-server exited with code ${code}`);
      });
      const deadline = Date.now() + 10_000;
      while (!(await ping(port))) {
        if (failure) throw failure;
        if (Date.now() > deadline) throw new Error("redis-server did not answer PING within 10 s");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill("SIGTERM");
      await exited;
    },
  };
  await self.start();
  return self;
}
