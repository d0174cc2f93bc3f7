import type { RegionActivity } from "../../app/venster/queries.js";
import { calendarDateIn } from "../../domain/calendar-date.js";
import { formatDateTime } from "../../domain/i18n.js";
import { formatShare } from "../../domain/survey/summarise-region.js";
import type { OutlierDirection } from "../../domain/venster/outliers.js";
import type {
  AreaRow,
  EscalationEntry,
  OrganisationTypeTable,
  OutlierEntry,
  PartCell,
  RegionRow,
  ShareBand,
  TrendPoint,
} from "../../domain/venster/page-model.js";
import { VENSTER_PARTS, type VensterPart } from "../../domain/venster/parts.js";
import { type Locale, THEMES, type Theme } from "../../domain/vocabulary.js";
import { type Html, html } from "../html.js";
import { type CsvCell, fraction } from "./csv.js";
import { OUTLIER_LABELS, PART_LABELS, THEME_LABELS, TYPE_LABELS, t } from "./texts.js";

/*
 * Every table of the venster pages, built once for both the HTML and its CSV download, so the two always
 * carry the same numbers. The HTML shows shares as whole percentages and counts with the locale's digit
 * grouping; the CSV carries the exact counts and the shares as fractions (see csv.ts). In the HTML each table
 * sits in a box of its own that scrolls sideways when the table is wider than the screen, so the page itself
 * never does (WCAG 1.4.10); the box is focusable, so it scrolls from the keyboard too, and the caption names it.
 */

export type CsvTable = { filename: string; header: string[]; rows: CsvCell[][] };
export type TableOutput = { html: Html; csv: CsvTable };

const count = (locale: Locale, n: number) => n.toLocaleString(locale === "nl" ? "nl-NL" : "en-GB");
const percent = (locale: Locale, share: number | undefined) => formatShare(share, locale);
const partLabel = (locale: Locale, part: VensterPart) => PART_LABELS[part][locale];
const outlierWord = (direction: OutlierDirection | undefined, locale: Locale) =>
  direction === undefined ? "" : locale === "nl" ? (direction === "higher" ? "hoger" : "lager") : direction;

function csvLink(locale: Locale, href: string): Html {
  return html`<p class="csv"><a href="${href}" download>${t(locale, "downloadCsv")}</a></p>`;
}

function shareCell(
  locale: Locale,
  cell: { share: number | undefined; band: ShareBand },
  marker?: OutlierDirection,
) {
  return html`<td class="num ${cell.band}"><span class="value">${percent(locale, cell.share)}</span>${
    marker && html`<span class="marker">${OUTLIER_LABELS[marker][locale]}</span>`
  }</td>`;
}

const partShareColumns = (locale: Locale) =>
  VENSTER_PARTS.flatMap((part) => {
    const name = partLabel(locale, part);
    return [
      `${name} ${t(locale, "yes")}`,
      `${name} ${t(locale, "no")}`,
      `${name} ${t(locale, "shareYes")}`,
      `${name} ${t(locale, "outlier")}`,
      `${name} ${t(locale, "supportNeeded")}`,
    ];
  });

const partShareCsv = (locale: Locale, parts: Record<VensterPart, PartCell>): CsvCell[] =>
  VENSTER_PARTS.flatMap((part) => {
    const cell = parts[part];
    return [cell.yes, cell.no, fraction(cell.share), outlierWord(cell.outlier, locale), cell.supportNeeded];
  });

export function nationalTable(locale: Locale, national: AreaRow, csvHref: string): TableOutput {
  const header = [
    t(locale, "invited"),
    t(locale, "answered"),
    t(locale, "responseRate"),
    ...partShareColumns(locale),
  ];
  return {
    html: html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="landelijk-titel"><table id="landelijk">
<caption id="landelijk-titel"><span>${t(locale, "nationalTotals")}</span></caption>
<thead><tr><th scope="col">${t(locale, "invited")}</th><th scope="col">${t(locale, "answered")}</th><th scope="col">${t(locale, "responseRate")}</th>${VENSTER_PARTS.map(
      (part) =>
        html`<th scope="col">${partLabel(locale, part)}: ${t(locale, "shareYes")}</th><th scope="col">${partLabel(locale, part)}: ${t(locale, "supportNeeded")}</th>`,
    )}</tr></thead>
<tbody><tr><td class="num">${count(locale, national.invited)}</td><td class="num">${count(locale, national.answered)}</td><td class="num">${percent(locale, national.responseRate)}</td>${VENSTER_PARTS.map(
      (part) =>
        html`${shareCell(locale, national.parts[part])}<td class="num">${count(locale, national.parts[part].supportNeeded)}</td>`,
    )}</tr></tbody>
</table></div>${csvLink(locale, csvHref)}`,
    csv: {
      filename: "venster-landelijk.csv",
      header,
      rows: [
        [
          national.invited,
          national.answered,
          fraction(national.responseRate),
          ...partShareCsv(locale, national.parts),
        ],
      ],
    },
  };
}

export function regionsTable(
  locale: Locale,
  regions: readonly RegionRow[],
  regionHref: (slug: string) => string,
  csvHref: string,
): TableOutput {
  return {
    html: html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="regios-titel"><table id="regios">
<caption id="regios-titel"><span>${t(locale, "regions")}: ${t(locale, "responseRate").toLowerCase()} ${locale === "nl" ? "en aandeel ja per onderdeel" : "and share of yes per part"}</span></caption>
<thead><tr><th scope="col">${t(locale, "region")}</th><th scope="col">${t(locale, "invited")}</th><th scope="col">${t(locale, "answered")}</th><th scope="col">${t(locale, "responseRate")}</th>${VENSTER_PARTS.map(
      (part) => html`<th scope="col">${partLabel(locale, part)}</th>`,
    )}</tr></thead>
<tbody>${regions.map(
      (
        region,
      ) => html`<tr data-region="${region.slug}"><th scope="row"><a href="${regionHref(region.slug)}">${region.name}</a></th><td class="num">${count(locale, region.invited)}</td><td class="num">${count(locale, region.answered)}</td><td class="num">${percent(locale, region.responseRate)}</td>${VENSTER_PARTS.map(
        (part) => shareCell(locale, region.parts[part], region.parts[part].outlier),
      )}</tr>
`,
    )}</tbody>
</table></div>${csvLink(locale, csvHref)}`,
    csv: {
      filename: "venster-regios.csv",
      header: [
        t(locale, "slug"),
        t(locale, "region"),
        t(locale, "invited"),
        t(locale, "answered"),
        t(locale, "responseRate"),
        ...partShareColumns(locale),
      ],
      rows: regions.map((region) => [
        region.slug,
        region.name,
        region.invited,
        region.answered,
        fraction(region.responseRate),
        ...partShareCsv(locale, region.parts),
      ]),
    },
  };
}

