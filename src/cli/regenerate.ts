/**
 * `create-fly-ref-arch regenerate [directory]`: fly-ref-arch.json → a new render → a plan against
 * the disk and `.fly-ref-arch/` → applied (or only printed with --dry-run / --check).
 */
import { isAbsolute, relative, resolve } from "node:path";
import { GENERATORS } from "../../generators/index.js";
import { echo } from "../echo.js";
import type { ApplyHooks } from "../engine/apply.js";
import { type DiskReader, PathEscapeError } from "../engine/disk.js";
import { isGeneratedPath } from "../engine/generated-paths.js";
import { loadTemplates } from "../engine/load-templates.js";
import { LockFolderError } from "../engine/lock.js";
import { MetadataError } from "../engine/metadata-schema.js";
import { type FileChange, type Notice, needsAttention, type Plan } from "../engine/plan.js";
import { type Regeneration, regenerateProject } from "../engine/regenerate.js";
import { renderGenerated } from "../engine/render-project.js";
import type { Tree } from "../engine/tree.js";
import { unifiedDiff } from "../engine/unified-diff.js";
import { UntrustedInputError } from "../engine/untrusted-input.js";
import { SPEC_FILE } from "../spec/schema.js";
import { generatorVersion } from "../version.js";
import type { RegenerateArgs } from "./args.js";
import { EXIT, UsageError } from "./errors.js";
import type { Output } from "./output.js";
import { readProjectSpec } from "./spec-files.js";

export interface RegenerateEnvironment {
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Test seam: SIGKILL the process after this many disk changes (test/regen/crash.test.ts). */
export const CRASH_AFTER_STEPS = "CREATE_FLY_REF_ARCH_CRASH_AFTER_STEPS";

export function runRegenerate(args: RegenerateArgs, env: RegenerateEnvironment, out: Output): number {
  const root = resolve(env.cwd, args.directory ?? ".");
  try {
    return regenerate(root, args, env, out);
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

function regenerate(root: string, args: RegenerateArgs, env: RegenerateEnvironment, out: Output): number {
  const spec = readProjectSpec(
    root,
    "regenerate runs in a project made by create-fly-ref-arch (or pass its directory).",
  );
  const version = generatorVersion();
  const templates = loadTemplates();
  const render = renderGenerated(spec, { generators: GENERATORS, templates, version });
  // --check and --dry-run only read.
  const writes = !args.check && !args.dryRun;
  // Printed before the plan is applied, so that diffs compare against the files as they were.
  const present = ({ resumed, plan, notices, disk }: Regeneration) => {
    if (resumed.length > 0) {
      out.info(`Finishing an interrupted regenerate${writes ? "" : " (on the next run)"}:`);
      report(resumed, [], out);
    }
    if (args.check) return;
    if (args.dryRun) out.info("Dry run: nothing written.");
    report(plan.changes, notices, out, args.diff ? disk : undefined);
  };
  const { resumed, plan, disk } = regenerateProject(
    {
      root,
      render,
      isGenerated: (path) => isGeneratedPath(GENERATORS, templates, path),
      version,
      restore: new Set(args.restore.map((path) => restorePath(path, root, env.cwd, render))),
      writes,
      hooks: crashSeam(env.env),
    },
    present,
  );
  if (args.check) return check(plan, resumed.length > 0, out, args.diff ? disk : undefined);
  out.info(summary(plan, writes));
  const conflicted = [...resumed, ...plan.changes].some((c) => c.kind === "conflict");
  return conflicted || plan.notices.some((n) => n.kind === "unresolved") ? EXIT.failure : EXIT.ok;
}

/** A --restore path, given from the current folder or the project's, as a generated path. */
function restorePath(given: string, root: string, cwd: string, render: Tree): string {
  const inProject = relative(root, resolve(cwd, given)).split("\\").join("/");
  const path = inProject.startsWith("..") || isAbsolute(inProject) ? given : inProject;
  if (!render.has(path)) {
    throw new UsageError(`--restore ${echo(given)}: not a file that ${SPEC_FILE} generates; nothing written`);
  }
  return path;
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
