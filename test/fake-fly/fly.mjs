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

const REGIONS = new Set("ams arn cdg dfw ewr fra gru iad jnb lax lhr nrt ord sin sjc syd yyz".split(" "));
const MPG_REGIONS = new Set("ams fra gru iad lax lhr nrt ord sin sjc syd yyz".split(" "));
const MPG_PLANS = new Set(["basic", "starter", "launch", "scale", "performance"]);
const SHORT = { a: "app", c: "config", o: "org", r: "region", n: "name", j: "json", y: "yes", g: "process-group" };

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
/** What the current call printed; calls are handled one at a time, synchronously. */
let printed = [];
const out = (text) => {
  printed.push(`${text}\n`);
};

function region(value) {
  if (!REGIONS.has(value)) fail(`region ${JSON.stringify(value)} is not a current Fly.io region`);
  return value;
}

function org(state, slug) {
  if (!state.orgs.includes(slug)) fail(`organization ${slug} not found`);
  return slug;
}

function app(state, name) {
  const found = state.apps[name];
  if (!found) fail(`Could not find App "${name}"`);
  return found;
}

function setSecret(target, name, value) {
  target.secrets[name] = { value, digest: digest(value), status: "Staged" };
}

function newMachine(group, where, extra = {}) {
  return { id: id(), region: where, state: "started", group, ...extra };
}

function machineJson(m) {
  return {
    id: m.id,
    name: `m-${m.id}`,
    state: m.state,
    region: m.region,
    config: { metadata: { fly_process_group: m.group, ...(m.role ? { role: m.role } : {}) } },
  };
}

function table(rows, headers) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) =>
    cells
      .map((c, i) => String(c).padEnd(widths[i]))
      .join("\t")
      .trimEnd();
  return [line(headers), ...rows.map(line)].join("\n");
}

/** flyctl's render.VerticalTable: a title, then `  Key = value` with the keys padded. */
function verticalTable(title, pairs) {
  const width = Math.max(...pairs.map(([k]) => k.length));
  return [title, ...pairs.map(([k, v]) => `  ${k.padEnd(width)} = ${v}`)].join("\n");
}

/**
 * The commands the bootstrap script may run. `flags` maps each accepted flag to its type;
 * `required` lists the flags without which real flyctl would prompt (or guess from a fly.toml).
 */
