// generators/view.ts (issue 13's other branch moves it) imports these from here; they now live with
// their component. Delete this file once view.ts imports generators/cache/spec.ts.
export { queueOnUpstash, upstashPlanOf } from "../../generators/cache/spec.js";
