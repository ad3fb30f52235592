/**
 * Object storage: the S3 client for the Tigris bucket, a sample file API (PUT and GET
 * /files/:key) and its tests. The bucket itself is made by bootstrap.
 */
import type { ComponentGenerator } from "../component.js";
import { STORAGE_PACKAGES, storageContributions } from "./contributions.js";
import { storageFacts } from "./facts.js";

export const storage = {
  component: "storage",
  facts: storageFacts,
  applies: (spec) => spec.storage.kind !== "none",
  packages: STORAGE_PACKAGES,
  readyz: [{ key: "storage" }],
  contributes: storageContributions,
  generate(out) {
    out.file("src/lib/storage.ts");
    out.file("src/web/routes/files.ts");
    out.file("test/files.test.ts");
  },
} satisfies ComponentGenerator;
