import type { OverviewData, RegionPageData } from "../../app/venster/load-venster.js";
import type { VensterWave } from "../../app/venster/queries.js";
import { formatDateTime } from "../../domain/i18n.js";
import type { OutlierRule } from "../../domain/venster/outliers.js";
import type { ShareBand } from "../../domain/venster/page-model.js";
import { VENSTER_PARTS } from "../../domain/venster/parts.js";
import type { Locale } from "../../domain/vocabulary.js";
import { type Html, html } from "../html.js";
import { organisationTypeChart, overviewChart, PART_COLOURS, trendChart } from "./charts.js";
import { page } from "./layout.js";
import { escalationsTable, nationalTable, outliersTable, regionsTable } from "./overview-tables.js";
import {
  activityTable,
  escalationThemesTable,
  organisationTypesTable,
  supportThemesTable,
  trendTable,
} from "./region-tables.js";
import { PART_LABELS, t } from "./texts.js";

/** Builds the venster's links, keeping the chosen wave and language. */
export function vensterLinks(locale: Locale, wave: string | undefined) {
  const query = (extra: Record<string, string | undefined> = {}) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries({ wave, ...extra })) if (value) params.set(key, value);
    if (locale === "en" && !("lang" in extra)) params.set("lang", "en");
    const text = params.toString();
    return text ? `?${text}` : "";
  };
  return {
    query,
    overview: (path = "") => `/venster${path}${query()}`,
    region: (slug: string, path = "") => `/venster/regio/${encodeURIComponent(slug)}${path}${query()}`,
  };
}

const day = (date: Date, locale: Locale, timeZone: string) =>
  formatDateTime(date, locale, timeZone).replace(/ (om|at) \d\d:\d\d$/, "");

function waveChooser(
  locale: Locale,
  waves: readonly VensterWave[],
  chosen: VensterWave,
  action: string,
): Html {
  return html`<form class="wave" method="get" action="${action}">
<label for="wave">${t(locale, "waveLabel")}</label>
<select id="wave" name="wave">${waves.map(
    (wave) =>
      html`<option value="${wave.name}"${wave.id === chosen.id ? html` selected` : ""}>${wave.name} (${t(locale, wave.status === "open" ? "open" : "closed")})</option>`,
  )}</select>
${locale === "en" ? html`<input type="hidden" name="lang" value="en">` : ""}
<button type="submit">${t(locale, "show")}</button>
</form>`;
}

const BAND_RANGES: [Exclude<ShareBand, "none">, string][] = [
  ["b0", "0–19%"],
  ["b1", "20–39%"],
  ["b2", "40–59%"],
  ["b3", "60–79%"],
  ["b4", "80–100%"],
];

function legend(locale: Locale): Html {
  return html`<ul class="legend" aria-label="${t(locale, "legend")}">${BAND_RANGES.map(
    ([band, range]) => html`<li class="${band}">${range} ${t(locale, "yes")}</li>`,
  )}<li class="none">— ${locale === "nl" ? "geen antwoorden" : "no answers"}</li></ul>`;
}

function ruleText(locale: Locale, rule: OutlierRule): string {
  const points = Math.round(rule.margin * 1000) / 10;
  return locale === "nl"
    ? `Een regio is een uitschieter op een onderdeel als minstens ${rule.minRespondents} mensen in de regio de tevredenheidsvraag van dat onderdeel beantwoordden en het aandeel ja meer dan ${points} procentpunt afwijkt van het landelijke aandeel (alle respondenten van de ronde). Hoger is een positieve uitschieter (▲), lager een negatieve (▼): een reden om met de regio in gesprek te gaan.`
    : `A region is an outlier on a part when at least ${rule.minRespondents} people in the region answered that part's satisfaction question and its share of yes differs by more than ${points} percentage points from the national share (all respondents of the round). Higher is a positive outlier (▲), lower a negative one (▼): a reason to talk to the region.`;
}

function partKey(locale: Locale): Html {
  return html`<p class="note">${VENSTER_PARTS.map(
    (part) =>
      html`<span class="part-key" style="background:${PART_COLOURS[part]}" aria-hidden="true"></span>${PART_LABELS[part][locale]} ${{ agenda: "●", proces: "■", resultaat: "▲" }[part]}&nbsp;&nbsp; `,
  )}</p>`;
}

