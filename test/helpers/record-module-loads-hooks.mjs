// Module customization hooks (run on node's loader thread) for record-module-loads.mjs.
import { appendFileSync } from "node:fs";

let record;

export function initialize(file) {
  record = file;
}

export async function load(url, context, nextLoad) {
  if (record && url.startsWith("file:")) appendFileSync(record, `${url}\n`);
  return nextLoad(url, context);
}
