import { surveyForm, surveyFormWithErrors, surveyFormWithValues } from "../../domain/cards/survey-cards.js";
import { formatDateTime, pick } from "../../domain/i18n.js";
import { explainAnswerError } from "../../domain/survey/answer-messages.js";
import type { AnswerError } from "../../domain/survey/validate-answers.js";
import { SurveyClosedError } from "../../domain/user-errors.js";
import type { Platform } from "../../domain/vocabulary.js";
import type { AppContext } from "../context.js";
import type { KnownPerson } from "../identify-person.js";
import type { InboundReply } from "../inbound/inbound-turn.js";
import { currentInvitationCard } from "./current-invitation-card.js";
import { isAcceptingAnswers, loadInvitation } from "./load-invitation.js";
import { recordAnswer } from "./record-answer.js";

type SurveyFormReply = Extract<InboundReply, { kind: "survey-form" }>;

/*
 * The survey as a person meets it in a chat, the same on every platform: the form of their invitation (with
 * their latest answers), the invitation card as it now is, and sending the form back.
 */

/** "Invullen" / "Wijzigen": the form with the latest answers filled in, or with what was just sent back. */
export async function openSurveyForm(
  ctx: AppContext,
  person: KnownPerson,
  invitationId: string,
  shown: { raw?: Record<string, unknown>; errors?: AnswerError[]; notice?: string } = {},
): Promise<SurveyFormReply> {
  const loaded = await loadInvitation(ctx.db, person.id, invitationId);
  if (!isAcceptingAnswers(loaded.wave, ctx.now())) throw new SurveyClosedError();
  const { definition } = loaded;
  const { locale } = person;
  const form = surveyForm(definition, locale, loaded.regionName, loaded.latest?.answers);
  const errors = shown.errors ?? [];
  return {
    kind: "survey-form",
    invitationId,
    survey: { key: definition.key, version: definition.version },
    regionName: loaded.regionName,
    form:
      shown.raw && errors.length
        ? surveyFormWithErrors(definition, form, shown.raw, errors, locale)
        : shown.raw
          ? surveyFormWithValues(form, shown.raw)
          : form,
    ...(errors.length
      ? {
          errors: Object.fromEntries(
            errors.map((e) => [e.questionId, explainAnswerError(definition, e, locale)]),
          ),
        }
      : {}),
    ...(shown.notice ? { notice: shown.notice } : {}),
  };
}

/** The invitation card as this person should see it now (Teams asks for it when the card is shown). */
export async function showInvitation(
  ctx: AppContext,
  person: KnownPerson,
  invitationId: string,
): Promise<InboundReply> {
  return {
    kind: "invitation",
    card: await currentInvitationCard(ctx, { personId: person.id, invitationId }),
  };
}

/**
 * The form sent back: checked against the wave's definition and stored as a revision in one transaction
 * (`recordAnswer`); only then is the person thanked. Errors come back in the form, in the person's language.
 * Sending the same answers again stores nothing and thanks them again, so a redelivery is harmless.
 */
export async function submitSurveyAnswers(
  ctx: AppContext,
  input: {
    person: KnownPerson;
    via: Platform;
    invitationId: string;
    answers: Record<string, unknown>;
    kick: () => void;
  },
): Promise<InboundReply> {
  const { person, invitationId } = input;
  const { locale } = person;
  const result = await recordAnswer(ctx.db, {
    personId: person.id,
    invitationId,
    raw: input.answers,
    via: input.via,
    now: ctx.now(),
    timeZone: ctx.timeZone,
  });
  if (!result.ok) {
    // The form's own summary says what to check; no notice above it.
    return openSurveyForm(ctx, person, invitationId, { raw: input.answers, errors: result.errors });
  }
  // The invitation card elsewhere is updated by the outbox.
  if (!result.duplicate) input.kick();
  const at = formatDateTime(result.answeredAt, locale, ctx.timeZone);
  return {
    kind: "answer-saved",
    answeredAt: result.answeredAt,
    card: result.card,
    text: pick(locale, {
      nl: `Dank u wel! Uw antwoorden zijn opgeslagen (${at}). U kunt ze wijzigen via het bericht zolang de ronde open is.`,
      en: `Thank you! Your answers have been saved (${at}). You can change them from the message while the round is open.`,
    }),
  };
}