export function outliersTable(
  locale: Locale,
  outliers: readonly OutlierEntry[],
  regionHref: (slug: string) => string,
  csvHref: string,
): TableOutput {
  const header = [
    t(locale, "slug"),
    t(locale, "region"),
    t(locale, "part"),
    t(locale, "direction"),
    t(locale, "share"),
    t(locale, "nationalShare"),
    t(locale, "respondents"),
  ];
  return {
    html:
      outliers.length === 0
        ? html`<p>${t(locale, "noOutliers")}</p>${csvLink(locale, csvHref)}`
        : html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="uitschieters-titel"><table id="uitschieters">
<caption id="uitschieters-titel"><span>${t(locale, "outliers")}</span></caption>
<thead><tr><th scope="col">${t(locale, "region")}</th><th scope="col">${t(locale, "part")}</th><th scope="col">${t(locale, "direction")}</th><th scope="col">${t(locale, "share")}</th><th scope="col">${t(locale, "nationalShare")}</th><th scope="col">${t(locale, "respondents")}</th></tr></thead>
<tbody>${outliers.map(
            (o) =>
              html`<tr><th scope="row"><a href="${regionHref(o.regionSlug)}">${o.regionName}</a></th><td>${partLabel(locale, o.part)}</td><td>${OUTLIER_LABELS[o.direction][locale]}</td><td class="num">${percent(locale, o.share)}</td><td class="num">${percent(locale, o.nationalShare)}</td><td class="num">${count(locale, o.respondents)}</td></tr>
`,
          )}</tbody>
</table></div>${csvLink(locale, csvHref)}`,
    csv: {
      filename: "venster-uitschieters.csv",
      header,
      rows: outliers.map((o) => [
        o.regionSlug,
        o.regionName,
        partLabel(locale, o.part),
        outlierWord(o.direction, locale),
        fraction(o.share),
        fraction(o.nationalShare),
        o.respondents,
      ]),
    },
  };
}

const themeList = (locale: Locale, themes: readonly Theme[]) =>
  themes.map((theme) => THEME_LABELS[theme][locale]).join(", ");

export function escalationsTable(
  locale: Locale,
  timeZone: string,
  escalations: readonly EscalationEntry[],
  regionHref: (slug: string) => string,
  csvHref: string,
): TableOutput {
  const day = (date: Date) => formatDateTime(date, locale, timeZone).replace(/ (om|at) \d\d:\d\d$/, "");
  return {
    html:
      escalations.length === 0
        ? html`<p>${t(locale, "noEscalations")}</p>${csvLink(locale, csvHref)}`
        : html`<div class="table-scroll" role="region" tabindex="0" aria-labelledby="hulpvragen-titel"><table id="hulpvragen">
<caption id="hulpvragen-titel"><span>${t(locale, "escalations")}</span></caption>
<thead><tr><th scope="col">${t(locale, "date")}</th><th scope="col">${t(locale, "region")}</th><th scope="col">${t(locale, "themes")}</th></tr></thead>
<tbody>${escalations.map(
            (e) =>
              html`<tr><td>${day(e.createdAt)}</td><th scope="row"><a href="${regionHref(e.regionSlug)}">${e.regionName}</a></th><td>${themeList(locale, e.themes)}</td></tr>
`,
          )}</tbody>
</table></div>${csvLink(locale, csvHref)}`,
    csv: {
      filename: "venster-hulpvragen.csv",
      header: [t(locale, "date"), t(locale, "slug"), t(locale, "region"), t(locale, "themes")],
      rows: escalations.map((e) => [
        calendarDateIn(timeZone, e.createdAt),
        e.regionSlug,
        e.regionName,
        themeList(locale, e.themes),
      ]),
    },
  };
}

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
