import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { surveyDefinitions, waves } from "../../db/schema.js";
import { RegiotafelError } from "../../domain/errors.js";
import { findSurveyDefinition } from "../../domain/survey/definitions/index.js";
import { recordAudit } from "../audit.js";

export class WaveInputError extends RegiotafelError {
  readonly code = "WAVE_INPUT";
}

export type CreateWaveInput = {
  surveyKey: string;
  name: string;
  opensAt: Date;
  closesAt: Date;
  reminderOffsetsDays?: number[];
  maxReminders?: number;
};

/** A draft wave that pins the current version of its survey definition. */
export async function createWave(db: Db, input: CreateWaveInput) {
  const definition = findSurveyDefinition(input.surveyKey);
  if (!definition)
    throw new WaveInputError(`Vragenlijst "${input.surveyKey}" bestaat niet (kies venster of evaluatie).`);
  if (input.closesAt <= input.opensAt)
    throw new WaveInputError("De sluitingsdatum moet na de openingsdatum liggen.");
  return db.transaction(async (tx) => {
    await tx
      .insert(surveyDefinitions)
      .values({ key: definition.key, version: definition.version, definition })
      .onConflictDoNothing();
    const [stored] = await tx
      .select({ id: surveyDefinitions.id })
      .from(surveyDefinitions)
      .where(
        and(eq(surveyDefinitions.key, definition.key), eq(surveyDefinitions.version, definition.version)),
      );
    const [existing] = await tx.select({ id: waves.id }).from(waves).where(eq(waves.name, input.name));
    if (existing) throw new WaveInputError(`Er bestaat al een ronde "${input.name}".`);
    const [wave] = await tx
      .insert(waves)
      .values({
        surveyDefinitionId: (stored as { id: string }).id,
        name: input.name,
        opensAt: input.opensAt,
        closesAt: input.closesAt,
        ...(input.reminderOffsetsDays ? { reminderOffsetsDays: input.reminderOffsetsDays } : {}),
        ...(input.maxReminders !== undefined ? { maxReminders: input.maxReminders } : {}),
      })
      .returning();
    await recordAudit(tx, {
      action: "wave.create",
      subjectType: "wave",
      subjectId: wave?.id,
      details: { name: input.name },
    });
    return wave as typeof waves.$inferSelect;
  });
}
