/**
 * The handlebars compiler both ways of loading templates use (templates.ts compiles them,
 * scripts/precompile-templates.ts precompiles them for the bundle), with leaner generated code. Its
 * code generator, JavaScriptCompiler, is handlebars' own extension point: a subclass installed on an
 * instance. Five of its steps change, none what a template renders:
 * - A helper call's options carry no source location. Handlebars puts it there for helpers to name
 *   in their errors; neither our helpers nor its built-in ones (each, if, unless) read it. It was a
 *   tenth of the bundle's precompiled templates, and three objects built per call. A call of one of
 *   our helpers also goes without the helper's name and an empty hash, which only handlebars' own
 *   helpers read (and its missing-helper errors, which knownHelpersOnly rules out when compiling).
 * - One of our helpers is read as `helpers.text`, not through the runtime's lookupProperty.
 * - An escaping helper (template-escapes.ts) is called without a receiver, and the string it returns
 *   is appended as it is, without handlebars' test for null or undefined, which it never returns.
 *   Its options (the data) stay: the runtime wraps every helper in a function that writes
 *   `lookupProperty` into the last argument, and an escaped value must not be that argument.
 * - Every block function takes the runtime's `lookupProperty` as it is, without the fallback for
 *   runtimes before handlebars 4.6: the bundle carries the runtime of the same release.
 * - Each precompiled function is written in parentheses, which V8 takes as a sign that it runs
 *   soon and compiles with the module, instead of pre-parsing it there and parsing it again on its
 *   first call. A create calls most of them.
 * Each of these took instructions from every create (bench/startup.ts, BENCH_INSTRUCTIONS=1).
 */
import Handlebars from "handlebars";
import { FORMAT_HELPERS } from "./template-escapes.js";
import { COMPILE_OPTIONS } from "./template-set.js";

/** What this module uses of handlebars' JavaScriptCompiler, which its type declarations leave out. */
interface CodeGenerator {
  setupParams(helper: string, paramSize: number, params: unknown[] | undefined): Record<string, unknown>;
  objectLiteral(options: Record<string, unknown>): unknown;
  useRegister(name: string): void;
  setupHelperArgs(helper: string, paramSize: number, params: unknown[] | undefined, useRegister: boolean): unknown;
  lookupPropertyFunctionVarDeclaration(): string;
  nameLookup(parent: string, name: string, type: string): unknown;
  invokeKnownHelper(paramSize: number, name: string): void;
  append(): void;
  createFunctionContext(asObject: boolean): unknown;
  setupHelper(paramSize: number, name: string): { name: unknown; params: unknown[] };
  push(expression: unknown): unknown;
  popStack(): unknown;
  pushSource(source: unknown): void;
  appendToBuffer(source: unknown): unknown;
  isInline(): boolean;
  inlineStack: unknown[];
  source: { wrap(chunks: unknown[]): unknown; functionCall(fn: unknown, type: string, params: unknown[]): unknown };
  compiler: CodeGeneratorClass;
}
type CodeGeneratorClass = new () => CodeGenerator;

/**
 * Our helpers (template-escapes.ts, template-values.ts), which take their values alone; handlebars'
 * own read their options' hash (`if` its includeZero) and name.
 */
const OUR_HELPERS = new Set(Object.keys(COMPILE_OPTIONS.knownHelpers));

/** The escaping helpers (template-escapes.ts): each takes one value and returns a string. */
const STRING_HELPERS = new Set(Object.keys(FORMAT_HELPERS));

/** A handlebars instance of its own, compiling with the lean code generator. */
export function templateCompiler(): typeof Handlebars {
  const handlebars = Handlebars.create();
  const installed = handlebars as unknown as { JavaScriptCompiler: CodeGeneratorClass };
  // The code of the escaping helpers' calls, by which append() knows a string.
  const strings = new WeakSet<object>();
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

    /** An escaping helper is called without a receiver: `helpers.sh(value, options)`. */
    override invokeKnownHelper(paramSize: number, name: string): void {
      if (!STRING_HELPERS.has(name)) {
        super.invokeKnownHelper(paramSize, name);
        return;
      }
      const helper = this.setupHelper(paramSize, name);
      strings.add(this.push(this.source.functionCall(helper.name, "", helper.params)) as object);
    }

    /** What an escaping helper returns is a string: appended as it is, without the check for null. */
    override append(): void {
      if (this.isInline() && strings.has(this.inlineStack.at(-1) as object)) {
        this.pushSource(this.appendToBuffer(this.popStack()));
      } else {
        super.append();
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
