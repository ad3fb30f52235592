/**
 * Object storage: a Tigris bucket made by `fly storage create`, or none. Its name is global across
 * Tigris, so the spec keeps it (derived from the project's name unless given).
 */
import * as z from "zod/mini";
import { dnsLabel, FLY_APP_NAME_MAX, oneOf } from "../../src/spec/fields.js";
import type { Spec } from "../../src/spec/schema.js";
import { type SpecSection, sectionCopy } from "../../src/spec/section.js";
import { appNames } from "../base/spec.js";
import { STORAGE_DEFAULTS, STORAGE_KINDS } from "./options.js";

/** Tigris's shortest bucket name; its longest is an app name's 63. */
const BUCKET_MIN = 3;

const fields = {
  storage: z.prefault(
    z.strictObject({
      kind: z._default(oneOf(STORAGE_KINDS), STORAGE_DEFAULTS.kind),
      // A DNS label, which Tigris's rules allow: no dots, so the bucket's virtual-hosted name stays
      // under Tigris's wildcard certificate.
      bucket: z.optional(dnsLabel(FLY_APP_NAME_MAX)),
    }),
    {},
  ),
};

export const storage: SpecSection<typeof fields> = {
  fields,
  derive(answers) {
    const storage = sectionCopy(answers.storage);
    if (!storage) return answers;
    storage.kind ??= STORAGE_DEFAULTS.kind;
    if (storage.kind === "tigris" && typeof answers.name === "string") storage.bucket ??= `${answers.name}-files`;
    return { ...answers, storage };
  },
  rules(spec, add) {
    const { kind, bucket } = spec.storage;
    const environments = Object.keys(spec.environments);
    if (kind !== "none" && environments.length > 0) {
      add(
        ["environments"],
        environments,
        `environments (${environments.join(", ")}) would share production's bucket: storage "${kind}" has no environments yet; use storage "none", or no environments`,
      );
    }
    if (bucket === undefined) return;
    if (kind !== "tigris") add(["storage", "bucket"], bucket, `a bucket is for storage "tigris"; storage is "${kind}"`);
    else if (bucket.length < BUCKET_MIN)
      add(
        ["storage", "bucket"],
        bucket,
        `"${bucket}" is too short for a Tigris bucket: at least ${BUCKET_MIN} characters`,
      );
  },
  fileChoices: [{ path: ["storage", "kind"], values: STORAGE_KINDS }],
  summary(spec) {
    const bucket = bucketOf(spec);
    return [["storage", bucket ? `Tigris bucket ${bucket}, its keys on ${appNames(spec).web}` : "none"]];
  },
};

/** The bucket's name, or undefined without storage. */
export function bucketOf(spec: Pick<Spec, "storage">): string | undefined {
  return spec.storage.kind === "tigris" ? spec.storage.bucket : undefined;
}
