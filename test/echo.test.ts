import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ECHO_MAX, echo, echoQuoted } from "../src/echo.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: these characters are what the tests look for.
const RAW = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

describe("echo", () => {
  it("escapes C0, DEL, C1 and bidirectional characters as JavaScript and bash's $'…' write them", () => {
    expect(echo("a\x1b[31mb\x07\r\n\t\x7f\x9b\u202e\u2066")).toBe("a\\x1b[31mb\\x07\\r\\n\\t\\x7f\\x9b\\u202e\\u2066");
  });

  it("leaves printable text, quotes and other scripts alone", () => {
    expect(echo(`it's "ok" — ünïcödé 東京 🚀`)).toBe(`it's "ok" — ünïcödé 東京 🚀`);
  });

  it("cuts at ECHO_MAX characters with an ellipsis, never in the middle of an escape or a surrogate pair", () => {
    expect(echo("a".repeat(ECHO_MAX))).toBe("a".repeat(ECHO_MAX));
    expect(echo("a".repeat(ECHO_MAX + 1))).toBe(`${"a".repeat(ECHO_MAX - 1)}…`);
    expect(echo(`${"a".repeat(ECHO_MAX - 3)}\x1b`)).toBe(`${"a".repeat(ECHO_MAX - 3)}…`);
    expect(echo(`${"a".repeat(ECHO_MAX - 2)}🚀🚀`)).toBe(`${"a".repeat(ECHO_MAX - 2)}…`);
  });

  it("never lets a raw control character through and never exceeds the limit", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.integer({ min: 1, max: 300 }), (text, max) => {
        const out = echo(text, max);
        expect(out).not.toMatch(RAW);
        expect(out.length).toBeLessThanOrEqual(max);
      }),
    );
  });
});

describe("echoQuoted", () => {
  it("quotes a string, escaping its quotes and backslashes", () => {
    expect(echoQuoted('a"b\\c\x1b')).toBe('"a\\"b\\\\c\\x1b"');
  });

  it("shows other values as JSON, escaped and cut", () => {
    expect(echoQuoted(42)).toBe("42");
    expect(echoQuoted(undefined)).toBe("undefined");
    expect(echoQuoted({ k: "\u009b" })).toBe('{"k":"\\x9b"}');
    expect(echoQuoted(["x".repeat(1000)])).toHaveLength(ECHO_MAX);
  });

  it("keeps its closing quote when it cuts", () => {
    expect(echoQuoted("z".repeat(1000))).toBe(`"${"z".repeat(ECHO_MAX - 3)}…"`);
  });
});
