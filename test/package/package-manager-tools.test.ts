/**
 * The commands the generated Dockerfile, README and CI run for each package manager, run by the real
 * tools: the install writes the lock file we name, the frozen install accepts it, the prune drops dev
 * dependencies. pnpm and yarn come through corepack, pinned by the generated package.json as in the
 * image; bun from npm, as the image's setup step installs it.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_MANAGERS } from "../../generators/base/options.js";
import { PACKAGE_MANAGER_COMMANDS } from "../../src/spec/package-manager.js";
import { render } from "../helpers/render.js";

const run = promisify(execFile);
const LOCK_FILES = PACKAGE_MANAGERS.map((pm) => PACKAGE_MANAGER_COMMANDS[pm].lockFile);

const work = mkdtempSync(join(tmpdir(), "fly-ref-arch-pm-tools-"));
const bin = join(work, "bin");
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  const registry = (await run("npm", ["config", "get", "registry"])).stdout.trim();
  env = {
    ...process.env,
    PATH: [bin, join(work, "bun-tool/node_modules/.bin"), process.env.PATH].join(delimiter),
    COREPACK_HOME: join(work, "corepack"),
    COREPACK_ENABLE_DOWNLOAD_PROMPT: "0",
    // This machine's registry mirror serves no signatures (tooling.md S1) and repo.yarnpkg.com is
    // unreachable: corepack fetches yarn from the npm registry and skips the signature check here.
    COREPACK_INTEGRITY_KEYS: "0",
    COREPACK_NPM_REGISTRY: registry.replace(/\/$/, ""),
    YARN_NPM_REGISTRY_SERVER: registry.replace(/\/$/, ""),
    YARN_GLOBAL_FOLDER: join(work, "yarn"),
    npm_config_store_dir: join(work, "pnpm-store"),
    BUN_INSTALL_CACHE_DIR: join(work, "bun-cache"),
    npm_config_user_agent: undefined,
    // The first install runs as on a developer's machine: under CI=true yarn 4 turns on immutable
    // installs and refuses to write the lock file. The frozen installs say so with their own flags.
    CI: undefined,
  };
  mkdirSync(bin);
  // What the image's `corepack enable` does, into a folder of our own instead of the global one.
  await run("corepack", ["enable", "--install-directory", bin, "pnpm", "yarn"], { env });
  mkdirSync(join(work, "bun-tool"));
  writeFileSync(join(work, "bun-tool/package.json"), '{"private":true}\n');
  await run("npm", ["install", "--no-audit", "--no-fund", "bun@1"], { cwd: join(work, "bun-tool"), env });
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe.each(PACKAGE_MANAGERS)("%s", (pm) => {
  const commands = PACKAGE_MANAGER_COMMANDS[pm];
  const dir = join(work, pm);
  const sh = (command: string) => run("sh", ["-c", command], { cwd: dir, env });

  beforeAll(() => {
    // The generated project frame, with two small dependencies instead of the app's.
    const tree = render({ name: "tools", packageManager: pm });
    const pkg = JSON.parse(tree.get("package.json")?.content ?? "{}");
    mkdirSync(dir);
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({
        ...pkg,
        scripts: {},
        dependencies: { picocolors: "1.1.1" },
        devDependencies: { sisteransi: "1.0.5" },
      }),
    );
    const yarnrc = tree.get(".yarnrc.yml");
    if (yarnrc) writeFileSync(join(dir, ".yarnrc.yml"), yarnrc.content);
  });

  it(`\`${commands.install}\` writes ${commands.lockFile}, and no other lock file`, async () => {
    await sh(commands.install);
    expect(LOCK_FILES.filter((file) => existsSync(join(dir, file)))).toEqual([commands.lockFile]);
  });

  it(`\`${commands.installFrozen}\` installs from it`, async () => {
    rmSync(join(dir, "node_modules"), { recursive: true, force: true });
    await sh(commands.installFrozen);
    expect(existsSync(join(dir, "node_modules/sisteransi"))).toBe(true);
  });

  it(`\`${commands.prune}\` keeps dependencies and drops dev dependencies`, async () => {
    await sh(commands.prune);
    expect(existsSync(join(dir, "node_modules/picocolors/package.json"))).toBe(true);
    expect(existsSync(join(dir, "node_modules/sisteransi"))).toBe(false);
  });
});
