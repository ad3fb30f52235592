/**
 * The files of `.fly-ref-arch/` are repository data: anyone with a commit can write them, so they
 * are checked with the rigour of the spec before anything acts on them. Each schema here describes
 * exactly what we write; a file that differs is refused with every problem, named by file and field.
 * Paths must be ones the generator can write (generated-paths.ts), and never inside `.git/`.
 */

import * as z from "zod/mini";
import { echoQuoted } from "../echo.js";
import { parseInputJson } from "./untrusted-input.js";

/** A manifest, base.json or journal that cannot be trusted as it is: exit 2, nothing written. */
export class MetadataError extends Error {}

/** Whether the generator can write a path (the metadata files aside). */
export type PathCheck = (path: string) => boolean;

/** git's own folder: regenerate never reads, writes or deletes anything in it. */
function insideGit(path: string): boolean {
  return path === ".git" || path.startsWith(".git/");
}

/** A path the generator writes (`allowed`), and not inside `.git/`. */
export function generatedPath(allowed: PathCheck) {
  return z.string().check(
    z.refine((path) => !insideGit(path) && allowed(path), {
      error: (issue) =>
        `${echoQuoted(issue.input)} is ${insideGit(String(issue.input)) ? "inside .git/, which regenerate never touches" : "not a file create-fly-ref-arch generates"}; refusing`,
    }),
  );
}

export const sha256Hex = z
  .string()
  .check(z.regex(/^[0-9a-f]{64}$/, { error: (issue) => `${echoQuoted(issue.input)} is not a sha256 (64 hex digits)` }));

/** git records only these two modes, and they are the only ones the generator writes. */
export const fileMode = z.literal([0o644, 0o755], {
  error: (issue) => `${echoQuoted(issue.input)} is not allowed; allowed: ${0o644} (0644), ${0o755} (0755)`,
});

/** A dotted version as we write it ("0.1.0", "1.2.3-beta.1"). */
export const versionString = z.string().check(
  z.regex(/^\d{1,9}\.\d{1,9}\.\d{1,9}(?:[-+][0-9A-Za-z.+-]{1,64})?$/, {
    error: (issue) => `${echoQuoted(issue.input)} is not a version (like 0.1.0)`,
  }),
);

/**
 * `text` as the data `schema` describes, or a MetadataError listing every problem (one line each,
 * `<label>: <field>: <what is wrong>`), then `hint`.
 */
export function parseMetadata<T>(schema: z.ZodMiniType<T>, text: string, label: string, hint: string): T {
  const result = schema.safeParse(parseInputJson(text, label), { reportInput: true });
  if (result.success) return result.data;
  // The first 20: a hostile file can hold a million problems, and the first ones say what it is.
  const lines = result.error.issues.flatMap(problems).slice(0, 20);
  throw new MetadataError([...lines.map((line) => `${label}: ${line}`), hint].join("\n"));
}

function problems(issue: z.core.$ZodIssue): string[] {
  const path = issue.path;
  const at = fieldName(path);
  if (issue.input === undefined && issue.code !== "custom" && issue.code !== "unrecognized_keys") {
    return [`${at}: is required`];
  }
  switch (issue.code) {
    case "invalid_key": {
      // The key is the problem, so the record holding it is the field.
      const record = path.length > 1 ? `${fieldName(path.slice(0, -1))}: ` : "";
      return issue.issues.map((inner) => `${record}${inner.message}`);
    }
    case "unrecognized_keys":
      return issue.keys.map((key) => `${fieldName([...path, key])}: unknown field`);
    case "invalid_type":
      return [`${at}: expected ${issue.expected}, got ${echoQuoted(issue.input)}`];
    default:
      return [`${at}: ${issue.message}`];
  }
}

/** `changes[0].mode`, `files[".env.example"]`: a JSON path as a person reads it. */
function fieldName(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (typeof part === "string" && /^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${echoQuoted(String(part))}]`;
  }
  return out || "the file";
}
