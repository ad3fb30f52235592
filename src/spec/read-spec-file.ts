/**
 * The one reader of a spec file, for `create --spec <file>` and for regenerate's fly-ref-arch.json.
 * A spec often comes from a repository someone else wrote, so it is read as untrusted input
 * (untrusted-input.ts): a regular file (a FIFO would hang the run, /dev/zero never ends), at most
 * 1 MiB, nested at most MAX_JSON_DEPTH levels (a deeper array overflows the stack of the parser or
 * of the schema's checks), and inside the folder it is named in: a symlink leading elsewhere is
 * refused, so a committed `fly-ref-arch.json -> ~/.ssh/id_ed25519` cannot make us read a file the
 * repository does not hold and quote it back in an error message.
 */

import { echoQuoted } from "../echo.js";
import { type InsideScope, resolveInside, SPEC_MAX_BYTES } from "../engine/disk.js";
import { parseInputJson, readInputFile, UntrustedInputError } from "../engine/untrusted-input.js";
import type { PartialSpec } from "./resolve.js";

/**
 * The answers in the spec file `name` of `folder`, or undefined when there is none. Refusals throw
 * PathEscapeError or UntrustedInputError, naming the file by `scope.label`.
 */
export function readSpecFile(folder: string, name: string, scope: InsideScope): PartialSpec | undefined {
  const text = readInputFile(resolveInside(folder, name, scope), scope.label, { maxBytes: SPEC_MAX_BYTES });
  if (text === undefined) return undefined;
  const data = parseInputJson(text, scope.label);
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    const got = Array.isArray(data) ? "an array" : echoQuoted(data);
    throw new UntrustedInputError(`${scope.label} must hold a JSON object (the answers), not ${got}`);
  }
  return data as PartialSpec;
}
