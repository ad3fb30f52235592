#!/usr/bin/env node
/**
 * A stand-in for flyctl, stricter than the real one: it knows exactly the commands and flags that
 * scripts/bootstrap.sh may use and fails on anything else (real flyctl prints help and exits 0 on a
 * mistyped subcommand). Platform state lives in the JSON file named by FAKE_FLY_STATE; every call
 * is recorded there. FAKE_FLY_FAIL_AT=k makes the k-th state-changing call fail before it changes
 * anything, as a dropped connection would.
 *
 * Run directly, it is the `fly` command. Tests that run it hundreds of times start `serve()` once
 * instead and put fly-client.sh on PATH, which forwards each call over TCP: a bash start costs a
 * few milliseconds where a node start costs fifty.
 */
import { createHash, randomBytes } from "node:crypto";
import { existsSync, readFileSync, realpathSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseToml } from "smol-toml";
import { goJson, table, verticalTable } from "./render.mjs";

const REGIONS = new Set("ams arn cdg dfw ewr fra gru iad jnb lax lhr nrt ord sin sjc syd yyz".split(" "));
const MPG_REGIONS = new Set("ams fra gru iad lax lhr nrt ord sin sjc syd yyz".split(" "));
/**
 * The keys of MPGPlans (flyctl internal/command/mpg/plans.go@v0.4.87), spelled as there: "Performance"
 * is capitalised, while create.go lower-cases --plan before the lookup, so it is never found.
 */
const MPG_PLAN_KEYS = ["basic", "starter", "launch", "scale", "Performance"];
/**
 * Upstash's plans as the API lists them (gql ListAddOnPlans). Their names and prices are the API's,
 * not flyctl's: the pay-as-you-go id is redisPlanPayAsYouGo in internal/command/redis/create.go@v0.4.87,
 * the fixed plans' names and prices those of Fly's docs (upstash/redis.html.md), named so that
 * create.go's isFixedPlan ("fixed " prefix) holds; "Starter" is one of its legacyPlans.
 */
const REDIS_PLANS = [
  {
    id: "ekQ85Yjkw155ohQ5ALYq0M",
    displayName: "Pay-as-you-go",
    maxDataSize: "100 GB",
    pricePerMonth: 0,
    description: "$0.20 per 100K commands",
  },
  {
    id: "fx250",
    displayName: "Fixed 250MB",
    maxDataSize: "250 MB",
    pricePerMonth: 1000,
    description: "50 GB bandwidth",
  },
  { id: "fx1g", displayName: "Fixed 1GB", maxDataSize: "1 GB", pricePerMonth: 2000, description: "100 GB bandwidth" },
  { id: "fx5g", displayName: "Fixed 5GB", maxDataSize: "5 GB", pricePerMonth: 10000, description: "500 GB bandwidth" },
  { id: "fx10g", displayName: "Fixed 10GB", maxDataSize: "10 GB", pricePerMonth: 20000, description: "1 TB bandwidth" },
  { id: "fx50g", displayName: "Fixed 50GB", maxDataSize: "50 GB", pricePerMonth: 40000, description: "5 TB bandwidth" },
  { id: "legacy-starter", displayName: "Starter", maxDataSize: "100 MB", pricePerMonth: 0, description: "legacy" },
];
const REDIS_LEGACY_PLANS = ["pro_2k", "pro_10k", "starter", "standard"];
const SHORT = {
  a: "app",
  c: "config",
  o: "org",
  r: "region",
  n: "name",
  j: "json",
  y: "yes",
  g: "process-group",
  p: "public",
};

class FlyError extends Error {}
const fail = (message) => {
  throw new FlyError(message);
};

function load(statePath) {
  return JSON.parse(readFileSync(statePath, "utf8"));
}

function save(statePath, state) {
  writeFileSync(statePath, `${JSON.stringify(state, null, 2)}\n`);
}

const id = (bytes = 7) => randomBytes(bytes).toString("hex");
const digest = (value) => createHash("sha256").update(value).digest("hex").slice(0, 16);
const CREATED_AT = "2026-12-01T12:00:00Z";
/** What the current call printed; calls are handled one at a time, synchronously. */
let printed = [];
/** Writes text as flyctl's fmt.Fprint would: exactly, newlines included. */
const print = (text) => {
  printed.push(text);
};
const out = (text) => print(`${text}\n`);

function region(value) {
  if (!REGIONS.has(value)) fail(`region ${JSON.stringify(value)} is not a current Fly.io region`);
  return value;
}

function org(state, slug) {
  if (!state.orgs.includes(slug)) fail(`organization ${slug} not found`);
  return slug;
}

/** The API's answer for an unknown app, as flyctl's callers match it ("Could not find App"). */
function app(state, name) {
  const found = state.apps[name];
  if (!found) fail(`Could not find App "${name}"`);
  return found;
}

/** internal/command/postgres: every command reads the app and refuses one that is not Postgres. */
function postgresApp(state, name) {
  const found = state.apps[name];
  if (!found) fail(`failed retrieving app ${name}: Could not find App "${name}"`);
  if (found.kind !== "postgres") fail(`app ${name} is not a postgres app`);
  return found;
}

/** fly-go's Organization (types.go@v0.9.5) has no json tags: Go's field names are the keys. */
function organizationJson(slug) {
  return {
    ID: `org_${digest(slug)}`,
    InternalNumericID: "",
    Name: slug,
    RemoteBuilderImage: "",
    RemoteBuilderApp: null,
    Slug: slug,
    RawSlug: slug,
    Type: "",
    PaidPlan: false,
    Billable: false,
    Settings: null,
    AllowedReplaySourceOrgSlugs: null,
    AllowAllCrossNetworkReplays: false,
    WireGuardPeer: null,
    WireGuardPeers: { Nodes: null, Edges: null },
    DelegatedWireGuardTokens: { Nodes: null, Edges: null },
    LoggedCertificates: null,
  };
}

function setSecret(target, name, value) {
  target.secrets[name] = { value, digest: digest(value), status: "Staged" };
}

function newMachine(group, where, extra = {}) {
  return { id: id(), region: where, state: "started", group, ...extra };
}

/**
 * The labels of the postgres-flex image (ImageRef.Labels, a Go map: keys sorted). flyctl tells a
 * flex member by "fly.pg-manager" = "repmgr" (internal/command/postgres/postgres.go@v0.4.87 IsFlex,
 * and machine/lifecycle_hooks.go, which unregisters such a member when it is destroyed).
 */
const FLEX_LABELS = { "fly.app_role": "postgres_cluster", "fly.pg-manager": "repmgr", "fly.version": "v0.0.66" };

/**
 * fly-go's Machine (machine_types.go@v0.9.5, as `fly machine list --json` prints it: flyctl
 * internal/command/machine/list.go@v0.4.87): its json tags, in field order, empty fields omitted.
 * A flex member tells its role in the "role" check, as postgres-flex reports it; flyctl reads the
 * role from that check's output only while its status is "passing" (postgres.go machineRole). A
 * test can fail the check (m.roleStatus).
 */
