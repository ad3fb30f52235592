/** Asks which cache. */
import { answered, type PromptSection } from "../../src/cli/prompting.js";
import { CACHE_DEFAULTS } from "./options.js";

export const cache: PromptSection = {
  async ask(answers, { prompts }) {
    const cache = { ...answers.cache };
    cache.kind ??= answered(
      await prompts.select({
        message: "Cache",
        options: [
          { value: "upstash" as const, label: "Upstash Redis", hint: "managed, private network" },
          { value: "redis-app" as const, label: "Redis app", hint: "your own Redis on a Fly Volume" },
          { value: "none" as const, label: "None" },
        ],
        initialValue: CACHE_DEFAULTS.kind,
      }),
    );
    answers.cache = cache;
  },
};
