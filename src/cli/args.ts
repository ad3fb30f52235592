/** Command-line words → a command with typed options; every mistake is a UsageError naming the flag. */

import { parseArgs } from "node:util";
import { echo, echoQuoted } from "../echo.js";
import type { PartialSpec } from "../spec/resolve.js";
import { COST_OPTIONS } from "./cost-options.js";
import { UsageError } from "./errors.js";
import { CREATE_OPTIONS, type OptionDef, REGENERATE_OPTIONS } from "./options.js";

export interface CreateArgs {
  directory: string | undefined;
  /** Answers given as flags, shaped like the spec. */
  answers: PartialSpec;
  specFile: string | undefined;
  yes: boolean;
  dryRun: boolean;
  install: boolean;
  git: boolean;
}

export interface RegenerateArgs {
  directory: string | undefined;
  check: boolean;
  dryRun: boolean;
  /** Print each change as a unified diff. */
  diff: boolean;
  /** Paths of user-deleted generated files to bring back. */
  restore: string[];
}

export interface CostArgs {
  directory: string | undefined;
  specFile: string | undefined;
  json: boolean;
}

export type Command =
  | { kind: "create"; args: CreateArgs }
  | { kind: "regenerate"; args: RegenerateArgs }
  | { kind: "cost"; args: CostArgs }
  | { kind: "help"; topic: "create" | "regenerate" | "cost" }
  | { kind: "version" };

export function parseCommand(argv: readonly string[]): Command {
  if (argv[0] === "regenerate") {
    const { values, positionals } = parseWith(REGENERATE_OPTIONS, argv.slice(1), "regenerate");
    if (values.help) return { kind: "help", topic: "regenerate" };
    return {
      kind: "regenerate",
      args: {
        directory: onePositional(positionals),
        check: values.check === true,
        dryRun: values["dry-run"] === true,
        diff: values.diff === true,
        restore: (values.restore as string[] | undefined) ?? [],
      },
    };
  }
  if (argv[0] === "cost") {
    const { values, positionals } = parseWith(COST_OPTIONS, argv.slice(1), "cost");
    if (values.help) return { kind: "help", topic: "cost" };
    const specFile = typeof values.spec === "string" ? values.spec : undefined;
    const directory = onePositional(positionals);
    if (directory !== undefined && specFile !== undefined) {
      throw new UsageError(
        `cost: give a project directory or --spec <file>, not both (got ${JSON.stringify(directory)} and --spec ${JSON.stringify(specFile)})`,
      );
    }
    return { kind: "cost", args: { directory, specFile, json: values.json === true } };
  }
  const { values, positionals } = parseWith(CREATE_OPTIONS, argv, "create");
  if (values.help) return { kind: "help", topic: "create" };
  if (values.version) return { kind: "version" };

  const answers: Record<string, unknown> = {};
  for (const option of CREATE_OPTIONS) {
    const raw = values[option.name];
    if (!option.specPath || raw === undefined || Array.isArray(raw)) continue;
    // A boolean flag given sets its field to true: `--previews`.
    const value =
      typeof raw === "boolean"
        ? raw
        : option.list
          ? listValue(option, parseList(option, raw))
          : parseScalar(option, raw);
    setPath(answers, option.specPath, value);
  }
  return {
    kind: "create",
    args: {
      directory: onePositional(positionals),
      answers: answers as PartialSpec,
      specFile: typeof values.spec === "string" ? values.spec : undefined,
      yes: values.yes === true,
      dryRun: values["dry-run"] === true,
      install: values["no-install"] !== true,
      git: values["no-git"] !== true,
    },
  };
}

type Values = Record<string, string | string[] | boolean | undefined>;

function parseWith(options: readonly OptionDef[], argv: readonly string[], command: string) {
  const config = Object.fromEntries(
    options.map((o) => [
      o.name,
      { type: o.type, multiple: o.multiple === true, ...(o.short ? { short: o.short } : {}) },
    ]),
  );
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: config,
      allowPositionals: true,
      strict: true,
    });
    return { values: values as Values, positionals };
  } catch (error) {
    throw new UsageError(explainParseError(error as Error & { code?: string }, options, command, argv));
  }
}

/**
 * Node's messages name the option oddly ("-y, --yes"); the offending word is found again from the
 * tokens of a lenient parse and described by its own spelling.
 */
function explainParseError(
  error: Error & { code?: string },
  options: readonly OptionDef[],
  command: string,
  argv: readonly string[],
): string {
  const help = command === "create" ? "create-fly-ref-arch --help" : `create-fly-ref-arch ${command} --help`;
  const words = argv.slice(0, argv.includes("--") ? argv.indexOf("--") : argv.length);
  const glued = words.find((word) => /^-[^-].*=/.test(word));
  if (glued) {
    const short = glued.slice(0, 2);
    const def = options.find((o) => `-${o.short}` === short);
    return def
      ? `${echo(glued)}: ${short} takes no value; write ${short}${def.type === "string" ? ` ${def.value ?? "<value>"}` : ""} (see ${help})`
      : `unknown option ${echo(glued)} (see ${help})`;
  }
  const { tokens } = parseArgs({
    args: [...words],
    options: Object.fromEntries(options.map((o) => [o.name, { type: o.type, ...(o.short ? { short: o.short } : {}) }])),
    allowPositionals: true,
    strict: false,
    tokens: true,
  });
  for (const token of tokens) {
    if (token.kind !== "option") continue;
    const def = options.find((o) => o.name === token.name);
    if (!def) {
      const near = closest(
        token.name,
        options.map((o) => o.name),
      );
      return `unknown option ${echo(token.rawName)}${near ? `; did you mean --${near}?` : ""} (see ${help})`;
    }
    if (def.type === "boolean" && token.value !== undefined) {
      return `${echo(token.rawName)} takes no value, got ${echoQuoted(token.value)} (see ${help})`;
    }
    if (def.type === "string" && (token.value === undefined || token.value.startsWith("-"))) {
      const choices = def.choices ? `; allowed: ${def.choices.join(", ")}` : "";
      return `${token.rawName} needs a value: ${token.rawName} ${def.value ?? "<value>"}${choices}`;
    }
  }
  return `${echo(error.message)} (see ${help})`;
}

/** The option name nearest to a mistyped one, when it is plausibly a typo. */
function closest(word: string, names: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(word, name);
    if (!best || distance < best.distance) best = { name, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(word.length / 3)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function onePositional(positionals: string[]): string | undefined {
  if (positionals.length > 1) {
    throw new UsageError(
      `expected one directory, got ${positionals.length}: ${positionals.map((p) => echoQuoted(p)).join(" ")}`,
    );
  }
  return positionals[0];
}

function parseScalar(option: OptionDef, raw: string): string | number {
  return option.integer && /^\d+$/.test(raw) ? Number(raw) : raw;
}

/** "iad, lhr" → ["iad", "lhr"]; "none" or "" → [] (an explicit empty list). */
function parseList(option: OptionDef, raw: string): string[] {
  if (raw.trim() === "" || raw.trim() === "none") return [];
  const items = raw.split(",").map((s) => s.trim());
  if (items.some((s) => s === "")) {
    throw new UsageError(
      `--${option.name}: ${echoQuoted(raw)} has an empty entry; write ${option.value} without spaces or doubled commas`,
    );
  }
  return items;
}

function listValue(option: OptionDef, items: string[]): string[] | Record<string, object> {
  return option.keys ? Object.fromEntries(items.map((item) => [item, {}])) : items;
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1] as string] = value;
}
