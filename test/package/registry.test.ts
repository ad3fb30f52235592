/**
 * Acceptance: the package as users get it. Packed, published to a local registry, then run the two
 * ways users start it; both must write exactly what the source writes for the same flags.
 */
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { type LocalRegistry, publishOurPackage, ROOT } from "../helpers/local-registry.js";
import { filesOn } from "../helpers/tmp.js";

const run = promisify(execFile);

/** Not the defaults, so a bundle that ignored a flag would differ from the source. */
const FLAGS = [
  "--yes",
  "--no-install",
  "--no-git",
  "--regions",
  "iad,lhr,nrt",
  "--cache",
  "redis-app",
  "--worker",
  "process",
  "--package-manager",
  "pnpm",
];

let registry: LocalRegistry;
let work: string;
let fromSource: ReturnType<typeof filesOn>;

function freshDir(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir);
  return dir;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "fly-ref-arch-registry-test-"));
  registry = await publishOurPackage();

  const source = freshDir("source");
  await run(join(ROOT, "node_modules/.bin/tsx"), [join(ROOT, "src/bin.ts"), "my-app", ...FLAGS], { cwd: source });
  fromSource = filesOn(join(source, "my-app"));
});

afterAll(async () => {
  await registry?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the published package", () => {
  it("`npm create fly-ref-arch@latest` writes the same tree as the source", async () => {
    const cwd = freshDir("npm-create");
    // npm's own --yes and --registry go before `--`; after it, everything is ours.
    await registry.npm(
      ["create", "--yes", "--registry", registry.url, "fly-ref-arch@latest", "my-app", "--", ...FLAGS],
      {
        cwd,
      },
    );
    const tree = filesOn(join(cwd, "my-app"));
    expect(tree.length).toBeGreaterThan(10);
    expect(tree).toEqual(fromSource);
  });

  it("`npx create-fly-ref-arch` writes the same tree as the source", async () => {
    const cwd = freshDir("npx");
    await run("npx", ["--yes", "--registry", registry.url, "create-fly-ref-arch", "my-app", ...FLAGS], {
      cwd,
      env: registry.env,
    });
    expect(filesOn(join(cwd, "my-app"))).toEqual(fromSource);
  });

  it("a default `npm create` installs the new repo, whose pinned create-fly-ref-arch then checks it clean", {
    timeout: 240_000,
  }, async () => {
    const cwd = freshDir("npm-create-install");
    const env = { ...registry.env, npm_config_registry: registry.url };
    await run("npm", ["create", "--yes", "fly-ref-arch@latest", "my-app", "--", "--yes", "--no-git"], { cwd, env });
    const app = join(cwd, "my-app");
    // The devDependency the generated CI runs, resolved from the registry like any other package.
    expect(existsSync(join(app, "node_modules/create-fly-ref-arch/schema.json"))).toBe(true);
    const check = await run("npx", ["--no-install", "create-fly-ref-arch", "regenerate", "--check"], {
      cwd: app,
      env,
    });
    expect(check.stdout).toMatch(/Generated files match fly-ref-arch\.json/);
  });
});
