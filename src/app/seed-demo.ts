import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Db } from "../db/client.js";
import { regions } from "../db/schema.js";
import { importPeople } from "./import-people.js";
import { importRegions } from "./import-regions.js";

const SEED_FOLDER = fileURLToPath(new URL("../../seed/", import.meta.url));
export const DEMO_REGIONS_FILE = `${SEED_FOLDER}hlz-regions-2015.yaml`;
export const DEMO_PEOPLE_FILE = `${SEED_FOLDER}demo-people.yaml`;

/**
 * Fills an empty database with the HLZ regions and the demo people, through the same import as the CLI.
 * A database that already has regions is left alone: demo data never mixes into real data.
 */
export async function seedDemoData(db: Db, options: { today: string }): Promise<"seeded" | "not-empty"> {
  const [anyRegion] = await db.select({ id: regions.id }).from(regions).limit(1);
  if (anyRegion) return "not-empty";
  const read = async (path: string) => ({
    name: path,
    text: await readFile(path, "utf8"),
    format: "yaml" as const,
  });
  await importRegions(db, await read(DEMO_REGIONS_FILE));
  await importPeople(db, await read(DEMO_PEOPLE_FILE), options);
  return "seeded";
}
