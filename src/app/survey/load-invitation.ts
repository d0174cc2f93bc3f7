import { and, eq, sql } from "drizzle-orm";
import type { Db, Queryable } from "../../db/client.js";
import { preparedPerDatabase } from "../../db/prepared.js";
import { invitations, people, regions, surveyDefinitions, waves } from "../../db/schema.js";
import type { Answers, SurveyDefinition } from "../../domain/survey/definition.js";
import { NotInvitedError } from "../../domain/user-errors.js";
import { isStoredDefinitionKnown, storedDefinition } from "./stored-definition.js";

type LatestRevision = { revision: number; answers: Answers; at: Date };

/**
 * An invitation of this person with its wave, definition and latest answers, and where its card was sent;
 * refuses anyone else's. One query: it runs in every survey answer's transaction (the definition's JSON is
 * read only the first time this process meets that version — it never changes).
 */
export async function loadInvitation(db: Db, personId: string, invitationId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(invitationId)) throw new NotInvitedError();
  const [row] = await invitationQuery(db).execute({ personId, invitationId });
  if (!row) throw new NotInvitedError();
  const latest: LatestRevision | undefined = row.latest
    ? { revision: row.latest.revision, answers: row.latest.answers, at: new Date(row.latest.at) }
    : undefined;
  return {
    invitation: row.invitation,
    wave: row.wave,
    regionName: row.regionName,
    locale: row.locale,
    definition: await definitionOf(db, row.wave.surveyDefinitionId),
    latest,
    /** The message reference of the invitation card, once the outbox has sent it. */
    sentCard: row.sentCard ?? undefined,
  };
}

const invitationQuery = preparedPerDatabase((db) =>
  db
    .select({
      invitation: invitations,
      wave: waves,
      regionName: regions.name,
      locale: people.locale,
      latest: sql<{ revision: number; answers: Answers; at: string } | null>`(
        select json_build_object('revision', r.revision, 'answers', r.answers, 'at', r.submitted_at)
        from answer_revisions r where r.invitation_id = ${invitations.id}
        order by r.revision desc limit 1)`,
      sentCard: sql<unknown>`(
        select d.message_ref from deliveries d
        where d.invitation_id = ${invitations.id} and d.kind = 'survey-invitation' and d.message_ref is not null
        limit 1)`,
    })
    .from(invitations)
    .innerJoin(waves, eq(waves.id, invitations.waveId))
    .innerJoin(regions, eq(regions.id, invitations.regionId))
    .innerJoin(people, eq(people.id, invitations.personId))
    .where(
      and(
        eq(invitations.id, sql.placeholder("invitationId")),
        eq(invitations.personId, sql.placeholder("personId")),
      ),
    )
    .prepare("load_invitation"),
);

async function definitionOf(db: Queryable, id: string): Promise<SurveyDefinition> {
  if (isStoredDefinitionKnown(id)) return storedDefinition(id, undefined);
  const [stored] = await db
    .select({ definition: surveyDefinitions.definition })
    .from(surveyDefinitions)
    .where(eq(surveyDefinitions.id, id));
  return storedDefinition(id, stored?.definition);
}

export const isAcceptingAnswers = (wave: { status: string; closesAt: Date }, now: Date) =>
  wave.status === "open" && now < wave.closesAt;
