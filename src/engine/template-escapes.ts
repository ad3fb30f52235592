/**
 * One escaping helper per output format. Templates never print a raw value: each value passes
 * through the helper of its file's format, so no answer can break out of a TOML, YAML, JSON or
 * shell string (test/templates-lint.test.ts enforces it).
 */

type Scalar = string | number | boolean;

function assertScalar(helper: string, value: unknown): asserts value is Scalar {
  const t = typeof value;
  if (t !== "string" && t !== "number" && t !== "boolean") {
    throw new Error(`{{${helper}}} got ${value === undefined ? "undefined" : t}; expected a string, number or boolean`);
  }
}

/** A TOML basic string: backslash escapes for quotes, backslashes and every control character. */
function tomlString(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: TOML forbids raw control characters, so each one is matched to be escaped.
  const escaped = value.replace(/[\\"\u0000-\u001f\u007f]/g, (ch) => {
    const named: Record<string, string> = { "\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r" };
    return named[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
  return `"${escaped}"`;
}

export function toml(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(toml).join(", ")}]`;
  assertScalar("toml", value);
  return typeof value === "string" ? tomlString(value) : String(value);
}

export function json(value: unknown): string {
  if (value === undefined) throw new Error("{{json}} got undefined");
  return JSON.stringify(value);
}

/**
 * Words, paths and commands that every YAML parser reads back as the same string stay plain, as
 * workflows are written by hand: letters first (so never a number), none of YAML's indicators, no
 * ": " or " #", no flow punctuation. The words YAML 1.1 reads as booleans or null are quoted.
 */
const YAML_PLAIN = /^[A-Za-z_](?:[A-Za-z0-9_ ./@=+-]*[A-Za-z0-9_./@+-])?$/;
const YAML_RESERVED = /^(?:y|n|yes|no|true|false|on|off|null)$/i;

/** A YAML scalar: plain when that is unambiguous, else double-quoted (JSON string syntax is valid YAML). */
export function yaml(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(yaml).join(", ")}]`;
  assertScalar("yaml", value);
  if (typeof value !== "string") return String(value);
  return YAML_PLAIN.test(value) && !YAML_RESERVED.test(value) ? value : JSON.stringify(value);
}

/** POSIX shell word: bare when it is plainly safe, else single-quoted. */
export function sh(value: unknown): string {
  if (Array.isArray(value)) return value.map(sh).join(" ");
  assertScalar("sh", value);
  const text = String(value);
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(text)) return text;
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A TypeScript literal; JSON is valid TypeScript expression syntax. */
export function ts(value: unknown): string {
  return json(value);
}

/** Plain text on one line (Markdown, Dockerfile comments): refuses anything that could start a new line. */
export function text(value: unknown): string {
  if (Array.isArray(value)) return value.map(text).join(", ");
  assertScalar("text", value);
  const out = String(value);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what must be refused here.
  if (/[\u0000-\u001f\u007f]/.test(out)) {
    throw new Error(`{{text}} got a value with a line break or control character: ${JSON.stringify(out)}`);
  }
  return out;
}

export function int(value: unknown): string {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new Error(`{{int}} got ${JSON.stringify(value)}; expected a whole number`);
  }
  return String(value);
}

/**
 * TypeScript that a generator wrote (a zod schema, an import, a type): made only by the
 * `typescript` tag below, so no answer from a spec can become one and print unescaped.
 */
export class Code {
  constructor(readonly source: string) {}
}

/** `typescript\`.default(${n})\``: a Code whose interpolated strings print as literals and numbers through int. */
export function typescript(strings: TemplateStringsArray, ...values: (Code | string | number)[]): Code {
  let source = strings[0] ?? "";
  values.forEach((value, i) => {
    source += value instanceof Code ? value.source : typeof value === "number" ? int(value) : ts(value);
    source += strings[i + 1];
  });
  return new Code(source);
}

/** A name as TypeScript code: a key, a variable, a type. */
export function identifier(name: string): Code {
  if (!/^[A-Za-z_$][\w$]*$/.test(name)) throw new Error(`not a TypeScript identifier: ${JSON.stringify(name)}`);
  return new Code(name);
}

export function code(value: unknown): string {
  if (!(value instanceof Code)) throw new Error(`{{code}} prints generator code, not ${JSON.stringify(value)}`);
  return value.source;
}

/** The helpers that print; the test of the templates checks that every {{…}} uses one of these. */
export const FORMAT_HELPERS = { toml, json, yaml, sh, ts, code, text, int } as const;
export type FormatHelper = keyof typeof FORMAT_HELPERS;
