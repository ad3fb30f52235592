/** Asks which database, then its plan (Managed Postgres) or its replicas and members (Fly Postgres). */
import { answered, type PromptSection, regionOptions } from "../../src/cli/prompting.js";
import type { Region } from "../../src/spec/regions.js";
import { DATABASE_DEFAULTS, MPG_PLANS, MPG_REGIONS, POSTGRES_SUPPORT_NOTICE } from "./options.js";
import { defaultReplicaRegions } from "./spec.js";

export const database: PromptSection = {
  async ask(answers, { prompts }) {
    const { regions = [], primaryRegion } = answers;
    const database = { ...answers.database };
    const mpgOffered = primaryRegion !== undefined && MPG_REGIONS.includes(primaryRegion);
    database.kind ??= answered(
      await prompts.select({
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
        initialValue: mpgOffered && database.mpgPlan !== undefined ? "mpg" : DATABASE_DEFAULTS.kind,
      }),
    );
    if (database.kind === "mpg") {
      database.mpgPlan ??= answered(
        await prompts.select({
          message: "Managed Postgres plan (fly mpg create --plan)",
          options: MPG_PLANS.map((plan) => ({ value: plan, label: plan })),
          initialValue: DATABASE_DEFAULTS.mpgPlan,
        }),
      );
    }
    const others = regions.filter((r) => r !== primaryRegion);
    if (database.kind === "postgres" && database.replicaRegions === undefined && others.length > 0) {
      database.replicaRegions = answered(
        await prompts.multiselect<Region>({
          message: "Postgres read replicas (reads are served from the nearest one)",
          options: regionOptions(others),
          initialValues: defaultReplicaRegions(regions, primaryRegion),
          required: false,
        }),
      );
    }
    if (database.kind === "postgres") {
      prompts.log.warn(`${POSTGRES_SUPPORT_NOTICE} Managed Postgres is the supported choice, in one region.`);
      database.primaryMembers ??= answered(
        await prompts.select({
          message: "Postgres members in the primary region",
          options: [
            { value: 3 as const, label: "3", hint: "automatic failover needs three there" },
            { value: 1 as const, label: "1", hint: "cheaper; no failover" },
          ],
          initialValue: DATABASE_DEFAULTS.primaryMembers,
        }),
      );
    }
    answers.database = database;
  },
};
