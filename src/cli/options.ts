/**
 * The flags of `create-fly-ref-arch`: one table drives the parser, --help, and the mapping from
 * a problem in the spec back to the flag that set it. The components declare their own flags
 * (generators/<component>/options.ts); the rest are the CLI's. In the build, nothing here loads a
 * component (component-flags.ts), so --help and --version start fast.
 */
import { COMPONENT_FLAGS } from "./component-flags.js";

export interface OptionDef {
  name: string;
  short?: string;
  type: "string" | "boolean";
  /** Placeholder in --help, e.g. "<a,b,c>". */
  value?: string;
  help: string;
  /** The spec field the flag sets; list flags split on commas. */
  specPath?: readonly string[];
  list?: boolean;
  /** A list flag whose entries are the keys of an object, each with no fields of its own: `{ staging: {} }`. */
  keys?: boolean;
  /** A whole number in the spec: digits are passed as a number, anything else as given. */
  integer?: boolean;
  choices?: readonly (string | number)[];
  /** May be given more than once. */
  multiple?: boolean;
  /**
   * Must be given (or be in the --spec file) when there are no prompts and no --yes: the
   * architecture is never guessed silently.
   */
  required?: boolean;
  /**
   * Given as a flag, asks for one value of another flag: a spec always holds this field (its
   * default), so only the flag can tell that it was asked for, and it must not be dropped silently.
   */
  onlyWith?: { flag: string; value: string; because: string };
}

export const CREATE_OPTIONS: readonly OptionDef[] = [
  ...COMPONENT_FLAGS,
  { name: "spec", type: "string", value: "<file>", help: "answers from a spec file; flags given as well override it" },
  { name: "yes", short: "y", type: "boolean", help: "take defaults for everything not given; never prompt" },
  { name: "dry-run", type: "boolean", help: "print what would be created; write nothing" },
  { name: "no-install", type: "boolean", help: "do not install dependencies" },
  { name: "no-git", type: "boolean", help: "do not create a git repository" },
  { name: "help", short: "h", type: "boolean", help: "show this help" },
  { name: "version", short: "v", type: "boolean", help: "show the version" },
];

export const REGENERATE_OPTIONS: readonly OptionDef[] = [
  { name: "check", type: "boolean", help: "write nothing; exit 1 when generated files differ from the spec" },
  { name: "dry-run", type: "boolean", help: "print what would change; write nothing" },
  { name: "diff", type: "boolean", help: "also print each change as a unified diff (git apply reads it)" },
  {
    name: "restore",
    type: "string",
    value: "<path>",
    help: "bring back a generated file you deleted (repeatable)",
    multiple: true,
  },
  { name: "help", short: "h", type: "boolean", help: "show this help" },
];
