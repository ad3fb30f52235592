/**
 * The components' prompts, a line each, keyed by their names in generators/sections.ts, whose order
 * they are asked in. Loaded only when prompting: they import the prompts library.
 */

import type { PromptSection } from "../src/cli/prompting.js";
import { base } from "./base/prompts.js";
import { cache } from "./cache/prompts.js";
import { database } from "./database/prompts.js";
import { environments } from "./environments/prompts.js";
import type { SectionName } from "./sections.js";
import { storage } from "./storage/prompts.js";
import { worker } from "./worker/prompts.js";

/** The web tier asks nothing: its settings live in the spec file. */
export const PROMPT_SECTIONS: Partial<Record<SectionName, PromptSection>> = {
  base,
  database,
  cache,
  worker,
  storage,
  environments,
};
