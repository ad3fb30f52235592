/** Asks whether to add a staging environment; other environments and their values go in the spec file. */
import * as p from "@clack/prompts";
import { answered, type PromptSection } from "../../src/cli/prompting.js";

export const environments: PromptSection = {
  async ask(answers) {
    // Storage has no environments yet (generators/environments/spec.ts): nothing to offer.
    if (answers.environments !== undefined || (answers.storage?.kind ?? "none") !== "none") return;
    const staging = answered(
      await p.confirm({
        message: "Add a staging environment? (one small Machine in the primary region, no replicas)",
        initialValue: false,
      }),
    );
    answers.environments = staging ? { staging: {} } : {};
  },
};
