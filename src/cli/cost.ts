/**
 * `create-fly-ref-arch cost [directory] [--spec <file>] [--json]`: a project's fly-ref-arch.json (or
 * a spec file) → the monthly estimate, as a table or as JSON. It reads one file and writes nothing.
 */
import { resolve } from "node:path";
import { estimateCost } from "../../generators/cost/estimate.js";
import { costJson, costTextLines } from "../../generators/cost/render.js";
import { echo } from "../echo.js";
import type { Spec } from "../spec/schema.js";
import type { CostArgs } from "./args.js";
import { EXIT } from "./errors.js";
import type { Output } from "./output.js";
import { completeSpec, readGivenSpec, readProjectSpec } from "./spec-files.js";

export function runCost(args: CostArgs, env: { cwd: string }, out: Output): number {
  const estimate = estimateCost(readSpec(args, env.cwd));
  if (args.json) out.info(JSON.stringify(costJson(estimate), null, 2));
  else for (const line of costTextLines(estimate)) out.info(line);
  return EXIT.ok;
}

/** The spec to price, read, completed and checked as `create` and `regenerate` do; bad input is exit 2. */
function readSpec(args: CostArgs, cwd: string): Spec {
  if (args.specFile) return completeSpec(readGivenSpec(args.specFile, cwd), echo(args.specFile));
  return readProjectSpec(
    resolve(cwd, args.directory ?? "."),
    "cost prices a project made by create-fly-ref-arch: pass its directory, or a spec file with --spec <file>.",
  );
}
