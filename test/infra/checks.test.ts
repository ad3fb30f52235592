/**
 * The checkers catch what they claim to: each rule and each strictness of the fake flyctl is shown
 * failing on a broken input, so the passing acceptance tests mean something.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, describe, expect, it } from "vitest";
import { withDerivedDefaults } from "../../src/spec/resolve.js";
import { validateSpec } from "../../src/spec/validate.js";
import { dockerfileProblems } from "./dockerfile-rules.js";
import { emptyState, FakeFly } from "./fake-fly.js";
import { flyTomlProblems } from "./fly-rules.js";

afterAll(() => FakeFly.removeAll());

const NODE = { major: 20, lockFile: "package-lock.json", installFrozen: "npm ci", prune: "npm prune --omit=dev" };

describe("database.mpgPlan", () => {
  it("defaults to basic and names the allowed plans when wrong", () => {
    const ok = validateSpec(withDerivedDefaults({ name: "acme", database: { kind: "mpg" } }));
    expect(ok.ok && ok.spec.database.mpgPlan).toBe("basic");
    const bad = validateSpec(
      withDerivedDefaults({ name: "acme", database: { kind: "mpg", mpgPlan: "hobby" as "basic" } }),
    );
    expect(bad.ok ? [] : bad.problems).toEqual([
      {
        path: ["database", "mpgPlan"],
        message: '"hobby" is not allowed; allowed: "basic", "starter", "launch", "scale", "performance"',
      },
    ]);
  });
});

describe("dockerfileProblems", () => {
  it("reports each broken rule", () => {
    const bad = [
      "FROM node:latest AS build",
      "WORKDIR /app",
      "COPY . .",
      "COPY package.json package-lock.json ./",
      "RUN npm install",
      "ADD https://example.com/x.tgz /tmp/",
      "FROM node",
      "CMD npm start",
    ].join("\n");
    expect(dockerfileProblems(bad, { node: NODE, nonRootUser: true })).toEqual([
      "FROM node: pin a versioned tag, not latest",
      "FROM node:latest: expected node:20-…-slim",
      "FROM node: pin a versioned tag, not none",
      "FROM node: expected node:20-…-slim",
      "use COPY, not ADD",
      "CMD npm start: use the exec form, so the process is PID 1 and gets SIGTERM",
      "the final stage must switch to a non-root USER",
      "the final stage must set NODE_ENV=production",
      "RUN npm ci (a frozen install) is missing",
      "copy the lock file and install before copying the sources",
      "prune dev dependencies after the build",
    ]);
  });

  it("refuses a CMD that runs through npm or a shell, and USER root", () => {
    const text = ["FROM redis:7.4-bookworm", "USER root", 'CMD ["sh", "-c", "redis-server"]'].join("\n");
    expect(dockerfileProblems(text, { nonRootUser: true })).toEqual([
      "CMD must start the process itself, not through a shell or npm",
      "the final stage must switch to a non-root USER",
    ]);
  });
});

describe("flyTomlProblems", () => {
  it("reports typos, unquoted durations, wrong signals and exposed workers", () => {
    const config = {
      app: "acme-worker",
      primary_region: "sea",
      kill_signal: "SIGINT",
      kill_timeout: 600,
      build: { dockerfile: "Dockerfile", build_target: "x" },
      env: { PORT: 3000 },
      proceses: { worker: "node w.js" },
      http_service: { internal_port: "3000", auto_stop_machines: true, checks: [{ path: "/", interval: 15000 }] },
      vm: [{ memory: 512, cpu_kind: "shared", processes: ["web"] }],
      restart: [{ policy: "no" }],
    };
    const problems = flyTomlProblems(config, {
      role: "worker",
      app: "acme-worker",
      primaryRegion: "sea",
      fileExists: () => false,
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'unknown top-level key "proceses" (flyctl would ignore it)',
        "primary_region is not a current region",
        "kill_signal must be SIGTERM (flyctl's default is SIGINT)",
        "kill_timeout must be a quoted duration of at most 300s",
        "[build] dockerfile Dockerfile is not generated",
        "build_target is spelled build-target",
        "[env] PORT must be a string",
        "[[vm]] memory must be a size string",
        "[[vm]] names process group web, which [processes] does not define",
        "worker: no [http_service]",
        "http_service.internal_port must be an integer",
        "auto_stop_machines must be a string",
        "check interval must be a quoted duration",
        "the worker app needs [processes]",
        "[[restart]] policy: always, never or on-failure",
      ]),
    );
  });

  it("requires noeviction on a Redis that holds the queue, and no password in [env]", () => {
    const config = {
      app: "acme-redis",
      primary_region: "iad",
      kill_signal: "SIGTERM",
      kill_timeout: "30s",
      build: { dockerfile: "Dockerfile" },
      env: { MAXMEMORY_POLICY: "allkeys-lru", REDIS_PASSWORD: "hunter2" },
      mounts: [{ source: "redis_data", destination: "/var/lib/redis" }],
      vm: [{ memory: "512mb", cpu_kind: "shared" }],
    };
    const problems = flyTomlProblems(config, {
      role: "redis",
      app: "acme-redis",
      primaryRegion: "iad",
      maxmemoryPolicy: "noeviction",
      fileExists: () => true,
    });
    expect(problems).toEqual([
      "the Redis app mounts its volume at /data",
      "MAXMEMORY_POLICY must be noeviction",
      "the password is a secret, never in [env]",
    ]);
  });
});

describe("the fake flyctl is stricter than flyctl", () => {
  async function fly(fake: FakeFly, script: string) {
    const dir = mkdtempSync(join(fake.dir, "repo-"));
    writeFileSync(join(dir, "run.sh"), `set -e\n${script}\n`);
    const result = await execa("bash", ["run.sh"], {
      cwd: dir,
      reject: false,
      stdin: "ignore",
      env: { PATH: `${fake.bin}:${process.env.PATH}`, FAKE_FLY_STATE: fake.statePath },
    });
    return { status: result.exitCode, stderr: result.stderr };
  }

  it.each([
    ["a mistyped subcommand (flyctl prints help and exits 0)", "fly postgres replicate acme-db"],
    ["an unknown flag", "fly apps create acme --org personal --regions iad"],
    ["a region list on scale count (a total, not per region)", "fly scale count 2 --app acme --region iad,lhr --yes"],
    [
      "fly postgres create without every sizing flag (flyctl would prompt)",
      "fly postgres create --name db --org personal --region iad",
    ],
    [
      "fly redis create without the eviction answer",
      "fly redis create --name r --org personal --region iad --no-replicas --enable-prodpack=false",
    ],
    [
      "postgres attach without --database-name (each app would get its own database)",
      "fly postgres attach db --app web --yes",
    ],
    ["a retired region", "fly volumes create data --app acme --region sea --size 1 --yes"],
    ["secrets import without --stage (each set would restart Machines)", "fly secrets import --app acme"],
  ])("fails on %s", async (_, command) => {
    const fake = new FakeFly({ ...emptyState() }, "cli");
    const result = await fly(fake, command);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Error: /);
    fake.remove();
  });

  it("fails the k-th state-changing call when told to, and changes nothing", async () => {
    const fake = new FakeFly(emptyState(), "cli");
    const dir = mkdtempSync(join(fake.dir, "repo-"));
    const run = (env: Record<string, string>) =>
      execa("fly", ["apps", "create", "acme", "--org", "personal"], {
        cwd: dir,
        reject: false,
        stdin: "ignore",
        env: { PATH: `${fake.bin}:${process.env.PATH}`, FAKE_FLY_STATE: fake.statePath, ...env },
      });
    expect((await run({ FAKE_FLY_FAIL_AT: "1" })).exitCode).toBe(1);
    expect(fake.state().apps).toEqual({});
    expect((await run({})).exitCode).toBe(0);
    expect(Object.keys(fake.state().apps)).toEqual(["acme"]);
    expect((await run({})).stderr).toBe("Error: Name has already been taken");
    fake.remove();
  });
});
