/**
 * The generated app's processes (web, worker, migrate) run as real Node processes, as on a Machine:
 * on the Node major its Dockerfile runs (test/harness/target-node.ts), not on the one running us.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { stopOnExit } from "../harness/cleanup.js";
import { targetNode } from "../harness/target-node.js";

const NODE = await targetNode();

/**
 * The hang guard of a test that starts the app's processes and waits on them (each wait has its
 * own deadline): a test that started two web servers and a worker took more than vitest's 30 s
 * default on a machine at load 15. A budget, not a timing assertion.
 */
export const PROCESS_TEST_TIMEOUT_MS = 180_000;

export interface AppProcess {
  child: ChildProcess;
  /** Everything it printed so far: JSON log lines. */
  output(): string;
  /** Resolves with the exit code (or the signal's name). */
  exited: Promise<number | string>;
  kill(signal: NodeJS.Signals): Promise<number | string>;
}

export function startProcess(cwd: string, script: string, env: NodeJS.ProcessEnv): AppProcess {
  const child = spawn(NODE, [script], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const unregister = stopOnExit(() => child.kill("SIGKILL"));
  const exited = new Promise<number | string>((resolve) => {
    child.once("exit", (code, signal) => {
      unregister();
      resolve(code ?? signal ?? "unknown");
    });
  });
  return {
    child,
    output: () => output,
    exited,
    kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs a script to completion, failing with its output if it exits non-zero. */
export async function runToEnd(cwd: string, script: string, env: NodeJS.ProcessEnv): Promise<string> {
  const proc = startProcess(cwd, script, env);
  const code = await proc.exited;
  if (code !== 0) throw new Error(`${script} exited with ${code}:\n${proc.output()}`);
  return proc.output();
}

/** Waits until `url` answers 200, or the process dies (with its output in the error). */
export async function waitUntilServing(proc: AppProcess, url: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`process exited before serving:\n${proc.output()}`);
    const ok = await fetch(url).then(
      (res) => res.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${url} not serving after ${timeoutMs} ms:\n${proc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
