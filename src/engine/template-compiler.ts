/**
 * The handlebars compiler both ways of loading templates use (templates.ts compiles them,
 * scripts/precompile-templates.ts precompiles them for the bundle), with leaner generated code. Its
 * code generator, JavaScriptCompiler, is handlebars' own extension point: a subclass installed on an
 * instance. Its steps change as follows, none what a template renders:
 * - A helper call's options carry no source location. Handlebars puts it there for helpers to name
 *   in their errors; neither our helpers nor its built-in ones (each, if, unless) read it. It was a
 *   tenth of the bundle's precompiled templates, and three objects built per call. Nor do they carry
 *   the helper's name, which only handlebars' missing-helper errors read (knownHelpersOnly rules
 *   them out when compiling), nor an empty hash where the helper reads none.
 * - Our helpers (template-escapes.ts, template-values.ts) read neither their receiver nor their
 *   options: each call goes without the receiver, and a function passes one options object to all
 *   its calls. The options stay, because the runtime wraps every helper in a function that writes
 *   `lookupProperty` into its last argument, and a value must not be that argument.
 * - What an escaping helper or a block helper returns, always a string, is appended as it is,
 *   without handlebars' test for null or undefined.
 * - Helpers and names are read as properties (`helpers.sh`, `depth0.web.port`, `data.root`), not
 *   through the runtime's lookupProperty, whose checks keep a template from reading what an object
 *   inherits: a guard for templates users write. Ours ship in the package and read plain objects.
 * - Every block function takes the runtime's `lookupProperty` (still used for names like
 *   `partials.[web-app-open]`) as it is, without the fallback for runtimes before handlebars 4.6:
 *   the bundle carries the runtime of the same release.
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
  aliasable(code: string): unknown;
  nameLookup(parent: string, name: string, type: string): unknown;
  invokeKnownHelper(paramSize: number, name: string): void;
  append(): void;
  createFunctionContext(asObject: boolean): unknown;
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

/**
 * handlebars' block helpers our templates use, each an own property of the helpers object, and each
 * returning what its block or inverse renders, a string. None reads its options' name; each and
 * with no hash either (if and unless read hash.includeZero).
 */
const BLOCK_HELPERS = new Set(["each", "if", "unless", "with"]);
const HASHLESS_HELPERS = new Set(["each", "with"]);

/** A name JavaScript reads as `object.name`. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** A handlebars instance of its own, compiling with the lean code generator. */
export function templateCompiler(): typeof Handlebars {
  const handlebars = Handlebars.create();
  const installed = handlebars as unknown as { JavaScriptCompiler: CodeGeneratorClass };
  // The code of the calls known to give a string, by which append() knows them.
  const strings = new WeakSet<object>();
  class Lean extends installed.JavaScriptCompiler {
    /**
     * handlebars' own, without the `loc` line, and without the name (and empty hash) that neither
     * our helpers nor the block helpers read. Our helpers read no options at all: a function passes
     * all its calls of them one object.
     */
    override setupHelperArgs(helper: string, paramSize: number, params: unknown[] | undefined, useRegister: boolean) {
      const options = this.setupParams(helper, paramSize, params);
      const ours = OUR_HELPERS.has(helper);
      if ((ours || HASHLESS_HELPERS.has(helper)) && options.hash === "{}") delete options.hash;
      if (ours || BLOCK_HELPERS.has(helper)) delete options.name;
      const dataOnly = ours && Object.keys(options).join() === "data";
      const literal = dataOnly ? this.aliasable('{"data":data}') : this.objectLiteral(options);
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

    /**
     * Our helpers and the block helpers are own properties of the helpers object, and a template
     * reads plain objects (the generators' views and handlebars' data frames): each is read as a
     * property, not through the runtime's lookupProperty, whose checks keep a template from reading
     * what an object inherits. That guards against templates a user writes; ours ship in the package.
     */
    override nameLookup(parent: string, name: string, type: string): unknown {
      const direct =
        ((type === "context" || type === "data") && IDENTIFIER.test(name)) ||
        (type === "helper" && (OUR_HELPERS.has(name) || BLOCK_HELPERS.has(name)));
      return direct ? `${parent}.${name}` : super.nameLookup(parent, name, type);
    }

    /** Precompiling (not asObject): the function's source, parenthesised. */
    override createFunctionContext(asObject: boolean): unknown {
      const made = super.createFunctionContext(asObject);
      return asObject ? made : this.source.wrap(["(", made, ")"]);
    }

    /**
     * Our helpers are called without a receiver, which none reads: `helpers.sh(value, options)`. An
     * escaping helper's call and a block helper's are known to give a string.
     */
    override invokeKnownHelper(paramSize: number, name: string): void {
      if (OUR_HELPERS.has(name)) {
        const params: unknown[] = [];
        this.setupHelperArgs(name, paramSize, params, false);
        const call = this.push(this.source.functionCall(this.nameLookup("helpers", name, "helper"), "", params));
        if (STRING_HELPERS.has(name)) strings.add(call as object);
      } else {
        super.invokeKnownHelper(paramSize, name);
        if (BLOCK_HELPERS.has(name)) strings.add(this.inlineStack.at(-1) as object);
      }
    }

    /** What an escaping or block helper returns is a string: appended as it is, without the check for null. */
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
