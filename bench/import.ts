import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { parse as parseYaml } from "yaml";
import { importPeople } from "../src/app/import-people.js";
import { importRegions } from "../src/app/import-regions.js";
import { DEMO_REGIONS_FILE } from "../src/app/seed-demo.js";
import { withEmptyDatabase } from "../test/support/temporary-database.js";

const PEOPLE = 5000;
const TYPES = ["gemeente", "zorgverzekeraar", "zorgkantoor"] as const;

/** A people CSV of `count` memberships spread over the HLZ regions, like a national import would be. */
function peopleCsv(regionSlugs: string[], count: number): string {
  const lines = ["email,name,organisation,organisation_type,region,role,chair"];
  for (let i = 0; i < count; i++) {
    const region = regionSlugs[i % regionSlugs.length] as string;
    const type = TYPES[i % TYPES.length] as string;
    const organisation = type === "gemeente" ? `Gemeente ${region}` : `${type} ${i % 10}`;
    lines.push(
      `p${i}@bench.example,Persoon ${i},${organisation},${type},${region},${i % 2 ? "ambtelijk" : "bestuurlijk"},${i % 50 === 0 ? "ja" : "nee"}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(2);

export async function benchImport(serverUrl: string | undefined): Promise<void> {
  const label = serverUrl ? "PostgreSQL" : "PGlite";
  await withEmptyDatabase(serverUrl, async (database) => {
    let t = performance.now();
    await database.migrate();
    console.log(`[${label}] migrate empty database: ${seconds(t)} s`);

    const regionsText = await readFile(DEMO_REGIONS_FILE, "utf8");
    t = performance.now();
    await importRegions(database.db, { name: "hlz.yaml", text: regionsText, format: "yaml" });
    console.log(`[${label}] import 61 HLZ regions (396 municipalities): ${seconds(t)} s`);

    const slugs = (parseYaml(regionsText) as { slug: string }[]).map((r) => r.slug);
    const file = { name: "people.csv", text: peopleCsv(slugs, PEOPLE), format: "csv" as const };
    t = performance.now();
    const first = await importPeople(database.db, file, { today: "2026-11-23" });
    const firstSeconds = (performance.now() - t) / 1000;
    console.log(
      `[${label}] import ${PEOPLE} people rows: ${firstSeconds.toFixed(2)} s (${Math.round(PEOPLE / firstSeconds)} rows/s, added ${first.added})`,
    );
    t = performance.now();
    const again = await importPeople(database.db, file, { today: "2026-11-23" });
    console.log(
      `[${label}] re-import same file: ${seconds(t)} s (unchanged ${again.unchanged}, changed ${again.changed})`,
    );
  });
}
