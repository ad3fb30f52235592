/**
 * The readers of flyctl's output in scripts/bootstrap.sh, run as bash runs them (the script,
 * sourced, only defines its functions) against what flyctl prints: the tables of flyctl 0.4.33 and
 * later (tablewriter v1.1.4, `│` between columns), the older ones (`=`, tabs), and render.JSON.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execa } from "execa";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeNewProject } from "../../src/engine/write-new.js";
import { render } from "../helpers/render.js";
import { REDIS_PLANS, REDIS_STATUS, REDIS_STATUS_BEFORE_0_4_33 } from "./flyctl-samples.js";

const root = mkdtempSync(join(tmpdir(), "bootstrap-parsers-"));
let repo: string;
beforeAll(async () => {
  repo = join(root, "app");
  await writeNewProject(render({ name: "acme" }), repo);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Runs one function of the generated bootstrap.sh with `input` on stdin, in a byte locale or UTF-8. */
async function readerIn(locale: string, input: string, ...call: string[]) {
  const result = await execa("bash", ["-c", 'source scripts/bootstrap.sh && "$@"', "bootstrap", ...call], {
    cwd: repo,
    input,
    reject: false,
    env: { LC_ALL: locale },
  });
  return { status: result.exitCode, stdout: result.stdout, stderr: result.stderr };
}
const reader = (input: string, ...call: string[]) => readerIn("C", input, ...call);

describe.each(["C", "C.UTF-8"])("table_value (render.VerticalTable), LC_ALL=%s", (locale) => {
  const reader = (input: string, ...call: string[]) => readerIn(locale, input, ...call);

  it.each([
    ["Private URL", "redis://default:pw@fly-acme-redis.upstash.io:6379"],
    ["Eviction", "Disabled"],
    ["Plan", "Fixed 250MB"],
    ["Primary Region", "iad"],
  ])("reads %s from flyctl 0.4.87's │ table", async (key, value) => {
    expect(await reader(REDIS_STATUS, "table_value", key)).toEqual({ status: 0, stdout: value, stderr: "" });
  });

  it.each([
    ["Private URL", "redis://password@fly-late-waterfall-1133.upstash.io"],
    ["Eviction", "Enabled"],
    ["Plan", "Pay-as-you-go"],
  ])("reads %s from the older = table", async (key, value) => {
    expect(await reader(REDIS_STATUS_BEFORE_0_4_33, "table_value", key)).toEqual({
      status: 0,
      stdout: value,
      stderr: "",
    });
  });

  it("prints nothing for a key that is not there, or only a prefix of one", async () => {
    expect(await reader(REDIS_STATUS, "table_value", "Replica URL")).toEqual({
      status: 0,
      stdout: "",
      stderr: "",
    });
    expect(await reader(REDIS_STATUS, "table_value", "Primary")).toEqual({ status: 0, stdout: "", stderr: "" });
  });
});

describe.each(["C", "C.UTF-8"])("table_first_column (render.Table), LC_ALL=%s", (locale) => {
  const reader = (input: string, ...call: string[]) => readerIn(locale, input, ...call);

  it("lists the plan names of flyctl 0.4.87's │ table, spaces kept, preamble and header skipped", async () => {
    expect(await reader(REDIS_PLANS, "table_first_column", "NAME")).toEqual({
      status: 0,
      stdout: "Pay-as-you-go\nFixed 250MB\nFixed 1GB\nFixed 5GB\nFixed 10GB\nFixed 50GB",
      stderr: "",
    });
  });

  it("reads the tab-separated tables of flyctl before 0.4.33", async () => {
    const old = "NAME         \tDESCRIPTION\nPay-as-you-go\tper command\nFixed 1GB    \t100 GB bandwidth\n";
    expect((await reader(old, "table_first_column", "NAME")).stdout).toBe("Pay-as-you-go\nFixed 1GB");
  });
});

describe("json_fields (render.JSON)", () => {
  const machines = `[
    {
        "id": "148ed726c55789",
        "region": "iad",
        "config": {
            "init": {},
            "metadata": {
                "fly_process_group": "web"
            }
        },
        "host_status": "ok"
    },
    {
        "id": "3d8d9e1b",
        "region": "lhr",
        "config": {
            "init": {}
        }
    }
]
`;

  it("prints the fields of each element, tab-separated, nested paths read, missing ones empty", async () => {
    expect(await reader(machines, "json_fields", "id", "region", "config.metadata.fly_process_group")).toEqual({
      status: 0,
      stdout: "148ed726c55789\tiad\tweb\n3d8d9e1b\tlhr\t",
      stderr: "",
    });
  });

  it("reads a field of the list element that has a key's value: a member's role check, as flyctl picks it", async () => {
    const members = JSON.stringify([
      {
        id: "a1",
        checks: [
          { name: "pg", status: "passing", output: "[✓] connections" },
          { name: "role", status: "passing", output: "primary" },
        ],
      },
      { id: "b2", checks: [{ name: "role", status: "critical", output: "failed to connect" }] },
      { id: "c3" },
    ]);
    expect(
      (await reader(members, "json_fields", "id", "checks[name=role].status", "checks[name=role].output")).stdout,
    ).toBe("a1\tpassing\tprimary\nb2\tcritical\tfailed to connect\nc3\t\t");
  });

  it("reads one object (fly auth whoami --json)", async () => {
    expect((await reader('{\n    "email": "dev@example.com"\n}\n', "json_fields", "email")).stdout).toBe(
      "dev@example.com",
    );
  });

  it.each([
    ["an empty list", "[]\n"],
    ["null", "null\n"],
    ["fly mpg list's sentence for no clusters", "No managed postgres clusters found in organization personal\n"],
  ])("prints nothing for %s", async (_, input) => {
    expect(await reader(input, "json_fields", "name")).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("fails with one clear line, no stack trace, when flyctl printed no JSON", async () => {
    const run = await reader("Error: failed to list VMs: timeout\n", "json_fields", "id");
    expect(run.status).toBe(1);
    expect(run.stderr).toBe("bootstrap: flyctl printed something that is not JSON where JSON was expected");
  });
});
