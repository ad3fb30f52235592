/**
 * Bad input through the built CLI: each case exits 2, says on stderr which flag or field holds which
 * bad value, and leaves the working folder exactly as it was.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { listing, tempDirs } from "../helpers/tmp.js";

const tempDir = tempDirs();

interface BadCase {
  args: string[];
  /** Files to create in the working folder first (strings are written as they are). */
  files?: Record<string, unknown>;
  /** Each must appear on stderr. */
  says: (string | RegExp)[];
}

const GOOD = { name: "acme", regions: ["iad", "lhr"], primaryRegion: "iad" };
const file = (content: unknown) => ({ "spec.json": content });
const REGIONS = "ams, arn, cdg, dfw, ewr, fra, gru, iad, jnb, lax, lhr, nrt, ord, sin, sjc, syd, yyz";

const CASES: Record<string, BadCase> = {
  "an unknown flag": { args: ["--bogus"], says: ["unknown option --bogus"] },
  "a typo'd flag": { args: ["--regoins", "iad"], says: ["unknown option --regoins; did you mean --regions?"] },
  "a typo'd flag with =": { args: ["--primary-regon=iad"], says: ["did you mean --primary-region?"] },
  "an unknown short flag": { args: ["-x"], says: ["unknown option -x"] },
  "a flag without its value": { args: ["--regions"], says: ["--regions needs a value: --regions <a,b,c>"] },
  "a value that looks like the next flag": {
    args: ["--database", "--yes"],
    says: ["--database needs a value: --database <postgres|mpg|none>; allowed: postgres, mpg, none"],
  },
  "a value for a switch": { args: ["--dry-run=yes"], says: [`--dry-run takes no value, got "yes"`] },
  "a value for a switch named by its long alias": { args: ["--yes=1"], says: [`--yes takes no value, got "1"`] },
  "a value glued to a short switch": { args: ["-y=1"], says: ["-y=1: -y takes no value; write -y"] },
  "two positional directories": { args: ["one", "two", "--yes"], says: [`expected one directory, got 2: "one" "two"`] },
  "a bad database": {
    args: ["--database", "mysql"],
    says: [`--database: "mysql" is not allowed; allowed: "postgres", "mpg", "none"`],
  },
  "a bad cache": {
    args: ["--cache", "memcached", "--yes"],
    says: [`--cache: "memcached" is not allowed; allowed: "upstash", "redis-app", "none"`],
  },
  "a bad worker": { args: ["--worker", "cron", "--yes"], says: [`--worker: "cron" is not allowed`] },
  "a bad queue": {
    args: ["--queue", "sqs", "--yes"],
    says: [`--queue: "sqs" is not allowed; allowed: "postgres", "redis"`],
  },
  "a bad Managed Postgres plan": {
    args: ["--database", "mpg", "--mpg-plan", "gold", "--yes"],
    says: [`--mpg-plan: "gold" is not allowed; allowed: "basic", "starter", "launch", "scale", "performance"`],
  },
  "a Managed Postgres plan without Managed Postgres": {
    args: ["--mpg-plan", "launch", "--yes"],
    says: [`--mpg-plan: only Managed Postgres has plans, but database is "postgres"; add --database mpg`],
  },
  "a bad package manager": { args: ["--package-manager", "pip", "--yes"], says: [`--package-manager: "pip"`] },
  "a retired region": {
    args: ["--regions", "iad,sea", "--yes"],
    says: [`--regions: "sea" (Seattle) is a retired Fly region; use "sjc"`],
  },
  "bom, which takes no new resources since 2026-08": {
    args: ["--regions", "iad,bom", "--yes"],
    says: [`--regions: "bom" (Mumbai) is a retired Fly region; use "sin" (Singapore, Singapore) instead`],
  },
  "an unknown primary region": {
    args: ["--primary-region", "xyz", "--yes"],
    says: [`--primary-region: "xyz" is not a Fly region; allowed: ${REGIONS}`],
  },
  "an empty entry in a list": {
    args: ["--regions", "iad,,lhr", "--yes"],
    says: [`--regions: "iad,,lhr" has an empty entry`],
  },
  "a duplicate region": { args: ["--regions", "iad,lhr,iad", "--yes"], says: [`--regions: "iad" is listed twice`] },
  "a bad name": { args: ["--name", "My_App", "--yes"], says: [`--name: "My_App" must start with a lowercase letter`] },
  "a name with a trailing dash": {
    args: ["--name", "acme-", "--yes"],
    says: [`--name: "acme-" must not end with a dash`],
  },
  "a name too long": {
    args: ["--name", "a".repeat(31), "--yes"],
    says: ["is 31 characters long; at most 30 are allowed"],
  },
  "a directory whose name is not a valid name": {
    args: ["Bad_Dir", "--yes"],
    says: [`the directory's name (set --name to choose another): "Bad_Dir" must start with a lowercase letter`],
  },
  "a bad org": { args: ["--org", "My Org", "--yes"], says: [`--org: "My Org" must start with a lowercase letter`] },
  "a primary outside the regions": {
    args: ["--regions", "iad,lhr", "--primary-region", "nrt", "--yes"],
    says: [`--primary-region: "nrt" is not one of the regions (iad, lhr)`],
  },
  "the primary as a replica": {
    args: ["--replica-regions", "iad", "--yes"],
    says: [`--replica-regions: "iad" is the primary region; replicas go to the other regions (lhr, nrt)`],
  },
  "a replica outside the web regions": {
    args: ["--replica-regions", "syd", "--yes"],
    says: [`--replica-regions: "syd" is not one of the web regions; allowed: lhr, nrt`],
  },
  "Managed Postgres with replicas": {
    args: ["--database", "mpg", "--replica-regions", "lhr", "--yes"],
    says: [`--replica-regions: Managed Postgres ("mpg") has no cross-region read replicas (lhr)`],
  },
  "Managed Postgres where it is not offered, through the default primary": {
    args: ["--regions", "jnb", "--database", "mpg", "--yes"],
    says: [
      `primaryRegion (a default; set --primary-region to change it): Managed Postgres ("mpg") is not offered in "jnb"`,
    ],
  },
  "a worker without a backend": {
    args: ["--database", "none", "--cache", "none", "--worker", "app", "--yes"],
    says: [`--worker: worker "app" needs a queue backend, but database and cache are both "none"`],
  },
  "a redis queue without a cache": {
    args: ["--cache", "none", "--queue", "redis", "--yes"],
    says: [`--queue: the queue "redis" needs a cache, but cache is "none"`],
  },
  "a spec file that is not JSON": {
    args: ["--spec", "spec.json", "--yes"],
    files: file("{ name: acme }"),
    says: ["--spec: spec.json is not valid JSON"],
  },
  "an empty spec file": {
    args: ["--spec", "spec.json", "--yes"],
    files: file(""),
    says: ["spec.json is not valid JSON"],
  },
  "a missing spec file": {
    args: ["--spec", "missing.json", "--yes"],
    says: ["--spec: missing.json does not exist"],
  },
  "a spec path that is a folder": {
    args: ["--spec", "folder", "--yes"],
    files: { "folder/": null },
    says: ["--spec: folder is a folder, not a regular file; refusing"],
  },
  "a spec file holding an array": {
    args: ["--spec", "spec.json", "--yes"],
    files: file([GOOD]),
    says: ["--spec: spec.json must hold a JSON object (the answers), not an array"],
  },
  "a spec file holding null": {
    args: ["--spec", "spec.json", "--yes"],
    files: file(null),
    says: ["spec.json must hold a JSON object (the answers), not null"],
  },
  "a spec file with an unknown field": {
    args: ["--spec", "spec.json", "--yes"],
    files: file({ ...GOOD, regionz: ["iad"] }),
    says: [`spec.json: regionz: unknown field "regionz"; allowed: $schema, version, name, org, primaryRegion, regions`],
  },
  "a spec file with an unknown nested field": {
    args: ["--spec", "spec.json", "--yes"],
    files: file({ ...GOOD, web: { vm: { memory: 512 } } }),
    says: [`spec.json: web.vm.memory: unknown field "memory"; allowed: cpuKind, cpus, memoryMb`],
  },
  "a spec file with a primary outside the regions": {
    args: ["--spec", "spec.json", "--yes"],
    files: file({ ...GOOD, primaryRegion: "nrt" }),
    says: [`spec.json: primaryRegion: "nrt" is not one of the regions (iad, lhr)`],
  },
  "a spec file with Managed Postgres replicas": {
    args: ["--spec", "spec.json", "--yes"],
    files: file({ ...GOOD, database: { kind: "mpg", replicaRegions: ["lhr"] } }),
    says: [`spec.json: database.replicaRegions: Managed Postgres ("mpg") has no cross-region read replicas (lhr)`],
  },
  "a spec file with a worker and no backend": {
    args: ["--spec", "spec.json", "--yes"],
    files: file({ ...GOOD, database: { kind: "none" }, cache: { kind: "none" }, worker: { kind: "process" } }),
    says: [`spec.json: worker.kind: worker "process" needs a queue backend`],
  },
  "a spec file with a port as a string": {
    args: ["--spec", "spec.json", "--yes"],
    files: file({ ...GOOD, web: { port: "8080" } }),
    says: [`spec.json: web.port: expected a number, got "8080"`],
  },
  "a spec file with suspend on a big Machine": {
    args: ["--spec", "spec.json", "--yes"],
    files: file({ ...GOOD, web: { vm: { cpus: 2, memoryMb: 4096 } } }),
    says: [`web.autoStop (a default; set it in a --spec file to change it): "suspend" needs less than 2048 MB`],
  },
  "a spec file with a retired replica region": {
    args: ["--spec", "spec.json", "--yes"],
    files: file({ ...GOOD, database: { replicaRegions: ["hkg"] } }),
    says: [`spec.json: database.replicaRegions[0]: "hkg" (Hong Kong) is a retired Fly region; use "sin"`],
  },
  "a spec file of another version": {
    args: ["--spec", "spec.json", "--yes"],
    files: file({ ...GOOD, version: 2 }),
    says: ["spec.json: version: 2 is not a supported spec version; allowed: 1"],
  },
  "a bad flag over a good spec file": {
    args: ["--spec", "spec.json", "--database", "mysql", "--yes"],
    files: file(GOOD),
    says: [`--database: "mysql" is not allowed`],
  },
  "a target that is a file": {
    args: ["taken", "--yes"],
    files: { taken: "not a folder" },
    says: [/\/taken exists and is not a folder/],
  },
  "a target that is not empty": {
    args: ["taken", "--yes"],
    files: { "taken/package.json": "{}" },
    says: [/\/taken is not empty: package\.json/],
  },
};

