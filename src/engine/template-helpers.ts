/**
 * Every helper a template may call: the escaping ones (template-escapes.ts), which print, and the
 * value ones (template-values.ts), which compute. The compiler refuses any other name; the renderer
 * calls these.
 */
import { FORMAT_HELPERS } from "./template-escapes.js";
import { VALUE_HELPERS } from "./template-values.js";

export const TEMPLATE_HELPERS = { ...FORMAT_HELPERS, ...VALUE_HELPERS } as const;
