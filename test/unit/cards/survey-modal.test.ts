import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FIELD_ACTION_ID,
  readSlackFormValues,
  renderSlackModal,
} from "../../../src/bot/cards/render-slack.js";
import type { Form } from "../../../src/domain/cards/card.js";
import { surveyForm } from "../../../src/domain/cards/survey-cards.js";
import { type Answers, allQuestions, type SurveyDefinition } from "../../../src/domain/survey/definition.js";
import { SURVEY_DEFINITIONS } from "../../../src/domain/survey/definitions/index.js";
import { validateAnswers } from "../../../src/domain/survey/validate-answers.js";
import { LOCALES, type Locale } from "../../../src/domain/vocabulary.js";
import {
  type SlackBlock,
  type SlackModal,
  slackStateFor,
  slackStateFromInitialValues,
  validAnswers,
} from "./slack-form-support.js";

const byKey = (key: string): SurveyDefinition => {
  const definition = SURVEY_DEFINITIONS.find((d) => d.key === key);
  if (!definition) throw new Error(`no definition ${key}`);
  return definition;
};
const venster = byKey("venster");
const evaluatie = byKey("evaluatie");

const modalFor = (definition: SurveyDefinition, locale: Locale, previous?: Answers): SlackModal =>
  renderSlackModal(surveyForm(definition, locale, "Regio X", previous), {
    callbackId: "survey_submit",
    privateMetadata: "id",
  }) as unknown as SlackModal;

const inputs = (modal: SlackModal) => modal.blocks.filter((b) => b.type === "input");
const inputFor = (modal: SlackModal, id: string): SlackBlock => {
  const block = modal.blocks.find((b) => b.type === "input" && b.block_id === id);
  if (!block?.element) throw new Error(`no input ${id}`);
  return block;
};

/** Submits `answers` through the modal as Slack would, then validates as the app does. */
const roundTrip = (definition: SurveyDefinition, locale: Locale, answers: Answers) => {
  const raw = readSlackFormValues(slackStateFor(modalFor(definition, locale), answers));
  return validateAnswers(definition, raw);
};

const cases = SURVEY_DEFINITIONS.flatMap((definition) =>
  LOCALES.map((locale) => ({ key: definition.key, definition, locale })),
);

