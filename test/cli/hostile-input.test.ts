/**
 * `create` fed what an attacker, a broken pipe or a broken tool hands it: a --spec that is a device,
 * a FIFO, a symlink out of its folder or a 100,000-deep array; app names that collide; values full
 * of escape sequences; a closed stdout; an install or a commit that fails. Each ends in a short,
 * escaped message and the documented exit code, never a hang or a stack trace.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { once } from "node:events";
import { chmodSync, closeSync, constants, existsSync, mkdirSync, openSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { execa } from "execa";
import { describe, expect, it } from "vitest";
import { DEBUG_ENV } from "../../src/cli/main.js";
import { AS_NOBODY, cliNobodyCanRun } from "../helpers/as-nobody.js";
import { CLI, GIT_IDENTITY_ENV, PINNED_ENV, runCli } from "../helpers/cli.js";
import { listing, tempDirs } from "../helpers/tmp.js";

const tempDir = tempDirs("cfra-hostile-");
const NOBODY_CLI = cliNobodyCanRun();

/** Runs create and expects a refusal: exit 2, the messages on stderr, nothing on stdout or disk. */
async function expectRefused(cwd: string, args: string[], ...messages: (string | RegExp)[]): Promise<string> {
  const before = listing(cwd);
  const run = await runCli(args, { cwd, timeout: 10_000 });
  expect(run.timedOut, "the run hung").toBe(false);
  expect(run.exitCode, run.stderr).toBe(2);
  // execa drops the last newline; put it back so an expected "…\n" means a whole line.
  for (const message of messages) expect(`${run.stderr}\n`).toMatch(message);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(run.stdout).toBe("");
  expect(listing(cwd)).toEqual(before);
  return run.stderr;
}

describe("--spec is read as untrusted input", () => {
  it("/dev/zero: refused at once as a device, instead of read until memory runs out", async () => {
    await expectRefused(
      tempDir(),
      ["app", "--spec", "/dev/zero", "--yes"],
      "error: --spec: /dev/zero is a device, not a regular file; refusing\n",
    );
  });

  // Specials live outside the working folder, which listing() reads file by file.
  it("a FIFO: refused without waiting for a writer", async () => {
    const fifo = join(tempDir(), "spec.json");
    execFileSync("mkfifo", [fifo]);
    await expectRefused(
      tempDir(),
      ["app", "--spec", fifo, "--yes"],
      `error: --spec: ${fifo} is a FIFO, not a regular file; refusing\n`,
    );
  });

  it("a 100,000-deep array: refused before parsing, not a stack overflow", async () => {
    const cwd = tempDir();
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    writeFileSync(join(cwd, "deep.json"), `{"name":"deep","regions":${deep}}`);
    await expectRefused(
      cwd,
      ["app", "--spec", "deep.json", "--yes"],
      "error: --spec: deep.json nests deeper than 64 levels; refusing\n",
    );
  });

  it("more than 1 MiB: refused", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "big.json"), JSON.stringify({ name: "big", org: "a".repeat(1024 * 1024) }));
    await expectRefused(cwd, ["app", "--spec", "big.json", "--yes"], "error: --spec: big.json is larger than 1 MiB");
  });

  it("a symlink out of its folder is refused, and nothing of the file it points to is echoed", async () => {
    const cwd = tempDir();
    const outside = join(tempDir(), "secret.json");
    // Read, this would be echoed back as an unknown field.
    writeFileSync(outside, JSON.stringify({ name: "acme", "TOKEN-0123456789": true }));
    mkdirSync(join(cwd, "repo"));
    symlinkSync(outside, join(cwd, "repo/fly-ref-arch.json"));
    const stderr = await expectRefused(
      cwd,
      ["app", "--spec", "repo/fly-ref-arch.json", "--yes"],
      "error: --spec: refusing repo/fly-ref-arch.json: fly-ref-arch.json leads outside its folder\n",
    );
    expect(stderr).not.toContain("TOKEN");
  });

  it("a symlink to a socket in its folder is refused, naming the link", async () => {
    const folder = tempDir();
    const server = createServer().listen(join(folder, "sock"));
    await once(server, "listening");
    try {
      symlinkSync("sock", join(folder, "spec.json"));
      const spec = join(folder, "spec.json");
      await expectRefused(tempDir(), ["app", "--spec", spec, "--yes"], `error: --spec: ${spec} is a socket`);
    } finally {
      server.close();
    }
  });

  it("a symlink within its folder is followed", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "real.json"), JSON.stringify({ name: "linked" }));
    symlinkSync("real.json", join(cwd, "spec.json"));
    const run = await runCli(["--spec", "spec.json", "--yes", "--dry-run"], { cwd });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).toContain("linked-web");
  });
});

