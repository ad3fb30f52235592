/**
 * Asks whether to add a staging environment and, with one, pull-request previews on it; other
 * environments and their values go in the spec file.
 */
import { answered, type PromptSection } from "../../src/cli/prompting.js";

export const environments: PromptSection = {
  async ask(answers, { prompts }) {
    if (answers.environments !== undefined) return;
    const staging = answered(
      await prompts.confirm({
        message: "Add a staging environment? (one small Machine in the primary region, no replicas)",
        initialValue: false,
      }),
    );
    answers.environments = staging ? { staging: {} } : {};
    // What previews cannot build on is refused by the spec's rules; it is not offered.
    const previewable = answers.database?.kind !== "mpg" && answers.cache?.kind !== "redis-app";
    if (!staging || !previewable || answers.previews !== undefined) return;
    answers.previews = answered(
      await prompts.confirm({
        message: "Deploy a preview of each pull request? (its own apps and database on staging, gone when it closes)",
        initialValue: false,
      }),
    );
  },
};
