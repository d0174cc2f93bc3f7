import { isDeepStrictEqual } from "node:util";
import { and, eq, isNotNull } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { answerRevisions, deliveries } from "../../db/schema.js";
import { invitationCard } from "../../domain/cards/survey-cards.js";
import { type AnswerError, validateAnswers } from "../../domain/survey/validate-answers.js";
import { SurveyClosedError } from "../../domain/user-errors.js";
import type { Platform } from "../../domain/vocabulary.js";
import type { DeliveryPayload } from "../../jobs/deliver-outbox.js";
import type { MessageRef } from "../messenger.js";
import { isAcceptingAnswers, loadInvitation } from "./load-invitation.js";

export type RecordAnswerResult =
  | { ok: true; revision: number; answeredAt: Date; duplicate: boolean }
  | { ok: false; errors: AnswerError[] };

/**
 * Stores a person's answers as a new revision (the latest counts) and queues the update of their invitation
 * card. Submitting the same answers again adds nothing, so double clicks and redelivered requests are harmless.
 */
export async function recordAnswer(
  db: Db,
  input: {
    personId: string;
    invitationId: string;
    raw: Record<string, unknown>;
    via: Platform;
    now: Date;
    timeZone: string;
  },
): Promise<RecordAnswerResult> {
  const loaded = await loadInvitation(db, input.personId, input.invitationId);
  if (!isAcceptingAnswers(loaded.wave, input.now)) throw new SurveyClosedError();
  const validated = validateAnswers(loaded.definition, input.raw);
  if (!validated.ok) return validated;

  return db.transaction(async (tx) => {
    const { latest } = await loadInvitation(tx, input.personId, input.invitationId);
    if (latest && isDeepStrictEqual(latest.answers, validated.answers)) {
      return { ok: true as const, revision: latest.revision, answeredAt: latest.at, duplicate: true };
    }
    const revision = (latest?.revision ?? 0) + 1;
    // Two submissions racing for the same revision number: the unique key lets one win, the other fails whole.
    await tx.insert(answerRevisions).values({
      invitationId: input.invitationId,
      revision,
      answers: validated.answers,
      submittedVia: input.via,
      submittedAt: input.now,
    });
    const [sent] = await tx
      .select({ ref: deliveries.messageRef, personId: deliveries.personId })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.invitationId, input.invitationId),
          eq(deliveries.kind, "survey-invitation"),
          isNotNull(deliveries.messageRef),
        ),
      );
    if (sent?.ref) {
      const payload: DeliveryPayload = {
        type: "update",
        ref: sent.ref as MessageRef,
        card: invitationCard({
          locale: loaded.locale,
          timeZone: input.timeZone,
          invitationId: input.invitationId,
          surveyTitle: loaded.definition.title,
          waveName: loaded.wave.name,
          regionName: loaded.regionName,
          closesAt: loaded.wave.closesAt,
          state: { kind: "answered", at: input.now },
        }),
      };
      await tx.insert(deliveries).values({
        idempotencyKey: `answered:${input.invitationId}:${revision}`,
        kind: "card-update",
        personId: input.personId,
        payload,
        dueAt: input.now,
      });
    }
    return { ok: true as const, revision, answeredAt: input.now, duplicate: false };
  });
}
