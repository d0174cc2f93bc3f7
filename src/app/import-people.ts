import { eq, inArray, or } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { insertInChunks } from "../db/insert-in-chunks.js";
import {
  memberships,
  organisationRegions,
  organisations,
  people,
  platformIdentities,
  regions,
} from "../db/schema.js";
import type { LineError } from "../domain/errors.js";
import { type ImportFormat, parseRecords } from "../domain/import/records.js";
import {
  PERSON_COLUMN_ALIASES,
  type PersonRow,
  PersonRowSchema,
  type ValidatedRow,
  validateRecords,
} from "../domain/import/row-schemas.js";
import { slugify } from "../domain/slug.js";
import { differs, finishImport, type ImportSummary, rejectWhenAny, Tally } from "./import-summary.js";

type Identity = { platform: "slack" | "teams"; workspaceId: string; userId: string };

/**
 * Imports contact persons, one row per membership (person × organisation × region × role). Organisations
 * are created on first mention and become active in the regions their people sit for. All or nothing, and
 * idempotent: people are matched by e-mail, organisations by name, memberships by their current period.
 */
export async function importPeople(
  db: Db,
  file: { name: string; text: string; format: ImportFormat },
  options: { today: string },
): Promise<ImportSummary> {
  const parsed = parseRecords(file.text, file.format, PERSON_COLUMN_ALIASES);
  const { rows, errors, failed } = validateRecords(parsed.records, PersonRowSchema, parsed.header);
  // The rows' own errors wait for the checks against the database, so one run reports everything.
  const fileErrors = [...parsed.errors, ...errors, ...findConflictsWithinFile(rows)];

  return db.transaction(async (tx) => {
    const allRegions = await tx
      .select({ id: regions.id, slug: regions.slug, name: regions.name })
      .from(regions);
    const regionIdFor = (reference: string) =>
      allRegions.find(
        (r) => r.slug === reference.toLowerCase() || r.name.toLowerCase() === reference.toLowerCase(),
      )?.id;

    const orgSlugs = [...new Set(rows.map(({ row }) => slugify(row.organisation)))];
    const knownOrgs = await tx.select().from(organisations).where(inArray(organisations.slug, orgSlugs));
    const orgBySlug = new Map(knownOrgs.map((o) => [o.slug, o]));

    const emails = [...new Set(rows.map(({ row }) => row.email))];
    const knownPeople = await tx.select().from(people).where(inArray(people.email, emails));
    const personByEmail = new Map(knownPeople.map((p) => [p.email, p]));

    const wantedIdentities = rows.flatMap(({ row }) => identitiesOf(row));
    const knownIdentities = wantedIdentities.length
      ? await tx
          .select({ identity: platformIdentities, email: people.email })
          .from(platformIdentities)
          .innerJoin(people, eq(people.id, platformIdentities.personId))
          .where(
            or(
              inArray(people.email, emails),
              inArray(
                platformIdentities.userId,
                wantedIdentities.map((i) => i.userId),
              ),
            ),
          )
      : [];

    const lineErrors: LineError[] = [...fileErrors];
    const unknownRegion = (line: number, region: string) =>
      lineErrors.push({
        line,
        reason: `regio "${region}" bestaat niet (gebruik de slug of naam van een geïmporteerde regio)`,
      });
    // A row that is wrong in other ways is still checked for its region: the same run names both.
    for (const { line, values } of failed) {
      const region = typeof values.region === "number" ? String(values.region) : values.region;
      if (typeof region === "string" && region.trim() && !regionIdFor(region.trim()))
        unknownRegion(line, region.trim());
    }
    for (const { line, row } of rows) {
      if (!regionIdFor(row.region)) unknownRegion(line, row.region);
      const org = orgBySlug.get(slugify(row.organisation));
      if (org && org.type !== row.organisation_type) {
        lineErrors.push({
          line,
          reason: `organisatie "${org.name}" bestaat al met type ${org.type}, niet ${row.organisation_type}`,
        });
      }
      for (const wanted of identitiesOf(row)) {
        for (const { identity, email } of knownIdentities) {
          if (identity.platform !== wanted.platform || identity.workspaceId !== wanted.workspaceId) continue;
          if (identity.userId === wanted.userId && email !== row.email) {
            lineErrors.push({ line, reason: `${label(wanted)} ${wanted.userId} hoort al bij ${email}` });
          } else if (identity.userId !== wanted.userId && email === row.email) {
            lineErrors.push({
              line,
              reason: `${row.email} heeft in deze ${label(wanted)}-omgeving al gebruiker ${identity.userId}, niet ${wanted.userId}`,
            });
          }
        }
      }
    }
    rejectWhenAny(file.name, lineErrors);

    // Write in phases with batched inserts: a national file has thousands of rows.
    const changedEmails = new Set<string>();
    const firstRowByEmail = new Map(rows.map(({ row }) => [row.email, row] as const).reverse());
    const newPeople = new Set([...firstRowByEmail.values()].filter((row) => !personByEmail.has(row.email)));
    for (const inserted of await insertInChunks(
      tx,
      people,
      [...newPeople].map((row) => ({ email: row.email, ...personFieldsOf(row) })),
    )) {
      personByEmail.set(inserted.email, inserted);
    }
    for (const row of firstRowByEmail.values()) {
      const person = personByEmail.get(row.email) as { id: string } & Record<string, unknown>;
      if (newPeople.has(row) || !differs(person, personFieldsOf(row))) continue;
      await tx.update(people).set(personFieldsOf(row)).where(eq(people.id, person.id));
      changedEmails.add(row.email);
    }
    const personIdOf = (email: string) => (personByEmail.get(email) as { id: string }).id;

    const identityRows = rows.flatMap(({ row }) =>
      identitiesOf(row).map((i) => ({ personId: personIdOf(row.email), ...i })),
    );
    const addedIdentities = identityRows.length
      ? await tx.insert(platformIdentities).values(identityRows).onConflictDoNothing().returning()
      : [];
    const emailById = new Map([...personByEmail.values()].map((p) => [p.id, p.email]));
    for (const identity of addedIdentities) changedEmails.add(emailById.get(identity.personId) as string);

    const newOrganisations = new Map<string, typeof organisations.$inferInsert>();
    for (const { row } of rows) {
      const slug = slugify(row.organisation);
      if (!orgBySlug.has(slug))
        newOrganisations.set(slug, { slug, name: row.organisation, type: row.organisation_type });
    }
    for (const inserted of await insertInChunks(tx, organisations, [...newOrganisations.values()])) {
      orgBySlug.set(inserted.slug, inserted);
    }
    const orgIdOf = (row: PersonRow) => (orgBySlug.get(slugify(row.organisation)) as { id: string }).id;
    const activity = new Map(
      rows.map(({ row }) => {
        const pair = { organisationId: orgIdOf(row), regionId: regionIdFor(row.region) as string };
        return [`${pair.organisationId}|${pair.regionId}`, pair] as const;
      }),
    );
    await insertInChunks(tx, organisationRegions, [...activity.values()], { ignoreConflicts: true });

    const existingMemberships = await tx
      .select()
      .from(memberships)
      .where(
        inArray(
          memberships.personId,
          [...personByEmail.values()].map((p) => p.id),
        ),
      );
    const membershipsByKey = new Map<string, typeof existingMemberships>();
    for (const m of existingMemberships) {
      membershipsByKey.set(membershipKey(m), [...(membershipsByKey.get(membershipKey(m)) ?? []), m]);
    }
    const tally = new Tally();
    const newMemberships: (typeof memberships.$inferInsert)[] = [];
    for (const { row } of rows) {
      const key = {
        personId: personIdOf(row.email),
        organisationId: orgIdOf(row),
        regionId: regionIdFor(row.region) as string,
      };
      const candidates = membershipsByKey.get(membershipKey({ ...key, role: row.role })) ?? [];
      // Without a start date in the file, the row means "the membership that is current now".
      const match = row.active_from
        ? candidates.find((c) => c.activeFrom === row.active_from)
        : candidates.find((c) => c.activeUntil === null || c.activeUntil >= options.today);
      const fields = { isChair: row.chair, activeUntil: row.active_until ?? null };
      if (!match) {
        newMemberships.push({
          ...key,
          role: row.role,
          activeFrom: row.active_from ?? options.today,
          ...fields,
        });
        tally.added++;
      } else if (differs(match, fields)) {
        await tx.update(memberships).set(fields).where(eq(memberships.id, match.id));
        tally.changed++;
      } else if (changedEmails.delete(row.email)) {
        tally.changed++;
      } else {
        tally.unchanged++;
      }
    }
    await insertInChunks(tx, memberships, newMemberships);

    return finishImport(tx, "import.people", file.name, tally);
  });
}

