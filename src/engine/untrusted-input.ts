/**
 * Reading what a repository or a disk hands us (a spec, the manifest, the journal, base.json): we
 * did not write it, so it is read only when it is a regular file of bounded size, and JSON is
 * parsed only once its nesting depth is known to be sane. Each refusal names the file and says why.
 */

import { closeSync, constants, fstatSync, openSync, readSync, type Stats, statSync } from "node:fs";
import { echo } from "../echo.js";

/** Input that is not a file we are willing to read: exit 2, nothing written. */
export class UntrustedInputError extends Error {}

export interface InputLimits {
  /** Refuse a file larger than this many bytes. */
  maxBytes: number;
}

/** JSON nested deeper than this is refused before parsing (a spec is about 4 levels deep). */
export const MAX_JSON_DEPTH = 64;

/**
 * The text of the regular file at `path`, or undefined when nothing is there. `label` names it in
 * messages as it is given (pass a name we did not choose through echo()). A device is refused before it is opened (opening one can have effects of its own);
 * the open is non-blocking, so a FIFO cannot hang it; then fstat checks the same descriptor that
 * is read, so what is checked is what is read.
 */
export function readInputFile(path: string, label: string, limits: InputLimits): string | undefined {
  return readInputEntry(path, label, limits)?.text;
}

/** readInputFile, with the file's permission bits. */
export function readInputEntry(
  path: string,
  label: string,
  limits: InputLimits,
): { text: string; mode: number } | undefined {
  let ahead: Stats | undefined;
  try {
    ahead = statSync(path, { throwIfNoEntry: false });
  } catch {
    // Not even stat-able (EACCES, ELOOP): the open below reports it.
  }
  if (ahead && !ahead.isFile()) throw notRegular(label, ahead);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    // A socket cannot be opened at all (ENXIO); a folder opens but cannot be read.
    if (code === "ENXIO") throw new UntrustedInputError(`${label} is a socket, not a regular file; refusing`);
    throw new UntrustedInputError(`cannot read ${label}: ${code ?? echo((error as Error).message)}`);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw notRegular(label, stats);
    if (stats.size > limits.maxBytes) throw tooLarge(label, limits.maxBytes);
    // The size can change under us: read at most one byte past the cap and refuse if it came.
    const buffer = Buffer.alloc(Math.min(stats.size, limits.maxBytes) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > limits.maxBytes) throw tooLarge(label, limits.maxBytes);
      if (length === buffer.length) break;
    }
    try {
      return { text: new TextDecoder("utf-8", { fatal: true }).decode(buffer.subarray(0, length)), mode: stats.mode };
    } catch {
      throw new UntrustedInputError(`${label} is not UTF-8 text; refusing`);
    }
  } finally {
    closeSync(fd);
  }
}

/** JSON.parse, after checking the nesting depth (a deep array would overflow the parser's stack). */
export function parseInputJson(text: string, label: string, maxDepth = MAX_JSON_DEPTH): unknown {
  const depth = jsonDepth(text, maxDepth);
  if (depth > maxDepth) throw new UntrustedInputError(`${label} nests deeper than ${maxDepth} levels; refusing`);
  try {
    return JSON.parse(text);
  } catch (error) {
    // The parser's message quotes the text around the mistake.
    throw new UntrustedInputError(`${label} is not valid JSON: ${echo((error as Error).message)}`);
  }
}

/**
 * The deepest bracket nesting outside strings, counted up to `stopAbove` + 1. Strings are skipped
 * with indexOf, not walked character by character: base.json is mostly string, and this runs on
 * every regenerate (a character loop took 15 ms on 100 KB; this takes well under 1 ms).
 */
export function jsonDepth(text: string, stopAbove: number): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i = closingQuote(text, i);
      if (i < 0) return deepest; // unterminated: the parser reports it
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > stopAbove) return deepest;
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return deepest;
}

/** Where the string opened at `open` ends: the next quote preceded by an even run of backslashes; -1 if none. */
function closingQuote(text: string, open: number): number {
  for (let from = open + 1; ; ) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === 0x5c /* \ */) backslashes++;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

function tooLarge(label: string, maxBytes: number): UntrustedInputError {
  return new UntrustedInputError(`${label} is larger than ${formatBytes(maxBytes)}; refusing`);
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / (1024 * 1024)} MiB` : `${bytes / 1024} KiB`;
}

function notRegular(label: string, stats: Stats): UntrustedInputError {
  return new UntrustedInputError(`${label} is ${kindOf(stats)}, not a regular file; refusing`);
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a FIFO";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  return "not a regular file";
}
