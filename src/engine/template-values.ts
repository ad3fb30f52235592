/**
 * Helpers that compute values for the escaping helpers (template-escapes.ts) or for block
 * conditions; they print nothing themselves.
 */

export const VALUE_HELPERS = {
  eq: (a: unknown, b: unknown) => a === b,
  /** `(array "web")`: handlebars passes its options object last, which is not part of the list. */
  array: (...args: unknown[]) => args.slice(0, -1),
  join: (list: unknown, separator: unknown) => {
    if (!Array.isArray(list) || typeof separator !== "string") throw new Error("{{join}} takes a list and a separator");
    return list.join(separator);
  },
  /** `(list names "or")`: "a", "a or b", "a, b or c". */
  list: (items: unknown, conjunction: unknown) => {
    if (!Array.isArray(items) || typeof conjunction !== "string") throw new Error("{{list}} takes a list and a word");
    return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} ${conjunction} ${items.at(-1)}`;
  },
  /**
   * `{{> (slot "web-app-open" this)}}` in `{{#each partials.[web-app-open]}}`: the partial a
   * component fills that slot with, templates/<component>/_partials/web-app-open.*.hbs.
   */
  slot: (name: unknown, component: unknown) => {
    if (typeof name !== "string" || typeof component !== "string") throw new Error("{{slot}} takes two names");
    return `${component}/${name}`;
  },
} as const;
