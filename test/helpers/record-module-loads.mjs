// `node --import ./record-module-loads.mjs …`: appends the URL of every module node loads to the file
// named by $RECORD_MODULE_LOADS, so a test can tell which bundle chunks a run read.
import { register } from "node:module";

register("./record-module-loads-hooks.mjs", import.meta.url, { data: process.env.RECORD_MODULE_LOADS });
