import { allQuestions, type Question, type SurveyDefinition } from "./definition.js";
import { alphabetical, effectiveAnswers } from "./effective-answers.js";
import type { RespondentRecord } from "./summarise-region.js";

/**
 * The free text a region's chairs may read: explanations and support needs, without names. Pure, like the
 * summary: the input has no identity, and the output neither says who wrote what nor in which order.
 *
 * Privacy rules, all enforced here rather than by the callers:
 * - only questions read by chairs (`readByChairs`, or a support need with `listInSummary`);
 * - nothing at all below `anonymityThreshold` people who answered: with two answers, each chair can tell
 *   who wrote what;
 * - per question in alphabetical order, so that two texts of one person cannot be linked by their position;
 * - answers to hidden questions never count (effective-answers.ts).
 */

export type ChairTextsQuestion = { questionId: string; sectionId: string; texts: string[] };

export type ChairTexts =
  | { shared: true; answered: number; questions: ChairTextsQuestion[] }
  | { shared: false; answered: number; threshold: number };

/** Whether chairs read this question's answers (the form's help says so to whoever answers it). */
export const isReadByChairs = (question: Question): boolean =>
  question.kind === "text" && (question.readByChairs || question.listInSummary);

/** Whether any question of the survey is read by chairs, so there is something to send them at all. */
export const hasChairTexts = (definition: SurveyDefinition): boolean =>
  allQuestions(definition).some(isReadByChairs);

export function collectChairTexts(
  definition: SurveyDefinition,
  records: readonly RespondentRecord[],
  options: { anonymityThreshold: number },
): ChairTexts {
  const threshold = options.anonymityThreshold;
  if (!Number.isInteger(threshold) || threshold < 1)
    throw new RangeError(`anonymityThreshold must be an integer >= 1, got ${threshold}`);
  const answered = records.flatMap((record) =>
    record.answers === undefined ? [] : [effectiveAnswers(definition, record.answers)],
  );
  if (answered.length < threshold) return { shared: false, answered: answered.length, threshold };
  const questions = definition.sections.flatMap((section) =>
    section.questions.filter(isReadByChairs).map((question) => ({
      questionId: question.id,
      sectionId: section.id,
      texts: answered
        .flatMap((answers) => {
          const value = answers.get(question.id);
          return typeof value === "string" ? [value] : [];
        })
        .sort(alphabetical),
    })),
  );
  return { shared: true, answered: answered.length, questions };
}
