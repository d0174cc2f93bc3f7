import { hasUnstorableCharacter } from "../storable-text.js";
import type { Locale } from "../vocabulary.js";
import {
  type Answers,
  type AnswerValue,
  allQuestions,
  type Condition,
  type Question,
  type SurveyDefinition,
} from "./definition.js";
import { CITIZEN_NUMBER_MASK, maskCitizenNumbers } from "./mask-citizen-numbers.js";

/**
 * Turns the raw values a chat platform sends (strings, string arrays, sometimes booleans or numbers) into
 * normalised answers, or field-level errors. Questions are checked in definition order, so a `showIf`
 * condition is judged on the normalised answer of the earlier question: a hidden question is never required
 * and whatever was sent for it is dropped. Keys that are not question ids are ignored.
 */

export type AnswerErrorCode =
  | "required"
  | "invalid_choice"
  | "too_many"
  | "out_of_range"
  | "not_a_number"
  | "too_long"
  | "unsupported_character"
  | "unexpected";

export type AnswerError = {
  questionId: string;
  code: AnswerErrorCode;
  /** `kind` (the question kind) is always present; `min`/`max`/`length` where they help the message. */
  params?: Record<string, string | number>;
};

export type ValidateAnswersResult = { ok: true; answers: Answers } | { ok: false; errors: AnswerError[] };

type Parsed =
  | { status: "empty" }
  | { status: "ok"; value: AnswerValue }
  | { status: "error"; code: AnswerErrorCode; params?: Record<string, string | number> };

const EMPTY: Parsed = { status: "empty" };

const YES = new Set(["ja", "yes", "true"]);
const NO = new Set(["nee", "no", "false"]);

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** A one-element array holding a scalar, as some card frameworks send for single selects, is unwrapped. */
function unwrapSingle(raw: unknown): unknown {
  return Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
}

function isBlank(raw: unknown): boolean {
  return (
    raw === undefined ||
    raw === null ||
    (typeof raw === "string" && raw.trim() === "") ||
    (Array.isArray(raw) && raw.every((item) => typeof item === "string" && item.trim() === ""))
  );
}

function parseYesNo(raw: unknown): Parsed {
  const value = unwrapSingle(raw);
  if (typeof value === "boolean") return { status: "ok", value };
  if (typeof value !== "string") return { status: "error", code: "unexpected" };
  const word = value.trim().toLowerCase();
  if (YES.has(word)) return { status: "ok", value: true };
  if (NO.has(word)) return { status: "ok", value: false };
  return { status: "error", code: "invalid_choice" };
}

function parseSingleChoice(question: Extract<Question, { kind: "single_choice" }>, raw: unknown): Parsed {
  const value = unwrapSingle(raw);
  if (typeof value !== "string") return { status: "error", code: "unexpected" };
  const id = value.trim();
  if (!question.options.some((option) => option.id === id))
    return { status: "error", code: "invalid_choice" };
  return { status: "ok", value: id };
}

function parseMultiChoice(question: Extract<Question, { kind: "multi_choice" }>, raw: unknown): Parsed {
  // Teams sends a multi-select as one comma-separated string; option ids never contain commas.
  const items = typeof raw === "string" ? raw.split(",") : raw;
  if (!Array.isArray(items) || !items.every((item) => typeof item === "string")) {
    return { status: "error", code: "unexpected" };
  }
  const chosen = new Set(items.map((item) => item.trim()).filter((item) => item !== ""));
  if (chosen.size === 0) return EMPTY;
  const known = new Set(question.options.map((option) => option.id));
  if ([...chosen].some((id) => !known.has(id))) return { status: "error", code: "invalid_choice" };
  if (question.maxSelections !== undefined && chosen.size > question.maxSelections) {
    return { status: "error", code: "too_many", params: { max: question.maxSelections } };
  }
  // Stored in the definition's order, so equal choices give equal answers.
  return { status: "ok", value: question.options.map((option) => option.id).filter((id) => chosen.has(id)) };
}

function parseScale(question: Extract<Question, { kind: "scale" }>, raw: unknown): Parsed {
  const value = unwrapSingle(raw);
  const range = { min: question.min, max: question.max };
  let number: number;
  if (typeof value === "number") number = value;
  else if (typeof value === "string" && NUMERIC.test(value.trim())) number = Number(value.trim());
  else if (typeof value === "string") return { status: "error", code: "not_a_number", params: range };
  else return { status: "error", code: "unexpected" };
  if (!Number.isInteger(number)) return { status: "error", code: "not_a_number", params: range };
  if (number < question.min || number > question.max) {
    return { status: "error", code: "out_of_range", params: range };
  }
  return { status: "ok", value: number };
}

function parseText(question: Extract<Question, { kind: "text" }>, raw: unknown): Parsed {
  const value = unwrapSingle(raw);
  if (typeof value !== "string") return { status: "error", code: "unexpected" };
  const text = value.trim();
  if (text === "") return EMPTY;
  if (hasUnstorableCharacter(text)) return { status: "error", code: "unsupported_character" };
  // Counted in characters as the user sees them. A mask from an earlier save counts as the nine digits it
  // replaced, so re-submitting a stored answer unchanged never fails on length.
  const length = [...text.replaceAll(CITIZEN_NUMBER_MASK, "#########")].length;
  if (length > question.maxLength) {
    return { status: "error", code: "too_long", params: { max: question.maxLength, length } };
  }
  return { status: "ok", value: maskCitizenNumbers(text) };
}