function setUp(cwd: string, files: Record<string, unknown> = {}): void {
  for (const [path, content] of Object.entries(files)) {
    const full = join(cwd, path);
    if (path.endsWith("/")) {
      mkdirSync(full, { recursive: true });
      continue;
    }
    mkdirSync(join(full, ".."), { recursive: true });
    writeFileSync(full, typeof content === "string" ? content : JSON.stringify(content));
  }
}

describe.concurrent("bad input exits 2, names the problem, and writes nothing", () => {
  it("has at least 25 cases", () => {
    expect(Object.keys(CASES).length).toBeGreaterThanOrEqual(25);
  });

  it.each(Object.entries(CASES))("%s", async (_, c) => {
    const cwd = tempDir();
    setUp(cwd, c.files);
    const before = listing(cwd);
    const run = await runCli(c.args, { cwd });
    expect(run.exitCode, run.stderr).toBe(2);
    for (const text of c.says) expect(run.stderr).toMatch(text);
    expect(run.stdout).toBe("");
    expect(listing(cwd)).toEqual(before);
  });
});

describe("without a terminal and without --yes", () => {
  it("exits 2 at once, naming what is missing, instead of waiting for answers", async () => {
    const cwd = tempDir();
    // stdin is an open pipe that never sends anything: a prompt would hang until the timeout.
    const run = await runCli(["app"], { cwd, timeout: 5000 });
    expect(run.timedOut).toBe(false);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("error: missing input: --regions, --database, --cache, --worker");
    expect(run.stderr).toContain("add --yes to take the defaults");
    expect(listing(cwd)).toEqual([]);
    console.info(`missing input without a terminal: exit 2 after ${Math.round(run.ms)} ms`);
  });

  it("also names the directory or --name when neither is given", async () => {
    const run = await runCli(["--regions", "iad", "--database", "none", "--cache", "none", "--worker", "none"], {
      cwd: tempDir(),
      timeout: 5000,
    });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("error: missing input: [directory] (or --name)\n");
  });

  it("reports a bad given value together with what is missing", async () => {
    const cwd = tempDir();
    const run = await runCli(["app", "--regions", "iad,sea"], { cwd, timeout: 5000 });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`error: --regions: "sea" (Seattle) is a retired Fly region; use "sjc"`);
    expect(run.stderr).toContain("error: missing input: --database, --cache, --worker");
    expect(listing(cwd)).toEqual([]);
  });

  it("generates when nothing is missing, with CI=true as well", async () => {
    const cwd = tempDir();
    const args = [
      "app",
      "--regions",
      "iad",
      "--database",
      "none",
      "--cache",
      "none",
      "--worker",
      "none",
      "--no-install",
    ];
    const run = await runCli([...args, "--no-git"], { cwd, env: { CI: "true" }, timeout: 5000 });
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Created");
  });
});
