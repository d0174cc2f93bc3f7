import { describe, expect, it } from "vitest";
import { evaluatieDefinition } from "../../../src/domain/survey/definitions/evaluatie.js";
import { validateAnswers } from "../../../src/domain/survey/validate-answers.js";

/** Every required question answered, no "anders", agreements help clients. */
const complete = (): Record<string, unknown> => ({
  organisatie_type: "gemeente",
  regio: "twente_menzis",
  thema: "ouderenzorg",
  urgentie: "4",
  eerdere_samenwerking: "ja",
  cijfer_aanvang: "5",
  cijfer_nu: "7",
  bijdrage_ondersteuning: "een_beetje",
  betere_ondersteuning_clienten: "ja",
  factoren_positief: ["vertrouwen", "persoonlijke_relaties"],
  factoren_negatief: "politieke_stabiliteit",
  verbeterpunten: "nee",
});

const validate = (overrides: Record<string, unknown>) =>
  validateAnswers(evaluatieDefinition, { ...complete(), ...overrides });

describe("validateAnswers on the evaluatie", () => {
  it("normalises a complete answer", () => {
    expect(
      validate({ functie: " Beleidsadviseur ", cijfer_nu_toelichting: "Meer vertrouwen.", doel: "" }),
    ).toEqual({
      ok: true,
      answers: {
        organisatie_type: "gemeente",
        functie: "Beleidsadviseur",
        regio: "twente_menzis",
        thema: "ouderenzorg",
        urgentie: 4,
        eerdere_samenwerking: true,
        cijfer_aanvang: 5,
        cijfer_nu: 7,
        cijfer_nu_toelichting: "Meer vertrouwen.",
        bijdrage_ondersteuning: "een_beetje",
        betere_ondersteuning_clienten: true,
        factoren_positief: ["persoonlijke_relaties", "vertrouwen"],
        factoren_negatief: ["politieke_stabiliteit"],
        verbeterpunten: false,
      },
    });
  });

  it.each([
    ["7", 7],
    [" 8 ", 8],
    [10, 10],
    ["1", 1],
    ["10", 10],
    ["7.0", 7],
    ["+6", 6],
    [["9"], 9],
  ])("accepts the grade %j as %i", (value, expected) => {
    const result = validate({ cijfer_nu: value });
    expect(result.ok && result.answers.cijfer_nu).toBe(expected);
  });

  it.each([
    [0, "out_of_range"],
    [11, "out_of_range"],
    ["11", "out_of_range"],
    ["-1", "out_of_range"],
    [7.5, "not_a_number"],
    ["7.5", "not_a_number"],
    ["7,5", "not_a_number"],
    ["zeven", "not_a_number"],
    ["1e1", "not_a_number"],
    ["0x8", "not_a_number"],
    [Number.NaN, "not_a_number"],
    [Number.POSITIVE_INFINITY, "not_a_number"],
    [true, "unexpected"],
  ])("refuses the grade %j with %s", (value, code) => {
    expect(validate({ cijfer_nu: value })).toEqual({
      ok: false,
      errors: [
        {
          questionId: "cijfer_nu",
          code,
          params: code === "unexpected" ? { kind: "scale" } : { kind: "scale", min: 1, max: 10 },
        },
      ],
    });
  });

  it.each([
    [1, true],
    [5, true],
    [0, false],
    [6, false],
    ["10", false],
  ])("checks urgency %j against the 5-point scale (valid: %s)", (value, valid) => {
    const result = validate({ urgentie: value });
    if (valid) expect(result).toMatchObject({ ok: true, answers: { urgentie: Number(value) } });
    else
      expect(result).toEqual({
        ok: false,
        errors: [{ questionId: "urgentie", code: "out_of_range", params: { kind: "scale", min: 1, max: 5 } }],
      });
  });

  it("reports a missing grade as required, with its range", () => {
    const raw = complete();
    delete raw.cijfer_aanvang;
    expect(validateAnswers(evaluatieDefinition, raw)).toEqual({
      ok: false,
      errors: [
        { questionId: "cijfer_aanvang", code: "required", params: { kind: "scale", min: 1, max: 10 } },
      ],
    });
  });

  it.each([
    [["vertrouwen"], ["vertrouwen"]],
    [
      ["daadkracht", "vertrouwen", "leiderschap"],
      ["vertrouwen", "leiderschap", "daadkracht"],
    ],
    [["vertrouwen", "vertrouwen", " vertrouwen "], ["vertrouwen"]],
    ["leiderschap,vertrouwen", ["vertrouwen", "leiderschap"]],
    ["geen", ["geen"]],
    [
      ["vertrouwen", "", "leiderschap"],
      ["vertrouwen", "leiderschap"],
    ],
  ])("accepts the factors %j as %j", (value, expected) => {
    const result = validate({ factoren_positief: value });
    expect(result.ok && result.answers.factoren_positief).toEqual(expected);
  });

  it.each([
    [["vertrouwen", "leiderschap", "daadkracht", "betrouwbaarheid"], "too_many", { max: 3 }],
    ["vertrouwen,leiderschap,daadkracht,geen", "too_many", { max: 3 }],
    [["vertrouwen", "geld"], "invalid_choice", {}],
    [[1, 2], "unexpected", {}],
    [42, "unexpected", {}],
  ])("refuses the factors %j with %s", (value, code, params) => {
    expect(validate({ factoren_negatief: value })).toEqual({
      ok: false,
      errors: [{ questionId: "factoren_negatief", code, params: { kind: "multi_choice", ...params } }],
    });
  });

  it.each([[[]], [""], [[" "]]])("reports the empty factor list %j as required", (value) => {
    expect(validate({ factoren_positief: value })).toEqual({
      ok: false,
      errors: [{ questionId: "factoren_positief", code: "required", params: { kind: "multi_choice" } }],
    });
  });

  it.each([
    ["organisatie_type", "anders", "organisatie_type_anders", "Cliëntenorganisatie"],
    ["regio", "anders", "regio_anders", "Zuid-Limburg en CZ"],
    ["thema", "anders", "thema_anders", "Jeugd 18-/18+"],
    ["factoren_positief", ["anders", "vertrouwen"], "factoren_positief_anders", "Een vaste voorzitter"],
    ["factoren_negatief", "anders", "factoren_negatief_anders", "Wisselende contactpersonen"],
    ["betere_ondersteuning_clienten", "nee", "betere_ondersteuning_clienten_toelichting", "Nog te vroeg."],
  ])("when %s is %j, requires and stores %s", (choiceId, choice, otherId, text) => {
    expect(validate({ [choiceId]: choice })).toEqual({
      ok: false,
      errors: [{ questionId: otherId, code: "required", params: { kind: "text" } }],
    });
    const result = validate({ [choiceId]: choice, [otherId]: ` ${text} ` });
    expect(result.ok && result.answers[otherId]).toBe(text);
  });

  it.each([
    ["organisatie_type", "zorgverzekeraar", "organisatie_type_anders"],
    ["regio", "breda_cz", "regio_anders"],
    ["factoren_positief", ["vertrouwen"], "factoren_positief_anders"],
    ["betere_ondersteuning_clienten", "ja", "betere_ondersteuning_clienten_toelichting"],
  ])("when %s is %j, drops a leftover %s", (choiceId, choice, otherId) => {
    const result = validate({ [choiceId]: choice, [otherId]: "oud antwoord" });
    expect(result.ok).toBe(true);
    expect(result.ok && Object.keys(result.answers)).not.toContain(otherId);
  });

  it.each([
    ["organisatie_type", "ministerie"],
    ["regio", "Twente en Menzis"],
    ["bijdrage_ondersteuning", "heel_veel"],
  ])("refuses %s %j as an invalid choice", (questionId, value) => {
    expect(validate({ [questionId]: value })).toEqual({
      ok: false,
      errors: [{ questionId, code: "invalid_choice", params: { kind: "single_choice" } }],
    });
  });

  it("enforces the shorter maximum of a one-line question", () => {
    expect(validate({ functie: "x".repeat(201) })).toEqual({
      ok: false,
      errors: [{ questionId: "functie", code: "too_long", params: { kind: "text", max: 200, length: 201 } }],
    });
  });
});