function parseAnswer(question: Question, raw: unknown): Parsed {
  if (isBlank(raw)) return EMPTY;
  switch (question.kind) {
    case "yes_no":
      return parseYesNo(raw);
    case "single_choice":
      return parseSingleChoice(question, raw);
    case "multi_choice":
      return parseMultiChoice(question, raw);
    case "scale":
      return parseScale(question, raw);
    case "text":
      return parseText(question, raw);
  }
}

/** Whether a condition holds for the answers given so far (a multi-choice answer holds when it includes the id). */
export function conditionHolds(condition: Condition, answers: Answers): boolean {
  const answer = Object.hasOwn(answers, condition.questionId) ? answers[condition.questionId] : undefined;
  if (answer === undefined) return false;
  if (Array.isArray(answer)) return typeof condition.equals === "string" && answer.includes(condition.equals);
  return answer === condition.equals;
}

function requiredParams(question: Question): Record<string, string | number> {
  return question.kind === "scale"
    ? { kind: question.kind, min: question.min, max: question.max }
    : { kind: question.kind };
}

export function validateAnswers(
  definition: SurveyDefinition,
  raw: Record<string, unknown>,
): ValidateAnswersResult {
  const answers: Answers = {};
  const errors: AnswerError[] = [];
  for (const question of allQuestions(definition)) {
    if (question.showIf && !conditionHolds(question.showIf, answers)) continue;
    const parsed = parseAnswer(question, Object.hasOwn(raw, question.id) ? raw[question.id] : undefined);
    if (parsed.status === "ok") {
      answers[question.id] = parsed.value;
    } else if (parsed.status === "error") {
      errors.push({
        questionId: question.id,
        code: parsed.code,
        params: { kind: question.kind, ...parsed.params },
      });
    } else if (question.required) {
      errors.push({ questionId: question.id, code: "required", params: requiredParams(question) });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers };
}

type Messages = { nl: string; en: string };

function numberParam(error: AnswerError, name: string): number | undefined {
  const value = error.params?.[name];
  return typeof value === "number" ? value : undefined;
}

function message(error: AnswerError): Messages {
  const kind = error.params?.kind;
  const min = numberParam(error, "min");
  const max = numberParam(error, "max");
  const hasRange = min !== undefined && max !== undefined;
  switch (error.code) {
    case "required":
      switch (kind) {
        case "yes_no":
          return { nl: "Kies ja of nee.", en: "Please choose yes or no." };
        case "single_choice":
          return { nl: "Kies een van de mogelijkheden.", en: "Please choose one of the options." };
        case "multi_choice":
          return { nl: "Kies ten minste één mogelijkheid.", en: "Please choose at least one option." };
        case "scale":
          return hasRange
            ? {
                nl: `Kies een waarde van ${min} tot en met ${max}.`,
                en: `Please choose a value from ${min} to ${max}.`,
              }
            : { nl: "Kies een waarde.", en: "Please choose a value." };
        case "text":
          return { nl: "Vul hier uw antwoord in.", en: "Please enter your answer here." };
        default:
          return { nl: "Dit veld is verplicht.", en: "This field is required." };
      }
    case "invalid_choice":
      return kind === "yes_no"
        ? { nl: "Kies ja of nee.", en: "Please choose yes or no." }
        : { nl: "Kies een van de aangeboden mogelijkheden.", en: "Please choose from the options offered." };
    case "too_many":
      return max === undefined
        ? { nl: "U hebt te veel mogelijkheden gekozen.", en: "You have chosen too many options." }
        : max === 1
          ? { nl: "Kies maximaal 1 mogelijkheid.", en: "Please choose at most 1 option." }
          : { nl: `Kies maximaal ${max} mogelijkheden.`, en: `Please choose at most ${max} options.` };
    case "out_of_range":
      return hasRange
        ? {
            nl: `Kies een waarde van ${min} tot en met ${max}.`,
            en: `Please choose a value from ${min} to ${max}.`,
          }
        : { nl: "Deze waarde valt buiten het bereik.", en: "This value is out of range." };
    case "not_a_number":
      return hasRange
        ? {
            nl: `Vul een heel getal in van ${min} tot en met ${max}.`,
            en: `Please enter a whole number from ${min} to ${max}.`,
          }
        : { nl: "Vul een heel getal in.", en: "Please enter a whole number." };
    case "too_long": {
      const length = numberParam(error, "length");
      if (max === undefined) return { nl: "Uw antwoord is te lang.", en: "Your answer is too long." };
      return length === undefined
        ? {
            nl: `Uw antwoord is te lang: gebruik maximaal ${max} tekens.`,
            en: `Your answer is too long: please use at most ${max} characters.`,
          }
        : {
            nl: `Uw antwoord is te lang: gebruik maximaal ${max} tekens (nu ${length}).`,
            en: `Your answer is too long: please use at most ${max} characters (now ${length}).`,
          };
    }
    case "unsupported_character":
      return {
        nl: "Uw antwoord bevat een onzichtbaar teken (U+0000) en dit teken kan niet worden opgeslagen. Wilt u het weghalen en het opnieuw proberen?",
        en: "Your answer contains an invisible character (U+0000) and this character cannot be saved. Would you please remove it and try again?",
      };
    case "unexpected":
      return {
        nl: "Dit antwoord konden we niet verwerken. Probeert u het nog eens?",
        en: "We could not process this answer. Would you please try again?",
      };
  }
}

/** A short, polite, field-level message for an answer error. */
export function describeAnswerError(error: AnswerError, locale: Locale): string {
  return message(error)[locale];
}
