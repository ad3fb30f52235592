/**
 * The handlebars compiler both ways of loading templates use (templates.ts compiles them,
 * scripts/precompile-templates.ts precompiles them for the bundle), with leaner generated code. Its
 * code generator, JavaScriptCompiler, is handlebars' own extension point: a subclass installed on an
 * instance. Two of its steps change, neither what a template renders:
 * - A helper call's options carry no source location. Handlebars puts it there for helpers to name
 *   in their errors; neither our helpers nor its built-in ones (each, if, unless) read it. It was a
 *   tenth of the bundle's precompiled templates, and three objects built per call.
 * - Every block function takes the runtime's `lookupProperty` as it is, without the fallback for
 *   runtimes before handlebars 4.6: the bundle carries the runtime of the same release.
 */
import Handlebars from "handlebars";

/** What this module uses of handlebars' JavaScriptCompiler, which its type declarations leave out. */
interface CodeGenerator {
  source: { currentLocation: unknown };
  setupHelperArgs(...args: unknown[]): unknown;
  lookupPropertyFunctionVarDeclaration(): string;
  compiler: CodeGeneratorClass;
}
type CodeGeneratorClass = new () => CodeGenerator;

/** A handlebars instance of its own, compiling with the lean code generator. */
export function templateCompiler(): typeof Handlebars {
  const handlebars = Handlebars.create();
  const installed = handlebars as unknown as { JavaScriptCompiler: CodeGeneratorClass };
  class Lean extends installed.JavaScriptCompiler {
    override setupHelperArgs(...args: unknown[]): unknown {
      // Without a current location, handlebars leaves `loc` out of the options (locationLiteral).
      const location = this.source.currentLocation;
      this.source.currentLocation = undefined;
      try {
        return super.setupHelperArgs(...args);
      } finally {
        this.source.currentLocation = location;
      }
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
