/**
 * The file-writing floor of a generator: node, and nothing else, writing a given set of files the
 * way src/engine/write-new.ts does (a folder per new directory, one synchronous write and a chmod
 * per file). It also reads the list, one JSON file, which makes the floor a little high, not low.
 * bench/startup.ts times it with the files that create-fly-ref-arch and create-vite write, so the
 * cost of creating files on this machine is seen apart from the generators' own work.
 *
 * Usage: node bench/write-files.mjs <files.json> <target>, where files.json is
 * [{ "path": "src/a.ts", "content": "…", "mode": 420 }, …]. Plain JS: it runs without a compile step.
 */
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

const [listPath, target] = process.argv.slice(2);
const files = JSON.parse(readFileSync(listPath, "utf8"));
const made = new Set([target]);
mkdirSync(target);
for (const file of files) {
  const full = join(target, file.path);
  const dir = dirname(full);
  if (!made.has(dir)) {
    mkdirSync(dir, { recursive: true });
    made.add(dir);
  }
  writeFileSync(full, file.content, { encoding: "utf8", mode: file.mode });
  chmodSync(full, file.mode);
}
