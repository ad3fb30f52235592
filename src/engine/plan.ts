/**
 * The regeneration plan: the new render compared with the disk and with what was generated last
 * time. Pure (the disk comes in as a reader), so every rule is tested without a file system.
 *
 * Per path, in this order:
 * - on disk exactly as the new render → up to date, whatever the manifest says (a re-run after an
 *   interrupted run finds files already written and must not take them for edits);
 * - generated before, absent now → the user deleted it: skipped unless restored;
 * - unedited since generated (hash matches the manifest) → replaced, or deleted when no longer generated;
 * - edited → 3-way merge with the stored base (an empty base for a user file at a new path);
 *   kept as the user's own when no longer generated, with its base still stored, so that a later
 *   render at that path merges with what was generated there last rather than with nothing.
 */
import type { DiskReader } from "./disk.js";
import { type BaseTexts, type Manifest, metadataFiles, sha256 } from "./manifest.js";
import { hasConflictMarkers, mergeTexts } from "./merge.js";
import type { Tree } from "./tree.js";

export type ChangeKind = "create" | "update" | "merge" | "conflict" | "delete";

export interface FileChange {
  kind: ChangeKind;
  path: string;
  /** sha256 of the file the change was planned against; null when it was absent. */
  before: string | null;
  /** What to write; null deletes the file. */
  content: string | null;
  mode: number;
  conflicts: number;
  /** Why a create or merge is special: restored on request, or merged without a stored base. */
  note?: "restored" | "no-base" | "user-file";
  /** `.fly-ref-arch/` files: written after every project file. */
  metadata?: boolean;
}

export type NoticeKind = "keep" | "skip" | "unresolved";

export interface Notice {
  kind: NoticeKind;
  path: string;
}

export interface Plan {
  changes: FileChange[];
  notices: Notice[];
  /** Generated files already as they should be, edits included. */
  upToDate: number;
}

export interface PlanInput {
  /** The generated files of the new render (no metadata, no spec). */
  render: Tree;
  version: string;
  manifest: Manifest;
  bases: BaseTexts;
  disk: DiskReader;
  /** User-deleted paths to bring back. */
  restore?: ReadonlySet<string>;
}

export function planRegeneration(input: PlanInput): Plan {
  const { render, manifest, disk } = input;
  const plan: Plan = { changes: [], notices: [], upToDate: 0 };
  const paths = [...new Set([...render.paths(), ...Object.keys(manifest.files)])].sort();
  const kept = keptBases(input);

  for (const path of paths) {
    const next = render.get(path);
    const recorded = manifest.files[path]?.sha256;
    const current = disk(path);
    const before = current === undefined ? null : sha256(current.content);
    // A checkout with CRLF line ends (git's autocrlf) is not an edit: compare and merge in LF, write back in CRLF.
    const crlf = current?.content.includes("\r\n") === true;
    const yours = current && (crlf ? current.content.replace(/\r\n/g, "\n") : current.content);
    const unedited = yours !== undefined && sha256(yours) === recorded;
    const change = (kind: ChangeKind, content: string | null, extra: Partial<FileChange> = {}) =>
      plan.changes.push({
        kind,
        path,
        before,
        content: content !== null && crlf ? content.replace(/\n/g, "\r\n") : content,
        mode: current === undefined ? (next?.mode ?? 0o644) : gitMode(current.mode),
        conflicts: 0,
        ...extra,
      });

    if (next === undefined) {
      if (yours === undefined) continue;
      if (unedited) change("delete", null);
      else {
        plan.notices.push({ kind: "keep", path });
        const base = recorded === undefined ? undefined : exactBase(input, path, recorded);
        if (base !== undefined) kept[path] = base;
      }
      continue;
    }
    if (yours === undefined) {
      const restoring = input.restore?.has(path) === true;
      if (recorded !== undefined && !restoring) plan.notices.push({ kind: "skip", path });
      else change("create", next.content, restoring && recorded !== undefined ? { note: "restored" } : {});
      continue;
    }
    if (yours === next.content) {
      plan.upToDate++;
      continue;
    }
    if (unedited) {
      change("update", next.content);
      continue;
    }
    // A path the manifest does not list may still have a base: that of a file kept as the user's.
    const base = recorded === undefined ? input.bases[path] : exactBase(input, path, recorded);
    const merged = mergeTexts(base ?? "", yours, next.content);
    const note = base !== undefined ? undefined : recorded === undefined ? "user-file" : "no-base";
    if (merged.conflicts > 0) {
      change("conflict", merged.text, { conflicts: merged.conflicts, ...(note ? { note } : {}) });
      continue;
    }
    if (merged.text === yours) plan.upToDate++;
    else change("merge", merged.text, note ? { note } : {});
    if (hasConflictMarkers(merged.text)) plan.notices.push({ kind: "unresolved", path });
  }

  for (const [path, content] of metadataFiles(render, input.version, kept)) {
    const current = disk(path);
    if (current !== undefined && sameJson(current.content, content)) continue;
    plan.changes.push({
      kind: current === undefined ? "create" : "update",
      path,
      before: current === undefined ? null : sha256(current.content),
      content,
      mode: 0o644,
      conflicts: 0,
      metadata: true,
    });
  }
  return plan;
}

/**
 * The mode a rewritten file keeps: executable or not, as git sees it (the owner's x bit). The
 * journal accepts no other modes, so a file's odd bits (0600, setgid) are never carried over.
 */
function gitMode(mode: number): number {
  return mode & 0o100 ? 0o755 : 0o644;
}

/** The stored bases of files kept as the user's own in earlier runs, while the user still has them. */
function keptBases({ render, manifest, bases, disk }: PlanInput): BaseTexts {
  const kept: BaseTexts = {};
  for (const [path, text] of Object.entries(bases)) {
    if (!render.has(path) && manifest.files[path] === undefined && disk(path) !== undefined) kept[path] = text;
  }
  return kept;
}

/**
 * The text generated last time: the stored base when it matches the manifest's hash; else the new
 * render when that is unchanged (then it is the base); else unknown, and the merge base is empty.
 */
function exactBase(input: PlanInput, path: string, recorded: string): string | undefined {
  const stored = input.bases[path];
  if (stored !== undefined && sha256(stored) === recorded) return stored;
  const next = input.render.get(path)?.content;
  return next !== undefined && sha256(next) === recorded ? next : undefined;
}

/** Equal as JSON: a formatter (Prettier, Biome) re-indenting the metadata is not a change to undo. */
function sameJson(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return JSON.stringify(JSON.parse(a)) === JSON.stringify(JSON.parse(b));
  } catch {
    return false;
  }
}

/** Whether applying the plan would leave anything different, or leaves conflicts to resolve. */
export function needsAttention(plan: Plan): boolean {
  return plan.changes.length > 0 || plan.notices.some((n) => n.kind !== "skip");
}
