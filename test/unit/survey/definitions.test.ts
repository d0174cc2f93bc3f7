import { describe, expect, it } from "vitest";
import { surveyForm } from "../../../src/domain/cards/survey-cards.js";
import { isReadByChairs } from "../../../src/domain/survey/chair-texts.js";
import {
  allQuestions,
  type Question,
  SurveyDefinitionSchema,
} from "../../../src/domain/survey/definition.js";
import { evaluatieDefinition } from "../../../src/domain/survey/definitions/evaluatie.js";
import { findSurveyDefinition, SURVEY_DEFINITIONS } from "../../../src/domain/survey/definitions/index.js";
import { READ_BY_CHAIRS, SUPPORT_NEED_READERS } from "../../../src/domain/survey/definitions/readers.js";
import { vensterDefinition } from "../../../src/domain/survey/definitions/venster.js";

const questionById = (questions: Question[], id: string): Question => {
  const question = questions.find((candidate) => candidate.id === id);
  if (!question) throw new Error(`no question ${id}`);
  return question;
};

describe("survey definitions", () => {
  it.each([
    ["venster", vensterDefinition],
    ["evaluatie", evaluatieDefinition],
  ])("%s parses with SurveyDefinitionSchema and is unchanged by it", (key, definition) => {
    const parsed = SurveyDefinitionSchema.parse(definition);
    expect(parsed.key).toBe(key);
    expect(parsed.version).toBe(1);
    expect(parsed).toEqual(definition);
  });

  it.each(SURVEY_DEFINITIONS.map((definition) => [definition.key, definition] as const))(
    "every showIf in %s refers to an earlier question and an answer it can have",
    (_key, definition) => {
      const questions = allQuestions(definition);
      const conditional = questions.filter((question) => question.showIf);
      expect(conditional.length).toBeGreaterThan(0);
      for (const question of conditional) {
        const condition = question.showIf;
        if (!condition) continue;
        const target = questionById(questions, condition.questionId);
        expect(questions.indexOf(target)).toBeLessThan(questions.indexOf(question));
        if (target.kind === "yes_no") expect(typeof condition.equals).toBe("boolean");
        else if (target.kind === "single_choice" || target.kind === "multi_choice")
          expect(target.options.map((option) => option.id)).toContain(condition.equals);
        else throw new Error(`${question.id}: condition on a ${target.kind} question`);
      }
    },
  );

  it("has unique key/version pairs", () => {
    const pairs = SURVEY_DEFINITIONS.map((definition) => `${definition.key}@${definition.version}`);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs).toEqual(["venster@1", "evaluatie@1"]);
  });
});

describe("who reads the free text: the form says what the product does", () => {
  const readers = [READ_BY_CHAIRS, SUPPORT_NEED_READERS];
  const says = (question: Question, locale: "nl" | "en") =>
    readers.some((sentence) => question.help?.[locale].includes(sentence[locale]));

  it.each(SURVEY_DEFINITIONS.map((definition) => [definition.key, definition] as const))(
    "%s: every question the chairs read says so next to the field, in Dutch and English, and no other does",
    (_key, definition) => {
      for (const question of allQuestions(definition)) {
        expect({ id: question.id, nl: says(question, "nl"), en: says(question, "en") }).toEqual({
          id: question.id,
          nl: isReadByChairs(question),
          en: isReadByChairs(question),
        });
      }
    },
  );

  it.each(
    SURVEY_DEFINITIONS.flatMap((definition) =>
      (["nl", "en"] as const).map((locale) => [definition.key, locale, definition] as const),
    ),
  )(
    "%s (%s): the form shows it right by the field, also when the field is conditional",
    (_key, locale, definition) => {
      const fields = surveyForm(definition, locale, "Regio").sections.flatMap((section) => section.fields);
      const read = allQuestions(definition).filter(isReadByChairs);
      for (const question of read) {
        const field = fields.find((candidate) => candidate.id === question.id);
        expect(readers.some((sentence) => field?.help?.includes(sentence[locale]))).toBe(true);
        if (question.showIf)
          expect(field?.help).toMatch(
            /^(Alleen invullen als u „(ja|nee)” antwoordde|Only if you answered “(yes|no)”) /,
          );
      }
    },
  );

  it("tells the venster respondent who reads the explanation and the support need", () => {
    const questions = allQuestions(vensterDefinition);
    expect(questionById(questions, "agenda_toelichting").help).toEqual({
      nl: "Wat gaat er goed, wat kan beter? Alleen de voorzitters van uw regiotafel lezen deze toelichting, zonder uw naam.",
      en: "What is going well, what could be better? Only the chairs of your regional table read this explanation, without your name.",
    });
    expect(questionById(questions, "proces_ondersteuning_welke").help?.nl).toBe(
      "Alleen de voorzitters van uw regiotafel lezen dit antwoord, zonder uw naam. Aan tafel ziet iedereen alleen hoeveel vragen er per thema zijn.",
    );
  });

  it("has the evaluatie's explanations read by the chairs, and not its identifying open answers", () => {
    const read = allQuestions(evaluatieDefinition)
      .filter(isReadByChairs)
      .map((question) => question.id);
    expect(read).toEqual([
      "cijfer_aanvang_toelichting",
      "cijfer_nu_toelichting",
      "bijdrage_ondersteuning_toelichting",
      "betere_ondersteuning_clienten_toelichting",
      "verbeterpunten_toelichting",
    ]);
  });
});