export function renderOverview(
  locale: Locale,
  timeZone: string,
  data: Extract<OverviewData, { kind: "overview" }>,
): string {
  const { wave, model } = data;
  const links = vensterLinks(locale, wave.name);
  const regionHref = (slug: string) => links.region(slug);
  const nationalShares = Object.fromEntries(
    VENSTER_PARTS.map((part) => [part, model.national.parts[part].share]),
  ) as Record<(typeof VENSTER_PARTS)[number], number | undefined>;
  const chartName =
    locale === "nl"
      ? `Aandeel ja per onderdeel per regio in ${wave.name}, met het landelijke aandeel als stippellijn`
      : `Share of yes per part per region in ${wave.name}, with the national share as a dashed line`;
  const body = html`<h1>${t(locale, "title")}: ${wave.name}</h1>
<p>${
    locale === "nl"
      ? "Jaarlijks beantwoorden gemeenten, zorgverzekeraars en zorgkantoren per regio of ze tevreden zijn over de samenwerking op drie onderdelen: agenda, proces en resultaat. De uitkomsten zijn voor alle partijen in te zien."
      : "Every year, municipalities, health insurers and care offices answer per region whether they are satisfied with the collaboration on three parts: agenda, process and result. The results are open to all parties."
  }</p>
${waveChooser(locale, data.waves, wave, "/venster")}
<p class="note">${wave.status === "open" ? (locale === "nl" ? "Deze ronde is nog open; de cijfers kunnen nog veranderen." : "This round is still open; the figures may still change.") : locale === "nl" ? `Gesloten op ${day(wave.closesAt, locale, timeZone)}.` : `Closed on ${day(wave.closesAt, locale, timeZone)}.`}</p>
<h2 id="landelijk-kop">${t(locale, "nationalTotals")}</h2>
${nationalTable(locale, model.national, links.overview("/landelijk.csv")).html}
<h2 id="regios-kop">${t(locale, "regions")}</h2>
${legend(locale)}
${
  model.regions.length > 0 &&
  html`<figure>
<figcaption>${chartName}</figcaption>
${partKey(locale)}
${overviewChart(model.regions, nationalShares, locale, chartName)}
<p class="note"><a href="#regios">${t(locale, "chartTable")}</a></p>
</figure>`
}
${regionsTable(locale, model.regions, regionHref, links.overview("/regios.csv")).html}
<h2 id="uitschieters-kop">${t(locale, "outliers")}</h2>
<p>${ruleText(locale, data.rule)}</p>
${outliersTable(locale, model.outliers, regionHref, links.overview("/uitschieters.csv")).html}
<h2 id="hulpvragen-kop">${t(locale, "escalations")}</h2>
<p>${
    locale === "nl"
      ? `Hulpvragen van regio's aan de landelijke partijen van ${day(data.escalationPeriod.from, locale, timeZone)} tot en met ${day(data.escalationPeriod.to, locale, timeZone)}, met hun thema; de tekst en de vrager blijven binnen de regio.`
      : `Requests for support from regions to the national parties from ${day(data.escalationPeriod.from, locale, timeZone)} to ${day(data.escalationPeriod.to, locale, timeZone)}, with their theme; the text and who asked stay within the region.`
  }</p>
${escalationsTable(locale, timeZone, data.escalations, regionHref, links.overview("/hulpvragen.csv")).html}`;
  return page({
    locale,
    title: wave.name,
    otherLanguageHref: vensterLinks(locale === "nl" ? "en" : "nl", wave.name).overview(),
    body,
  });
}

export function renderRegion(locale: Locale, timeZone: string, data: RegionPageData): string {
  const { wave, region } = data;
  const links = vensterLinks(locale, wave.name);
  const csv = (name: string) => links.region(region.slug, `/${name}`);
  const table = data.organisationTypes;
  const allSuppressed = table.suppressedParts.length === VENSTER_PARTS.length;
  const typeChartName =
    locale === "nl"
      ? `Aandeel ja per onderdeel per soort organisatie in ${region.name}, ${wave.name}`
      : `Share of yes per part by organisation type in ${region.name}, ${wave.name}`;
  const trendName =
    locale === "nl"
      ? `Aandeel ja per onderdeel in ${region.name} per ronde; stippellijnen: landelijk`
      : `Share of yes per part in ${region.name} per round; dashed lines: national`;
  const threshold = data.anonymityThreshold;
  const body = html`<p><a href="${links.overview()}">${t(locale, "backToOverview")}</a></p>
<h1>${region.name}: ${wave.name}</h1>
${waveChooser(locale, data.waves, wave, `/venster/regio/${encodeURIComponent(region.slug)}`)}
<h2>${locale === "nl" ? "Per soort organisatie" : "By organisation type"}</h2>
${
  table.suppressedParts.length > 0 &&
  html`<p class="note" id="afgeschermd">${
    locale === "nl"
      ? `Om niemand herkenbaar te maken tonen we het aandeel ja per soort organisatie alleen als elke soort die antwoordde minstens ${threshold} respondenten heeft. Bij ${table.suppressedParts.map((p) => PART_LABELS[p][locale]).join(", ")} is dat niet zo; daar staat "afgeschermd". Het totaal van de regio blijft zichtbaar.`
      : `So that nobody can be recognised, the share of yes per organisation type is shown only when every type that answered has at least ${threshold} respondents. For ${table.suppressedParts.map((p) => PART_LABELS[p][locale]).join(", ")} that is not the case; it says "withheld" there. The region's total stays visible.`
  }</p>`
}
${legend(locale)}
${
  !allSuppressed &&
  table.types.some((row) => row.answered > 0) &&
  html`<figure>
