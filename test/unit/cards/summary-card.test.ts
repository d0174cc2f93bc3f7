import { describe, expect, it } from "vitest";
import { renderSlackBlocks } from "../../../src/bot/cards/render-slack.js";
import type { Card } from "../../../src/domain/cards/card.js";
import { regionSummaryCard, type SummaryCardInput } from "../../../src/domain/cards/summary-card.js";
import type { Answers, SurveyDefinition } from "../../../src/domain/survey/definition.js";
import { SURVEY_DEFINITIONS } from "../../../src/domain/survey/definitions/index.js";
import {
  formatShare,
  type RespondentRecord,
  summariseRegion,
  textBar,
} from "../../../src/domain/survey/summarise-region.js";
import type { Locale, OrganisationType } from "../../../src/domain/vocabulary.js";
import type { SlackBlock } from "./slack-form-support.js";

const byKey = (key: string): SurveyDefinition => {
  const definition = SURVEY_DEFINITIONS.find((d) => d.key === key);
  if (!definition) throw new Error(`no definition ${key}`);
  return definition;
};
const venster = byKey("venster");
const evaluatie = byKey("evaluatie");

/** Strings a respondent might type that must never reach the channel. */
const SECRETS = ["Jan Jansen", "Wethouder Pietersen", "Klaas de Vries", "Zorgkantoor-Henk", "geheim-42"];

const vensterAnswers = (
  tevreden: [boolean, boolean, boolean],
  secret: string,
  support?: string,
): Answers => ({
  agenda_tevreden: tevreden[0],
  agenda_toelichting: `Volgens ${secret} loopt het goed.`,
  agenda_ondersteuning: support !== undefined,
  ...(support !== undefined
    ? { agenda_ondersteuning_welke: support }
    : { agenda_ondersteuning_welke: secret }),
  proces_tevreden: tevreden[1],
  proces_toelichting: `${secret} zegt: te traag`,
  proces_ondersteuning: false,
  resultaat_tevreden: tevreden[2],
  resultaat_toelichting: secret,
  resultaat_ondersteuning: false,
});

const record = (organisationType: OrganisationType, answers?: Answers): RespondentRecord => ({
  organisationType,
  answers,
});

/** Five answers from two types: below a threshold of 3 for zorgkantoor, so the breakdown is suppressed. */
const fewRecords: RespondentRecord[] = [
  record("gemeente", vensterAnswers([true, true, false], "Jan Jansen", "Een procesbegeleider")),
  record("gemeente", vensterAnswers([true, false, false], "Wethouder Pietersen")),
  record("gemeente", vensterAnswers([false, false, true], "Klaas de Vries", "Data over wachttijden")),
  record("zorgkantoor", vensterAnswers([true, true, true], "Zorgkantoor-Henk")),
  record("zorgkantoor", vensterAnswers([false, true, false], "geheim-42")),
  record("zorgverzekeraar"),
];

/** Three answers per type: the breakdown is shown at a threshold of 3. */
const manyRecords: RespondentRecord[] = [
  ...fewRecords.slice(0, 5),
  record("zorgkantoor", vensterAnswers([true, false, true], "Jan Jansen")),
];

const cardFor = (
  locale: Locale,
  records: RespondentRecord[],
  overrides: Partial<SummaryCardInput> = {},
  definition = venster,
): Card =>
  regionSummaryCard({
    locale,
    timeZone: "Europe/Amsterdam",
    definition,
    summary: summariseRegion(definition, records, { anonymityThreshold: 3 }),
    regionName: "Utrecht Stad",
    waveName: "2025",
    closesAt: new Date("2025-03-14T16:00:00Z"),
    closed: false,
    vensterUrl: "https://regiotafel.example/venster",
    anonymityThreshold: 3,
    ...overrides,
  });

const texts = (card: Card): string[] =>
  card.blocks.flatMap((b) => ("text" in b ? [b.text] : "facts" in b ? b.facts.map((f) => f.value) : []));
