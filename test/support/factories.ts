import { randomUUID } from "node:crypto";
import type { Queryable } from "../../src/db/client.js";
import {
  channelBindings,
  invitations,
  memberships,
  organisationRegions,
  organisations,
  people,
  regions,
  surveyDefinitions,
  waves,
} from "../../src/db/schema.js";

/*
 * Builders that create unique rows with sensible defaults, overridable per test. Tests share one database
 * (and run in parallel against PostgreSQL), so nothing here relies on an empty table.
 */

export const uniqueKey = (prefix: string) => `${prefix}-${randomUUID().slice(0, 12)}`;

type Insert<T extends { $inferInsert: unknown }> = Partial<T["$inferInsert"]>;

async function first<T>(rows: Promise<T[]>): Promise<T> {
  const [row] = await rows;
  if (!row) throw new Error("insert returned no row");
  return row;
}

export function createRegion(db: Queryable, overrides: Insert<typeof regions> = {}) {
  const slug = uniqueKey("regio");
  return first(
    db
      .insert(regions)
      .values({ slug, name: `Regio ${slug}`, kind: "hlz", ...overrides })
      .returning(),
  );
}

export async function createOrganisation(
  db: Queryable,
  overrides: Insert<typeof organisations> & { activeIn?: string[] } = {},
) {
  const { activeIn = [], ...values } = overrides;
  const slug = uniqueKey("org");
  const organisation = await first(
    db
      .insert(organisations)
      .values({ slug, name: `Organisatie ${slug}`, type: "gemeente", ...values })
      .returning(),
  );
  for (const regionId of activeIn) {
    await db.insert(organisationRegions).values({ organisationId: organisation.id, regionId });
  }
  return organisation;
}

export function createPerson(db: Queryable, overrides: Insert<typeof people> = {}) {
  const key = uniqueKey("persoon");
  return first(
    db
      .insert(people)
      .values({ email: `${key}@test.example`, name: `Persoon ${key}`, ...overrides })
      .returning(),
  );
}

/** A contact person of a fresh organisation in a fresh region, the most common starting point. */
export async function createContactPerson(db: Queryable, overrides: { isChair?: boolean } = {}) {
  const region = await createRegion(db);
  const organisation = await createOrganisation(db, { activeIn: [region.id] });
  const person = await createPerson(db);
  const membership = await first(
    db
      .insert(memberships)
      .values({
        personId: person.id,
        organisationId: organisation.id,
        regionId: region.id,
        role: "ambtelijk",
        activeFrom: "2026-01-01",
        isChair: overrides.isChair ?? false,
      })
      .returning(),
  );
  return { region, organisation, person, membership };
}

export async function createWave(db: Queryable, overrides: Insert<typeof waves> = {}) {
  const definition = await first(
    db
      .insert(surveyDefinitions)
      .values({ key: uniqueKey("survey"), version: 1, definition: { questions: [] } })
      .returning(),
  );
  return first(
    db
      .insert(waves)
      .values({
        surveyDefinitionId: definition.id,
        name: uniqueKey("Venster"),
        opensAt: new Date("2027-01-10T08:00:00Z"),
        closesAt: new Date("2027-02-10T17:00:00Z"),
        ...overrides,
      })
      .returning(),
  );
}

export async function createInvitation(db: Queryable) {
  const contact = await createContactPerson(db);
  const wave = await createWave(db);
  const invitation = await first(
    db
      .insert(invitations)
      .values({
        waveId: wave.id,
        personId: contact.person.id,
        regionId: contact.region.id,
        organisationId: contact.organisation.id,
      })
      .returning(),
  );
  return { ...contact, wave, invitation };
}

export function createChannelBinding(db: Queryable, overrides: Insert<typeof channelBindings> = {}) {
  return first(
    db
      .insert(channelBindings)
      .values({
        purpose: "national",
        platform: "slack",
        workspaceId: uniqueKey("T"),
        channelId: uniqueKey("C"),
        ...overrides,
      })
      .returning(),
  );
}
