import { and, count, countDistinct, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  answerRevisions,
  deliveries,
  invitations,
  organisations,
  platformIdentities,
} from "../../db/schema.js";
import type { OrganisationType } from "../../domain/vocabulary.js";
import { UNREACHABLE_PREFIX } from "../outbox/payload.js";
import { findWave } from "./find-wave.js";

export type WaveStatusRow = {
  organisationType: OrganisationType;
  invited: number;
  delivered: number;
  answered: number;
  undeliverable: number;
  /** Invited people a platform refused to reach (blocked the bot, removed it, disabled by an admin). */
  unreachable: number;
};

/** Invited, delivered, answered, dead-lettered and unreachable, per organisation type. */
export async function waveStatus(db: Db, nameOrId: string) {
  const wave = await findWave(db, nameOrId);
  const rows = await db
    .select({
      organisationType: organisations.type,
      invited: countDistinct(invitations.id),
      delivered:
        sql<number>`count(distinct ${invitations.id}) filter (where ${deliveries.status} = 'sent')`.mapWith(
          Number,
        ),
      undeliverable:
        sql<number>`count(distinct ${invitations.id}) filter (where ${deliveries.status} = 'dead')`.mapWith(
          Number,
        ),
      unreachable:
        sql<number>`count(distinct ${invitations.id}) filter (where (${deliveries.status} = 'dead' and ${deliveries.lastError} like ${`${UNREACHABLE_PREFIX}%`}) or exists (select 1 from ${platformIdentities} where ${platformIdentities.personId} = ${invitations.personId} and ${platformIdentities.unreachableSince} is not null))`.mapWith(
          Number,
        ),
      answered:
        sql<number>`count(distinct ${invitations.id}) filter (where exists (select 1 from ${answerRevisions} where ${answerRevisions.invitationId} = ${invitations.id}))`.mapWith(
          Number,
        ),
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .leftJoin(
      deliveries,
      and(eq(deliveries.invitationId, invitations.id), eq(deliveries.kind, "survey-invitation")),
    )
    .where(eq(invitations.waveId, wave.id))
    .groupBy(organisations.type)
    .orderBy(organisations.type);
  const pending = await db
    .select({ n: count() })
    .from(deliveries)
    .innerJoin(invitations, eq(invitations.id, deliveries.invitationId))
    .where(and(eq(invitations.waveId, wave.id), sql`${deliveries.status} in ('pending', 'sending')`));
  return { wave, rows: rows as WaveStatusRow[], pendingDeliveries: pending[0]?.n ?? 0 };
}
