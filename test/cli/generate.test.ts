/** The built CLI as a process: what it writes must be exactly the in-memory engine's tree. */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import fse from "fs-extra";
import { describe, expect, it } from "vitest";
import type { PartialSpec } from "../../src/spec/resolve.js";
import { SPEC_FILE } from "../../src/spec/schema.js";
import { GIT_IDENTITY_ENV, runCli } from "../helpers/cli.js";
import { render } from "../helpers/render.js";
import { filesOf, filesOn, listing, tempDirs } from "../helpers/tmp.js";

const tempDir = tempDirs();
const QUIET = ["--no-install", "--no-git"];

interface Case {
  args: string[];
  /** Where the project lands, relative to the working folder. */
  target: string;
  answers: PartialSpec;
  files?: Record<string, unknown>;
  env?: Record<string, string>;
}

/** Every answer the flags can give, none left to defaults. */
const EVERY_ANSWER = (
  "--name shop --org acme-corp --regions lhr,fra,sin --primary-region fra --database postgres " +
  "--replica-regions lhr,sin --cache redis-app --worker process --queue redis --package-manager pnpm"
).split(" ");

/** A spec file setting fields no flag reaches; the CLI must give exactly what the engine gives for it. */
const TUNED: PartialSpec = {
  name: "tuned",
  regions: ["ams", "cdg"],
  primaryRegion: "ams",
  web: { port: 8080, autoStop: "stop", machinesPerRegion: 2, vm: { cpus: 2, memoryMb: 2048 } },
  database: { kind: "postgres", replicaRegions: ["cdg"], volumeSizeGb: 40 },
  cache: { kind: "upstash", replicaRegions: ["cdg"] },
  worker: { kind: "app", queue: "postgres", count: 2 },
};

const CASES: Record<string, Case> = {
  "the seed default with --yes": { args: ["acme", "--yes"], target: "acme", answers: { name: "acme" } },
  "every answer as a flag": {
    args: ["shop-dir", ...EVERY_ANSWER],
    target: "shop-dir",
    answers: {
      name: "shop",
      org: "acme-corp",
      regions: ["lhr", "fra", "sin"],
      primaryRegion: "fra",
      database: { kind: "postgres", replicaRegions: ["lhr", "sin"] },
      cache: { kind: "redis-app" },
      worker: { kind: "process", queue: "redis" },
      packageManager: "pnpm",
    },
  },
  "one region with Managed Postgres on the launch plan and no cache, without --yes": {
    args: [
      "solo",
      "--regions",
      "syd",
      "--database",
      "mpg",
      "--mpg-plan",
      "launch",
      "--cache",
      "none",
      "--worker",
      "app",
    ],
    target: "solo",
    answers: { name: "solo", regions: ["syd"], database: { kind: "mpg", mpgPlan: "launch" }, cache: { kind: "none" } },
  },
  "only a web tier, named by --name alone": {
    args: ["--name", "web-only", "--regions", "iad,ord", "--database", "none", "--cache", "none", "--worker", "none"],
    target: "web-only",
    answers: {
      name: "web-only",
      regions: ["iad", "ord"],
      database: { kind: "none" },
      cache: { kind: "none" },
      worker: { kind: "none" },
    },
  },
  "a --spec file with fields no flag sets": {
    args: ["--spec", "spec.json"],
    target: "tuned",
    files: { "spec.json": TUNED },
    answers: TUNED,
  },
  "flags over a --spec file": {
    args: ["over", "--spec", "base.json", "--regions", "iad,syd", "--replica-regions", "syd", "--cache", "none"],
    target: "over",
    files: {
      "base.json": {
        name: "base",
        regions: ["iad", "lhr"],
        primaryRegion: "iad",
        database: { kind: "postgres", replicaRegions: ["lhr"] },
        cache: { kind: "upstash" },
        worker: { kind: "app" },
      },
    },
    answers: {
      name: "base",
      regions: ["iad", "syd"],
      primaryRegion: "iad",
      database: { kind: "postgres", replicaRegions: ["syd"] },
      cache: { kind: "none" },
      worker: { kind: "app" },
    },
  },
  "the package manager npm create ran with": {
    args: ["pm", "--yes"],
    target: "pm",
    env: { npm_config_user_agent: "yarn/4.5.0 npm/? node/v20.20.2 linux x64" },
    answers: { name: "pm", packageManager: "yarn" },
  },
};

describe("the CLI writes exactly the engine's tree", () => {
  it.each(Object.entries(CASES))("%s", async (_, c) => {
    const cwd = tempDir();
    for (const [file, content] of Object.entries(c.files ?? {}))
      writeFileSync(join(cwd, file), JSON.stringify(content));
    const run = await runCli([...c.args, ...QUIET], { cwd, env: c.env });
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(filesOn(join(cwd, c.target))).toEqual(filesOf(render(c.answers)));
    // Nothing beside the target: the staging folder is gone.
    expect(listing(cwd).filter((line) => !line.startsWith(`${c.target}/`))).toEqual(
      Object.keys(c.files ?? {}).map((file) => expect.stringMatching(new RegExp(`^${file} `))),
    );
  });

  it("reproduces a project from the fly-ref-arch.json it wrote", async () => {
    const cwd = tempDir();
    const first = await runCli(["first", ...EVERY_ANSWER, ...QUIET], { cwd });
    expect(first.exitCode).toBe(0);
    const again = await runCli(["second", "--spec", join("first", SPEC_FILE), ...QUIET], { cwd });
    expect(again.exitCode).toBe(0);
    expect(filesOn(join(cwd, "second"))).toEqual(filesOn(join(cwd, "first")));
  });
});

