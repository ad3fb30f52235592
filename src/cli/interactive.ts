/**
 * The interactive flow: asks only what flags and the spec file left open, all before anything is
 * written. Loaded on demand, so runs without prompts never load the prompts library.
 */
import * as p from "@clack/prompts";
import { MPG_PLANS, POSTGRES_SUPPORT_NOTICE } from "../spec/choices.js";
import { describeRegion, MPG_REGIONS, REGION_CODES, type Region } from "../spec/regions.js";
import { DEFAULT_REGIONS, defaultQueue, defaultReplicaRegions, type PartialSpec } from "../spec/resolve.js";
import { dnsLabelProblem, NAME_MAX, type Spec } from "../spec/schema.js";
import { CancelledError } from "./errors.js";
import { flyApps, topologyLines } from "./summary.js";

function answered<T>(value: T): Exclude<T, symbol> {
  if (p.isCancel(value) || typeof value === "symbol") throw new CancelledError();
  return value as Exclude<T, symbol>;
}

export interface InteractiveHooks {
  /** The name the directory suggests, if any. */
  suggestedName: string | undefined;
  /** Called as soon as the target folder is known, so a blocked folder fails before more questions. */
  checkTarget(name: string): void;
  /** Validates the answers into a spec (throws on problems). */
  finish(answers: PartialSpec): Spec;
  directoryFor(name: string): string;
}

