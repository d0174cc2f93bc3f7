import { CARD_ACTIONS, runCardAction } from "../../app/commands/card-actions.js";
import type { AppContext } from "../../app/context.js";
import type { KnownPerson } from "../../app/identify-person.js";
import { currentInvitationCard } from "../../app/survey/current-invitation-card.js";
import { isAcceptingAnswers, loadInvitation } from "../../app/survey/load-invitation.js";
import { recordAnswer } from "../../app/survey/record-answer.js";
import type { Card } from "../../domain/cards/card.js";
import {
  INVITATION_CARD_ACTION,
  noticeCard,
  OPEN_SURVEY_ACTION,
  surveyForm,
} from "../../domain/cards/survey-cards.js";
import { describeAnswerError, validateAnswers } from "../../domain/survey/validate-answers.js";
import { SurveyClosedError } from "../../domain/user-errors.js";
import type { Platform } from "../../domain/vocabulary.js";
import { readAdaptiveFormValues, renderAdaptiveCard, renderAdaptiveForm } from "./render-adaptive.js";

/*
 * What an `Action.Execute` in one of our Adaptive Cards does, the same for every platform that renders them
 * (Teams' `adaptiveCard/action` invoke, the /local page's POST): the survey form, its submit, the invitation
 * card as it is now, and the table's buttons. Each answers with the Adaptive Card that replaces the clicked one
 * for the person who clicked.
 */

export const SURVEY_SUBMIT_VERB = "survey_submit";

/** The verbs answered here. */
export const ADAPTIVE_CARD_VERBS = [
  ...CARD_ACTIONS,
  OPEN_SURVEY_ACTION,
  INVITATION_CARD_ACTION,
  SURVEY_SUBMIT_VERB,
] as const;

/**
 * Who is looking at the card and where: their person, the platform that records their answers, and (Teams) the
 * user id for the card's refresh, so a refreshable card refreshes for them alone.
 */
export type CardViewer = { person: KnownPerson; via: Platform; refreshUserId?: string };

/** Renders a neutral card for one viewer; a card with a refresh action refreshes for that viewer only. */
export function liveCard(card: Card, viewer: { refreshUserId?: string }, notice?: string) {
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
 * One `Action.Execute`: `verb` and `data` as the card posted them. `kick` wakes the outbox after something was
 * queued (the stored invitation card's update, a channel message).
 */
export async function runAdaptiveCardAction(
  ctx: AppContext,
  viewer: CardViewer,
  verb: string,
  data: Record<string, unknown>,
  kick: () => void,
): Promise<Record<string, unknown>> {
  const invitationId = typeof data.value === "string" ? data.value : "";
  switch (verb) {
    case OPEN_SURVEY_ACTION:
      return surveyFormCard(ctx, viewer, invitationId);
    case INVITATION_CARD_ACTION:
      return invitationCardFor(ctx, viewer, invitationId);
    case SURVEY_SUBMIT_VERB: {
      const card = await submitSurveyCard(ctx, viewer, data);
      kick();
      return card;
    }
    default: {
      // The table's buttons (topic guard, handover task): answered with a short card saying what was done.
      const reply = await runCardAction(ctx, {
        person: viewer.person,
        locale: viewer.person.locale,
        actionId: verb,
        value: typeof data.value === "string" ? data.value : "",
      });
      kick();
      return renderAdaptiveCard(noticeCard(reply.text));
    }
  }
}

/** The invitation card as this person should see it now, refreshable by them alone. */
export async function invitationCardFor(ctx: AppContext, viewer: CardViewer, invitationId: string) {
  return liveCard(await currentInvitationCard(ctx, { personId: viewer.person.id, invitationId }), viewer);
}

/** "Invullen" / "Wijzigen": the questions inline in the card, with the latest answers filled in. */
export async function surveyFormCard(
  ctx: AppContext,
  viewer: CardViewer,
  invitationId: string,
  feedback: { raw?: Record<string, unknown>; errors?: Record<string, string>; notice?: string } = {},
) {
  const loaded = await loadInvitation(ctx.db, viewer.person.id, invitationId);
  if (!isAcceptingAnswers(loaded.wave, ctx.now())) throw new SurveyClosedError();
  const form = surveyForm(loaded.definition, viewer.person.locale, loaded.regionName, loaded.latest?.answers);
  // After refused input the form shows what the person typed, not what was stored before.
  const shown = feedback.raw ? withValues(form, feedback.raw) : form;
  // No refresh on the form: Teams would replace a half-filled form the next time the chat is opened.
  return renderAdaptiveForm(shown, {
    submitVerb: SURVEY_SUBMIT_VERB,
    data: { invitationId },
    errors: feedback.errors,
    notice: feedback.notice,
    cancel: { verb: INVITATION_CARD_ACTION, data: { value: invitationId } },
  });
}

/**
 * The submit of the inline form: checked against the wave's definition; errors come back in the form, in the
 * person's language; a valid answer is stored as a revision and the card becomes "ingevuld op … — wijzigen".
 */
export async function submitSurveyCard(ctx: AppContext, viewer: CardViewer, data: Record<string, unknown>) {
  const invitationId = typeof data.invitationId === "string" ? data.invitationId : "";
  const { locale } = viewer.person;
  const loaded = await loadInvitation(ctx.db, viewer.person.id, invitationId);
  if (!isAcceptingAnswers(loaded.wave, ctx.now())) throw new SurveyClosedError();
  const form = surveyForm(loaded.definition, locale, loaded.regionName);
  const raw = readAdaptiveFormValues(form, data);
  const checked = validateAnswers(loaded.definition, raw);
  const result = checked.ok
    ? await recordAnswer(ctx.db, {
        personId: viewer.person.id,
        invitationId,
        raw,
        via: viewer.via,
        now: ctx.now(),
        timeZone: ctx.timeZone,
      })
    : checked;
  if (!result.ok) {
    const errors = Object.fromEntries(
      result.errors.map((e) => [e.questionId, describeAnswerError(e, locale)]),
    );
    return surveyFormCard(ctx, viewer, invitationId, {
      raw,
      errors,
      notice: locale === "en" ? "Please check the marked answers." : "Controleer de gemarkeerde antwoorden.",
    });
  }
  return invitationCardFor(ctx, viewer, invitationId);
}

/** The form's fields with these raw values (as typed) instead of the stored ones. */
function withValues(form: ReturnType<typeof surveyForm>, raw: Record<string, unknown>) {
  return {
    ...form,
    sections: form.sections.map((section) => ({
      ...section,
      fields: section.fields.map((field) => {
        const value = raw[field.id];
        switch (field.kind) {
          case "yes_no":
            return { ...field, value: value === "true" ? true : value === "false" ? false : undefined };
          case "scale":
            return { ...field, value: typeof value === "string" && value !== "" ? Number(value) : undefined };
          case "multi_choice":
            return { ...field, value: Array.isArray(value) ? value.map(String) : undefined };
          default:
            return { ...field, value: typeof value === "string" ? value : undefined };
        }
      }),
    })),
  };
}
