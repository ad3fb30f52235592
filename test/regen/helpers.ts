/** Projects on disk for the regeneration tests: generate, edit, run regenerate, and compare trees. */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { Writable } from "node:stream";
import fse from "fs-extra";
import { main } from "../../src/cli/main.js";
import { renderProject } from "../../src/engine/render-project.js";
import type { TemplateStore } from "../../src/engine/templates.js";
import type { PartialSpec } from "../../src/spec/resolve.js";
import { SPEC_FILE, type Spec } from "../../src/spec/schema.js";
import { generatorVersion } from "../../src/version.js";
import { templates as currentTemplates, generators, specFrom } from "../helpers/render.js";

export const REPO_ROOT = join(import.meta.dirname, "..", "..");

export function tempDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `fly-ref-arch-${label}-`));
}

/** Writes the project `create` would write for these answers (optionally by another generator build). */
export function generate(
  dir: string,
  answers: PartialSpec,
  by: { templates?: TemplateStore; version?: string } = {},
): void {
  const tree = renderProject(specFrom(answers), {
    generators,
    templates: by.templates ?? currentTemplates,
    version: by.version ?? generatorVersion(),
  });
  for (const [path, file] of tree.entries()) fse.outputFileSync(join(dir, path), file.content, { mode: file.mode });
}

/** Rewrites fly-ref-arch.json as the user would: by editing the JSON. */
export function editSpec(dir: string, edit: (spec: Spec) => void): void {
  const spec = JSON.parse(readFileSync(join(dir, SPEC_FILE), "utf8")) as Spec;
  edit(spec);
  writeFileSync(join(dir, SPEC_FILE), `${JSON.stringify(spec, null, 2)}\n`);
}

export function read(dir: string, path: string): string {
  return readFileSync(join(dir, path), "utf8");
}

/** Replaces the first occurrence of `from`, failing loudly when it is not there. */
export function editFile(dir: string, path: string, from: string, to: string): void {
  const text = read(dir, path);
  if (!text.includes(from)) throw new Error(`${path} has no ${JSON.stringify(from)}`);
  writeFileSync(join(dir, path), text.replace(from, to));
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `create-fly-ref-arch regenerate …` in this process, on a real folder. */
export async function regenerate(dir: string, ...args: string[]): Promise<RunResult> {
  const stdout = collector();
  const stderr = collector();
  const code = await main({
    argv: ["regenerate", dir, ...args],
    env: {},
    cwd: dir,
    stdinIsTTY: false,
    stdoutIsTTY: false,
    stdout: stdout.stream,
    stderr: stderr.stream,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function collector() {
  let text = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

export interface Entry {
  kind: "file" | "dir";
  mode: number;
  mtimeMs: number;
  sha256?: string;
}

/** Every file and folder below `dir`: kind, mode, content hash and mtime. */
export function snapshot(dir: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const walk = (folder: string) => {
    for (const name of readdirSync(folder).sort()) {
      const full = join(folder, name);
      const stats = statSync(full);
      const path = relative(dir, full);
      if (stats.isDirectory()) {
        out.set(path, { kind: "dir", mode: stats.mode & 0o777, mtimeMs: stats.mtimeMs });
        walk(full);
      } else {
        const sha256 = createHash("sha256").update(readFileSync(full)).digest("hex");
        out.set(path, { kind: "file", mode: stats.mode & 0o777, mtimeMs: stats.mtimeMs, sha256 });
      }
    }
  };
  walk(dir);
  return out;
}

/** The tree's bytes and modes, without times: what "byte-identical" compares. */
export function contentOf(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, entry] of snapshot(dir))
    out[path] = `${entry.kind} ${entry.mode.toString(8)} ${entry.sha256 ?? ""}`;
  return out;
}

/** Runs a CLI bundle synchronously with only PATH from our environment, as a user's shell would. */
export function runCli(cli: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd,
    env: { PATH: process.env.PATH, ...env },
    encoding: "utf8",
  });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}
