/**
 * The keys of a Dependabot v2 config (`.github/dependabot.yml`) as GitHub documents them and
 * SchemaStore's dependabot-2.0.json types them: every key of an update entry is listed, so a typo or
 * an invented key fails, and the keys the generated config uses are typed in full.
 */
const ECOSYSTEMS = [
  "bun",
  "bundler",
  "cargo",
  "composer",
  "devcontainers",
  "docker",
  "docker-compose",
  "dotnet-sdk",
  "elm",
  "gitsubmodule",
  "github-actions",
  "gomod",
  "gradle",
  "helm",
  "maven",
  "mix",
  "npm",
  "nuget",
  "pip",
  "pub",
  "swift",
  "terraform",
  "uv",
];

const nonEmptyStrings = { type: "array", items: { type: "string", minLength: 1 }, minItems: 1, uniqueItems: true };

const group = {
  type: "object",
  additionalProperties: false,
  properties: {
    "applies-to": { enum: ["version-updates", "security-updates"] },
    "dependency-type": { enum: ["development", "production"] },
    patterns: nonEmptyStrings,
    "exclude-patterns": nonEmptyStrings,
    "update-types": { type: "array", items: { enum: ["major", "minor", "patch"] }, minItems: 1, uniqueItems: true },
  },
  anyOf: ["dependency-type", "patterns", "exclude-patterns", "update-types"].map((key) => ({ required: [key] })),
};

const ignore = {
  type: "object",
  additionalProperties: false,
  properties: {
    "dependency-name": { type: "string", minLength: 1 },
    "update-types": {
      type: "array",
      items: { enum: ["version-update:semver-major", "version-update:semver-minor", "version-update:semver-patch"] },
      minItems: 1,
      uniqueItems: true,
    },
    versions: nonEmptyStrings,
  },
  anyOf: ["dependency-name", "update-types", "versions"].map((key) => ({ required: [key] })),
};

const schedule = {
  type: "object",
  additionalProperties: false,
  required: ["interval"],
  properties: {
    interval: { enum: ["daily", "weekly", "monthly", "quarterly", "semiannually", "yearly", "cron"] },
    day: { enum: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] },
    time: { type: "string", pattern: "^([01][0-9]|2[0-3]):[0-5][0-9]$" },
    timezone: { type: "string" },
    cronjob: { type: "string" },
  },
};

/** Keys the generated config does not use: known, so accepted, but not typed further here. */
const otherUpdateKeys = [
  "allow",
  "assignees",
  "commit-message",
  "cooldown",
  "exclude-paths",
  "insecure-external-code-execution",
  "labels",
  "milestone",
  "open-pull-requests-limit",
  "pull-request-branch-name",
  "rebase-strategy",
  "registries",
  "target-branch",
  "vendor",
  "versioning-strategy",
];

const update = {
  type: "object",
  additionalProperties: false,
  required: ["package-ecosystem", "schedule"],
  oneOf: [{ required: ["directory"] }, { required: ["directories"] }],
  properties: {
    "package-ecosystem": { enum: ECOSYSTEMS },
    directory: { type: "string", pattern: "^/" },
    directories: nonEmptyStrings,
    schedule,
    groups: { type: "object", minProperties: 1, additionalProperties: group },
    ignore: { type: "array", items: ignore },
    ...Object.fromEntries(otherUpdateKeys.map((key) => [key, {}])),
  },
};

export const DEPENDABOT_SCHEMA = {
  type: "object",
  additionalProperties: false,
  required: ["version", "updates"],
  properties: {
    version: { const: 2 },
    "enable-beta-ecosystems": { type: "boolean" },
    registries: { type: "object" },
    "multi-ecosystem-groups": { type: "object" },
    updates: { type: "array", items: update, minItems: 1 },
  },
} as const;