export async function askAnswers(given: PartialSpec, hooks: InteractiveHooks): Promise<{ spec: Spec }> {
  p.intro("create-fly-ref-arch");
  const answers: PartialSpec = { ...given };

  answers.name ??= answered(
    await p.text({
      message: "Project name (the base of your Fly app names)",
      placeholder: "my-fly-app",
      initialValue: hooks.suggestedName && !dnsLabelProblem(hooks.suggestedName, NAME_MAX) ? hooks.suggestedName : "",
      validate: (value) => {
        const problem = dnsLabelProblem(value ?? "", NAME_MAX);
        return problem ? `The name ${problem}` : undefined;
      },
    }),
  );
  hooks.checkTarget(answers.name);

  // A primary region given as a flag must be among the regions: asked again until it is, rather
  // than failing after every other question.
  const givenPrimary = answers.primaryRegion;
  while (answers.regions === undefined) {
    const chosen = answered(
      await p.multiselect<Region>({
        message: "Regions for the web tier (space to toggle)",
        options: REGION_CODES.map((code) => ({ value: code, label: describeRegion(code) })),
        initialValues: givenPrimary && REGION_CODES.includes(givenPrimary) ? [givenPrimary] : DEFAULT_REGIONS,
        required: true,
      }),
    );
    if (givenPrimary && !chosen.includes(givenPrimary)) {
      p.log.error(`--primary-region ${givenPrimary} must be one of the regions: select it too.`);
    } else {
      answers.regions = chosen;
    }
  }
  const regions = answers.regions;

  answers.primaryRegion ??=
    regions.length === 1
      ? regions[0]
      : answered(
          await p.select<Region>({
            message: "Primary region (database primary, writes and the worker)",
            options: regions.map((code) => ({ value: code, label: describeRegion(code) })),
            initialValue: regions[0],
          }),
        );
  const primaryRegion = answers.primaryRegion;

  const database = { ...answers.database };
  const mpgOffered = primaryRegion !== undefined && MPG_REGIONS.includes(primaryRegion);
  database.kind ??= answered(
    await p.select({
      message: "Database",
      options: [
        {
          value: "postgres" as const,
          label: "Fly Postgres",
          hint: "primary + read replicas in other regions; unmanaged: not covered by Fly.io Support",
        },
        ...(mpgOffered
          ? [
              {
                value: "mpg" as const,
                label: "Managed Postgres",
                hint: "the supported choice: Fly-run, HA in one region, no cross-region replicas",
              },
            ]
          : []),
        { value: "none" as const, label: "None" },
      ],
      // A plan given as a flag asks for Managed Postgres.
      initialValue: mpgOffered && database.mpgPlan !== undefined ? "mpg" : "postgres",
    }),
  );
  if (database.kind === "mpg") {
    database.mpgPlan ??= answered(
      await p.select({
        message: "Managed Postgres plan (fly mpg create --plan)",
        options: MPG_PLANS.map((plan) => ({ value: plan, label: plan })),
        initialValue: "basic" as const,
      }),
    );
  }
  const others = regions.filter((r) => r !== primaryRegion);
  if (database.kind === "postgres" && database.replicaRegions === undefined && others.length > 0) {
    database.replicaRegions = answered(
      await p.multiselect<Region>({
        message: "Postgres read replicas (reads are served from the nearest one)",
        options: others.map((code) => ({ value: code, label: describeRegion(code) })),
        initialValues: defaultReplicaRegions(regions, primaryRegion),
        required: false,
      }),
    );
  }
  if (database.kind === "postgres") {
    p.log.warn(`${POSTGRES_SUPPORT_NOTICE} Managed Postgres is the supported choice, in one region.`);
    database.primaryMembers ??= answered(
      await p.select({
        message: "Postgres members in the primary region",
        options: [
          { value: 3 as const, label: "3", hint: "automatic failover needs three there" },
          { value: 1 as const, label: "1", hint: "cheaper; no failover" },
        ],
        initialValue: 3 as const,
      }),
    );
  }
  answers.database = database;

  const cache = { ...answers.cache };
  cache.kind ??= answered(
    await p.select({
      message: "Cache",
      options: [
        { value: "upstash" as const, label: "Upstash Redis", hint: "managed, private network" },
        { value: "redis-app" as const, label: "Redis app", hint: "your own Redis on a Fly Volume" },
        { value: "none" as const, label: "None" },
      ],
      initialValue: "upstash" as const,
    }),
  );
  answers.cache = cache;

  const worker = { ...answers.worker };
  const hasBackend = database.kind !== "none" || cache.kind !== "none";
  worker.kind ??= hasBackend
    ? answered(
        await p.select({
          message: "Background worker",
          options: [
            { value: "app" as const, label: "Its own Fly app", hint: "deployed and scaled on its own" },
            { value: "process" as const, label: "A process group of the web app", hint: "one app, one deploy" },
            { value: "none" as const, label: "None" },
          ],
          initialValue: "app" as const,
        }),
      )
    : "none";
  if (worker.kind !== "none" && worker.queue === undefined) {
    worker.queue =
      database.kind !== "none" && cache.kind !== "none"
        ? answered(
            await p.select({
              message: "Job queue",
              options: [
                { value: "postgres" as const, label: "Postgres (pg-boss)" },
                { value: "redis" as const, label: "Redis (BullMQ)", hint: "turns cache eviction off" },
              ],
              initialValue: "postgres" as const,
            }),
          )
        : defaultQueue(database.kind, cache.kind);
  }
  answers.worker = worker;

  const spec = hooks.finish(answers);
  p.note(
    [...topologyLines(spec), "", `Fly apps to create: ${flyApps(spec).join(", ")}`].join("\n"),
    `Into ${hooks.directoryFor(spec.name)}`,
  );
  if (!answered(await p.confirm({ message: "Create the project?", initialValue: true }))) throw new CancelledError();
  return { spec };
}

export async function withSpinner<T>(message: string, task: () => Promise<T>): Promise<T> {
  const spinner = p.spinner();
  spinner.start(message);
  // The spinner puts the terminal in raw mode, where Ctrl-C is a key it answers with exit 0, leaving
  // the task's tool running and its half-done work behind. Back in normal mode, Ctrl-C is SIGINT to
  // the tool and to us, as in a shell, and the run's interrupt handling applies.
  if (process.stdin.isTTY) process.stdin.setRawMode(false);
  try {
    const result = await task();
    spinner.stop(`${message}: done`);
    return result;
  } catch (error) {
    spinner.error(`${message}: failed`);
    throw error;
  }
}

export function cancelled(): void {
  p.cancel("Cancelled");
}
