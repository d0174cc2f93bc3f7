import { stringify } from "csv-stringify/sync";
import type { Response } from "express";

/**
 * CSV downloads of the venster's tables. Semicolon-separated with a UTF-8 byte order mark, as Dutch Excel
 * opens it without an import dialog; numbers are machine-readable: counts as integers, shares and response
 * rates as fractions 0..1 with a dot and four decimals (0.6667), empty when there is nothing to divide.
 * Headers are in the page's language.
 */
export const CSV_DELIMITER = ";";

export type CsvCell = string | number | undefined;

export const fraction = (value: number | undefined): string =>
  value === undefined || Number.isNaN(value) ? "" : value.toFixed(4);

export function sendCsv(res: Response, filename: string, header: string[], rows: CsvCell[][]): void {
  const body = stringify([header, ...rows.map((row) => row.map((cell) => cell ?? ""))], {
    delimiter: CSV_DELIMITER,
    bom: true,
    record_delimiter: "\r\n",
  });
  res
    .status(200)
    .type("text/csv; charset=utf-8")
    .set("Content-Disposition", `attachment; filename="${filename}"`)
    .send(body);
}
