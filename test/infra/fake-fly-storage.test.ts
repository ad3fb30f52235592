/**
 * `fly storage` (Tigris) in the fake prints what flyctl v0.4.87 prints, byte for byte where a
 * script would read it, and behaves as its source does: which flags it needs without a terminal,
 * where the secrets go, what a taken name does. Each expectation names the flyctl file it follows
 * (internal/command/extensions/tigris/ and extensions/core/core.go unless said otherwise).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeState, fakeInProcess } from "./fake-fly.js";
import {
  STORAGE_CREATE_FOR_APP,
  STORAGE_CREATE_FOR_ORG,
  STORAGE_CREATE_SECRETS_EXIST,
  STORAGE_LIST,
  STORAGE_LIST_EMPTY,
  STORAGE_STATUS,
  STORAGE_STATUS_OF_APP,
} from "./flyctl-samples.js";

const fake = await fakeInProcess();
const { reset, run } = fake;
afterAll(() => fake.remove());
beforeEach(() => {
  reset();
  run("apps", "create", "acme-web", "--org", "personal");
});

const CREATE = ["storage", "create", "--name", "acme-media", "--yes"];
const POSTGRES_WITH_BACKUPS = [
  ...["postgres", "create", "--name", "acme-db", "--org", "personal", "--region", "iad", "--flex"],
  ...["--initial-cluster-size", "1", "--vm-size", "shared-cpu-1x", "--vm-memory", "1024", "--volume-size", "10"],
  "--enable-backups",
];

/** stdout with the bucket's keys replaced by the samples' stand-ins. */
function withKeysHidden(stdout: string): string {
  const bucket = fake.state().tigris.find((b) => b.name === "acme-media");
  if (!bucket) throw new Error("no bucket acme-media");
  return stdout.replace(bucket.accessKeyId, "<access key>").replace(bucket.secretAccessKey, "<secret key>");
}

describe("what fly storage prints", () => {
  it("create --app: the bucket, its keys in the clear, the secrets staged on an app that never ran (create.go, core.go)", () => {
    const created = run(...CREATE, "--app", "acme-web");
    expect({ ...created, stdout: withKeysHidden(created.stdout) }).toEqual({
      code: 0,
      stdout: STORAGE_CREATE_FOR_APP,
      stderr: "",
    });
    expect(Object.keys(webSecrets())).toEqual([
      "AWS_ACCESS_KEY_ID",
      "AWS_ENDPOINT_URL_S3",
      "AWS_REGION",
      "AWS_SECRET_ACCESS_KEY",
      "BUCKET_NAME",
    ]);
    expect(Object.values(webSecrets()).map((s) => s.status)).toEqual(Array(5).fill("Staged"));
  });

  it("create --org: the keys are printed and set nowhere (core.go setSecretsFromExtension)", () => {
    const created = run(...CREATE, "--org", "personal");
    expect(withKeysHidden(created.stdout)).toBe(STORAGE_CREATE_FOR_ORG);
    expect(fake.state().tigris).toMatchObject([{ name: "acme-media", org: "personal", app: null }]);
  });

  it("create on an app that has one of the names: sets none of them and still succeeds (core.go)", () => {
    editWeb((web) => {
      web.secrets = { AWS_REGION: setByHand, BUCKET_NAME: setByHand };
    });
    const created = run(...CREATE, "--app", "acme-web");
    expect(created.code).toBe(0);
    expect(withKeysHidden(created.stdout)).toBe(STORAGE_CREATE_SECRETS_EXIST);
    expect(Object.keys(webSecrets())).toEqual(["AWS_REGION", "BUCKET_NAME"]);
  });

  it("list: render.Table of name and org, the header alone when there are none; no --json (list.go)", () => {
    expect(run("storage", "list")).toEqual({ code: 0, stdout: STORAGE_LIST_EMPTY, stderr: "" });
    run(...CREATE, "--org", "personal");
    run(...POSTGRES_WITH_BACKUPS);
    expect(run("storage", "list").stdout).toBe(STORAGE_LIST);
    expect(run("storage", "list", "--org", "personal").stdout).toBe(STORAGE_LIST);
    expect(run("storage", "list", "--json").stderr).toBe('Error: unknown flag: --json for "fly storage list"\n');
  });

  it("status: a bold-titled vertical table, the App row only when found through the app (status.go)", () => {
    run(...CREATE, "--app", "acme-web", "--public");
    expect(run("storage", "status", "--app", "acme-web")).toEqual({
      code: 0,
      stdout: STORAGE_STATUS_OF_APP,
      stderr: "",
    });
    run("storage", "destroy", "acme-media", "--yes");
    run(...CREATE, "--org", "personal");
    expect(run("storage", "status", "acme-media").stdout).toBe(STORAGE_STATUS);
  });

  it("errors from the API: genqlient's gqlerror.List, so an empty line after (cli.go printError)", () => {
    expect(run("storage", "status", "acme-media")).toEqual({
      code: 1,
      stdout: "",
      stderr: "Error: input:3:2: addOn Could not find AddOn\n\n",
    });
    expect(run("storage", "create", "--name", "Acme_Media", "--org", "personal", "--yes").stderr).toBe(
      "Error: input:3:2: createAddOn The specified bucket is not valid.\n\n",
    );
  });
});

