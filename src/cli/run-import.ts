import { readFile } from "node:fs/promises";
import { importPeople } from "../app/import-people.js";
import { importRegions } from "../app/import-regions.js";
import type { ImportSummary } from "../app/import-summary.js";
import type { Db } from "../db/client.js";
import { importFormatOf } from "../domain/import/records.js";
import { CliError } from "./cli-error.js";

export type ImportKind = "regions" | "people";

/** Reads FILE and imports it; returns the Dutch summary line the CLI prints. */
export async function runImport(db: Db, kind: ImportKind, fileName: string, today: string): Promise<string> {
  const format = importFormatOf(fileName);
  if (!format) throw new CliError(`${fileName}: onbekend bestandstype; gebruik .csv, .yaml of .yml`);
  let text: string;
  try {
    text = await readFile(fileName, "utf8");
  } catch {
    throw new CliError(`${fileName}: bestand niet gevonden of niet leesbaar`);
  }
  const file = { name: fileName, text, format };
  const summary =
    kind === "regions" ? await importRegions(db, file) : await importPeople(db, file, { today });
  return describeSummary(fileName, kind, summary);
}

function describeSummary(fileName: string, kind: ImportKind, s: ImportSummary): string {
  const what = kind === "regions" ? "regio's" : "lidmaatschappen";
  return `${fileName}: ${what} ${s.added} toegevoegd, ${s.changed} gewijzigd, ${s.unchanged} ongewijzigd.`;
}
