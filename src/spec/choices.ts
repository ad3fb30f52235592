// generators/view.ts (issue 13's other branch moves it) imports this from here; it now lives with
// its component. Delete this file once view.ts imports generators/database/options.ts.
export { POSTGRES_SUPPORT_NOTICE } from "../../generators/database/options.js";
