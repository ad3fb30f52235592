/**
 * A private npm registry for tests: verdaccio on 127.0.0.1 on a free port, storing in a temp folder,
 * proxying everything else to the machine's registry. Our package is published to it as `npm
 * publish` would publish it, so tests can `npm create`, `npx` or `npm install` it as users do.
 *
 *   const registry = await publishOurPackage();   // or startLocalRegistry() + publish(packOurPackage())
 *   await registry.npm(["install", "--registry", registry.url], { cwd: app });
 *   await registry.stop();
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { freePort } from "../harness/ports.js";

const run = promisify(execFile);

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const PACKAGE_NAME = "create-fly-ref-arch";

export interface LocalRegistry {
  /** e.g. "http://127.0.0.1:41234/" */
  url: string;
  /** A temp folder owned by this registry (storage, npm cache), removed by stop(). */
  dir: string;
  /**
   * Environment for npm, npx and `npm create`: an npm cache of this registry's own, so a version
   * published again with new content is never served from an earlier run's npx cache.
   */
  env: NodeJS.ProcessEnv;
  publish(tarball: string): Promise<void>;
  /** Runs npm with this registry's environment; rejects with npm's stderr on failure. */
  npm(args: string[], options: { cwd: string }): Promise<{ stdout: string; stderr: string }>;
  stop(): Promise<void>;
}

export async function startLocalRegistry(): Promise<LocalRegistry> {
  const dir = mkdtempSync(join(tmpdir(), "fly-ref-arch-registry-"));
  const uplink = (await run("npm", ["config", "get", "registry"])).stdout.trim();
  let child: ChildProcess | undefined;
  let url = "";
  let log = "";
  // The port is free when probed but could be taken before verdaccio binds it: try a few.
  for (let attempt = 0; attempt < 3 && !child; attempt++) {
    const port = await freePort();
    writeFileSync(join(dir, "config.yaml"), verdaccioConfig(dir, uplink, port));
    const started = spawn(join(ROOT, "node_modules/.bin/verdaccio"), ["--config", join(dir, "config.yaml")], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    started.stderr?.on("data", (chunk) => {
      log = (log + chunk).slice(-4000);
    });
    url = `http://127.0.0.1:${port}/`;
    if (await waitForPing(url, started)) child = started;
    else started.kill();
  }
  if (!child) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`verdaccio did not start:\n${log}`);
  }
  const running = child;
  const killOnExit = () => running.kill();
  process.once("exit", killOnExit);

  const env = { ...process.env, npm_config_cache: join(dir, "npm-cache"), npm_config_update_notifier: "false" };
  const npm = (args: string[], options: { cwd: string }) => run("npm", args, { cwd: options.cwd, env });
  const authFlag = `--${url.replace(/^http:/, "")}:_authToken=fake-token`;
  return {
    url,
    dir,
    env,
    npm,
    async publish(tarball) {
      // npm insists on a credential; verdaccio takes any token as anonymous, which this config lets publish.
      await npm(["publish", tarball, "--registry", url, authFlag, "--ignore-scripts"], { cwd: dir });
    },
    async stop() {
      process.removeListener("exit", killOnExit);
      if (running.exitCode === null) {
        const exited = new Promise((done) => running.once("exit", done));
        running.kill();
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A running registry with this checkout's build published as create-fly-ref-arch. */
export async function publishOurPackage(): Promise<LocalRegistry> {
  const registry = await startLocalRegistry();
  try {
    await registry.publish(await packOurPackage(registry.dir));
    return registry;
  } catch (error) {
    await registry.stop();
    throw error;
  }
}

/** `npm pack` of this checkout's current build into `dest`; returns the tarball's path. */
export async function packOurPackage(dest: string): Promise<string> {
  assertBuildIsCurrent();
  const { stdout } = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dest], {
    cwd: ROOT,
  });
  const [info] = JSON.parse(stdout) as [{ filename: string }];
  return join(dest, info.filename);
}

/** The package ships dist/ as `npm run build` left it: refuse to test a build older than its sources. */
export function assertBuildIsCurrent(): void {
  const bundle = join(ROOT, "dist/cli.js");
  if (!existsSync(bundle)) throw new Error("dist/cli.js is missing: run `npm run build` first");
  const built = statSync(bundle).mtimeMs;
  const newest = ["src", "generators", "templates", "package.json"].reduce(
    (latest, entry) => Math.max(latest, newestMtime(join(ROOT, entry))),
    0,
  );
  if (newest > built) throw new Error("dist/ is older than the sources: run `npm run build` first");
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((latest, entry) => Math.max(latest, newestMtime(join(path, entry))), 0);
}

async function waitForPing(url: string, child: ChildProcess): Promise<boolean> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(new URL("-/ping", url))).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** Anyone may publish (a fake token is enough); our own package is never looked up upstream. */
function verdaccioConfig(dir: string, uplink: string, port: number): string {
  const open = "    access: $all\n    publish: $all\n    unpublish: $all\n";
  return `storage: ${JSON.stringify(join(dir, "storage"))}
auth:
  htpasswd:
    file: ${JSON.stringify(join(dir, "htpasswd"))}
    max_users: -1
uplinks:
  npmjs:
    url: ${JSON.stringify(uplink)}
packages:
  ${JSON.stringify(PACKAGE_NAME)}:
${open}  "@*/*":
${open}    proxy: npmjs
  "**":
${open}    proxy: npmjs
listen: 127.0.0.1:${port}
middlewares:
  audit:
    enabled: false
log: { type: stdout, format: pretty, level: warn }
`;
}
