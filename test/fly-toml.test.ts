/**
 * Every fly*.toml of every case parses (smol-toml), validates against SchemaStore's fly.toml schema
 * (ajv), and passes our stricter rules (test/helpers/fly-toml-rules.ts). The rules are shown to fail
 * on bad inputs below, one test per rule.
 */
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { environmentPath } from "../generators/environments/configs.js";
import { environmentsOf, previewSpec } from "../generators/environments/environments.js";
import { PREVIEW_CONFIG } from "../generators/environments/options.js";
import type { Spec } from "../src/spec/schema.js";
import { CASES, caseSpec, renderCase } from "./cases.js";
import { durationMs, type FlyRole, flyTomlProblems, memoryMb, ROLE_OF_FILE } from "./helpers/fly-toml-rules.js";

const flySchema = JSON.parse(readFileSync(new URL("./fixtures/schemas/fly.json", import.meta.url), "utf8"));
const validateFly = new Ajv({ strict: false, allErrors: true }).compile(flySchema);

/** Parsed TOML that the tests below reach into, to break one key at a time. */
// biome-ignore lint/suspicious/noExplicitAny: each test knows the shape of the key it breaks.
type Loose = Record<string, any>;

const FLY_TOML = /(?:^|\/)fly[^/]*\.toml$/;

describe.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, specCase) => {
  const tree = renderCase(specCase);
  const spec = caseSpec(specCase);
  const files = tree.paths().filter((p) => FLY_TOML.test(p));

  // Each environment's copy of a config, and the previews', is judged by the same rules, against
  // that environment's spec (a preview's: the one whose number is "<number>").
  const preview = previewSpec(spec);
  const known = new Map(
    [...environmentsOf(spec), ...(preview ? [{ name: PREVIEW_CONFIG, spec: preview }] : [])].flatMap((env) =>
      Object.entries(ROLE_OF_FILE).map(([file, role]) => [
        env.name === "production" ? file : environmentPath(file, env.name),
        { role, spec: env.spec },
      ]),
    ),
  );

  it("has a web fly.toml, and one for each environment", () => {
    expect(files).toContain("fly.toml");
    for (const { name } of environmentsOf(spec).slice(1)) expect(files).toContain(environmentPath("fly.toml", name));
  });

  describe.each(files)("%s", (path) => {
    const config = () => parse(tree.get(path)?.content ?? "") as Record<string, unknown>;

    it("parses as TOML and validates against SchemaStore's fly.toml schema", () => {
      expect(validateFly(config()), JSON.stringify(validateFly.errors, null, 2)).toBe(true);
    });

    it("passes our stricter rules", () => {
      const rules = known.get(path);
      expect(rules, `no rules know ${path}; add it to ROLE_OF_FILE`).toBeDefined();
      expect(flyTomlProblems(config(), rules?.spec ?? spec, rules?.role as FlyRole)).toEqual([]);
    });
  });
});

describe("an environment's fly config", () => {
  const staged = CASES.find((c) => c.name === "environments-staging");
  if (!staged) throw new Error("the environments-staging case is gone");
  const tree = renderCase(staged);
  const toml = (path: string) => parse(tree.get(path)?.content ?? "") as Loose;

  it("is its own app in its own region, with the values no fly deploy flag sets", () => {
    const [web, production] = [toml("fly.staging.toml"), toml("fly.toml")];
    expect(web.app).toBe("staged-staging-web");
    expect(web.primary_region).toBe("iad");
    expect(web.http_service.min_machines_running).toBe(0);
    expect(production.http_service.min_machines_running).toBe(1);
    expect(web.vm[0].memory).toBe("256mb");
    expect(toml("fly.worker.staging.toml").app).toBe("staged-staging-worker");
  });

  it("is written only for the environments the spec has", () => {
    expect(tree.paths().filter((p) => /staging/.test(p))).toEqual(["fly.staging.toml", "fly.worker.staging.toml"]);
  });
});

