import { z } from "zod";

/**
 * Survey definitions are data: a wave pins one version, the cards and the validation are derived from it.
 * Answers are a flat record keyed by question id; conditional questions (`showIf`) cover both
 * "support needed? -> which" and "anders, namelijk".
 */

export const LocalizedTextSchema = z.object({ nl: z.string().min(1), en: z.string().min(1) });
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

const QuestionIdSchema = z.string().regex(/^[a-z][a-z0-9_]*$/, "question ids are snake_case");

/** Show a question only when another one has this answer (a yes/no answer or a chosen option id). */
export const ConditionSchema = z.object({
  questionId: QuestionIdSchema,
  equals: z.union([z.boolean(), z.string()]),
});
export type Condition = z.infer<typeof ConditionSchema>;

const OptionSchema = z.object({ id: QuestionIdSchema, label: LocalizedTextSchema });

const common = {
  id: QuestionIdSchema,
  label: LocalizedTextSchema,
  help: LocalizedTextSchema.optional(),
  /** Required when shown; a hidden question is never required and its answer is dropped. */
  required: z.boolean().default(false),
  showIf: ConditionSchema.optional(),
};

export const QuestionSchema = z.discriminatedUnion("kind", [
  z.object({ ...common, kind: z.literal("yes_no") }),
  z.object({ ...common, kind: z.literal("single_choice"), options: z.array(OptionSchema).min(2) }),
  z.object({
    ...common,
    kind: z.literal("multi_choice"),
    options: z.array(OptionSchema).min(2),
    maxSelections: z.number().int().positive().optional(),
  }),
  z.object({
    ...common,
    kind: z.literal("scale"),
    min: z.number().int(),
    max: z.number().int(),
    minLabel: LocalizedTextSchema.optional(),
    maxLabel: LocalizedTextSchema.optional(),
  }),
  z.object({
    ...common,
    kind: z.literal("text"),
    multiline: z.boolean().default(true),
    maxLength: z.number().int().positive().default(2000),
    /**
     * A support need: the region summary counts these texts per theme (never quoting them), and the text
     * itself goes to the chairs like `readByChairs`. Stored definitions from before `readByChairs` rely on it.
     */
    listInSummary: z.boolean().default(false),
    /**
     * The region's chairs receive this text privately, without names, once enough people answered
     * (`readByChairs` in src/domain/survey/chair-texts.ts). The field's help says so to the respondent.
     */
    readByChairs: z.boolean().default(false),
  }),
]);
export type Question = z.infer<typeof QuestionSchema>;
export type QuestionKind = Question["kind"];

export const SectionSchema = z.object({
  id: QuestionIdSchema,
  title: LocalizedTextSchema,
  questions: z.array(QuestionSchema).min(1),
});
export type Section = z.infer<typeof SectionSchema>;

export const SurveyDefinitionSchema = z
  .object({
    key: z.string().regex(/^[a-z][a-z0-9-]*$/),
    version: z.number().int().positive(),
    title: LocalizedTextSchema,
    intro: LocalizedTextSchema.optional(),
    sections: z.array(SectionSchema).min(1),
  })
  .superRefine((definition, ctx) => {
    const seen = new Map<string, Question>();
    for (const section of definition.sections) {
      for (const question of section.questions) {
        if (seen.has(question.id))
          ctx.addIssue({ code: "custom", message: `duplicate question id ${question.id}` });
        if (question.showIf) {
          const target = seen.get(question.showIf.questionId);
          if (!target) {
            ctx.addIssue({
              code: "custom",
              message: `${question.id}: showIf must refer to an earlier question`,
            });
          }
        }
        if (question.kind === "scale" && question.min >= question.max) {
          ctx.addIssue({ code: "custom", message: `${question.id}: min must be below max` });
        }
        seen.set(question.id, question);
      }
    }
  });
export type SurveyDefinition = z.infer<typeof SurveyDefinitionSchema>;

/** A stored, normalised answer value. */
export type AnswerValue = boolean | number | string | string[];
export type Answers = Record<string, AnswerValue>;

export const allQuestions = (definition: SurveyDefinition): Question[] =>
  definition.sections.flatMap((section) => section.questions);
