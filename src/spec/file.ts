/** The spec file's name, apart from the schema: the components write it, and the schema imports them. */
export const SPEC_FILE = "fly-ref-arch.json";
