/**
 * Templates are compiled to Programs (src/engine/template-compiler.ts) and rendered by our renderer:
 * from source in development and tests, from JSON precompiled into the bundle in the published CLI.
 * Both must give the bytes handlebars itself gives, helpers, partials and errors included.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import Handlebars from "handlebars";
import { afterAll, describe, expect, it } from "vitest";
import { GENERATORS } from "../../generators/index.js";
import { precompiledFilesSource } from "../../scripts/precompile-templates.js";
import { type PrecompiledFiles, precompiledTemplates } from "../../src/engine/precompiled-templates.js";
import { renderProject } from "../../src/engine/render-project.js";
import { compileTemplate } from "../../src/engine/template-compiler.js";
import type { Templates } from "../../src/engine/template-set.js";
import { readTemplateSources, type TemplateSources, TemplateStore } from "../../src/engine/templates.js";
import { CASES, caseSpec } from "../cases.js";
import { handlebarsTemplates, REFERENCE_OPTIONS } from "../helpers/handlebars-reference.js";

const work = mkdtempSync(join(tmpdir(), "fly-ref-arch-precompiled-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let modules = 0;

/** Imports the precompiled object exactly as the build emits it, as a module of its own. */
async function precompiled(sources: TemplateSources): Promise<Templates> {
  const file = join(work, `templates-${++modules}.mjs`);
  writeFileSync(file, `export default ${precompiledFilesSource(sources)};\n`);
  const module = (await import(pathToFileURL(file).href)) as { default: PrecompiledFiles };
  return precompiledTemplates(module.default);
}

/** What a render gives, or the error it fails with. */
function outcome(action: () => string): string {
  try {
    return action();
  } catch (error) {
    return `error: ${(error as Error).message}`;
  }
}

