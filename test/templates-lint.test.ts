/**
 * Every value a template prints goes through the escaping helper of its file's format, so no answer
 * can break out of a TOML, YAML, JSON or shell string. This walks the AST of every template to
 * enforce it, and proves with property tests that each helper's output reads back as its input.
 */
import { spawnSync } from "node:child_process";
import { posix } from "node:path";
import fc from "fast-check";
import Handlebars from "handlebars";
import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { FORMAT_HELPERS, type FormatHelper, typescript } from "../src/engine/template-escapes.js";
import { TEMPLATE_HELPERS } from "../src/engine/template-helpers.js";
import { VALUE_HELPERS } from "../src/engine/template-values.js";
import { isPartial, partialName, readTemplateSources, TEMPLATE_SUFFIX } from "../src/engine/templates.js";

type Node = hbs.AST.Node;

/**
 * The helpers that may print in a file, by the name of the file the template renders (the template's
 * name without .hbs). `int` prints a checked whole number, which is safe in every format.
 * - Dockerfile: instructions are not shell words as a whole (`RUN npm ci` takes a command), so plain
 *   one-line `text`; `sh` for a single word in a RUN line.
 * - .env files: dotenv reads values with shell quoting, so `sh`.
 * - Markdown and ignore files: one-line `text`.
 * - On a line that starts with the format's line comment (`#`, `//`), `text` may print too: it
 *   refuses line breaks, so the value cannot leave the comment. So it may in the body of a shell
 *   here-document whose delimiter is quoted (`<<'USAGE'`): the shell takes it as it is, and a value
 *   that cannot hold a line break cannot be the line that ends it.
 * - TypeScript: `code` prints code a generator wrote (a Code, which no answer can be).
 * A file name no row matches fails the lint: add its format here before templating it.
 */
interface Format {
  files: RegExp;
  helpers: readonly FormatHelper[];
  lineComment?: string;
  /** Whether the format has here-documents with a quoted delimiter (shell). */
  hereDocuments?: boolean;
}

const FORMAT_TABLE: readonly Format[] = [
  { files: /\.toml$/, helpers: ["toml", "int"], lineComment: "#" },
  { files: /\.json$/, helpers: ["json", "int"] },
  { files: /\.ya?ml$/, helpers: ["yaml", "int"], lineComment: "#" },
  { files: /\.(?:sh|bash)$/, helpers: ["sh", "int"], lineComment: "#", hereDocuments: true },
  { files: /\.(?:ts|mts|js|mjs)$/, helpers: ["ts", "code", "int"], lineComment: "//" },
  { files: /\.md$/, helpers: ["text", "int"] },
  { files: /(?:^|\/)Dockerfile$/, helpers: ["text", "sh", "int"], lineComment: "#" },
  { files: /(?:^|\/)\.env(?:\.[^/]+)?$/, helpers: ["sh", "int"], lineComment: "#" },
  { files: /(?:^|\/)\.?(?:git|docker)ignore$/, helpers: ["text"] },
];

const BLOCK_HELPERS = new Set(["if", "unless", "each", "with"]);
const ALL_HELPERS = new Set(Object.keys(TEMPLATE_HELPERS));

/** "web/fly.toml.hbs" renders "fly.toml"; a partial "base/_partials/vm.toml.hbs" renders into TOML. */
function outputName(templatePath: string): string {
  return posix.basename(templatePath.slice(0, -TEMPLATE_SUFFIX.length));
}

function formatOf(templatePath: string): Format | undefined {
  const name = outputName(templatePath);
  return FORMAT_TABLE.find((row) => row.files.test(name));
}

/** Partial names as templates use them ({{> base/vm}}), to their template paths. */
function partialTemplates(paths: Iterable<string>): Map<string, string> {
  return new Map([...paths].filter(isPartial).map((path) => [partialName(path), path]));
}

