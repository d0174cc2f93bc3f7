import { and, eq, inArray, isNotNull, lte } from "drizzle-orm";
import {
  answerRevisions,
  channelBindings,
  deliveries,
  invitations,
  people,
  regions,
  waves,
} from "../../db/schema.js";
import { invitationCard } from "../../domain/cards/survey-cards.js";
import { recordAudit } from "../audit.js";
import type { AppContext } from "../context.js";
import type { MessageRef } from "../messenger.js";
import { enqueue } from "../outbox/enqueue.js";
import type { DeliveryPayload } from "../outbox/payload.js";
import { queueRegionSummary } from "../survey/post-region-summary.js";
import { WaveInputError } from "./create-wave.js";
import { findWave } from "./find-wave.js";

/**
 * Closes an open wave: every sent invitation card is updated to say so, and each region channel gets its
 * summary. The status change is the claim, so a manual close and the automatic one never both run.
 */
export async function closeWave(ctx: AppContext, nameOrId: string): Promise<{ closed: boolean }> {
  const wave = await findWave(ctx.db, nameOrId);
  return ctx.db.transaction(async (tx) => {
    const [closed] = await tx
      .update(waves)
      .set({ status: "closed", closedAt: ctx.now() })
      .where(and(eq(waves.id, wave.id), eq(waves.status, "open")))
      .returning();
    if (!closed) {
      if (wave.status === "closed") return { closed: false };
      throw new WaveInputError(`Ronde "${wave.name}" is nog niet geopend.`);
    }

    const sent = await tx
      .select({
        invitation: invitations,
        ref: deliveries.messageRef,
        locale: people.locale,
        regionName: regions.name,
      })
      .from(deliveries)
      .innerJoin(invitations, eq(invitations.id, deliveries.invitationId))
      .innerJoin(people, eq(people.id, invitations.personId))
      .innerJoin(regions, eq(regions.id, invitations.regionId))
      .where(
        and(
          eq(invitations.waveId, wave.id),
          eq(deliveries.kind, "survey-invitation"),
          isNotNull(deliveries.messageRef),
        ),
      );
    const answeredAt = new Map(
      (
        await tx
          .select({ invitationId: answerRevisions.invitationId, at: answerRevisions.submittedAt })
          .from(answerRevisions)
          .innerJoin(invitations, eq(invitations.id, answerRevisions.invitationId))
          .where(eq(invitations.waveId, wave.id))
      ).map((r) => [r.invitationId, r.at]),
    );
    const updates = sent.map(({ invitation, ref, locale, regionName }) => {
      const payload: DeliveryPayload = {
        type: "update",
        ref: ref as MessageRef,
        card: invitationCard({
          locale,
          timeZone: ctx.timeZone,
          invitationId: invitation.id,
          surveyTitle: wave.definition.title,
          waveName: wave.name,
          regionName,
          closesAt: wave.closesAt,
          state: { kind: "closed", answeredAt: answeredAt.get(invitation.id) },
        }),
      };
      return {
        idempotencyKey: `closed:${invitation.id}`,
        kind: "card-update" as const,
        personId: invitation.personId,
        payload,
        dueAt: ctx.now(),
      };
    });
    await enqueue(tx, updates);

    const bindings = await tx
      .select({ id: channelBindings.id })
      .from(channelBindings)
      .where(
        and(
          eq(channelBindings.purpose, "region"),
          inArray(
            channelBindings.regionId,
            tx.select({ id: invitations.regionId }).from(invitations).where(eq(invitations.waveId, wave.id)),
          ),
        ),
      );
    for (const binding of bindings) {
      await queueRegionSummary(ctx, tx, { bindingId: binding.id, waveId: wave.id, occasion: "close" });
    }
    await recordAudit(tx, { action: "wave.close", subjectType: "wave", subjectId: wave.id });
    return { closed: true };
  });
}

/** The scheduler's part: close every open wave whose close time has passed. */
export async function closeDueWaves(ctx: AppContext): Promise<number> {
  const due = await ctx.db
    .select({ id: waves.id })
    .from(waves)
    .where(and(eq(waves.status, "open"), lte(waves.closesAt, ctx.now())));
  let closed = 0;
  for (const wave of due) if ((await closeWave(ctx, wave.id)).closed) closed++;
  return closed;
}