describe("targets", () => {
  it("refuses a folder that is not empty, listing what is in the way, and changes nothing", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "taken", "src"), { recursive: true });
    writeFileSync(join(cwd, "taken", "README.md"), "mine\n");
    writeFileSync(join(cwd, "taken", ".env"), "SECRET=1\n");
    const before = listing(cwd);
    const run = await runCli(["taken", "--yes", ...QUIET], { cwd });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${join(cwd, "taken")} is not empty: .env, README.md, src`);
    expect(run.stderr).toContain("nothing was written");
    expect(listing(cwd)).toEqual(before);
  });

  it("accepts a folder holding only .git, and leaves that repository alone", async () => {
    const cwd = tempDir();
    await execa("git", ["init", "--quiet", "repo"], { cwd });
    const gitBefore = listing(join(cwd, "repo", ".git"));
    const run = await runCli(["repo", "--yes", "--no-install"], { cwd, env: GIT_IDENTITY_ENV });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Inside an existing git repository: left git alone");
    expect(filesOn(join(cwd, "repo"))).toEqual(filesOf(render({ name: "repo" })));
    expect(listing(join(cwd, "repo", ".git"))).toEqual(gitBefore);
  });

  it("accepts a folder holding editor settings and a LICENSE, and leaves them exactly as they were", async () => {
    const cwd = tempDir();
    const kept = ["LICENSE", ".vscode", ".idea", ".DS_Store"];
    fse.outputFileSync(join(cwd, "forge", "LICENSE"), "MIT License\n");
    fse.outputFileSync(join(cwd, "forge", ".vscode", "settings.json"), "{}\n");
    fse.outputFileSync(join(cwd, "forge", ".idea", "workspace.xml"), "<project/>\n");
    fse.outputFileSync(join(cwd, "forge", ".DS_Store"), "");
    const before = listing(join(cwd, "forge"));
    const run = await runCli(["forge", "--yes", ...QUIET], { cwd });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(filesOn(join(cwd, "forge"), kept)).toEqual(filesOf(render({ name: "forge" })));
    const theirs = (line: string) =>
      kept.some((entry) => line === entry || line.startsWith(`${entry} `) || line.startsWith(`${entry}/`));
    expect(listing(join(cwd, "forge")).filter(theirs)).toEqual(before);
  });

  it("writes into the current folder when the target is .", async () => {
    const cwd = tempDir();
    const run = await runCli([".", "--name", "here", "--yes", ...QUIET], { cwd });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toMatch(/^Created \d+ files in \.$/m);
    expect(run.stdout).not.toContain("cd ");
    expect(filesOn(cwd)).toEqual(filesOf(render({ name: "here" })));
  });

  it("takes an absolute target path and writes nothing in the working folder", async () => {
    const cwd = tempDir();
    const target = join(tempDir(), "abs-app");
    const run = await runCli([target, "--yes", ...QUIET], { cwd });
    expect(run.exitCode).toBe(0);
    expect(filesOn(target)).toEqual(filesOf(render({ name: "abs-app" })));
    expect(listing(cwd)).toEqual([]);
  });

  it("--dry-run lists every file and writes nothing", async () => {
    const cwd = tempDir();
    const run = await runCli(["dry", "--yes", "--dry-run"], { cwd });
    expect(run.exitCode).toBe(0);
    const tree = render({ name: "dry" });
    const created = run.stdout.split("\n").filter((line) => line.startsWith("CREATE "));
    expect(created).toEqual(
      tree.entries().map(([path, file]) => `CREATE ${path} (${Buffer.byteLength(file.content)} bytes)`),
    );
    expect(run.stdout).toContain(`would create ${tree.size} files in dry (nothing written)`);
    expect(run.stdout).toContain("  Monthly estimate: $35.94 to $43.74 (US dollars, 30 days)");
    expect(run.stdout).toMatch(/^ {4}dry-db +\$29\.56$/m);
    expect(listing(cwd)).toEqual([]);
  });
});

describe("help and version", () => {
  it("--help names every flag of the contract and exits 0", async () => {
    const run = await runCli(["--help"], { cwd: tempDir() });
    expect(run.exitCode).toBe(0);
    for (const flag of [
      "--name <name>",
      "--org <slug>",
      "--regions <a,b,c>",
      "--primary-region <code>",
      "--database <postgres|mpg|none>",
      "--replica-regions <a,b>",
      "--cache <upstash|redis-app|none>",
      "--worker <app|process|none>",
      "--queue <postgres|redis>",
      "--package-manager <npm|pnpm|yarn|bun>",
      "--spec <file>",
      "-y, --yes",
      "--dry-run",
      "--no-install",
      "--no-git",
      "-h, --help",
      "-v, --version",
    ]) {
      expect(run.stdout).toContain(flag);
    }
    expect((await runCli(["-h"], { cwd: tempDir() })).stdout).toBe(run.stdout);
  });

  it("--version prints the package version and exits 0", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    for (const flag of ["--version", "-v"]) {
      const run = await runCli([flag], { cwd: tempDir() });
      expect(run.exitCode).toBe(0);
      expect(run.stdout).toBe(version);
    }
  });
});

describe("git", () => {
  const git = (cwd: string, ...args: string[]) => execa("git", args, { cwd, reject: false });

  it("creates a repository with one commit of every file when an identity is configured", async () => {
    const cwd = tempDir();
    const run = await runCli(["gitted", "--yes", "--no-install"], { cwd, env: GIT_IDENTITY_ENV });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Created a git repository with an initial commit");
    const dir = join(cwd, "gitted");
    expect((await git(dir, "log", "--format=%an|%s")).stdout).toBe(
      "Test Author|Initial commit from create-fly-ref-arch",
    );
    expect((await git(dir, "status", "--porcelain")).stdout).toBe("");
    expect((await git(dir, "ls-files")).stdout.split("\n").sort()).toEqual(render({ name: "gitted" }).paths());
  });

  it("stages the files but invents no author when there is no identity", async () => {
    const cwd = tempDir();
    const noIdentity = { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "user.useConfigOnly", GIT_CONFIG_VALUE_0: "true" };
    const run = await runCli(["anon", "--yes", "--no-install"], { cwd, env: noIdentity });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("commit needs your identity");
    const dir = join(cwd, "anon");
    expect((await git(dir, "rev-parse", "--verify", "HEAD")).exitCode).not.toBe(0);
    expect((await git(dir, "diff", "--cached", "--name-only")).stdout.split("\n").sort()).toEqual(
      render({ name: "anon" }).paths(),
    );
  });

  it("leaves git alone inside another repository", async () => {
    const cwd = tempDir();
    await execa("git", ["init", "--quiet"], { cwd });
    const run = await runCli(["nested", "--yes", "--no-install"], { cwd, env: GIT_IDENTITY_ENV });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("left git alone");
    expect(existsSync(join(cwd, "nested", ".git"))).toBe(false);
    expect((await git(cwd, "rev-parse", "--verify", "HEAD")).exitCode).not.toBe(0);
  });

  it("--no-git makes no repository", async () => {
    const cwd = tempDir();
    const run = await runCli(["plain", "--yes", ...QUIET], { cwd, env: GIT_IDENTITY_ENV });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toMatch(/git/i);
    expect(existsSync(join(cwd, "plain", ".git"))).toBe(false);
  });
});

describe("install", () => {
  /** A package manager command that records how it was called and exits with `code`. */
  function fakePackageManager(name: string, code: number): { bin: string; log: string } {
    const bin = tempDir();
    const log = join(bin, "calls.log");
    const script = join(bin, name);
    writeFileSync(
      script,
      `#!/bin/sh\necho "$(pwd) $*" >> '${log}'\n${code ? `echo "${name} ERR! network unreachable" >&2\n` : ""}exit ${code}\n`,
    );
    chmodSync(script, 0o755);
    return { bin, log };
  }
  const withBin = (bin: string) => ({ PATH: `${bin}:${process.env.PATH}` });

  it("--no-install skips it and says how to install later", async () => {
    const cwd = tempDir();
    const fake = fakePackageManager("npm", 0);
    const run = await runCli(["skip", "--yes", ...QUIET], { cwd, env: withBin(fake.bin) });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).not.toContain("Installing");
    expect(run.stdout).toContain("  npm install");
    expect(existsSync(fake.log)).toBe(false);
  });

  it("runs the chosen package manager's install in the new project", async () => {
    const cwd = tempDir();
    const fake = fakePackageManager("pnpm", 0);
    const run = await runCli(["pnpm-app", "--yes", "--no-git", "--package-manager", "pnpm"], {
      cwd,
      env: withBin(fake.bin),
    });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Installing dependencies with pnpm");
    expect(readFileSync(fake.log, "utf8")).toBe(`${join(cwd, "pnpm-app")} install\n`);
  });

  it("keeps the files when install fails, says how to finish, and exits 1", async () => {
    const cwd = tempDir();
    const fake = fakePackageManager("npm", 1);
    const run = await runCli(["offline", "--yes", "--no-git"], { cwd, env: withBin(fake.bin) });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("npm install failed in offline: exit code 1\n  npm ERR! network unreachable\n");
    expect(run.stderr).toContain("The project files are in place. Finish by hand: cd offline && npm install");
    expect(filesOn(join(cwd, "offline"))).toEqual(filesOf(render({ name: "offline" })));
  });
});
