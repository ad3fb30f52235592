/**
 * `create-fly-ref-arch regenerate [directory]`: fly-ref-arch.json → a new render → a plan against
 * the disk and `.fly-ref-arch/` → applied (or only printed with --dry-run / --check).
 */
import { isAbsolute, relative, resolve } from "node:path";
import { GENERATORS } from "../../generators/index.js";
import {
  type ApplyHooks,
  applyChanges,
  assertTemporariesFree,
  discardUnstartedJournal,
  finishChanges,
} from "../engine/apply.js";
import { type DiskFile, type DiskReader, overlayReader, PathEscapeError, projectReader } from "../engine/disk.js";
import { generatedPaths } from "../engine/generated-paths.js";
import { inspectJournal, JOURNAL_PATH } from "../engine/journal.js";
import { loadTemplates } from "../engine/load-templates.js";
import { acquireLock, LockFolderError } from "../engine/lock.js";
import { BASE_PATH, MANIFEST_PATH, type Manifest, parseBaseTexts, parseManifest } from "../engine/manifest.js";
import { MetadataError, type PathCheck } from "../engine/metadata-schema.js";
import { type FileChange, type Notice, needsAttention, type Plan, planRegeneration } from "../engine/plan.js";
import { renderGenerated } from "../engine/render-project.js";
import type { Tree } from "../engine/tree.js";
import { unifiedDiff } from "../engine/unified-diff.js";
import { parseInputJson, UntrustedInputError } from "../engine/untrusted-input.js";
import { withDerivedDefaults } from "../spec/resolve.js";
import { SPEC_FILE, type Spec } from "../spec/schema.js";
import { formatPath, validateSpec } from "../spec/validate.js";
import { generatorVersion } from "../version.js";
import type { RegenerateArgs } from "./args.js";
import { EXIT, UsageError } from "./errors.js";
import type { Output } from "./output.js";

