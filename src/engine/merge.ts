/**
 * Line-based 3-way merge (diff3, via node-diff3): base = what we generated last time, yours = the
 * file on disk, generated = the new render. Changes on one side only are taken; changes on both
 * sides to the same lines become a conflict block in git's diff3 style, so editors and merge tools
 * recognise it.
 */
import { diff3Merge } from "node-diff3";

export const MARKERS = {
  yours: "<<<<<<< yours",
  base: "||||||| last generated",
  split: "=======",
  generated: ">>>>>>> generated",
} as const;

export interface MergeResult {
  text: string;
  /** Number of conflict blocks written into `text`. */
  conflicts: number;
}

export function mergeTexts(base: string, yours: string, generated: string): MergeResult {
  const regions = diff3Merge(splitLines(yours), splitLines(base), splitLines(generated), {
    excludeFalseConflicts: true,
  });
  const out: string[] = [];
  let conflicts = 0;
  for (const region of regions) {
    if (region.ok) {
      out.push(...region.ok);
    } else if (region.conflict) {
      conflicts++;
      const { a, o, b } = region.conflict;
      out.push(`${MARKERS.yours}\n`, ...closed(a), `${MARKERS.base}\n`, ...closed(o), `${MARKERS.split}\n`);
      out.push(...closed(b), `${MARKERS.generated}\n`);
    }
  }
  return { text: out.join(""), conflicts };
}

/** Whether a file still holds a conflict block that a merge of ours wrote. */
export function hasConflictMarkers(text: string): boolean {
  const lines = text.split(/\r?\n/);
  return lines.includes(MARKERS.yours) && lines.includes(MARKERS.generated);
}

/** Lines with their line endings, so the merge gives back the exact bytes. */
function splitLines(text: string): string[] {
  return text === "" ? [] : text.split(/(?<=\n)/);
}

/** A side of a conflict ends with a line break, so the next marker starts its own line. */
function closed(lines: readonly string[]): string[] {
  const last = lines[lines.length - 1];
  return last === undefined || last.endsWith("\n") ? [...lines] : [...lines.slice(0, -1), `${last}\n`];
}
