/**
 * A file change as a unified diff in git's format (`diff --git` headers, hunks with three lines of
 * context, "\ No newline at end of file"), so `regenerate --diff` reads like `git diff` and
 * `git apply` takes it. Lines are compared by the same LCS diff the 3-way merge uses.
 */
import { diffIndices } from "node-diff3";

const CONTEXT = 3;
const NO_EOL = "\\ No newline at end of file";

interface Side {
  lines: string[];
  /** Comparison keys: the lines, the last one marked when it has no line break. */
  keys: string[];
  noEol: boolean;
}

/** `before` null: the file is created; `after` null: it is deleted. Empty when nothing differs. */
export function unifiedDiff(path: string, before: string | null, after: string | null, mode: number): string {
  if (before === after) return "";
  const a = side(before ?? "");
  const b = side(after ?? "");
  const gitMode = `100${mode.toString(8)}`;
  const out = [`diff --git a/${path} b/${path}`];
  if (before === null) out.push(`new file mode ${gitMode}`);
  if (after === null) out.push(`deleted file mode ${gitMode}`);
  out.push(`--- ${before === null ? "/dev/null" : `a/${path}`}`, `+++ ${after === null ? "/dev/null" : `b/${path}`}`);
  for (const hunk of hunks(a, b)) out.push(...hunk);
  return `${out.join("\n")}\n`;
}

function side(text: string): Side {
  const lines = text === "" ? [] : text.split("\n");
  const noEol = lines.length > 0 && lines[lines.length - 1] !== "";
  if (!noEol) lines.pop();
  const keys = lines.map((line, i) => (noEol && i === lines.length - 1 ? `${line}\u0000` : line));
  return { lines, keys, noEol };
}

interface Change {
  /** 0-based start and length in `a`, then in `b`. */
  a: [number, number];
  b: [number, number];
}

/** Changes closer than twice the context share a hunk, as in diff -u. */
function hunks(a: Side, b: Side): string[][] {
  const changes: Change[] = diffIndices(a.keys, b.keys).map((c) => ({ a: c.buffer1, b: c.buffer2 }));
  const groups: Change[][] = [];
  for (const change of changes) {
    const group = groups[groups.length - 1];
    const previous = group?.[group.length - 1];
    if (group && previous && change.a[0] - (previous.a[0] + previous.a[1]) <= 2 * CONTEXT) group.push(change);
    else groups.push([change]);
  }
  return groups.map((group) => hunk(a, b, group));
}

function hunk(a: Side, b: Side, group: Change[]): string[] {
  const first = group[0] as Change;
  const last = group[group.length - 1] as Change;
  const lead = Math.min(CONTEXT, first.a[0]);
  const trail = Math.min(CONTEXT, a.lines.length - (last.a[0] + last.a[1]));
  const startA = first.a[0] - lead;
  const startB = first.b[0] - lead;
  const lengthA = last.a[0] + last.a[1] + trail - startA;
  const lengthB = last.b[0] + last.b[1] + trail - startB;
  const out = [`@@ -${range(startA, lengthA)} +${range(startB, lengthB)} @@`];
  const line = (prefix: string, s: Side, i: number) => {
    out.push(`${prefix}${s.lines[i]}`);
    if (s.noEol && i === s.lines.length - 1) out.push(NO_EOL);
  };
  let i = startA;
  for (const change of group) {
    for (; i < change.a[0]; i++) line(" ", a, i);
    for (let k = 0; k < change.a[1]; k++) line("-", a, change.a[0] + k);
    for (let k = 0; k < change.b[1]; k++) line("+", b, change.b[0] + k);
    i = change.a[0] + change.a[1];
  }
  for (; i < startA + lengthA; i++) line(" ", a, i);
  return out;
}

/** "start,length" with a 1-based start; an empty range names the line before it, as diff -u does. */
function range(start: number, length: number): string {
  return `${length === 0 ? start : start + 1},${length}`;
}
