import { and, eq, inArray, or } from "drizzle-orm";
import type { Db, Transaction } from "../db/client.js";
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
import { recordAudit } from "./audit.js";
import { differs, type ImportSummary, rejectWhenAny, Tally } from "./import-summary.js";

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
  const { rows, errors } = validateRecords(parsed.records, PersonRowSchema);
  rejectWhenAny(file.name, [...parsed.errors, ...errors, ...findConflictsWithinFile(rows)]);

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

    const lineErrors: LineError[] = [];
    for (const { line, row } of rows) {
      if (!regionIdFor(row.region)) {
        lineErrors.push({
          line,
          reason: `regio "${row.region}" bestaat niet (gebruik de slug of naam van een geïmporteerde regio)`,
        });
      }
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

    const tally = new Tally();
    const personIds = new Map<string, string>();
    for (const { row } of rows) {
      const personFields = {
        name: row.name,
        locale: row.locale,
        preferredPlatform: row.preferred_platform ?? null,
      };
      let changed = false;
      let person = personByEmail.get(row.email);
      if (!person) {
        [person] = await tx
          .insert(people)
          .values({ email: row.email, ...personFields })
          .returning();
        personByEmail.set(row.email, person as NonNullable<typeof person>);
      } else if (!personIds.has(row.email) && differs(person, personFields)) {
        await tx.update(people).set(personFields).where(eq(people.id, person.id));
        changed = true;
      }
      const personId = (person as { id: string }).id;
      personIds.set(row.email, personId);

      for (const identity of identitiesOf(row)) {
        const inserted = await tx
          .insert(platformIdentities)
          .values({ personId, ...identity })
          .onConflictDoNothing()
          .returning({ id: platformIdentities.id });
        if (inserted.length) changed = true;
      }

      const orgSlug = slugify(row.organisation);
      let org = orgBySlug.get(orgSlug);
      if (!org) {
        [org] = await tx
          .insert(organisations)
          .values({ slug: orgSlug, name: row.organisation, type: row.organisation_type })
          .returning();
        orgBySlug.set(orgSlug, org as NonNullable<typeof org>);
      }
      const organisationId = (org as { id: string }).id;
      const regionId = regionIdFor(row.region) as string;
      await tx.insert(organisationRegions).values({ organisationId, regionId }).onConflictDoNothing();

      const outcome = await upsertMembership(tx, {
        personId,
        organisationId,
        regionId,
        row,
        today: options.today,
      });
      if (outcome === "added") tally.added++;
      else if (outcome === "changed" || changed) tally.changed++;
      else tally.unchanged++;
    }

    if (tally.added + tally.changed > 0) {
      await recordAudit(tx, {
        action: "import.people",
        subjectType: "file",
        subjectId: file.name,
        details: tally.toJSON(),
      });
    }
    return tally.toJSON();
  });
}

async function upsertMembership(
  tx: Transaction,
  m: { personId: string; organisationId: string; regionId: string; row: PersonRow; today: string },
): Promise<"added" | "changed" | "unchanged"> {
  const candidates = await tx
    .select()
    .from(memberships)
    .where(
      and(
        eq(memberships.personId, m.personId),
        eq(memberships.organisationId, m.organisationId),
        eq(memberships.regionId, m.regionId),
        eq(memberships.role, m.row.role),
      ),
    );
  // Without a start date in the file, the row means "the membership that is current now".
  const match = m.row.active_from
    ? candidates.find((c) => c.activeFrom === m.row.active_from)
    : candidates.find((c) => c.activeUntil === null || c.activeUntil >= m.today);
  const fields = { isChair: m.row.chair, activeUntil: m.row.active_until ?? null };
  if (!match) {
    await tx.insert(memberships).values({
      personId: m.personId,
      organisationId: m.organisationId,
      regionId: m.regionId,
      role: m.row.role,
      activeFrom: m.row.active_from ?? m.today,
      ...fields,
    });
    return "added";
  }
  if (!differs(match, fields)) return "unchanged";
  await tx.update(memberships).set(fields).where(eq(memberships.id, match.id));
  return "changed";
}

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
