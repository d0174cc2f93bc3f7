import { formatDateTime, pick } from "../i18n.js";
import {
  conditionHelp,
  explainAnswerError,
  fieldErrorMessage,
  isConditionalRequired,
} from "../survey/answer-messages.js";
import { type Answers, allQuestions, type SurveyDefinition } from "../survey/definition.js";
import type { AnswerError } from "../survey/validate-answers.js";
import type { Locale } from "../vocabulary.js";
import type { ReceiptSection } from "./answer-receipt.js";
import type { Card, CardBlock, Form, FormField } from "./card.js";

export const OPEN_SURVEY_ACTION = "survey_open";
/** Asks for the invitation card as it is now (see `Card.refresh`). */
export const INVITATION_CARD_ACTION = "survey_card";
/** Sends the survey form back: the submit verb of the inline form, the callback id of Slack's modal. */
export const SURVEY_SUBMIT_ACTION = "survey_submit";

export type InvitationState =
  | { kind: "open" }
  /** `receipt`: what was answered (see answerReceipt), shown on the card. */
  | { kind: "answered"; at: Date; receipt?: ReceiptSection[] }
  | { kind: "closed"; answeredAt?: Date };

export type InvitationCardInput = {
  locale: Locale;
  timeZone: string;
  invitationId: string;
  surveyTitle: { nl: string; en: string };
  waveName: string;
  regionName: string;
  closesAt: Date;
  state: InvitationState;
  reminder?: boolean;
};

/** The DM a contact person gets for a wave; the same card, updated, shows that they answered or that it closed. */
export function invitationCard(input: InvitationCardInput): Card {
  const { locale, state } = input;
  const title = pick(locale, input.surveyTitle);
  const deadline = formatDateTime(input.closesAt, locale, input.timeZone);
  const facts = [
    { label: pick(locale, { nl: "Regio", en: "Region" }), value: input.regionName },
    { label: pick(locale, { nl: "Ronde", en: "Round" }), value: input.waveName },
    { label: pick(locale, { nl: "Invullen vóór", en: "Answer before" }), value: deadline },
  ];
  const intro =
    state.kind === "open"
      ? pick(locale, {
          nl: input.reminder
            ? `Herinnering: wilt u de vragenlijst voor *${input.regionName}* nog invullen? Dat kan tot ${deadline}.`
            : `Hoe verloopt de samenwerking tussen gemeenten, zorgverzekeraars en zorgkantoren in *${input.regionName}*? Het invullen duurt een paar minuten.`,
          en: input.reminder
            ? `Reminder: would you still answer the survey for *${input.regionName}*? You can until ${deadline}.`
            : `How is the collaboration between municipalities, insurers and care offices in *${input.regionName}* going? It takes a few minutes.`,
        })
      : state.kind === "answered"
        ? pick(locale, {
            nl: `Ingevuld op ${formatDateTime(state.at, locale, input.timeZone)}. Dank u wel! U kunt uw antwoorden wijzigen tot ${deadline}.`,
            en: `Answered on ${formatDateTime(state.at, locale, input.timeZone)}. Thank you! You can change your answers until ${deadline}.`,
          })
        : state.answeredAt
          ? pick(locale, {
              nl: `Deze ronde is gesloten. U vulde de vragenlijst in op ${formatDateTime(state.answeredAt, locale, input.timeZone)}. Dank u wel!`,
              en: `This round has closed. You answered on ${formatDateTime(state.answeredAt, locale, input.timeZone)}. Thank you!`,
            })
          : pick(locale, {
              nl: "Deze ronde is gesloten; invullen kan niet meer.",
              en: "This round has closed; answers are no longer accepted.",
            });
  const button =
    state.kind === "open"
      ? { label: pick(locale, { nl: "Invullen", en: "Answer" }), style: "primary" as const }
      : state.kind === "answered"
        ? { label: pick(locale, { nl: "Wijzigen", en: "Change" }) }
        : undefined;
  const receipt: CardBlock[] =
    state.kind === "answered" && state.receipt?.length
      ? [
          { type: "text", text: pick(locale, { nl: "*Uw antwoorden*", en: "*Your answers*" }) },
          ...state.receipt.map(
            (section): CardBlock => ({
              type: "text",
              text: `*${section.title}*\n${section.lines.join("\n")}`,
            }),
          ),
        ]
      : [];
  return {
    refresh: { action: INVITATION_CARD_ACTION, value: input.invitationId },
    fallbackText: `${title} — ${input.regionName}: ${intro.replaceAll("*", "")}`,
    blocks: [
      { type: "header", text: title },
      { type: "text", text: intro },
      { type: "facts", facts },
      ...receipt,
      ...(button
        ? [
            {
              type: "actions" as const,
              actions: [{ id: OPEN_SURVEY_ACTION, value: input.invitationId, ...button }],
            },
          ]
        : []),
      {
        type: "context",
        text: pick(locale, {
          nl: "Vertrouwelijk: de uitkomsten worden alleen als totalen gedeeld, nooit met namen.",
          en: "Confidential: results are only shared as totals, never with names.",
        }),
      },
    ],
  };
}