describe("the survey modal in Slack's limits", () => {
  it("renders both known definitions", () => {
    expect(SURVEY_DEFINITIONS.map((d) => d.key).sort()).toEqual(["evaluatie", "venster"]);
  });

  it.each(cases)(
    "$key ($locale): a modal with its callback, metadata and short labels",
    ({ definition, locale }) => {
      const modal = modalFor(definition, locale);
      expect(modal).toMatchObject({ type: "modal", callback_id: "survey_submit", private_metadata: "id" });
      expect(modal.blocks.length).toBeGreaterThan(0);
      expect(modal.blocks.length).toBeLessThanOrEqual(100);
      for (const text of [modal.title, modal.submit, modal.close]) {
        expect(text.type).toBe("plain_text");
        expect(text.text.length).toBeGreaterThan(0);
        expect(text.text.length).toBeLessThanOrEqual(24);
      }
      expect([modal.title.text, modal.submit.text, modal.close.text]).toEqual(
        locale === "nl" ? ["Vragenlijst", "Versturen", "Annuleren"] : ["Survey", "Submit", "Cancel"],
      );
    },
  );

  it.each(cases)(
    "$key ($locale): intro, headers and sections respect Block Kit's text limits",
    ({ definition, locale }) => {
      const modal = modalFor(definition, locale);
      const [intro] = modal.blocks;
      expect(intro?.type).toBe("section");
      expect(intro?.text?.type).toBe("mrkdwn");
      expect(intro?.text?.text).toContain(`*${definition.title[locale]}* — Regio X`);
      expect(intro?.text?.text).toContain(definition.intro?.[locale] ?? "");
      for (const block of modal.blocks) {
        expect(["section", "header", "input"]).toContain(block.type);
        if (block.type === "header") {
          expect(block.text?.type).toBe("plain_text");
          expect(block.text?.text.length).toBeLessThanOrEqual(150);
        }
        if (block.type === "section") expect(block.text?.text.length).toBeLessThanOrEqual(3000);
      }
      expect(modal.blocks.filter((b) => b.type === "header").map((b) => b.text?.text)).toEqual(
        definition.sections.map((s) => s.title[locale]),
      );
    },
  );

  it.each(cases)(
    "$key ($locale): one input block per question, in definition order",
    ({ definition, locale }) => {
      const modal = modalFor(definition, locale);
      const ids = inputs(modal).map((b) => b.block_id);
      expect(ids).toEqual(allQuestions(definition).map((q) => q.id));
      expect(new Set(ids).size).toBe(ids.length);
      for (const block of inputs(modal)) {
        expect(block.block_id?.length).toBeLessThanOrEqual(255);
        expect(block.element?.action_id).toBe(FIELD_ACTION_ID);
        expect(block.element?.action_id).toBe("value");
        expect(block.label?.type).toBe("plain_text");
        expect(block.label?.text.length).toBeGreaterThan(0);
        expect(block.label?.text.length).toBeLessThanOrEqual(2000);
        if (block.hint) {
          expect(block.hint.type).toBe("plain_text");
          expect(block.hint.text.length).toBeLessThanOrEqual(2000);
        }
      }
    },
  );

  it.each(cases)(
    "$key ($locale): element types and option counts match each question",
    ({ definition, locale }) => {
      const modal = modalFor(definition, locale);
      for (const question of allQuestions(definition)) {
        const element = inputFor(modal, question.id).element;
        if (!element) throw new Error("unreachable");
        const options = element.options ?? [];
        for (const option of options) {
          expect(option.text.type).toBe("plain_text");
          expect(option.text.text.length).toBeGreaterThan(0);
          expect(option.text.text.length).toBeLessThanOrEqual(75);
          expect(option.value.length).toBeLessThanOrEqual(150);
        }
        expect(new Set(options.map((o) => o.value)).size).toBe(options.length);
        switch (element.type) {
          case "radio_buttons":
          case "checkboxes":
            expect(options.length).toBeGreaterThanOrEqual(1);
            expect(options.length).toBeLessThanOrEqual(10);
            break;
          case "static_select":
          case "multi_static_select":
            expect(options.length).toBeGreaterThanOrEqual(1);
            expect(options.length).toBeLessThanOrEqual(100);
            break;
          case "plain_text_input":
            expect(element.max_length).toBeGreaterThanOrEqual(1);
            expect(element.max_length).toBeLessThanOrEqual(3000);
            break;
          default:
            throw new Error(`${question.id}: unexpected element ${element.type}`);
        }
        switch (question.kind) {
          case "yes_no":
            expect(element.type).toBe("radio_buttons");
            expect(options.map((o) => o.value)).toEqual(["true", "false"]);
            expect(options.map((o) => o.text.text)).toEqual(locale === "nl" ? ["Ja", "Nee"] : ["Yes", "No"]);
            break;
          case "single_choice":
            expect(element.type).toBe(question.options.length <= 10 ? "radio_buttons" : "static_select");
            expect(options.map((o) => o.value)).toEqual(question.options.map((o) => o.id));
            expect(options.map((o) => o.text.text)).toEqual(question.options.map((o) => o.label[locale]));
            break;
          case "multi_choice":
            expect(element.type).toBe(question.options.length <= 10 ? "checkboxes" : "multi_static_select");
            expect(options.map((o) => o.value)).toEqual(question.options.map((o) => o.id));
            if (element.type === "multi_static_select") {
              expect(element.max_selected_items).toBe(question.maxSelections);
            }
            break;
          case "scale":
            expect(element.type).toBe("static_select");
            expect(options.map((o) => Number(o.value))).toEqual(
              Array.from({ length: question.max - question.min + 1 }, (_, i) => question.min + i),
            );
            break;
          case "text":
            expect(element.type).toBe("plain_text_input");
            expect(element.multiline).toBe(question.multiline);
            expect(element.max_length).toBe(Math.min(question.maxLength, 3000));
            break;
        }
      }
    },
  );

  it("uses a select for the eleven regions and the twelve factors of the evaluatie", () => {
    const modal = modalFor(evaluatie, "nl");
    expect(inputFor(modal, "regio").element?.type).toBe("static_select");
    expect(inputFor(modal, "thema").element?.type).toBe("radio_buttons");
    expect(inputFor(modal, "factoren_positief").element).toMatchObject({
      type: "multi_static_select",
      max_selected_items: 3,
    });
  });

  it.each(cases)(
    "$key ($locale): optional exactly for non-required or conditional questions",
    ({ definition, locale }) => {
      const modal = modalFor(definition, locale);
      for (const question of allQuestions(definition)) {
        const block = inputFor(modal, question.id);
        expect({ id: question.id, optional: block.optional }).toEqual({
          id: question.id,
          optional: !question.required || question.showIf !== undefined,
        });
        if (question.showIf && !question.help) {
          // The hint names the answer that makes the question apply (issue 12).
          expect(block.hint?.text).toMatch(
            locale === "nl"
              ? /^Alleen invullen als u „.+” antwoordde bij „.+”\.$/
              : /^Only if you answered “.+” to “.+”\.$/,
          );
        }
      }
    },
  );

  it("marks the venster's satisfaction questions required and its explanations optional", () => {
    const modal = modalFor(venster, "nl");
    expect(inputFor(modal, "agenda_tevreden").optional).toBe(false);
    expect(inputFor(modal, "agenda_toelichting").optional).toBe(true);
    // Required when shown, but Slack shows it always: optional in the modal, checked by the validation.
    expect(inputFor(modal, "agenda_ondersteuning_welke").optional).toBe(true);
  });

  it.each(cases)(
    "$key ($locale): has no initial values without previous answers",
    ({ definition, locale }) => {
      for (const block of inputs(modalFor(definition, locale))) {
        expect(block.element).not.toHaveProperty("initial_option");
        expect(block.element).not.toHaveProperty("initial_options");
        expect(block.element).not.toHaveProperty("initial_value");
      }
    },
  );
});

