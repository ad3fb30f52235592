/**
 * Values we did not choose (flags, spec values and keys, file and folder names, another tool's
 * output) echoed back in messages. Raw, a control character reaches the terminal as a command (an
 * escape sequence can recolour or rewrite the screen, a carriage return hides what came before it,
 * a bidirectional override reorders what is read), and a 100 KB value buries the message. So every
 * echoed value passes through here: control and bidirectional formatting characters escaped as
 * JavaScript and bash's $'…' write them, the result cut at about ECHO_MAX characters with an ellipsis.
 */

export const ECHO_MAX = 200;

// C0 controls, DEL, C1 controls (0x9b is a one-byte CSI), the Unicode line and paragraph separators
// and the bidirectional formatting characters.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this finds.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;
const NAMED: Readonly<Record<string, string>> = { "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/** Whether `text` holds a character echo() would escape. */
export function hasUnsafeCharacters(text: string): boolean {
  return UNSAFE.test(text);
}

/** `text` safe to print on one line: unsafe characters escaped, cut at `max` characters. */
export function echo(text: string, max = ECHO_MAX): string {
  return escapeAndCut(text, max, false);
}

/**
 * A value for a message: a string in double quotes, escaped as echo() escapes (and its quotes and
 * backslashes, so the quotes delimit it), anything else as JSON; cut at `max` characters.
 */
export function echoQuoted(value: unknown, max = ECHO_MAX): string {
  if (typeof value === "string") return `"${escapeAndCut(value, max - 2, true)}"`;
  return echo(JSON.stringify(value) ?? String(value), max);
}

function escapeAndCut(text: string, max: number, quoted: boolean): string {
  const pieces: string[] = [];
  let length = 0;
  for (const ch of text) {
    const piece = escapeCharacter(ch, quoted);
    pieces.push(piece);
    length += piece.length;
    if (length > max) {
      // Too long: what fits beside the ellipsis, never half an escape.
      while (length > max - 1) length -= (pieces.pop() as string).length;
      return `${pieces.join("")}…`;
    }
  }
  return pieces.join("");
}

function escapeCharacter(ch: string, quoted: boolean): string {
  if (quoted && (ch === '"' || ch === "\\")) return `\\${ch}`;
  if (!UNSAFE.test(ch)) return ch;
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}