const everything = (card: Card) => [card.fallbackText, ...texts(card)].join("\n");
const preformatted = (card: Card) => card.blocks.find((b) => b.type === "preformatted");

const locales = ["nl", "en"] as const;
const both = <T>(rows: T[]) => rows.flatMap((row) => locales.map((locale) => ({ ...row, locale })));

describe("regionSummaryCard: privacy", () => {
  it.each(
    both([
      { name: "suppressed", records: fewRecords },
      { name: "shown", records: manyRecords },
    ]),
  )("breakdown $name ($locale): no names and no explanations", ({ records, locale }) => {
    const card = cardFor(locale, records);
    const all = everything(card);
    const rendered = JSON.stringify(renderSlackBlocks(card));
    for (const secret of SECRETS) {
      expect(all).not.toContain(secret);
      expect(rendered).not.toContain(secret);
    }
    expect(all).not.toMatch(/loopt het goed|te traag/);
    // Nor the support needs: at a small table a quoted need names whoever wrote it.
    expect(all).not.toMatch(/procesbegeleider|wachttijden/i);
    expect(rendered).not.toMatch(/procesbegeleider|wachttijden/i);
  });

  it.each([
    {
      locale: "nl" as const,
      lines: [
        "*Gevraagde ondersteuning per thema*",
        "• Agenda — 3 antwoorden: GGZ 1, Ouderen 1, Anders 2",
        "• Proces — 1 antwoord: Preventie 1",
        "_Eén antwoord kan meer dan één thema raken._",
      ],
    },
    {
      locale: "en" as const,
      lines: [
        "*Support requested, by theme*",
        "• Agenda — 3 answers: Mental health care (GGZ) 1, Older people 1, Other 2",
        "• Process — 1 answer: Prevention 1",
        "_One answer may touch more than one theme._",
      ],
    },
  ])(
    "counts requested support per part and theme, only where it was asked for ($locale)",
    ({ locale, lines }) => {
      const records = [
        ...fewRecords,
        record("gemeente", {
          ...vensterAnswers([true, true, true], "geheim-42", "Hulp bij ggz voor ouderen"),
          proces_ondersteuning: true,
          proces_ondersteuning_welke: "Een preventieakkoord",
        }),
      ];
      const card = cardFor(locale, records);
      const support = texts(card).find((t) => t.startsWith(lines[0] as string));
      expect(support?.split("\n")).toEqual(lines);
      expect(everything(card)).not.toMatch(/Hulp bij ggz|preventieakkoord/);
    },
  );

  it.each(locales)("shows no support block when nobody asked for support (%s)", (locale) => {
    const card = cardFor(locale, [record("gemeente", vensterAnswers([true, true, true], "geheim-42"))]);
    expect(everything(card)).not.toMatch(/Gevraagde ondersteuning|Support requested/);
  });

  it.each([
    {
      locale: "nl" as const,
      note: "Toelichtingen in eigen woorden gaan zonder namen alleen naar de voorzitters van deze regiotafel, en pas vanaf 3 antwoorden.",
    },
    {
      locale: "en" as const,
      note: "Explanations in people's own words go only to the chairs of this table, without names, and only from 3 answers.",
    },
  ])("says in the channel who reads the texts ($locale)", ({ locale, note }) => {
    for (const definition of [venster, evaluatie]) {
      const card = cardFor(locale, fewRecords, {}, definition);
      expect(card.blocks).toContainEqual({ type: "context", text: note });
    }
  });

  it.each(locales)("the evaluatie card leaks no free text at all (%s)", (locale) => {
    const answers = (secret: string, tevreden: boolean): Answers => ({
      organisatie_type: "anders",
      organisatie_type_anders: secret,
      functie: secret,
      regio: "anders",
      regio_anders: secret,
      thema: "ouderenzorg",
      urgentie: 3,
      doel: secret,
      eerdere_samenwerking: tevreden,
      cijfer_aanvang: 4,
      cijfer_aanvang_toelichting: secret,
      cijfer_nu: 8,
      bijdrage_ondersteuning: "veel",
      bijdrage_ondersteuning_toelichting: secret,
      betere_ondersteuning_clienten: false,
      betere_ondersteuning_clienten_toelichting: secret,
      factoren_positief: ["anders"],
      factoren_positief_anders: secret,
      factoren_negatief: ["geen"],
      verbeterpunten: tevreden,
      verbeterpunten_toelichting: secret,
    });
    const records = SECRETS.map((secret, i) => record("gemeente", answers(secret, i % 2 === 0)));
    const card = cardFor(locale, records, {}, evaluatie);
    for (const secret of SECRETS) expect(everything(card)).not.toContain(secret);
    // One chart line per part that has a yes/no question.
    const chart = preformatted(card)?.text.split("\n") ?? [];
    expect(chart).toHaveLength(2);
    expect(chart[0]).toContain(locale === "nl" ? "De samenwerking" : "The collaboration");
    expect(chart[1]).toContain(locale === "nl" ? "Verbeterpunten" : "Room for improvement");
  });
});