export interface RegenerateEnvironment {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Test seam: SIGKILL the process after this many disk changes (test/regen/crash.test.ts). */
export const CRASH_AFTER_STEPS = "CREATE_FLY_REF_ARCH_CRASH_AFTER_STEPS";

export function runRegenerate(args: RegenerateArgs, env: RegenerateEnvironment, out: Output): number {
  const root = resolve(env.cwd, args.directory ?? ".");
  try {
    // A run that writes holds the lock from before it reads the journal until it is done.
    const release = writesFiles(args) ? acquireLock(root) : undefined;
    try {
      return regenerate(root, args, env, out);
    } finally {
      release?.();
    }
  } catch (error) {
    // Repository data that is malformed, oversized, not a regular file or points where we never
    // write is bad input; so is a temporary folder we cannot safely keep the lock in.
    if (error instanceof MetadataError) throw new UsageError(error.message.split("\n"));
    if (error instanceof PathEscapeError || error instanceof UntrustedInputError || error instanceof LockFolderError) {
      throw new UsageError([error.message, "Nothing written."]);
    }
    throw error;
  }
}

/** --check and --dry-run only read. */
function writesFiles(args: RegenerateArgs): boolean {
  return !args.check && !args.dryRun;
}

function regenerate(root: string, args: RegenerateArgs, env: RegenerateEnvironment, out: Output): number {
  const hooks = crashSeam(env.env);
  const spec = readProjectSpec(projectReader(root), root);
  const version = generatorVersion();
  const templates = loadTemplates();
  const render = renderGenerated(spec, { generators: GENERATORS, templates, version });
  // The current render's paths answer almost every lookup; the full set is built only for others.
  const allowed: PathCheck = (path) => render.has(path) || generatedPaths(GENERATORS, templates).has(path);
  const restore = new Set(args.restore.map((path) => restorePath(path, root, env.cwd, render)));
  const writes = writesFiles(args);

  const { disk, resumed } = settleInterruptedRun(root, writes, hooks, allowed);
  const manifest = readManifest(disk, version, allowed);
  const plan = planRegeneration({
    render,
    version,
    manifest,
    bases: parseBaseTexts(disk(BASE_PATH)?.content, allowed),
    disk,
    restore,
  });
  assertTemporariesFree(root, plan.changes);

  if (resumed.length > 0) {
    out.info(`Finishing an interrupted regenerate${writes ? "" : " (on the next run)"}:`);
    report(resumed, [], out);
  }
  // A conflict the interrupted run wrote is reported above, not again as a leftover.
  const notices = plan.notices.filter((n) => !resumed.some((c) => c.kind === "conflict" && c.path === n.path));
  // Read before anything is applied: the diffs are against the files as they are now.
  const diffFrom = args.diff ? disk : undefined;
  if (args.check) return check(plan, resumed.length > 0, out, diffFrom);
  if (args.dryRun) out.info("Dry run: nothing written.");
  report(plan.changes, notices, out, diffFrom);
  if (writes) applyChanges(root, plan.changes, hooks);
  out.info(summary(plan, writes));
  const conflicted = [...resumed, ...plan.changes].some((c) => c.kind === "conflict");
  return conflicted || plan.notices.some((n) => n.kind === "unresolved") ? EXIT.failure : EXIT.ok;
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

/** The spec as the user left it, completed the way `create` completes answers. */
function readProjectSpec(disk: DiskReader, root: string): Spec {
  const file = disk(SPEC_FILE);
  if (file === undefined) {
    throw new UsageError([
      `no ${SPEC_FILE} in ${root}`,
      "regenerate runs in a project made by create-fly-ref-arch (or pass its directory).",
    ]);
  }
  const data = parseInputJson(file.content, SPEC_FILE);
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new UsageError(`${SPEC_FILE} must hold a JSON object; nothing written`);
  }
  const result = validateSpec(withDerivedDefaults(data));
  if (result.ok) return result.spec;
  throw new UsageError([
    ...result.problems.map((p) => `${SPEC_FILE}: ${formatPath(p.path) || "spec"}: ${p.message}`),
    "Nothing written.",
  ]);
}

function readManifest(disk: DiskReader, version: string, allowed: PathCheck): Manifest {
  const file = disk(MANIFEST_PATH);
  if (file === undefined) {
    throw new UsageError([
      `${MANIFEST_PATH} is missing: without it your edits cannot be told from generated text`,
      "Restore it from version control; nothing written.",
    ]);
  }
  const manifest = parseManifest(file.content, allowed);
  if (compareVersions(manifest.version, version) > 0) {
    throw new UsageError([
      `this project was generated by create-fly-ref-arch ${manifest.version}; this is ${version}, which is older`,
      "Run the project's own version (npm run regen), or upgrade; nothing written.",
    ]);
  }
  return manifest;
}

/** A --restore path, given from the current folder or the project's, as a generated path. */
function restorePath(given: string, root: string, cwd: string, render: Tree): string {
  const inProject = relative(root, resolve(cwd, given)).split("\\").join("/");
  const path = inProject.startsWith("..") || isAbsolute(inProject) ? given : inProject;
  if (!render.has(path)) {
    throw new UsageError(`--restore ${given}: not a file that ${SPEC_FILE} generates; nothing written`);
  }
  return path;
}

function afterChanges(changes: readonly FileChange[]): Map<string, DiskFile | null> {
  return new Map(changes.map((c) => [c.path, c.content === null ? null : { content: c.content, mode: c.mode }]));
}

const LABELS: Record<FileChange["kind"] | Notice["kind"], string> = {
  create: "CREATE",
  update: "UPDATE",
  merge: "MERGE",
  conflict: "CONFLICT",
  delete: "DELETE",
  keep: "KEEP",
  skip: "SKIP",
  unresolved: "CONFLICT",
};

function changeLine(change: FileChange): string {
  const details: Record<string, string> = {
    merge: " (your edits kept)",
    conflict: ` (${change.conflicts} conflict${change.conflicts === 1 ? "" : "s"}: resolve the <<<<<<< markers)`,
    restored: " (restored)",
    "no-base": " (no stored base for your edits: merged against an empty base)",
    "user-file": " (your file at a newly generated path: merged)",
  };
  const detail = (change.note && details[change.note]) ?? details[change.kind] ?? "";
  return `${LABELS[change.kind].padEnd(8)} ${change.path}${detail}`;
}

function noticeLine(notice: Notice): string {
  const details: Record<Notice["kind"], string> = {
    keep: "(edited): no longer generated; kept as your own file",
    skip: `(user deleted): not recreated; --restore ${notice.path} brings it back`,
    unresolved: "(unresolved conflict markers from an earlier run)",
  };
  return `${LABELS[notice.kind].padEnd(8)} ${notice.path} ${details[notice.kind]}`;
}

/**
 * Per-file lines; `.fly-ref-arch/` files only when nothing else changes (e.g. a version bump). With
 * `diffFrom`, each project file's change follows as a unified diff against the file in it.
 */
function report(changes: readonly FileChange[], notices: readonly Notice[], out: Output, diffFrom?: DiskReader): void {
  const files = changes.filter((c) => !c.metadata);
  for (const change of files.length > 0 ? files : changes) out.info(changeLine(change));
  for (const notice of notices) out.info(noticeLine(notice));
  if (!diffFrom) return;
  for (const change of files) {
    const patch = unifiedDiff(change.path, diffFrom(change.path)?.content ?? null, change.content, change.mode);
    if (patch) out.info(patch.slice(0, -1));
  }
}

function check(plan: Plan, interrupted: boolean, out: Output, diffFrom: DiskReader | undefined): number {
  if (!needsAttention(plan) && !interrupted) {
    out.info(`Generated files match ${SPEC_FILE}.`);
    return EXIT.ok;
  }
  report(plan.changes, plan.notices, out, diffFrom);
  out.error(`Generated files differ from ${SPEC_FILE}: run create-fly-ref-arch regenerate.`);
  return EXIT.failure;
}

function summary(plan: Plan, wrote: boolean): string {
  const files = plan.changes.filter((c) => !c.metadata).length;
  if (plan.changes.length === 0) return `Up to date: ${plan.upToDate} generated files match ${SPEC_FILE}.`;
  return `${wrote ? "Changed" : "Would change"} ${files} file${files === 1 ? "" : "s"}; ${plan.upToDate} already up to date.`;
}

function crashSeam(env: NodeJS.ProcessEnv): ApplyHooks {
  const limit = Number(env[CRASH_AFTER_STEPS]);
  if (!Number.isInteger(limit) || limit < 1) return {};
  let steps = 0;
  return {
    step: () => {
      if (++steps === limit) process.kill(process.pid, "SIGKILL");
    },
  };
}

/** Dotted numeric versions, compared part by part ("0.10.0" > "0.9.1"). */
function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).map(Number);
  const pb = b.split(/[.+-]/).map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0 && !Number.isNaN(d)) return Math.sign(d);
  }
  return 0;
}
