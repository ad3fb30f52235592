/** Asks for the project's name, its regions and its primary region. */
import { answered, type PromptSection, regionOptions } from "../../src/cli/prompting.js";
import { dnsLabelProblem } from "../../src/spec/fields.js";
import { REGION_CODES, type Region } from "../../src/spec/regions.js";
import { DEFAULT_REGIONS, NAME_MAX } from "./options.js";

export const base: PromptSection = {
  async ask(answers, { prompts, suggestedName, checkTarget }) {
    answers.name ??= answered(
      await prompts.text({
        message: "Project name (the base of your Fly app names)",
        placeholder: "my-fly-app",
        initialValue: suggestedName && !dnsLabelProblem(suggestedName, NAME_MAX) ? suggestedName : "",
        validate: (value) => {
          const problem = dnsLabelProblem(value ?? "", NAME_MAX);
          return problem ? `The name ${problem}` : undefined;
        },
      }),
    );
    checkTarget(answers.name);

    // A primary region given as a flag must be among the regions: asked again until it is, rather
    // than failing after every other question.
    const givenPrimary = answers.primaryRegion;
    while (answers.regions === undefined) {
      const chosen = answered(
        await prompts.multiselect<Region>({
          message: "Regions for the web tier (space to toggle)",
          options: regionOptions(REGION_CODES),
          initialValues: givenPrimary && REGION_CODES.includes(givenPrimary) ? [givenPrimary] : [...DEFAULT_REGIONS],
          required: true,
        }),
      );
      if (givenPrimary && !chosen.includes(givenPrimary)) {
        prompts.log.error(`--primary-region ${givenPrimary} must be one of the regions: select it too.`);
      } else {
        answers.regions = chosen;
      }
    }
    const regions = answers.regions;

    answers.primaryRegion ??=
      regions.length === 1
        ? regions[0]
        : answered(
            await prompts.select<Region>({
              message: "Primary region (database primary, writes and the worker)",
              options: regionOptions(regions),
              initialValue: regions[0],
            }),
          );
  },
};
