/**
 * The components that have a part in the spec, a line each, in the order the spec file lists their
 * fields, the flags come and the prompts ask (a section's defaults may depend on those before it).
 *
 * A section has three layers, each with its own registry keyed by these names, because they load at
 * different costs: the flags (here; no zod, so --help and --version start fast), the spec section
 * (generators/spec-sections.ts: zod, loaded to create or regenerate) and the prompts
 * (generators/prompt-sections.ts: the prompts library, loaded only when prompting).
 */
import { base } from "./base/options.js";
import { cache } from "./cache/options.js";
import { database } from "./database/options.js";
import { environments } from "./environments/options.js";
import { storage } from "./storage/options.js";
import { web } from "./web/options.js";
import { worker } from "./worker/options.js";

export const SECTIONS = [base, web, database, cache, worker, storage, environments] as const;

export type SectionName = (typeof SECTIONS)[number]["name"];