describe("app names", () => {
  it("one name for the web app, the worker and the database: exit 2 naming each field and the name", async () => {
    const cwd = tempDir();
    writeFileSync(
      join(cwd, "dup.json"),
      JSON.stringify({ name: "dup", apps: { web: "shared", worker: "shared", db: "shared" } }),
    );
    await expectRefused(
      cwd,
      ["dup", "--spec", "dup.json", "--yes", "--dry-run"],
      `error: dup.json: apps.worker: "shared" is also the name of the web app (apps.web); each Fly app, database and Redis needs a name of its own\n`,
      `error: dup.json: apps.db: "shared" is also the name of the web app (apps.web)`,
    );
  });

  it("a given name equal to a derived one: reported where it was given", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "spec.json"), JSON.stringify({ name: "acme", apps: { redis: "acme-web" } }));
    await expectRefused(
      cwd,
      ["--spec", "spec.json", "--yes", "--dry-run"],
      `error: spec.json: apps.redis: "acme-web" is also the name of the web app (derived from name "acme")`,
    );
  });

  it("only names the spec uses must differ: a worker in the web app's process group has no app of its own", async () => {
    const cwd = tempDir();
    const spec = { name: "acme", apps: { web: "shared", worker: "shared" }, worker: { kind: "process" } };
    writeFileSync(join(cwd, "spec.json"), JSON.stringify(spec));
    const run = await runCli(["--spec", "spec.json", "--yes", "--dry-run"], { cwd });
    expect(run.exitCode, run.stderr).toBe(0);
  });

  it("an app name that is not a valid Fly app name: exit 2", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "spec.json"), JSON.stringify({ name: "acme", apps: { db: "Acme_DB" } }));
    await expectRefused(
      cwd,
      ["--spec", "spec.json", "--yes", "--dry-run"],
      `error: spec.json: apps.db: "Acme_DB" must start with a lowercase letter`,
    );
  });
});

