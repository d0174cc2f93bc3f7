import { formatDateTime, pick } from "../i18n.js";
import { hasChairTexts } from "../survey/chair-texts.js";
import type { SurveyDefinition } from "../survey/definition.js";
import { formatShare, type RegionSummary, textBar } from "../survey/summarise-region.js";
import { type Locale, type OrganisationType, THEMES } from "../vocabulary.js";
import type { Card, CardBlock } from "./card.js";
import { themeLabel } from "./table-cards.js";

const TYPE_LABELS: Record<OrganisationType, { nl: string; en: string }> = {
  gemeente: { nl: "Gemeenten", en: "Municipalities" },
  zorgverzekeraar: { nl: "Zorgverzekeraars", en: "Health insurers" },
  zorgkantoor: { nl: "Zorgkantoren", en: "Care offices" },
  zorgaanbieder: { nl: "Zorgaanbieders", en: "Care providers" },
  clientenorganisatie: { nl: "Cliëntenorganisaties", en: "Client organisations" },
  overig: { nl: "Overig", en: "Other" },
};

export type SummaryCardInput = {
  locale: Locale;
  timeZone: string;
  definition: SurveyDefinition;
  summary: RegionSummary;
  regionName: string;
  waveName: string;
  closesAt: Date;
  closed: boolean;
  vensterUrl: string;
  anonymityThreshold: number;
};

/**
 * The region summary posted to the region's channel: aggregates only, never names and never free text (the
 * support needs as counts per theme). The texts go to the chairs privately (chair-texts-card.ts).
 */
export function regionSummaryCard(input: SummaryCardInput): Card {
  const { locale, summary } = input;
  const title = `${pick(locale, input.definition.title)} — ${input.regionName}`;
  const status = input.closed
    ? pick(locale, { nl: `Ronde ${input.waveName} (gesloten)`, en: `Round ${input.waveName} (closed)` })
    : pick(locale, {
        nl: `Ronde ${input.waveName}, tussenstand; sluit ${formatDateTime(input.closesAt, locale, input.timeZone)}`,
        en: `Round ${input.waveName}, interim; closes ${formatDateTime(input.closesAt, locale, input.timeZone)}`,
      });
  const response = [
    `${pick(locale, { nl: "Respons", en: "Response" })}: ${summary.answered}/${summary.invited} (${formatShare(summary.responseRate, locale)})`,
    ...summary.byOrganisationType.map(
      (t) =>
        `• ${pick(locale, TYPE_LABELS[t.organisationType])}: ${t.answered}/${t.invited} (${formatShare(t.responseRate, locale)})`,
    ),
  ].join("\n");

  const sectionTitle = (sectionId: string) =>
    pick(
      locale,
      input.definition.sections.find((s) => s.id === sectionId)?.title ?? { nl: sectionId, en: sectionId },
    );
  const questionLabel = (questionId: string) => {
    const question = input.definition.sections.flatMap((s) => s.questions).find((q) => q.id === questionId);
    return question ? pick(locale, question.label) : questionId;
  };
  const yes = pick(locale, { nl: "ja", en: "yes" });
  const no = pick(locale, { nl: "nee", en: "no" });
  const width = Math.max(...summary.yesNo.map((q) => sectionTitle(q.sectionId).length), 8);
  // The first yes/no question of each part is its headline ("satisfied?"); the chart shows those.
  const headline = summary.yesNo.filter(
    (q, i, all) => all.findIndex((o) => o.sectionId === q.sectionId) === i,
  );
  const chart = headline
    .map(
      (q) =>
        `${sectionTitle(q.sectionId).padEnd(width)} ${textBar(q.share ?? 0)} ${formatShare(q.share, locale).padStart(4)}  (${q.yes} ${yes}, ${q.no} ${no})`,
    )
    .join("\n");

  const details = summary.yesNo
    .filter((q) => !headline.includes(q))
    .map(
      (q) =>
        `• ${questionLabel(q.questionId)}: ${formatShare(q.share, locale)} ${yes} (${q.yes}/${q.yes + q.no})`,
    );
  const breakdowns = headline.flatMap((q) =>
    q.byOrganisationType === "suppressed" || q.byOrganisationType.length === 0
      ? []
      : [
          `*${sectionTitle(q.sectionId)}*: ${q.byOrganisationType
            .map((b) => `${pick(locale, TYPE_LABELS[b.organisationType])} ${formatShare(b.share, locale)}`)
            .join(", ")}`,
        ],
  );
  const needs = summary.supportNeeds
    .filter((need) => need.count > 0)
    .map((need) => {
      const themes = THEMES.filter((theme) => need.themes[theme] > 0)
        .map((theme) => `${themeLabel(theme, locale)} ${need.themes[theme]}`)
        .join(", ");
      const answers = pick(locale, {
        nl: need.count === 1 ? "1 antwoord" : `${need.count} antwoorden`,
        en: need.count === 1 ? "1 answer" : `${need.count} answers`,
      });
      return `• ${sectionTitle(need.sectionId)} — ${answers}: ${themes}`;
    });

  const blocks: CardBlock[] = [
    { type: "header", text: title },
    { type: "context", text: status },
    { type: "text", text: response },
  ];
  if (chart)
    blocks.push(
      { type: "text", text: pick(locale, { nl: "*Tevreden (aandeel ja)*", en: "*Satisfied (share yes)*" }) },
      { type: "preformatted", text: chart },
    );
  if (details.length) blocks.push({ type: "text", text: details.join("\n") });
  blocks.push({
    type: "text",
    text: breakdowns.length
      ? `${pick(locale, { nl: "*Per soort organisatie*", en: "*By organisation type*" })}\n${breakdowns.join("\n")}`
      : pick(locale, {
          nl: `_Uitsplitsing per soort organisatie pas vanaf ${input.anonymityThreshold} respondenten per soort, om anonimiteit te beschermen._`,
          en: `_Breakdown by organisation type only from ${input.anonymityThreshold} respondents per type, to protect anonymity._`,
        }),
  });
  if (needs.length) {
    blocks.push({
      type: "text",
      text: [
        pick(locale, { nl: "*Gevraagde ondersteuning per thema*", en: "*Support requested, by theme*" }),
        ...needs,
        pick(locale, {
          nl: "_Eén antwoord kan meer dan één thema raken._",
          en: "_One answer may touch more than one theme._",
        }),
      ].join("\n"),
    });
  }
  if (hasChairTexts(input.definition)) {
    blocks.push({
      type: "context",
      text: pick(locale, {
        nl: `Toelichtingen in eigen woorden gaan zonder namen alleen naar de voorzitters van deze regiotafel, en pas vanaf ${input.anonymityThreshold} antwoorden.`,
        en: `Explanations in people's own words go only to the chairs of this table, without names, and only from ${input.anonymityThreshold} answers.`,
      }),
    });
  }
  blocks.push({
    type: "context",
    text: pick(locale, {
      nl: `Alle regio's in het landelijke venster: ${input.vensterUrl}`,
      en: `All regions in the national window: ${input.vensterUrl}`,
    }),
  });
  return { fallbackText: `${title}: ${response.split("\n")[0]}`, blocks };
}
