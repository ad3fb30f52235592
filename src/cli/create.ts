/** `create-fly-ref-arch [directory]`: answers → spec → tree → a new folder, then install and git. */
import { relative, resolve } from "node:path";
import { GENERATORS } from "../../generators/index.js";
import { echo, hasUnsafeCharacters } from "../echo.js";
import { loadTemplates } from "../engine/load-templates.js";
import { renderProject } from "../engine/render-project.js";
import { inspectTarget } from "../engine/target.js";
import { sh } from "../engine/template-escapes.js";
import { type NewProject, writeNewProject } from "../engine/write-new.js";
import { PACKAGE_MANAGER_COMMANDS } from "../spec/package-manager.js";
import type { Spec } from "../spec/schema.js";
import { generatorVersion } from "../version.js";
import {
  DEFAULT_DIRECTORY,
  finishSpec,
  gatherAnswers,
  givenValueProblems,
  missingInputs,
  nameFromDirectory,
  targetDirectory,
} from "./answers.js";
import type { CreateArgs } from "./args.js";
import { EXIT, UsageError } from "./errors.js";
import { endBy, type InterruptSignal, type Interrupts, listenForInterrupts } from "./interrupts.js";
import type { Output } from "./output.js";
import type { StepFailure } from "./post-write.js";
import { costLines, flyApps, topologyLines } from "./summary.js";

export interface CreateEnvironment {
  cwd: string;
  interactive: boolean;
  userAgent: string | undefined;
}

export async function runCreate(args: CreateArgs, env: CreateEnvironment, out: Output): Promise<number> {
  const { answers, fromFile } = gatherAnswers(args, env.cwd, env.userAgent);
  const directoryFor = (name: string) => targetDirectory(args, { ...answers, name }) ?? name;
  const checkTarget = (name: string) => assertTargetUsable(resolve(env.cwd, directoryFor(name)));

  // Only an absent name is taken from the directory: `--name ""` is a bad name, reported as one.
  if (answers.name === undefined && args.directory) answers.name = nameFromDirectory(args.directory, env.cwd);

  // Bad given values fail before any question, and are reported together with what is missing.
  const problems = givenValueProblems(answers, args, fromFile);
  const missing = env.interactive || args.yes ? [] : missingInputs(args, answers);
  if (missing.length > 0) {
    problems.push(
      `missing input: ${missing.join(", ")}`,
      "There is no terminal to ask (or CI is set): pass them as flags or in a --spec file, or add --yes to take the defaults.",
    );
  }
  if (problems.length > 0) throw new UsageError(problems);
  // After the values: a bad name is reported as a name, not as a folder that cannot be looked at.
  if (args.directory || answers.name) checkTarget(answers.name ?? "");

  let spec: Spec;
  if (env.interactive) {
    const { askAnswers } = await import("./interactive.js");
    ({ spec } = await askAnswers(answers, {
      suggestedName: answers.name,
      checkTarget,
      finish: (complete) => finishSpec(complete, args, fromFile),
      directoryFor,
    }));
  } else {
    answers.name ??= DEFAULT_DIRECTORY;
    checkTarget(answers.name);
    spec = finishSpec(answers, args, fromFile);
  }

  const target = resolve(env.cwd, directoryFor(spec.name));
  const version = generatorVersion();
  const tree = renderProject(spec, { generators: GENERATORS, templates: loadTemplates(), version });
  const shown = relative(env.cwd, target) || ".";

  if (args.dryRun) {
    out.info(
      `Dry run: would create ${tree.size} files in ${echo(shown)} (nothing written)`,
      ...[...topologyLines(spec), "", ...costLines(spec)].map((line) => (line ? `  ${line}` : "")),
      ...tree.entries().map(([path, file]) => `CREATE ${path} (${Buffer.byteLength(file.content)} bytes)`),
    );
    return EXIT.ok;
  }

  const interrupts = listenForInterrupts();
  let project: NewProject | undefined;
  try {
    project = await writeNewProject(tree, target);
    await interrupts.checkpoint();
    out.info(`Created ${tree.size} files in ${echo(shown)}`);
    return await installAndCommit(spec, args, { target, shown }, interrupts, out);
  } catch (error) {
    const signal = interrupts.caught;
    if (!signal) throw error;
    // A second signal during the removal finds the listeners still there, and does not cut it short.
    removeInterrupted(project, signal, out);
    interrupts.release();
    return endBy(signal);
  } finally {
    interrupts.release();
  }
}

/**
 * The steps after the files, up to the last checkpoint. A signal before it takes the whole project
 * out again, what the install and git added too: the user stopped the run, a half-installed
 * node_modules is no use, and a rerun takes seconds. One after it meets a complete run, which stays.
 */