const validEvaluatie: Answers = {
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
};

const evaluatieWithOthers: Answers = {
  organisatie_type: "anders",
  organisatie_type_anders: "Huisartsenzorggroep",
  regio: "anders",
  regio_anders: "Zeeland en CZ",
  thema: "anders",
  thema_anders: "Jeugd",
  urgentie: 1,
  doel: "Minder versnippering.\nMeer samenhang.",
  eerdere_samenwerking: false,
  cijfer_aanvang: 1,
  cijfer_aanvang_toelichting: "Geen contact.",
  cijfer_nu: 10,
  bijdrage_ondersteuning: "veel",
  bijdrage_ondersteuning_toelichting: "Een kwartiermaker.",
  betere_ondersteuning_clienten: false,
  betere_ondersteuning_clienten_toelichting: "Te vroeg om te zeggen.",
  factoren_positief: ["leiderschap", "geen", "anders"],
  factoren_positief_anders: "Een vaste tafel",
  factoren_negatief: ["anders"],
  factoren_negatief_anders: "Wisselingen",
  verbeterpunten: true,
  verbeterpunten_toelichting: "Vaker samen evalueren.",
};

const vensterAnswers: Answers = {
  agenda_tevreden: true,
  agenda_toelichting: "Een gedeelde agenda.",
  agenda_ondersteuning: false,
  proces_tevreden: false,
  proces_ondersteuning: true,
  proces_ondersteuning_welke: "Een procesbegeleider",
  resultaat_tevreden: true,
  resultaat_ondersteuning: true,
  resultaat_ondersteuning_welke: "Data over wachttijden",
  resultaat_toelichting: "Zichtbaar in de wijk.",
};

const answerSets = [
  { name: "venster", definition: venster, answers: vensterAnswers },
  {
    name: "venster, only the required answers",
    definition: venster,
    answers: {
      agenda_tevreden: false,
      agenda_ondersteuning: false,
      proces_tevreden: false,
      proces_ondersteuning: false,
      resultaat_tevreden: false,
      resultaat_ondersteuning: false,
    },
  },
  { name: "evaluatie", definition: evaluatie, answers: validEvaluatie },
  { name: "evaluatie with every 'anders'", definition: evaluatie, answers: evaluatieWithOthers },
];

