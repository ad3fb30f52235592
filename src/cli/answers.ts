/**
 * Where answers come from, in order of precedence: flags, then the --spec file, then prompts or
 * defaults. Problems are reported against the flag or the file that gave the bad value.
 */
import { basename, resolve } from "node:path";
import { echo } from "../echo.js";
import { detectPackageManager } from "../spec/package-manager.js";
import { mergeSpecs, type PartialSpec, withDerivedDefaults } from "../spec/resolve.js";
import type { Spec } from "../spec/schema.js";
import { formatPath, type SpecProblem, validateFields, validateSpec } from "../spec/validate.js";
import type { CreateArgs } from "./args.js";
import { UsageError } from "./errors.js";
import { CREATE_OPTIONS, type OptionDef } from "./options.js";
import { readGivenSpec } from "./spec-files.js";

/** Used when --yes is given with neither a directory nor a name. */
export const DEFAULT_DIRECTORY = "my-fly-app";

export interface Gathered {
  answers: PartialSpec;
  /** The spec file's own content, to tell which values it gave. */
  fromFile: PartialSpec | undefined;
}

/** Flags over the spec file, plus what the environment says (package manager). */
export function gatherAnswers(args: CreateArgs, cwd: string, userAgent: string | undefined): Gathered {
  const fromFile = args.specFile ? readGivenSpec(args.specFile, cwd) : undefined;
  const answers = mergeSpecs(fromFile ?? {}, args.answers);
  answers.packageManager ??= detectPackageManager(userAgent);
  return { answers, fromFile };
}

/** The target folder: the positional argument, else the project's name. */
export function targetDirectory(args: CreateArgs, answers: PartialSpec): string | undefined {
  return args.directory ?? answers.name;
}

/** The directory's name is the default project name (".": the current folder's name). */
export function nameFromDirectory(directory: string, cwd: string): string {
  return basename(resolve(cwd, directory));
}

/**
 * What a run without prompts and without --yes still lacks: the architecture is never guessed
 * silently, so each of these must come from a flag or the spec file.
 */
export function missingInputs(args: CreateArgs, answers: PartialSpec): string[] {
  const missing: string[] = [];
  if (!args.directory && !answers.name) missing.push("[directory] (or --name)");
  for (const option of CREATE_OPTIONS) {
    if (option.required && option.specPath && !hasPath(answers, option.specPath)) missing.push(`--${option.name}`);
  }
  return missing;
}

/** The complete spec, or a UsageError listing every problem by the flag or file field that caused it. */
export function finishSpec(answers: PartialSpec, args: CreateArgs, fromFile: PartialSpec | undefined): Spec {
  const result = validateSpec(withDerivedDefaults(answers));
  if (!result.ok) {
    throw new UsageError(describeProblems(withoutDerivedCopies(result.problems, answers), args, fromFile));
  }
  const misplaced = flagsWithoutTheirValue(args, result.spec);
  if (misplaced.length > 0) throw new UsageError(misplaced);
  return result.spec;
}

/** Flags given for a value of another flag that the spec does not have (`onlyWith`). */
function flagsWithoutTheirValue(args: CreateArgs, spec: Spec): string[] {
  return CREATE_OPTIONS.flatMap((option) => {
    const needs = option.onlyWith;
    const other = needs && CREATE_OPTIONS.find((o) => o.name === needs.flag);
    if (!needs || !other?.specPath || !option.specPath || !hasPath(args.answers, option.specPath)) return [];
    const actual = valueAt(spec, other.specPath);
    if (actual === needs.value) return [];
    return [
      `--${option.name}: ${needs.because}, but ${other.name} is ${JSON.stringify(actual)}; add --${other.name} ${needs.value}`,
    ];
  });
}

/**
 * Problems in the values that were given (flags, spec file, directory), checked field by field: the
 * other fields may still come from prompts, so rules across fields wait for finishSpec.
 */
export function givenValueProblems(
  answers: PartialSpec,
  args: CreateArgs,
  fromFile: PartialSpec | undefined,
): string[] {
  const problems = validateFields(answers).filter((p) => hasPath(answers, p.path));
  return describeProblems(problems, args, fromFile);
}

function describeProblems(problems: SpecProblem[], args: CreateArgs, fromFile: PartialSpec | undefined): string[] {
  return problems.map((p) => describeProblem(p, args, fromFile));
}

/**
 * A bad given value also spoils the defaults derived from it (`--regions sea,iad` makes "sea" the
 * primary): report it once, where it was given.
 */
function withoutDerivedCopies(problems: SpecProblem[], answers: PartialSpec): SpecProblem[] {
  const given = new Set(problems.filter((p) => hasPath(answers, p.path)).map((p) => p.message));
  return problems.filter((p) => hasPath(answers, p.path) || !given.has(p.message));
}

function describeProblem(problem: SpecProblem, args: CreateArgs, fromFile: PartialSpec | undefined): string {
  const flag = flagForPath(problem.path.map(String));
  if (flag && hasPath(args.answers, flag.specPath)) return `--${flag.name}: ${problem.message}`;
  const where = formatPath(problem.path) || "spec";
  if (args.specFile && hasPath(fromFile, problem.path)) return `${echo(args.specFile)}: ${where}: ${problem.message}`;
  if (where === "name" && args.directory)
    return `the directory's name (set --name to choose another): ${problem.message}`;
  // Neither flag nor file gave this value: it is a default, so say how to choose another.
  const fix = flag ? `set --${flag.name}` : "set it in a --spec file";
  return `${where} (a default; ${fix} to change it): ${problem.message}`;
}

function valueAt(data: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], data);
}

function hasPath(data: unknown, path: readonly (string | number)[]): boolean {
  let node = data;
  for (const key of path) {
    if (typeof node !== "object" || node === null || !(String(key) in node)) return false;
    node = (node as Record<string, unknown>)[String(key)];
  }
  return true;
}

/** The flag that sets a spec path or the object or list that contains it. */
function flagForPath(path: readonly string[]): (OptionDef & { specPath: readonly string[] }) | undefined {
  for (let i = path.length; i > 0; i--) {
    const key = path.slice(0, i).join(".");
    const option = CREATE_OPTIONS.find((o) => o.specPath?.join(".") === key);
    if (option?.specPath) return { ...option, specPath: option.specPath };
  }
  return undefined;
}