function machineJson(m, appName) {
  return {
    id: m.id,
    name: `m-${m.id}`,
    state: m.state,
    region: m.region,
    image_ref: {
      registry: "registry.fly.io",
      repository: appName,
      tag: "deployment-01",
      digest: `sha256:${digest(m.id)}`,
      ...(m.role ? { labels: FLEX_LABELS } : {}),
    },
    instance_id: `01${m.id.toUpperCase()}`,
    private_ip: `fdaa:0:1:a7b:1::${m.id.slice(0, 4)}`,
    created_at: CREATED_AT,
    updated_at: CREATED_AT,
    config: {
      init: {},
      guest: { cpu_kind: "shared", cpus: 1, memory_mb: 512 },
      metadata: { fly_platform_version: "v2", fly_process_group: m.group, fly_release_version: "1" },
    },
    ...(m.role
      ? { checks: [{ name: "role", status: m.roleStatus ?? "passing", output: m.role, updated_at: CREATED_AT }] }
      : {}),
    host_status: "ok",
    cordoned: false,
  };
}

/** fly-go's Volume (volume_types.go@v0.9.5): every field tagged, none omitted. */
function volumeJson(v) {
  return {
    id: v.id,
    name: v.name,
    state: "created",
    size_gb: v.sizeGb,
    region: v.region,
    zone: "a1b2",
    encrypted: true,
    attached_machine_id: v.machine,
    attached_alloc_id: null,
    created_at: CREATED_AT,
    host_dedication_id: "",
    snapshot_retention: 5,
    auto_backup_enabled: true,
  };
}

/** The plans the API lists; a test can withdraw some (state.withdrawnRedisPlans). */
const redisPlansOf = (s) => REDIS_PLANS.filter((p) => !s.withdrawnRedisPlans?.includes(p.displayName));

function redisPlan(s, name) {
  if (REDIS_LEGACY_PLANS.includes(name.toLowerCase().replaceAll(" ", "_")))
    fail(`plan "${name}" is no longer available for new databases. Please choose a current plan`);
  if (!name) return REDIS_PLANS[0];
  return redisPlansOf(s).find((p) => p.displayName === name || p.id === name) ?? fail(`plan "${name}" not found`);
}

const enabled = (on) => (on ? "Enabled" : "Disabled");

/**
 * What Fly's API says about the Tigris provider and puts in a new bucket's environment; neither is
 * in flyctl's source, which prints them as given (extensions/core/core.go@v0.4.87 ProvisionExtension,
 * setSecretsFromExtension). Taken from the output Fly's docs show: provider "Tigris", resource
 * "project", a name to choose and no region; the endpoint is the one flyctl itself uses for Tigris
 * (deploy/statics/deployer.go@v0.4.87 tigrisHostname).
 */
const TIGRIS = {
  resource: "Tigris project",
  instructions: "https://fly.io/docs/reference/tigris/",
  endpoint: "https://fly.storage.tigris.dev",
  region: "auto",
};

/**
 * A failed GraphQL call as flyctl prints it: genqlient returns gqlparser's gqlerror.List, whose
 * Error() is "input:<line>:<column>: <path> <message>" and a newline per error, so cli.go's
 * printError leaves an empty line after it. Line and column are those of the field in the
 * operation text (gql/generated.go@v0.4.87, which starts with a newline).
 */
const gqlFail = (field, message) => fail(`input:3:2: ${field} ${message}\n`);

/**
 * The app a command that runs LoadAppNameIfPresent (internal/command/command.go@v0.4.87) works on:
 * --app, else FLY_APP, else the app of a fly.toml (or .json, .yaml) in the working directory. The
 * fake sees no environment, and refuses the config file: a script that meant no app would get one.
 */
function contextApp(flags, cwd) {
  if (flags.app) return flags.app;
  const config = ["fly.toml", "fly.json", "fly.yaml"].find((file) => existsSync(join(cwd, file)));
  if (config) fail(`stricter than flyctl: without --app flyctl would use the app of ${join(cwd, config)}; pass --app`);
  return undefined;
}

/** Tigris's bucket naming rules (tigrisdata.com/docs/buckets/bucket-rules). */
const validBucketName = (name) =>
  /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name) &&
  !name.includes("..") &&
  !/^\d+\.\d+\.\d+\.\d+$/.test(name) &&
  !name.startsWith("xn--") &&
  !name.endsWith("-s3alias");

/** A Tigris bucket's environment (the keys of setSecretsFromExtension, sorted as there). */
const bucketEnvironment = (b) => ({
  AWS_ACCESS_KEY_ID: b.accessKeyId,
  AWS_ENDPOINT_URL_S3: TIGRIS.endpoint,
  AWS_REGION: TIGRIS.region,
  AWS_SECRET_ACCESS_KEY: b.secretAccessKey,
  BUCKET_NAME: b.name,
});

/**
 * AgreeToProviderTos (core.go@v0.4.87), when the account has not agreed to Tigris's terms: they are
 * printed, and without --yes flyctl asks, which it cannot without a terminal. With --yes it goes
 * on without recording the agreement, so the terms come again next time.
 */
function agreeToTigrisTerms(s, yes) {
  if (!s.tigrisTerms) return;
  print(`\n${s.tigrisTerms}\n\n`);
  if (!yes) fail("To agree, the --yes flag must be specified when not running interactively");
  out("By specifying the --yes flag, you have agreed to the terms displayed above.");
}

/**
 * The rest of ProvisionExtension (core.go@v0.4.87) for Tigris: CreateExtension, the "ready" line,
 * then setSecretsFromExtension, which sets the bucket's environment on the app (if there is one
 * and it has none of those names) or only prints it. Says whether it set them.
 */
function provisionBucket(s, { name, org, appName, isPublic }) {
  // The API's message for a name that breaks Tigris's rules, as flyctl issue 4728 shows it.
  if (!validBucketName(name)) gqlFail("createAddOn", "The specified bucket is not valid.");
  // Bucket names are global across Tigris. flyctl retries a taken name when the error says
  // "unavailable for creation" (deploy/statics/addon.go@v0.4.87); the rest of the sentence is the API's.
  if (bucketNameTaken(s, name)) gqlFail("createAddOn", `Name ${name} is unavailable for creation`);
  const bucket = {
    name,
    org,
    app: appName ?? null,
    public: isPublic,
    accessKeyId: `tid_${id(12)}`,
    secretAccessKey: `tsec_${id(24)}`,
  };
  s.tigris.push(bucket);
  print(`Your ${TIGRIS.resource} (${name}) is ready. See details and next steps with: ${TIGRIS.instructions}\n\n`);
  const environment = bucketEnvironment(bucket);
  const lines = Object.entries(environment)
    .map(([key, value]) => `${key}: ${value}\n`)
    .join("");
  const target = appName ? s.apps[appName] : undefined;
  const taken = target ? Object.keys(target.secrets).filter((key) => key in environment) : [];
  if (!target || taken.length) {
    if (taken.length)
      print(`Secrets [${taken.join(" ")}] already exist on app ${appName}. They won't be set automatically.\n\n`);
    print(`Set the following secrets on your target app.\n${lines}`);
    return false;
  }
  print(`Setting the following secrets on ${appName}:\n${lines}\n`);
  for (const [key, value] of Object.entries(environment)) setSecret(target, key, value);
  return true;
}

const bucketNameTaken = (s, name) => s.tigris.some((b) => b.name === name) || s.takenBucketNames?.includes(name);