const COMMANDS = {
  "auth whoami": {
    args: [0, 0],
    flags: {},
    run: (s) => out(s.user ?? fail("No access token available. Please login with 'flyctl auth login'")),
  },

  status: {
    args: [0, 0],
    flags: { app: "string", json: "bool" },
    required: ["app"],
    run(s, { flags }) {
      const a = app(s, flags.app);
      if (flags.json)
        out(
          JSON.stringify(
            {
              ID: flags.app,
              Name: flags.app,
              Hostname: `${flags.app}.fly.dev`,
              Status: a.machines.length ? "deployed" : "pending",
            },
            null,
            2,
          ),
        );
      else out(`App\n  Name     = ${flags.app}\n  Owner    = ${a.org}\n  Hostname = ${flags.app}.fly.dev\n`);
    },
  },

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
    },
    required: ["name", "org", "region", "initial-cluster-size", "vm-size", "vm-memory", "volume-size"],
    run(s, { flags }) {
      if (s.apps[flags.name]) fail("Name has already been taken");
      if (flags.flex !== true) fail("stricter than flyctl: pass --flex, the repmgr-managed flavour");
      if (!/^(shared-cpu|performance)-\d+x$/.test(flags["vm-size"])) fail(`vm size "${flags["vm-size"]}" is not valid`);
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
        password,
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
      out(
        `Creating postgres cluster in organization ${flags.org}\nPostgres cluster ${flags.name} created\n  Username:    postgres\n  Password:    ${password}\n  Hostname:    ${flags.name}.internal\n  Flycast:     fdaa:0:1::2\n  Proxy port:  5432\n  Postgres port:  5433\n  Connection string: postgres://postgres:${password}@${flags.name}.flycast:5432`,
      );
    },
  },

  "machine list": {
    args: [0, 0],
    flags: { app: "string", json: "bool" },
    required: ["app"],
    run(s, { flags }) {
      const a = app(s, flags.app);
      if (flags.json) out(JSON.stringify(a.machines.map(machineJson), null, 2));
      else
        out(
          table(
            a.machines.map((m) => [m.id, m.state, m.region, m.group]),
            ["ID", "STATE", "REGION", "PROCESS GROUP"],
          ),
        );
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
      const url = `postgres://${user}:${id(16)}@${pgName}.flycast:5432/${database}?sslmode=disable`;
      setSecret(consumer, "DATABASE_URL", url);
      out(
        `Postgres cluster ${pgName} is now attached to ${flags.app}\nThe following secret was added to ${flags.app}:\n  DATABASE_URL=${url}`,
      );
    },
  },

  "secrets list": {
    args: [0, 0],
    flags: { app: "string", json: "bool" },
    required: ["app"],
    run(s, { flags }) {
      const list = Object.entries(app(s, flags.app).secrets).map(([name, x]) => ({
        name,
        digest: x.digest,
        status: x.status,
      }));
      // Older flyctl releases print Go's default keys and no status: state.legacySecretsJson.
      const legacy = list.map((x) => ({ Name: x.name, Digest: x.digest, CreatedAt: "2026-01-01T00:00:00Z" }));
      if (flags.json) out(JSON.stringify(s.legacySecretsJson ? legacy : list, null, 2));
      else
        out(
          table(
            list.map((x) => [x.name, x.digest, x.status]),
            ["NAME", "DIGEST", "STATUS"],
          ),
        );
    },
  },

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

  "mpg create": {
    mutating: true,
    args: [0, 0],
    flags: { name: "string", org: "string", region: "string", plan: "string", "volume-size": "int" },
    required: ["name", "org", "region", "plan", "volume-size"],
    run(s, { flags }) {
      if (!MPG_REGIONS.has(flags.region)) fail(`region ${flags.region} is not available for Managed Postgres`);
      if (!MPG_PLANS.has(flags.plan.toLowerCase())) fail(`invalid plan ${flags.plan}`);
      if (s.mpg.some((c) => c.name === flags.name && c.org === flags.org))
        fail(`a cluster named ${flags.name} already exists`);
      const cluster = {
        id: id(8),
        name: flags.name,
        org: org(s, flags.org),
        region: flags.region,
        plan: flags.plan.toLowerCase(),
        volumeSizeGb: flags["volume-size"],
        password: id(16),
        attached: [],
      };
      s.mpg.push(cluster);
      out(
        `Managed Postgres cluster ${cluster.id} created\n  Connection string: postgresql://fly-user:${cluster.password}@direct.${cluster.id}.flympg.net/fly-db`,
      );
    },
  },

  "mpg list": {
    args: [0, 0],
    flags: { org: "string", json: "bool" },
    required: ["org"],
    run(s, { flags }) {
      const clusters = s.mpg.filter((c) => c.org === org(s, flags.org));
      // As flyctl does, even with --json: a sentence, not [], when there are no clusters.
      if (clusters.length === 0) return out(`No managed postgres clusters found in organization ${flags.org}`);
      const rows = clusters.map((c) => ({
        id: c.id,
        name: c.name,
        region: c.region,
        status: "ready",
        plan: c.plan,
        organization: { slug: c.org },
        attached_apps: c.attached.map((name) => ({ name })),
      }));
      if (flags.json) out(JSON.stringify(rows, null, 2));
      else
        out(
          table(
            rows.map((r) => [r.id, r.name, flags.org, r.region, r.status, r.plan]),
            ["ID", "Name", "Org", "Region", "Status", "Plan"],
          ),
        );
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
      "enable-prodpack": "bool",
      plan: "string",
    },
    required: ["name", "org", "region", "enable-prodpack"],
    oneOf: [
      ["replica-regions", "no-replicas"],
      ["enable-eviction", "disable-eviction"],
    ],
    run(s, { flags }) {
      if (s.redis[flags.name]) fail(`a Redis database named ${flags.name} already exists`);
      const replicas = flags["replica-regions"] ? flags["replica-regions"].split(",").map(region) : [];
      const password = id(16);
      const db = {
        org: org(s, flags.org),
        region: region(flags.region),
        replicaRegions: replicas,
        eviction: flags["enable-eviction"] === true,
        prodpack: flags["enable-prodpack"],
        password,
        id: id(10),
      };
      db.url = `redis://default:${password}@fly-${flags.name}.upstash.io:6379`;
      s.redis[flags.name] = db;
      out(
        `\nYour Upstash Redis database ${flags.name} is ready. Check the pricing details at https://upstash.com/pricing.\nApps in the ${flags.org} org can connect to Redis at ${db.url}\nIf you have redis-cli installed, use fly redis connect to get a Redis console.`,
      );
    },
  },

  "redis status": {
    args: [1, 1],
    flags: {},
    run(s, { args: [name] }) {
      const db = s.redis[name] ?? fail(`Could not find Redis database ${name}`);
      out(
        verticalTable("Redis", [
          ["ID", db.id],
          ["Name", name],
          ["Plan", "Pay-as-you-go"],
          ["Primary Region", db.region],
          ["Read Regions", db.replicaRegions.join(",") || "None"],
          ["Eviction", String(db.eviction)],
          ["Private URL", db.url],
        ]),
      );
    },
  },

  "volumes list": {
    args: [0, 0],
    flags: { app: "string", json: "bool" },
    required: ["app"],
    run(s, { flags }) {
      const rows = app(s, flags.app).volumes.map((v) => ({
        id: v.id,
        name: v.name,
        region: v.region,
        size_gb: v.sizeGb,
        attached_machine_id: v.machine,
      }));
      if (flags.json) out(JSON.stringify(rows, null, 2));
      else
        out(
          table(
            rows.map((v) => [v.id, v.name, v.region, `${v.size_gb}GB`]),
            ["ID", "NAME", "REGION", "SIZE"],
          ),
        );
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

  deploy: {
    mutating: true,
    args: [0, 1],
    flags: { config: "string", app: "string", "remote-only": "bool", ha: "bool", yes: "bool" },
    required: ["config", "app"],
    run: deploy,
  },

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
      const want = Number(count);
      for (let n = here.length; n < want; n++) a.machines.push(newMachine(group, where));
      const extra = new Set(here.slice(want).map((m) => m.id));
      a.machines = a.machines.filter((m) => !extra.has(m.id));
      out(
        `App '${flags.app}' is going to be scaled according to this plan:\n${want >= here.length ? "+" : "-"}${Math.abs(want - here.length)} machines for group '${group}' on region '${where}'`,
      );
    },
  },

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
  if (config.app !== flags.app)
    fail(`stricter than flyctl: --app ${flags.app} but ${flags.config} says app = "${config.app}"`);
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
