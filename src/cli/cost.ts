/**
 * `create-fly-ref-arch cost [directory] [--spec <file>] [--json]`: a project's fly-ref-arch.json (or
 * a spec file) → the monthly estimate, as a table or as JSON. It reads one file and writes nothing.
 */
import { resolve } from "node:path";
import { estimateCost } from "../../generators/cost/estimate.js";
import { costJson, costTextLines } from "../../generators/cost/render.js";
import { GENERATED_FILE_CAP, PathEscapeError, projectReader, READ_CAPS } from "../engine/disk.js";
import { parseInputJson, readInputFile, UntrustedInputError } from "../engine/untrusted-input.js";
import { withDerivedDefaults } from "../spec/resolve.js";
import { SPEC_FILE, type Spec } from "../spec/schema.js";
import { formatPath, validateSpec } from "../spec/validate.js";
import type { CostArgs } from "./args.js";
import { EXIT, UsageError } from "./errors.js";
import type { Output } from "./output.js";

export function runCost(args: CostArgs, env: { cwd: string }, out: Output): number {
  const estimate = estimateCost(readSpec(args, env.cwd));
  if (args.json) out.info(JSON.stringify(costJson(estimate), null, 2));
  else for (const line of costTextLines(estimate)) out.info(line);
  return EXIT.ok;
}

/** The spec to price, completed and checked as `create` and `regenerate` do; bad input is exit 2. */
function readSpec(args: CostArgs, cwd: string): Spec {
  try {
    const { text, label } = args.specFile ? readGivenFile(args.specFile, cwd) : readProjectFile(args.directory, cwd);
    const data = parseInputJson(text, label);
    if (typeof data !== "object" || data === null || Array.isArray(data)) {
      const got = Array.isArray(data) ? "a list" : typeof data === "string" ? "a string" : String(data);
      throw new UsageError(`${label} must hold a JSON object (the spec), not ${got}`);
    }
    const result = validateSpec(withDerivedDefaults(data));
    if (result.ok) return result.spec;
    throw new UsageError(result.problems.map((p) => `${label}: ${formatPath(p.path) || "spec"}: ${p.message}`));
  } catch (error) {
    if (error instanceof UntrustedInputError || error instanceof PathEscapeError) throw new UsageError(error.message);
    throw error;
  }
}

function readGivenFile(file: string, cwd: string): { text: string; label: string } {
  // The cap of a project's spec file, whatever this one is called.
  const text = readInputFile(resolve(cwd, file), file, { maxBytes: READ_CAPS[SPEC_FILE] ?? GENERATED_FILE_CAP });
  if (text === undefined) throw new UsageError(`--spec: ${JSON.stringify(file)} does not exist`);
  return { text, label: file };
}

function readProjectFile(directory: string | undefined, cwd: string): { text: string; label: string } {
  const root = resolve(cwd, directory ?? ".");
  const file = projectReader(root)(SPEC_FILE);
  if (file === undefined) {
    throw new UsageError([
      `no ${SPEC_FILE} in ${root}`,
      "cost prices a project made by create-fly-ref-arch: pass its directory, or a spec file with --spec <file>.",
    ]);
  }
  return { text: file.content, label: SPEC_FILE };
}
