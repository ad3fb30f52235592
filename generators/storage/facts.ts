/** Object storage as templates see it: whether the spec has a bucket, and its name. */
import type { Spec } from "../../src/spec/schema.js";
import { bucketOf } from "./spec.js";

/** The S3 API the generated CI's tests use: s3mock serves one with no arguments, as a service container must. */
const CI_S3 = { image: "adobe/s3mock:5.2.3", port: 9090 } as const;

export function storageFacts(spec: Spec) {
  const bucket = bucketOf(spec);
  return {
    storage: {
      kind: spec.storage.kind,
      enabled: bucket !== undefined,
      bucket: bucket ?? "",
      ci: { ...CI_S3, endpoint: `http://127.0.0.1:${CI_S3.port}` },
    },
  };
}
