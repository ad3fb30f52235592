/** The names and places every template uses: the project, its apps, its regions, its package manager. */

import { SPEC_FILE } from "../../src/spec/file.js";
import { PACKAGE_MANAGER_COMMANDS } from "../../src/spec/package-manager.js";
import type { Spec } from "../../src/spec/schema.js";
import { appNames } from "./spec.js";
import { FLYCTL_VERSION, NODE_MAJOR } from "./versions.js";

export function baseFacts(spec: Spec, generatorVersion: string) {
  const apps = appNames(spec);
  return {
    spec,
    generatorVersion,
    specFile: SPEC_FILE,
    name: spec.name,
    org: spec.org,
    apps,
    nodeMajor: NODE_MAJOR,
    primaryRegion: spec.primaryRegion,
    regions: spec.regions,
    pm: PACKAGE_MANAGER_COMMANDS[spec.packageManager],
    flyctl: { version: FLYCTL_VERSION },
    /** The apps that run the code: the web tier, and the worker when it is an app of its own. */
    consumerApps: spec.worker.kind === "app" ? [apps.web, apps.worker] : [apps.web],
  };
}