describe("vensterDefinition", () => {
  it("has the titles and the three parts", () => {
    expect(vensterDefinition.key).toBe("venster");
    expect(vensterDefinition.title).toEqual({
      nl: "Venster op het samenwerkingsproces",
      en: "Window on the collaboration process",
    });
    expect(vensterDefinition.intro?.nl).toMatch(/gemeenten, zorgverzekeraars en zorgkantoren/);
    expect(vensterDefinition.intro?.en).toMatch(/municipalities, health insurers and care offices/);
    expect(vensterDefinition.sections.map((section) => [section.id, section.title])).toEqual([
      ["agenda", { nl: "Agenda", en: "Agenda" }],
      ["proces", { nl: "Proces", en: "Process" }],
      ["resultaat", { nl: "Resultaat", en: "Result" }],
    ]);
  });

  it.each(["agenda", "proces", "resultaat"])("section %s has exactly the four questions", (part) => {
    const section = vensterDefinition.sections.find((candidate) => candidate.id === part);
    expect(section).toBeDefined();
    const summary = section?.questions.map((question) => ({
      id: question.id,
      kind: question.kind,
      required: question.required,
      showIf: question.showIf,
      multiline: question.kind === "text" ? question.multiline : undefined,
      listInSummary: question.kind === "text" ? question.listInSummary : undefined,
      readByChairs: question.kind === "text" ? question.readByChairs : undefined,
    }));
    expect(summary).toEqual([
      { id: `${part}_tevreden`, kind: "yes_no", required: true },
      {
        id: `${part}_toelichting`,
        kind: "text",
        required: false,
        multiline: true,
        listInSummary: false,
        readByChairs: true,
      },
      { id: `${part}_ondersteuning`, kind: "yes_no", required: true },
      {
        id: `${part}_ondersteuning_welke`,
        kind: "text",
        required: true,
        showIf: { questionId: `${part}_ondersteuning`, equals: true },
        multiline: true,
        listInSummary: true,
        readByChairs: true,
      },
    ]);
    for (const question of section?.questions ?? []) {
      expect(question.label.nl).not.toBe("");
      expect(question.label.en).not.toBe("");
    }
  });

  it.each([
    ["agenda", "de agenda"],
    ["proces", "het proces"],
    ["resultaat", "het resultaat"],
  ])("asks about satisfaction with %s in Dutch", (part, subject) => {
    const question = questionById(allQuestions(vensterDefinition), `${part}_tevreden`);
    expect(question.label.nl).toMatch(/^Bent u tevreden over de samenwerking/);
    expect(question.label.nl).toContain(subject);
  });
});

