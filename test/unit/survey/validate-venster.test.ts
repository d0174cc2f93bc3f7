import { describe, expect, it } from "vitest";
import { vensterDefinition } from "../../../src/domain/survey/definitions/venster.js";
import { describeAnswerError, validateAnswers } from "../../../src/domain/survey/validate-answers.js";

const PARTS = ["agenda", "proces", "resultaat"] as const;

/** Satisfied, no support needed, on every part. */
const complete = (): Record<string, unknown> => ({
  agenda_tevreden: "ja",
  agenda_ondersteuning: "nee",
  proces_tevreden: "ja",
  proces_ondersteuning: "nee",
  resultaat_tevreden: "ja",
  resultaat_ondersteuning: "nee",
});

describe("validateAnswers on the venster", () => {
  it("normalises a complete answer with explanations and one support request", () => {
    const result = validateAnswers(vensterDefinition, {
      agenda_tevreden: "ja",
      agenda_toelichting: "  De werkagenda is helder.  ",
      agenda_ondersteuning: "nee",
      proces_tevreden: "nee",
      proces_toelichting: "",
      proces_ondersteuning: "ja",
      proces_ondersteuning_welke: " Een onafhankelijke procesbegeleider ",
      resultaat_tevreden: true,
      resultaat_ondersteuning: false,
    });
    expect(result).toEqual({
      ok: true,
      answers: {
        agenda_tevreden: true,
        agenda_toelichting: "De werkagenda is helder.",
        agenda_ondersteuning: false,
        proces_tevreden: false,
        proces_ondersteuning: true,
        proces_ondersteuning_welke: "Een onafhankelijke procesbegeleider",
        resultaat_tevreden: true,
        resultaat_ondersteuning: false,
      },
    });
  });

  it.each(PARTS.flatMap((part) => [`${part}_tevreden`, `${part}_ondersteuning`]))(
    "reports %s as required when it is missing",
    (questionId) => {
      const raw = complete();
      delete raw[questionId];
      expect(validateAnswers(vensterDefinition, raw)).toEqual({
        ok: false,
        errors: [{ questionId, code: "required", params: { kind: "yes_no" } }],
      });
    },
  );

  it.each([undefined, null, "", "   ", []])("treats %j as unanswered", (value) => {
    const result = validateAnswers(vensterDefinition, { ...complete(), agenda_tevreden: value });
    expect(result).toEqual({
      ok: false,
      errors: [{ questionId: "agenda_tevreden", code: "required", params: { kind: "yes_no" } }],
    });
  });

  it("reports every missing required question at once", () => {
    const result = validateAnswers(vensterDefinition, {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.questionId)).toEqual(
      PARTS.flatMap((part) => [`${part}_tevreden`, `${part}_ondersteuning`]),
    );
  });

  it.each(PARTS)("requires the support text in %s when support is needed", (part) => {
    for (const welke of [undefined, "", "   "]) {
      const result = validateAnswers(vensterDefinition, {
        ...complete(),
        [`${part}_ondersteuning`]: "ja",
        [`${part}_ondersteuning_welke`]: welke,
      });
      expect(result).toEqual({
        ok: false,
        errors: [{ questionId: `${part}_ondersteuning_welke`, code: "required", params: { kind: "text" } }],
      });
    }
  });

  it.each(PARTS)("drops a leftover support text in %s when no support is needed", (part) => {
    const result = validateAnswers(vensterDefinition, {
      ...complete(),
      [`${part}_ondersteuning`]: "nee",
      [`${part}_ondersteuning_welke`]: "Dit was eerder ingevuld",
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.answers[`${part}_ondersteuning`]).toBe(false);
    expect(result.answers).not.toHaveProperty(`${part}_ondersteuning_welke`);
  });

  it("does not judge the support text while the support question itself is invalid", () => {
    const result = validateAnswers(vensterDefinition, {
      ...complete(),
      agenda_ondersteuning: "misschien",
      agenda_ondersteuning_welke: "",
    });
    expect(result).toEqual({
      ok: false,
      errors: [{ questionId: "agenda_ondersteuning", code: "invalid_choice", params: { kind: "yes_no" } }],
    });
  });

  it.each([
    ["ja", true],
    ["nee", false],
    ["Ja", true],
    [" NEE ", false],
    ["yes", true],
    ["no", false],
    ["true", true],
    ["false", false],
    ["TRUE", true],
    [true, true],
    [false, false],
    [["ja"], true],
  ])("reads yes/no %j as %s", (value, expected) => {
    const result = validateAnswers(vensterDefinition, { ...complete(), resultaat_tevreden: value });
    expect(result.ok && result.answers.resultaat_tevreden).toBe(expected);
  });

  it.each([
    ["misschien", "invalid_choice"],
    ["j", "invalid_choice"],
    ["1", "invalid_choice"],
    [1, "unexpected"],
    [{ value: "ja" }, "unexpected"],
    [["ja", "nee"], "unexpected"],
  ])("refuses yes/no %j with %s", (value, code) => {
    expect(validateAnswers(vensterDefinition, { ...complete(), resultaat_tevreden: value })).toEqual({
      ok: false,
      errors: [{ questionId: "resultaat_tevreden", code, params: { kind: "yes_no" } }],
    });
  });

  it.each([
    ["an unrelated key", { onbekend: "x" }],
    ["a prototype name", { constructor: "x", toString: "y" }],
    ["a question id of another survey", { cijfer_nu: "7", urgentie: 99 }],
  ])("ignores %s", (_what, extra) => {
    const result = validateAnswers(vensterDefinition, { ...complete(), ...extra });
    expect(result).toEqual({
      ok: true,
      answers: {
        agenda_tevreden: true,
        agenda_ondersteuning: false,
        proces_tevreden: true,
        proces_ondersteuning: false,
        resultaat_tevreden: true,
        resultaat_ondersteuning: false,
      },
    });
  });

  it.each([
    [
      "agenda_toelichting",
      "Mijn BSN is 123456782, bel 0612345609.",
      "Mijn BSN is [BSN verwijderd], bel 0612345609.",
    ],
    ["proces_ondersteuning_welke", "Hulp voor cliënt 1112.22.333", "Hulp voor cliënt [BSN verwijderd]"],
  ])("masks citizen numbers in %s", (questionId, text, stored) => {
    const result = validateAnswers(vensterDefinition, {
      ...complete(),
      proces_ondersteuning: "ja",
      proces_ondersteuning_welke: "Procesbegeleiding",
      [questionId]: text,
    });
    expect(result.ok && result.answers[questionId]).toBe(stored);
  });

  it("refuses a text longer than the maximum, counted before masking", () => {
    const result = validateAnswers(vensterDefinition, {
      ...complete(),
      agenda_toelichting: "é".repeat(2001),
    });
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          questionId: "agenda_toelichting",
          code: "too_long",
          params: { kind: "text", max: 2000, length: 2001 },
        },
      ],
    });
    const atMax = validateAnswers(vensterDefinition, { ...complete(), agenda_toelichting: "é".repeat(2000) });
    expect(atMax.ok).toBe(true);
  });

  it.each([
    ["in the middle", "Goed\u0000overleg"],
    ["at the end, where trimming does not remove it", "Goed overleg\u0000"],
    ["alone", "\u0000"],
  ])("refuses a U+0000 character (%s) as a field error: PostgreSQL cannot store it", (_, text) => {
    const result = validateAnswers(vensterDefinition, { ...complete(), agenda_toelichting: text });
    expect(result).toEqual({
      ok: false,
      errors: [{ questionId: "agenda_toelichting", code: "unsupported_character", params: { kind: "text" } }],
    });
    if (result.ok) return;
    const [error] = result.errors;
    if (!error) return;
    expect(describeAnswerError(error, "nl")).toContain("dit teken kan niet worden opgeslagen");
    expect(describeAnswerError(error, "en")).toContain("this character cannot be saved");
  });

  it.each([42, true, { text: "x" }])("refuses a non-string text %j", (value) => {
    expect(validateAnswers(vensterDefinition, { ...complete(), agenda_toelichting: value })).toEqual({
      ok: false,
      errors: [{ questionId: "agenda_toelichting", code: "unexpected", params: { kind: "text" } }],
    });
  });
});
