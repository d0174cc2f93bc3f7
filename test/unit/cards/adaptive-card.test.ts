import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderAdaptiveCard, renderAdaptiveForm } from "../../../src/bot/cards/render-adaptive.js";
import type { Card, Form } from "../../../src/domain/cards/card.js";
import { invitationCard, OPEN_SURVEY_ACTION, surveyForm } from "../../../src/domain/cards/survey-cards.js";
import { type Answers, allQuestions, type SurveyDefinition } from "../../../src/domain/survey/definition.js";
import { SURVEY_DEFINITIONS } from "../../../src/domain/survey/definitions/index.js";
import { validateAnswers } from "../../../src/domain/survey/validate-answers.js";
import { LOCALES, type Locale } from "../../../src/domain/vocabulary.js";
import { validAnswers } from "./slack-form-support.js";

/** The parts of an Adaptive Card the tests look at, loosely typed as the JSON is. */
type AdaptiveElement = {
  type: string;
  id?: string;
  text?: string;
  size?: string;
  weight?: string;
  color?: string;
  isSubtle?: boolean;
  fontType?: string;
  wrap?: boolean;
  separator?: boolean;
  facts?: { title: string; value: string }[];
  label?: string;
  isRequired?: boolean;
  errorMessage?: string;
  style?: string;
  isMultiSelect?: boolean;
  isMultiline?: boolean;
  maxLength?: number;
  choices?: { title: string; value: string }[];
  value?: string;
};
type AdaptiveAction = {
  type: string;
  verb: string;
  title: string;
  style?: string;
  data: Record<string, unknown>;
  associatedInputs?: string;
};
type AdaptiveCard = {
  type: string;
  $schema: string;
  version: string;
  fallbackText?: string;
  body: AdaptiveElement[];
  actions?: AdaptiveAction[];
  refresh?: { action: { type: string; verb: string; data: Record<string, unknown> }; userIds: string[] };
  msteams: { width: string };
};

const byKey = (key: string): SurveyDefinition => {
  const definition = SURVEY_DEFINITIONS.find((d) => d.key === key);
  if (!definition) throw new Error(`no definition ${key}`);
  return definition;
};
const venster = byKey("venster");
const evaluatie = byKey("evaluatie");

const INVITATION_ID = "0b6f3c1e-6a4e-4c55-9d1c-2f8a7c1d9e01";
const DATA = { invitationId: INVITATION_ID, kind: "survey" };

const card = (c: Card, options?: Parameters<typeof renderAdaptiveCard>[1]) =>
  renderAdaptiveCard(c, options) as unknown as AdaptiveCard;

const formCard = (form: Form, options: Partial<Parameters<typeof renderAdaptiveForm>[1]> = {}) =>
  renderAdaptiveForm(form, {
    submitVerb: "survey_submit",
    data: DATA,
    ...options,
  }) as unknown as AdaptiveCard;

const formFor = (definition: SurveyDefinition, locale: Locale, previous?: Answers) =>
  surveyForm(definition, locale, "Regio X", previous);

const inputs = (c: AdaptiveCard) => c.body.filter((e) => e.type.startsWith("Input."));
const inputFor = (c: AdaptiveCard, id: string): AdaptiveElement => {
  const element = c.body.find((e) => e.type.startsWith("Input.") && e.id === id);
  if (!element) throw new Error(`no input ${id}`);
  return element;
};
/** The elements between an input and the next input or section heading. */
const blocksAfter = (c: AdaptiveCard, id: string): AdaptiveElement[] => {
  const start = c.body.indexOf(inputFor(c, id)) + 1;
  const rest = c.body.slice(start);
  const end = rest.findIndex((e) => e.type.startsWith("Input.") || e.size === "Medium");
  return end === -1 ? rest : rest.slice(0, end);
};

