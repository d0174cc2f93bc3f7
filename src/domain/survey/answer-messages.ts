import { pick } from "../i18n.js";
import type { Locale } from "../vocabulary.js";
import type { Question, SurveyDefinition } from "./definition.js";
import { type AnswerError, describeAnswerError } from "./validate-answers.js";

/*
 * Messages that know the survey: a conditional question ("welke ondersteuning?") is required only after a
 * certain answer, and a bare "Vul hier uw antwoord in." does not say why (issue 12). Chat forms cannot hide a
 * question until the answer it depends on is given, so the question says when it applies and its error says
 * what answer made it required.
 */

const quoted = (locale: Locale, text: string) => (locale === "en" ? `“${text}”` : `„${text}”`);

/** "Welke ondersteuning is nodig?" → "welke ondersteuning is nodig?", but "GGZ-zorg?" stays as it is. */
function lowerFirst(text: string, locale: Locale): string {
  const [first = "", second = ""] = Array.from(text);
  return second !== "" &&
    second === second.toLocaleLowerCase(locale) &&
    second !== second.toLocaleUpperCase(locale)
    ? first.toLocaleLowerCase(locale) + text.slice(first.length)
    : text;
}

/** The question a conditional question depends on, and the answer (as the person saw it) that makes it apply. */
function conditionOf(definition: SurveyDefinition, question: Question, locale: Locale) {
  const condition = question.showIf;
  if (!condition) return undefined;
  const target = definition.sections
    .flatMap((section) => section.questions)
    .find((q) => q.id === condition.questionId);
  if (!target) return undefined;
  const answer =
    typeof condition.equals === "boolean"
      ? pick(locale, condition.equals ? { nl: "ja", en: "yes" } : { nl: "nee", en: "no" })
      : "options" in target
        ? pick(locale, target.options.find((o) => o.id === condition.equals)?.label ?? target.label)
        : condition.equals;
  return { answer: quoted(locale, answer), question: quoted(locale, pick(locale, target.label)) };
}

/** Under a conditional question: when it needs an answer. */
export function conditionHelp(
  definition: SurveyDefinition,
  question: Question,
  locale: Locale,
): string | undefined {
  const condition = conditionOf(definition, question, locale);
  if (!condition) return undefined;
  return pick(locale, {
    nl: `Alleen invullen als u ${condition.answer} antwoordde bij ${condition.question}.`,
    en: `Only if you answered ${condition.answer} to ${condition.question}.`,
  });
}

/** Whether this error is a conditional question left empty after the answer that makes it required. */
export const isConditionalRequired = (question: Question, error: AnswerError) =>
  error.code === "required" && question.showIf !== undefined;

/** A field-level message for an answer error; a conditional question's says which answer made it required. */
export function explainAnswerError(definition: SurveyDefinition, error: AnswerError, locale: Locale): string {
  const question = definition.sections
    .flatMap((section) => section.questions)
    .find((q) => q.id === error.questionId);
  const condition =
    question && isConditionalRequired(question, error) && conditionOf(definition, question, locale);
  if (!question || !condition) return describeAnswerError(error, locale);
  const label = lowerFirst(pick(locale, question.label), locale);
  return pick(locale, {
    nl: `U antwoordde ${condition.answer} bij ${condition.question}: ${label}`,
    en: `You answered ${condition.answer} to ${condition.question}: ${label}`,
  });
}

/**
 * The message a chat client shows by itself when the question fails its own check (Adaptive Cards'
 * `errorMessage`): a required question's "Kies ja of nee.", a conditional one's reason, otherwise the check a
 * client can make (a text's length, an offered option).
 */
export function fieldErrorMessage(definition: SurveyDefinition, question: Question, locale: Locale): string {
  const params: Record<string, string | number> =
    question.kind === "scale"
      ? { kind: question.kind, min: question.min, max: question.max }
      : { kind: question.kind };
  if (question.required) {
    return explainAnswerError(definition, { questionId: question.id, code: "required", params }, locale);
  }
  return question.kind === "text"
    ? describeAnswerError(
        { questionId: question.id, code: "too_long", params: { ...params, max: question.maxLength } },
        locale,
      )
    : describeAnswerError({ questionId: question.id, code: "invalid_choice", params }, locale);
}
