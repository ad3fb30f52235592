/** Whether a folder may receive a new project: absent, empty, or holding only a .git. */
import { readdirSync, statSync } from "node:fs";

/** Entries that a new project may be written beside. */
const ALLOWED = new Set([".git"]);

export type TargetState =
  | { kind: "absent" }
  | { kind: "usable"; existing: string[] }
  | { kind: "blocked"; entries: string[] }
  | { kind: "not-a-folder" };

export function inspectTarget(dir: string): TargetState {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { kind: "absent" };
    throw error;
  }
  if (!stats.isDirectory()) return { kind: "not-a-folder" };
  const entries = readdirSync(dir).sort();
  const blocking = entries.filter((e) => !ALLOWED.has(e));
  return blocking.length > 0 ? { kind: "blocked", entries: blocking } : { kind: "usable", existing: entries };
}