/** `action.data` as Teams posts it for a form submitted unchanged: our data plus every input's value. */
const postedUnchanged = (c: AdaptiveCard, missing: "empty" | "absent" = "empty"): Record<string, unknown> => {
  const posted: Record<string, unknown> = { ...DATA };
  for (const input of inputs(c)) {
    if (!input.id) throw new Error("input without id");
    if (input.value !== undefined) posted[input.id] = input.value;
    else if (missing === "empty") posted[input.id] = "";
  }
  return posted;
};

/** What Teams posts goes to the validation as it is (our own data and unknown keys are no question ids). */
const roundTrip = (definition: SurveyDefinition, locale: Locale, answers: Answers, missing?: "absent") => {
  const form = formFor(definition, locale, answers);
  return validateAnswers(definition, postedUnchanged(formCard(form), missing));
};

const invitation = (locale: Locale, state: Parameters<typeof invitationCard>[0]["state"]) =>
  invitationCard({
    locale,
    timeZone: "Europe/Amsterdam",
    invitationId: INVITATION_ID,
    surveyTitle: { nl: "Venster op het samenwerkingsproces", en: "Window on the collaboration process" },
    waveName: "2025",
    regionName: "Utrecht Stad",
    closesAt: new Date("2025-03-14T16:00:00Z"),
    state,
  });

