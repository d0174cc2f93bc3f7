import { and, desc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { answerRevisions, invitations, organisations, surveyDefinitions, waves } from "../../db/schema.js";
import type { Answers, SurveyDefinition } from "../../domain/survey/definition.js";
import type { RespondentRecord } from "../../domain/survey/summarise-region.js";
import { storedDefinition } from "./stored-definition.js";

export type RegionRound = {
  wave: typeof waves.$inferSelect;
  definition: SurveyDefinition;
  /** One per invitation in the region, with its latest answers; no identity. */
  records: RespondentRecord[];
};

/**
 * A region's survey round as the summary and the chairs' texts read it: the given wave, or the region's
 * latest open or closed one; undefined when there is none.
 */
export async function loadRegionRound(
  db: Queryable,
  input: { regionId: string; waveId?: string },
): Promise<RegionRound | undefined> {
  const [found] = await db
    .select({ wave: waves, definition: surveyDefinitions.definition })
    .from(waves)
    .innerJoin(surveyDefinitions, eq(surveyDefinitions.id, waves.surveyDefinitionId))
    .where(
      input.waveId
        ? eq(waves.id, input.waveId)
        : and(
            inArray(waves.status, ["open", "closed"]),
            inArray(
              waves.id,
              db
                .select({ id: invitations.waveId })
                .from(invitations)
                .where(eq(invitations.regionId, input.regionId)),
            ),
          ),
    )
    .orderBy(desc(waves.opensAt))
    .limit(1);
  if (!found) return undefined;
  const definition = storedDefinition(found.wave.surveyDefinitionId, found.definition);

  const rows = await db
    .select({
      invitationId: invitations.id,
      organisationType: organisations.type,
      revision: answerRevisions.revision,
      answers: answerRevisions.answers,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .leftJoin(answerRevisions, eq(answerRevisions.invitationId, invitations.id))
    .where(and(eq(invitations.waveId, found.wave.id), eq(invitations.regionId, input.regionId)))
    .orderBy(invitations.id, answerRevisions.revision);
  // Ordered by revision, so the last row of each invitation holds its latest answers.
  const latest = new Map(rows.map((r) => [r.invitationId, r]));
  const records = [...latest.values()].map((r) => ({
    organisationType: r.organisationType,
    answers: (r.answers as Answers | null) ?? undefined,
  }));
  return { wave: found.wave, definition, records };
}
