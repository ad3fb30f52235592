/**
 * The journal makes a regenerate resumable. Before touching the project, apply writes every change
 * it is about to make (with the hash of the file each was planned against) to
 * `.fly-ref-arch/journal.json`; it removes the journal once the manifest is written. A run killed in
 * between leaves the journal, and the next run finishes exactly those changes before planning anew,
 * so it ends where an uninterrupted run would have: re-merging half-applied files instead would
 * nest conflict markers and report conflicts as edits.
 */
import type { DiskReader } from "./disk.js";
import { MANIFEST_PATH, METADATA_DIR, MetadataError, sha256, stringifyJson } from "./manifest.js";
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

export function inspectJournal(disk: DiskReader): JournalState {
  const file = disk(JOURNAL_PATH);
  if (file === undefined) return { kind: "none" };
  const changes = parseJournal(file.content);
  const state = (change: FileChange) => {
    const now = disk(change.path);
    const hash = now === undefined ? null : sha256(now.content);
    if (hash === (change.content === null ? null : sha256(change.content))) return "done";
    return hash === change.before ? "pending" : "foreign";
  };
  const states = changes.map(state);
  const manifestAt = changes.findIndex((c) => c.path === MANIFEST_PATH);
  if (manifestAt >= 0 && states[manifestAt] === "done") return { kind: "done" };
  if (!states.includes("pending")) return { kind: "done" };
  const foreign = changes.filter((_, i) => states[i] === "foreign").map((c) => c.path);
  if (foreign.length > 0) return { kind: "foreign", paths: foreign };
  // A delete that happened may still have empty folders to remove: deletes are redone (they are idempotent).
  const remaining = changes.filter((c, i) => states[i] === "pending" || c.content === null);
  return { kind: "pending", changes, remaining };
}

function parseJournal(text: string): FileChange[] {
  let data: { journal?: unknown; changes?: unknown };
  try {
    data = JSON.parse(text) as typeof data;
  } catch (error) {
    throw new MetadataError(`${JOURNAL_PATH} is not valid JSON: ${(error as Error).message}`);
  }
  if (data.journal !== JOURNAL_FORMAT || !Array.isArray(data.changes)) {
    throw new MetadataError(`${JOURNAL_PATH} is not a journal this version can read; remove it to start over`);
  }
  return data.changes as FileChange[];
}
