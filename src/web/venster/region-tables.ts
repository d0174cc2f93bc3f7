import type { RegionActivity } from "../../app/venster/queries.js";
import type { OrganisationTypeTable, TrendPoint } from "../../domain/venster/page-model.js";
import { VENSTER_PARTS, type VensterPart } from "../../domain/venster/parts.js";
import { type Locale, THEMES, type Theme } from "../../domain/vocabulary.js";
import { html } from "../html.js";
import { type CsvCell, fraction } from "./csv.js";
import { count, csvLink, partLabel, percent, shareCell, type TableOutput } from "./table-cells.js";
import { THEME_LABELS, TYPE_LABELS, t } from "./texts.js";

/* The tables of a region's page (see table-cells.ts for what every table shares). */

export function organisationTypesTable(
  locale: Locale,
  table: OrganisationTypeTable,
  csvHref: string,
): TableOutput {
  const typeCell = (cell: OrganisationTypeTable["types"][number]["parts"][VensterPart]) =>
    cell === "suppressed"
      ? html`<td class="none">${t(locale, "suppressed")}</td>`
      : cell === undefined
        ? html`<td class="num none">—</td>`
        : shareCell(locale, cell);
  const csvShare = (cell: OrganisationTypeTable["types"][number]["parts"][VensterPart]): CsvCell[] =>
    cell === "suppressed"
      ? ["", "", t(locale, "suppressed")]
      : cell === undefined
        ? [0, 0, ""]
        : [cell.yes, cell.no, fraction(cell.share)];
  return {
    html: html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="organisaties-titel"><table id="organisaties">
<caption id="organisaties-titel"><span>${locale === "nl" ? "Respons en aandeel ja per soort organisatie" : "Response and share of yes by organisation type"}</span></caption>
<thead><tr><th scope="col">${t(locale, "organisationType")}</th><th scope="col">${t(locale, "invited")}</th><th scope="col">${t(locale, "answered")}</th><th scope="col">${t(locale, "responseRate")}</th>${VENSTER_PARTS.map(
      (part) => html`<th scope="col">${partLabel(locale, part)}</th>`,
    )}</tr></thead>
<tbody>${table.types.map(
      (row) =>
        html`<tr data-type="${row.organisationType}"><th scope="row">${TYPE_LABELS[row.organisationType][locale]}</th><td class="num">${count(locale, row.invited)}</td><td class="num">${count(locale, row.answered)}</td><td class="num">${percent(locale, row.responseRate)}</td>${VENSTER_PARTS.map(
          (part) => typeCell(row.parts[part]),
        )}</tr>
`,
    )}<tr data-type="totaal"><th scope="row">${t(locale, "total")}</th><td class="num">${count(locale, table.total.invited)}</td><td class="num">${count(locale, table.total.answered)}</td><td class="num">${percent(locale, table.total.responseRate)}</td>${VENSTER_PARTS.map(
      (part) => shareCell(locale, table.total.parts[part], table.total.parts[part].outlier),
    )}</tr></tbody>
</table></div>${csvLink(locale, csvHref)}`,
    csv: {
      filename: "venster-organisaties.csv",
      header: [
        t(locale, "organisationType"),
        t(locale, "invited"),
        t(locale, "answered"),
        t(locale, "responseRate"),
        ...VENSTER_PARTS.flatMap((part) => [
          `${partLabel(locale, part)} ${t(locale, "yes")}`,
          `${partLabel(locale, part)} ${t(locale, "no")}`,
          `${partLabel(locale, part)} ${t(locale, "shareYes")}`,
        ]),
      ],
      rows: [
        ...table.types.map((row) => [
          TYPE_LABELS[row.organisationType][locale],
          row.invited,
          row.answered,
          fraction(row.responseRate),
          ...VENSTER_PARTS.flatMap((part) => csvShare(row.parts[part])),
        ]),
        [
          t(locale, "total"),
          table.total.invited,
          table.total.answered,
          fraction(table.total.responseRate),
          ...VENSTER_PARTS.flatMap((part) => {
            const cell = table.total.parts[part];
            return [cell.yes, cell.no, fraction(cell.share)];
          }),
        ],
      ],
    },
  };
}

export function trendTable(locale: Locale, points: readonly TrendPoint[], csvHref: string): TableOutput {
  return {
    html: html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="trend-titel"><table id="trend">
<caption id="trend-titel"><span>${t(locale, "trend")}</span></caption>
<thead><tr><th scope="col">${t(locale, "wave")}</th><th scope="col">${t(locale, "part")}</th><th scope="col">${t(locale, "respondents")}</th><th scope="col">${t(locale, "share")}</th><th scope="col">${t(locale, "nationalShare")}</th></tr></thead>
<tbody>${points.map(
      (p) =>
        html`<tr><th scope="row">${p.waveName}</th><td>${partLabel(locale, p.part)}</td><td class="num">${count(locale, p.respondents)}</td><td class="num">${percent(locale, p.share)}</td><td class="num">${percent(locale, p.nationalShare)}</td></tr>
`,
    )}</tbody>
</table></div>${csvLink(locale, csvHref)}`,
    csv: {
      filename: "venster-trend.csv",
      header: [
        t(locale, "wave"),
        t(locale, "part"),
        t(locale, "respondents"),
        t(locale, "share"),
        t(locale, "nationalShare"),
      ],
      rows: points.map((p) => [
        p.waveName,
        partLabel(locale, p.part),
        p.respondents,
        fraction(p.share),
        fraction(p.nationalShare),
      ]),
    },
  };
}

