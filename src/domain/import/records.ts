import { CsvError, parse as parseCsv } from "csv-parse/sync";
import { isMap, isSeq, LineCounter, parseDocument } from "yaml";
import type { LineError } from "../errors.js";

/** One row of an import file: its values by canonical column name, and the line it starts on. */
export type ImportRecord = { line: number; values: Record<string, unknown> };

/**
 * `header` is set for CSV: the canonical column names and the line they are on, so that a column missing
 * from the file is reported once, for the header, instead of on every row.
 */
export type ParsedRecords = {
  records: ImportRecord[];
  errors: LineError[];
  header?: { line: number; columns: string[] };
};

export type ImportFormat = "csv" | "yaml";

export function importFormatOf(fileName: string): ImportFormat | undefined {
  const lower = fileName.toLowerCase();
  if (lower.endsWith(".csv")) return "csv";
  if (lower.endsWith(".yaml") || lower.endsWith(".yml")) return "yaml";
  return undefined;
}

/**
 * Reads CSV (comma or semicolon separated, as Dutch Excel writes it) or YAML (a list of objects) into records.
 * `aliases` maps the column names people may use (Dutch or English, any case) to canonical keys.
 */
export function parseRecords(
  text: string,
  format: ImportFormat,
  aliases: Record<string, string>,
): ParsedRecords {
  const canonical = (key: string) => {
    const normalised = key
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_");
    return aliases[normalised] ?? normalised;
  };
  return format === "csv" ? parseCsvRecords(text, canonical) : parseYamlRecords(text, canonical);
}

function parseCsvRecords(text: string, canonical: (key: string) => string): ParsedRecords {
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = firstLine.includes(";") && !firstLine.includes(",") ? ";" : ",";
  let rows: { info: { lines: number }; record: string[] }[];
  try {
    rows = parseCsv(text, {
      bom: true,
      delimiter,
      info: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count_less: true,
    }) as never;
  } catch (error) {
    if (error instanceof CsvError) {
      const line = Number((error as CsvError & { lines?: number }).lines ?? 1);
      return {
        records: [],
        errors: [{ line, reason: `het CSV-bestand is niet leesbaar (${csvReason(error)})` }],
      };
    }
    throw error;
  }
  const [header, ...body] = rows;
  if (!header) return { records: [], errors: [{ line: 1, reason: "het bestand is leeg" }] };
  const columns = header.record.map(canonical);
  const records = body.map(({ info, record }) => ({
    line: info.lines,
    values: Object.fromEntries(
      columns.flatMap((column, index) => {
        const value = record[index];
        return value === undefined || value === "" ? [] : [[column, value]];
      }),
    ),
  }));
  return { records, errors: [], header: { line: header.info.lines, columns } };
}

function csvReason(error: CsvError): string {
  switch (error.code) {
    case "CSV_RECORD_INCONSISTENT_FIELDS_LENGTH":
      return "het aantal kolommen klopt niet met de kopregel";
    case "CSV_QUOTE_NOT_CLOSED":
      return "een aanhalingsteken wordt niet gesloten";
    case "CSV_INVALID_CLOSING_QUOTE":
      return "onverwacht teken na een aanhalingsteken";
    default:
      return error.code;
  }
}

function parseYamlRecords(text: string, canonical: (key: string) => string): ParsedRecords {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntaxError = document.errors[0];
  if (syntaxError) {
    const line = lineCounter.linePos(syntaxError.pos[0]).line;
    return { records: [], errors: [{ line, reason: "het YAML-bestand is niet leesbaar (syntaxfout)" }] };
  }
  const root = document.contents;
  if (root === null) return { records: [], errors: [{ line: 1, reason: "het bestand is leeg" }] };
  if (!isSeq(root)) {
    return {
      records: [],
      errors: [{ line: 1, reason: "verwacht een lijst van items (regels die beginnen met '- ')" }],
    };
  }
  const records: ImportRecord[] = [];
  const errors: LineError[] = [];
  for (const item of root.items) {
    const line = lineCounter.linePos((item as { range?: readonly number[] | null }).range?.[0] ?? 0).line;
    if (!isMap(item)) {
      errors.push({ line, reason: "verwacht een item met velden (naam: waarde)" });
      continue;
    }
    const plain = item.toJSON() as Record<string, unknown>;
    records.push({
      line,
      values: Object.fromEntries(
        Object.entries(plain).flatMap(([key, value]) =>
          value === null || value === undefined || value === "" ? [] : [[canonical(key), value]],
        ),
      ),
    });
  }
  return { records, errors };
}
