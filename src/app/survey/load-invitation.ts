import { and, desc, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { answerRevisions, invitations, people, regions, surveyDefinitions, waves } from "../../db/schema.js";
import type { Answers } from "../../domain/survey/definition.js";
import { NotInvitedError } from "../../domain/user-errors.js";
import { storedDefinition } from "./stored-definition.js";

/** An invitation of this person with its wave, definition and latest answers; refuses anyone else's. */
export async function loadInvitation(db: Queryable, personId: string, invitationId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(invitationId)) throw new NotInvitedError();
  const [row] = await db
    .select({
      invitation: invitations,
      wave: waves,
      definition: surveyDefinitions.definition,
      regionName: regions.name,
      locale: people.locale,
    })
    .from(invitations)
    .innerJoin(waves, eq(waves.id, invitations.waveId))
    .innerJoin(surveyDefinitions, eq(surveyDefinitions.id, waves.surveyDefinitionId))
    .innerJoin(regions, eq(regions.id, invitations.regionId))
    .innerJoin(people, eq(people.id, invitations.personId))
    .where(and(eq(invitations.id, invitationId), eq(invitations.personId, personId)));
  if (!row) throw new NotInvitedError();
  const [latest] = await db
    .select()
    .from(answerRevisions)
    .where(eq(answerRevisions.invitationId, invitationId))
    .orderBy(desc(answerRevisions.revision))
    .limit(1);
  return {
    ...row,
    definition: storedDefinition(row.wave.surveyDefinitionId, row.definition),
    latest: latest
      ? { revision: latest.revision, answers: latest.answers as Answers, at: latest.submittedAt }
      : undefined,
  };
}

export const isAcceptingAnswers = (wave: { status: string; closesAt: Date }, now: Date) =>
  wave.status === "open" && now < wave.closesAt;
