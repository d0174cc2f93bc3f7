/** The three parts of the venster survey (src/domain/survey/definitions/venster.ts), in question order. */
export const VENSTER_PARTS = ["agenda", "proces", "resultaat"] as const;
export type VensterPart = (typeof VENSTER_PARTS)[number];

/** The survey key whose waves the venster shows; waves of other surveys are different questionnaires. */
export const VENSTER_SURVEY_KEY = "venster";

/** Question ids of a part, as the definition names them. */
export const partQuestions = (part: VensterPart) => ({
  satisfied: `${part}_tevreden`,
  supportNeeded: `${part}_ondersteuning`,
  supportWhich: `${part}_ondersteuning_welke`,
});

export type YesNoCount = { yes: number; no: number };

/** Share of yes among those who answered yes or no; undefined when nobody did. */
export function shareOfYes(count: YesNoCount): number | undefined {
  const respondents = count.yes + count.no;
  return respondents === 0 ? undefined : count.yes / respondents;
}

export const addCounts = (a: YesNoCount, b: YesNoCount): YesNoCount => ({
  yes: a.yes + b.yes,
  no: a.no + b.no,
});
