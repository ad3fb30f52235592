/**
 * The journal makes a regenerate resumable. Before touching the project, apply writes every change
 * it is about to make (with the hash of the file each was planned against) to
 * `.fly-ref-arch/journal.json`; it removes the journal once the manifest is written. A run killed in
 * between leaves the journal, and the next run finishes exactly those changes before planning anew,
 * so it ends where an uninterrupted run would have: re-merging half-applied files instead would
 * nest conflict markers and report conflicts as edits.
 */

import * as z from "zod/mini";
import { echoQuoted } from "../echo.js";
import type { DiskReader } from "./disk.js";
import {
  BASE_PATH,
  MANIFEST_PATH,
  METADATA_DIR,
  parseBaseTexts,
  parseManifest,
  sha256,
  stringifyJson,
} from "./manifest.js";
import { fileMode, generatedPath, type PathCheck, parseMetadata, sha256Hex } from "./metadata-schema.js";
import type { FileChange } from "./plan.js";

export const JOURNAL_PATH = `${METADATA_DIR}/journal.json`;
const JOURNAL_FORMAT = 1;

export function journalText(changes: readonly FileChange[]): string {
  return stringifyJson({ journal: JOURNAL_FORMAT, changes });
}

export type JournalState =
  | { kind: "none" }
  /** The run it describes finished (or had nothing left to do): only the file remains. */
  | { kind: "done" }
  | { kind: "pending"; changes: FileChange[]; remaining: FileChange[] }
  /** Files it would write were changed by someone since: finishing it could lose their work. */
  | { kind: "foreign"; paths: string[] };

/**
 * The journal's state against the disk. `allowed`: the paths the generator can write; the journal
 * may name only those and the two metadata files it finishes with.
 */
export function inspectJournal(disk: DiskReader, allowed: PathCheck): JournalState {
  const file = disk(JOURNAL_PATH);
  if (file === undefined) return { kind: "none" };
  const changes = parseJournal(file.content, allowed);
  const state = (change: FileChange) => {
    const now = disk(change.path);
    const hash = now === undefined ? null : sha256(now.content);
    if (hash === (change.content === null ? null : sha256(change.content))) return "done";
    return hash === change.before ? "pending" : "foreign";
  };
  const states = changes.map(state);
  const manifestAt = changes.findIndex((c) => c.path === MANIFEST_PATH);
  if (manifestAt >= 0 && states[manifestAt] === "done") return { kind: "done" };
  // Refused even with nothing left to do: a journal that does not describe this disk is no run of ours.
  const foreign = changes.filter((_, i) => states[i] === "foreign").map((c) => c.path);
  if (foreign.length > 0) return { kind: "foreign", paths: foreign };
  if (!states.includes("pending")) return { kind: "done" };
  // A delete that happened may still have empty folders to remove: deletes are redone (they are idempotent).
  const remaining = changes.filter((c, i) => states[i] === "pending" || c.content === null);
  return { kind: "pending", changes, remaining };
}

const METADATA_PARSERS: Record<string, (text: string, allowed: PathCheck) => unknown> = {
  [BASE_PATH]: parseBaseTexts,
  [MANIFEST_PATH]: parseManifest,
};

/** Exactly what journalText writes, with every path one we may write and every mode a sane one. */
const journalSchema = (allowed: PathCheck) => {
  const change = z
    .strictObject({
      kind: z.enum(["create", "update", "merge", "conflict", "delete"], {
        error: (issue) => `${echoQuoted(issue.input)} is not allowed; allowed: create, update, merge, conflict, delete`,
      }),
      path: generatedPath((path) => allowed(path) || path in METADATA_PARSERS),
      before: z.nullable(sha256Hex),
      content: z.nullable(z.string()),
      mode: fileMode,
      conflicts: z.int().check(z.gte(0)),
      note: z.optional(z.enum(["restored", "no-base", "user-file"])),
      metadata: z.optional(z.literal(true)),
    })
    .check(
      z.superRefine((change, ctx) => {
        const issue = (path: string, message: string) =>
          ctx.addIssue({ code: "custom", path: [path], input: change[path as keyof FileChange], message });
        if ((change.kind === "create") !== (change.before === null)) {
          issue(
            "before",
            `a ${change.kind} ${change.kind === "create" ? "is of a file that was absent (null)" : "needs the sha256 it was planned against"}`,
          );
        }
        if ((change.kind === "delete") !== (change.content === null)) {
          issue("content", `a ${change.kind} ${change.kind === "delete" ? "has no content (null)" : "needs content"}`);
        }
        const parse = METADATA_PARSERS[change.path];
        if ((parse !== undefined) !== (change.metadata === true)) {
          issue("metadata", `must be true exactly for ${Object.keys(METADATA_PARSERS).join(" and ")}`);
        } else if (parse !== undefined && change.content !== null) {
          try {
            parse(change.content, allowed);
          } catch (error) {
            if (!(error instanceof Error)) throw error;
            issue("content", `is not a valid ${change.path}: ${error.message.split("\n")[0]}`);
          }
        }
      }),
    );
  return z.strictObject({
    journal: z.literal(JOURNAL_FORMAT, {
      error: (issue) =>
        `${echoQuoted(issue.input)} is not a journal format this version reads; allowed: ${JOURNAL_FORMAT}`,
    }),
    changes: z.array(change),
  });
};

function parseJournal(text: string, allowed: PathCheck): FileChange[] {
  return parseMetadata(
    journalSchema(allowed),
    text,
    JOURNAL_PATH,
    `${JOURNAL_PATH} records an interrupted regenerate; if it is not one of yours, remove it. Nothing written.`,
  ).changes as FileChange[];
}
