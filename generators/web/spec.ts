/** The web tier: its port, Machines per region, how idle Machines stop, swap and Machine size. */
import * as z from "zod/mini";
import { intIn, oneOf, vmSchema } from "../../src/spec/fields.js";
import { checkVm } from "../../src/spec/rules.js";
import type { SpecSection } from "../../src/spec/section.js";
import { appNames } from "../base/spec.js";
import { AUTO_STOP } from "./options.js";

/** The fields an environment may set as well (generators/environments/spec.ts): one rule for both. */
export const WEB_FIELDS = { machinesPerRegion: intIn(1, 20), minMachinesRunning: intIn(0, 20) };

const fields = {
  web: z.prefault(
    z.strictObject({
      port: z._default(intIn(1024, 65535), 3000),
      machinesPerRegion: z._default(WEB_FIELDS.machinesPerRegion, 1),
      autoStop: z._default(oneOf(AUTO_STOP), "suspend"),
      minMachinesRunning: z._default(WEB_FIELDS.minMachinesRunning, 1),
      swapSizeMb: z._default(intIn(0, 65536), 0),
      vm: vmSchema(512),
    }),
    {},
  ),
};

export const web: SpecSection<typeof fields> = {
  fields,
  rules({ web }, add) {
    if (web.minMachinesRunning > web.machinesPerRegion) {
      add(
        ["web", "minMachinesRunning"],
        web.minMachinesRunning,
        `${web.minMachinesRunning} is more than machinesPerRegion (${web.machinesPerRegion})`,
      );
    }
    if (web.autoStop === "suspend") {
      if (web.vm.memoryMb >= 2048) {
        add(
          ["web", "autoStop"],
          "suspend",
          `"suspend" needs less than 2048 MB of memory (web.vm.memoryMb is ${web.vm.memoryMb}); use "stop"`,
        );
      }
      if (web.swapSizeMb > 0) {
        add(
          ["web", "autoStop"],
          "suspend",
          `"suspend" does not work with swap (web.swapSizeMb is ${web.swapSizeMb}); use "stop" or set swapSizeMb to 0`,
        );
      }
    }
    checkVm(add, "web", web.vm);
  },
  summary(spec) {
    const others = spec.regions.filter((r) => r !== spec.primaryRegion);
    const where = `${spec.primaryRegion} (primary)${others.length ? `, ${others.join(", ")}` : ""}`;
    return [["web", `${appNames(spec).web} in ${where}; ${spec.web.machinesPerRegion} Machine(s) per region`]];
  },
  flyApps: (spec) => [appNames(spec).web],
};