describe("the schema and rules reject bad fly.toml files", () => {
  const seed = CASES.find((c) => c.name === "seed-default");
  const processCase = CASES.find((c) => c.name === "worker-process");
  if (!seed || !processCase) throw new Error("cases seed-default and worker-process are needed here");
  const seedSpec = caseSpec(seed);
  const processSpec = caseSpec(processCase);
  const seedTree = renderCase(seed);
  const parsed = (path: string, tree = seedTree) => parse(tree.get(path)?.content ?? "") as Loose;
  const web = () => parsed("fly.toml");
  const workerApp = () => parsed("fly.worker.toml");
  const webWithProcesses = () => parsed("fly.toml", renderCase(processCase));

  /** The problems of `config` after `change`, which must include one matching `expected`. */
  function expectProblem(
    config: Loose,
    change: (c: Loose) => void,
    expected: RegExp,
    spec: Spec = seedSpec,
    role: FlyRole = "web",
  ) {
    expect(flyTomlProblems(config, spec, role), "the unchanged file must pass").toEqual([]);
    change(config);
    const problems = flyTomlProblems(config, spec, role);
    expect(
      problems.some((p) => expected.test(p)),
      `expected a problem matching ${expected}, got ${JSON.stringify(problems)}`,
    ).toBe(true);
  }

  it("the schema refuses a boolean auto_stop_machines and a string port", () => {
    const config = web();
    config.http_service.auto_stop_machines = true;
    config.http_service.internal_port = "3000";
    expect(validateFly(config)).toBe(false);
    expect(validateFly.errors?.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining(["/http_service/auto_stop_machines", "/http_service/internal_port"]),
    );
  });

  it("app names the spec's app", () =>
    expectProblem(
      web(),
      (c) => {
        c.app = "acme";
      },
      /^app: "acme", expected "acme-web"/,
    ));

  it("primary_region is a current region", () =>
    expectProblem(
      web(),
      (c) => {
        c.primary_region = "sea";
      },
      /^primary_region: "sea" is not a current Fly region/,
    ));

  it("primary_region is the spec's primary", () =>
    expectProblem(
      web(),
      (c) => {
        c.primary_region = "lhr";
      },
      /^primary_region: "lhr", expected the spec's primary "iad"/,
    ));

  it("kill_signal is SIGTERM", () =>
    expectProblem(
      web(),
      (c) => {
        delete c.kill_signal;
      },
      /^kill_signal: missing/,
    ));

  it("kill_timeout is a quoted duration", () =>
    expectProblem(
      web(),
      (c) => {
        c.kill_timeout = 30;
      },
      /^kill_timeout: 30; expected a quoted duration/,
    ));

  it("kill_timeout is at most 300s", () =>
    expectProblem(
      web(),
      (c) => {
        c.kill_timeout = "6m";
      },
      /^kill_timeout: "6m" is over/,
    ));

  it("check durations are quoted", () => {
    expectProblem(
      web(),
      (c) => {
        c.http_service.checks[0].interval = 15000;
      },
      /^http_service\.checks\[0\]\.interval: 15000/,
    );
    expectProblem(
      web(),
      (c) => {
        c.http_service.checks[0].grace_period = "10";
      },
      /^http_service\.checks\[0\]\.grace_period: "10"/,
    );
    expectProblem(
      web(),
      (c) => {
        c.checks = { alive: { timeout: 5 } };
      },
      /^checks\.alive\.timeout: 5/,
    );
    expectProblem(
      web(),
      (c) => {
        c.services = [{ auto_stop_machines: "off", tcp_checks: [{ interval: 10 }] }];
      },
      /^services\[0\]\.tcp_checks\[0\]\.interval: 10/,
    );
  });

  it("release_command_timeout is quoted", () =>
    expectProblem(
      web(),
      (c) => {
        c.deploy.release_command_timeout = 300;
      },
      /^deploy\.release_command_timeout: 300/,
    ));

  it("auto_stop_machines is a string of the three values", () => {
    expectProblem(
      web(),
      (c) => {
        c.http_service.auto_stop_machines = true;
      },
      /^http_service\.auto_stop_machines: true; expected one of/,
    );
    expectProblem(
      web(),
      (c) => {
        c.http_service.auto_stop_machines = "sleep";
      },
      /^http_service\.auto_stop_machines: "sleep"/,
    );
  });

  it("suspend needs less than 2048 MB", () =>
    expectProblem(
      web(),
      (c) => {
        c.vm[0].memory = "2gb";
      },
      /"suspend" needs less than 2048 MB, but a \[\[vm\]\] has "2gb"/,
    ));

  it("suspend needs less than 2048 MB in the web group, whatever the worker group has", () =>
    expectProblem(
      webWithProcesses(),
      (c) => {
        c.vm[0].memory = "2gb";
      },
      /"suspend" needs less than 2048 MB, but a \[\[vm\]\] has "2gb"/,
      processSpec,
    ));

  it("suspend needs no swap", () =>
    expectProblem(
      web(),
      (c) => {
        c.swap_size_mb = 512;
      },
      /"suspend" does not work with swap_size_mb = 512/,
    ));

  it("swap matches the spec", () =>
    expectProblem(
      web(),
      (c) => {
        c.swap_size_mb = 256;
      },
      /^swap_size_mb: 256, expected 0/,
    ));

  it("http_service has a concurrency table", () =>
    expectProblem(
      web(),
      (c) => {
        delete c.http_service.concurrency;
      },
      /^http_service\.concurrency: missing/,
    ));

  it("http_service checks /healthz", () =>
    expectProblem(
      web(),
      (c) => {
        c.http_service.checks[0].path = "/";
      },
      /^http_service\.checks: no check on \/healthz/,
    ));

  it("env values are strings and not FLY_", () => {
    expectProblem(
      web(),
      (c) => {
        c.env.PORT = 3000;
      },
      /^env\.PORT: 3000; env values must be strings/,
    );
    expectProblem(
      web(),
      (c) => {
        c.env.FLY_REGION = "iad";
      },
      /^env\.FLY_REGION: names starting with FLY_/,
    );
  });

  it("http_service.processes exactly when [processes] exists", () => {
    expectProblem(
      webWithProcesses(),
      (c) => {
        delete c.http_service.processes;
      },
      /^http_service\.processes: missing/,
      processSpec,
    );
    expectProblem(
      web(),
      (c) => {
        c.http_service.processes = ["web"];
      },
      /^http_service\.processes: \["web"\] without a \[processes\] table/,
    );
    expectProblem(
      webWithProcesses(),
      (c) => {
        c.http_service.processes = ["api"];
      },
      /^http_service\.processes: \["api"\]; expected groups of \[processes\]/,
      processSpec,
    );
  });

  it("only the web group takes traffic", () =>
    expectProblem(
      webWithProcesses(),
      (c) => {
        c.http_service.processes = ["web", "worker"];
      },
      /^http_service\.processes: \["web","worker"\]; only the web group/,
      processSpec,
    ));

  it("every process group has a [[vm]]", () => {
    expectProblem(
      webWithProcesses(),
      (c) => {
        c.vm = c.vm.filter((vm: { processes: string[] }) => !vm.processes.includes("worker"));
      },
      /^\[\[vm\]\] of group "worker": missing/,
      processSpec,
    );
    expectProblem(
      webWithProcesses(),
      (c) => {
        c.vm[1].processes = ["jobs"];
      },
      /^vm\[1\]\.processes: \["jobs"\] are not groups/,
      processSpec,
    );
  });

  it("process groups follow the spec's worker kind", () =>
    expectProblem(
      web(),
      (c) => {
        c.processes = { web: "node a.js" };
        c.http_service.processes = ["web"];
      },
      /^processes: groups \["web"\], expected \["app"\] for worker "app"/,
    ));

  it("[[vm]] sizes match the spec", () => {
    expectProblem(
      web(),
      (c) => {
        c.vm[0].memory = "1gb";
      },
      /memory "1gb", expected 512 MB/,
    );
    expectProblem(
      web(),
      (c) => {
        c.vm[0].cpus = 2;
      },
      /cpus 2, expected 1/,
    );
    expectProblem(
      web(),
      (c) => {
        c.vm[0].cpu_kind = "performance";
      },
      /cpu_kind "performance", expected "shared"/,
    );
    expectProblem(
      webWithProcesses(),
      (c) => {
        c.vm[1].memory = "512mb";
      },
      /group "worker": memory "512mb", expected 1024 MB/,
      processSpec,
    );
  });

  it("the web app has an http_service", () =>
    expectProblem(
      web(),
      (c) => {
        delete c.http_service;
      },
      /^http_service: missing/,
    ));

  it("the worker app has no public service", () => {
    expectProblem(
      workerApp(),
      (c) => {
        c.http_service = web().http_service;
      },
      /the worker app takes no traffic/,
      seedSpec,
      "worker",
    );
    expectProblem(
      workerApp(),
      (c) => {
        c.services = [];
      },
      /the worker app takes no traffic/,
      seedSpec,
      "worker",
    );
  });

  it("the worker app is named and sized by the spec", () => {
    expectProblem(
      workerApp(),
      (c) => {
        c.app = "acme-web";
      },
      /^app: "acme-web", expected "acme-worker"/,
      seedSpec,
      "worker",
    );
    expectProblem(
      workerApp(),
      (c) => {
        c.vm[0].cpus = 4;
      },
      /group "worker": cpus 4, expected 1/,
      seedSpec,
      "worker",
    );
  });

  it("reads durations and memory the way flyctl does", () => {
    expect(durationMs("1m30s")).toBe(90_000);
    expect(durationMs("300s")).toBe(300_000);
    expect(memoryMb("1gb")).toBe(1024);
    expect(memoryMb("512mb")).toBe(512);
    expect(memoryMb(2048)).toBe(2048);
    expect(memoryMb("lots")).toBeUndefined();
  });
});
