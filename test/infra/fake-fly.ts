/**
 * Runs a generated scripts/bootstrap.sh against the fake flyctl of test/fake-fly/, each run with
 * its own platform state file, and reads back what the fake recorded.
 */
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { execa } from "execa";

const FAKE_URL = new URL("../fake-fly/fly.mjs", import.meta.url);
const FAKE = fileURLToPath(FAKE_URL);
const CLIENT = fileURLToPath(new URL("../fake-fly/fly-client.sh", import.meta.url));

/** One server per test file, shared by every FakeFly of that file (each has its own state). */
let server: Promise<{ port: number; close(): void }> | undefined;
function fakeServer() {
  server ??= import(FAKE_URL.href).then((fake: FakeModule) => fake.serve());
  return server;
}

interface FakeModule {
  fly(call: { argv: string[]; cwd: string; statePath: string }): { code: number; stdout: string; stderr: string };
  serve(): Promise<{ port: number; close(): void }>;
}

/**
 * The fake called in-process, one call at a time, against a state file in a folder of its own: for
 * tests of the fake itself. `runIn` runs in another working directory (one with a fly.toml, say).
 */
export async function fakeInProcess() {
  const { fly }: FakeModule = await import(FAKE_URL.href);
  const dir = mkdtempSync(join(tmpdir(), "fake-fly-direct-"));
  const statePath = join(dir, "state.json");
  const self = {
    dir,
    reset(state: FakeState = emptyState()): void {
      writeFileSync(statePath, JSON.stringify(state));
    },
    state(): FakeState {
      return JSON.parse(readFileSync(statePath, "utf8"));
    },
    runIn: (cwd: string, ...argv: string[]) => fly({ argv, cwd, statePath }),
    run: (...argv: string[]) => self.runIn(dir, ...argv),
    remove(): void {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  self.reset();
  return self;
}

export interface Call {
  argv: string[];
  cwd: string;
  mutating?: boolean;
  error?: string;
}

interface Machine {
  id: string;
  region: string;
  group: string;
  role?: string;
  /** The status of a Postgres member's role check: "passing" unless a test fails it. */
  roleStatus?: string;
}

interface Secret {
  value: string;
  digest: string;
  status: string;
}

interface App {
  org: string;
  kind: "app" | "postgres";
  machines: Machine[];
  secrets: Record<string, Secret>;
  volumes: { id: string; name: string; region: string; sizeGb: number; machine: string | null }[];
  /** Deploys so far: 0 for an app that never ran. */
  deploys: number;
  users?: string[];
  databases?: string[];
  password?: string;
  /** Fly Postgres created with --enable-backups. */
  backups?: boolean;
}

export interface FakeState {
  user: string | null;
  orgs: string[];
  apps: Record<string, App>;
  mpg: { id: string; name: string; org: string; region: string; plan: string; password: string; attached: string[] }[];
  redis: Record<
    string,
    {
      org: string;
      region: string;
      replicaRegions: string[];
      /** The plan's display name, as `fly redis status` prints it. */
      plan: string;
      eviction: boolean;
      autoUpgrade: boolean;
      password: string;
      url: string;
    }
  >;
  /** Tigris buckets; `app` is the app `fly storage create --app` put their secrets on. */
  tigris: {
    name: string;
    org: string;
    app: string | null;
    public: boolean;
    accessKeyId: string;
    secretAccessKey: string;
  }[];
  /** Bucket names held by other Tigris accounts: names are global across Tigris. */
  takenBucketNames?: string[];
  /** The terms of the Tigris provider, when the account has not agreed to them. */
  tigrisTerms?: string;
  tokens: unknown[];
  attempts: number;
  calls: Call[];
  /** Upstash plans (display names) the API no longer lists. */
  withdrawnRedisPlans?: string[];
  /** `fly secrets list --json` without status, as flyctl prints it for apps of over 100 Machines. */
  secretStatusUnknown?: boolean;
}

export function emptyState(): FakeState {
  return {
    user: "dev@example.com",
    orgs: ["personal"],
    apps: {},
    mpg: [],
    redis: {},
    tigris: [],
    tokens: [],
    attempts: 0,
    calls: [],
  };
}

/**
 * A temporary folder with `fly` and `flyctl` (both the fake) in bin/ and a fresh state file.
 * "server" mode puts the small TCP client on PATH; "cli" mode the node script itself.
 */
export class FakeFly {
  /** Every fake of this test file, for removeFakes(). */
  static readonly #all = new Set<FakeFly>();
  readonly dir = mkdtempSync(join(tmpdir(), "fake-fly-"));
  readonly bin = join(this.dir, "bin");
  readonly statePath = join(this.dir, "state.json");

  constructor(
    initial: FakeState = emptyState(),
    readonly mode: "server" | "cli" = "server",
  ) {
    mkdirSync(this.bin);
    const target = mode === "server" ? CLIENT : FAKE;
    chmodSync(target, 0o755);
    for (const name of ["fly", "flyctl"]) symlinkSync(target, join(this.bin, name));
    this.write(initial);
    FakeFly.#all.add(this);
  }

  /** Removes the folders of every fake still around; for afterAll. */
  static removeAll(): void {
    for (const fake of FakeFly.#all) fake.remove();
  }

  state(): FakeState {
    return JSON.parse(readFileSync(this.statePath, "utf8"));
  }

  write(state: FakeState): void {
    writeFileSync(this.statePath, JSON.stringify(state));
  }

  /** The state-changing calls that flyctl carried out (failed ones excluded). */
  changes(): Call[] {
    return this.state().calls.filter((c) => c.mutating && !c.error);
  }

  run(repo: string, args: string[] = [], env: Record<string, string> = {}) {
    return this.bash(repo, ["scripts/bootstrap.sh", ...args], env);
  }

  /**
   * Bash code run in the repo after sourcing scripts/bootstrap.sh (which then only defines its
   * functions): one step of it, with the variables main would set.
   */
  source(repo: string, code: string) {
    return this.bash(repo, ["-c", `source scripts/bootstrap.sh && ${code}`]);
  }

  /** bash with `args` in the repo, the fake on PATH: a script of the repo (scripts/teardown.sh) or `-c` code. */
  async bash(repo: string, args: string[], env: Record<string, string> = {}) {
    const port = this.mode === "server" ? String((await fakeServer()).port) : "";
    const result = await execa("bash", args, {
      cwd: repo,
      reject: false,
      stdin: "ignore",
      env: { PATH: `${this.bin}:${process.env.PATH}`, FAKE_FLY_STATE: this.statePath, FAKE_FLY_PORT: port, ...env },
      extendEnv: false,
    });
    return {
      status: result.exitCode,
      stdout: result.stdout,
      stderr: result.stderr,
      output: `${result.stdout}\n${result.stderr}`,
    };
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
    FakeFly.#all.delete(this);
  }
}

const VALUE_FLAGS = new Set([
  "app",
  "org",
  "region",
  "name",
  "config",
  "process-group",
  "plan",
  "size",
  "expiry",
  "initial-cluster-size",
  "database-name",
]);
const VALUE_FLAGS_UNCHECKED = new Set(["vm-size", "vm-memory", "volume-size", "replica-regions"]);

/**
 * What a call does, without the ids a dry run cannot know: e.g. "machine clone app=acme-db
 * region=lhr". Used to compare a dry run's plan with the calls of a real run.
 */
export function callKey(argv: readonly string[]): string {
  const words: string[] = [];
  const named: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const flag = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!flag) {
      words.push(arg);
      continue;
    }
    const [, name = "", inline] = flag;
    const takesValue = VALUE_FLAGS.has(name) || VALUE_FLAGS_UNCHECKED.has(name);
    const value = inline ?? (takesValue ? argv[++i] : undefined);
    if (VALUE_FLAGS.has(name)) named.push(`${name}=${value}`);
  }
  const command = words.join(" ");
  // Ids: the Machine a replica is cloned from, the cluster an app is attached to.
  const withoutIds = command.replace(/^(machine clone|mpg attach) .*/, "$1");
  return [withoutIds, ...named.sort()].join(" ");
}

/**
 * The commands a run printed as its plan (lines starting with "+ ", or with "- " for removals; words
 * as bash's %q quotes them), as call keys.
 */
export function plannedKeys(stdout: string, sign: "+" | "-" = "+"): string[] {
  return stdout
    .split("\n")
    .filter((line) => line.startsWith(`${sign} fly `) || line.startsWith(`${sign} flyctl `))
    .map((line) => {
      const words = line.slice(2).match(/(?:\\.|[^ \\])+/g) ?? [];
      return callKey(words.slice(1).map((word) => word.replace(/\\(.)/g, "$1")));
    });
}

/**
 * The platform as a user would describe it: which apps, Machines per group and region, volumes,
 * secret names and whether they are deployed, databases, caches and buckets. Ids, digests and values
 * differ between runs (random passwords) and are left out.
 */
export function describe(state: FakeState) {
  const apps = Object.fromEntries(
    Object.entries(state.apps)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, app]) => [
        name,
        {
          org: app.org,
          kind: app.kind,
          machines: app.machines.map((m) => `${m.group}@${m.region}${m.role ? `:${m.role}` : ""}`).sort(),
          volumes: app.volumes.map((v) => `${v.name}@${v.region}:${v.sizeGb}gb${v.machine ? ":attached" : ""}`).sort(),
          secrets: Object.entries(app.secrets)
            .map(([secret, s]) => `${secret}:${s.status}`)
            .sort(),
          users: [...(app.users ?? [])].sort(),
          databases: [...(app.databases ?? [])].sort(),
          backups: app.backups ?? false,
        },
      ]),
  );
  const mpg = state.mpg.map((c) => ({
    name: c.name,
    org: c.org,
    region: c.region,
    plan: c.plan,
    attached: [...c.attached].sort(),
  }));
  const redis = Object.fromEntries(
    Object.entries(state.redis).map(([name, r]) => [
      name,
      {
        org: r.org,
        region: r.region,
        replicaRegions: r.replicaRegions,
        plan: r.plan,
        eviction: r.eviction,
        autoUpgrade: r.autoUpgrade,
      },
    ]),
  );
  const tigris = state.tigris.map((b) => ({ name: b.name, org: b.org, app: b.app, public: b.public }));
  return { apps, mpg, redis, tigris };
}

/** Secrets a Tigris bucket sets whose values are not secret (and as short as "auto"). */
const PLAIN_BUCKET_SETTINGS = new Set(["AWS_ENDPOINT_URL_S3", "AWS_REGION", "BUCKET_NAME"]);

/** Every secret value the fake platform holds, to check that none of them was printed. */
export function secretValues(state: FakeState): string[] {
  return [
    ...Object.values(state.apps).flatMap((app) => [
      ...Object.entries(app.secrets)
        .filter(([name]) => !PLAIN_BUCKET_SETTINGS.has(name))
        .map(([, s]) => s.value),
      ...(app.password ? [app.password] : []),
    ]),
    ...state.mpg.map((c) => c.password),
    ...Object.values(state.redis).flatMap((r) => [r.password, r.url]),
    ...state.tigris.map((b) => b.secretAccessKey),
  ];
}
