import { calendarDateIn } from "../../domain/calendar-date.js";
import { formatDateTime } from "../../domain/i18n.js";
import type {
  AreaRow,
  EscalationEntry,
  OutlierEntry,
  PartCell,
  RegionRow,
} from "../../domain/venster/page-model.js";
import { VENSTER_PARTS, type VensterPart } from "../../domain/venster/parts.js";
import type { Locale, Theme } from "../../domain/vocabulary.js";
import { html } from "../html.js";
import { type CsvCell, fraction } from "./csv.js";
import {
  count,
  csvLink,
  outlierWord,
  partLabel,
  percent,
  shareCell,
  type TableOutput,
} from "./table-cells.js";
import { OUTLIER_LABELS, THEME_LABELS, t } from "./texts.js";

/* The tables of the national overview (see table-cells.ts for what every table shares). */

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

export const themeList = (locale: Locale, themes: readonly Theme[]) =>
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
