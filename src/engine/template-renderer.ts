/**
 * Renders a compiled template (template-program.ts) as handlebars renders its source in strict,
 * unescaped mode: the same contexts and `../` levels, data frames, block helpers, partials and
 * errors. It follows handlebars 4.7's runtime (lib/handlebars/runtime.js, helpers/*.js);
 * test/package/template-paths.test.ts renders every template both ways and compares the bytes.
 */
import type { Block, Expression, Hash, PartialCall, Path, Program } from "./template-program.js";

export type Helper = (...args: unknown[]) => unknown;

export interface TemplateEnvironment {
  readonly helpers: Readonly<Record<string, Helper>>;
  /** A partial by its name (`web/vm`), or undefined when there is none. */
  partial(name: string): Program | undefined;
}

/** handlebars' data frame: `@root`, `@index`, … and the frame it was made from. */
interface DataFrame {
  [name: string]: unknown;
  _parent?: DataFrame;
}

interface Scope {
  readonly context: unknown;
  /** The contexts `../` reaches: handlebars adds one only where a block changes the context. */
  readonly depths: readonly unknown[];
  readonly data: DataFrame;
}

/** What a block helper's `this` is when the context is null or undefined (handlebars' nullContext). */
const NULL_CONTEXT = Object.seal({});

export function renderTemplate(program: Program, context: unknown, env: TemplateEnvironment): string {
  return run(program, { context, depths: [context], data: { root: context } }, env);
}

function run(program: Program, scope: Scope, env: TemplateEnvironment): string {
  let out = "";
  for (const statement of program) {
    if (typeof statement === "string") out += statement;
    else if ("out" in statement) {
      const value = output(statement.out, scope, env);
      if (value != null) out += value;
    } else if ("block" in statement) out += block(statement, scope, env);
    else out += partial(statement, scope, env);
  }
  return out;
}

/** A bare name that holds a function prints what it returns (handlebars' lambdas); a helper's value prints as it is. */
function output(expression: Expression, scope: Scope, env: TemplateEnvironment): unknown {
  const value = evaluate(expression, scope, env);
  return typeof value === "function" && typeof expression === "object" && expression !== null && "path" in expression
    ? value.call(scope.context)
    : value;
}

function evaluate(expression: Expression, scope: Scope, env: TemplateEnvironment): unknown {
  if (typeof expression !== "object" || expression === null) return expression;
  if ("path" in expression) return lookup(expression, scope);
  const helper = env.helpers[expression.call] as Helper;
  // handlebars passes a helper its options last; ours read only the values before them.
  return helper(...expression.params.map((param) => evaluate(param, scope, env)), { data: scope.data });
}

function lookup({ path, up = 0, data, at }: Path, scope: Scope): unknown {
  let value: unknown = data ? frameAt(scope.data, up) : up ? scope.depths[up] : scope.context;
  const last = at ? path.length - 1 : path.length;
  for (let i = 0; i < last; i++) value = property(value, path[i] as string);
  if (!at) return value;
  // handlebars' container.strict, with its message and position.
  const name = path[last] as string;
  if (!value || !(name in (value as object))) {
    throw new Error(`"${name}" not defined in ${value} - ${at[0]}:${at[1]}`);
  }
  return property(value, name);
}

/**
 * handlebars' lookupProperty: a template reads what an object holds, not what it inherits. A missing
 * parent fails as reading from it in JavaScript does.
 */
function property(parent: unknown, name: string): unknown {
  const value = (parent as Record<string, unknown>)[name];
  return value == null || Object.hasOwn(parent as object, name) ? value : undefined;
}

/** `@../index`: the frame `up` blocks out. */
function frameAt(data: DataFrame | undefined, up: number): DataFrame | undefined {
  let frame = data;
  for (let i = 0; frame && i < up; i++) frame = frame._parent;
  return frame;
}

