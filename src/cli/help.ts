/** --help text, built from the option tables so it cannot drift from the parser. */
import packageJson from "../../package.json" with { type: "json" };
import { CREATE_OPTIONS, type OptionDef, REGENERATE_OPTIONS } from "./options.js";

export function optionLines(options: readonly OptionDef[]): string[] {
  const label = (o: OptionDef) => `${o.short ? `-${o.short}, ` : "    "}--${o.name}${o.value ? ` ${o.value}` : ""}`;
  const width = Math.max(...options.map((o) => label(o).length)) + 2;
  return options.map((o) => `  ${label(o).padEnd(width)}${o.help}`);
}

export const EXIT_CODES = [
  "Exit codes:",
  "  0    success",
  "  1    failure (a failed install or git step keeps the files; regenerate: conflicts, --check found drift, or another run holds the lock)",
  "  2    bad usage or invalid input (a --spec that is not a regular file of at most 1 MiB included); nothing written",
  "  130  cancelled, or interrupted by SIGINT (Ctrl-C); create leaves nothing behind, regenerate finishes next run",
  "  143  terminated by SIGTERM; create leaves nothing behind, regenerate finishes next run",
];

/** "a, b and c" */
function listed(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items.at(-1)}` : (items[0] ?? "");
}

export function createHelp(version: string): string {
  const required = CREATE_OPTIONS.filter((o) => o.required).map((o) => `--${o.name}`);
  return [
    `create-fly-ref-arch ${version}`,
    packageJson.description,
    "",
    "Usage:",
    "  npm create fly-ref-arch@latest [directory] -- [options]",
    "  create-fly-ref-arch [directory] [options]",
    "  create-fly-ref-arch regenerate [directory] [--check] [--dry-run] [--diff] [--restore <path>]",
    "  create-fly-ref-arch cost [directory] [--spec <file>] [--json]",
    "",
    "Options:",
    ...optionLines(CREATE_OPTIONS),
    "",
    "Prompts only when stdin and stdout are terminals and neither --yes nor CI=true is set. Without",
    `prompts, ${listed(required)} (or a --spec file) are required unless --yes.`,
    "",
    ...EXIT_CODES,
    "",
    "Examples:",
    "  npm create fly-ref-arch@latest",
    "  npx create-fly-ref-arch my-app --yes --regions iad,lhr,syd --replica-regions lhr,syd",
    "  npx create-fly-ref-arch my-app --spec fly-ref-arch.json --no-install",
  ].join("\n");
}

export function regenerateHelp(): string {
  return [
    "create-fly-ref-arch regenerate: bring generated files up to date with fly-ref-arch.json,",
    "keeping your own edits (3-way merge; conflicts are marked and reported).",
    "",
    "Usage:",
    "  create-fly-ref-arch regenerate [directory] [options]",
    "",
    "Options:",
    ...optionLines(REGENERATE_OPTIONS),
    "",
    ...EXIT_CODES,
  ].join("\n");
}
