import { answerReceipt } from "../../domain/cards/answer-receipt.js";
import type { Card } from "../../domain/cards/card.js";
import { invitationCard } from "../../domain/cards/survey-cards.js";
import type { AppContext } from "../context.js";
import { isAcceptingAnswers, loadInvitation } from "./load-invitation.js";

/** The invitation card as it should look now for its person: open, answered (when) or closed. */
export async function currentInvitationCard(
  ctx: AppContext,
  input: { personId: string; invitationId: string },
): Promise<Card> {
  const loaded = await loadInvitation(ctx.db, input.personId, input.invitationId);
  const { latest } = loaded;
  const answeredAt = latest?.at;
  return invitationCard({
    locale: loaded.locale,
    timeZone: ctx.timeZone,
    invitationId: input.invitationId,
    surveyTitle: loaded.definition.title,
    waveName: loaded.wave.name,
    regionName: loaded.regionName,
    closesAt: loaded.wave.closesAt,
    state: !isAcceptingAnswers(loaded.wave, ctx.now())
      ? { kind: "closed", answeredAt }
      : latest
        ? {
            kind: "answered",
            at: latest.at,
            receipt: answerReceipt(loaded.definition, latest.answers, loaded.locale),
          }
        : { kind: "open" },
  });
}