function block(statement: Block, scope: Scope, env: TemplateEnvironment): string {
  const self = scope.context ?? NULL_CONTEXT;
  let value = evaluate(statement.param, scope, env);
  if (typeof value === "function") value = value.call(self);
  const fn = (context: unknown, data = scope.data) => run(statement.fn, enter(scope, context, data), env);
  const inverse = (context: unknown) => (statement.inverse ? run(statement.inverse, enter(scope, context), env) : "");
  switch (statement.block) {
    case "if":
      return shown(value, statement.hash, scope, env) ? fn(self) : inverse(self);
    case "unless":
      return shown(value, statement.hash, scope, env) ? inverse(self) : fn(self);
    case "with":
      return isEmpty(value) ? inverse(self) : fn(value);
    case "each":
      return each(value, fn, () => inverse(self), scope.data);
  }
}

/** Entering a block: `../` gains a level only when the context changes (handlebars' wrapProgram). */
function enter(scope: Scope, context: unknown, data = scope.data): Scope {
  const [current] = scope.depths;
  // biome-ignore lint/suspicious/noDoubleEquals: handlebars compares loosely here, so null and undefined are one context
  const changed = context != current && !(context === NULL_CONTEXT && current === null);
  return { context, depths: changed ? [context, ...scope.depths] : scope.depths, data };
}

/** `if`'s test: 0 counts as false unless includeZero=true, and so does an empty list. */
function shown(value: unknown, hash: Hash | undefined, scope: Scope, env: TemplateEnvironment): boolean {
  const includeZero = hash?.includeZero === undefined ? false : evaluate(hash.includeZero, scope, env);
  return !((!includeZero && !value) || isEmpty(value));
}

function isEmpty(value: unknown): boolean {
  return (!value && value !== 0) || (Array.isArray(value) && value.length === 0);
}

/**
 * handlebars' each: a list's items, an iterable's values or an object's own keys, each with a frame
 * of @key, @index, @first and @last; the inverse when there was none.
 */
function each(
  value: unknown,
  fn: (context: unknown, data: DataFrame) => string,
  inverse: () => string,
  parent: DataFrame,
): string {
  const frame: DataFrame = { ...parent, _parent: parent };
  let out = "";
  let count = 0;
  const iteration = (key: unknown, index: number, last: boolean, item: unknown) => {
    frame.key = key;
    frame.index = index;
    frame.first = index === 0;
    frame.last = last;
    out += fn(item, frame);
  };
  if (value && typeof value === "object") {
    if (Array.isArray(value)) {
      for (const end = value.length; count < end; count++) {
        if (count in value) iteration(count, count, count === value.length - 1, value[count]);
      }
    } else if (Symbol.iterator in value) {
      const iterator = (value as Iterable<unknown>)[Symbol.iterator]();
      for (let current = iterator.next(); !current.done; count++) {
        const next = iterator.next();
        try {
          iteration(count, count, next.done === true, current.value);
        } catch (error) {
          if (!next.done) closeQuietly(iterator);
          throw error;
        }
        current = next;
      }
    } else {
      const keys = Object.keys(value);
      for (const key of keys) iteration(key, count, ++count === keys.length, (value as Record<string, unknown>)[key]);
    }
  }
  return count === 0 ? inverse() : out;
}

/** Closing an iterator a block failed in, as handlebars does; the block's error is the one to see. */
function closeQuietly(iterator: Iterator<unknown>): void {
  try {
    iterator.return?.();
  } catch {
    // The block's error is already on its way.
  }
}

function partial(statement: PartialCall, scope: Scope, env: TemplateEnvironment): string {
  const name = typeof statement.partial === "string" ? statement.partial : evaluate(statement.partial, scope, env);
  const program = env.partial(String(name));
  if (program === undefined) throw new Error(`The partial ${name} could not be found`);
  let context = statement.context === undefined ? scope.context : evaluate(statement.context, scope, env);
  if (statement.hash) {
    const hash = Object.fromEntries(
      Object.entries(statement.hash).map(([key, value]) => [key, evaluate(value, scope, env)]),
    );
    context = Object.assign({}, context, hash);
  }
  // A partial keeps the caller's data frame (its @root) and starts its own `../` levels.
  const rendered = run(program, { context, depths: [context], data: scope.data }, env);
  return statement.indent ? indented(rendered, statement.indent) : rendered;
}

/** Every line of a standalone partial's output, but a last empty one, gets the partial's indent. */
function indented(text: string, indent: string): string {
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i] && i + 1 === lines.length) break;
    lines[i] = indent + lines[i];
  }
  return lines.join("\n");
}
