/**
 * The fake flyctl prints what flyctl v0.4.87 prints where bootstrap reads it, takes only flags
 * flyctl has, and behaves as flyctl's source does where that matters: Managed Postgres plans,
 * Upstash's fixed plans. Each expectation names the flyctl file it follows.
 */
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { emptyState, fakeInProcess } from "./fake-fly.js";
import { REDIS_PLANS, REDIS_STATUS, REDIS_STATUS_DB } from "./flyctl-samples.js";

const fake = await fakeInProcess();
const { reset, run } = fake;
afterAll(() => fake.remove());
beforeEach(() => reset());

const REDIS_CREATE = ["redis", "create", "--name", "acme-redis", "--org", "personal", "--region", "iad"];
const REDIS_ANSWERS = ["--no-replicas", "--disable-eviction", "--enable-prodpack=false"];

describe("what the fake prints", () => {
  it("fly redis status: render.VerticalTable in tablewriter v1.1.4's layout (redis/status.go)", () => {
    reset({ ...emptyState(), redis: { "acme-redis": REDIS_STATUS_DB } });
    expect(run("redis", "status", "acme-redis")).toEqual({ code: 0, stdout: REDIS_STATUS, stderr: "" });
  });

  it("fly redis plans: the preamble and render.Table, legacy plans left out (redis/plans.go)", () => {
    expect(run("redis", "plans")).toEqual({ code: 0, stdout: REDIS_PLANS, stderr: "" });
  });

  it("--json: render.JSON's four-space indent and the json tags of flyctl's structs", () => {
    run("apps", "create", "acme-web", "--org", "personal");
    expect(run("secrets", "list", "--app", "acme-web", "--json").stdout).toBe("[]\n");
    expect(run("auth", "whoami", "--json").stdout).toBe('{\n    "email": "dev@example.com"\n}\n');
    // secrets/list.go SecretWithStatus; machine/list.go prints [] for an app without Machines.
    expect(run("machine", "list", "--app", "acme-web", "--json").stdout).toBe("[]\n");
    expect(run("volumes", "list", "--app", "acme-web", "--json").stdout).toBe("[]\n");
    // mpg/list.go: a sentence, even with --json, when there are no clusters.
    expect(run("mpg", "list", "--org", "personal", "--json").stdout).toBe(
      "No managed postgres clusters found in organization personal\n",
    );
  });

  it("fly mpg list --json: the v1 ManagedCluster's json tags, its organization with Go's field names", () => {
    run(
      "mpg",
      "create",
      "--name",
      "acme-db",
      "--org",
      "personal",
      "--region",
      "iad",
      "--plan",
      "starter",
      "--volume-size",
      "10",
    );
    const [cluster] = JSON.parse(run("mpg", "list", "--org", "personal", "--json").stdout);
    expect(Object.keys(cluster)).toEqual([
      "id",
      "mpgd_cluster_id",
      "version",
      "name",
      "region",
      "status",
      "plan",
      "disk",
      "replicas",
      "organization",
      "ip_assignments",
      "attached_apps",
    ]);
    expect(cluster).toMatchObject({ name: "acme-db", plan: "starter", organization: { Slug: "personal" } });
  });
});