/**
 * flypg/tigris.go@v0.4.87 CreateTigrisBucket, which `postgres create --enable-backups` runs (flypg/
 * launcher.go): a Tigris bucket for barman named after the cluster, numbered while the name is
 * taken, its keys set on the Postgres app and in S3_ARCHIVE_CONFIG. `postgres create` has no --yes,
 * so on an account that has not agreed to Tigris's terms it fails here. (Of launcher.go's other
 * secrets the fake keeps none.)
 */
function backupBucket(s, cluster) {
  out("Creating Tigris bucket for backup storage");
  agreeToTigrisTerms(s, false);
  let name = `${cluster}-postgres`;
  for (let index = 1; bucketNameTaken(s, name); index++) name = `${cluster}-postgres-${index}`;
  provisionBucket(s, { name, org: s.apps[cluster].org, appName: cluster, isPublic: false });
  const bucket = s.tigris.at(-1);
  const archive = new URL(TIGRIS.endpoint);
  archive.username = bucket.accessKeyId;
  archive.password = bucket.secretAccessKey;
  archive.pathname = `/${name}/${cluster}`;
  setSecret(s.apps[cluster], "S3_ARCHIVE_CONFIG", archive.href);
}

/**
 * extensions_core.Discover (core.go@v0.4.87): the bucket named by the argument, else the one of
 * the app (and the app with it), else an error.
 */
function discoverBucket(s, args, flags, cwd) {
  if (args.length === 1) {
    const bucket = s.tigris.find((b) => b.name === args[0]) ?? gqlFail("addOn", "Could not find AddOn");
    return { bucket };
  }
  const appName = contextApp(flags, cwd);
  if (!appName) fail("Run this command in a Fly app directory or pass a name as the first argument.");
  app(s, appName);
  const bucket =
    s.tigris.find((b) => b.app === appName) ?? fail("No project found. Provision one with 'flyctl ext tigris create'.");
  return { bucket, appName };
}

/**
 * The commands the bootstrap script may run, each with flags that exist on that command in flyctl
 * v0.4.87 (a subset of them). `required` lists the flags without which real flyctl would prompt
 * (or guess from a fly.toml). Where flyctl prints a table or JSON, the fake takes only the form
 * bootstrap reads (--json where the command has it) and fails on the other.
 */