/** The questions of a survey as a form, with earlier answers filled in. */
export function surveyForm(
  definition: SurveyDefinition,
  locale: Locale,
  regionName: string,
  previous?: Answers,
): Form {
  const yes = pick(locale, { nl: "Ja", en: "Yes" });
  const no = pick(locale, { nl: "Nee", en: "No" });
  return {
    title: pick(locale, { nl: "Vragenlijst", en: "Survey" }),
    submitLabel: pick(locale, { nl: "Versturen", en: "Submit" }),
    cancelLabel: pick(locale, { nl: "Annuleren", en: "Cancel" }),
    intro: `*${pick(locale, definition.title)}* — ${regionName}${definition.intro ? `\n${pick(locale, definition.intro)}` : ""}`,
    sections: definition.sections.map((section) => ({
      title: pick(locale, section.title),
      fields: section.questions.map((question): FormField => {
        const value = previous?.[question.id];
        // When the field applies, then what it asks or who reads it.
        const help = [
          conditionHelp(definition, question, locale),
          question.help ? pick(locale, question.help) : undefined,
        ].filter((text) => text !== undefined);
        const shared = {
          id: question.id,
          label: pick(locale, question.label),
          help: help.length ? help.join(" ") : undefined,
          // Required when shown, but a chat form shows it always: the server checks it.
          required: question.required && !question.showIf,
          errorMessage: fieldErrorMessage(definition, question, locale),
        };
        switch (question.kind) {
          case "yes_no":
            return {
              kind: "yes_no",
              ...shared,
              yes,
              no,
              value: typeof value === "boolean" ? value : undefined,
            };
          case "single_choice":
          case "multi_choice":
            return {
              kind: question.kind,
              ...shared,
              options: question.options.map((o) => ({ id: o.id, label: pick(locale, o.label) })),
              value: typeof value === "string" || Array.isArray(value) ? value : undefined,
              maxSelections: question.kind === "multi_choice" ? question.maxSelections : undefined,
            };
          case "scale":
            return {
              kind: "scale",
              ...shared,
              min: question.min,
              max: question.max,
              value: typeof value === "number" ? value : undefined,
            };
          case "text":
            return {
              kind: "text",
              ...shared,
              multiline: question.multiline,
              maxLength: question.maxLength,
              value: typeof value === "string" ? value : undefined,
            };
        }
        throw new Error(`unknown question kind ${(question as { kind: string }).kind}`);
      }),
    })),
  };
}

/** A short, polite one-liner card (errors, confirmations). */
export function noticeCard(text: string): Card {
  return { fallbackText: text.replaceAll("*", ""), blocks: [{ type: "text", text }] };
}

/**
 * The form with these raw values (as the person sent them back) instead of the stored ones: after refused
 * input, or a failure on our side, the form shows what they typed. A multi-select may come as one
 * comma-separated string (Teams) or a list (Slack).
 */
export function surveyFormWithValues(form: Form, raw: Record<string, unknown>): Form {
  return {
    ...form,
    sections: form.sections.map((section) => ({
      ...section,
      fields: section.fields.map((field): FormField => {
        const value = Object.hasOwn(raw, field.id) ? raw[field.id] : undefined;
        switch (field.kind) {
          case "yes_no":
            return { ...field, value: value === "true" ? true : value === "false" ? false : undefined };
          case "scale":
            return { ...field, value: typeof value === "string" && value !== "" ? Number(value) : undefined };
          case "single_choice":
            return { ...field, value: typeof value === "string" ? value : undefined };
          case "multi_choice":
            return {
              ...field,
              value: Array.isArray(value)
                ? value.map(String)
                : typeof value === "string"
                  ? value.split(",").filter((id) => id !== "")
                  : undefined,
            };
          case "text":
            return { ...field, value: typeof value === "string" ? value : undefined };
        }
        return field;
      }),
    })),
  };
}

/**
 * The form sent back with what was refused: the values as sent, each message at its field, and a summary at
 * the top naming every problem in the order of the form (WCAG 3.3.1). A conditional question's message
 * already names the question it depends on, so the summary does not repeat its label.
 */
export function surveyFormWithErrors(
  definition: SurveyDefinition,
  form: Form,
  raw: Record<string, unknown>,
  errors: AnswerError[],
  locale: Locale,
): Form {
  const questions = new Map(allQuestions(definition).map((q) => [q.id, q]));
  const byField = new Map(errors.map((e) => [e.questionId, e]));
  const withValues = surveyFormWithValues(form, raw);
  const items: { fieldId: string; text: string }[] = [];
  const sections = withValues.sections.map((section) => ({
    ...section,
    fields: section.fields.map((field): FormField => {
      const error = byField.get(field.id);
      if (!error) return field;
      const message = explainAnswerError(definition, error, locale);
      const question = questions.get(field.id);
      items.push({
        fieldId: field.id,
        text: question && isConditionalRequired(question, error) ? message : `${field.label}: ${message}`,
      });
      return { ...field, error: message, errorMessage: message };
    }),
  }));
  if (items.length === 0) return withValues;
  const title =
    items.length === 1
      ? pick(locale, { nl: "Controleer dit antwoord:", en: "Please check this answer:" })
      : pick(locale, {
          nl: `Controleer deze ${items.length} antwoorden:`,
          en: `Please check these ${items.length} answers:`,
        });
  return { ...withValues, sections, errorSummary: { title, items } };
}
