import { type SurveyDefinition, SurveyDefinitionSchema } from "../../domain/survey/definition.js";

// A stored definition version never changes, so each is validated once per process, not on every answer.
const parsed = new Map<string, SurveyDefinition>();

/** The survey definition stored under `id` (survey_definitions.id), validated with zod at this edge. */
export function storedDefinition(id: string, json: unknown): SurveyDefinition {
  let definition = parsed.get(id);
  if (!definition) {
    definition = SurveyDefinitionSchema.parse(json);
    parsed.set(id, definition);
  }
  return definition;
}

/** Whether the definition stored under `id` was validated in this process already (its JSON is not needed). */
export const isStoredDefinitionKnown = (id: string): boolean => parsed.has(id);
