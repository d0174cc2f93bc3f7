import { describe, expect, it } from "vitest";
import { evaluatieDefinition } from "../../../src/domain/survey/definitions/evaluatie.js";
import { vensterDefinition } from "../../../src/domain/survey/definitions/venster.js";
import {
  type AnswerError,
  type AnswerErrorCode,
  describeAnswerError,
  validateAnswers,
} from "../../../src/domain/survey/validate-answers.js";

const ALL_CODES: AnswerErrorCode[] = [
  "required",
  "invalid_choice",
  "too_many",
  "out_of_range",
  "not_a_number",
  "too_long",
  "unsupported_character",
  "unexpected",
];

const cases: [string, AnswerError, string, string][] = [
  [
    "required yes/no",
    { questionId: "agenda_tevreden", code: "required", params: { kind: "yes_no" } },
    "Kies ja of nee.",
    "Please choose yes or no.",
  ],
  [
    "required text",
    { questionId: "agenda_ondersteuning_welke", code: "required", params: { kind: "text" } },
    "Vul hier uw antwoord in.",
    "Please enter your answer here.",
  ],
  [
    "required single choice",
    { questionId: "regio", code: "required", params: { kind: "single_choice" } },
    "Kies een van de mogelijkheden.",
    "Please choose one of the options.",
  ],
  [
    "required multi choice",
    { questionId: "factoren_positief", code: "required", params: { kind: "multi_choice" } },
    "Kies ten minste één mogelijkheid.",
    "Please choose at least one option.",
  ],
  [
    "required scale",
    { questionId: "cijfer_nu", code: "required", params: { kind: "scale", min: 1, max: 10 } },
    "Kies een waarde van 1 tot en met 10.",
    "Please choose a value from 1 to 10.",
  ],
  [
    "required without params",
    { questionId: "x", code: "required" },
    "Dit veld is verplicht.",
    "This field is required.",
  ],
  [
    "invalid yes/no",
    { questionId: "agenda_tevreden", code: "invalid_choice", params: { kind: "yes_no" } },
    "Kies ja of nee.",
    "Please choose yes or no.",
  ],
  [
    "invalid choice",
    { questionId: "regio", code: "invalid_choice", params: { kind: "single_choice" } },
    "Kies een van de aangeboden mogelijkheden.",
    "Please choose from the options offered.",
  ],
  [
    "too many",
    { questionId: "factoren_positief", code: "too_many", params: { kind: "multi_choice", max: 3 } },
    "Kies maximaal 3 mogelijkheden.",
    "Please choose at most 3 options.",
  ],
  [
    "too many, one allowed",
    { questionId: "q", code: "too_many", params: { kind: "multi_choice", max: 1 } },
    "Kies maximaal 1 mogelijkheid.",
    "Please choose at most 1 option.",
  ],
  [
    "too many without params",
    { questionId: "q", code: "too_many" },
    "U hebt te veel mogelijkheden gekozen.",
    "You have chosen too many options.",
  ],
  [
    "out of range",
    { questionId: "urgentie", code: "out_of_range", params: { kind: "scale", min: 1, max: 5 } },
    "Kies een waarde van 1 tot en met 5.",
    "Please choose a value from 1 to 5.",
  ],
  [
    "out of range without params",
    { questionId: "urgentie", code: "out_of_range" },
    "Deze waarde valt buiten het bereik.",
    "This value is out of range.",
  ],
  [
    "not a number",
    { questionId: "cijfer_nu", code: "not_a_number", params: { kind: "scale", min: 1, max: 10 } },
    "Vul een heel getal in van 1 tot en met 10.",
    "Please enter a whole number from 1 to 10.",
  ],
  [
    "not a number without params",
    { questionId: "cijfer_nu", code: "not_a_number" },
    "Vul een heel getal in.",
    "Please enter a whole number.",
  ],
  [
    "too long",
    { questionId: "functie", code: "too_long", params: { kind: "text", max: 200, length: 250 } },
    "Uw antwoord is te lang: gebruik maximaal 200 tekens (nu 250).",
    "Your answer is too long: please use at most 200 characters (now 250).",
  ],
  [
    "too long without length",
    { questionId: "functie", code: "too_long", params: { max: 200 } },
    "Uw antwoord is te lang: gebruik maximaal 200 tekens.",
    "Your answer is too long: please use at most 200 characters.",
  ],
  [
    "too long without params",
    { questionId: "functie", code: "too_long" },
    "Uw antwoord is te lang.",
    "Your answer is too long.",
  ],
  [
    "a character PostgreSQL cannot store (U+0000)",
    { questionId: "agenda_toelichting", code: "unsupported_character", params: { kind: "text" } },
    "Uw antwoord bevat een onzichtbaar teken (U+0000) en dit teken kan niet worden opgeslagen. Wilt u het weghalen en het opnieuw proberen?",
    "Your answer contains an invisible character (U+0000) and this character cannot be saved. Would you please remove it and try again?",
  ],
  [
    "unexpected",
    { questionId: "agenda_tevreden", code: "unexpected", params: { kind: "yes_no" } },
    "Dit antwoord konden we niet verwerken. Probeert u het nog eens?",
    "We could not process this answer. Would you please try again?",
  ],
];

describe("describeAnswerError", () => {
  it.each(cases)("describes %s in Dutch and English", (_name, error, nl, en) => {
    expect(describeAnswerError(error, "nl")).toBe(nl);
    expect(describeAnswerError(error, "en")).toBe(en);
  });

  it("has a Dutch and an English case for every code", () => {
    expect(new Set(cases.map(([, error]) => error.code))).toEqual(new Set(ALL_CODES));
  });

  /** Errors as validateAnswers really produces them, one per code. */
  const produced: [AnswerErrorCode, AnswerError | undefined][] = (
    [
      ["required", validateAnswers(vensterDefinition, {})],
      ["invalid_choice", validateAnswers(vensterDefinition, { agenda_tevreden: "soms" })],
      [
        "too_many",
        validateAnswers(evaluatieDefinition, {
          factoren_positief: ["vertrouwen", "leiderschap", "daadkracht", "geen"],
        }),
      ],
      ["out_of_range", validateAnswers(evaluatieDefinition, { urgentie: 9 })],
      ["not_a_number", validateAnswers(evaluatieDefinition, { urgentie: "3,5" })],
      ["too_long", validateAnswers(evaluatieDefinition, { functie: "x".repeat(300) })],
      ["unsupported_character", validateAnswers(vensterDefinition, { agenda_toelichting: "a\u0000b" })],
      ["unexpected", validateAnswers(vensterDefinition, { agenda_toelichting: 12 })],
    ] as const
  ).map(([code, result]) => [
    code,
    result.ok ? undefined : result.errors.find((error) => error.code === code),
  ]);

  it.each(produced)("gives distinct, non-empty nl and en texts for a produced %s error", (code, error) => {
    expect(error?.code).toBe(code);
    if (!error) return;
    const nl = describeAnswerError(error, "nl");
    const en = describeAnswerError(error, "en");
    expect(nl.length).toBeGreaterThan(5);
    expect(en.length).toBeGreaterThan(5);
    expect(nl).not.toBe(en);
    expect(nl).toMatch(/[.?]$/);
    expect(en).toMatch(/[.?]$/);
  });
});
