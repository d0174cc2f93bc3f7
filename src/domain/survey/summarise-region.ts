import { countThemes } from "../venster/themes.js";
import { type Locale, ORGANISATION_TYPES, type OrganisationType, type Theme } from "../vocabulary.js";
import type { Answers, AnswerValue, SurveyDefinition } from "./definition.js";
import { effectiveAnswers } from "./effective-answers.js";

/**
 * The region summary of one survey wave: what is posted back to the region's channel, for everyone at the
 * table to read. Pure: it gets one record per invitation (organisation type and answers, no identity) and
 * returns counts only.
 *
 * Privacy rules, all enforced here rather than by the callers:
 * - identity never enters (the input has none);
 * - free text never leaves: at a table of seven people a quoted text names its writer. The support needs
 *   (text questions with `listInSummary`) are counted per theme, as the venster does; free text of any other
 *   question is never read. The texts themselves go only to the chairs (chair-texts.ts);
 * - the per-organisation-type breakdown of a yes/no question is shown only when every listed type has at
 *   least `anonymityThreshold` respondents to that question, otherwise it is `"suppressed"` as a whole
 *   (suppressing a single type would still let it be derived from the total);
 * - answers to questions that were hidden (their `showIf` not met) or of the wrong shape are ignored, so a
 *   stale stored value can never leak into the summary.
 */

/** One invitation in the region; `answers` is undefined while the invitation is not answered. */
export type RespondentRecord = { organisationType: OrganisationType; answers: Answers | undefined };

export type OrganisationTypeResponse = {
  organisationType: OrganisationType;
  invited: number;
  answered: number;
  responseRate: number;
};

export type YesNoBreakdown = { organisationType: OrganisationType; yes: number; no: number; share: number };

export type YesNoSummary = {
  questionId: string;
  sectionId: string;
  yes: number;
  no: number;
  /** Share of yes among those who answered this question; undefined when nobody did. */
  share: number | undefined;
  /**
   * Per organisation type that answered this question (ORGANISATION_TYPES order), or "suppressed" when any of
   * them has fewer respondents to this question than the anonymity threshold.
   */
  byOrganisationType: YesNoBreakdown[] | "suppressed";
};

export type ScaleSummary = {
  questionId: string;
  sectionId: string;
  count: number;
  /** Unrounded mean; undefined when nobody answered. */
  mean: number | undefined;
  /** Every point of the scale from min to max, 0 when nobody chose it. */
  distribution: Record<number, number>;
};

export type ChoiceSummary = {
  questionId: string;
  sectionId: string;
  /** Every option id of the question (definition order), 0 when nobody chose it. */
  counts: Record<string, number>;
};

/** The support needs of one question, counted per theme; one text may touch several themes. */
export type SupportNeedThemes = {
  questionId: string;
  sectionId: string;
  /** How many respondents wrote a need. */
  count: number;
  /** Every theme, 0 when no need touches it. */
  themes: Record<Theme, number>;
};

export type RegionSummary = {
  invited: number;
  answered: number;
  /** answered / invited, 0..1; 0 when nobody was invited. */
  responseRate: number;
  /** Only organisation types with invitations, in ORGANISATION_TYPES order. */
  byOrganisationType: OrganisationTypeResponse[];
  yesNo: YesNoSummary[];
  scales: ScaleSummary[];
  /** Single and multi choice questions. */
  choices: ChoiceSummary[];
  /** Text questions with `listInSummary` only: counts per theme, never the texts. */
  supportNeeds: SupportNeedThemes[];
};

export type SummariseOptions = {
  /** Minimum respondents per organisation type before a per-type breakdown is shown; integer >= 1. */
  anonymityThreshold: number;
};

/**
 * The anonymity rule for a breakdown by organisation type: given the respondents of each listed type (types
 * with at least one respondent; a type nobody of which answered reveals nothing), the breakdown is withheld
 * as a whole when any of them has fewer than `threshold`. Shared with the venster's region page.
 */
export function suppressesBreakdown(respondentsPerType: readonly number[], threshold: number): boolean {
  return respondentsPerType.some((respondents) => respondents > 0 && respondents < threshold);
}

const rate = (part: number, whole: number): number => (whole === 0 ? 0 : part / whole);