/** A raw control, C1 or bidirectional character: none may reach the terminal. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these characters are what the tests look for.
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe("echoed values are escaped and cut", () => {
  it("an escape sequence in --name is shown as \\x1b, not sent to the terminal", async () => {
    const stderr = await expectRefused(
      tempDir(),
      ["--name", "a\x1b]0;pwned\x07\x1b[2J\u202eb", "--yes"],
      `error: --name: "a\\x1b]0;pwned\\x07\\x1b[2J\\u202eb" may contain only lowercase letters, digits and dashes`,
    );
    expect(stderr).not.toMatch(RAW_CONTROL);
  });

  it("spec values and unknown keys are escaped and cut, in the field path too", async () => {
    const cwd = tempDir();
    const spec = {
      name: "acme",
      org: "\u001b[31mred",
      "\u001b[2J": 1,
      ["k".repeat(50_000)]: 1,
      web: { port: "\u009b6n" },
    };
    writeFileSync(join(cwd, "spec.json"), JSON.stringify(spec));
    const stderr = await expectRefused(
      cwd,
      ["--spec", "spec.json", "--yes"],
      `error: spec.json: org: "\\x1b[31mred" must start with a lowercase letter\n`,
      `error: spec.json: \\x1b[2J: unknown field "\\x1b[2J"; allowed:`,
      /^error: spec\.json: k{190,200}…: unknown field "k{190,200}…"; allowed: /m,
      `error: spec.json: web.port: expected a number, got "\\x9b6n"\n`,
    );
    expect(stderr).not.toMatch(RAW_CONTROL);
    expect(stderr.length).toBeLessThan(2000);
  });

  it("a region, an unknown option and a spec that is a string: each escaped", async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, "spec.json"), JSON.stringify(`\u001b[2J${"x".repeat(10_000)}`));
    const runs = [
      [["--regions", "iad,\x1b[31m", "--yes"], `error: --regions: "\\x1b[31m" is not a Fly region`],
      [["--\x1b[31mx"], "error: unknown option --\\x1b[31mx"],
      [
        ["--spec", "spec.json", "--yes"],
        /^error: --spec: spec\.json must hold a JSON object \(the answers\), not "\\x1b\[2Jx+…"$/m,
      ],
    ] as const;
    for (const [args, message] of runs) expect(await expectRefused(cwd, [...args], message)).not.toMatch(RAW_CONTROL);
  });

  it("file names in a blocked target are escaped", async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "taken"));
    writeFileSync(join(cwd, "taken", "notes\x1b[2J.txt"), "");
    const stderr = await expectRefused(cwd, ["taken", "--yes"], "is not empty: notes\\x1b[2J.txt\n");
    expect(stderr).not.toMatch(RAW_CONTROL);
  });
});

describe("the next steps' cd line", () => {
  it.each([
    ["x;touch PWNED", "cd 'x;touch PWNED'"],
    ["$(touch PWNED)", "cd '$(touch PWNED)'"],
    ["`touch PWNED`", "cd '`touch PWNED`'"],
    ["it's here", `cd 'it'\\''s here'`],
    ["-rf", "cd ./-rf"],
    ["new\nline;touch PWNED", "cd $'new\\nline;touch PWNED'"],
    ["esc\x1b[2J'q", "cd $'esc\\x1b[2J\\'q'"],
  ])("%j: pasted into bash, enters the folder and runs nothing else", async (folder, line) => {
    const cwd = tempDir();
    const run = await runCli([`./${folder}`, "--name", "acme", "--yes", "--no-install", "--no-git"], { cwd });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    const cd = run.stdout
      .split("\n")
      .find((l) => l.startsWith("  cd "))
      ?.trim();
    expect(cd).toBe(line);
    const shell = execFileSync("bash", ["-c", `${cd} && pwd`], { cwd, encoding: "utf8" });
    expect(shell).toBe(`${join(cwd, folder)}\n`);
    expect(listing(cwd).filter((entry) => entry.includes("PWNED") && !entry.startsWith(folder))).toEqual([]);
  });
});

describe("--name", () => {
  it("a 100 KB --name is cut at about 200 characters with an ellipsis", async () => {
    const stderr = await expectRefused(
      tempDir(),
      ["--name", "a".repeat(100_000), "--yes"],
      /^error: --name: "a{190,200}…" is 100000 characters long; at most 30 are allowed$/m,
    );
    expect(stderr.length).toBeLessThan(300);
  });

  it("a directory name longer than the system allows: exit 2 naming it, cut, not a raw ENAMETOOLONG", async () => {
    await expectRefused(
      tempDir(),
      ["d".repeat(1000), "--name", "acme", "--yes", "--dry-run"],
      /^error: \/.*d…: cannot use it as the project folder \(ENAMETOOLONG\)$/m,
    );
  });

  it('--name "" with a directory exits 2 instead of taking the directory\'s name', async () => {
    const cwd = tempDir();
    mkdirSync(join(cwd, "shop"));
    await expectRefused(cwd, ["shop", "--name", "", "--yes", "--dry-run"], `error: --name: "" must not be empty\n`);
  });

  it('--name "" alone exits 2 the same way', async () => {
    await expectRefused(tempDir(), ["--name", "", "--yes", "--dry-run"], `error: --name: "" must not be empty\n`);
  });
});

/** The write end of a FIFO whose reader has gone: every write to it fails with EPIPE, at once. */
function closedPipe(): number {
  const fifo = join(tempDir(), "pipe");
  execFileSync("mkfifo", [fifo]);
  const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
  const writer = openSync(fifo, constants.O_WRONLY);
  closeSync(reader);
  return writer;
}

/** The CLI with stdout or stderr on a pipe nobody reads (as `create … | head -c0` leaves it). */
function withClosed(stream: "stdout" | "stderr", args: string[], cwd: string) {
  const pipe = closedPipe();
  try {
    const run = spawnSync(process.execPath, [CLI, ...args], {
      cwd,
      env: { ...process.env, ...PINNED_ENV },
      stdio: stream === "stdout" ? ["pipe", pipe, "pipe"] : ["pipe", "pipe", pipe],
      encoding: "utf8",
      timeout: 15_000,
    });
    return { exitCode: run.status, stdout: run.stdout ?? "", stderr: run.stderr ?? "" };
  } finally {
    closeSync(pipe);
  }
}

describe("a closed stdout or stderr", () => {
  it("stdout: the project is still created, exit 0, and nothing on stderr (no EPIPE stack trace)", async () => {
    const cwd = tempDir();
    const run = withClosed("stdout", ["shop", "--yes", "--no-install", "--no-git"], cwd);
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(existsSync(join(cwd, "shop", "fly.toml"))).toBe(true);
  });

  it("stderr: bad input still exits 2", async () => {
    const run = withClosed("stderr", ["--bogus"], tempDir());
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe("");
  });
});