export function supportThemesTable(
  locale: Locale,
  counts: Record<VensterPart, Record<Theme, number>>,
  csvHref: string,
): TableOutput {
  return {
    html: html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="ondersteuning-titel"><table id="ondersteuning">
<caption id="ondersteuning-titel"><span>${t(locale, "support")}</span></caption>
<thead><tr><th scope="col">${t(locale, "theme")}</th>${VENSTER_PARTS.map(
      (part) => html`<th scope="col">${partLabel(locale, part)}</th>`,
    )}</tr></thead>
<tbody>${THEMES.map(
      (theme) =>
        html`<tr data-theme="${theme}"><th scope="row">${THEME_LABELS[theme][locale]}</th>${VENSTER_PARTS.map(
          (part) => html`<td class="num">${count(locale, counts[part][theme])}</td>`,
        )}</tr>
`,
    )}</tbody>
</table></div>${csvLink(locale, csvHref)}`,
    csv: {
      filename: "venster-ondersteuning.csv",
      header: [t(locale, "theme"), ...VENSTER_PARTS.map((part) => partLabel(locale, part))],
      rows: THEMES.map((theme) => [
        THEME_LABELS[theme][locale],
        ...VENSTER_PARTS.map((part) => counts[part][theme]),
      ]),
    },
  };
}

export function escalationThemesTable(
  locale: Locale,
  counts: Record<Theme, number>,
  csvHref: string,
): TableOutput {
  return {
    html: html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="hulpvragen-themas-titel"><table id="hulpvragen-themas">
<caption id="hulpvragen-themas-titel"><span>${t(locale, "escalations")} ${locale === "nl" ? "per thema" : "by theme"}</span></caption>
<thead><tr><th scope="col">${t(locale, "theme")}</th><th scope="col">${t(locale, "count")}</th></tr></thead>
<tbody>${THEMES.map(
      (theme) =>
        html`<tr data-theme="${theme}"><th scope="row">${THEME_LABELS[theme][locale]}</th><td class="num">${count(locale, counts[theme])}</td></tr>
`,
    )}</tbody>
</table></div>${csvLink(locale, csvHref)}`,
    csv: {
      filename: "venster-hulpvragen-themas.csv",
      header: [t(locale, "theme"), t(locale, "count")],
      rows: THEMES.map((theme) => [THEME_LABELS[theme][locale], counts[theme]]),
    },
  };
}

const ACTIVITY_LABELS: Record<keyof RegionActivity, { nl: string; en: string }> = {
  meetingsHeld: { nl: "Overleggen gehouden (afgelopen 12 maanden)", en: "Meetings held (last 12 months)" },
  meetingsPlanned: { nl: "Overleggen gepland", en: "Meetings planned ahead" },
  meetingsCancelled: {
    nl: "Overleggen afgelast (afgelopen 12 maanden en gepland)",
    en: "Meetings cancelled (last 12 months and ahead)",
  },
  agendaItems: {
    nl: "Agendapunten (afgelopen 12 maanden en gepland)",
    en: "Agenda items (last 12 months and ahead)",
  },
  handoversStarted: {
    nl: "Overdrachten gestart (afgelopen 12 maanden)",
    en: "Handovers started (last 12 months)",
  },
  handoversCompleted: {
    nl: "Overdrachten afgerond (afgelopen 12 maanden)",
    en: "Handovers completed (last 12 months)",
  },
  handoversOpen: { nl: "Overdrachten nu open", en: "Handovers open now" },
};

export function activityTable(locale: Locale, activity: RegionActivity, csvHref: string): TableOutput {
  const keys = Object.keys(ACTIVITY_LABELS) as (keyof RegionActivity)[];
  return {
    html: html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="activiteit-titel"><table id="activiteit">
<caption id="activiteit-titel"><span>${t(locale, "activity")}</span></caption>
<thead><tr><th scope="col">${t(locale, "activityWhat")}</th><th scope="col">${t(locale, "count")}</th></tr></thead>
<tbody>${keys.map(
      (key) =>
        html`<tr data-key="${key}"><th scope="row">${ACTIVITY_LABELS[key][locale]}</th><td class="num">${count(locale, activity[key])}</td></tr>
`,
    )}</tbody>
</table></div>${csvLink(locale, csvHref)}`,
    csv: {
      filename: "venster-activiteit.csv",
      header: [t(locale, "activityWhat"), t(locale, "count")],
      rows: keys.map((key) => [ACTIVITY_LABELS[key][locale], activity[key]]),
    },
  };
}
