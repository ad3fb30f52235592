/** `create-fly-ref-arch [directory]`: answers → spec → tree → a new folder, then install and git. */
import { relative, resolve } from "node:path";
import { GENERATORS } from "../../generators/index.js";
import { loadTemplates } from "../engine/load-templates.js";
import { renderProject } from "../engine/render-project.js";
import { inspectTarget } from "../engine/target.js";
import { writeNewProject } from "../engine/write-new.js";
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
import type { Output } from "./output.js";
import { flyApps, topologyLines } from "./summary.js";

export interface CreateEnvironment {
  cwd: string;
  interactive: boolean;
  userAgent: string | undefined;
}

export async function runCreate(args: CreateArgs, env: CreateEnvironment, out: Output): Promise<number> {
  const { answers, fromFile } = gatherAnswers(args, env.cwd, env.userAgent);
  const directoryFor = (name: string) => targetDirectory(args, { ...answers, name }) ?? name;
  const checkTarget = (name: string) => assertTargetUsable(resolve(env.cwd, directoryFor(name)));

  if (!answers.name && args.directory) answers.name = nameFromDirectory(args.directory, env.cwd);
  if (args.directory || answers.name) checkTarget(answers.name ?? "");

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
    out.info(`Dry run: would create ${tree.size} files in ${shown} (nothing written)`);
    for (const line of topologyLines(spec)) out.info(`  ${line}`);
    for (const [path, file] of tree.entries()) out.info(`CREATE ${path} (${Buffer.byteLength(file.content)} bytes)`);
    return EXIT.ok;
  }

  await writeNewProject(tree, target);
  out.info(`Created ${tree.size} files in ${shown}`);

  const pm = PACKAGE_MANAGER_COMMANDS[spec.packageManager];
  let exitCode: number = EXIT.ok;
  if (args.install) {
    try {
      await out.step(`Installing dependencies with ${pm.name}`, async () => {
        const { installDependencies } = await import("./post-write.js");
        await installDependencies(target, pm.install);
      });
    } catch (error) {
      out.error(`${pm.install} failed in ${shown}: ${firstLine(error)}`);
      out.error(`The project files are in place. Finish by hand: cd ${shown} && ${pm.install}`);
      exitCode = EXIT.failure;
    }
  }
  if (args.git) {
    const { initGit } = await import("./post-write.js");
    const outcome = await initGit(target);
    const gitNotes: Record<typeof outcome, string> = {
      committed: "Created a git repository with an initial commit",
      "inside-repo": "Inside an existing git repository: left git alone",
      "no-git": "git is not installed: skipped the repository",
      "no-identity": "Created a git repository; commit needs your identity: git config user.email …, then git commit",
    };
    out.info(gitNotes[outcome]);
  }
  out.done(nextSteps(spec, shown, args.install && exitCode === EXIT.ok));
  return exitCode;
}

function assertTargetUsable(target: string): void {
  const state = inspectTarget(target);
  if (state.kind === "not-a-folder") throw new UsageError(`${target} exists and is not a folder`);
  if (state.kind === "blocked") {
    const shown =
      state.entries.slice(0, 10).join(", ") + (state.entries.length > 10 ? `, … (${state.entries.length} in all)` : "");
    throw new UsageError([
      `${target} is not empty: ${shown}`,
      "Choose a new or empty folder (a .git, editor settings and a LICENSE may stay); nothing was written.",
    ]);
  }
}

function nextSteps(spec: Spec, shown: string, installed: boolean): string[] {
  const pm = PACKAGE_MANAGER_COMMANDS[spec.packageManager];
  return [
    "Next steps:",
    ...(shown === "." ? [] : [`  cd ${shown}`]),
    ...(installed ? [] : [`  ${pm.install}`]),
    `  ${pm.run} dev                 run the web tier locally (see .env.example)`,
    "  fly auth login && scripts/bootstrap.sh   provision and deploy on Fly.io",
    `Fly apps: ${flyApps(spec).join(", ")}`,
  ];
}

function firstLine(error: unknown): string {
  const message =
    (error as { shortMessage?: string; message?: string }).shortMessage ?? String((error as Error).message ?? error);
  return message.split("\n")[0] ?? message;
}