describe("renderAdaptiveCard", () => {
  it("is a schema 1.5 Adaptive Card at full width in Teams", () => {
    const c = card(invitation("nl", { kind: "open" }));
    expect(c).toMatchObject({
      type: "AdaptiveCard",
      $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
      version: "1.5",
      msteams: { width: "Full" },
    });
    expect(c.fallbackText).toContain("Utrecht Stad");
    expect(c).not.toHaveProperty("refresh");
  });

  it("renders the invitation: header, bold intro, facts, Execute button and subtle context", () => {
    const c = card(invitation("nl", { kind: "open" }));
    expect(c.body.map((e) => e.type)).toEqual(["TextBlock", "TextBlock", "FactSet", "TextBlock"]);
    const [header, intro, facts, context] = c.body;
    expect(header).toEqual({
      type: "TextBlock",
      text: "Venster op het samenwerkingsproces",
      size: "Large",
      weight: "Bolder",
      wrap: true,
    });
    expect(intro?.text).toContain("in **Utrecht Stad**?");
    expect(intro?.wrap).toBe(true);
    expect(facts?.facts).toEqual([
      { title: "Regio", value: "Utrecht Stad" },
      { title: "Ronde", value: "2025" },
      { title: "Invullen vóór", value: "14 maart 2025 om 17:00" },
    ]);
    expect(context).toMatchObject({ type: "TextBlock", size: "Small", isSubtle: true, wrap: true });
    expect(context?.text).toContain("Vertrouwelijk");
    expect(c.actions).toEqual([
      {
        type: "Action.Execute",
        verb: OPEN_SURVEY_ACTION,
        title: "Invullen",
        data: { value: INVITATION_ID },
        style: "positive",
      },
    ]);
  });

  it("gives an unstyled button no style and leaves out actions when there are none", () => {
    const answered = card(invitation("en", { kind: "answered", at: new Date("2025-03-10T08:05:00Z") }));
    expect(answered.actions).toEqual([
      { type: "Action.Execute", verb: OPEN_SURVEY_ACTION, title: "Change", data: { value: INVITATION_ID } },
    ]);
    const closed = card(invitation("en", { kind: "closed" }));
    expect(closed).not.toHaveProperty("actions");
  });

  it("maps every block type", () => {
    const c = card({
      fallbackText: "all blocks",
      blocks: [
        { type: "header", text: "Kop" },
        { type: "text", text: "*Vet* en gewoon\nnieuwe regel" },
        { type: "divider" },
        { type: "facts", facts: [{ label: "Label", value: "*waarde*" }] },
        { type: "context", text: "klein *vet*" },
        { type: "preformatted", text: "Agenda    ▓▓░  70%\nProces    ░░░   0%" },
        {
          type: "actions",
          actions: [
            { id: "go", label: "Ga", value: "1", style: "primary" },
            { id: "stop", label: "Stop", value: "2", style: "danger" },
          ],
        },
        { type: "actions", actions: [{ id: "more", label: "Meer", value: "3" }] },
        { type: "divider" },
      ],
    });
    expect(c.body).toEqual([
      { type: "TextBlock", text: "Kop", size: "Large", weight: "Bolder", wrap: true },
      { type: "TextBlock", text: "**Vet** en gewoon\n\nnieuwe regel", wrap: true },
      { type: "FactSet", facts: [{ title: "Label", value: "**waarde**" }], separator: true },
      { type: "TextBlock", text: "klein **vet**", size: "Small", isSubtle: true, wrap: true },
      {
        type: "TextBlock",
        // Column alignment survives: runs of spaces become no-break spaces, lines become paragraphs.
        text: "Agenda\u00a0\u00a0\u00a0\u00a0▓▓░\u00a0\u00a070%\n\nProces\u00a0\u00a0\u00a0\u00a0░░░\u00a0\u00a0\u00a00%",
        fontType: "Monospace",
        wrap: true,
      },
    ]);
    expect(c.actions?.map((a) => [a.type, a.verb, a.title, a.data, a.style])).toEqual([
      ["Action.Execute", "go", "Ga", { value: "1" }, "positive"],
      ["Action.Execute", "stop", "Stop", { value: "2" }, "destructive"],
      ["Action.Execute", "more", "Meer", { value: "3" }, undefined],
    ]);
  });

  it.each([
    ["*bold*", "**bold**"],
    ["a *b* c *d e*", "a **b** c **d e**"],
    ["*x*", "**x**"],
    ["5 * 3 * 2", "5 * 3 * 2"],
    ["**al vet**", "**al vet**"],
    ["*niet\nover regels*", "*niet\n\nover regels*"],
    ["_cursief_", "_cursief_"],
    ["een\ntwee\r\ndrie", "een\n\ntwee\n\ndrie"],
  ])("converts %j to Adaptive markdown %j", (text, expected) => {
    expect(card({ fallbackText: "", blocks: [{ type: "text", text }] }).body[0]?.text).toBe(expected);
  });

  it("puts a notice first, in bold attention colour", () => {
    const c = card(invitation("en", { kind: "closed" }), { notice: "This round has *closed*." });
    expect(c.body[0]).toEqual({
      type: "TextBlock",
      text: "This round has **closed**.",
      color: "Attention",
      weight: "Bolder",
      wrap: true,
    });
    expect(c.body[1]?.size).toBe("Large");
  });

  it("adds a refresh action with its user ids", () => {
    const c = card(invitation("nl", { kind: "open" }), {
      refresh: { verb: "invitation_refresh", data: { invitationId: INVITATION_ID }, userIds: ["29:abc"] },
    });
    expect(c.refresh).toEqual({
      action: { type: "Action.Execute", verb: "invitation_refresh", data: { invitationId: INVITATION_ID } },
      userIds: ["29:abc"],
    });
  });

  it("truncates the header to 150 and fact values to 1000 characters, never inside an emoji", () => {
    const c = card(
      invitationCard({
        locale: "nl",
        timeZone: "Europe/Amsterdam",
        invitationId: "i",
        surveyTitle: { nl: "😀".repeat(200), en: "x" },
        waveName: "Ronde",
        regionName: "R".repeat(2500),
        closesAt: new Date("2027-02-05T16:00:00Z"),
        state: { kind: "open" },
      }),
    );
    const header = c.body[0]?.text ?? "";
    expect(Array.from(header)).toHaveLength(150);
    expect(header.endsWith("😀…")).toBe(true);
    const region = c.body.find((e) => e.type === "FactSet")?.facts?.[0]?.value ?? "";
    expect(Array.from(region)).toHaveLength(1000);
    expect(region.endsWith("R…")).toBe(true);
  });
});

