/**
 * The components' spec sections, a line each, keyed by their names in generators/sections.ts, whose
 * order src/spec follows. They build zod schemas, so only the create and regenerate paths load them.
 */
import type { SpecSection } from "../src/spec/section.js";
import { base } from "./base/spec.js";
import { cache } from "./cache/spec.js";
import { database } from "./database/spec.js";
import { environments } from "./environments/spec.js";
import type { SectionName } from "./sections.js";
import { storage } from "./storage/spec.js";
import { web } from "./web/spec.js";
import { worker } from "./worker/spec.js";

export const SPEC_SECTIONS = { base, web, database, cache, worker, storage, environments } satisfies Record<
  SectionName,
  SpecSection
>;
