/** Asks whether the app gets object storage. */
import { answered, type PromptSection } from "../../src/cli/prompting.js";
import { STORAGE_DEFAULTS } from "./options.js";

export const storage: PromptSection = {
  async ask(answers, { prompts }) {
    const storage = { ...answers.storage };
    storage.kind ??= answered(
      await prompts.select({
        message: "Object storage",
        options: [
          { value: "tigris" as const, label: "Tigris", hint: "a bucket on Fly, global, S3 API" },
          { value: "none" as const, label: "None" },
        ],
        initialValue: STORAGE_DEFAULTS.kind,
      }),
    );
    answers.storage = storage;
    // A bucket has no environments yet (spec.ts): with one, the environments question is not asked.
    if (storage.kind !== "none") answers.environments ??= {};
  },
};
