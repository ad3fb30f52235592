/**
 * What flyctl v0.4.87 prints, written out by hand from its source and from olekukonko/tablewriter
 * v1.1.4's renderer (renderer/blueprint.go, zoo.go): no border at either end, one space of padding
 * inside each cell, every cell padded to its column's widest, `│` (U+2502) between columns, then
 * the empty line of fmt.Fprintln. The parsers of bootstrap.sh read these, and the fake must print
 * them byte for byte; neither is derived from the other.
 */

/** The Upstash database behind REDIS_STATUS, as the fake's state holds it. */
export const REDIS_STATUS_DB = {
  id: "a1b2c3",
  org: "personal",
  region: "iad",
  replicaRegions: [],
  plan: "Fixed 250MB",
  eviction: false,
  autoUpgrade: false,
  prodpack: false,
  password: "pw",
  url: "redis://default:pw@fly-acme-redis.upstash.io:6379",
};

/** `fly redis status acme-redis` (internal/command/redis/status.go, render.VerticalTable; bold title). */
export const REDIS_STATUS = [
  "\x1b[1mRedis\x1b[0m",
  " ID             │ a1b2c3                                            ",
  " Name           │ acme-redis                                        ",
  " Plan           │ Fixed 250MB                                       ",
  " Primary Region │ iad                                               ",
  " Read Regions   │ None                                              ",
  " Eviction       │ Disabled                                          ",
  " Auto-Upgrade   │ Disabled                                          ",
  " ProdPack       │ Disabled                                          ",
  " Private URL    │ redis://default:pw@fly-acme-redis.upstash.io:6379 ",
  "",
  "",
].join("\n");

/** The sample of Fly's Upstash docs (upstash/redis.html.md): the layout of flyctl before 0.4.33. */
export const REDIS_STATUS_BEFORE_0_4_33 = `Redis
  ID             = aaV829vaMVDGbi5
  Name           = late-waterfall-1133
  Plan           = Pay-as-you-go
  Primary Region = mad
  Read Regions   = ams
  Eviction       = Enabled
  Private URL     = redis://password@fly-late-waterfall-1133.upstash.io
`;

/**
 * `fly redis plans` (internal/command/redis/plans.go: a preamble, then render.Table with headers
 * upper-cased and legacy plans left out) for the plans the fake's API lists.
 */
export const REDIS_PLANS = [
  "",
  "Redis databases run on Fly.io, fully managed by Upstash.com.",
  "Other limits, besides memory, apply to most plans. Learn more at https://fly.io/docs/reference/redis",
  "",
  " NAME          │ MAX DATA SIZE │ PRICE   │ DESCRIPTION             ",
  " Pay-as-you-go │ 100 GB        │ Free    │ $0.20 per 100K commands ",
  " Fixed 250MB   │ 250 MB        │ $10/mo  │ 50 GB bandwidth         ",
  " Fixed 1GB     │ 1 GB          │ $20/mo  │ 100 GB bandwidth        ",
  " Fixed 5GB     │ 5 GB          │ $100/mo │ 500 GB bandwidth        ",
  " Fixed 10GB    │ 10 GB         │ $200/mo │ 1 TB bandwidth          ",
  " Fixed 50GB    │ 50 GB         │ $400/mo │ 5 TB bandwidth          ",
  "",
  "",
].join("\n");

/** The first line of `fly storage create --name acme-media` (extensions/core/core.go ProvisionExtension). */
const BUCKET_READY =
  "Your Tigris project (acme-media) is ready. See details and next steps with: https://fly.io/docs/reference/tigris/";

/**
 * The bucket's environment as core.go setSecretsFromExtension prints it: keys sorted, values in the
 * clear. The two keys stand in for the ones the API makes; the provider's words, the docs URL and
 * the environment are the API's, as Fly's docs show them.
 */
const BUCKET_KEYS = [
  "AWS_ACCESS_KEY_ID: <access key>",
  "AWS_ENDPOINT_URL_S3: https://fly.storage.tigris.dev",
  "AWS_REGION: auto",
  "AWS_SECRET_ACCESS_KEY: <secret key>",
  "BUCKET_NAME: acme-media",
];

/**
 * `fly storage create --name acme-media --app acme-web --yes` for an app that never ran: the
 * secrets are set, then secrets/secrets.go DeploySecrets has no Machine to update.
 */
export const STORAGE_CREATE_FOR_APP = [
  BUCKET_READY,
  "",
  "Setting the following secrets on acme-web:",
  ...BUCKET_KEYS,
  "",
  "Secrets are staged for the first deployment",
  "",
].join("\n");

/** `fly storage create --name acme-media --org personal --yes`: no app, so nothing is set (core.go). */
export const STORAGE_CREATE_FOR_ORG = [
  BUCKET_READY,
  "",
  "Set the following secrets on your target app.",
  ...BUCKET_KEYS,
  "",
].join("\n");

/** The same for an app that has some of the names already: none is set, and the command succeeds (core.go). */
export const STORAGE_CREATE_SECRETS_EXIST = [
  BUCKET_READY,
  "",
  "Secrets [AWS_REGION BUCKET_NAME] already exist on app acme-web. They won't be set automatically.",
  "",
  "Set the following secrets on your target app.",
  ...BUCKET_KEYS,
  "",
].join("\n");

/** `fly storage list` (extensions/tigris/list.go: render.Table, headers upper-cased). */
export const STORAGE_LIST = [
  " NAME             │ ORG      ",
  " acme-media       │ personal ",
  " acme-db-postgres │ personal ",
  "",
  "",
].join("\n");

/** `fly storage list` with no buckets: tablewriter still renders the header. */
export const STORAGE_LIST_EMPTY = " NAME │ ORG \n\n";

/** `fly storage status acme-media` (extensions/tigris/status.go: render.VerticalTable, bold title; no App row by name). */
export const STORAGE_STATUS = [
  "\x1b[1mStatus\x1b[0m",
  " Name   │ acme-media ",
  " Status │ ready      ",
  " Public │ False      ",
  "",
  "",
].join("\n");

/** `fly storage status --app acme-web` for a public bucket: found through the app, so the App row. */
export const STORAGE_STATUS_OF_APP = [
  "\x1b[1mStatus\x1b[0m",
  " Name   │ acme-media ",
  " Status │ ready      ",
  " Public │ True       ",
  " App    │ acme-web   ",
  "",
  "",
].join("\n");
