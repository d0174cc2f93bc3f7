import { describe, expect, it } from "vitest";
import { collectChairTexts, hasChairTexts, isReadByChairs } from "../../../src/domain/survey/chair-texts.js";
import { type Answers, allQuestions, SurveyDefinitionSchema } from "../../../src/domain/survey/definition.js";
import { SURVEY_DEFINITIONS } from "../../../src/domain/survey/definitions/index.js";
import type { RespondentRecord } from "../../../src/domain/survey/summarise-region.js";

const text = (nl: string, en = nl) => ({ nl, en });

const definition = SurveyDefinitionSchema.parse({
  key: "chairs-test",
  version: 1,
  title: text("Test"),
  sections: [
    {
      id: "agenda",
      title: text("Agenda"),
      questions: [
        { id: "tevreden", kind: "yes_no", label: text("Tevreden?") },
        { id: "toelichting", kind: "text", label: text("Toelichting"), readByChairs: true },
        { id: "functie", kind: "text", label: text("Functie") },
        { id: "steun_nodig", kind: "yes_no", label: text("Steun nodig?") },
        {
          id: "steun_welke",
          kind: "text",
          label: text("Welke steun?"),
          // A stored definition from before readByChairs: a support need is read by chairs all the same.
          listInSummary: true,
          showIf: { questionId: "steun_nodig", equals: true },
        },
      ],
    },
  ],
});

const answered = (answers: Answers): RespondentRecord => ({ organisationType: "gemeente", answers });
const invitedOnly: RespondentRecord = { organisationType: "zorgkantoor", answers: undefined };
const collect = (records: RespondentRecord[], anonymityThreshold = 3) =>
  collectChairTexts(definition, records, { anonymityThreshold });

describe("collectChairTexts", () => {
  it("shares nothing below the threshold of people who answered, however many were invited", () => {
    const records = [
      answered({ toelichting: "Zeer geheim", functie: "Wethouder" }),
      answered({ toelichting: "Ook geheim" }),
      invitedOnly,
      invitedOnly,
    ];
    const texts = collect(records);
    expect(texts).toEqual({ shared: false, answered: 2, threshold: 3 });
    expect(JSON.stringify(texts)).not.toContain("geheim");
  });

  it("shares the chairs' questions at exactly the threshold, alphabetically per question", () => {
    const texts = collect([
      answered({
        toelichting: "Zo kan het niet langer",
        steun_nodig: true,
        steun_welke: "Procesbegeleiding",
      }),
      answered({ toelichting: "  agenda is te vol ", steun_nodig: true, steun_welke: "Advies van VNG" }),
      answered({ toelichting: "Beter dan vorig jaar", steun_nodig: false }),
      invitedOnly,
    ]);
    expect(texts).toEqual({
      shared: true,
      answered: 3,
      questions: [
        {
          questionId: "toelichting",
          sectionId: "agenda",
          texts: ["agenda is te vol", "Beter dan vorig jaar", "Zo kan het niet langer"],
        },
        { questionId: "steun_welke", sectionId: "agenda", texts: ["Advies van VNG", "Procesbegeleiding"] },
      ],
    });
  });

  it("never reads a question chairs do not read, nor a hidden or blank answer", () => {
    const texts = collect(
      [
        answered({ functie: "Wethouder Jansen", toelichting: "   " }),
        // steun_nodig is no: the stale support text was hidden and stays out.
        answered({ steun_nodig: false, steun_welke: "Verborgen oude tekst" }),
        answered({ steun_welke: "Ook verborgen" }),
      ],
      1,
    );
    expect(texts).toEqual({
      shared: true,
      answered: 3,
      questions: [
        { questionId: "toelichting", sectionId: "agenda", texts: [] },
        { questionId: "steun_welke", sectionId: "agenda", texts: [] },
      ],
    });
    expect(JSON.stringify(texts)).not.toMatch(/Jansen|verborgen|functie/i);
  });

  it("refuses a threshold below 1", () => {
    expect(() => collect([], 0)).toThrow(RangeError);
    expect(() => collect([], 2.5)).toThrow(RangeError);
  });
});

describe("which questions chairs read", () => {
  it("is the readByChairs and support-need text questions only", () => {
    expect(
      allQuestions(definition)
        .filter(isReadByChairs)
        .map((q) => q.id),
    ).toEqual(["toelichting", "steun_welke"]);
    expect(hasChairTexts(definition)).toBe(true);
    const closedOnly = SurveyDefinitionSchema.parse({
      ...definition,
      sections: [{ id: "a", title: text("A"), questions: [{ id: "q", kind: "yes_no", label: text("Q") }] }],
    });
    expect(hasChairTexts(closedOnly)).toBe(false);
  });

  it.each(SURVEY_DEFINITIONS.map((d) => [d.key, d] as const))(
    "%s: chairs read its explanations and support needs, and nothing that identifies the writer",
    (_key, survey) => {
      const read = allQuestions(survey)
        .filter(isReadByChairs)
        .map((q) => q.id);
      expect(read.length).toBeGreaterThan(0);
      for (const id of read) expect(id).toMatch(/_(toelichting|ondersteuning_welke)$/);
      expect(read).not.toContain("functie");
    },
  );
});