const COMMANDS = {
  // internal/command/auth/whoami.go@v0.4.87: --json prints {"email": ...}.
  "auth whoami": {
    args: [0, 0],
    flags: { json: "bool" },
    required: ["json"],
    run(s) {
      const email = s.user ?? fail("No access token available. Please login with 'flyctl auth login'");
      print(goJson({ email }));
    },
  },

  // internal/command/status/machines.go@v0.4.87 renderMachineJSONStatus: a map, so Go sorts its keys.
  status: {
    args: [0, 0],
    flags: { app: "string", json: "bool" },
    required: ["app", "json"],
    run(s, { flags }) {
      let a;
      try {
        a = app(s, flags.app);
      } catch (error) {
        fail(`failed to get app: ${error.message}`);
      }
      print(
        goJson({
          AppURL: "",
          Deployed: a.deploys > 0,
          Hostname: `${flags.app}.fly.dev`,
          ID: flags.app,
          Machines: a.machines.map((m) => machineJson(m, flags.app)),
          Name: flags.app,
          Organization: {
            ID: `org_${digest(a.org)}`,
            InternalNumericID: "",
            Name: a.org,
            Slug: a.org,
            RawSlug: a.org,
            PaidPlan: false,
          },
          PlatformVersion: "machines",
          Status: a.machines.length ? "deployed" : "pending",
          Version: a.deploys,
        }),
      );
    },
  },

  // internal/command/apps/create.go@v0.4.87: "New app created: <name>".
  "apps create": {
    mutating: true,
    args: [1, 1],
    flags: { org: "string", json: "bool" },
    required: ["org"],
    run(s, { args: [name], flags }) {
      if (!/^[a-z][a-z0-9-]*$/.test(name))
        fail(`app name ${name} may contain only lowercase letters, numbers and dashes`);
      if (s.apps[name]) fail("Name has already been taken");
      s.apps[name] = { org: org(s, flags.org), kind: "app", machines: [], secrets: {}, volumes: [], deploys: 0 };
      out(`New app created: ${name}`);
    },
  },

  /**
   * internal/command/apps/list.go@v0.4.87: render.JSON of fly-go's App (types.go: no json tags, so
   * Go's field names, in its order) for each app getApps queries. The fields after Organization
   * (releases, certificates, images…) are left out: no script reads them.
   */
  "apps list": {
    args: [0, 0],
    flags: { org: "string", json: "bool" },
    required: ["json"],
    run(s, { flags }) {
      const listed = Object.entries(s.apps).filter(([, a]) => !flags.org || a.org === flags.org);
      print(
        goJson(
          listed.map(([name, a]) => ({
            ID: name,
            InternalNumericID: 0,
            Name: name,
            State: "",
            Status: a.machines.length ? "deployed" : "pending",
            Deployed: a.deploys > 0,
            Hostname: `${name}.fly.dev`,
            AppURL: "",
            Version: 0,
            NetworkID: 0,
            Network: "",
            Release: null,
            Organization: organizationJson(a.org),
          })),
        ),
      );
    },
  },

  /**
   * internal/command/apps/destroy.go@v0.4.87: without --yes it asks, which fails without a
   * terminal; GetApp fails on an app that does not exist. The platform deletes the app with its
   * Machines and volumes. Only the app's deploy-statics bucket goes with it (statics.FindBucket),
   * so a Tigris bucket of the app's, such as Fly Postgres's backups, stays.
   */
  "apps destroy": {
    mutating: true,
    args: [1, 64],
    flags: { yes: "bool" },
    run(s, { args, flags }) {
      for (const name of args) {
        if (!flags.yes) fail("yes flag must be specified when not running interactively");
        app(s, name);
        delete s.apps[name];
        out(`Destroyed app ${name}`);
      }
    },
  },

  // internal/command/postgres/create.go@v0.4.87 (flags; with the sizes given it asks nothing).
  "postgres create": {
    mutating: true,
    args: [0, 0],
    flags: {
      name: "string",
      org: "string",
      region: "string",
      flex: "bool",
      "initial-cluster-size": "int",
      "vm-size": "string",
      "vm-memory": "string",
      "volume-size": "int",
      "enable-backups": "bool",
    },
    required: ["name", "org", "region", "initial-cluster-size", "vm-size", "vm-memory", "volume-size"],
    run(s, { flags }) {
      if (s.apps[flags.name]) fail("Name has already been taken");
      if (flags.flex !== true) fail("stricter than flyctl: pass --flex, the repmgr-managed flavour");
      if (!/^(shared-cpu|performance)-\d+x$/.test(flags["vm-size"])) fail(`vm size "${flags["vm-size"]}" is not valid`);
      if (flags["initial-cluster-size"] < 1) fail("initial cluster size must be at least 1");
      const where = region(flags.region);
      const password = id(16);
      const pg = {
        org: org(s, flags.org),
        kind: "postgres",
        machines: [],
        secrets: {},
        volumes: [],
        deploys: 1,
        users: [],
        databases: [],
        // By database, the users attach created for it: what the admin API lists as its users.
        access: {},
        password,
        backups: flags["enable-backups"] === true,
      };
      for (let i = 0; i < flags["initial-cluster-size"]; i++) {
        const m = newMachine("app", where, { role: i === 0 ? "primary" : "replica" });
        pg.machines.push(m);
        pg.volumes.push({
          id: `vol_${id()}`,
          name: "pg_data",
          region: where,
          sizeGb: flags["volume-size"],
          machine: m.id,
        });
      }
      s.apps[flags.name] = pg;
      out(`Creating postgres cluster in organization ${flags.org}`);
      if (pg.backups) backupBucket(s, flags.name);
      out(
        `Postgres cluster ${flags.name} created\n  Username:    postgres\n  Password:    ${password}\n  Hostname:    ${flags.name}.internal\n  Flycast:     fdaa:0:1::2\n  Proxy port:  5432\n  Postgres port:  5433\n  Connection string: postgres://postgres:${password}@${flags.name}.flycast:5432`,
      );
    },
  },

  // internal/command/machine/list.go@v0.4.87: render.JSON of the Machines, [] when there are none.
  "machine list": {
    args: [0, 0],
    flags: { app: "string", json: "bool" },
    required: ["app", "json"],
    run(s, { flags }) {
      print(goJson(app(s, flags.app).machines.map((m) => machineJson(m, flags.app))));
    },
  },

  "machine clone": {
    mutating: true,
    args: [1, 1],
    flags: { app: "string", region: "string" },
    required: ["app", "region"],
    run(s, { args: [source], flags }) {
      const a = app(s, flags.app);
      const from = a.machines.find((m) => m.id === source) ?? fail(`machine ${source} not found in ${flags.app}`);
      const m = newMachine(from.group, region(flags.region), a.kind === "postgres" ? { role: "replica" } : {});
      a.machines.push(m);
      const volume = a.volumes.find((v) => v.machine === from.id);
      if (volume) a.volumes.push({ ...volume, id: `vol_${id()}`, region: m.region, machine: m.id });
      out(
        `Cloning Machine ${source} into region ${m.region}\nVolume '${volume?.name}' will start empty\nMachine ${m.id} has been created`,
      );
    },
  },

  /**
   * internal/command/machine/destroy.go@v0.4.87: a started Machine needs --force (Kill). A flex
   * member is then unregistered from repmgr through the leader, best effort: with no leader left
   * the command still succeeds (lifecycle_hooks.go runOnDeletionHook, postgres.go UnregisterMember).
   * Its volume stays, unattached.
   */
  "machine destroy": {
    mutating: true,
    args: [1, 1],
    flags: { app: "string", force: "bool" },
    required: ["app"],
    run(s, { args: [machineId], flags }) {
      const a = app(s, flags.app);
      const m =
        a.machines.find((x) => x.id === machineId) ?? fail(`machine ${machineId} was not found in app '${flags.app}'`);
      if (m.state === "started" && !flags.force)
        fail(`machine ${m.id} currently started, either stop first or use --force flag`);
      out(`machine ${m.id} was found and is currently in ${m.state} state, attempting to destroy...`);
      a.machines = a.machines.filter((x) => x !== m);
      for (const v of a.volumes) if (v.machine === m.id) v.machine = null;
      if (m.role) {
        print(`unregistering postgres member '${machineJson(m, flags.app).private_ip}' from the cluster... `);
        out(
          a.machines.some((x) => x.role === "primary" && (x.roleStatus ?? "passing") === "passing")
            ? "(success)"
            : "(failed)\nfailed to unregister postgres member: no active leader found",
        );
      }
      out(`${m.id} has been destroyed`);
    },
  },

  "postgres attach": {
    mutating: true,
    args: [1, 1],
    flags: { app: "string", "database-name": "string", "database-user": "string", yes: "bool" },
    // Stricter: without --database-name each app would get a database of its own, named after it.
    required: ["app", "database-name", "database-user", "yes"],
    run(s, { args: [pgName], flags }) {
      const pg = app(s, pgName);
      if (pg.kind !== "postgres") fail(`${pgName} is not a Postgres app`);
      const consumer = app(s, flags.app);
      if (consumer.secrets.DATABASE_URL)
        fail(`consumer app "${flags.app}" already contains a secret named DATABASE_URL`);
      const user = flags["database-user"];
      const database = flags["database-name"];
      if (!/^[a-z_][a-z0-9_]*$/.test(user) || !/^[a-z_][a-z0-9_]*$/.test(database))
        fail("database and user names take lowercase letters, digits and underscores");
      if (pg.users.includes(user)) fail(`database user "${user}" already exists`);
      pg.users.push(user);
      if (!pg.databases.includes(database)) pg.databases.push(database);
      pg.access[database] = [...(pg.access[database] ?? []), user];
      const url = `postgres://${user}:${id(16)}@${pgName}.flycast:5432/${database}?sslmode=disable`;
      setSecret(consumer, "DATABASE_URL", url);
      out(
        `Postgres cluster ${pgName} is now attached to ${flags.app}\nThe following secret was added to ${flags.app}:\n  DATABASE_URL=${url}`,
      );
    },
  },

  /**
   * internal/command/postgres/db.go@v0.4.87 listDBs: render.Table "Name", "Users" (joined by ", ")
   * of the databases the leader lists, or "No databases found". The fake keeps those attach made,
   * not postgres-flex's own (postgres, repmgr), which no script looks for.
   */
  "postgres db list": {
    args: [0, 0],
    flags: { app: "string" },
    required: ["app"],
    run(s, { flags }) {
      const pg = postgresApp(s, flags.app);
      if (pg.databases.length === 0) return print("No databases found\n");
      print(
        table(
          ["Name", "Users"],
          pg.databases.map((name) => [name, (pg.access[name] ?? []).join(", ")]),
        ),
      );
    },
  },

  /**
   * internal/command/postgres/users.go@v0.4.87 renderUsers: render.Table "Name", "Superuser",
   * "Databases", or "No users found". attach makes no superuser without --superuser.
   */
  "postgres users list": {
    args: [0, 0],
    flags: { app: "string" },
    required: ["app"],
    run(s, { flags }) {
      const pg = postgresApp(s, flags.app);
      if (pg.users.length === 0) return print("No users found\n");
      const databasesOf = (user) => pg.databases.filter((name) => (pg.access[name] ?? []).includes(user));
      print(
        table(
          ["Name", "Superuser", "Databases"],
          pg.users.map((u) => [u, "no", databasesOf(u).join(", ")]),
        ),
      );
    },
  },

  /**
   * internal/command/postgres/connect.go@v0.4.87: ssh to the leader and run its `connect` with
   * --database, --user and --password (postgres by default), which is psql reading the command's
   * stdin. The fake runs what teardown sends: `\set ON_ERROR_STOP on`, then `DROP DATABASE IF
   * EXISTS <name> WITH (FORCE);` and `DROP ROLE IF EXISTS <name>;`, printing psql's command tags,
   * and fails on any other line, as psql with ON_ERROR_STOP stops at an error.
   */
  "postgres connect": {
    mutating: true,
    args: [0, 0],
    flags: { app: "string", database: "string", user: "string", password: "string" },
    required: ["app"],
    stdin: true,
    run(s, { flags, stdin }) {
      const pg = postgresApp(s, flags.app);
      for (const line of stdin.split("\n").filter((l) => l.trim() !== "")) {
        if (line === "\\set ON_ERROR_STOP on") continue;
        const [, kind, name] =
          /^DROP (DATABASE|ROLE) IF EXISTS ([a-z_][a-z0-9_]*)(?: WITH \(FORCE\))?;$/.exec(line) ?? [];
        if (!kind) fail(`the fake runs only the DROP statements of teardown.sh, not: ${line}`);
        if (kind === "DATABASE") {
          pg.databases = pg.databases.filter((d) => d !== name);
          delete pg.access[name];
        } else {
          pg.users = pg.users.filter((u) => u !== name);
          for (const users of Object.values(pg.access))
            users.splice(0, users.length, ...users.filter((u) => u !== name));
        }
        out(`DROP ${kind}`);
      }
    },
  },

  /**
   * internal/command/secrets/list.go@v0.4.87: SecretWithStatus {name, digest, status}; with more
   * than 100 Machines flyctl cannot tell the status and prints {name, digest} (state.secretStatusUnknown).
   */
  "secrets list": {
    args: [0, 0],
    flags: { app: "string", json: "bool" },
    required: ["app", "json"],
    run(s, { flags }) {
      const secrets = Object.entries(app(s, flags.app).secrets);
      print(
        goJson(
          secrets.map(([name, x]) =>
            s.secretStatusUnknown ? { name, digest: x.digest } : { name, digest: x.digest, status: x.status },
          ),
        ),
      );
    },
  },

  // internal/command/secrets/secrets.go@v0.4.87 DeploySecrets: the --stage sentence.
  "secrets import": {
    mutating: true,
    args: [0, 0],
    flags: { app: "string", stage: "bool" },
    required: ["app", "stage"],
    stdin: true,
    run(s, { flags, stdin }) {
      const a = app(s, flags.app);
      const pairs = stdin.split("\n").filter((l) => l.trim() !== "" && !l.startsWith("#"));
      if (pairs.length === 0) fail("requires at least one SECRET=VALUE pair");
      for (const line of pairs) {
        const eq = line.indexOf("=");
        if (eq < 1) fail(`Secrets must be provided as NAME=VALUE pairs (${line.slice(0, eq < 0 ? 20 : eq)}...)`);
        setSecret(a, line.slice(0, eq), line.slice(eq + 1));
      }
      out(
        `Secrets have been staged, but not set on VMs. Deploy or update machines in this app for the secrets to take effect.`,
      );
    },
  },

  /**
   * internal/command/mpg/create.go@v0.4.87: normalizePlan lower-cases --plan, and a plan not in
   * MPGPlans becomes "basic" without a word when there is no terminal (bootstrap's stdin is
   * /dev/null). The output (mpg/v2/run_create.go) holds the connection string.
   */
  "mpg create": {
    mutating: true,
    args: [0, 0],
    flags: { name: "string", org: "string", region: "string", plan: "string", "volume-size": "int" },
    required: ["name", "org", "region", "plan", "volume-size"],
    run(s, { flags }) {
      if (!MPG_REGIONS.has(flags.region))
        fail(
          `region ${flags.region} is not available for Managed Postgres. Available regions: [${[...MPG_REGIONS].join(" ")}]`,
        );
      const requested = flags.plan.trim().toLowerCase();
      const plan = MPG_PLAN_KEYS.includes(requested) ? requested : "basic";
      if (s.mpg.some((c) => c.name === flags.name && c.org === flags.org))
        fail(`failed creating managed postgres cluster: a cluster named ${flags.name} already exists`);
      const cluster = {
        id: id(8),
        name: flags.name,
        org: org(s, flags.org),
        region: flags.region,
        plan,
        volumeSizeGb: flags["volume-size"],
        password: id(16),
        attached: [],
      };
      s.mpg.push(cluster);
      out(
        `Selected Plan: ${plan[0].toUpperCase()}${plan.slice(1)}\n\nManaged Postgres cluster created successfully!\n  ID: ${cluster.id}\n  Name: ${cluster.name}\n  Organization: ${cluster.org}\n  Region: ${cluster.region}\n  Plan: ${plan}\n  Disk: ${cluster.volumeSizeGb}GB\n  PostGIS: false\n  Connection string: postgresql://fly-user:${cluster.password}@direct.${cluster.id}.flympg.net/fly-db`,
      );
    },
  },

  /**
   * internal/command/mpg/list.go@v0.4.87: a sentence, not [], when there are no clusters, even
   * with --json; else the v1 ManagedCluster (internal/uiex/mpg/v1/client.go@v0.4.87) json tags,
   * its organization a fly-go Organization with Go's field names.
   */
  "mpg list": {
    args: [0, 0],
    flags: { org: "string", json: "bool" },
    required: ["org", "json"],
    run(s, { flags }) {
      const clusters = s.mpg.filter((c) => c.org === org(s, flags.org));
      if (clusters.length === 0) return out(`No managed postgres clusters found in organization ${flags.org}`);
      print(
        goJson(
          clusters.map((c) => ({
            id: c.id,
            mpgd_cluster_id: `mpgd-${c.id}`,
            version: 2,
            name: c.name,
            region: c.region,
            status: "ready",
            plan: c.plan,
            disk: c.volumeSizeGb,
            replicas: 1,
            organization: organizationJson(c.org),
            ip_assignments: { direct: `fdaa:0:1:a7b:0:1::${c.id.slice(0, 4)}` },
            attached_apps: c.attached.map((name, i) => ({ name, id: 1000 + i })),
          })),
        ),
      );
    },
  },

  /**
   * internal/command/mpg/destroy.go and mpg/v2/run_destroy.go@v0.4.87 (the fake's clusters are
   * version 2): the cluster by its id, --yes or it asks; the API schedules the destruction, which
   * the fake carries out at once.
   */
  "mpg destroy": {
    mutating: true,
    args: [1, 1],
    flags: { yes: "bool" },
    run(s, { args: [clusterId], flags }) {
      const cluster =
        s.mpg.find((c) => c.id === clusterId) ?? fail(`failed retrieving cluster ${clusterId}: not found`);
      if (!flags.yes) fail("--yes flag must be specified when not running interactively");
      s.mpg = s.mpg.filter((c) => c !== cluster);
      out(`Managed Postgres cluster ${cluster.name} (${cluster.id}) scheduled to be destroyed (may take some time)`);
    },
  },

  "mpg attach": {
    mutating: true,
    args: [1, 1],
    flags: { app: "string" },
    required: ["app"],
    run(s, { args: [clusterId], flags }) {
      const cluster =
        s.mpg.find((c) => c.id === clusterId) ?? fail(`failed retrieving cluster ${clusterId}: not found`);
      const consumer = app(s, flags.app);
      if (consumer.org !== cluster.org)
        fail(`app ${flags.app} and cluster ${clusterId} are in different organizations`);
      if (consumer.secrets.DATABASE_URL)
        fail(`app ${flags.app} already has DATABASE_URL set. Use 'fly secrets unset DATABASE_URL' to remove it first`);
      const url = `postgresql://fly-user:${cluster.password}@pgbouncer.${cluster.id}.flympg.net/fly-db`;
      setSecret(consumer, "DATABASE_URL", url);
      cluster.attached.push(flags.app);
      out(
        `\nPostgres cluster ${clusterId} is being attached to ${flags.app}\nThe following secret was added to ${flags.app}:\n  DATABASE_URL=${url}`,
      );
    },
  },

  /**
   * internal/command/redis/plans.go@v0.4.87: a preamble, then render.Table of the plans that are
   * not legacy, the price "Free" or "$<dollars>/mo".
   */
  "redis plans": {
    args: [0, 0],
    flags: {},
    run(s) {
      print(
        "\nRedis databases run on Fly.io, fully managed by Upstash.com.\nOther limits, besides memory, apply to most plans. Learn more at https://fly.io/docs/reference/redis\n\n",
      );
      const rows = redisPlansOf(s)
        .filter((p) => !REDIS_LEGACY_PLANS.includes(p.displayName.toLowerCase()))
        .map((p) => [
          p.displayName,
          p.maxDataSize,
          p.pricePerMonth === 0 ? "Free" : `$${Math.floor(p.pricePerMonth / 100)}/mo`,
          p.description,
        ]);
      print(table(["Name", "Max Data Size", "Price", "Description"], rows));
    },
  },

  /**
   * internal/command/redis/create.go@v0.4.87: asks for eviction, replicas and ProdPack unless
   * their flags are given, and on a fixed plan for auto-upgrade unless --enable-auto-upgrade is
   * given (=false declines). --plan matches a plan's display name or id exactly.
   */
  "redis create": {
    mutating: true,
    args: [0, 0],
    flags: {
      name: "string",
      org: "string",
      region: "string",
      "replica-regions": "string",
      "no-replicas": "bool",
      "enable-eviction": "bool",
      "disable-eviction": "bool",
      "enable-auto-upgrade": "bool",
      "enable-prodpack": "bool",
      plan: "string",
    },
    required: ["name", "org", "region", "enable-prodpack"],
    oneOf: [
      ["replica-regions", "no-replicas"],
      ["enable-eviction", "disable-eviction"],
    ],
    run(s, { flags }) {
      const plan = redisPlan(s, flags.plan ?? "");
      const fixed = /^(flyio_fixed_|fixed )/i.test(plan.displayName);
      if (fixed && !("enable-auto-upgrade" in flags))
        fail(
          "stricter than flyctl: on a fixed plan it would ask about auto-upgrade; pass --enable-auto-upgrade[=false]",
        );
      if (s.redis[flags.name]) fail(`a Redis database named ${flags.name} already exists`);
      const primary = region(flags.region);
      const replicas = flags["replica-regions"] ? flags["replica-regions"].split(",").map(region) : [];
      if (replicas.includes(primary)) fail(`invalid replica regions: [${primary}]`);
      const password = id(16);
      const db = {
        org: org(s, flags.org),
        region: primary,
        replicaRegions: replicas,
        plan: plan.displayName,
        eviction: flags["enable-eviction"] === true,
        autoUpgrade: fixed && flags["enable-auto-upgrade"] === true,
        prodpack: flags["enable-prodpack"],
        password,
        id: id(10),
      };
      db.url = `redis://default:${password}@fly-${flags.name}.upstash.io:6379`;
      s.redis[flags.name] = db;
      print(
        `\nYour database ${flags.name} is ready. Apps in the ${flags.org} org can connect to Redis at ${db.url}\n\nIf you have redis-cli installed, use fly redis connect to get a Redis console.\n\nYour database is billed at $0.20 per 100K commands. If you're using Sidekiq or BullMQ, which poll Redis frequently, consider switching to a fixed-price plan. See https://fly.io/docs/reference/redis/#pricing\n`,
      );
    },
  },

  /** internal/command/redis/status.go@v0.4.87: render.VerticalTable; there is no --json. */
  /**
   * internal/command/redis/destroy.go@v0.4.87: --yes or it asks; then DeleteAddOn by name, a
   * GraphQL error for a name that is not an add-on.
   */
  "redis destroy": {
    mutating: true,
    args: [1, 1],
    flags: { yes: "bool" },
    run(s, { args: [name], flags }) {
      if (!flags.yes) fail("yes flag must be specified when not running interactively");
      if (!s.redis[name]) gqlFail("deleteAddOn", "Could not find AddOn");
      delete s.redis[name];
      out(`Your Redis database ${name} was destroyed`);
    },
  },

  "redis status": {
    args: [1, 1],
    flags: {},
    run(s, { args: [name] }) {
      const db = s.redis[name] ?? fail(`Could not find AddOn "${name}"`);
      print(
        verticalTable("Redis", [
          ["ID", db.id],
          ["Name", name],
          ["Plan", db.plan],
          ["Primary Region", db.region],
          ["Read Regions", db.replicaRegions.join(",") || "None"],
          ["Eviction", enabled(db.eviction)],
          ["Auto-Upgrade", enabled(db.autoUpgrade)],
          ["ProdPack", enabled(db.prodpack)],
          ["Private URL", db.url],
        ]),
      );
    },
  },

  /**
   * internal/command/redis/update.go@v0.4.87 cannot run without a terminal: prompt.MultiRegion
   * takes --replica-regions only when it is not empty, and then prompt.Select asks for the plan,
   * which has no flag (internal/prompt/prompt.go: no terminal is ErrNonInteractive). So it fails
   * before it changes anything, as here; a test that plays the user running it by hand edits the
   * state instead.
   */
  "redis update": {
    mutating: true,
    args: [1, 1],
    flags: {
      org: "string",
      region: "string",
      "replica-regions": "string",
      "enable-prodpack": "bool",
      "disable-prodpack": "bool",
    },
    run(s, { args: [name], flags }) {
      if (!s.redis[name]) fail(`Could not find AddOn "${name}"`);
      if (!flags["replica-regions"])
        fail("regions codes must be specified in a comma-separated when not running interactively");
      fail("failed to select a plan: prompt: non interactive");
    },
  },

  // internal/command/volumes/list.go@v0.4.87: render.JSON of the volumes not destroyed.
  "volumes list": {
    args: [0, 0],
    flags: { app: "string", json: "bool" },
    required: ["app", "json"],
    run(s, { flags }) {
      print(goJson(app(s, flags.app).volumes.map(volumeJson)));
    },
  },

  "volumes create": {
    mutating: true,
    args: [1, 1],
    flags: { app: "string", region: "string", size: "int", yes: "bool" },
    required: ["app", "region", "size", "yes"],
    run(s, { args: [name], flags }) {
      const a = app(s, flags.app);
      const volume = { id: `vol_${id()}`, name, region: region(flags.region), sizeGb: flags.size, machine: null };
      a.volumes.push(volume);
      out(`        ID: ${volume.id}\n      Name: ${name}\n    Region: ${volume.region}\n   Size GB: ${flags.size}`);
    },
  },

  /**
   * internal/command/volumes/destroy.go@v0.4.87: without --yes it asks, which fails without a
   * terminal. The Machines API refuses a volume a Machine still holds (its message is not in
   * flyctl's source; destroy.go wraps it as "failed destroying volume").
   */
  "volumes destroy": {
    mutating: true,
    args: [1, 1],
    flags: { app: "string", yes: "bool" },
    required: ["app"],
    run(s, { args: [volumeId], flags }) {
      const a = app(s, flags.app);
      if (!flags.yes) fail("yes flag must be specified when not running interactively");
      const v = a.volumes.find((x) => x.id === volumeId) ?? fail(`failed destroying volume: volume not found`);
      if (v.machine) fail(`failed destroying volume: volume ${v.id} is attached to machine ${v.machine}`);
      a.volumes = a.volumes.filter((x) => x !== v);
      out(`Destroyed volume ID: ${v.id} name: ${v.name}`);
    },
  },

  deploy: {
    mutating: true,
    args: [0, 1],
    flags: { config: "string", app: "string", "remote-only": "bool", ha: "bool", yes: "bool" },
    required: ["config", "app"],
    run: deploy,
  },

  /**
   * internal/command/scale/count.go and count_machines.go@v0.4.87: with one region, the count is
   * that region's (convergeGroupCounts), so 0 destroys every Machine of the group there. The plan
   * and its lines are count_machines.go's Fprintf formats (%+4d).
   */
  "scale count": {
    mutating: true,
    args: [1, 1],
    flags: { app: "string", "process-group": "string", region: "string", yes: "bool" },
    required: ["app", "region", "yes"],
    run(s, { args: [count], flags }) {
      if (flags.region.includes(","))
        fail("stricter than flyctl: one region per scale command (a list sets a total across them)");
      if (!/^\d+$/.test(count)) fail(`stricter than flyctl: expected a plain count, got ${count}`);
      const a = app(s, flags.app);
      if (!a.groups) fail(`${flags.app} has never been deployed`);
      const group =
        flags["process-group"] ??
        (a.groups.length === 1
          ? a.groups[0]
          : fail(`${flags.app} has process groups ${a.groups.join(", ")}: pass --process-group`));
      if (!a.groups.includes(group))
        fail(`process group ${group} is not in ${flags.app}'s config (${a.groups.join(", ")})`);
      const where = region(flags.region);
      const here = a.machines.filter((m) => m.group === group && m.region === where);
      const delta = Number(count) - here.length;
      if (delta === 0) return out("App already scaled to desired state. No need for changes");
      const size = "shared-cpu-1x";
      print(`App '${flags.app}' is going to be scaled according to this plan:\n`);
      print(
        `${`${delta > 0 ? "+" : "-"}${Math.abs(delta)}`.padStart(4)} machines for group '${group}' on region '${where}' of size '${size}'\nExecuting scale plan\n`,
      );
      const added = Array.from({ length: Math.max(delta, 0) }, () => newMachine(group, where));
      // Scaling down destroys Machines (Kill: true) and leaves their volumes, as flyctl does.
      const destroyed = here.slice(here.length + Math.min(delta, 0));
      const gone = new Set(destroyed.map((m) => m.id));
      a.machines = [...a.machines.filter((m) => !gone.has(m.id)), ...added];
      for (const v of a.volumes) if (gone.has(v.machine)) v.machine = null;
      for (const m of added) out(`  Created ${m.id} group:${group} region:${where} size:${size}`);
      for (const m of destroyed) out(`  Destroyed ${m.id} group:${group} region:${where} size:${size}`);
    },
  },

  /**
   * internal/command/extensions/tigris/create.go@v0.4.87 and ProvisionExtension
   * (extensions/core/core.go@v0.4.87). Without an app it needs --org; with one (--app, or a
   * fly.toml) --org is ignored and the bucket's secrets go on the app. --yes agrees to the
   * provider's terms when the account has not (that agreement is never recorded with --yes), and
   * without --name it lets the API pick a random one: the fake wants both.
   */
  "storage create": {
    mutating: true,
    args: [0, 0],
    flags: { app: "string", org: "string", name: "string", yes: "bool", public: "bool" },
    required: ["name", "yes"],
    run(s, { flags, cwd }) {
      const appName = contextApp(flags, cwd);
      if (!appName) {
        if (!flags.org) fail("slug argument must be specified when not running interactively");
        try {
          org(s, flags.org);
        } catch (error) {
          fail(`failed retrieving organization with slug ${flags.org}: ${error.message}`);
        }
      }
      agreeToTigrisTerms(s, true);
      const target = appName ? app(s, appName) : undefined;
      const existing = s.tigris.find((b) => b.app === appName);
      if (target && existing) fail(`A ${TIGRIS.resource} named ${existing.name} already exists for app ${appName}`);
      const setsSecrets = provisionBucket(s, {
        name: flags.name,
        org: target?.org ?? flags.org,
        appName,
        isPublic: flags.public === true,
      });
      if (!setsSecrets) return;
      // secrets.DeploySecrets (internal/command/secrets/secrets.go@v0.4.87) with Stage false: an app
      // that runs is redeployed with the secrets (shortened here), one that never ran is not.
      if (target.deploys === 0 && target.machines.length === 0)
        return out("Secrets are staged for the first deployment");
      for (const secret of Object.values(target.secrets)) secret.status = "Deployed";
      out(`Updating existing machines in '${appName}' with rolling strategy\n✓ Machines are up`);
    },
  },

  /**
   * internal/command/extensions/tigris/list.go@v0.4.87: render.Table of name and org, header only
   * when there are none; there is no --json. Without --org, the buckets of every org.
   */
  "storage list": {
    args: [0, 0],
    flags: { org: "string", yes: "bool" },
    run(s, { flags }) {
      const buckets = flags.org ? s.tigris.filter((b) => b.org === org(s, flags.org)) : s.tigris;
      print(
        table(
          ["Name", "Org"],
          buckets.map((b) => [b.name, b.org]),
        ),
      );
    },
  },

  /**
   * internal/command/extensions/tigris/status.go@v0.4.87: render.VerticalTable; the App row only
   * when the bucket was found through the app rather than by name. The shadow-bucket rows come only
   * for a bucket with a shadow, which the fake cannot make. The status word is the API's.
   */
  "storage status": {
    args: [0, 1],
    flags: { app: "string", yes: "bool" },
    run(s, { args, flags, cwd }) {
      const { bucket, appName } = discoverBucket(s, args, flags, cwd);
      const rows = [
        ["Name", bucket.name],
        ["Status", "ready"],
        ["Public", bucket.public ? "True" : "False"],
      ];
      print(verticalTable("Status", appName ? [...rows, ["App", appName]] : rows));
    },
  },

  /**
   * internal/command/extensions/tigris/destroy.go@v0.4.87: asks unless --yes. The app keeps the
   * bucket's secrets.
   */
  "storage destroy": {
    mutating: true,
    args: [0, 1],
    flags: { app: "string", yes: "bool" },
    required: ["yes"],
    run(s, { args, flags, cwd }) {
      const { bucket } = discoverBucket(s, args, flags, cwd);
      s.tigris = s.tigris.filter((b) => b !== bucket);
      out(`Your Tigris object storage bucket ${bucket.name} was destroyed`);
    },
  },

  // internal/command/tokens/create.go@v0.4.87: the token alone on a line.
  "tokens create deploy": {
    mutating: true,
    args: [0, 0],
    flags: { app: "string", name: "string", expiry: "string" },
    required: ["app"],
    run(s, { flags }) {
      app(s, flags.app);
      const token = `FlyV1 fm2_${id(24)}`;
      s.tokens.push({ app: flags.app, name: flags.name ?? "", digest: digest(token) });
      out(token);
    },
  },
};