/** The problems of one template, each with its line; [] when every printed value is escaped for the file. */
function lintTemplate(path: string, source: string, partials: ReadonlyMap<string, string> = new Map()): string[] {
  const format = formatOf(path);
  if (!format) return [`${path}: no format is known for ${outputName(path)}; add a row to FORMAT_TABLE`];
  const lines = source.split("\n");
  const literalLines = format.hereDocuments ? quotedHereDocumentLines(lines) : new Set<number>();
  // A comment is a line that starts with the marker, or the rest of a line after an escaped value
  // and the marker (`uses: {{yaml pin}} # {{text release}}`).
  const inLineComment = (node: Node) => {
    if (literalLines.has(node.loc?.start.line ?? 0)) return true;
    const line = lines[(node.loc?.start.line ?? 0) - 1] ?? "";
    const before = line.slice(0, node.loc?.start.column ?? 0);
    const marker = format.lineComment;
    return marker !== undefined && (before.trimStart().startsWith(marker) || before.includes(`}} ${marker} `));
  };
  const problems: string[] = [];
  const fail = (node: Node, message: string) => problems.push(`${path}:${node.loc?.start.line ?? "?"}: ${message}`);

  const expression = (node: hbs.AST.Expression) => {
    if (node.type !== "SubExpression") return;
    const sub = node as hbs.AST.SubExpression;
    if (!ALL_HELPERS.has(sub.path.original)) fail(node, `(${sub.path.original} …) is not one of our helpers`);
    arguments_(sub.params, sub.hash);
  };
  const arguments_ = (params: hbs.AST.Expression[], hash: hbs.AST.Hash | undefined) => {
    for (const param of params) expression(param);
    for (const pair of hash?.pairs ?? []) expression(pair.value);
  };

  const visit = (node: Node) => {
    switch (node.type) {
      case "Program":
        for (const statement of (node as hbs.AST.Program).body) visit(statement);
        return;
      case "ContentStatement":
      case "CommentStatement":
        return;
      case "MustacheStatement": {
        const mustache = node as hbs.AST.MustacheStatement;
        const name = mustache.path.type === "PathExpression" ? (mustache.path as hbs.AST.PathExpression).original : "";
        const allowed: readonly string[] = inLineComment(node) ? [...format.helpers, "text"] : format.helpers;
        if (!mustache.escaped) fail(node, `{{{${name}}}} / {{&${name}}}: print through a format helper instead`);
        if (!(name in FORMAT_HELPERS)) {
          fail(
            node,
            mustache.params.length === 0
              ? `bare {{${name}}}: use {{${allowed[0]} ${name}}}`
              : `{{${name} …}} does not escape; use ${allowed.join(" or ")}`,
          );
        } else if (!allowed.includes(name)) {
          fail(node, `{{${name} …}} in ${outputName(path)}: this file takes ${allowed.join(" or ")}`);
        } else if (mustache.params.length !== 1 || mustache.hash?.pairs.length) {
          fail(node, `{{${name} …}} takes exactly one value`);
        }
        arguments_(mustache.params, mustache.hash);
        return;
      }
      case "BlockStatement": {
        const block = node as hbs.AST.BlockStatement;
        if (!BLOCK_HELPERS.has(block.path.original)) {
          fail(node, `{{#${block.path.original}}}: blocks are ${[...BLOCK_HELPERS].join(", ")} only`);
        }
        arguments_(block.params, block.hash);
        if (block.program) visit(block.program);
        if (block.inverse) visit(block.inverse);
        return;
      }
      case "PartialStatement": {
        const partial = node as hbs.AST.PartialStatement;
        const slot = slotName(partial.name);
        const names =
          slot === undefined
            ? [partial.name.type === "PathExpression" ? (partial.name as hbs.AST.PathExpression).original : ""]
            : [...partials.keys()].filter((name) => name.endsWith(`/${slot}`));
        if (slot === undefined && partial.name.type !== "PathExpression") {
          fail(node, `{{> (…)}}: a partial chosen at render time is (slot "<name>" component) only`);
        }
        if (names.length === 0) fail(node, `{{> (slot ${JSON.stringify(slot)} …)}}: no component fills that slot`);
        for (const name of names) {
          const target = partials.get(name);
          if (!target) fail(node, `{{> ${name}}}: no such partial under templates/*/_partials/`);
          else if (formatOf(target) !== format) {
            fail(node, `{{> ${name}}} renders ${outputName(target)} into ${outputName(path)}: formats differ`);
          }
        }
        arguments_(partial.params, partial.hash);
        return;
      }
      default:
        fail(node, `${node.type} is not allowed in templates`);
    }
  };
  try {
    visit(Handlebars.parse(source));
  } catch (error) {
    return [`${path}: does not parse: ${(error as Error).message}`];
  }
  return problems;
}