describe("templates", () => {
  const sources = readTemplateSources();
  const reference = handlebarsTemplates(sources);
  const fromSource = new TemplateStore(sources);
  const bundled = precompiled(sources);

  it.each(CASES.map((c) => [c.name, c] as const))(
    "render %s byte for byte as handlebars does, from source and precompiled",
    async (_name, specCase) => {
      const spec = caseSpec(specCase);
      const project = (templates: Templates) =>
        renderProject(spec, { generators: GENERATORS, templates, version: "1.2.3" });
      const expected = project(reference);
      for (const actual of [project(fromSource), project(await bundled)]) {
        expect(actual.paths()).toEqual(expected.paths());
        for (const path of expected.paths()) expect(actual.get(path), path).toEqual(expected.get(path));
      }
    },
  );

  /** Each row: a template, the view, and partials under x/_partials/. */
  const SEMANTICS: readonly (readonly [string, string, object, Record<string, string>?])[] = [
    [
      "each with a partial, its hash and ../",
      "{{#each items}}{{> x/line item=this last=../last}}{{/each}}{{sh (join items ' ')}}\n",
      { items: ["a", "b c"], last: "b c" },
      { line: "- {{text item}}{{#if (eq item last)}} (last){{/if}}\n" },
    ],
    ["a missing name", "line\n  {{nothere}}", { items: [] }],
    ["a missing name further in", "{{a.b.nothere}}", { a: { b: {} } }],
    ["a name read through a missing one", "{{text a.b.c}}", { a: {} }],
    ["null prints nothing", "[{{maybe}}]", { maybe: null }],
    ["an inherited member is not read", "{{#if gone}}yes{{else}}no{{/if}}[{{gone}}]", Object.create({ gone: "x" })],
    [
      "each over an object, with @key, @index, @first and @last",
      "{{#each o}}{{@key}}={{text this}}@{{@index}}{{#if @first}} first{{/if}}{{#if @last}} last{{/if}};{{/each}}",
      { o: { a: 1, b: 2, c: 3 } },
    ],
    [
      "each over nothing",
      "{{#each list}}{{@index}}{{else}}none{{/each}}|{{#each o}}x{{else}}no keys{{/each}}",
      { list: [], o: {} },
    ],
    [
      "each over a Map",
      '{{#each m}}{{join this "="}}{{#unless @last}},{{/unless}}{{/each}}',
      {
        m: new Map([
          ["k", "v"],
          ["j", "w"],
        ]),
      },
    ],
    // biome-ignore lint/suspicious/noSparseArray: each skips a list's holes, and so must we
    ["each over a list with holes", "{{#each l}}{{@index}}{{#if @last}}!{{/if}} {{/each}}", { l: [1, , 3] }],
    ["each over a string", "{{#each s}}x{{else}}not a list{{/each}}", { s: "abc" }],
    [
      "nested each, ../ and @../index",
      "{{#each rows}}{{#each cells}}{{@../index}}.{{@index}}={{text ../label}}/{{text ../../title}} {{/each}}{{/each}}",
      {
        title: "T",
        rows: [
          { label: "r0", cells: [1, 2] },
          { label: "r1", cells: [3] },
        ],
      },
    ],
    [
      "../ through an if, which keeps the context",
      "{{#each l}}{{#if this}}{{text ../name}}{{/if}}{{/each}}",
      { name: "n", l: [1] },
    ],
    ["../ past the top", "{{#if x}}{{text ../y}}{{/if}}", { x: true }],
    [
      "if, includeZero, else if, unless",
      "{{#if z}}a{{else if o}}b{{else}}c{{/if}}{{#if z includeZero=true}}d{{/if}}{{#unless e}}f{{else}}g{{/unless}}{{#if e}}h{{/if}}",
      { z: 0, o: 1, e: [] },
    ],
    ["with", "{{#with o}}{{text name}}{{/with}}{{#with none}}x{{else}}empty{{/with}}", { o: { name: "n" }, none: "" }],
    [
      "a function value",
      "{{fn}} {{#if fn}}yes{{/if}}",
      {
        fn() {
          return "called";
        },
      },
    ],
    [
      "@root in a partial and in each",
      "{{#each items}}{{> x/root}}{{/each}}",
      { title: "T", items: [1, 2] },
      { root: "{{text @root.title}}{{text this}}" },
    ],
    ["a standalone partial is indented", "start\n  {{> x/block}}\nend\n", {}, { block: "one\ntwo\n\nthree\n" }],
    [
      "a partial named by a helper, with another context",
      '{{#each names}}{{> (slot this "x") @root}}{{/each}}',
      { names: ["a", "b"], v: "V" },
      { a: "A{{text v}}", b: "B" },
    ],
    ["a missing partial", "{{> x/nope}}", {}],
    [
      "standalone lines, comments and escapes",
      "{{#if a}}\n  yes\n{{/if}}\n{{! gone }}\n{{!-- gone too --}}\n\\{{ kept }}\n{{~#if a~}}  x  {{~/if~}}\n",
      { a: true },
    ],
    [
      "numbers, booleans and literals",
      '{{text n}} {{text b}} {{int 7}} {{text "s"}} {{join (array 1 true "x") "-"}}',
      { n: 1.5, b: false },
    ],
  ];

  for (const [name, template, view, partials = {}] of SEMANTICS) {
    it(`render as handlebars does: ${name}`, async () => {
      const files = new Map([
        ["x/t.txt.hbs", template],
        ...Object.entries(partials).map(([partial, source]) => [`x/_partials/${partial}.txt.hbs`, source] as const),
      ]);
      const expected = outcome(() => handlebarsTemplates(files).render("x/t.txt.hbs", view));
      for (const templates of [new TemplateStore(files), await precompiled(files)]) {
        expect(outcome(() => templates.render("x/t.txt.hbs", view))).toBe(expected);
      }
    });
  }

  it("keep verbatim files as they are, and list templates without partials", async () => {
    const files = new Map([
      ["x/_partials/p.txt.hbs", "p"],
      ["x/list.txt.hbs", "{{> x/p}}"],
      ["x/verbatim.txt", "{{not rendered}}"],
    ]);
    for (const templates of [new TemplateStore(files), await precompiled(files)]) {
      expect(templates.render("x/verbatim.txt", {})).toBe("{{not rendered}}");
      expect(templates.list("x/")).toEqual(["x/list.txt.hbs", "x/verbatim.txt"]);
    }
  });

  it.each([
    [
      "an unknown helper, in handlebars' words",
      "a\n {{unknown x}}",
      "You specified knownHelpersOnly, but used the unknown helper unknown - 2:1",
    ],
    ["a block of a helper of ours", "{{#eq a b}}x{{/eq}}", "the block {{#eq}} is not supported in our templates - 1:0"],
    [
      "a block with two values",
      "{{#if a b}}x{{/if}}",
      "{{#if}} with 2 values (it takes one) is not supported in our templates - 1:0",
    ],
    [
      "block parameters",
      "{{#each l as |i|}}{{text i}}{{/each}}",
      "block parameters (as |name|) is not supported in our templates - 1:0",
    ],
    ["a partial block", "{{#> x/p}}default{{/x/p}}", "a PartialBlockStatement is not supported in our templates - 1:0"],
    ["an inline partial", '{{#*inline "p"}}x{{/inline}}', "a DecoratorBlock is not supported in our templates - 1:0"],
    [
      "a hash to our helper",
      "{{text a k=1}}",
      "a hash passed to {{text}}, which reads none is not supported in our templates - 1:0",
    ],
    ["lookup", "{{lookup a b}}", "the helper lookup outside a block is not supported in our templates - 1:0"],
    ["a section over a value", "{{#items}}x{{/items}}", "the block {{#items}} is not supported in our templates - 1:0"],
  ])("refuse %s, saying where", (_name, template, message) => {
    expect(() => compileTemplate(template)).toThrow(message);
  });

  it("refuse an unknown helper as handlebars does", () => {
    const template = "a\n {{unknown x}}";
    expect(() => Handlebars.precompile(template, REFERENCE_OPTIONS)).toThrow(
      "You specified knownHelpersOnly, but used the unknown helper unknown - 2:1",
    );
  });

  it("put JSON in the bundle, not code", () => {
    const code = precompiledFilesSource(new Map([["x/a.txt.hbs", "{{#each items}}{{text this}}{{/each}}"]]));
    const files = Function(`return ${code}`)() as Record<string, string>;
    expect(JSON.parse(files["x/a.txt.hbs"] as string)).toEqual([
      { block: "each", param: { path: ["items"] }, fn: [{ out: { call: "text", params: [{ path: [] }] } }] },
    ]);
  });
});