/** fly deploy: reads the fly.toml it is given and creates the first Machines of each process group. */
function deploy(s, { args, flags, cwd }) {
  const dir = resolve(cwd, args[0] ?? ".");
  const configPath = join(dir, flags.config);
  if (!existsSync(configPath)) fail(`the config file ${configPath} does not exist`);
  const config = parseToml(readFileSync(configPath, "utf8"));
  // flyctl takes --app over the config's app (appconfig.NameFromContext); the fake insists they
  // agree, but for a preview's config, whose app has "<number>" for its pull request's number.
  const [before, after] = String(config.app).split("<number>");
  const agrees =
    after === undefined ? config.app === flags.app : new RegExp(`^${before}[1-9][0-9]*${after}$`).test(flags.app);
  if (!agrees) fail(`stricter than flyctl: --app ${flags.app} but ${flags.config} says app = "${config.app}"`);
  const a = app(s, flags.app);
  const build = config.build ?? {};
  if (!build.image && !existsSync(join(dir, build.dockerfile ?? "Dockerfile"))) fail(`no Dockerfile in ${dir}`);
  if (config.deploy?.release_command && !a.secrets.DATABASE_URL) {
    fail(`release_command failed: DATABASE_URL is not set on ${flags.app} (attach the database first)`);
  }
  const primary = region(config.primary_region ?? fail("fly.toml has no primary_region"));
  const groups = Object.keys(config.processes ?? { app: "" });
  for (const mount of config.mounts ?? []) {
    const free = a.volumes.find((v) => v.name === mount.source && v.region === primary && v.machine === null);
    const used = a.volumes.find((v) => v.name === mount.source && v.machine !== null);
    if (!free && !used)
      fail(`stricter than flyctl: no volume ${mount.source} in ${primary}; create it before deploying`);
  }
  if (flags.ha !== false)
    fail("stricter than flyctl: pass --ha=false so the Machine count is set by scale count alone");
  for (const group of groups) {
    if (a.machines.some((m) => m.group === group)) continue;
    const m = newMachine(group, primary);
    const volume = (config.mounts ?? []).length
      ? a.volumes.find((v) => v.region === primary && v.machine === null)
      : undefined;
    if (volume) volume.machine = m.id;
    a.machines.push(m);
  }
  a.machines = a.machines.filter((m) => groups.includes(m.group));
  a.groups = groups;
  a.deploys += 1;
  for (const secret of Object.values(a.secrets)) secret.status = "Deployed";
  out(
    `==> Building image\n--> Pushing image done\n==> Deploying ${flags.app}\n✓ Machines are up\nVisit your newly deployed app at https://${flags.app}.fly.dev/`,
  );
}

