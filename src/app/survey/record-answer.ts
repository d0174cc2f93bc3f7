import { isDeepStrictEqual } from "node:util";
import type { Db } from "../../db/client.js";
import { answerRevisions } from "../../db/schema.js";
import { answerReceipt } from "../../domain/cards/answer-receipt.js";
import type { Card } from "../../domain/cards/card.js";
import { invitationCard } from "../../domain/cards/survey-cards.js";
import { type AnswerError, validateAnswers } from "../../domain/survey/validate-answers.js";
import { SurveyClosedError } from "../../domain/user-errors.js";
import type { Platform } from "../../domain/vocabulary.js";
import type { MessageRef } from "../messenger.js";
import { enqueueWith } from "../outbox/enqueue.js";
import type { DeliveryPayload } from "../outbox/payload.js";
import { isAcceptingAnswers, loadInvitation } from "./load-invitation.js";

export type RecordAnswerResult =
  /** `card`: the person's invitation card as it now is (answered at `answeredAt`). */
  | { ok: true; revision: number; answeredAt: Date; duplicate: boolean; card: Card }
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
  try {
    return await recordAnswerOnce(db, input);
  } catch (error) {
    // Two submissions raced for the same revision number and this one lost: try once more, now seeing the
    // winner (identical answers then count as a duplicate, different ones become the next revision).
    if (isUniqueViolation(error)) return recordAnswerOnce(db, input);
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505") return true;
  }
  return false;
}

async function recordAnswerOnce(
  db: Db,
  input: Parameters<typeof recordAnswer>[1],
): Promise<RecordAnswerResult> {
  // One read, then one statement that only writes. What was read is what is written on: a submission that got
  // in between takes this revision number first, and the unique key sends this one back to read again (see
  // recordAnswer). A failure writes nothing.
  const loaded = await loadInvitation(db, input.personId, input.invitationId);
  if (!isAcceptingAnswers(loaded.wave, input.now)) throw new SurveyClosedError();
  const validated = validateAnswers(loaded.definition, input.raw);
  if (!validated.ok) return validated;
  const answeredCard = (at: Date) =>
    invitationCard({
      locale: loaded.locale,
      timeZone: input.timeZone,
      invitationId: input.invitationId,
      surveyTitle: loaded.definition.title,
      waveName: loaded.wave.name,
      regionName: loaded.regionName,
      closesAt: loaded.wave.closesAt,
      state: {
        kind: "answered",
        at,
        receipt: answerReceipt(loaded.definition, validated.answers, loaded.locale),
      },
    });
  const { latest } = loaded;
  if (latest && isDeepStrictEqual(latest.answers, validated.answers)) {
    const card = answeredCard(latest.at);
    return { ok: true, revision: latest.revision, answeredAt: latest.at, duplicate: true, card };
  }
  const revision = (latest?.revision ?? 0) + 1;
  const card = answeredCard(input.now);
  const storeRevision = db.insert(answerRevisions).values({
    invitationId: input.invitationId,
    revision,
    answers: validated.answers,
    submittedVia: input.via,
    submittedAt: input.now,
  });
  // The revision and the update of the card it was sent as, together or not at all, in one round trip. The
  // replica that took the answer wakes its own worker for the update (survey-form.ts).
  if (loaded.sentCard) {
    await enqueueWith(db, storeRevision, {
      idempotencyKey: `answered:${input.invitationId}:${revision}`,
      kind: "card-update",
      personId: input.personId,
      payload: { type: "update", ref: loaded.sentCard as MessageRef, card } satisfies DeliveryPayload,
      dueAt: input.now,
    });
  } else await storeRevision;
  return { ok: true, revision, answeredAt: input.now, duplicate: false, card };
}
