import { formatShare } from "../../domain/survey/summarise-region.js";
import type { OutlierDirection } from "../../domain/venster/outliers.js";
import type { ShareBand } from "../../domain/venster/page-model.js";
import type { VensterPart } from "../../domain/venster/parts.js";
import type { Locale } from "../../domain/vocabulary.js";
import { type Html, html } from "../html.js";
import type { CsvCell } from "./csv.js";
import { OUTLIER_LABELS, PART_LABELS, t } from "./texts.js";

/*
 * Every table of the venster pages, built once for both the HTML and its CSV download, so the two always
 * carry the same numbers. The HTML shows shares as whole percentages and counts with the locale's digit
 * grouping; the CSV carries the exact counts and the shares as fractions (see csv.ts). In the HTML each table
 * sits in a box of its own that scrolls sideways when the table is wider than the screen, so the page itself
 * never does (WCAG 1.4.10); the box is focusable, so it scrolls from the keyboard too, and the caption names it.
 */

export type CsvTable = { filename: string; header: string[]; rows: CsvCell[][] };
export type TableOutput = { html: Html; csv: CsvTable };

export const count = (locale: Locale, n: number) => n.toLocaleString(locale === "nl" ? "nl-NL" : "en-GB");
export const percent = (locale: Locale, share: number | undefined) => formatShare(share, locale);
export const partLabel = (locale: Locale, part: VensterPart) => PART_LABELS[part][locale];
export const outlierWord = (direction: OutlierDirection | undefined, locale: Locale) =>
  direction === undefined ? "" : locale === "nl" ? (direction === "higher" ? "hoger" : "lager") : direction;

export function csvLink(locale: Locale, href: string): Html {
  return html`<p class="csv"><a href="${href}" download>${t(locale, "downloadCsv")}</a></p>`;
}

export function shareCell(
  locale: Locale,
  cell: { share: number | undefined; band: ShareBand },
  marker?: OutlierDirection,
) {
  return html`<td class="num ${cell.band}"><span class="value">${percent(locale, cell.share)}</span>${
    marker && html`<span class="marker">${OUTLIER_LABELS[marker][locale]}</span>`
  }</td>`;
}
