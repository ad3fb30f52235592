/**
 * The components' flags, in the registry's order. The build (tsup.config.ts) puts their value here
 * as data: the components' modules bring zod and the generators, which --help and parsing never use.
 */
import { COMPONENTS } from "../../generators/index.js";
import type { OptionDef } from "./options.js";

export const COMPONENT_FLAGS: readonly OptionDef[] = COMPONENTS.flatMap(({ flags }) => flags ?? []);