async function installAndCommit(
  spec: Spec,
  args: CreateArgs,
  { target, shown }: { target: string; shown: string },
  interrupts: Interrupts,
  out: Output,
): Promise<number> {
  const pm = PACKAGE_MANAGER_COMMANDS[spec.packageManager];
  let exitCode: number = EXIT.ok;
  if (args.install) {
    const { installDependencies, StepFailure } = await import("./post-write.js");
    try {
      await out.step(`Installing dependencies with ${pm.name}`, () =>
        installDependencies(target, pm.install, interrupts.signal),
      );
    } catch (error) {
      await interrupts.checkpoint();
      if (!(error instanceof StepFailure)) throw error;
      reportFailedStep(error, shown, pm.install, out);
      exitCode = EXIT.failure;
    }
  }
  if (args.git) {
    const { initGit, StepFailure } = await import("./post-write.js");
    try {
      const outcome = await initGit(target, interrupts.signal);
      const gitNotes: Record<typeof outcome, string> = {
        committed: "Created a git repository with an initial commit",
        "inside-repo": "Inside an existing git repository: left git alone",
        "no-git": "git is not installed: skipped the repository",
        "no-identity": "Created a git repository; commit needs your identity: git config user.email …, then git commit",
      };
      await interrupts.checkpoint();
      out.info(gitNotes[outcome]);
    } catch (error) {
      await interrupts.checkpoint();
      if (!(error instanceof StepFailure)) throw error;
      reportFailedStep(error, shown, "git init && git add --all && git commit", out);
      exitCode = EXIT.failure;
    }
  }
  await interrupts.checkpoint();
  out.done(nextSteps(spec, shown, args.install && exitCode === EXIT.ok));
  return exitCode;
}

/** After a signal: the target back as it was, or what could not be removed, named. */
function removeInterrupted(project: NewProject | undefined, signal: InterruptSignal, out: Output): void {
  try {
    project?.remove();
    out.error(`Interrupted by ${signal}: removed everything this run had written`);
  } catch (error) {
    out.error(`Interrupted by ${signal}: ${(error as Error).message}`);
  }
}

function assertTargetUsable(target: string): void {
  let state: ReturnType<typeof inspectTarget>;
  try {
    state = inspectTarget(target);
  } catch (error) {
    // A folder that cannot even be looked at (too long a name, no permission, a file on the way).
    const code = (error as NodeJS.ErrnoException).code;
    if (code === undefined) throw error;
    throw new UsageError(`${echo(target)}: cannot use it as the project folder (${code})`);
  }
  if (state.kind === "not-a-folder") throw new UsageError(`${echo(target)} exists and is not a folder`);
  if (state.kind === "blocked") {
    const names = state.entries.slice(0, 10).map((entry) => echo(entry));
    const shown = names.join(", ") + (state.entries.length > 10 ? `, … (${state.entries.length} in all)` : "");
    throw new UsageError([
      `${echo(target)} is not empty: ${shown}`,
      "Choose a new or empty folder (a .git, editor settings and a LICENSE may stay); nothing was written.",
    ]);
  }
}

function nextSteps(spec: Spec, shown: string, installed: boolean): string[] {
  const pm = PACKAGE_MANAGER_COMMANDS[spec.packageManager];
  return [
    "Next steps:",
    ...(shown === "." ? [] : [`  cd ${shellPath(shown)}`]),
    ...(installed ? [] : [`  ${pm.install}`]),
    `  ${pm.run} dev                 run the web tier locally (see .env.example)`,
    "  fly auth login && scripts/bootstrap.sh   provision and deploy on Fly.io",
    `Fly apps: ${flyApps(spec).join(", ")}`,
  ];
}

/** A failed install or git step: what failed, the tool's own last lines, and how to finish. */
function reportFailedStep(failure: StepFailure, shown: string, finish: string, out: Output): void {
  out.error(`${failure.step} failed in ${echo(shown)}: ${failure.reason}`);
  for (const line of failure.tail) out.error(`  ${echo(line)}`);
  out.error(`The project files are in place. Finish by hand: cd ${shellPath(shown)} && ${finish}`);
}

/**
 * A folder as one word for the user's shell, printed in the next steps to be pasted: quoted, so
 * `x;touch PWNED` is a name and not a second command; `./` before a leading dash, so cd does not
 * take it for an option; and spelt with escapes in bash's ANSI-C quoting ($'…', also zsh's and
 * ksh's) when it holds control characters, which must not reach the terminal raw. Never cut: the
 * line must work, and the system bounds a path anyway.
 */
function shellPath(path: string): string {
  const word = path.startsWith("-") ? `./${path}` : path;
  if (!hasUnsafeCharacters(word)) return sh(word);
  return `$'${echo(word.replace(/[\\']/g, "\\$&"), Number.POSITIVE_INFINITY)}'`;
}