describe("regionSummaryCard: anonymity note and breakdown", () => {
  const note = {
    nl: "_Uitsplitsing per soort organisatie pas vanaf 3 respondenten per soort, om anonimiteit te beschermen._",
    en: "_Breakdown by organisation type only from 3 respondents per type, to protect anonymity._",
  };

  it.each(locales)("shows the anonymity note instead of a breakdown when it is suppressed (%s)", (locale) => {
    const summary = summariseRegion(venster, fewRecords, { anonymityThreshold: 3 });
    expect(summary.yesNo.every((q) => q.byOrganisationType === "suppressed")).toBe(true);
    const card = cardFor(locale, fewRecords);
    expect(texts(card)).toContain(note[locale]);
    expect(everything(card)).not.toContain(
      locale === "nl" ? "*Per soort organisatie*" : "*By organisation type*",
    );
  });

  it.each(locales)("shows the anonymity note when nobody answered (%s)", (locale) => {
    const card = cardFor(locale, [record("gemeente"), record("zorgkantoor")]);
    expect(texts(card)).toContain(note[locale]);
  });

  it.each([
    {
      locale: "nl" as const,
      heading: "*Per soort organisatie*",
      types: "Gemeenten \\d+%, Zorgkantoren \\d+%",
    },
    {
      locale: "en" as const,
      heading: "*By organisation type*",
      types: "Municipalities \\d+%, Care offices \\d+%",
    },
  ])(
    "shows a breakdown line per part without the note at the threshold ($locale)",
    ({ locale, heading, types }) => {
      const card = cardFor(locale, manyRecords);
      expect(texts(card)).not.toContain(note[locale]);
      const breakdown = texts(card).find((t) => t.startsWith(heading));
      const titles = venster.sections.map((section) => section.title[locale]);
      expect(breakdown?.split("\n")).toHaveLength(1 + titles.length);
      titles.forEach((title, index) => {
        expect(breakdown?.split("\n")[index + 1]).toMatch(new RegExp(`^\\*${title}\\*: ${types}$`));
      });
    },
  );

  it("states the configured threshold in the note", () => {
    const card = cardFor("en", manyRecords, {
      summary: summariseRegion(venster, manyRecords, { anonymityThreshold: 5 }),
      anonymityThreshold: 5,
    });
    expect(texts(card)).toContain(
      "_Breakdown by organisation type only from 5 respondents per type, to protect anonymity._",
    );
  });
});

