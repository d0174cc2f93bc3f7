import { eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { surveyDefinitions, waves } from "../../db/schema.js";
import { RegiotafelError } from "../../domain/errors.js";
import type { SurveyDefinition } from "../../domain/survey/definition.js";
import { storedDefinition } from "../survey/stored-definition.js";

export class WaveNotFoundError extends RegiotafelError {
  readonly code = "WAVE_NOT_FOUND";
  constructor(name: string) {
    super(`Ronde "${name}" bestaat niet.`);
  }
}

export type WaveWithDefinition = typeof waves.$inferSelect & { definition: SurveyDefinition };

/** A wave by name or id, with the survey definition version it pinned. */
export async function findWave(db: Queryable, nameOrId: string): Promise<WaveWithDefinition> {
  const isUuid = /^[0-9a-f-]{36}$/i.test(nameOrId);
  const [row] = await db
    .select({ wave: waves, definition: surveyDefinitions.definition })
    .from(waves)
    .innerJoin(surveyDefinitions, eq(surveyDefinitions.id, waves.surveyDefinitionId))
    .where(isUuid ? eq(waves.id, nameOrId) : eq(waves.name, nameOrId));
  if (!row) throw new WaveNotFoundError(nameOrId);
  return { ...row.wave, definition: storedDefinition(row.wave.surveyDefinitionId, row.definition) };
}