describe("how the fake behaves", () => {
  const mpgPlan = (plan: string) => {
    const created = run(
      ...["mpg", "create", "--name", "acme-db", "--org", "personal", "--region", "iad"],
      ...["--plan", plan, "--volume-size", "10"],
    );
    expect(created.code).toBe(0);
    return JSON.parse(run("mpg", "list", "--org", "personal", "--json").stdout)[0].plan;
  };

  it.each([
    ["starter", "starter"],
    ["Scale", "scale"],
    // mpg/create.go lower-cases the plan; plans.go keys this one "Performance": not found, and
    // without a terminal flyctl picks basic.
    ["performance", "basic"],
    ["Performance", "basic"],
  ])("fly mpg create --plan %s creates %s (mpg/create.go, mpg/plans.go)", (plan, created) => {
    expect(mpgPlan(plan)).toBe(created);
  });

  it("fly redis create on a fixed plan needs --enable-auto-upgrade, or flyctl asks (redis/create.go)", () => {
    const asks = run(...REDIS_CREATE, ...REDIS_ANSWERS, "--plan", "Fixed 1GB");
    expect(asks.code).toBe(1);
    expect(asks.stderr).toContain("--enable-auto-upgrade");
    expect(run(...REDIS_CREATE, ...REDIS_ANSWERS, "--plan", "Fixed 1GB", "--enable-auto-upgrade=false").code).toBe(0);
    expect(run("redis", "status", "acme-redis").stdout).toMatch(/^ Plan {11}│ Fixed 1GB /m);
  });

  it("fly redis create matches --plan exactly and refuses legacy plans (redis/create.go)", () => {
    expect(run(...REDIS_CREATE, ...REDIS_ANSWERS, "--plan", "fixed 1gb").stderr).toBe(
      'Error: plan "fixed 1gb" not found\n',
    );
    expect(run(...REDIS_CREATE, ...REDIS_ANSWERS, "--plan", "Starter").stderr).toBe(
      'Error: plan "Starter" is no longer available for new databases. Please choose a current plan\n',
    );
    // Without --plan: pay-as-you-go, and no auto-upgrade question.
    expect(run(...REDIS_CREATE, ...REDIS_ANSWERS).code).toBe(0);
    expect(run("redis", "status", "acme-redis").stdout).toMatch(/^ Plan {11}│ Pay-as-you-go /m);
  });

  it("fly postgres create takes --enable-backups (postgres/create.go) and nothing flyctl lacks", () => {
    const create = ["postgres", "create", "--name", "acme-db", "--org", "personal", "--region", "iad", "--flex"];
    const sizes = ["--vm-size", "shared-cpu-1x", "--vm-memory", "1024", "--volume-size", "10"];
    expect(run(...create, "--initial-cluster-size", "3", ...sizes, "--enable-backups").code).toBe(0);
    expect(run(...create, "--initial-cluster-size", "3", ...sizes, "--ha").stderr).toBe(
      'Error: unknown flag: --ha for "fly postgres create"\n',
    );
  });

  it.each([
    ["machine", "list", "--app", "acme-web"],
    ["secrets", "list", "--app", "acme-web"],
    ["volumes", "list", "--app", "acme-web"],
    ["status", "--app", "acme-web"],
  ])("stays strict: fly %s %s without --json fails", (...argv) => {
    run("apps", "create", "acme-web", "--org", "personal");
    expect(run(...argv).code).toBe(1);
  });

  const PG_CREATE = [
    ...["postgres", "create", "--name", "acme-db", "--org", "personal", "--region", "iad", "--flex"],
    ...["--initial-cluster-size", "2", "--vm-size", "shared-cpu-1x", "--vm-memory", "1024", "--volume-size", "10"],
  ];
  const machines = (name: string) => JSON.parse(run("machine", "list", "--app", name, "--json").stdout);
  const volumes = (name: string) => JSON.parse(run("volumes", "list", "--app", name, "--json").stdout);

  it("a flex member carries repmgr's label and its role in the role check (postgres/postgres.go)", () => {
    expect(run(...PG_CREATE).code).toBe(0);
    const [primary, replica] = machines("acme-db");
    expect(primary.image_ref.labels["fly.pg-manager"]).toBe("repmgr");
    expect(primary.checks).toEqual([
      { name: "role", status: "passing", output: "primary", updated_at: "2026-12-01T12:00:00Z" },
    ]);
    expect(replica.checks[0]).toMatchObject({ name: "role", status: "passing", output: "replica" });
  });

  it("fly machine destroy: a started Machine needs --force; the volume stays, unattached (machine/destroy.go)", () => {
    expect(run(...PG_CREATE).code).toBe(0);
    const [, replica] = machines("acme-db");
    expect(run("machine", "destroy", replica.id, "--app", "acme-db").stderr).toBe(
      `Error: machine ${replica.id} currently started, either stop first or use --force flag\n`,
    );
    expect(run("machine", "destroy", replica.id, "--app", "acme-db", "--force")).toEqual({
      code: 0,
      stdout: [
        `machine ${replica.id} was found and is currently in started state, attempting to destroy...`,
        `unregistering postgres member '${replica.private_ip}' from the cluster... (success)`,
        `${replica.id} has been destroyed`,
        "",
      ].join("\n"),
      stderr: "",
    });
    expect(machines("acme-db").map((m: { id: string }) => m.id)).not.toContain(replica.id);
    expect(volumes("acme-db").map((v: { attached_machine_id: string | null }) => v.attached_machine_id)).toContain(
      null,
    );
    expect(run("machine", "destroy", replica.id, "--app", "acme-db", "--force").stderr).toBe(
      `Error: machine ${replica.id} was not found in app 'acme-db'\n`,
    );
  });

  it("fly volumes destroy: needs --yes without a terminal, refuses an attached volume (volumes/destroy.go)", () => {
    expect(run(...PG_CREATE).code).toBe(0);
    const [, replica] = machines("acme-db");
    const volume = volumes("acme-db").find(
      (v: { attached_machine_id: string }) => v.attached_machine_id === replica.id,
    );
    expect(run("volumes", "destroy", volume.id, "--app", "acme-db").stderr).toBe(
      "Error: yes flag must be specified when not running interactively\n",
    );
    expect(run("volumes", "destroy", volume.id, "--app", "acme-db", "--yes").code).toBe(1);
    run("machine", "destroy", replica.id, "--app", "acme-db", "--force");
    expect(run("volumes", "destroy", volume.id, "--app", "acme-db", "--yes")).toEqual({
      code: 0,
      stdout: `Destroyed volume ID: ${volume.id} name: pg_data\n`,
      stderr: "",
    });
    expect(volumes("acme-db")).toHaveLength(1);
  });

  it("fly scale count prints count_machines.go's plan (%+4d) and says when there is nothing to do", () => {
    run("apps", "create", "acme-web", "--org", "personal");
    const state = fake.state();
    const web = state.apps["acme-web"];
    if (!web) throw new Error("no acme-web");
    Object.assign(web, { groups: ["app"], deploys: 1 });
    reset(state);
    const scale = (count: string) => run("scale", "count", count, "--app", "acme-web", "--region", "nrt", "--yes");
    const up = scale("1");
    expect(up.stdout).toMatch(
      /^App 'acme-web' is going to be scaled according to this plan:\n {2}\+1 machines for group 'app' on region 'nrt' of size 'shared-cpu-1x'\nExecuting scale plan\n {2}Created \w+ group:app region:nrt size:shared-cpu-1x\n$/,
    );
    expect(scale("0").stdout).toMatch(/^ {2}-1 machines for group 'app' on region 'nrt'/m);
    expect(scale("0").stdout).toBe("App already scaled to desired state. No need for changes\n");
  });

  it.each([
    [[], "regions codes must be specified in a comma-separated when not running interactively"],
    [["--replica-regions", "lhr"], "failed to select a plan: prompt: non interactive"],
  ])("fly redis update %j cannot run without a terminal (redis/update.go, prompt/prompt.go)", (flags, error) => {
    expect(run(...REDIS_CREATE, ...REDIS_ANSWERS).code).toBe(0);
    expect(run("redis", "update", "acme-redis", ...flags)).toEqual({
      code: 1,
      stdout: "",
      stderr: `Error: ${error}\n`,
    });
  });

  it("fails on a command flyctl does not have", () => {
    expect(run("redis", "attach", "acme-redis").code).toBe(1);
  });
});
