/**
 * A compiled template: handlebars' syntax tree, whitespace already stripped, reduced to what our
 * templates use and written as JSON. template-compiler.ts makes it from source; template-renderer.ts
 * renders it. The bundle carries it as JSON text parsed on a template's first render: parsing JSON
 * costs a fraction of compiling the JavaScript handlebars precompiles a template to, and a create
 * renders each template about once (bench/startup.ts, BENCH_INSTRUCTIONS=1).
 */

/** A template or a block's body: text and statements in order. */
export type Program = readonly Statement[];

/** Text to copy, a value to print, a block, or a partial. */
export type Statement = string | Output | Block | PartialCall;

/** `{{name}}` or `{{helper value}}`: what the expression gives, nothing for null or undefined. */
export interface Output {
  readonly out: Expression;
}

/** `{{#if value}}…{{else}}…{{/if}}`, with handlebars' own block helpers. */
export interface Block {
  readonly block: BlockHelper;
  readonly param: Expression;
  readonly hash?: Hash;
  readonly fn: Program;
  readonly inverse?: Program;
}

export const BLOCK_HELPERS = ["if", "unless", "each", "with"] as const;
export type BlockHelper = (typeof BLOCK_HELPERS)[number];

/** `{{> name context key=value}}`, or a name a helper gives: `{{> (slot "x" this)}}`. */
export interface PartialCall {
  readonly partial: string | Call;
  readonly context?: Expression;
  readonly hash?: Hash;
  /** The whitespace before a partial that stands alone on its line, put before each line it renders. */
  readonly indent?: string;
}

export type Expression = string | number | boolean | null | Path | Call;

/**
 * A name looked up from the context `up` levels out (`../`), or from the data frame (`@index`,
 * `@root.name`); no names is the context itself (`this`).
 */
export interface Path {
  readonly path: readonly string[];
  readonly up?: number;
  readonly data?: true;
  /**
   * Where a bare `{{name}}` stands, as [line, column]: strict mode makes a missing last name an
   * error there. Values passed to a helper are read as they are.
   */
  readonly at?: readonly [number, number];
}

/** `(helper value …)`: one of our helpers (template-escapes.ts, template-values.ts). */
export interface Call {
  readonly call: string;
  readonly params: readonly Expression[];
}

export type Hash = Readonly<Record<string, Expression>>;
