import { and, eq, inArray } from "drizzle-orm";
import type { Db, Transaction } from "../db/client.js";
import { municipalities, regionMunicipalities, regions } from "../db/schema.js";
import type { LineError } from "../domain/errors.js";
import { type ImportFormat, parseRecords } from "../domain/import/records.js";
import {
  REGION_COLUMN_ALIASES,
  type RegionRow,
  RegionRowSchema,
  type ValidatedRow,
  validateRecords,
} from "../domain/import/row-schemas.js";
import { differs, finishImport, type ImportSummary, rejectWhenAny, Tally } from "./import-summary.js";

/**
 * Imports regions and their municipalities. All or nothing: any bad row rejects the whole file, and
 * importing the same file again changes nothing (regions are matched by slug, municipalities by name).
 */
export async function importRegions(
  db: Db,
  file: { name: string; text: string; format: ImportFormat },
): Promise<ImportSummary> {
  const parsed = parseRecords(file.text, file.format, REGION_COLUMN_ALIASES);
  const { rows, errors } = validateRecords(parsed.records, RegionRowSchema, parsed.header);
  rejectWhenAny(file.name, [...parsed.errors, ...errors, ...findDuplicatesWithinFile(rows)]);

  return db.transaction(async (tx) => {
    const existing = await tx.select().from(regions);
    const regionBySlug = new Map(existing.map((r) => [r.slug, r]));
    const slugById = new Map(existing.map((r) => [r.id, r.slug]));
    const slugsInFile = new Set(rows.map(({ row }) => row.slug));

    const names = rows.flatMap(({ row }) => row.municipalities);
    const known = await tx.select().from(municipalities).where(inArray(municipalities.name, names));
    const municipalityIdByName = new Map(known.map((m) => [m.name, m.id]));
    const links = known.length
      ? await tx
          .select()
          .from(regionMunicipalities)
          .where(inArray(regionMunicipalities.municipalityId, [...municipalityIdByName.values()]))
      : [];

    rejectWhenAny(
      file.name,
      rows.flatMap(({ line, row }) => {
        const taken = existing.find((r) => r.kind === row.kind && r.name === row.name && r.slug !== row.slug);
        if (taken)
          return [
            {
              line,
              reason: `er bestaat al een regio "${row.name}" van soort ${row.kind} (slug ${taken.slug})`,
            },
          ];
        // A municipality may move between regions of this file, never away from a region the file leaves alone.
        return row.municipalities.flatMap((name) => {
          const other = links.find(
            (l) => l.municipalityId === municipalityIdByName.get(name) && l.regionKind === row.kind,
          );
          const otherSlug = other && slugById.get(other.regionId);
          return otherSlug && !slugsInFile.has(otherSlug)
            ? [{ line, reason: `gemeente ${name} hoort al bij regio ${otherSlug} (soort ${row.kind})` }]
            : [];
        });
      }),
    );

    const tally = new Tally();
    const changedSlugs = new Set<string>();
    // Unlink what leaves a region before linking anything, so moves within the file never collide.
    for (const { row } of rows) {
      const region = regionBySlug.get(row.slug);
      if (!region) continue;
      const wantedIds = new Set(row.municipalities.map((n) => municipalityIdByName.get(n)));
      const current = await tx
        .select()
        .from(regionMunicipalities)
        .where(eq(regionMunicipalities.regionId, region.id));
      const dropped = current.filter((l) => !wantedIds.has(l.municipalityId));
      const currentIds = new Set(current.map((l) => l.municipalityId));
      const gained = [...wantedIds].some((id) => id === undefined || !currentIds.has(id));
      if (dropped.length || gained) changedSlugs.add(row.slug);
      for (const link of dropped) {
        await tx
          .delete(regionMunicipalities)
          .where(
            and(
              eq(regionMunicipalities.regionId, region.id),
              eq(regionMunicipalities.municipalityId, link.municipalityId),
            ),
          );
      }
    }

    for (const { row } of rows) {
      const fields = { name: row.name, kind: row.kind, groupName: row.group ?? null, note: row.note ?? null };
      const found = regionBySlug.get(row.slug);
      let regionId: string;
      if (!found) {
        const [inserted] = await tx
          .insert(regions)
          .values({ slug: row.slug, ...fields })
          .returning({ id: regions.id });
        regionId = (inserted as { id: string }).id;
        tally.added++;
      } else {
        regionId = found.id;
        if (differs(found, fields)) {
          await tx.update(regions).set(fields).where(eq(regions.id, regionId));
          changedSlugs.add(row.slug);
        }
        if (changedSlugs.has(row.slug)) tally.changed++;
        else tally.unchanged++;
      }
      await linkMunicipalities(tx, regionId, row, municipalityIdByName);
    }

    return finishImport(tx, "import.regions", file.name, tally);
  });
}

async function linkMunicipalities(
  tx: Transaction,
  regionId: string,
  row: RegionRow,
  idByName: Map<string, string>,
) {
  const missing = row.municipalities.filter((name) => !idByName.has(name));
  if (missing.length) {
    const inserted = await tx
      .insert(municipalities)
      .values(missing.map((name) => ({ name })))
      .returning();
    for (const m of inserted) idByName.set(m.name, m.id);
  }
  await tx
    .insert(regionMunicipalities)
    .values(
      row.municipalities.map((name) => ({
        regionId,
        regionKind: row.kind,
        municipalityId: idByName.get(name) as string,
      })),
    )
    .onConflictDoNothing({ target: [regionMunicipalities.regionId, regionMunicipalities.municipalityId] });
}

function findDuplicatesWithinFile(rows: ValidatedRow<RegionRow>[]): LineError[] {
  const errors: LineError[] = [];
  const slugLine = new Map<string, number>();
  const nameLine = new Map<string, number>();
  const municipalityLine = new Map<string, number>();
  for (const { line, row } of rows) {
    const sameSlug = slugLine.get(row.slug);
    if (sameSlug) errors.push({ line, reason: `slug ${row.slug} staat ook op regel ${sameSlug}` });
    slugLine.set(row.slug, line);
    const nameKey = `${row.kind}:${row.name}`;
    const sameName = nameLine.get(nameKey);
    if (sameName) errors.push({ line, reason: `regio "${row.name}" staat ook op regel ${sameName}` });
    nameLine.set(nameKey, line);
    for (const name of new Set(row.municipalities)) {
      const key = `${row.kind}:${name}`;
      const other = municipalityLine.get(key);
      if (other)
        errors.push({
          line,
          reason: `gemeente ${name} staat ook op regel ${other} (een gemeente hoort bij één regio per soort)`,
        });
      municipalityLine.set(key, line);
    }
  }
  return errors;
}
