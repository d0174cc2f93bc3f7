import { stringify } from "csv-stringify/sync";
import type { Response } from "express";
import type { Locale } from "../../domain/vocabulary.js";

/**
 * CSV downloads of the venster's tables, written for the Excel of the page's language, which opens a CSV with
 * the list separator and decimal mark of its regional settings and no import dialog: Dutch with `;` and a
 * decimal comma (0,6667), English with `,` and a decimal point. UTF-8 with a byte order mark, or Excel guesses
 * the code page. Counts are plain integers (no digit grouping, which Excel would misread), shares and response
 * rates fractions 0..1 with four decimals, empty when there is nothing to divide; days are calendar days in the
 * venster's time zone (2026-11-17, which Excel reads as a date in every language). Headers in the page's language.
 */
const FORMATS: Record<Locale, { delimiter: string; decimal: string }> = {
  nl: { delimiter: ";", decimal: "," },
  en: { delimiter: ",", decimal: "." },
};

/** A share or response rate: written with four decimals in the locale's decimal mark. */
export type CsvFraction = { readonly fraction: number };
export type CsvCell = string | number | CsvFraction | undefined;

export const fraction = (value: number | undefined): CsvFraction | undefined =>
  value === undefined || Number.isNaN(value) ? undefined : { fraction: value };

/**
 * OWASP's rule against CSV injection: a text cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is a formula to Excel (a region named `=HYPERLINK(…)` becomes a live link), so it gets a leading `'`,
 * which Excel shows as text. Only text: numbers are ours and stay numbers.
 */
export const neutraliseFormula = (text: string): string => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

function formatCell(locale: Locale, cell: CsvCell): string {
  const { decimal } = FORMATS[locale];
  if (cell === undefined) return "";
  if (typeof cell === "string") return neutraliseFormula(cell);
  if (typeof cell === "number") return String(cell).replace(".", decimal);
  return cell.fraction.toFixed(4).replace(".", decimal);
}

export function formatCsv(locale: Locale, header: readonly string[], rows: readonly CsvCell[][]): string {
  return stringify(
    [header, ...rows].map((row) => row.map((cell) => formatCell(locale, cell))),
    {
      delimiter: FORMATS[locale].delimiter,
      bom: true,
      record_delimiter: "\r\n",
      // csv-stringify quotes a cell with the record delimiter, but not one with a lone CR or LF, which Excel
      // takes for a line break.
      quoted_match: /[\r\n]/,
    },
  );
}

export function sendCsv(
  res: Response,
  locale: Locale,
  filename: string,
  header: readonly string[],
  rows: readonly CsvCell[][],
): void {
  res
    .status(200)
    .type("text/csv; charset=utf-8")
    .set("Content-Disposition", `attachment; filename="${filename}"`)
    .send(formatCsv(locale, header, rows));
}
