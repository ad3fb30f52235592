/**
 * Acceptance 3: no Docker engine runs here, so the generated Dockerfile's steps are carried out one
 * by one in scratch folders (one per stage, standing in for /app): COPY honours .dockerignore and
 * --from, RUN runs in the stage's folder, ENV and CMD are read from the final stage. The web
 * process started with the CMD must answer /healthz, and exit 0 on SIGTERM.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix, relative, sep } from "node:path";
import { DockerfileParser } from "dockerfile-ast";
import { execa } from "execa";
import fse from "fs-extra";
import { parse as parseToml } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeNewProject } from "../../src/engine/write-new.js";
import { freePort } from "../harness/ports.js";
import { type LocalRegistry, publishOurPackage } from "../helpers/local-registry.js";
import { render } from "../helpers/render.js";
import { INFRA_CASES } from "./cases.js";

/** The case without database or cache: the web process needs nothing else to start. */
const webOnly = INFRA_CASES.find((c) => c.name === "web-only");
if (!webOnly) throw new Error("test/infra/cases.ts lost its web-only case");
const tree = render(webOnly.spec);
const hasServer = tree.has("src/web/server.ts");
const IMAGE_ROOT = "/app";

/** .dockerignore as Docker reads it: patterns from the context root, `*` within a name, `!` re-includes. */
function ignoreMatcher(lines: string[]) {
  const rules = lines
    .map((l) => l.trim())
    .filter((l) => l !== "" && !l.startsWith("#"))
    .map((l) => {
      const negate = l.startsWith("!");
      const pattern = (negate ? l.slice(1) : l).replace(/^\/+/, "");
      const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}(/.*)?$`);
      return { negate, regex };
    });
  return (path: string) => rules.reduce((ignored, r) => (r.regex.test(path) ? !r.negate : ignored), false);
}

/** The build context as Docker sends it: an ignored folder is left out whole, with all it holds. */
function copyContext(context: string, into: string, ignored: (path: string) => boolean) {
  fse.copySync(context, into, {
    filter: (source) => {
      const rel = relative(context, source).split(sep).join("/");
      return rel === "" || !ignored(rel);
    },
  });
}

/** Where an image path of a stage lives on disk. */
function onDisk(stageDir: string, imagePath: string, workdir: string): string {
  const absolute = posix.resolve(workdir, imagePath);
  if (!absolute.startsWith(IMAGE_ROOT))
    throw new Error(`${imagePath} is outside ${IMAGE_ROOT}; the steps assume one WORKDIR`);
  return join(stageDir, posix.relative(IMAGE_ROOT, absolute));
}

interface BuiltImage {
  dir: string;
  env: Record<string, string>;
  cmd: string[];
}

/** Carries out the Dockerfile's steps; each RUN's output is kept for the failure message. */
/** `network`: what the build machine's npm reaches (here, the local registry that has our package). */
async function build(context: string, scratch: string, network: NodeJS.ProcessEnv): Promise<BuiltImage> {
  const dockerfile = DockerfileParser.parse(tree.get("Dockerfile")?.content ?? "");
  const ignored = ignoreMatcher((tree.get(".dockerignore")?.content ?? "").split("\n"));
  const stages = new Map<string, { dir: string; env: Record<string, string>; workdir: string }>();
  let dir = "";
  let workdir = IMAGE_ROOT;
  let env: Record<string, string> = {};
  let cmd: string[] = [];
  let stageCount = 0;
  for (const instruction of dockerfile.getInstructions()) {
    const args = instruction.getArgumentsContent() ?? "";
    const words = instruction.getArguments().map((a) => a.getValue());
    switch (instruction.getKeyword()) {
      case "FROM": {
        // A stage built on an earlier stage starts from a copy of it.
        const base = stages.get(words[0] ?? "");
        dir = join(scratch, `stage-${stageCount++}`);
        mkdirSync(dir, { recursive: true });
        if (base) cpSync(base.dir, dir, { recursive: true });
        env = { ...base?.env };
        workdir = base?.workdir ?? IMAGE_ROOT;
        const as = /\bAS\s+(\S+)/i.exec(args)?.[1];
        if (as) stages.set(as, { dir, env, workdir });
        break;
      }
      case "WORKDIR":
        workdir = posix.resolve(workdir, args);
        mkdirSync(onDisk(dir, ".", workdir), { recursive: true });
        for (const stage of stages.values()) if (stage.dir === dir) stage.workdir = workdir;
        break;
      case "ENV":
        for (const pair of words) {
          const [name = "", ...value] = pair.split("=");
          env[name] = value.join("=").replace(/^"(.*)"$/, "$1");
        }
        break;
      case "COPY": {
        // dockerfile-ast leaves flags out of the arguments; the line's text still has them.
        const from = /\s--from=(\S+)/.exec(instruction.getTextContent())?.[1];
        const paths = words.filter((w) => !w.startsWith("--"));
        const dest = paths.pop() ?? ".";
        for (const source of paths) {
          if (from) {
            const fromDir = stages.get(from)?.dir ?? "";
            cpSync(
              onDisk(fromDir, source, IMAGE_ROOT),
              onDisk(dir, dest.endsWith("/") ? posix.join(dest, posix.basename(source)) : dest, workdir),
              { recursive: true },
            );
          } else if (source === ".") {
            copyContext(context, onDisk(dir, dest, workdir), ignored);
          } else {
            cpSync(join(context, source), join(onDisk(dir, dest, workdir), posix.basename(source)));
          }
        }
        break;
      }
      case "RUN": {
        const result = await execa("sh", ["-c", args], {
          cwd: onDisk(dir, ".", workdir),
          reject: false,
          all: true,
          env: { ...network, ...env },
        });
        if (result.exitCode !== 0) throw new Error(`RUN ${args} failed:\n${result.all}`);
        break;
      }
      case "CMD":
        cmd = JSON.parse(args);
        break;
      default:
        // USER, EXPOSE: nothing to carry out in a folder.
        break;
    }
  }
  return { dir: onDisk(dir, ".", workdir), env, cmd };
}

async function getHealthz(port: number, child: ChildProcess): Promise<Response> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`the web process exited with ${child.exitCode}`);
    try {
      return await fetch(`http://127.0.0.1:${port}/healthz`);
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error("no answer on /healthz");
}

const root = mkdtempSync(join(tmpdir(), "docker-steps-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe.skipIf(!hasServer)("Dockerfile steps in a scratch copy", () => {
  // The generated package.json pins create-fly-ref-arch, which is not on the public registry yet:
  // installs get it from a local registry that has our packed package and proxies the rest.
  let registry: LocalRegistry | undefined;
  beforeAll(async () => {
    registry = await publishOurPackage();
  }, 180_000);
  afterAll(() => registry?.stop());

  it("install, build, prune, then the CMD serves /healthz and stops on SIGTERM", { timeout: 300_000 }, async () => {
    if (!registry) throw new Error("the local registry did not start");
    const network = { ...registry.env, npm_config_registry: registry.url };
    const context = join(root, "context");
    await writeNewProject(tree, context);
    // The lock file `npm create` leaves behind after its install step; npm ci needs it.
    const lock = await execa("npm", ["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund"], {
      cwd: context,
      reject: false,
      all: true,
      env: network,
    });
    expect(lock.exitCode, lock.all).toBe(0);

    const image = await build(context, join(root, "image"), network);
    expect(existsSync(join(image.dir, "node_modules", "typescript")), "prune left dev dependencies").toBe(false);
    expect(existsSync(join(image.dir, "src")), "the runtime stage must not carry sources").toBe(false);
    expect(image.env.NODE_ENV).toBe("production");

    const flyConfig = parseToml(tree.get("fly.toml")?.content ?? "") as {
      app: string;
      primary_region: string;
      env: Record<string, string>;
    };
    const flyEnv = flyConfig.env;
    const port = await freePort();
    const [command = "", ...args] = image.cmd;
    const child = spawn(command, args, {
      cwd: image.dir,
      // What a Machine of this app sees: the image's ENV, fly.toml's [env], Fly's own variables.
      env: {
        PATH: process.env.PATH,
        ...image.env,
        ...flyEnv,
        PORT: String(port),
        FLY_APP_NAME: flyConfig.app,
        FLY_REGION: flyConfig.primary_region,
      },
      stdio: "ignore",
    });
    try {
      const response = await getHealthz(port, child);
      expect(response.status).toBe(200);
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});