describe("one way to report what nobody expected", () => {
  /** Runs the CLI from a folder that is removed just before it starts. */
  const inRemovedFolder = (env: Record<string, string>) =>
    execa("bash", ["-c", 'cd "$1" && rmdir "$1" && exec "$2" "$3" app --yes', "-", tempDir(), process.execPath, CLI], {
      env: { ...PINNED_ENV, ...env },
      reject: false,
    });

  it("the folder it runs in is gone: one line, exit 1, no stack trace", async () => {
    const run = await inRemovedFolder({});
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe("error: ENOENT: no such file or directory, uv_cwd");
  });

  it(`${DEBUG_ENV}=1 adds the stack trace`, async () => {
    const run = await inRemovedFolder({ [DEBUG_ENV]: "1" });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^error: ENOENT: no such file or directory, uv_cwd\nError: ENOENT[^\n]*\n\s+at /);
  });

  it("a folder it may not write, as an unprivileged user: one line naming it, exit 1", async (context) => {
    if (process.getuid?.() !== 0) context.skip();
    const cwd = tempDir();
    // Open to look into, closed to write: the project cannot be made here.
    chmodSync(cwd, 0o755);
    const run = await execa("setpriv", [...AS_NOBODY, process.execPath, NOBODY_CLI, "app", "--yes", "--no-install"], {
      cwd,
      env: PINNED_ENV,
      reject: false,
    });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`^error: EACCES: permission denied, mkdir '${cwd}/[^\\n]*'$`));
    expect(listing(cwd)).toEqual([]);
  });

  it("TMPDIR naming no folder: create needs none and succeeds", async () => {
    const cwd = tempDir();
    const run = await runCli(["app", "--yes", "--no-install", "--no-git"], { cwd, env: { TMPDIR: "/nonexistent" } });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).toBe("");
  });
});

describe("a failed install or git step shows the tool's own reason", () => {
  it("npm install against an unreachable registry: npm's last lines, escaped, then how to finish", async () => {
    const cwd = tempDir();
    const run = await runCli(["shop", "--yes", "--no-git"], {
      cwd,
      timeout: 60_000,
      env: {
        npm_config_registry: "http://127.0.0.1:1",
        npm_config_fetch_retries: "0",
        npm_config_cache: tempDir(),
        // npm's own colours: escape sequences in a tool's output must be escaped too.
        npm_config_color: "always",
      },
    });
    expect(run.exitCode).toBe(1);
    const lines = run.stderr.split("\n");
    expect(lines[0]).toBe("npm install failed in shop: exit code 1");
    const tail = lines.slice(1, -1);
    expect(tail.length).toBeGreaterThan(0);
    expect(tail.length).toBeLessThanOrEqual(10);
    for (const line of tail) expect(line).toMatch(/^ {2}\S/);
    expect(run.stderr).toContain("ECONNREFUSED");
    expect(run.stderr).toContain("127.0.0.1");
    expect(run.stderr).toContain("\\x1b[");
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(lines.at(-1)).toBe("The project files are in place. Finish by hand: cd shop && npm install");
  });

  it("a global pre-commit hook that rejects the commit: git's words and exit 1, not 'needs your identity'", async () => {
    const cwd = tempDir();
    const hooks = tempDir();
    writeFileSync(
      join(hooks, "pre-commit"),
      "#!/bin/sh\necho 'secret-scan: .env.example looks like it holds a key' >&2\nexit 1\n",
      { mode: 0o755 },
    );
    const run = await runCli(["hooked", "--yes", "--no-install"], {
      cwd,
      env: {
        ...GIT_IDENTITY_ENV,
        GIT_CONFIG_COUNT: "1",
        GIT_CONFIG_KEY_0: "core.hooksPath",
        GIT_CONFIG_VALUE_0: hooks,
      },
    });
    expect(run.exitCode).toBe(1);
    expect(run.stdout).not.toContain("needs your identity");
    expect(run.stderr).toBe(
      [
        "git commit failed in hooked: exit code 1",
        "  secret-scan: .env.example looks like it holds a key",
        "The project files are in place. Finish by hand: cd hooked && git init && git add --all && git commit",
      ].join("\n"),
    );
    expect(run.stdout).toContain("Next steps:");
  });
});
