import { describe, expect, it } from "vitest";
import { renderAdaptiveForm } from "../../../src/bot/cards/render-adaptive.js";
import { surveyForm, surveyFormWithErrors } from "../../../src/domain/cards/survey-cards.js";
import { allQuestions } from "../../../src/domain/survey/definition.js";
import { SURVEY_DEFINITIONS } from "../../../src/domain/survey/definitions/index.js";
import { vensterDefinition as venster } from "../../../src/domain/survey/definitions/venster.js";
import { validateAnswers } from "../../../src/domain/survey/validate-answers.js";
import { LOCALES, type Locale } from "../../../src/domain/vocabulary.js";

/*
 * Forms that explain themselves (issue 12, WCAG 3.3.1): every input has a label and an errorMessage, the
 * conditional question says why it is required, and an answer with errors shows a summary at the top.
 */

type Element = {
  type: string;
  id?: string;
  text?: string;
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
  style?: string;
  color?: string;
  weight?: string;
  items?: Element[];
};

const render = (form: ReturnType<typeof surveyForm>, errors?: Record<string, string>) =>
  renderAdaptiveForm(form, {
    submitVerb: "survey_submit",
    data: { invitationId: "x" },
    errors,
  }) as unknown as {
    body: Element[];
  };
const inputsOf = (card: { body: Element[] }) => card.body.filter((e) => e.type.startsWith("Input."));

/** The venster sent back with agenda's support need said yes but not which, and result's satisfaction left out. */
const incomplete = {
  agenda_tevreden: "true",
  agenda_ondersteuning: "true",
  proces_tevreden: "false",
  proces_ondersteuning: "false",
  resultaat_ondersteuning: "false",
};

const errorForm = (locale: Locale) => {
  const checked = validateAnswers(venster, incomplete);
  if (checked.ok) throw new Error("expected errors");
  return surveyFormWithErrors(
    venster,
    surveyForm(venster, locale, "Regio X"),
    incomplete,
    checked.errors,
    locale,
  );
};

describe("every input explains itself", () => {
  it.each(SURVEY_DEFINITIONS.flatMap((definition) => LOCALES.map((locale) => ({ definition, locale }))))(
    "$definition.key ($locale): each input has its question as label and an errorMessage",
    ({ definition, locale }) => {
      const card = render(surveyForm(definition, locale, "Regio X"));
      const questions = allQuestions(definition);
      expect(inputsOf(card).map((input) => input.id)).toEqual(questions.map((q) => q.id));
      for (const [index, input] of inputsOf(card).entries()) {
        const question = questions[index];
        expect(input.label).toBe(question?.label[locale]);
        expect(input.errorMessage, input.id).toMatch(/\S/);
        expect(input.isRequired, input.id).toBe(Boolean(question?.required && !question.showIf));
      }
    },
  );

  it("gives a required question the message of its kind", () => {
    const card = render(surveyForm(venster, "nl", "Regio X"));
    expect(inputsOf(card).find((e) => e.id === "agenda_tevreden")?.errorMessage).toBe("Kies ja of nee.");
  });

  it("says, at the conditional question, when and why it is required", () => {
    const form = surveyForm(venster, "nl", "Regio X");
    const field = form.sections[0]?.fields.find((f) => f.id === "agenda_ondersteuning_welke");
    expect(field?.help).toBe(
      "Alleen invullen als u „ja” antwoordde bij „Is er behoefte aan ondersteuning bij de agenda?”. Alleen de voorzitters van uw regiotafel lezen dit antwoord, zonder uw naam. Aan tafel ziet iedereen alleen hoeveel vragen er per thema zijn.",
    );
    expect(field?.errorMessage).toBe(
      "U antwoordde „ja” bij „Is er behoefte aan ondersteuning bij de agenda?”: welke ondersteuning is nodig?",
    );
    const en = surveyForm(venster, "en", "Regio X").sections[0]?.fields.find(
      (f) => f.id === "agenda_ondersteuning_welke",
    );
    expect(en?.errorMessage).toBe(
      "You answered “yes” to “Is support needed with the agenda?”: what support is needed?",
    );
  });
});

describe("the form sent back with errors", () => {
  it("starts with a summary of the problems, in the order of the form", () => {
    const card = render(errorForm("nl"), undefined);
    const [summary] = card.body;
    expect(summary).toMatchObject({ type: "Container", id: "error-summary", style: "attention" });
    expect(summary?.items?.map((item) => [item.id, item.text])).toEqual([
      [undefined, "Controleer deze 2 antwoorden:"],
      [
        "error-summary-agenda_ondersteuning_welke",
        "U antwoordde „ja” bij „Is er behoefte aan ondersteuning bij de agenda?”: welke ondersteuning is nodig?",
      ],
      [
        "error-summary-resultaat_tevreden",
        "Bent u tevreden over de samenwerking wat betreft het resultaat?: Kies ja of nee.",
      ],
    ]);
  });

  it("puts each message right under its input and makes it the input's errorMessage", () => {
    const card = render(errorForm("en"));
    const at = (id: string) => card.body.findIndex((e) => e.id === id);
    expect(card.body[at("resultaat_tevreden") + 1]).toMatchObject({
      type: "TextBlock",
      id: "error-resultaat_tevreden",
      text: "Please choose yes or no.",
      color: "Attention",
    });
    expect(card.body[at("resultaat_tevreden")]?.errorMessage).toBe("Please choose yes or no.");
    expect(card.body[0]?.items?.[0]?.text).toBe("Please check these 2 answers:");
    // Only the fields with a problem carry a message in the card's body.
    expect(card.body.filter((e) => e.id?.startsWith("error-") && e.type === "TextBlock")).toHaveLength(2);
  });

  it("keeps what was sent, so only the problems need correcting", () => {
    const form = errorForm("nl");
    const values = Object.fromEntries(form.sections.flatMap((s) => s.fields.map((f) => [f.id, f.value])));
    expect(values).toMatchObject({
      agenda_tevreden: true,
      proces_tevreden: false,
      resultaat_tevreden: undefined,
    });
  });

  it("says one answer in the singular", () => {
    const raw = { ...incomplete, resultaat_tevreden: "true", agenda_ondersteuning: "false" };
    const checked = validateAnswers(venster, { ...raw, resultaat_ondersteuning: "" });
    if (checked.ok) throw new Error("expected an error");
    const form = surveyFormWithErrors(venster, surveyForm(venster, "nl", "X"), raw, checked.errors, "nl");
    expect(form.errorSummary?.title).toBe("Controleer dit antwoord:");
  });
});
