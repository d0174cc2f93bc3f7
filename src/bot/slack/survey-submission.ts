import type { WebClient } from "@slack/web-api";
import { z } from "zod";
import type { AppContext } from "../../app/context.js";
import { identifyPerson } from "../../app/identify-person.js";
import { recordAnswer } from "../../app/survey/record-answer.js";
import type { Form } from "../../domain/cards/card.js";
import { surveyForm } from "../../domain/cards/survey-cards.js";
import { formatDateTime, pick } from "../../domain/i18n.js";
import type { Answers, SurveyDefinition } from "../../domain/survey/definition.js";
import { findSurveyDefinition } from "../../domain/survey/definitions/index.js";
import { describeAnswerError, validateAnswers } from "../../domain/survey/validate-answers.js";
import { temporaryFailureMessage, UnknownUserError, UserFacingError } from "../../domain/user-errors.js";
import type { Locale } from "../../domain/vocabulary.js";
import type { Logger } from "../../logger.js";
import { readSlackFormValues, renderSlackModal } from "../cards/render-slack.js";

export const SURVEY_SUBMIT_CALLBACK = "survey_submit";

/**
 * What the modal carries between opening and submitting: enough to validate without the database, so the
 * answer to Slack (inline errors, or "saving") goes out at once and the database work follows the ack.
 */
const SurveyModalMetadataSchema = z.object({
  invitationId: z.string(),
  survey: z.string(),
  version: z.number().int().positive(),
  locale: z.enum(["nl", "en"]),
  region: z.string(),
});
export type SurveyModalMetadata = z.infer<typeof SurveyModalMetadataSchema>;

export function surveyModalView(
  definition: SurveyDefinition,
  metadata: SurveyModalMetadata,
  answers?: Answers,
  notice?: string,
) {
  const form = surveyForm(definition, metadata.locale, metadata.region, answers);
  const withNotice: Form = notice ? { ...form, intro: `:warning: *${notice}*\n\n${form.intro ?? ""}` } : form;
  return renderSlackModal(withNotice, {
    callbackId: SURVEY_SUBMIT_CALLBACK,
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

type Ack = (response?: Record<string, unknown>) => Promise<void>;

/**
 * The view_submission of the survey modal. Validation against the (immutable) definition is pure, so errors
 * are answered inline at once; a valid form is acknowledged with a "saving" view and stored right after the
 * ack. The modal then shows the outcome: thanks, or a polite error with the answers kept for another try.
 * The HTTP answer never waits for the database.
 */
export function createSurveySubmissionHandler(deps: { ctx: AppContext; logger: Logger; kick: () => void }) {
  // Storing runs after the ack, a few at a time and behind the pending acks (setImmediate), so that a burst
  // of submissions is acknowledged first and stored right after, instead of the two competing for the CPU.
  const queue = createWorkQueue(2);
  return (input: Parameters<typeof acceptSurveySubmission>[1]) =>
    acceptSurveySubmission(deps, input, (store) => queue(store));
}

/** Runs at most `limit` jobs at once, each started no earlier than the next turn of the event loop. */
function createWorkQueue(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    if (running >= limit) return;
    const job = waiting.shift();
    if (!job) return;
    running++;
    job();
  };
  return (work: () => Promise<void>) => {
    waiting.push(() => {
      void work().finally(() => {
        running--;
        setImmediate(next);
      });
    });
    setImmediate(next);
  };
}

export async function acceptSurveySubmission(
  deps: { ctx: AppContext; logger: Logger; kick: () => void },
  input: {
    ack: Ack;
    client: WebClient;
    view: { id: string; private_metadata: string; state: { values: unknown } };
    teamId: string;
    userId: string;
  },
  _later: (store: () => Promise<void>) => void = (store) => void store(),
): Promise<void> {
  const { ctx } = deps;
  let metadata: SurveyModalMetadata;
  try {
    metadata = SurveyModalMetadataSchema.parse(JSON.parse(input.view.private_metadata));
  } catch {
    return input.ack({
      response_action: "update",
      view: messageView(ctx.locale, temporaryFailureMessage(ctx.locale)),
    });
  }
  const definition = findSurveyDefinition(metadata.survey, metadata.version);
  const raw = readSlackFormValues(input.view.state.values as never);
  const locale = metadata.locale;
  const checked = definition ? validateAnswers(definition, raw) : undefined;
  if (checked && !checked.ok) {
    return input.ack({
      response_action: "errors",
      errors: Object.fromEntries(checked.errors.map((e) => [e.questionId, describeAnswerError(e, locale)])),
    });
  }
  await input.ack({
    response_action: "update",
    view: messageView(
      locale,
      pick(locale, { nl: "Uw antwoorden worden opgeslagen…", en: "Saving your answers…" }),
    ),
  });
  // After the ack: Bolt answers Slack as soon as this handler returns.
  void storeSubmission(deps, {
    ...input,
    metadata,
    definition,
    raw,
    answers: checked?.ok ? checked.answers : undefined,
  });
}

async function storeSubmission(
  deps: { ctx: AppContext; logger: Logger; kick: () => void },
  input: {
    client: WebClient;
    view: { id: string };
    teamId: string;
    userId: string;
    metadata: SurveyModalMetadata;
    definition: SurveyDefinition | undefined;
    raw: Record<string, unknown>;
    answers: Answers | undefined;
  },
): Promise<void> {
  const { ctx } = deps;
  const locale = input.metadata.locale;
  let view: Record<string, unknown>;
  try {
    const person = await identifyPerson(ctx.db, {
      platform: "slack",
      workspaceId: input.teamId,
      userId: input.userId,
    });
    if (!person) throw new UnknownUserError();
    const result = await recordAnswer(ctx.db, {
      personId: person.id,
      invitationId: input.metadata.invitationId,
      raw: input.raw,
      via: "slack",
      now: ctx.now(),
      timeZone: ctx.timeZone,
    });
    if (!result.ok) {
      // Only when the stored definition differs from this code's copy; show the form again with its errors.
      const notice = result.errors.map((e) => describeAnswerError(e, locale)).join(" ");
      view = input.definition
        ? surveyModalView(input.definition, input.metadata, input.answers, notice)
        : messageView(locale, notice);
    } else {
      view = messageView(
        locale,
        pick(locale, {
          nl: `Dank u wel! Uw antwoorden zijn opgeslagen (${formatDateTime(result.answeredAt, locale, ctx.timeZone)}). U kunt ze wijzigen via het bericht zolang de ronde open is.`,
          en: `Thank you! Your answers have been saved (${formatDateTime(result.answeredAt, locale, ctx.timeZone)}). You can change them from the message while the round is open.`,
        }),
      );
      deps.kick();
    }
  } catch (error) {
    const message =
      error instanceof UserFacingError ? error.userMessage(locale) : temporaryFailureMessage(locale);
    if (!(error instanceof UserFacingError)) deps.logger.error({ err: error }, "antwoord opslaan mislukt");
    // A failure on our side keeps the form and the answers, so one click tries again; the person's own
    // situation (closed round, not invited) just gets the explanation.
    view =
      !(error instanceof UserFacingError) && input.definition
        ? surveyModalView(input.definition, input.metadata, input.answers, message)
        : messageView(locale, message);
  }
  await input.client.views.update({ view_id: input.view.id, view: view as never }).catch((error: unknown) => {
    deps.logger.warn({ err: error }, "modal kon niet worden bijgewerkt");
  });
}
