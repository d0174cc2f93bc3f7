import { describe, expect, it } from "vitest";
import { renderAdaptiveCard } from "../../../src/bot/cards/render-adaptive.js";
import { renderSlackBlocks } from "../../../src/bot/cards/render-slack.js";
import type { Card } from "../../../src/domain/cards/card.js";
import { chairTextsCard } from "../../../src/domain/cards/chair-texts-card.js";
import { type ChairTexts, collectChairTexts } from "../../../src/domain/survey/chair-texts.js";
import type { Answers, SurveyDefinition } from "../../../src/domain/survey/definition.js";
import { SURVEY_DEFINITIONS } from "../../../src/domain/survey/definitions/index.js";
import type { Locale } from "../../../src/domain/vocabulary.js";
import type { SlackBlock } from "./slack-form-support.js";

const byKey = (key: string): SurveyDefinition => {
  const definition = SURVEY_DEFINITIONS.find((d) => d.key === key);
  if (!definition) throw new Error(`no definition ${key}`);
  return definition;
};
const venster = byKey("venster");
const evaluatie = byKey("evaluatie");

const cardFor = (locale: Locale, texts: ChairTexts, definition = venster, closed = true): Card =>
  chairTextsCard({ locale, definition, texts, regionName: "Utrecht Stad", waveName: "2027", closed });
const textsOf = (card: Card) => card.blocks.flatMap((b) => ("text" in b ? [b.text] : []));
const everything = (card: Card) => [card.fallbackText, ...textsOf(card)].join("\n");

const venterAnswer = (agenda: string, support?: string): Answers => ({
  agenda_tevreden: false,
  agenda_toelichting: agenda,
  agenda_ondersteuning: support !== undefined,
  ...(support ? { agenda_ondersteuning_welke: support } : {}),
  proces_tevreden: true,
  proces_ondersteuning: false,
  resultaat_tevreden: true,
  resultaat_ondersteuning: false,
});
const collect = (definition: SurveyDefinition, answers: Answers[], anonymityThreshold = 3) =>
  collectChairTexts(
    definition,
    answers.map((a) => ({ organisationType: "gemeente", answers: a })),
    { anonymityThreshold },
  );

describe("chairTextsCard below the threshold", () => {
  it.each([
    {
      locale: "nl" as const,
      sentence:
        "Er hebben te weinig mensen geantwoord om de toelichtingen te delen: 2 van de minimaal 3. Met zo weinig antwoorden zou te herleiden zijn wie wat schreef.",
    },
    {
      locale: "en" as const,
      sentence:
        "Too few people have answered to share the explanations: 2 of at least 3. With so few answers, it could be traced who wrote what.",
    },
  ])("says there are too few answers to share them, and nothing more ($locale)", ({ locale, sentence }) => {
    const texts = collect(venster, [venterAnswer("Geheim A"), venterAnswer("Geheim B", "Geheime steun")]);
    const card = cardFor(locale, texts);
    expect(card.blocks).toEqual([
      {
        type: "header",
        text:
          locale === "nl"
            ? "Toelichtingen voor de voorzitters — Utrecht Stad"
            : "Explanations for the chairs — Utrecht Stad",
      },
      { type: "context", text: locale === "nl" ? "Ronde 2027 (gesloten)" : "Round 2027 (closed)" },
      { type: "text", text: sentence },
    ]);
    expect(everything(card)).not.toContain("Geheim");
  });
});

