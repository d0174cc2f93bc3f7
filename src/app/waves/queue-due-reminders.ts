import { and, eq, isNull, lte, notExists } from "drizzle-orm";
import { answerRevisions, invitations, people, regions, waveReminderSlots } from "../../db/schema.js";
import { invitationCard } from "../../domain/cards/survey-cards.js";
import type { AppContext } from "../context.js";
import { enqueue } from "../outbox/enqueue.js";
import type { DeliveryPayload } from "../outbox/payload.js";
import { findWave } from "./find-wave.js";

/**
 * Claims due reminder moments (each once, whichever replica gets there first) and queues a reminder for every
 * invitation of that wave without an answer. The worker checks again just before sending.
 */
export async function queueDueReminders(ctx: AppContext): Promise<number> {
  const claimed = await ctx.db
    .update(waveReminderSlots)
    .set({ claimedAt: ctx.now() })
    .where(and(isNull(waveReminderSlots.claimedAt), lte(waveReminderSlots.dueAt, ctx.now())))
    .returning();
  let queued = 0;
  for (const slot of claimed) queued += await queueRemindersForSlot(ctx, slot.waveId, slot.ordinal);
  return queued;
}

async function queueRemindersForSlot(ctx: AppContext, waveId: string, ordinal: number): Promise<number> {
  const wave = await findWave(ctx.db, waveId);
  if (wave.status !== "open") return 0;
  const open = await ctx.db
    .select({ invitation: invitations, locale: people.locale, regionName: regions.name })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .innerJoin(regions, eq(regions.id, invitations.regionId))
    .where(
      and(
        eq(invitations.waveId, waveId),
        notExists(
          ctx.db
            .select({ one: answerRevisions.id })
            .from(answerRevisions)
            .where(eq(answerRevisions.invitationId, invitations.id)),
        ),
      ),
    );
  const rows = open.map(({ invitation, locale, regionName }) => {
    const payload: DeliveryPayload = {
      type: "card",
      card: invitationCard({
        locale,
        timeZone: ctx.timeZone,
        invitationId: invitation.id,
        surveyTitle: wave.definition.title,
        waveName: wave.name,
        regionName,
        closesAt: wave.closesAt,
        state: { kind: "open" },
        reminder: true,
      }),
    };
    return {
      idempotencyKey: `remind:${waveId}:${invitation.personId}:${invitation.regionId}:${ordinal}`,
      kind: "survey-reminder" as const,
      personId: invitation.personId,
      invitationId: invitation.id,
      payload,
      dueAt: ctx.now(),
    };
  });
  await enqueue(ctx.db, rows);
  return rows.length;
}