function parse(argv) {
  const words = [];
  let i = 0;
  while (i < argv.length && !argv[i].startsWith("-")) words.push(argv[i++]);
  let name;
  for (let n = Math.min(words.length, 3); n > 0; n--) {
    if (COMMANDS[words.slice(0, n).join(" ")]) {
      name = words.slice(0, n).join(" ");
      break;
    }
  }
  if (!name) fail(`unknown command "${words.join(" ")}" (the fake knows: ${Object.keys(COMMANDS).join(", ")})`);
  const command = COMMANDS[name];
  const args = words.slice(name.split(" ").length);
  const flags = {};
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith("-")) {
      args.push(arg);
      continue;
    }
    const match = /^(?:--([a-z-]+)|-([a-z]))(?:=(.*))?$/.exec(arg) ?? fail(`bad flag ${arg}`);
    const flag = match[1] ?? SHORT[match[2]];
    const type = command.flags[flag];
    if (!type) fail(`unknown flag: ${arg} for "fly ${name}"`);
    if (flag in flags) fail(`flag --${flag} given twice`);
    let value = match[3];
    if (type === "bool") {
      if (value !== undefined && value !== "true" && value !== "false")
        fail(`invalid argument "${value}" for --${flag}`);
      flags[flag] = value !== "false";
      continue;
    }
    if (value === undefined) {
      value = argv[++i];
      if (value === undefined || value.startsWith("-")) fail(`flag needs an argument: --${flag}`);
    }
    if (type === "int" && !/^\d+$/.test(value)) fail(`invalid argument "${value}" for --${flag}: not an integer`);
    flags[flag] = type === "int" ? Number(value) : value;
  }
  const [min, max] = command.args;
  if (args.length < min || args.length > max)
    fail(`"fly ${name}" takes ${min === max ? min : `${min} to ${max}`} argument(s), got ${args.length}`);
  for (const flag of command.required ?? []) {
    if (!(flag in flags)) fail(`stricter than flyctl: "fly ${name}" needs --${flag} (flyctl would prompt or guess)`);
  }
  for (const group of command.oneOf ?? []) {
    if (group.filter((f) => f in flags).length !== 1)
      fail(`"fly ${name}" needs exactly one of --${group.join(", --")}`);
  }
  return { name, command, args, flags };
}

