/**
 * What object storage adds to the files of others. The bucket's five settings are the ones
 * `fly storage create --app` stages on that one app, the web app: flyctl prints the keys once and
 * never again, so bootstrap lets flyctl put them where they go in the call that makes them, and
 * the worker app (which has none) never opens the bucket.
 */
import { typescript } from "../../src/engine/template-escapes.js";
import { type ConfigGroup, type Contribution, type EnvVar, type Packages, packageNames } from "../contribution.js";
import type { Facts } from "../view.js";

export const STORAGE_PACKAGES: Packages = { dependencies: { "@aws-sdk/client-s3": "^3.1178.0" } };

const SETTINGS: ConfigGroup = { key: "storage", type: "StorageSettings" };
const OPTIONAL_TEXT = typescript`z.string().min(1).optional()`;
const OPTIONAL_STRING = typescript`string | undefined`;

export function storageContributions(facts: Facts): Contribution {
  const { bucket, ci } = facts.storage;
  /** One of the bucket's settings: set by flyctl on the web app; optional, as the worker app has none. */
  const setting = (name: string, key: string, example: string, more: Partial<EnvVar> = {}): EnvVar => ({
    name,
    section: "connections",
    zod: OPTIONAL_TEXT,
    field: { key, type: OPTIONAL_STRING, group: SETTINGS },
    apps: [facts.apps.web],
    onFly: "flyctl-secret",
    example: { value: example },
    ci: example,
    ...more,
  });
  return {
    packages: packageNames(STORAGE_PACKAGES),
    webImports: [
      { names: typescript`{ Storage }`, from: "../lib/storage.js" },
      { names: typescript`{ fileRoutes }`, from: "./routes/files.js" },
    ],
    probes: [{ key: "storage", check: typescript`() => storage.ping()` }],
    ciServices: ["S3 (s3mock)"],
    bootstrapSteps: [{ call: "provision_storage", summary: "the Tigris bucket" }],
    localServers: ["an S3-compatible server"],
    partials: [
      "web-app-open",
      "web-app-routes",
      "ci-services",
      "bootstrap-variables",
      "bootstrap-provision",
      "readme-diagram",
      "readme-services",
      "readme-sections",
      "readme-bootstrap",
      "teardown-usage",
      "teardown-kept",
    ],
    env: [
      setting("AWS_ACCESS_KEY_ID", "accessKeyId", "test", {
        doc: [
          "The bucket's settings, as `fly storage create` stages them on the web app. The web tier",
          "refuses to start without all five; the other processes never open the bucket.",
        ],
        example: { value: "test", note: `An S3 API with the bucket ${bucket}, e.g. s3mock (see README, "Files").` },
        readme: "the bucket's access key (Tigris)",
      }),
      setting("AWS_SECRET_ACCESS_KEY", "secretAccessKey", "test", { readme: "its secret key" }),
      setting("AWS_ENDPOINT_URL_S3", "endpoint", ci.endpoint, {
        zod: typescript`z.url({ protocol: /^https?$/, error: "expected an http:// or https:// URL" }).optional()`,
        readme: "the S3 API: `https://fly.storage.tigris.dev` on Fly",
      }),
      setting("AWS_REGION", "region", "auto", { readme: 'the region to sign for: Tigris takes "auto"' }),
      setting("BUCKET_NAME", "bucket", bucket, { readme: "the bucket" }),
    ],
  };
}
