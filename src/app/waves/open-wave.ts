import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { insertInChunks } from "../../db/insert-in-chunks.js";
import { invitations, memberships, organisations, waveReminderSlots, waves } from "../../db/schema.js";
import { calendarDateIn } from "../../domain/calendar-date.js";
import { planSurveyReminders } from "../../domain/reminders/plan-survey-reminders.js";
import { FINANCIER_TYPES } from "../../domain/vocabulary.js";
import { recordAudit } from "../audit.js";
import { membershipActiveOn } from "../membership-active.js";
import { enqueue } from "../outbox/enqueue.js";
import type { DeliveryPayload } from "../outbox/payload.js";
import { WaveInputError } from "./create-wave.js";
import { findWave } from "./find-wave.js";

/**
 * Opens a wave: one invitation per active contact person of a gemeente, zorgverzekeraar or zorgkantoor, per
 * region where their organisation is active, and one outbox row per invitation. Sending is the worker's job,
 * so opening for thousands of people is a few inserts. Opening twice changes nothing.
 */
export async function openWave(db: Db, nameOrId: string, options: { now: Date; timeZone: string }) {
  const wave = await findWave(db, nameOrId);
  if (wave.status !== "draft")
    throw new WaveInputError(
      `Ronde "${wave.name}" is al ${wave.status === "open" ? "geopend" : "gesloten"}.`,
    );
  if (wave.closesAt <= options.now)
    throw new WaveInputError(`Ronde "${wave.name}" sluit in het verleden; pas de sluitingsdatum aan.`);
  const today = calendarDateIn(options.timeZone, options.now);

  return db.transaction(async (tx) => {
    const [opened] = await tx
      .update(waves)
      .set({ status: "open", openedAt: options.now })
      .where(and(eq(waves.id, wave.id), eq(waves.status, "draft")))
      .returning();
    if (!opened) throw new WaveInputError(`Ronde "${wave.name}" is al geopend.`);

    const audience = await tx
      .select({
        personId: memberships.personId,
        regionId: memberships.regionId,
        organisationId: memberships.organisationId,
      })
      .from(memberships)
      .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
      .where(and(inArray(organisations.type, [...FINANCIER_TYPES]), membershipActiveOn(today)))
      .orderBy(memberships.personId, memberships.regionId, memberships.organisationId);
    // A person sits once per region, even with two roles or two memberships there.
    const unique = [...new Map(audience.map((a) => [`${a.personId}|${a.regionId}`, a])).values()];

    const created = await insertInChunks(
      tx,
      invitations,
      unique.map((a) => ({
        waveId: wave.id,
        personId: a.personId,
        regionId: a.regionId,
        organisationId: a.organisationId,
      })),
      { ignoreConflicts: true },
    );
    const outbox = created.map((invitation) => {
      // Made when it is sent: someone who answered meanwhile (on another platform) gets the answered card.
      const payload: DeliveryPayload = {
        type: "deferred",
        deferred: { kind: "survey-invitation", invitationId: invitation.id },
      };
      return {
        idempotencyKey: `invite:${wave.id}:${invitation.personId}:${invitation.regionId}`,
        kind: "survey-invitation" as const,
        personId: invitation.personId,
        invitationId: invitation.id,
        payload,
        dueAt: options.now,
      };
    });
    await enqueue(tx, outbox);

    const reminders = planSurveyReminders({
      opensAt: options.now,
      closesAt: wave.closesAt,
      offsetsDays: wave.reminderOffsetsDays,
      maxReminders: wave.maxReminders,
      timeZone: options.timeZone,
    });
    if (reminders.length) {
      await tx
        .insert(waveReminderSlots)
        .values(reminders.map((dueAt, ordinal) => ({ waveId: wave.id, ordinal: ordinal + 1, dueAt })));
    }
    await recordAudit(tx, {
      action: "wave.open",
      subjectType: "wave",
      subjectId: wave.id,
      details: { invitations: created.length },
    });
    return { wave: opened, invitations: created.length, reminders };
  });
}