const cases = SURVEY_DEFINITIONS.flatMap((definition) =>
  LOCALES.map((locale) => ({ key: definition.key, definition, locale })),
);

describe("renderAdaptiveForm", () => {
  it("renders the venster: intro, a heading per part, every question as an input with its id and required flag", () => {
    const form = formFor(venster, "nl");
    const c = formCard(form);
    expect(c).toMatchObject({ type: "AdaptiveCard", version: "1.5", msteams: { width: "Full" } });
    expect(c.body[0]?.text).toContain("**Venster op het samenwerkingsproces** — Regio X\n\nBent u tevreden");
    expect(c.body.filter((e) => e.size === "Medium").map((e) => [e.text, e.weight])).toEqual([
      ["Agenda", "Bolder"],
      ["Proces", "Bolder"],
      ["Resultaat", "Bolder"],
    ]);
    expect(inputs(c).map((e) => [e.id, e.isRequired])).toEqual([
      ["agenda_tevreden", true],
      ["agenda_toelichting", false],
      ["agenda_ondersteuning", true],
      // Required when shown, but the card shows it always: the validation checks it.
      ["agenda_ondersteuning_welke", false],
      ["proces_tevreden", true],
      ["proces_toelichting", false],
      ["proces_ondersteuning", true],
      ["proces_ondersteuning_welke", false],
      ["resultaat_tevreden", true],
      ["resultaat_toelichting", false],
      ["resultaat_ondersteuning", true],
      ["resultaat_ondersteuning_welke", false],
    ]);
    expect(inputFor(c, "agenda_tevreden")).toEqual({
      type: "Input.ChoiceSet",
      id: "agenda_tevreden",
      label: "Bent u tevreden over de samenwerking wat betreft de agenda?",
      isRequired: true,
      errorMessage: "Kies ja of nee.",
      style: "expanded",
      choices: [
        { title: "Ja", value: "true" },
        { title: "Nee", value: "false" },
      ],
    });
    expect(inputFor(c, "agenda_toelichting")).toMatchObject({
      type: "Input.Text",
      isMultiline: true,
      maxLength: 2000,
    });
    expect(blocksAfter(c, "agenda_toelichting")).toEqual([
      {
        type: "TextBlock",
        text: "Wat gaat er goed, wat kan beter? Alleen de voorzitters van uw regiotafel lezen deze toelichting, zonder uw naam.",
        size: "Small",
        isSubtle: true,
        wrap: true,
        spacing: "None",
      },
    ]);
    expect(blocksAfter(c, "agenda_ondersteuning_welke")[0]?.text).toBe(
      "Alleen invullen als u „ja” antwoordde bij „Is er behoefte aan ondersteuning bij de agenda?”. Alleen de voorzitters van uw regiotafel lezen dit antwoord, zonder uw naam. Aan tafel ziet iedereen alleen hoeveel vragen er per thema zijn.",
    );
  });

  it.each(cases)(
    "$key ($locale): one input per question in definition order, of the right kind",
    ({ definition, locale }) => {
      const c = formCard(formFor(definition, locale));
      expect(inputs(c).map((e) => e.id)).toEqual(allQuestions(definition).map((q) => q.id));
      for (const question of allQuestions(definition)) {
        const input = inputFor(c, question.id);
        expect(input.label).toBe(question.label[locale]);
        expect(input.isRequired).toBe(question.required && !question.showIf);
        expect(input).not.toHaveProperty("value");
        // Every input says what is wrong when the client's own check fails (issue 12).
        expect(input.errorMessage).toMatch(/\S/);
        switch (question.kind) {
          case "yes_no":
            expect(input.type).toBe("Input.ChoiceSet");
            expect(input.style).toBe("expanded");
            expect(input.choices?.map((o) => o.value)).toEqual(["true", "false"]);
            break;
          case "single_choice":
            expect(input.type).toBe("Input.ChoiceSet");
            expect(input.isMultiSelect).toBeUndefined();
            expect(input.style).toBe(question.options.length > 10 ? "compact" : "expanded");
            expect(input.choices).toEqual(
              question.options.map((o) => ({ title: o.label[locale], value: o.id })),
            );
            break;
          case "multi_choice":
            expect(input.type).toBe("Input.ChoiceSet");
            expect(input.isMultiSelect).toBe(true);
            expect(input.style).toBe("expanded");
            expect(input.choices?.map((o) => o.value)).toEqual(question.options.map((o) => o.id));
            break;
          case "scale":
            expect(input.type).toBe("Input.ChoiceSet");
            expect(input.style).toBe("expanded");
            expect(input.choices?.map((o) => o.value)).toEqual(
              Array.from({ length: question.max - question.min + 1 }, (_, i) => String(question.min + i)),
            );
            break;
          case "text":
            expect(input.type).toBe("Input.Text");
            expect(input.isMultiline).toBe(question.multiline);
            expect(input.maxLength).toBe(Math.min(question.maxLength, 4000));
            break;
        }
      }
    },
  );

  it("uses a drop-down for the evaluatie's regions (more than ten) and checkboxes for its factors", () => {
    const c = formCard(formFor(evaluatie, "nl"));
    expect(inputFor(c, "regio").style).toBe("compact");
    expect(inputFor(c, "thema").style).toBe("expanded");
    expect(inputFor(c, "factoren_positief")).toMatchObject({ isMultiSelect: true, style: "expanded" });
  });

  it("submits with Execute, the given data and client validation; cancels without inputs", () => {
    const form = formFor(venster, "en");
    expect(formCard(form).actions).toEqual([
      {
        type: "Action.Execute",
        verb: "survey_submit",
        title: "Submit",
        style: "positive",
        data: DATA,
        associatedInputs: "auto",
      },
    ]);
    const withCancel = formCard(form, { cancel: { verb: "survey_cancel", data: { invitationId: "i" } } });
    expect(withCancel.actions?.[1]).toEqual({
      type: "Action.Execute",
      verb: "survey_cancel",
      title: "Cancel",
      data: { invitationId: "i" },
      associatedInputs: "none",
    });
  });

  it("puts a notice first and passes a refresh on", () => {
    const c = formCard(formFor(venster, "en"), {
      notice: "Your earlier answers are *filled in*.",
      refresh: { verb: "survey_refresh", data: DATA, userIds: ["29:a", "29:b"] },
    });
    expect(c.body[0]).toEqual({
      type: "TextBlock",
      text: "Your earlier answers are **filled in**.",
      color: "Attention",
      weight: "Bolder",
      wrap: true,
    });
    expect(c.refresh).toEqual({
      action: { type: "Action.Execute", verb: "survey_refresh", data: DATA },
      userIds: ["29:a", "29:b"],
    });
  });

  it("prefills earlier answers, a multi-select as ids joined by commas", () => {
    const c = formCard(formFor(evaluatie, "nl", evaluatieWithOthers));
    expect(inputFor(c, "organisatie_type").value).toBe("anders");
    expect(inputFor(c, "organisatie_type_anders").value).toBe("Huisartsenzorggroep");
    expect(inputFor(c, "eerdere_samenwerking").value).toBe("false");
    expect(inputFor(c, "verbeterpunten").value).toBe("true");
    expect(inputFor(c, "urgentie").value).toBe("1");
    expect(inputFor(c, "cijfer_nu").value).toBe("10");
    expect(inputFor(c, "factoren_positief").value).toBe("leiderschap,geen,anders");
    expect(inputFor(c, "factoren_negatief").value).toBe("anders");
    expect(inputFor(c, "doel").value).toBe("Minder versnippering.\nMeer samenhang.");
    expect(inputFor(c, "functie")).not.toHaveProperty("value");
  });

  it("ignores stored answers of the wrong shape or for unknown options", () => {
    const c = formCard(
      formFor(evaluatie, "nl", {
        eerdere_samenwerking: "ja",
        urgentie: "4",
        regio: "atlantis",
        factoren_positief: ["vertrouwen", "atlantis"],
        factoren_negatief: "vertrouwen",
        functie: 42,
      } as unknown as Answers),
    );
    for (const id of ["eerdere_samenwerking", "urgentie", "regio", "factoren_negatief", "functie"]) {
      expect(inputFor(c, id)).not.toHaveProperty("value");
    }
    expect(inputFor(c, "factoren_positief").value).toBe("vertrouwen");
  });

  it("shows a server error as the input's errorMessage and as attention text right under it", () => {
    const c = formCard(formFor(venster, "nl"), {
      errors: { agenda_tevreden: "Kies ja of nee.", proces_ondersteuning_welke: "Vul hier uw antwoord in." },
    });
    expect(inputFor(c, "agenda_tevreden").errorMessage).toBe("Kies ja of nee.");
    expect(blocksAfter(c, "agenda_tevreden")).toEqual([
      {
        type: "TextBlock",
        id: "error-agenda_tevreden",
        text: "Kies ja of nee.",
        color: "Attention",
        wrap: true,
        spacing: "None",
      },
    ]);
    expect(inputFor(c, "proces_ondersteuning_welke").errorMessage).toBe("Vul hier uw antwoord in.");
    expect(blocksAfter(c, "proces_ondersteuning_welke").map((e) => [e.text, e.color ?? e.isSubtle])).toEqual([
      ["Vul hier uw antwoord in.", "Attention"],
      [
        "Alleen invullen als u „ja” antwoordde bij „Is er behoefte aan ondersteuning bij het proces?”. Alleen de voorzitters van uw regiotafel lezen dit antwoord, zonder uw naam. Aan tafel ziet iedereen alleen hoeveel vragen er per thema zijn.",
        true,
      ],
    ]);
    expect(c.body.filter((e) => e.color === "Attention").map((e) => e.id)).toEqual([
      "error-agenda_tevreden",
      "error-proces_ondersteuning_welke",
    ]);
  });

  it("never sets a text input's maxLength below the current value, and caps it at 4000", () => {
    const field = (maxLength: number, value?: string): Form => ({
      title: "t",
      submitLabel: "s",
      cancelLabel: "c",
      sections: [
        {
          title: "s",
          fields: [
            {
              kind: "text",
              id: "t",
              label: "l",
              required: false,
              errorMessage: "e",
              multiline: false,
              maxLength,
              value,
            },
          ],
        },
      ],
    });
    const maxLength = (form: Form) => inputFor(formCard(form), "t").maxLength;
    expect(maxLength(field(300))).toBe(300);
    expect(maxLength(field(300, "kort"))).toBe(300);
    expect(maxLength(field(300, "x".repeat(310)))).toBe(310);
    // Clients count UTF-16 units: 200 emoji are 400 of them.
    expect(maxLength(field(300, "😀".repeat(200)))).toBe(400);
    expect(maxLength(field(5000))).toBe(4000);
    expect(maxLength(field(5000, "x".repeat(4500)))).toBe(4000);
  });

  it("keeps a stored answer that masking made longer than the limit within maxLength", () => {
    const typed = `${"x".repeat(1990)} 111222333`;
    const raw = {
      agenda_tevreden: "ja",
      agenda_toelichting: typed,
      agenda_ondersteuning: "nee",
      proces_tevreden: "ja",
      proces_ondersteuning: "nee",
      resultaat_tevreden: "ja",
      resultaat_ondersteuning: "nee",
    };
    const first = validateAnswers(venster, raw);
    if (!first.ok) throw new Error(JSON.stringify(first.errors));
    const input = inputFor(formCard(formFor(venster, "nl", first.answers)), "agenda_toelichting");
    expect(input.value?.endsWith("[BSN verwijderd]")).toBe(true);
    expect(input.value?.length).toBeLessThanOrEqual(input.maxLength ?? 0);
    expect(roundTrip(venster, "nl", first.answers)).toEqual({ ok: true, answers: first.answers });
  });
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
  { name: "evaluatie", definition: evaluatie, answers: validEvaluatie },
  { name: "evaluatie with every 'anders'", definition: evaluatie, answers: evaluatieWithOthers },
];

describe("the form round trip through Teams' posted data", () => {
  it.each(answerSets.flatMap((set) => LOCALES.map((locale) => ({ ...set, locale }))))(
    "$name ($locale): a prefilled form submitted unchanged gives the answers back",
    ({ definition, answers, locale }) => {
      expect(validateAnswers(definition, answers)).toEqual({ ok: true, answers });
      expect(roundTrip(definition, locale, answers)).toEqual({ ok: true, answers });
      expect(roundTrip(definition, locale, answers, "absent")).toEqual({ ok: true, answers });
    },
  );

  it("reads strings per kind, splits a multi-select and ignores our own data and unknown keys", () => {
    const posted = {
      ...postedUnchanged(formCard(formFor(evaluatie, "nl", validEvaluatie))),
      urgentie: "4",
      eerdere_samenwerking: "true",
      factoren_positief: " persoonlijke_relaties, vertrouwen ,,",
      iets_anders: "x",
    };
    const result = validateAnswers(evaluatie, posted);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.answers).toMatchObject({
      urgentie: 4,
      eerdere_samenwerking: true,
      factoren_positief: ["persoonlijke_relaties", "vertrouwen"],
    });
    expect(result.answers).not.toHaveProperty("iets_anders");
    expect(result.answers).not.toHaveProperty("invitationId");
  });

  it("drops an answer typed into a question that its condition hides", () => {
    const posted = { ...postedUnchanged(formCard(formFor(venster, "nl", vensterAnswers))) };
    posted.agenda_ondersteuning_welke = "Toch iets";
    expect(validateAnswers(venster, posted)).toEqual({
      ok: true,
      answers: vensterAnswers,
    });
  });

  it("reports a required answer left empty", () => {
    const { proces_ondersteuning_welke: _, ...missing } = vensterAnswers;
    expect(roundTrip(venster, "en", missing)).toEqual({
      ok: false,
      errors: [{ questionId: "proces_ondersteuning_welke", code: "required", params: { kind: "text" } }],
    });
  });

  it("passes numbers and objects on for the validation to reject, without crashing", () => {
    const posted = {
      ...postedUnchanged(formCard(formFor(evaluatie, "nl", validEvaluatie))),
      organisatie_type: 3,
      eerdere_samenwerking: 1,
      functie: { text: "x" },
      urgentie: { value: "4" },
      cijfer_nu: 7.5,
      factoren_positief: { 0: "vertrouwen" },
      factoren_negatief: [1, 2],
      verbeterpunten: ["true", "false"],
      thema: ["ouderenzorg"],
    };
    const result = validateAnswers(evaluatie, posted);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.questionId, e.code])).toEqual([
      ["organisatie_type", "unexpected"],
      ["functie", "unexpected"],
      ["urgentie", "unexpected"],
      ["eerdere_samenwerking", "unexpected"],
      ["cijfer_nu", "not_a_number"],
      ["factoren_positief", "unexpected"],
      ["factoren_negatief", "unexpected"],
      ["verbeterpunten", "unexpected"],
    ]);
  });

  it.each(SURVEY_DEFINITIONS.map((definition) => ({ key: definition.key, definition })))(
    "$key: any valid answer set survives the prefilled round trip (property)",
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