describe("evaluatieDefinition", () => {
  const questions = allQuestions(evaluatieDefinition);

  it("models the appendix questions with the stated ids and kinds", () => {
    expect(questions.map((question) => [question.id, question.kind])).toEqual([
      ["organisatie_type", "single_choice"],
      ["organisatie_type_anders", "text"],
      ["functie", "text"],
      ["regio", "single_choice"],
      ["regio_anders", "text"],
      ["thema", "single_choice"],
      ["thema_anders", "text"],
      ["urgentie", "scale"],
      ["doel", "text"],
      ["eerdere_samenwerking", "yes_no"],
      ["cijfer_aanvang", "scale"],
      ["cijfer_aanvang_toelichting", "text"],
      ["cijfer_nu", "scale"],
      ["cijfer_nu_toelichting", "text"],
      ["bijdrage_ondersteuning", "single_choice"],
      ["bijdrage_ondersteuning_toelichting", "text"],
      ["betere_ondersteuning_clienten", "yes_no"],
      ["betere_ondersteuning_clienten_toelichting", "text"],
      ["factoren_positief", "multi_choice"],
      ["factoren_positief_anders", "text"],
      ["factoren_negatief", "multi_choice"],
      ["factoren_negatief_anders", "text"],
      ["verbeterpunten", "yes_no"],
      ["verbeterpunten_toelichting", "text"],
    ]);
  });

  it.each([
    ["organisatie_type", "organisatie_type_anders"],
    ["regio", "regio_anders"],
    ["thema", "thema_anders"],
    ["factoren_positief", "factoren_positief_anders"],
    ["factoren_negatief", "factoren_negatief_anders"],
  ])("%s has an 'anders' option with a required conditional text", (choiceId, otherId) => {
    const choice = questionById(questions, choiceId);
    const other = questionById(questions, otherId);
    expect(choice.kind === "single_choice" || choice.kind === "multi_choice").toBe(true);
    if (choice.kind === "single_choice" || choice.kind === "multi_choice")
      expect(choice.options.map((option) => option.id)).toContain("anders");
    expect(other).toMatchObject({
      kind: "text",
      required: true,
      showIf: { questionId: choiceId, equals: "anders" },
    });
  });

  it.each([
    ["urgentie", 1, 5],
    ["cijfer_aanvang", 1, 10],
    ["cijfer_nu", 1, 10],
  ])("%s is a scale from %i to %i with labels at both ends", (id, min, max) => {
    const question = questionById(questions, id);
    expect(question).toMatchObject({ kind: "scale", min, max, required: true });
    if (question.kind !== "scale") return;
    expect(question.minLabel?.nl).toBeTruthy();
    expect(question.maxLabel?.en).toBeTruthy();
  });

  it.each(["factoren_positief", "factoren_negatief"])("%s allows at most 3 of the appendix factors", (id) => {
    const question = questionById(questions, id);
    expect(question).toMatchObject({ kind: "multi_choice", maxSelections: 3 });
    if (question.kind !== "multi_choice") return;
    expect(question.options.map((option) => option.id)).toEqual([
      "persoonlijke_relaties",
      "vertrouwen",
      "gedeelde_verantwoordelijkheid",
      "betrouwbaarheid",
      "betrokkenheid_gemeente",
      "inbreng_alle_gemeenten",
      "politieke_stabiliteit",
      "leiderschap",
      "daadkracht",
      "evaluatie_monitoring",
      "geen",
      "anders",
    ]);
  });

  it("asks for an explanation only when the agreements do not help clients", () => {
    expect(questionById(questions, "betere_ondersteuning_clienten_toelichting").showIf).toEqual({
      questionId: "betere_ondersteuning_clienten",
      equals: false,
    });
  });

  it("offers the ten pilot regions plus 'anders'", () => {
    const regio = questionById(questions, "regio");
    expect(regio.kind).toBe("single_choice");
    if (regio.kind === "single_choice") expect(regio.options).toHaveLength(11);
  });
});

describe("findSurveyDefinition", () => {
  it.each([
    ["venster", undefined, "venster", 1],
    ["venster", 1, "venster", 1],
    ["evaluatie", undefined, "evaluatie", 1],
    ["evaluatie", 1, "evaluatie", 1],
  ] as const)("finds %s version %s", (key, version, expectedKey, expectedVersion) => {
    const found = findSurveyDefinition(key, version);
    expect(found?.key).toBe(expectedKey);
    expect(found?.version).toBe(expectedVersion);
  });

  it.each([
    ["venster", 2],
    ["onbekend", undefined],
    ["", undefined],
  ] as const)("finds nothing for %s version %s", (key, version) => {
    expect(findSurveyDefinition(key, version)).toBeUndefined();
  });

  it("returns the parsed definitions, with defaults applied", () => {
    const venster = findSurveyDefinition("venster");
    const text = venster && allQuestions(venster).find((question) => question.kind === "text");
    expect(text).toMatchObject({ kind: "text", maxLength: 2000 });
  });
});