/** `(slot "name" …)` as a partial's name: the slot; undefined for any other name. */
function slotName(name: hbs.AST.PartialStatement["name"]): string | undefined {
  if (name.type !== "SubExpression") return undefined;
  const sub = name as hbs.AST.SubExpression;
  const first = sub.params[0];
  return sub.path.original === "slot" && first?.type === "StringLiteral"
    ? (first as hbs.AST.StringLiteral).value
    : undefined;
}

/** Line numbers (from 1) of the bodies of here-documents whose delimiter is quoted: `<<'END'` … `END`. */
function quotedHereDocumentLines(lines: readonly string[]): Set<number> {
  const body = new Set<number>();
  let delimiter: string | undefined;
  lines.forEach((line, index) => {
    if (delimiter !== undefined) {
      if (line === delimiter) delimiter = undefined;
      else body.add(index + 1);
    } else {
      delimiter = /<<-?'(\w+)'/.exec(line)?.[1];
    }
  });
  return body;
}

/** A file copied as it is (no .hbs) that calls a helper was most likely meant to be a template. */
const HELPER_CALL = new RegExp(`\\{\\{\\s*(?:${Object.keys(FORMAT_HELPERS).join("|")})\\s`);

describe("templates", () => {
  const sources = readTemplateSources();
  const partials = partialTemplates(sources.keys());
  const templatePaths = [...sources.keys()].filter((p) => p.endsWith(TEMPLATE_SUFFIX)).sort();

  it("include templates to lint", () => {
    expect(templatePaths).toEqual(expect.arrayContaining(["web/fly.toml.hbs", "base/_partials/vm.toml.hbs"]));
  });

  it.each(templatePaths)("%s prints every value through its format's helper", (path) => {
    expect(lintTemplate(path, sources.get(path) ?? "", partials)).toEqual([]);
  });

  it("copied files (no .hbs) call no helper", () => {
    const copied = [...sources.keys()].filter((p) => !p.endsWith(TEMPLATE_SUFFIX));
    expect(copied.filter((p) => HELPER_CALL.test(sources.get(p) ?? ""))).toEqual([]);
  });
});

