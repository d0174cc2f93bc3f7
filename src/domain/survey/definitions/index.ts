import { type SurveyDefinition, SurveyDefinitionSchema } from "../definition.js";
import { evaluatieDefinition } from "./evaluatie.js";
import { vensterDefinition } from "./venster.js";

/** Every survey definition the product knows, parsed so that all defaults are filled in. */
export const SURVEY_DEFINITIONS: readonly SurveyDefinition[] = Object.freeze(
  [vensterDefinition, evaluatieDefinition].map((definition) => SurveyDefinitionSchema.parse(definition)),
);

/** The definition with this key and version; without a version, the latest version of that key. */
export function findSurveyDefinition(key: string, version?: number): SurveyDefinition | undefined {
  let found: SurveyDefinition | undefined;
  for (const definition of SURVEY_DEFINITIONS) {
    if (definition.key !== key) continue;
    if (version !== undefined) {
      if (definition.version === version) return definition;
    } else if (!found || definition.version > found.version) {
      found = definition;
    }
  }
  return found;
}