const membershipKey = (m: { personId: string; organisationId: string; regionId: string; role: string }) =>
  `${m.personId}|${m.organisationId}|${m.regionId}|${m.role}`;

const personFieldsOf = (row: PersonRow) => ({
  name: row.name,
  locale: row.locale,
  preferredPlatform: row.preferred_platform ?? null,
});

function identitiesOf(row: PersonRow): Identity[] {
  const identities: Identity[] = [];
  if (row.slack_team_id && row.slack_user_id) {
    identities.push({ platform: "slack", workspaceId: row.slack_team_id, userId: row.slack_user_id });
  }
  if (row.teams_tenant_id && row.teams_aad_object_id) {
    identities.push({ platform: "teams", workspaceId: row.teams_tenant_id, userId: row.teams_aad_object_id });
  }
  return identities;
}

const label = (identity: Identity) => (identity.platform === "slack" ? "Slack" : "Teams");

/** The same person or organisation described two ways in one file is a mistake worth pointing at. */
function findConflictsWithinFile(rows: ValidatedRow<PersonRow>[]): LineError[] {
  const errors: LineError[] = [];
  const firstPersonRow = new Map<string, ValidatedRow<PersonRow>>();
  const firstOrgRow = new Map<string, ValidatedRow<PersonRow>>();
  const membershipLine = new Map<string, number>();
  for (const current of rows) {
    const { line, row } = current;
    const person = firstPersonRow.get(row.email);
    if (!person) firstPersonRow.set(row.email, current);
    else {
      for (const field of ["name", "locale", "preferred_platform"] as const) {
        if (person.row[field] !== row[field]) {
          errors.push({ line, reason: `${row.email}: ${field} wijkt af van regel ${person.line}` });
        }
      }
    }
    const orgSlug = slugify(row.organisation);
    const org = firstOrgRow.get(orgSlug);
    if (!org) firstOrgRow.set(orgSlug, current);
    else if (org.row.organisation_type !== row.organisation_type) {
      errors.push({
        line,
        reason: `organisatie "${row.organisation}" heeft op regel ${org.line} een ander type`,
      });
    }
    const key = [row.email, orgSlug, row.region.toLowerCase(), row.role, row.active_from ?? ""].join("|");
    const same = membershipLine.get(key);
    if (same) errors.push({ line, reason: `dezelfde rol staat ook op regel ${same}` });
    membershipLine.set(key, line);
  }
  return errors;
}