describe("the template lint refuses", () => {
  const partials = new Map([
    ["shared/vm", "shared/_partials/vm.toml.hbs"],
    ["docs/row", "docs/_partials/row.md.hbs"],
    ["db/env", "db/_partials/env.toml.hbs"],
    ["cache/env", "cache/_partials/env.toml.hbs"],
    ["db/rows", "db/_partials/rows.toml.hbs"],
    ["cache/rows", "cache/_partials/rows.md.hbs"],
  ]);
  const lint = (path: string, source: string) => lintTemplate(path, source, partials);
  const cases: [string, string, string, RegExp][] = [
    ["a bare path", "x/fly.toml.hbs", "app = {{apps.web}}", /bare \{\{apps\.web\}\}/],
    ["a triple stash", "x/fly.toml.hbs", "app = {{{toml apps.web}}}", /\{\{\{toml\}\}\}/],
    ["an ampersand", "x/README.md.hbs", "# {{&text name}}", /\{\{&text\}\}/],
    [
      "a helper of another format",
      "x/fly.toml.hbs",
      "app = {{json apps.web}}",
      /\{\{json …\}\} in fly\.toml: this file takes toml or int/,
    ],
    ["sh in Markdown", "x/README.md.hbs", "run {{sh cmd}}", /this file takes text or int/],
    [
      "text in a TOML value",
      "x/fly.toml.hbs",
      "k = {{text v}}",
      /\{\{text …\}\} in fly\.toml: this file takes toml or int/,
    ],
    ["text after a # that is not a comment", "x/fly.toml.hbs", 'k = "#{{text v}}"', /this file takes toml or int/],
    [
      "a value helper printing",
      "x/ci.yml.hbs",
      'k: {{join regions ","}}',
      /\{\{join …\}\} does not escape; use yaml or int/,
    ],
    ["a helper without its value", "x/fly.toml.hbs", "k = {{toml}}", /takes exactly one value/],
    ["a helper with two values", "x/fly.toml.hbs", "k = {{toml a b}}", /takes exactly one value/],
    [
      "an unknown block helper",
      "x/fly.toml.hbs",
      "{{#each rows}}{{#log x}}{{/log}}{{/each}}",
      /\{\{#log\}\}: blocks are/,
    ],
    [
      "an unknown helper in a sub-expression",
      "x/fly.toml.hbs",
      "{{#if (lookup a b)}}x{{/if}}",
      /\(lookup …\) is not one of our helpers/,
    ],
    [
      "a partial of another format",
      "x/fly.toml.hbs",
      "{{> docs/row}}",
      /renders row\.md into fly\.toml: formats differ/,
    ],
    ["a missing partial", "x/fly.toml.hbs", "{{> shared/nope}}", /no such partial/],
    [
      "a slot one component fills in another format",
      "x/fly.toml.hbs",
      '{{#each partials.rows}}{{> (slot "rows" this)}}{{/each}}',
      /\{\{> cache\/rows\}\} renders rows\.md into fly\.toml: formats differ/,
    ],
    ["a slot nobody fills", "x/fly.toml.hbs", '{{> (slot "nope" this)}}', /no component fills that slot/],
    ["a partial named by another helper", "x/fly.toml.hbs", '{{> (join a "/")}}', /\(slot "<name>" component\) only/],
    ["code outside TypeScript", "x/fly.toml.hbs", "k = {{code v}}", /this file takes toml or int/],
    [
      "text in a here-document that expands",
      "x/run.sh.hbs",
      "cat <<USAGE\n{{text v}}\nUSAGE\n",
      /this file takes sh or int/,
    ],
    ["a partial block", "x/fly.toml.hbs", "{{#> shared/vm}}x{{/shared/vm}}", /PartialBlockStatement is not allowed/],
    ["a file format without a row", "x/schema.sql.hbs", "select 1;", /no format is known for schema\.sql/],
    ["a template that does not parse", "x/fly.toml.hbs", "{{#if a}}", /does not parse/],
  ];
  it.each(cases)("%s", (_what, path, source, expected) => {
    const problems = lint(path, source);
    expect(
      problems.some((p) => expected.test(p)),
      JSON.stringify(problems),
    ).toBe(true);
  });

  it("nothing in a template that escapes every value", () => {
    const source = [
      "app = {{toml apps.web}}",
      "{{#each regionRows}}",
      "{{#if (eq code ../primaryRegion)}}primary = {{toml code}}{{else}}n = {{int @index}}{{/if}}",
      "{{/each}}",
      "  # a comment about {{text name}}",
      '{{> shared/vm vm=web.vm processes=(array "web")}}',
      '{{#each partials.env}}{{> (slot "env" this) @root}}{{/each}}',
    ].join("\n");
    expect(lint("x/fly.toml.hbs", source)).toEqual([]);
    expect(
      lint("x/run.sh.hbs", "cat <<'USAGE'\nCreates {{text (list things \"and\")}}.\nUSAGE\necho {{sh x}}\n"),
    ).toEqual([]);
    expect(lint("x/main.ts.hbs", "const schema = {{code zod}};\n")).toEqual([]);
  });

  it("names the line of each problem", () => {
    expect(lint("x/fly.toml.hbs", "a = 1\nb = {{b}}\n")).toEqual(["x/fly.toml.hbs:2: bare {{b}}: use {{toml b}}"]);
  });
});

/** Strings weighted towards what breaks quoting: quotes, escapes, line breaks, controls, shell syntax. */
const TRICKY = fc.string({
  unit: fc.constantFrom(
    '"',
    "'",
    "\\",
    "\n",
    "\r",
    "\t",
    "$",
    "`",
    "#",
    ":",
    "-",
    " ",
    "=",
    "*",
    "~",
    "!",
    "{",
    "\u0000",
    "\u001b",
    "\u007f",
    "\u0085",
    "\u2028",
    "é",
    "😀",
    "a",
  ),
});
const ANY_STRING = fc.oneof(fc.string({ unit: "binary" }), fc.string({ unit: "binary-ascii" }), TRICKY);
const RUNS = { numRuns: 1000 };

describe("format helpers read back as their input", () => {
  const { toml, yaml, json, sh, ts, code, text, int } = FORMAT_HELPERS;

  it("toml: `k = <value>` parses back to the string, and lists to the list", () => {
    fc.assert(
      fc.property(ANY_STRING, (s) => parseToml(`k = ${toml(s)}\n`).k === s),
      RUNS,
    );
    fc.assert(
      fc.property(fc.array(ANY_STRING), (list) => {
        expect(parseToml(`k = ${toml(list)}\n`).k).toEqual(list);
      }),
      { numRuns: 200 },
    );
  });

  it("yaml: `k: <value>` and `<value>: v` parse back to the string (YAML 1.1 and 1.2), and lists to the list", () => {
    // Strings that a plain scalar would turn into something else, and plain ones that must stay strings.
    const tricky = ["yes", "No", "ON", "off", "y", "null", "~", "true", "1.0", "0x1f", "1e3", "a: b", "x #y", "-x"];
    const plain = ["web", "npm run build", "superfly/flyctl-actions/setup-flyctl@ed8e", "node-version", "a.b_c"];
    const readsBack = (s: string) =>
      (["1.1", "1.2"] as const).every(
        (version) =>
          parseYaml(`k: ${yaml(s)}\n`, { version }).k === s &&
          Object.keys(parseYaml(`${yaml(s)}: v\n`, { version }) ?? {})[0] === s,
      );
    fc.assert(fc.property(ANY_STRING, readsBack), { ...RUNS, examples: [...tricky, ...plain].map((s) => [s]) });
    for (const s of plain) expect(yaml(s), s).toBe(s);
    for (const s of tricky) expect(yaml(s), s).toBe(JSON.stringify(s));
    fc.assert(
      fc.property(fc.array(ANY_STRING), (list) => {
        expect(parseYaml(`k: ${yaml(list)}\n`).k).toEqual(list);
      }),
      { numRuns: 200 },
    );
  });

  it("json: a value in an object parses back", () => {
    fc.assert(
      fc.property(ANY_STRING, (s) => JSON.parse(`{"k": ${json(s)}}`).k === s),
      RUNS,
    );
  });

  it("ts: a string literal evaluates back to the string", () => {
    fc.assert(
      fc.property(ANY_STRING, (s) => new Function(`return ${ts(s)};`)() === s),
      RUNS,
    );
  });

  it("sh: one bash script of `printf '%s\\0' <value>` lines prints every string back", () => {
    // argv cannot carry a NUL byte, so no shell value can hold one; NUL then separates the outputs.
    // One bash for all the values: a bash per value made this test's time follow the machine's load.
    const noNul = ANY_STRING.filter((s) => !s.includes("\u0000"));
    const values = ["'", "$(touch /tmp/pwned)", "-n", "a b", "", "~", "x=~", ...fc.sample(noNul, 1000)];
    const script = values.map((s) => `printf '%s\\0' ${sh(s)}`).join("\n");
    const run = spawnSync("bash", ["-c", script], { encoding: "buffer" });
    expect(run.status, run.stderr.toString()).toBe(0);
    const printed = run.stdout.toString("utf8").split("\0").slice(0, -1);
    // Through UTF-8 on both sides, as the bytes bash printed are compared with the string's bytes.
    expect(printed).toEqual(values.map((s) => Buffer.from(s).toString("utf8")));
  });

  it("text: returns one line as it is, and refuses a line break or any control character", () => {
    fc.assert(
      fc.property(ANY_STRING, (s) => {
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters text() must refuse.
        if (/[\u0000-\u001f\u007f]/.test(s)) expect(() => text(s)).toThrow(/control character/);
        else expect(text(s)).toBe(s);
      }),
      RUNS,
    );
  });

  it("code: prints what the typescript tag built, its strings as literals; refuses anything else", () => {
    fc.assert(
      fc.property(ANY_STRING, fc.integer(), (s, n) => {
        const built = code(typescript`f(${s}, ${n}, ${typescript`g()`})`);
        expect(
          new Function("f", "g", `return ${built};`)(
            (...args: unknown[]) => args,
            () => "g",
          ),
        ).toEqual([s, n, "g"]);
        expect(() => code(s)).toThrow(/prints generator code/);
      }),
      RUNS,
    );
  });

  it("int: prints whole numbers and refuses anything else", () => {
    fc.assert(fc.property(fc.integer(), (n) => Number(int(n)) === n));
    for (const bad of [1.5, "3", Number.NaN, undefined, null]) expect(() => int(bad)).toThrow(/whole number/);
  });

  it("list: joins words as a sentence does", () => {
    const { list } = VALUE_HELPERS;
    expect([[], ["a"], ["a", "b"], ["a", "b", "c"]].map((items) => list(items, "or"))).toEqual([
      "",
      "a",
      "a or b",
      "a, b or c",
    ]);
  });

  it("every helper refuses undefined, so a missing value cannot print as nothing", () => {
    for (const [name, helper] of Object.entries(FORMAT_HELPERS)) expect(() => helper(undefined), name).toThrow();
  });
});