describe("regionSummaryCard: chart, response and status", () => {
  it.each(locales)(
    "one chart line per part with the text bar of one of its yes/no questions (%s)",
    (locale) => {
      const card = cardFor(locale, fewRecords);
      const summary = summariseRegion(venster, fewRecords, { anonymityThreshold: 3 });
      const [yes, no] = locale === "nl" ? ["ja", "nee"] : ["yes", "no"];
      const chart = preformatted(card)?.text.split("\n") ?? [];
      expect(chart).toHaveLength(venster.sections.length);
      venster.sections.forEach((section, index) => {
        const line = chart[index] ?? "";
        expect(line.startsWith(section.title[locale])).toBe(true);
        const candidates = summary.yesNo
          .filter((q) => q.sectionId === section.id)
          .map(
            (q) =>
              ` ${textBar(q.share ?? 0)} ${formatShare(q.share, locale).padStart(4)}  (${q.yes} ${yes}, ${q.no} ${no})`,
          );
        expect(candidates.some((candidate) => line.endsWith(candidate))).toBe(true);
        expect(line).toMatch(/ [▓░]{10} /);
      });
      // Titles are padded to one width (at least 8), so the bars line up.
      const width = Math.max(8, ...venster.sections.map((section) => section.title[locale].length));
      expect(new Set(chart.map((line) => line.search(/[▓░]/)))).toEqual(new Set([width + 1]));
      const heading = card.blocks[card.blocks.indexOf(preformatted(card) as never) - 1];
      expect(heading).toEqual({
        type: "text",
        text: locale === "nl" ? "*Tevreden (aandeel ja)*" : "*Satisfied (share yes)*",
      });
    },
  );

  it("renders the chart as a code block in Slack", () => {
    const card = cardFor("nl", fewRecords);
    const blocks = renderSlackBlocks(card) as unknown as SlackBlock[];
    const chart = blocks.find((b) => b.text?.text.startsWith("```"));
    expect(chart?.text?.text).toBe(`\`\`\`${preformatted(card)?.text}\`\`\``);
    expect(chart?.text?.text).toMatch(/[▓░]{10}/);
  });

  it("draws an empty bar and a dash when nobody answered", () => {
    const line = preformatted(cardFor("en", [record("gemeente")]))?.text.split("\n")[0];
    expect(line).toContain(`${textBar(0)}    —  (0 yes, 0 no)`);
  });

  it.each([
    {
      locale: "nl" as const,
      first: "Respons: 5/6 (83%)",
      lines: ["• Gemeenten: 3/3 (100%)", "• Zorgverzekeraars: 0/1 (0%)", "• Zorgkantoren: 2/2 (100%)"],
    },
    {
      locale: "en" as const,
      first: "Response: 5/6 (83%)",
      lines: ["• Municipalities: 3/3 (100%)", "• Health insurers: 0/1 (0%)", "• Care offices: 2/2 (100%)"],
    },
  ])("shows the response per organisation type ($locale)", ({ locale, first, lines }) => {
    const card = cardFor(locale, fewRecords);
    expect(texts(card)).toContain([first, ...lines].join("\n"));
    const title =
      locale === "nl" ? "Venster op het samenwerkingsproces" : "Window on the collaboration process";
    expect(card.fallbackText).toBe(`${title} — Utrecht Stad: ${first}`);
    expect(card.blocks[0]).toEqual({ type: "header", text: `${title} — Utrecht Stad` });
  });

  it.each([
    ["nl", false, "Ronde 2025, tussenstand; sluit 14 maart 2025 om 17:00"],
    ["en", false, "Round 2025, interim; closes 14 March 2025 at 17:00"],
    ["nl", true, "Ronde 2025 (gesloten)"],
    ["en", true, "Round 2025 (closed)"],
  ] as const)("status in %s, closed %s: %s", (locale, closed, status) => {
    const card = cardFor(locale, fewRecords, { closed });
    expect(card.blocks[1]).toEqual({ type: "context", text: status });
  });

  it.each(locales)("lists the yes/no questions not in the chart as details (%s)", (locale) => {
    const card = cardFor(locale, fewRecords);
    const chart = preformatted(card)?.text ?? "";
    const details = texts(card).find((t) => t.startsWith("• ") && !t.includes("/6 ("));
    // Three parts with two yes/no questions each: three in the chart, three as details.
    expect(chart.split("\n")).toHaveLength(3);
    expect(details?.split("\n")).toHaveLength(3);
    for (const line of details?.split("\n") ?? []) {
      expect(line).toMatch(locale === "nl" ? /^• .+\?: \d+% ja \(\d\/5\)$/ : /^• .+\?: \d+% yes \(\d\/5\)$/);
    }
  });

  it.each(locales)("links the national window last (%s)", (locale) => {
    const card = cardFor(locale, fewRecords);
    expect(card.blocks.at(-1)).toEqual({
      type: "context",
      text:
        locale === "nl"
          ? "Alle regio's in het landelijke venster: https://regiotafel.example/venster"
          : "All regions in the national window: https://regiotafel.example/venster",
    });
  });

  it("uses formatShare for every percentage", () => {
    expect(formatShare(5 / 6, "nl")).toBe("83%");
    expect(everything(cardFor("nl", fewRecords))).toContain(formatShare(5 / 6, "nl"));
  });

  it.each(locales)("stays within Slack's block limits (%s)", (locale) => {
    const blocks = renderSlackBlocks(cardFor(locale, manyRecords)) as unknown as SlackBlock[];
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const block of blocks) {
      if (block.type === "header") expect(block.text?.text.length).toBeLessThanOrEqual(150);
      if (block.type === "section") expect(block.text?.text.length).toBeLessThanOrEqual(3000);
    }
  });
});