describe("chairTextsCard with enough answers", () => {
  const answers = [
    venterAnswer("Zo kan het niet langer", "Procesbegeleiding"),
    venterAnswer("Agenda is te vol", "Advies van VNG"),
    venterAnswer("Beter dan vorig jaar"),
  ];

  it("lists per part and question, labels without (optioneel), answers alphabetical", () => {
    const card = cardFor("nl", collect(venster, answers), venster, false);
    expect(card.blocks[1]).toEqual({
      type: "context",
      text: "Ronde 2027, tussenstand · 3 antwoorden. Alleen voor de voorzitters: zonder namen, en per vraag op alfabet, zodat de volgorde niemand verraadt. Bespreek ze aan tafel zonder te citeren.",
    });
    expect(card.blocks.slice(2)).toEqual([
      {
        type: "text",
        text: [
          "*Agenda*",
          "_Toelichting_",
          "• Agenda is te vol",
          "• Beter dan vorig jaar",
          "• Zo kan het niet langer",
          "_Welke ondersteuning is nodig?_",
          "• Advies van VNG",
          "• Procesbegeleiding",
        ].join("\n"),
      },
    ]);
    // Parts without any text are left out.
    expect(everything(card)).not.toMatch(/\*Proces\*|\*Resultaat\*/);
  });

  it("in English, too", () => {
    const card = cardFor("en", collect(venster, answers));
    expect(textsOf(card)[2]?.split("\n").slice(0, 3)).toEqual([
      "*Agenda*",
      "_Explanation_",
      "• Agenda is te vol",
    ]);
    expect(card.fallbackText).toBe("Explanations for the chairs — Utrecht Stad: 3 answers");
  });

  it.each(["nl", "en"] as const)("says so when nobody wrote anything (%s)", (locale) => {
    const card = cardFor(locale, collect(venster, [venterAnswer(""), venterAnswer(" "), venterAnswer("")]));
    expect(card.blocks.at(-1)).toEqual({
      type: "text",
      text:
        locale === "nl"
          ? "In deze ronde heeft niemand een toelichting of gevraagde ondersteuning in eigen woorden gegeven."
          : "Nobody has given an explanation or a support need in their own words in this round.",
    });
  });

  it("names which grade an evaluatie explanation is about when two share a label", () => {
    const evaluatieAnswer = (start: string, now: string): Answers => ({
      organisatie_type: "gemeente",
      functie: "Wethouder Jansen",
      regio: "breda_cz",
      thema: "ouderenzorg",
      urgentie: 3,
      eerdere_samenwerking: true,
      cijfer_aanvang: 4,
      cijfer_aanvang_toelichting: start,
      cijfer_nu: 8,
      cijfer_nu_toelichting: now,
      bijdrage_ondersteuning: "veel",
      betere_ondersteuning_clienten: true,
      factoren_positief: ["geen"],
      factoren_negatief: ["geen"],
      verbeterpunten: false,
    });
    const texts = collect(evaluatie, [
      evaluatieAnswer("Moeizaam begin", "Veel beter"),
      evaluatieAnswer("Geen vertrouwen", "Goed overleg"),
      evaluatieAnswer("Traag", "Prima"),
    ]);
    const [block] = textsOf(cardFor("nl", texts, evaluatie)).slice(2);
    expect(block?.split("\n")).toEqual([
      "*De samenwerking*",
      "_Wilt u uw cijfer toelichten? — Welk rapportcijfer geeft u de samenwerking in de regio bij de start van het ondersteuningsprogramma?_",
      "• Geen vertrouwen",
      "• Moeizaam begin",
      "• Traag",
      "_Wilt u uw cijfer toelichten? — Welk rapportcijfer geeft u de samenwerking in de regio op dit moment?_",
      "• Goed overleg",
      "• Prima",
      "• Veel beter",
    ]);
    expect(everything(cardFor("nl", texts, evaluatie))).not.toContain("Jansen");
  });
});

describe("chairTextsCard in a busy region", () => {
  const long = (i: number) => `Antwoord ${String(i).padStart(3, "0")} ${"met veel woorden ".repeat(90)}`;
  const texts = collect(
    venster,
    Array.from({ length: 60 }, (_, i) => venterAnswer(long(i), `Steun ${i}`)),
  );

  it("fits every platform and counts what it leaves out", () => {
    const card = cardFor("nl", texts);
    const blocks = renderSlackBlocks(card) as unknown as SlackBlock[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) {
      if (block.type === "section") expect(block.text?.text.length).toBeLessThanOrEqual(3000);
    }
    expect(JSON.stringify(renderAdaptiveCard(card)).length).toBeLessThan(28_000);
    // Each long answer is shortened; those that do not fit are counted in one line at the end.
    const shown = textsOf(card).join("\n").match(/^• /gm)?.length ?? 0;
    const last = card.blocks.at(-1);
    const hidden = 120 - shown;
    expect(hidden).toBeGreaterThan(0);
    expect(last).toEqual({
      type: "context",
      text: `… en nog ${hidden} antwoorden die niet in dit bericht passen.`,
    });
    for (const line of textsOf(card).join("\n").split("\n"))
      if (line.startsWith("• Antwoord")) expect(line.length).toBeLessThanOrEqual(1_002);
  });

  it("keeps the answers it shows in order, without a gap", () => {
    const lines = textsOf(cardFor("en", texts)).join("\n").split("\n");
    const numbers = lines.flatMap((line) => /^• Antwoord (\d{3})/.exec(line)?.[1] ?? []).map(Number);
    expect(numbers).toEqual(numbers.map((_, i) => i));
  });
});
