import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from "@slack/bolt";
import { z } from "zod";
import type { InboundDependencies } from "../../app/inbound/handle-turn.js";
import { handleTurn } from "../../app/inbound/handle-turn.js";
import type { InboundOutcome } from "../../app/inbound/inbound-turn.js";
import type { Form } from "../../domain/cards/card.js";
import { SURVEY_SUBMIT_ACTION, surveyForm, surveyFormWithValues } from "../../domain/cards/survey-cards.js";
import { pick } from "../../domain/i18n.js";
import { explainAnswerError } from "../../domain/survey/answer-messages.js";
import type { SurveyDefinition } from "../../domain/survey/definition.js";
import { findSurveyDefinition } from "../../domain/survey/definitions/index.js";
import { validateAnswers } from "../../domain/survey/validate-answers.js";
import { temporaryFailureMessage } from "../../domain/user-errors.js";
import type { Locale } from "../../domain/vocabulary.js";
import { readSlackFormValues, renderSlackModal } from "../cards/render-slack.js";
import { ViewSubmissionSchema } from "./slack-envelope.js";

/**
 * What the modal carries between opening and submitting: enough to check the answers against the survey's
 * (immutable) definition without the database, and to show the form again when storing failed.
 */
const SurveyModalMetadataSchema = z.object({
  invitationId: z.string(),
  survey: z.string(),
  version: z.number().int().positive(),
  locale: z.enum(["nl", "en"]),
  region: z.string(),
});
export type SurveyModalMetadata = z.infer<typeof SurveyModalMetadataSchema>;

/** The survey form as a Slack modal; a notice (a request to try again) goes above the questions. */
export function surveyModalView(form: Form, metadata: SurveyModalMetadata, notice?: string) {
  const withNotice: Form = notice ? { ...form, intro: `:warning: *${notice}*\n\n${form.intro ?? ""}` } : form;
  return renderSlackModal(withNotice, {
    callbackId: SURVEY_SUBMIT_ACTION,
    privateMetadata: JSON.stringify(metadata),
  });
}

function messageView(locale: Locale, text: string) {
  return {
    type: "modal",
    title: { type: "plain_text", text: pick(locale, { nl: "Vragenlijst", en: "Survey" }) },
    close: { type: "plain_text", text: pick(locale, { nl: "Sluiten", en: "Close" }) },
    blocks: [{ type: "section", text: { type: "mrkdwn", text } }],
  };
}

const update = (view: Record<string, unknown>) => ({ response_action: "update", view });

type ViewArgs = SlackViewMiddlewareArgs & AllMiddlewareArgs;

/**
 * The view_submission of the survey modal. Mistakes are found against the definition the modal names (pure,
 * no database) and shown next to the questions. A valid form is stored — one transaction, milliseconds — and
 * only then acknowledged, with the thanks: Slack never resends a submission, so an answer acknowledged before
 * it was stored could be lost in a crash. A closed round says so directly; a failure on our side shows the
 * form again with the answers kept and a request to try again.
 */
export function answerSurveySubmission(deps: InboundDependencies) {
  return async ({ ack, body }: ViewArgs): Promise<void> => {
    const answer = (response: Record<string, unknown>) => ack(response as never);
    const submission = ViewSubmissionSchema.safeParse(body);
    const metadata = submission.success ? readMetadata(submission.data.view.private_metadata) : undefined;
    if (!submission.success || !metadata) {
      return answer(update(messageView(deps.ctx.locale, temporaryFailureMessage(deps.ctx.locale))));
    }
    const { user, team, view, trigger_id: triggerId } = submission.data;
    const definition = findSurveyDefinition(metadata.survey, metadata.version);
    const raw = readSlackFormValues(view.state.values);
    const checked = definition ? validateAnswers(definition, raw) : undefined;
    if (definition && checked && !checked.ok) {
      return answer({
        response_action: "errors",
        errors: Object.fromEntries(
          checked.errors.map((e) => [e.questionId, explainAnswerError(definition, e, metadata.locale)]),
        ),
      });
    }
    const outcome = await handleTurn(deps, {
      platform: "slack",
      workspace: team?.id ?? user.team_id ?? "",
      user: user.id,
      requestId: triggerId ? `view_submission:${triggerId}` : undefined,
      clientLocale: metadata.locale,
      kind: "form-submit",
      data: { invitationId: metadata.invitationId, answers: raw },
    });
    return answer(submissionAnswer(outcome, metadata, definition, raw));
  };
}

function submissionAnswer(
  { reply, locale }: InboundOutcome,
  metadata: SurveyModalMetadata,
  definition: SurveyDefinition | undefined,
  raw: Record<string, unknown>,
): Record<string, unknown> {
  switch (reply.kind) {
    case "answer-saved":
      return update(messageView(locale, reply.text));
    case "survey-form": {
      // Only when the wave's stored definition differs from this code's copy: its form, with its errors.
      const notice = [reply.notice, ...Object.values(reply.errors ?? {})].filter(Boolean).join(" ");
      const shown = { ...metadata, survey: reply.survey.key, version: reply.survey.version };
      return update(surveyModalView(reply.form, shown, notice));
    }
    case "refusal":
      if (reply.reason === "ours" && definition) {
        const form = surveyFormWithValues(surveyForm(definition, metadata.locale, metadata.region), raw);
        return update(surveyModalView(form, metadata, reply.text));
      }
      return update(messageView(locale, reply.text));
    default:
      return update(messageView(locale, temporaryFailureMessage(locale)));
  }
}

function readMetadata(text: string): SurveyModalMetadata | undefined {
  try {
    const parsed = SurveyModalMetadataSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