/**
 * The chart shows the FIRST yes/no question of each part (the "satisfied?" headline the heading "Tevreden
 * (aandeel ja)" names); a map keyed by part once kept the last one, "is support needed?", instead.
 */
describe("regionSummaryCard: the headline is the first yes/no question of each part", () => {
  it("venster chart rows are the satisfaction questions", () => {
    // tevreden per part in fewRecords: agenda 3/5, proces 3/5, resultaat 2/5.
    const chart = preformatted(cardFor("nl", fewRecords))?.text.split("\n");
    expect(chart).toEqual([
      `Agenda    ${textBar(0.6)}  60%  (3 ja, 2 nee)`,
      `Proces    ${textBar(0.6)}  60%  (3 ja, 2 nee)`,
      `Resultaat ${textBar(0.4)}  40%  (2 ja, 3 nee)`,
    ]);
  });

  it("venster details are the support questions", () => {
    const details = texts(cardFor("en", fewRecords)).find((t) => t.startsWith("• Is support"));
    expect(details?.split("\n")).toEqual([
      "• Is support needed with the agenda?: 40% yes (2/5)",
      "• Is support needed with the process?: 0% yes (0/5)",
      "• Is support needed with the result?: 0% yes (0/5)",
    ]);
  });

  it("venster breakdown is of the satisfaction questions", () => {
    // manyRecords, tevreden: agenda gemeente 2/3, zorgkantoor 2/3; proces 1/3, 2/3; resultaat 1/3, 2/3.
    expect(texts(cardFor("nl", manyRecords))).toContain(
      [
        "*Per soort organisatie*",
        "*Agenda*: Gemeenten 67%, Zorgkantoren 67%",
        "*Proces*: Gemeenten 33%, Zorgkantoren 67%",
        "*Resultaat*: Gemeenten 33%, Zorgkantoren 67%",
      ].join("\n"),
    );
  });

  it("evaluatie chart shows eerdere_samenwerking, not betere_ondersteuning_clienten", () => {
    const answers: Answers = {
      organisatie_type: "gemeente",
      regio: "breda_cz",
      thema: "ouderenzorg",
      urgentie: 3,
      eerdere_samenwerking: true,
      cijfer_aanvang: 4,
      cijfer_nu: 8,
      bijdrage_ondersteuning: "veel",
      betere_ondersteuning_clienten: false,
      betere_ondersteuning_clienten_toelichting: "x",
      factoren_positief: ["geen"],
      factoren_negatief: ["geen"],
      verbeterpunten: false,
    };
    const card = cardFor("en", [record("gemeente", answers)], {}, evaluatie);
    expect(preformatted(card)?.text.split("\n")[0]).toBe(
      `The collaboration    ${textBar(1)} 100%  (1 yes, 0 no)`,
    );
  });
});