describe("the survey modal round trip through Slack's view state", () => {
  it.each(answerSets)("$name: the answer sets are valid to begin with", ({ definition, answers }) => {
    expect(validateAnswers(definition, answers)).toEqual({ ok: true, answers });
  });

  it.each(answerSets.flatMap((set) => LOCALES.map((locale) => ({ ...set, locale }))))(
    "$name ($locale): submitted answers come back unchanged",
    ({ definition, answers, locale }) => {
      expect(roundTrip(definition, locale, answers)).toEqual({ ok: true, answers });
    },
  );

  it("reads the view state shapes Slack sends per element type", () => {
    const state = slackStateFor(modalFor(evaluatie, "nl"), validEvaluatie);
    expect(state.organisatie_type?.value).toMatchObject({
      type: "radio_buttons",
      selected_option: { value: "gemeente", text: { type: "plain_text", text: "Gemeente" } },
    });
    expect(state.regio?.value).toMatchObject({
      type: "static_select",
      selected_option: { value: "twente_menzis" },
    });
    expect(state.urgentie?.value).toMatchObject({ type: "static_select", selected_option: { value: "4" } });
    expect(state.factoren_positief?.value?.selected_options?.map((o) => o.value)).toEqual([
      "persoonlijke_relaties",
      "vertrouwen",
    ]);
    expect(state.doel?.value).toEqual({ type: "plain_text_input", value: null });
    expect(state.organisatie_type_anders?.value).toEqual({ type: "plain_text_input", value: null });

    expect(readSlackFormValues(state)).toMatchObject({
      organisatie_type: "gemeente",
      regio: "twente_menzis",
      urgentie: "4",
      eerdere_samenwerking: "true",
      verbeterpunten: "false",
      factoren_positief: ["persoonlijke_relaties", "vertrouwen"],
      functie: "Beleidsadviseur",
    });
    const raw = readSlackFormValues(state);
    expect(raw).not.toHaveProperty("doel");
    expect(raw.organisatie_type_anders).toBeUndefined();
  });

  it("drops an answer typed into a question that its condition hides", () => {
    const state = slackStateFor(modalFor(venster, "nl"), {
      ...vensterAnswers,
      agenda_ondersteuning_welke: "Toch iets",
    });
    expect(validateAnswers(venster, readSlackFormValues(state))).toEqual({
      ok: true,
      answers: vensterAnswers,
    });
  });

  it("reports a required question left empty in the modal by its block id", () => {
    const { proces_ondersteuning_welke: _, ...missing } = vensterAnswers;
    const result = validateAnswers(
      venster,
      readSlackFormValues(slackStateFor(modalFor(venster, "en"), missing)),
    );
    expect(result).toEqual({
      ok: false,
      errors: [{ questionId: "proces_ondersteuning_welke", code: "required", params: { kind: "text" } }],
    });
    const blockIds = inputs(modalFor(venster, "en")).map((b) => b.block_id);
    expect(blockIds).toContain("proces_ondersteuning_welke");
  });

  it.each(SURVEY_DEFINITIONS.map((definition) => ({ key: definition.key, definition })))(
    "$key: any valid answer set survives the round trip (property)",
    ({ definition }) => {
      fc.assert(
        fc.property(validAnswers(definition), fc.constantFrom<Locale>(...LOCALES), (answers, locale) => {
          expect(roundTrip(definition, locale, answers)).toEqual({ ok: true, answers });
        }),
        { numRuns: 150 },
      );
    },
  );
});

