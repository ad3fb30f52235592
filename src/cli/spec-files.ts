/**
 * The spec files the commands read, through the one reader (src/spec/read-spec-file.ts): a
 * `--spec <file>` named on the command line, or a project's fly-ref-arch.json. A refusal of the
 * file, or of what it holds, is bad input (exit 2) naming the file.
 */
import { basename, dirname, resolve } from "node:path";
import { echo } from "../echo.js";
import { PathEscapeError } from "../engine/disk.js";
import { UntrustedInputError } from "../engine/untrusted-input.js";
import { readSpecFile } from "../spec/read-spec-file.js";
import { type PartialSpec, withDerivedDefaults } from "../spec/resolve.js";
import { SPEC_FILE, type Spec } from "../spec/schema.js";
import { formatPath, validateSpec } from "../spec/validate.js";
import { UsageError } from "./errors.js";

/** The answers of a --spec file; a refusal names the flag. */
export function readGivenSpec(file: string, cwd: string): PartialSpec {
  const full = resolve(cwd, file);
  const label = echo(file);
  const spec = refusedAsUsage(`--spec: `, () =>
    readSpecFile(dirname(full), basename(full) || ".", { label, within: "its folder" }),
  );
  if (spec === undefined) throw new UsageError(`--spec: ${label} does not exist`);
  return spec;
}

/**
 * The project's fly-ref-arch.json as the user left it, completed the way `create` completes answers.
 * `missing` says what to do when there is none.
 */
export function readProjectSpec(root: string, missing: string): Spec {
  const data = refusedAsUsage("", () => readSpecFile(root, SPEC_FILE, { label: SPEC_FILE, within: "the project" }));
  if (data === undefined) throw new UsageError([`no ${SPEC_FILE} in ${echo(root)}`, missing]);
  return completeSpec(data, SPEC_FILE);
}

/** A spec file's answers with the derived defaults, checked; each problem names the file and field. */
export function completeSpec(data: PartialSpec, label: string): Spec {
  const result = validateSpec(withDerivedDefaults(data));
  if (result.ok) return result.spec;
  throw new UsageError([
    ...result.problems.map((p) => `${label}: ${formatPath(p.path) || "spec"}: ${p.message}`),
    "Nothing written.",
  ]);
}

function refusedAsUsage<T>(prefix: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof UntrustedInputError || error instanceof PathEscapeError) {
      throw new UsageError(`${prefix}${error.message}`);
    }
    throw error;
  }
}
