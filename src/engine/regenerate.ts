/**
 * The regenerate use case, without any printing: settle a run that was interrupted, read the
 * manifest and the merge bases, plan the new render against the disk, and (unless only previewing)
 * apply the plan, all under the project's lock. The CLI decides what to show; this decides what
 * happens to the files.
 */
import {
  type ApplyHooks,
  applyChanges,
  assertTemporariesFree,
  discardUnstartedJournal,
  finishChanges,
} from "./apply.js";
import { type DiskFile, type DiskReader, overlayReader, projectReader } from "./disk.js";
import { inspectJournal, JOURNAL_PATH } from "./journal.js";
import { acquireLock } from "./lock.js";
import { BASE_PATH, MANIFEST_PATH, type Manifest, parseBaseTexts, parseManifest } from "./manifest.js";
import { MetadataError, type PathCheck } from "./metadata-schema.js";
import { type FileChange, type Notice, type Plan, planRegeneration } from "./plan.js";
import type { Tree } from "./tree.js";

export interface RegenerateInput {
  root: string;
  /** What the project's spec generates now (generated files only, no metadata). */
  render: Tree;
  /** Every path some spec could generate: metadata naming any other path is refused. */
  isGenerated: PathCheck;
  /** The running generator's version, recorded in the manifest. */
  version: string;
  /** Generated paths the user asked to bring back although they deleted or kept them. */
  restore: ReadonlySet<string>;
  /** false for --check and --dry-run: nothing on disk changes, the lock is not taken. */
  writes: boolean;
  hooks?: ApplyHooks;
}

export interface Regeneration {
  /** What an interrupted run had planned, finished now (or, when not writing, overlaid on the disk). */
  resumed: readonly FileChange[];
  plan: Plan;
  /** The plan's notices, less the conflicts an interrupted run wrote (those are in `resumed`). */
  notices: readonly Notice[];
  /** The project's files before this run's plan is applied: what a diff compares against. */
  disk: DiskReader;
}

/**
 * Runs the use case. `present` sees the regeneration before its plan is applied, so that what is
 * printed (diffs included) describes the files as they were; with `writes`, the plan is applied after.
 */
export function regenerateProject(input: RegenerateInput, present: (regeneration: Regeneration) => void): Regeneration {
  // A run that writes holds the lock from before it reads the journal until it is done.
  const release = input.writes ? acquireLock(input.root) : undefined;
  try {
    const regeneration = prepare(input);
    present(regeneration);
    if (input.writes) applyChanges(input.root, regeneration.plan.changes, input.hooks);
    return regeneration;
  } finally {
    release?.();
  }
}

function prepare({ root, render, isGenerated, version, restore, writes, hooks = {} }: RegenerateInput): Regeneration {
  // The current render's paths answer almost every lookup; the full set only the others.
  const allowed: PathCheck = (path) => render.has(path) || isGenerated(path);
  const { disk, resumed } = settleInterruptedRun(root, writes, hooks, allowed);
  const plan = planRegeneration({
    render,
    version,
    manifest: readManifest(disk, version, allowed),
    bases: parseBaseTexts(disk(BASE_PATH)?.content, allowed),
    disk,
    restore,
  });
  assertTemporariesFree(root, plan.changes);
  const notices = plan.notices.filter((n) => !resumed.some((c) => c.kind === "conflict" && c.path === n.path));
  return { resumed, plan, notices, disk };
}

/**
 * A journal left by a killed run: finished first (or, for a preview, overlaid on the disk), so the
 * plan starts from where that run would have ended.
 */
function settleInterruptedRun(root: string, writes: boolean, hooks: ApplyHooks, allowed: PathCheck) {
  const disk = projectReader(root);
  const journal = inspectJournal(disk, allowed);
  if (journal.kind === "foreign") {
    // Finishing it would overwrite what is there now: a journal is obeyed only for the files it planned against.
    throw new MetadataError(
      `an interrupted regenerate left ${JOURNAL_PATH}, but ${journal.paths.join(", ")} changed since; ` +
        `remove ${JOURNAL_PATH} to plan from the files as they are now. Nothing written.`,
    );
  }
  if (writes) discardUnstartedJournal(root);
  if (journal.kind === "done" && writes) finishChanges(root, [], hooks);
  if (journal.kind !== "pending") return { disk, resumed: [] };
  if (!writes) return { disk: overlayReader(disk, afterChanges(journal.remaining)), resumed: journal.changes };
  finishChanges(root, journal.remaining, hooks);
  return { disk, resumed: journal.changes };
}

function afterChanges(changes: readonly FileChange[]): Map<string, DiskFile | null> {
  return new Map(changes.map((c) => [c.path, c.content === null ? null : { content: c.content, mode: c.mode }]));
}

function readManifest(disk: DiskReader, version: string, allowed: PathCheck): Manifest {
  const file = disk(MANIFEST_PATH);
  if (file === undefined) {
    throw new MetadataError(
      `${MANIFEST_PATH} is missing: without it your edits cannot be told from generated text\n` +
        "Restore it from version control; nothing written.",
    );
  }
  const manifest = parseManifest(file.content, allowed);
  if (compareVersions(manifest.version, version) > 0) {
    throw new MetadataError(
      `this project was generated by create-fly-ref-arch ${manifest.version}; this is ${version}, which is older\n` +
        "Run the project's own version (npm run regen), or upgrade; nothing written.",
    );
  }
  return manifest;
}

/** Dotted numeric versions, compared part by part ("0.10.0" > "0.9.1"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map(Number);
  const pb = b.split(/[.+-]/).map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0 && !Number.isNaN(d)) return Math.sign(d);
  }
  return 0;
}
