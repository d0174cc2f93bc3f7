import type { AppContext } from "../../app/context.js";
import type { KnownPerson } from "../../app/identify-person.js";
import { currentInvitationCard } from "../../app/survey/current-invitation-card.js";
import { isAcceptingAnswers, loadInvitation } from "../../app/survey/load-invitation.js";
import { recordAnswer } from "../../app/survey/record-answer.js";
import type { Card } from "../../domain/cards/card.js";
import { INVITATION_CARD_ACTION, surveyForm } from "../../domain/cards/survey-cards.js";
import { describeAnswerError, validateAnswers } from "../../domain/survey/validate-answers.js";
import { SurveyClosedError } from "../../domain/user-errors.js";
import { readAdaptiveFormValues, renderAdaptiveCard, renderAdaptiveForm } from "../cards/render-adaptive.js";

export const SURVEY_SUBMIT_VERB = "survey_submit";

/** Who is looking at the card: their person, and their Teams user id for the card's refresh. */
export type CardViewer = { person: KnownPerson; teamsUserId: string };

/** The invitation card as this person should see it now, refreshable by them alone. */
export async function invitationCardFor(ctx: AppContext, viewer: CardViewer, invitationId: string) {
  return liveCard(await currentInvitationCard(ctx, { personId: viewer.person.id, invitationId }), viewer);
}

/** Renders a neutral card for one Teams user; a card with a refresh action refreshes for that user only. */
export function liveCard(card: Card, viewer: { teamsUserId: string }, notice?: string) {
  return renderAdaptiveCard(card, {
    notice,
    refresh: card.refresh
      ? {
          verb: card.refresh.action,
          data: { value: card.refresh.value },
          userIds: [viewer.teamsUserId],
        }
      : undefined,
  });
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
        via: "teams",
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