/** One flyctl invocation against the state file at `statePath`. */
export function fly({ argv, cwd, stdin = "", statePath, failAt = "" }) {
  printed = [];
  const state = load(statePath);
  const call = { argv, cwd };
  state.calls.push(call);
  try {
    const parsed = parse(argv);
    call.mutating = parsed.command.mutating === true;
    if (call.mutating) {
      state.attempts += 1;
      if (String(state.attempts) === failAt) fail("injected failure: the connection to api.fly.io was reset");
    }
    parsed.command.run(state, { ...parsed, stdin, cwd });
    save(statePath, state);
    return { code: 0, stdout: printed.join(""), stderr: "" };
  } catch (error) {
    if (!(error instanceof FlyError)) throw error;
    call.error = error.message;
    // A failed call changes nothing but is still recorded.
    const recorded = load(statePath);
    recorded.calls.push(call);
    recorded.attempts = state.attempts;
    save(statePath, recorded);
    return { code: 1, stdout: printed.join(""), stderr: `Error: ${error.message}\n` };
  }
}

/**
 * Serves fly-client.sh: a request is NUL-separated fields (cwd, state path, fail-at, argc, the
 * arguments, stdin); the answer is the exit code, stdout and stderr, each followed by a NUL.
 */
export function serve() {
  const server = createServer((socket) => {
    let buffer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      buffer += chunk;
      const fields = buffer.split("\0");
      if (fields.length < 5) return;
      const argc = Number(fields[3]);
      if (fields.length < 4 + argc + 2) return;
      const [cwd, statePath, failAt] = fields;
      const argv = fields.slice(4, 4 + argc);
      const stdin = fields[4 + argc];
      let result;
      try {
        result = fly({ argv, cwd, stdin, statePath, failAt });
      } catch (error) {
        result = { code: 70, stdout: "", stderr: `fake fly crashed: ${error.stack}\n` };
      }
      socket.end(`${result.code}\0${result.stdout}\0${result.stderr}\0`);
    });
  });
  return new Promise((done) => {
    server.listen(0, "127.0.0.1", () => done({ port: server.address().port, close: () => server.close() }));
  });
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const statePath = process.env.FAKE_FLY_STATE;
  if (!statePath) {
    process.stderr.write("fake fly: FAKE_FLY_STATE is not set\n");
    process.exit(70);
  }
  const stdin = process.stdin.isTTY ? "" : readFileSync(0, "utf8");
  const result = fly({
    argv: process.argv.slice(2),
    cwd: process.cwd(),
    stdin,
    statePath,
    failAt: process.env.FAKE_FLY_FAIL_AT ?? "",
  });
  process.stdout.write(result.stdout);
  process.stderr.write(result.stderr);
  process.exitCode = result.code;
}
