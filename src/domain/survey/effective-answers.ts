import type { Answers, AnswerValue, Question, SurveyDefinition } from "./definition.js";

/**
 * The answers that count for anything read out of a survey (the region summary, the chairs' texts): only
 * those of questions that were shown, with a value of the right shape for the question, free text trimmed
 * and empty text dropped. Walks the definition in order, so a question hidden because its condition's
 * target was itself hidden is hidden too; a stale stored value of a hidden question never counts.
 */
export function effectiveAnswers(definition: SurveyDefinition, answers: Answers): Map<string, AnswerValue> {
  const effective = new Map<string, AnswerValue>();
  for (const section of definition.sections) {
    for (const question of section.questions) {
      if (question.showIf) {
        const target = effective.get(question.showIf.questionId);
        const expected = question.showIf.equals;
        const shown = Array.isArray(target) ? target.includes(String(expected)) : target === expected;
        if (!shown) continue;
      }
      const value = validValue(question, answers[question.id]);
      if (value !== undefined) effective.set(question.id, value);
    }
  }
  return effective;
}

function validValue(question: Question, value: AnswerValue | undefined): AnswerValue | undefined {
  switch (question.kind) {
    case "yes_no":
      return typeof value === "boolean" ? value : undefined;
    case "scale":
      return typeof value === "number" &&
        Number.isInteger(value) &&
        value >= question.min &&
        value <= question.max
        ? value
        : undefined;
    case "single_choice":
      return typeof value === "string" && question.options.some((option) => option.id === value)
        ? value
        : undefined;
    case "multi_choice": {
      if (!Array.isArray(value)) return undefined;
      const known = question.options.map((option) => option.id).filter((id) => value.includes(id));
      return known.length > 0 ? known : undefined;
    }
    case "text": {
      if (typeof value !== "string") return undefined;
      const text = value.trim();
      return text === "" ? undefined : text;
    }
  }
}

const collator = new Intl.Collator("nl", { sensitivity: "variant", numeric: true });

/** Texts in alphabetical order, so that the order reveals nobody (not who answered first, nor by type). */
export const alphabetical = (a: string, b: string): number =>
  collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