<figcaption>${typeChartName}</figcaption>
${partKey(locale)}
${organisationTypeChart(table, locale, typeChartName)}
<p class="note"><a href="#organisaties">${t(locale, "chartTable")}</a></p>
</figure>`
}
${organisationTypesTable(locale, table, csv("organisaties.csv")).html}
<h2>${t(locale, "trend")}</h2>
${
  data.trend.some((point) => point.share !== undefined) &&
  html`<figure>
<figcaption>${trendName}</figcaption>
${partKey(locale)}
${trendChart(data.trend, locale, trendName)}
<p class="note"><a href="#trend">${t(locale, "chartTable")}</a></p>
</figure>`
}
${trendTable(locale, data.trend, csv("trend.csv")).html}
<h2>${t(locale, "support")}</h2>
<p>${
    locale === "nl"
      ? "Hoe vaak respondenten die ondersteuning nodig hebben een thema noemden, per onderdeel. Een antwoord kan meer thema's raken. De antwoorden zelf en wie ze gaf tonen we niet."
      : "How often respondents who need support named a theme, per part. One answer may touch several themes. The answers themselves and who gave them are not shown."
  }</p>
${supportThemesTable(locale, data.supportThemes, csv("ondersteuning.csv")).html}
<h2>${t(locale, "escalations")}</h2>
<p>${
    locale === "nl"
      ? `${data.escalationCount} hulpvra${data.escalationCount === 1 ? "ag" : "gen"} van ${day(data.escalationPeriod.from, locale, timeZone)} tot en met ${day(data.escalationPeriod.to, locale, timeZone)}, per thema.`
      : `${data.escalationCount} request${data.escalationCount === 1 ? "" : "s"} for support from ${day(data.escalationPeriod.from, locale, timeZone)} to ${day(data.escalationPeriod.to, locale, timeZone)}, by theme.`
  }</p>
${escalationThemesTable(locale, data.escalationThemes, csv("hulpvragen.csv")).html}
<h2>${t(locale, "activity")}</h2>
${activityTable(locale, data.activity, csv("activiteit.csv")).html}`;
  return page({
    locale,
    title: `${region.name}, ${wave.name}`,
    otherLanguageHref: vensterLinks(locale === "nl" ? "en" : "nl", wave.name).region(region.slug),
    body,
  });
}

export type ErrorKind = "wave-not-found" | "region-not-found" | "no-waves" | "unavailable" | "error";

const ERRORS: Record<ErrorKind, { title: { nl: string; en: string }; text: { nl: string; en: string } }> = {
  "wave-not-found": {
    title: { nl: "Ronde niet gevonden", en: "Round not found" },
    text: {
      nl: "Deze venster-ronde bestaat niet. Kies hieronder een bestaande ronde in het overzicht.",
      en: "This venster round does not exist. Choose an existing round in the overview.",
    },
  },
  "region-not-found": {
    title: { nl: "Regio niet gevonden", en: "Region not found" },
    text: {
      nl: "Deze regio bestaat niet. Het overzicht hieronder linkt naar elke regio met resultaten.",
      en: "This region does not exist. The overview links to every region with results.",
    },
  },
  "no-waves": {
    title: { nl: "Nog geen venster-ronde", en: "No venster round yet" },
    text: {
      nl: "Er is nog geen open of gesloten ronde van het venster, dus er zijn nog geen resultaten. Een beheerder opent een ronde met de opdrachtregel, bijvoorbeeld:",
      en: "There is no open or closed round of the venster yet, so there are no results. An administrator opens a round with the command line, for example:",
    },
  },
  unavailable: {
    title: { nl: "Tijdelijk niet beschikbaar", en: "Temporarily unavailable" },
    text: {
      nl: "De database is op dit moment niet bereikbaar. Probeer het over een paar minuten opnieuw.",
      en: "The database cannot be reached right now. Please try again in a few minutes.",
    },
  },
  error: {
    title: { nl: "Er ging iets mis", en: "Something went wrong" },
    text: {
      nl: "Deze pagina kon niet worden gemaakt. Probeer het later opnieuw; blijft het misgaan, meld het dan aan de beheerder.",
      en: "This page could not be made. Please try again later; if it keeps failing, tell the administrator.",
    },
  },
};

export function renderError(locale: Locale, kind: ErrorKind): string {
  const error = ERRORS[kind];
  const body = html`<h1>${error.title[locale]}</h1>
<p>${error.text[locale]}</p>
${
  kind === "no-waves" &&
  html`<pre><code>npm run cli -- wave create --survey venster --name "Venster 2027" --opens 2027-01-11 --closes "2027-02-05 17:00"
npm run cli -- wave open "Venster 2027"</code></pre>
<p>${locale === "nl" ? "Zie de README (“The annual survey”) voor de details." : "See the README (“The annual survey”) for the details."}</p>`
}
${kind !== "no-waves" && html`<p><a href="/venster${locale === "en" ? "?lang=en" : ""}">${t(locale, "backToOverview")}</a></p>`}`;
  return page({
    locale,
    title: error.title[locale],
    otherLanguageHref: `/venster${locale === "nl" ? "?lang=en" : ""}`,
    body,
  });
}