describe("previous answers in the modal", () => {
  it.each(answerSets.flatMap((set) => LOCALES.map((locale) => ({ ...set, locale }))))(
    "$name ($locale): appear as initial values",
    ({ definition, answers, locale }) => {
      const modal = modalFor(definition, locale, answers);
      for (const question of allQuestions(definition)) {
        const element = inputFor(modal, question.id).element;
        const answer = answers[question.id];
        if (!element) throw new Error("unreachable");
        if (answer === undefined) {
          expect(element.initial_option ?? element.initial_options ?? element.initial_value).toBeUndefined();
          continue;
        }
        switch (element.type) {
          case "radio_buttons":
          case "static_select":
            expect(element.initial_option?.value).toBe(String(answer));
            // Slack requires the initial option to be one of the options, text included.
            expect(element.options).toContainEqual(element.initial_option);
            break;
          case "checkboxes":
          case "multi_static_select":
            expect(element.initial_options?.map((o) => o.value)).toEqual(answer);
            for (const option of element.initial_options ?? [])
              expect(element.options).toContainEqual(option);
            break;
          case "plain_text_input":
            expect(element.initial_value).toBe(answer);
            break;
          default:
            throw new Error(`unexpected element ${element.type}`);
        }
      }
    },
  );

  it("shows a previous 'no' as the No option, not as missing", () => {
    const modal = modalFor(venster, "en", { agenda_tevreden: false });
    expect(inputFor(modal, "agenda_tevreden").element?.initial_option).toEqual({
      text: { type: "plain_text", text: "No", emoji: true },
      value: "false",
    });
  });

  it("ignores stored answers of the wrong shape or for unknown options", () => {
    const modal = modalFor(evaluatie, "nl", {
      eerdere_samenwerking: "ja",
      urgentie: "4",
      regio: "atlantis",
      functie: 42,
    } as unknown as Answers);
    expect(inputFor(modal, "eerdere_samenwerking").element).not.toHaveProperty("initial_option");
    expect(inputFor(modal, "urgentie").element).not.toHaveProperty("initial_option");
    expect(inputFor(modal, "regio").element).not.toHaveProperty("initial_option");
    expect(inputFor(modal, "functie").element).not.toHaveProperty("initial_value");
  });

  it.each(SURVEY_DEFINITIONS.map((definition) => ({ key: definition.key, definition })))(
    "$key: submitting the prefilled modal unchanged gives the previous answers back (property)",
    ({ definition }) => {
      fc.assert(
        fc.property(validAnswers(definition), fc.constantFrom<Locale>(...LOCALES), (answers, locale) => {
          const state = slackStateFromInitialValues(modalFor(definition, locale, answers));
          expect(validateAnswers(definition, readSlackFormValues(state))).toEqual({ ok: true, answers });
        }),
        { numRuns: 150 },
      );
    },
  );
});

describe("renderSlackModal keeps any form within Slack's limits", () => {
  const long = (n: number, c = "x") => c.repeat(n);
  const form: Form = {
    title: long(40),
    submitLabel: long(30),
    cancelLabel: long(25),
    intro: long(5000),
    sections: [
      {
        title: long(200),
        fields: Array.from({ length: 120 }, (_, i) => ({
          kind: "single_choice" as const,
          id: `q${i}`,
          label: long(2500),
          help: long(2100),
          required: i % 2 === 0,
          errorMessage: long(10),
          options: Array.from({ length: 12 }, (_, j) => ({ id: `o${j}`, label: long(90) })),
        })),
      },
    ],
  };
  const modal = renderSlackModal(form, { callbackId: "c", privateMetadata: "m" }) as unknown as SlackModal;

  it("truncates title, submit and close to 24 characters with an ellipsis", () => {
    expect([modal.title.text.length, modal.submit.text.length, modal.close.text.length]).toEqual([
      24, 24, 24,
    ]);
    expect(modal.title.text.endsWith("…")).toBe(true);
  });

  it("truncates headers, intro, labels, hints and option texts", () => {
    expect(modal.blocks[0]?.text?.text.length).toBe(3000);
    expect(modal.blocks[1]?.text?.text.length).toBe(150);
    const block = inputFor(modal, "q0");
    expect(block.label?.text.length).toBe(2000);
    expect(block.hint?.text.length).toBe(2000);
    expect(block.element?.type).toBe("static_select");
    expect(block.element?.options?.every((o) => o.text.text.length === 75)).toBe(true);
  });

  it("never sends more than 100 blocks", () => {
    expect(modal.blocks).toHaveLength(100);
  });
});
