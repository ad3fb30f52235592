/**
 * The bundle renders precompiled templates with the handlebars runtime; source and tests compile
 * them from templates/. Both paths must give the same bytes, helpers and partials included.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { GENERATORS } from "../../generators/index.js";
import { precompiledFilesSource } from "../../scripts/precompile-templates.js";
import { type PrecompiledFiles, precompiledTemplates } from "../../src/engine/precompiled-templates.js";
import { renderProject } from "../../src/engine/render-project.js";
import type { Templates } from "../../src/engine/template-set.js";
import { readTemplateSources, type TemplateSources, TemplateStore } from "../../src/engine/templates.js";
import { CASES, caseSpec } from "../cases.js";

const work = mkdtempSync(join(tmpdir(), "fly-ref-arch-precompiled-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Imports the precompiled object exactly as the build emits it, as a module of its own. */
async function precompiled(sources: TemplateSources, name: string): Promise<Templates> {
  const file = join(work, `${name}.mjs`);
  writeFileSync(file, `export default ${precompiledFilesSource(sources)};\n`);
  const module = (await import(pathToFileURL(file).href)) as { default: PrecompiledFiles };
  return precompiledTemplates(module.default);
}

describe("precompiled templates", () => {
  const sources = readTemplateSources();
  const fromSource = new TemplateStore(sources);

  it.each(CASES.map((c) => [c.name, c] as const))(
    "render %s byte for byte like the source templates",
    async (_name, specCase) => {
      const spec = caseSpec(specCase);
      const bundled = await precompiled(sources, "templates");
      const expected = renderProject(spec, { generators: GENERATORS, templates: fromSource, version: "1.2.3" });
      const actual = renderProject(spec, { generators: GENERATORS, templates: bundled, version: "1.2.3" });
      expect(actual.paths()).toEqual(expected.paths());
      for (const path of expected.paths()) expect(actual.get(path), path).toEqual(expected.get(path));
    },
  );

  it("use helpers and partials, keep verbatim files, and fail in strict mode, as the source templates do", async () => {
    const tiny = new Map([
      ["x/_partials/line.txt.hbs", "- {{text item}}{{#if (eq item last)}} (last){{/if}}\n"],
      ["x/list.txt.hbs", "{{#each items}}{{> x/line item=this last=../last}}{{/each}}{{sh (join items ' ')}}\n"],
      ["x/missing.txt.hbs", "{{nothere}}"],
      ["x/verbatim.txt", "{{not rendered}}"],
    ]);
    const both = [new TemplateStore(tiny), await precompiled(tiny, "tiny")];
    const view = { items: ["a", "b c"], last: "b c" };
    const errors: string[] = [];
    for (const templates of both) {
      expect(templates.render("x/list.txt.hbs", view)).toBe("- a\n- b c (last)\n'a b c'\n");
      expect(templates.render("x/verbatim.txt", view)).toBe("{{not rendered}}");
      expect(templates.list("x/")).toEqual(["x/list.txt.hbs", "x/missing.txt.hbs", "x/verbatim.txt"]);
      expect(() => templates.render("x/missing.txt.hbs", view)).toThrow(/^template x\/missing\.txt\.hbs: .*nothere/);
      errors.push(captureError(() => templates.render("x/missing.txt.hbs", view)));
    }
    expect(errors[0]).toBe(errors[1]);
  });

  it("compile without helper locations, helper names, receivers of our helpers, null tests of strings or lookupProperty, and still say where a name is missing", () => {
    const code = precompiledFilesSource(
      new Map([["x/a.txt.hbs", "{{#each items}}{{text this}}{{text (list @root.items 'and')}}{{/each}}{{nothere}}"]]),
    );
    expect(code).not.toMatch(/"loc"|hasOwnProperty|lookupProperty|"name"|!= null \? stack1 : ""\)\s*\+/);
    // Our helpers get their values and one options object per function; their strings and each's
    // are appended as they are; names are read as properties of the view and of the data frame.
    expect(code).toContain('var alias1={"data":data};');
    expect(code).toContain('helpers.text(helpers.list(data.root.items,"and",alias1),alias1)');
    expect(code).toContain(
      'return helpers.each.call(depth0 != null ? depth0 : (container.nullContext || {}),depth0.items,{"fn":container.program(0, data, 0),',
    );
    // Strict mode's own error keeps its position: `"nothere" not defined in [object Object] - 1:72`.
    expect(code).toContain('{"start":{"line":1,"column":72}');
  });
});

function captureError(action: () => unknown): string {
  try {
    action();
  } catch (error) {
    return (error as Error).message;
  }
  return "no error";
}
