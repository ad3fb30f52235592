/**
 * The handlebars compiler both ways of loading templates use (templates.ts compiles them,
 * scripts/precompile-templates.ts precompiles them for the bundle), with leaner generated code. Its
 * code generator, JavaScriptCompiler, is handlebars' own extension point: a subclass installed on an
 * instance. Four of its steps change, neither what a template renders:
 * - A helper call's options carry no source location. Handlebars puts it there for helpers to name
 *   in their errors; neither our helpers nor its built-in ones (each, if, unless) read it. It was a
 *   tenth of the bundle's precompiled templates, and three objects built per call. A call of one of
 *   our helpers also goes without the helper's name and an empty hash, which only handlebars' own
 *   helpers read (and its missing-helper errors, which knownHelpersOnly rules out when compiling).
 * - One of our helpers is read as `helpers.text`, not through the runtime's lookupProperty.
 * - Every block function takes the runtime's `lookupProperty` as it is, without the fallback for
 *   runtimes before handlebars 4.6: the bundle carries the runtime of the same release.
 * - Each precompiled function is written in parentheses, which V8 takes as a sign that it runs
 *   soon and compiles with the module, instead of pre-parsing it there and parsing it again on its
 *   first call. A create calls most of them.
 * Each of these took instructions from every create (bench/startup.ts, BENCH_INSTRUCTIONS=1).
 */
import Handlebars from "handlebars";
import { COMPILE_OPTIONS } from "./template-set.js";

/** What this module uses of handlebars' JavaScriptCompiler, which its type declarations leave out. */
interface CodeGenerator {
  setupParams(helper: string, paramSize: number, params: unknown[] | undefined): Record<string, unknown>;
  objectLiteral(options: Record<string, unknown>): unknown;
  useRegister(name: string): void;
  setupHelperArgs(helper: string, paramSize: number, params: unknown[] | undefined, useRegister: boolean): unknown;
  lookupPropertyFunctionVarDeclaration(): string;
  nameLookup(parent: string, name: string, type: string): unknown;
  createFunctionContext(asObject: boolean): unknown;
  source: { wrap(chunks: unknown[]): unknown };
  compiler: CodeGeneratorClass;
}
type CodeGeneratorClass = new () => CodeGenerator;

/**
 * Our helpers (template-escapes.ts, template-values.ts), which take their values alone; handlebars'
 * own read their options' hash (`if` its includeZero) and name.
 */
const OUR_HELPERS = new Set(Object.keys(COMPILE_OPTIONS.knownHelpers));

/** A handlebars instance of its own, compiling with the lean code generator. */
export function templateCompiler(): typeof Handlebars {
  const handlebars = Handlebars.create();
  const installed = handlebars as unknown as { JavaScriptCompiler: CodeGeneratorClass };
  class Lean extends installed.JavaScriptCompiler {
    /** handlebars' own, without the `loc` line, and without the name and empty hash our helpers never read. */
    override setupHelperArgs(helper: string, paramSize: number, params: unknown[] | undefined, useRegister: boolean) {
      const options = this.setupParams(helper, paramSize, params);
      if (OUR_HELPERS.has(helper) && options.hash === "{}") {
        delete options.name;
        delete options.hash;
      }
      const literal = this.objectLiteral(options);
      if (useRegister) {
        this.useRegister("options");
        params?.push("options");
        return ["options=", literal];
      }
      if (params) {
        params.push(literal);
        return "";
      }
      return literal;
    }

    /** Our helpers are own properties of the helpers object: read directly, not through lookupProperty's checks. */
    override nameLookup(parent: string, name: string, type: string): unknown {
      return type === "helper" && OUR_HELPERS.has(name) ? `${parent}.${name}` : super.nameLookup(parent, name, type);
    }

    /** Precompiling (not asObject): the function's source, parenthesised. */
    override createFunctionContext(asObject: boolean): unknown {
      const made = super.createFunctionContext(asObject);
      return asObject ? made : this.source.wrap(["(", made, ")"]);
    }

    override lookupPropertyFunctionVarDeclaration(): string {
      return "lookupProperty = container.lookupProperty";
    }
  }
  // The blocks of a template are compiled by `new this.compiler()`: without this, by the original.
  Lean.prototype.compiler = Lean;
  installed.JavaScriptCompiler = Lean;
  return handlebars;
}