export function summariseRegion(
  definition: SurveyDefinition,
  records: RespondentRecord[],
  options: SummariseOptions,
): RegionSummary {
  const threshold = options.anonymityThreshold;
  if (!Number.isInteger(threshold) || threshold < 1)
    throw new RangeError(`anonymityThreshold must be an integer >= 1, got ${threshold}`);

  const invitedByType = new Map<OrganisationType, number>();
  const answeredByType = new Map<OrganisationType, number>();
  const respondents: { organisationType: OrganisationType; answers: Map<string, AnswerValue> }[] = [];
  for (const record of records) {
    const type = record.organisationType;
    invitedByType.set(type, (invitedByType.get(type) ?? 0) + 1);
    if (record.answers === undefined) continue;
    answeredByType.set(type, (answeredByType.get(type) ?? 0) + 1);
    respondents.push({ organisationType: type, answers: effectiveAnswers(definition, record.answers) });
  }

  const summary: RegionSummary = {
    invited: records.length,
    answered: respondents.length,
    responseRate: rate(respondents.length, records.length),
    byOrganisationType: ORGANISATION_TYPES.filter((type) => invitedByType.has(type)).map((type) => {
      const invited = invitedByType.get(type) ?? 0;
      const answered = answeredByType.get(type) ?? 0;
      return { organisationType: type, invited, answered, responseRate: rate(answered, invited) };
    }),
    yesNo: [],
    scales: [],
    choices: [],
    supportNeeds: [],
  };

  for (const section of definition.sections) {
    for (const question of section.questions) {
      const ids = { questionId: question.id, sectionId: section.id };
      const values = respondents.flatMap((respondent) => {
        const value = respondent.answers.get(question.id);
        return value === undefined ? [] : [{ organisationType: respondent.organisationType, value }];
      });
      switch (question.kind) {
        case "yes_no":
          summary.yesNo.push({ ...ids, ...yesNoSummary(values, threshold) });
          break;
        case "scale": {
          const distribution: Record<number, number> = {};
          for (let point = question.min; point <= question.max; point++) distribution[point] = 0;
          let total = 0;
          for (const { value } of values) {
            const point = value as number;
            distribution[point] = (distribution[point] ?? 0) + 1;
            total += point;
          }
          const count = values.length;
          summary.scales.push({ ...ids, count, mean: count === 0 ? undefined : total / count, distribution });
          break;
        }
        case "single_choice":
        case "multi_choice": {
          const counts: Record<string, number> = {};
          for (const option of question.options) counts[option.id] = 0;
          for (const { value } of values) {
            for (const id of Array.isArray(value) ? value : [value as string])
              counts[id] = (counts[id] ?? 0) + 1;
          }
          summary.choices.push({ ...ids, counts });
          break;
        }
        case "text":
          // Free text without listInSummary is never read into the summary; with it, only counted.
          if (question.listInSummary) {
            const texts = values.map(({ value }) => value as string);
            summary.supportNeeds.push({ ...ids, count: texts.length, themes: countThemes(texts) });
          }
          break;
      }
    }
  }
  return summary;
}

function yesNoSummary(
  values: { organisationType: OrganisationType; value: AnswerValue }[],
  threshold: number,
): Omit<YesNoSummary, "questionId" | "sectionId"> {
  const perType = new Map<OrganisationType, { yes: number; no: number }>();
  let yes = 0;
  let no = 0;
  for (const { organisationType, value } of values) {
    const counts = perType.get(organisationType) ?? { yes: 0, no: 0 };
    if (value === true) {
      yes++;
      counts.yes++;
    } else {
      no++;
      counts.no++;
    }
    perType.set(organisationType, counts);
  }
  // Listed types are those with at least one respondent to this question; a type nobody of which answered
  // reveals nothing. With nobody answering at all the breakdown is an empty list.
  const breakdown = ORGANISATION_TYPES.flatMap((type) => {
    const counts = perType.get(type);
    return counts
      ? [{ organisationType: type, ...counts, share: rate(counts.yes, counts.yes + counts.no) }]
      : [];
  });
  const suppressed = suppressesBreakdown(
    breakdown.map((entry) => entry.yes + entry.no),
    threshold,
  );
  return {
    yes,
    no,
    share: yes + no === 0 ? undefined : yes / (yes + no),
    byOrganisationType: suppressed ? "suppressed" : breakdown,
  };
}

/** Clamps to 0..1 and treats NaN as 0. */
const clampShare = (share: number): number => (Number.isNaN(share) ? 0 : Math.min(1, Math.max(0, share)));

/** Rounds half up after removing binary noise, so 0.285 * 100 (28.499999…) becomes 29, as people expect. */
const roundHalfUp = (value: number): number => Math.round(Number(value.toFixed(9)));

/** A compact text bar chart: textBar(0.7) === "▓▓▓▓▓▓▓░░░". Rounds to the nearest cell, clamps to 0..1. */
export function textBar(share: number, width = 10): string {
  if (!Number.isInteger(width) || width < 0)
    throw new RangeError(`width must be an integer >= 0, got ${width}`);
  const filled = roundHalfUp(clampShare(share) * width);
  return "▓".repeat(filled) + "░".repeat(width - filled);
}

/**
 * A share as an integer percentage: "70%", "—" when undefined (or NaN). Dutch and English both write the
 * percent sign without a space and integers without separators, so both locales give the same text today;
 * the parameter keeps call sites ready for a locale that differs.
 */
export function formatShare(share: number | undefined, locale: Locale): string {
  if (share === undefined || Number.isNaN(share)) return "—";
  const percent = roundHalfUp(clampShare(share) * 100);
  switch (locale) {
    case "nl":
    case "en":
      return `${percent}%`;
  }
}
