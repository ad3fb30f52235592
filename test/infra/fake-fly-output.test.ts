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

  it("fails on a command flyctl does not have", () => {
    expect(run("redis", "attach", "acme-redis").code).toBe(1);
  });
});
