import type { InboundReply } from "../../app/inbound/inbound-turn.js";
import type { Card } from "../../domain/cards/card.js";
import { INVITATION_CARD_ACTION, noticeCard, SURVEY_SUBMIT_ACTION } from "../../domain/cards/survey-cards.js";
import { renderAdaptiveCard, renderAdaptiveForm } from "./render-adaptive.js";

/** Who looks at the card: on Teams, their user id, so a refreshable card refreshes for them alone. */
export type CardViewer = { refreshUserId?: string };

/** Renders a neutral card for one viewer; a card with a refresh action refreshes for that viewer only. */
export function liveCard(card: Card, viewer: CardViewer, notice?: string) {
  return renderAdaptiveCard(card, {
    notice,
    refresh:
      card.refresh && viewer.refreshUserId
        ? {
            verb: card.refresh.action,
            data: { value: card.refresh.value },
            userIds: [viewer.refreshUserId],
          }
        : undefined,
  });
}

/**
 * The Adaptive Card that answers an `Action.Execute` (Teams' invoke, the /local page's POST): it replaces the
 * clicked card for the person who clicked. Every reply is a card, a refusal too, so the person always sees
 * what happened where they clicked.
 */
export function adaptiveCardReply(reply: InboundReply, viewer: CardViewer): Record<string, unknown> {
  switch (reply.kind) {
    case "survey-form":
      // No refresh on the form: Teams would replace a half-filled form the next time the chat is opened.
      return renderAdaptiveForm(reply.form, {
        submitVerb: SURVEY_SUBMIT_ACTION,
        data: { invitationId: reply.invitationId },
        errors: reply.errors,
        notice: reply.notice,
        cancel: { verb: INVITATION_CARD_ACTION, data: { value: reply.invitationId } },
      });
    case "invitation":
    case "answer-saved":
      return liveCard(reply.card, viewer);
    case "message":
      return renderAdaptiveCard(reply.card ?? noticeCard(reply.text));
    case "refusal":
      return renderAdaptiveCard(noticeCard(reply.text));
    case "none":
      return renderAdaptiveCard(noticeCard(""));
  }
}
