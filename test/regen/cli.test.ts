/** `regenerate --check` and `--dry-run` through the built CLI, on a project the CLI created. */
import { spawnSync } from "node:child_process";
import { cpSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { CRASH_AFTER_STEPS } from "../../src/cli/regenerate.js";
import { generatorVersion } from "../../src/version.js";
import { CLI } from "../helpers/cli.js"; // built once for every suite by test/global-setup.ts
import { filesOn } from "../helpers/tmp.js";
import { editFile, editSpec, runCli, snapshot, tempDir } from "./helpers.js";

const root = tempDir("cli");
let count = 0;

afterAll(() => rmSync(root, { recursive: true, force: true }));

function created(): string {
  const name = `app${count++}`;
  const result = runCli(CLI, [name, "--yes", "--no-install", "--no-git", "--regions", "iad,lhr,nrt"], root);
  expect(result.code, result.stderr).toBe(0);
  return join(root, name);
}

describe("the generated repo runs its own pinned regenerate", () => {
  it("has create-fly-ref-arch as a devDependency at the generating version and a regen script", () => {
    const pkg = JSON.parse(readFileSync(join(created(), "package.json"), "utf8"));
    expect(pkg.devDependencies["create-fly-ref-arch"]).toBe(generatorVersion());
    expect(pkg.scripts.regen).toBe("create-fly-ref-arch regenerate");
  });
});

describe("regenerate --check", () => {
  it("exits 0 on a freshly created project and 1, listing the files, after a spec change", () => {
    const dir = created();
    expect(runCli(CLI, ["regenerate", "--check"], dir)).toMatchObject({ code: 0 });

    editSpec(dir, (spec) => spec.regions.push("syd"));
    const before = snapshot(dir);
    const result = runCli(CLI, ["regenerate", "--check"], dir);

    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^UPDATE +README\.md$/m);
    expect(result.stderr).toContain("Generated files differ from fly-ref-arch.json");
    expect(snapshot(dir)).toEqual(before);
  });

  it("stays green when the user only deleted or edited generated files", () => {
    const dir = created();
    unlinkSync(join(dir, "Dockerfile"));
    editFile(dir, "fly.toml", 'NODE_ENV = "production"\n', 'NODE_ENV = "production"\n  LOG_LEVEL = "debug"\n');
    expect(runCli(CLI, ["regenerate", "--check"], dir)).toMatchObject({ code: 0 });
  });
});

/**
 * A hang guard for a test that runs the CLI four times and git once: at load 15 they took more than
 * vitest's default 30 s. A budget, not a timing assertion.
 */
const SEVERAL_RUNS_MS = 180_000;

describe("regenerate --diff", () => {
  it(
    "prints a patch that git apply turns into exactly what the real run writes; --check prints it too",
    () => {
      const dir = created();
      editSpec(dir, (spec) => {
        spec.regions.push("syd");
        spec.worker.kind = "process";
        spec.cache.kind = "redis-app";
      });
      writeFileSync(join(dir, "README.md"), `${readFileSync(join(dir, "README.md"), "utf8")}\n## Our notes\n`);
      const real = `${dir}-real`;
      cpSync(dir, real, { recursive: true });

      const preview = runCli(CLI, ["regenerate", "--dry-run", "--diff"], dir);
      expect(preview.code, preview.stderr).toBe(0);
      expect(preview.stdout).toMatch(
        /^diff --git a\/fly\.worker\.toml b\/fly\.worker\.toml\ndeleted file mode 100644$/m,
      );
      expect(preview.stdout).toMatch(/^diff --git a\/redis\/fly\.toml b\/redis\/fly\.toml\nnew file mode 100644$/m);
      // The user's own line is kept by the merge, so the patch leaves it alone.
      expect(preview.stdout).toMatch(/^MERGE +README\.md \(your edits kept\)$/m);
      expect(preview.stdout).not.toContain("## Our notes");
      expect(preview.stdout).not.toContain(".fly-ref-arch/");
      const check = runCli(CLI, ["regenerate", "--check", "--diff"], dir);
      expect(check.code).toBe(1);
      expect(check.stdout).toContain(
        preview.stdout.slice(preview.stdout.indexOf("diff --git")).split("\nWould change")[0],
      );

      expect(runCli(CLI, ["regenerate"], real)).toMatchObject({ code: 0 });
      const applied = spawnSync("git", ["apply", "-"], { cwd: dir, input: preview.stdout, encoding: "utf8" });
      expect(applied.status, applied.stderr).toBe(0);
      const projectFiles = (root: string) => filesOn(root, [".fly-ref-arch"]);
      expect(projectFiles(dir)).toEqual(projectFiles(real));
    },
    SEVERAL_RUNS_MS,
  );
});

describe("regenerate --dry-run", () => {
  it("prints each file's fate and leaves the tree exactly as it was (contents and mtimes)", () => {
    const dir = created();
    editFile(dir, "fly.toml", "internal_port = 3000", "internal_port = 8081");
    editFile(dir, "fly.worker.toml", 'kill_timeout = "60s"', 'kill_timeout = "120s"');
    unlinkSync(join(dir, "Dockerfile"));
    editSpec(dir, (spec) => {
      spec.regions.push("syd");
      spec.worker.kind = "process";
      spec.web.port = 4000;
    });
    const before = snapshot(dir);

    const result = runCli(CLI, ["regenerate", "--dry-run"], dir);

    // The exit code is the one the real run would give: 1, for the conflict.
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toContain("Dry run: nothing written.");
    expect(result.stdout).toMatch(/^UPDATE +README\.md$/m);
    expect(result.stdout).toMatch(/^CONFLICT +fly\.toml/m);
    expect(result.stdout).toMatch(/^KEEP +fly\.worker\.toml \(edited\)/m);
    expect(result.stdout).toMatch(/^SKIP +Dockerfile \(user deleted\)/m);
    expect(snapshot(dir)).toEqual(before);
  });

  it("after an interrupted run, shows what the next run finishes and still writes nothing", () => {
    const dir = created();
    editSpec(dir, (spec) => spec.regions.push("syd"));
    const killed = runCli(CLI, ["regenerate"], dir, { [CRASH_AFTER_STEPS]: "2" });
    expect(killed.signal).toBe("SIGKILL");
    const before = snapshot(dir);

    const dry = runCli(CLI, ["regenerate", "--dry-run"], dir);
    expect(dry.stdout).toContain("Finishing an interrupted regenerate (on the next run):");
    expect(dry.stdout).toMatch(/^UPDATE +README\.md$/m);
    expect(snapshot(dir)).toEqual(before);
    expect(runCli(CLI, ["regenerate", "--check"], dir)).toMatchObject({ code: 1 });

    expect(runCli(CLI, ["regenerate"], dir)).toMatchObject({ code: 0 });
    expect(runCli(CLI, ["regenerate", "--check"], dir)).toMatchObject({ code: 0 });
  });
});