describe("how fly storage behaves", () => {
  it("a name taken anywhere in Tigris fails with 'unavailable for creation' (deploy/statics/addon.go matches it)", () => {
    reset({ ...fake.state(), takenBucketNames: ["acme-media"] });
    const taken = run(...CREATE, "--org", "personal");
    expect(taken.code).toBe(1);
    expect(taken.stderr).toBe("Error: input:3:2: createAddOn Name acme-media is unavailable for creation\n\n");
    expect(fake.state().tigris).toEqual([]);
  });

  it("an app has one bucket: a second create for it fails before any name is looked at (core.go)", () => {
    run(...CREATE, "--app", "acme-web");
    expect(run("storage", "create", "--name", "acme-other", "--app", "acme-web", "--yes").stderr).toBe(
      "Error: A Tigris project named acme-media already exists for app acme-web\n",
    );
  });

  it("without an app, --org is needed; without a terminal flyctl cannot ask (create.go, orgs/orgs.go)", () => {
    expect(run(...CREATE).stderr).toBe("Error: slug argument must be specified when not running interactively\n");
    expect(run(...CREATE, "--org", "nowhere").stderr).toBe(
      "Error: failed retrieving organization with slug nowhere: organization nowhere not found\n",
    );
  });

  it("needs --name and --yes, where flyctl would pick a random name or ask to agree to Tigris's terms", () => {
    expect(run("storage", "create", "--org", "personal", "--yes").stderr).toContain("needs --name");
    expect(run("storage", "create", "--name", "acme-media", "--org", "personal").stderr).toContain("needs --yes");
  });

  it("an account that has not agreed to the terms sees them, and --yes agrees (core.go AgreeToProviderTos)", () => {
    reset({ ...fake.state(), tigrisTerms: "Tigris terms of service" });
    expect(run(...CREATE, "--org", "personal").stdout).toMatch(
      /^\nTigris terms of service\n\nBy specifying the --yes flag, you have agreed to the terms displayed above\.\nYour Tigris project/,
    );
  });

  it("refuses to guess the app from a fly.toml, which flyctl would do (command.go LoadAppNameIfPresent)", () => {
    const repo = mkdtempSync(join(fake.dir, "repo-"));
    writeFileSync(join(repo, "fly.toml"), 'app = "acme-web"\n');
    const guessed = fake.runIn(repo, ...CREATE, "--org", "personal");
    expect(guessed.code).toBe(1);
    expect(guessed.stderr).toContain("without --app flyctl would use the app of");
    expect(fake.runIn(repo, "storage", "status", "acme-media").stderr).toContain("Could not find AddOn");
    rmSync(repo, { recursive: true });
  });

  it("create for an app that runs redeploys it with the secrets (secrets/secrets.go DeploySecrets)", () => {
    editWeb((web) => {
      web.machines = [{ id: "m1", region: "iad", group: "app" }];
      web.deploys = 1;
    });
    expect(run(...CREATE, "--app", "acme-web").code).toBe(0);
    expect(Object.values(webSecrets()).map((s) => s.status)).toEqual(Array(5).fill("Deployed"));
  });

  it("destroy needs --yes, forgets the bucket and leaves the app its secrets (destroy.go)", () => {
    run(...CREATE, "--app", "acme-web");
    expect(run("storage", "destroy", "acme-media").stderr).toContain("needs --yes");
    expect(run("storage", "destroy", "acme-media", "--yes").stdout).toBe(
      "Your Tigris object storage bucket acme-media was destroyed\n",
    );
    expect(run("storage", "list").stdout).toBe(STORAGE_LIST_EMPTY);
    expect(Object.keys(webSecrets())).toHaveLength(5);
    // So a bucket made again for the app leaves its old keys in place.
    expect(run(...CREATE, "--app", "acme-web").stdout).toContain("already exist on app acme-web");
  });

  it("postgres create --enable-backups makes a bucket for barman, numbered while the name is taken (flypg/tigris.go)", () => {
    reset({ ...fake.state(), takenBucketNames: ["acme-db-postgres"] });
    const created = run(...POSTGRES_WITH_BACKUPS);
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(
      "Creating Tigris bucket for backup storage\nYour Tigris project (acme-db-postgres-1) is ready.",
    );
    const { tigris, apps } = fake.state();
    expect(tigris).toMatchObject([{ name: "acme-db-postgres-1", org: "personal", app: "acme-db" }]);
    expect(apps["acme-db"]?.secrets.S3_ARCHIVE_CONFIG?.value).toBe(
      `https://${tigris[0]?.accessKeyId}:${tigris[0]?.secretAccessKey}@fly.storage.tigris.dev/acme-db-postgres-1/acme-db`,
    );
  });

  it("postgres create --enable-backups has no --yes: it fails on an account new to Tigris's terms (core.go)", () => {
    reset({ ...fake.state(), tigrisTerms: "Tigris terms of service" });
    expect(run(...POSTGRES_WITH_BACKUPS).stderr).toBe(
      "Error: To agree, the --yes flag must be specified when not running interactively\n",
    );
  });

  it.each([
    ["storage", "create", "--name", "acme-media", "--org", "personal", "--yes", "--region", "iad"],
    ["storage", "status", "acme-media", "--json"],
    ["storage", "update", "acme-media", "--private"],
  ])("fails on what flyctl lacks or the fake does not know: fly %s %s %s", (...argv) => {
    expect(run(...argv).code).toBe(1);
  });
});

const webSecrets = () => fake.state().apps["acme-web"]?.secrets ?? {};

const setByHand = { value: "set by hand", digest: "0", status: "Deployed" };

/** Changes acme-web in the fake's state, as the platform would have it after other commands. */
function editWeb(edit: (web: FakeState["apps"][string]) => void): void {
  const state = fake.state();
  const web = state.apps["acme-web"];
  if (!web) throw new Error("no app acme-web");
  edit(web);
  reset(state);
}
