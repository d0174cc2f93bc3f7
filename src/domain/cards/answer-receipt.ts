import { pick } from "../i18n.js";
import type { Answers, AnswerValue, Question, SurveyDefinition } from "../survey/definition.js";
import type { Locale } from "../vocabulary.js";

/** One part of the survey as answered: its title and one line per answered question. */
export type ReceiptSection = { title: string; lines: string[] };

/**
 * Long explanations are shortened: the receipt confirms what was stored, the form ("Wijzigen") shows it
 * whole. Also keeps the card well within Slack's 3,000 characters per text block.
 */
const MAX_TEXT = 200;

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  const characters = Array.from(flat);
  return characters.length > MAX_TEXT ? `${characters.slice(0, MAX_TEXT - 1).join("")}…` : flat;
}

/** Our own words (ja/nee, option labels, numbers) in bold; what the person typed is quoted, never marked up. */
function answerText(question: Question, value: AnswerValue, locale: Locale): string {
  switch (question.kind) {
    case "yes_no":
      return `*${pick(locale, value === true ? { nl: "Ja", en: "Yes" } : { nl: "Nee", en: "No" })}*`;
    case "single_choice":
    case "multi_choice": {
      const chosen = Array.isArray(value) ? value : [String(value)];
      return question.options
        .filter((option) => chosen.includes(option.id))
        .map((option) => `*${pick(locale, option.label)}*`)
        .join(", ");
    }
    case "scale":
      return `*${value}*`;
    case "text":
      return locale === "en" ? `“${shorten(String(value))}”` : `„${shorten(String(value))}”`;
  }
}

/** A question and its answer on one line: "Bent u tevreden …? Ja", "Toelichting (optioneel): „…”". */
const line = (label: string, answer: string) =>
  /[?:]$/.test(label) ? `${label} ${answer}` : `${label}: ${answer}`;

/**
 * What a person answered, per part of the survey, in the order of the form: the receipt on their answered
 * invitation card, so "ingevuld" also shows what was stored. Questions left open are not listed.
 */
export function answerReceipt(
  definition: SurveyDefinition,
  answers: Answers,
  locale: Locale,
): ReceiptSection[] {
  return definition.sections
    .map((section) => ({
      title: pick(locale, section.title),
      lines: section.questions
        .filter((question) => Object.hasOwn(answers, question.id))
        .map((question) =>
          line(
            pick(locale, question.label),
            answerText(question, answers[question.id] as AnswerValue, locale),
          ),
        ),
    }))
    .filter((section) => section.lines.length > 0);
}
