import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { executeRows } from "../../src/db/client.js";
import {
  agendaItems,
  answerRevisions,
  deliveries,
  handovers,
  invitations,
  meetings,
  memberships,
  municipalities,
  organisationRegions,
  people,
  platformIdentities,
  regionMunicipalities,
  regions,
  surveyDefinitions,
  topicScopeEntries,
  waves,
} from "../../src/db/schema.js";
import { expectSqlState, useTestDatabase } from "../support/database.js";
import {
  createChannelBinding,
  createContactPerson,
  createInvitation,
  createOrganisation,
  createPerson,
  createRegion,
  createWave,
  uniqueKey,
} from "../support/factories.js";

const UNIQUE = "23505";
const FOREIGN_KEY = "23503";
const CHECK = "23514";
const INVALID_ENUM = "22P02";

// Runs against PGlite, and against PostgreSQL when DATABASE_URL is set (CI does both).
const database = useTestDatabase();

describe("regions and municipalities", () => {
  it("rejects a second region with the same slug, and a malformed slug", async () => {
    const { db } = database.current;
    const region = await createRegion(db);
    await expectSqlState(createRegion(db, { slug: region.slug }), UNIQUE);
    await expectSqlState(createRegion(db, { slug: "Met Spaties" }), CHECK);
  });

  it("rejects a second region of the same kind and name, but allows the name for another kind", async () => {
    const { db } = database.current;
    const region = await createRegion(db, { kind: "hlz" });
    await expectSqlState(createRegion(db, { kind: "hlz", name: region.name }), UNIQUE);
    await expect(createRegion(db, { kind: "wmo", name: region.name })).resolves.toMatchObject({
      kind: "wmo",
    });
  });

  it("keeps each municipality in one region per kind", async () => {
    const { db } = database.current;
    const [municipality] = await db
      .insert(municipalities)
      .values({ name: uniqueKey("Gemeente") })
      .returning();
    const hlzA = await createRegion(db, { kind: "hlz" });
    const hlzB = await createRegion(db, { kind: "hlz" });
    const wmo = await createRegion(db, { kind: "wmo" });
    const link = (regionId: string, regionKind: "hlz" | "wmo", municipalityId = municipality?.id as string) =>
      db.insert(regionMunicipalities).values({ regionId, regionKind, municipalityId });

    await link(hlzA.id, "hlz");
    await expectSqlState(link(hlzB.id, "hlz"), UNIQUE);
    await expect(link(wmo.id, "wmo")).resolves.toBeDefined();
    // The kind on the link must be the region's own kind, or the rule above could be dodged.
    const [another] = await db
      .insert(municipalities)
      .values({ name: uniqueKey("Gemeente") })
      .returning();
    await expectSqlState(link(hlzB.id, "wmo", another?.id), FOREIGN_KEY);
  });

  it("rejects a municipality name twice", async () => {
    const { db } = database.current;
    const name = uniqueKey("Gemeente");
    await db.insert(municipalities).values({ name });
    await expectSqlState(db.insert(municipalities).values({ name }), UNIQUE);
  });
});

describe("organisations, people and identities", () => {
  it("accepts only the known organisation types", async () => {
    const { db } = database.current;
    await expectSqlState(createOrganisation(db, { type: "bank" as never }), INVALID_ENUM);
  });

  it("rejects an organisation active twice in the same region, or in a region that does not exist", async () => {
    const { db } = database.current;
    const region = await createRegion(db);
    const organisation = await createOrganisation(db, { activeIn: [region.id] });
    await expectSqlState(
      db.insert(organisationRegions).values({ organisationId: organisation.id, regionId: region.id }),
      UNIQUE,
    );
    await expectSqlState(
      db
        .insert(organisationRegions)
        .values({ organisationId: organisation.id, regionId: crypto.randomUUID() }),
      FOREIGN_KEY,
    );
  });

  it("keeps e-mail addresses unique and lower-case", async () => {
    const { db } = database.current;
    const person = await createPerson(db);
    await expectSqlState(createPerson(db, { email: person.email }), UNIQUE);
    await expectSqlState(createPerson(db, { email: `${uniqueKey("Hoofd")}@Test.example` }), CHECK);
    await expectSqlState(createPerson(db, { email: "geen-adres" }), CHECK);
  });

  it("maps each Slack user and each Teams user to one person", async () => {
    const { db } = database.current;
    const anne = await createPerson(db);
    const bert = await createPerson(db);
    const team = uniqueKey("T");
    const slackUser = { platform: "slack" as const, workspaceId: team, userId: "U0001" };
    await db.insert(platformIdentities).values({ personId: anne.id, ...slackUser });
    await expectSqlState(db.insert(platformIdentities).values({ personId: bert.id, ...slackUser }), UNIQUE);
    // One identity per person per workspace: a second Slack user for Anne in the same team is a mistake.
    await expectSqlState(
      db
        .insert(platformIdentities)
        .values({ personId: anne.id, platform: "slack", workspaceId: team, userId: "U0002" }),
      UNIQUE,
    );
    const tenant = crypto.randomUUID();
    const objectId = crypto.randomUUID();
    await db
      .insert(platformIdentities)
      .values({ personId: anne.id, platform: "teams", workspaceId: tenant, userId: objectId });
    await expectSqlState(
      db
        .insert(platformIdentities)
        .values({ personId: bert.id, platform: "teams", workspaceId: tenant, userId: objectId }),
      UNIQUE,
    );
    await expectSqlState(
      db.insert(platformIdentities).values({ personId: crypto.randomUUID(), ...slackUser, userId: "U0003" }),
      FOREIGN_KEY,
    );
  });
});

describe("memberships", () => {
  it("allows a membership only where the organisation is active", async () => {
    const { db } = database.current;
    const region = await createRegion(db);
    const elsewhere = await createRegion(db);
    const organisation = await createOrganisation(db, { activeIn: [region.id] });
    const person = await createPerson(db);
    const values = {
      personId: person.id,
      organisationId: organisation.id,
      role: "ambtelijk" as const,
      activeFrom: "2026-01-01",
    };
    await expect(db.insert(memberships).values({ ...values, regionId: region.id })).resolves.toBeDefined();
    await expectSqlState(db.insert(memberships).values({ ...values, regionId: elsewhere.id }), FOREIGN_KEY);
  });

  it("rejects a period that ends before it starts, and the same period twice", async () => {
    const { db } = database.current;
    const { membership } = await createContactPerson(db);
    const { id: _id, createdAt: _createdAt, ...same } = membership;
    await expectSqlState(db.insert(memberships).values(same), UNIQUE);
    await expectSqlState(
      db.insert(memberships).values({ ...same, activeFrom: "2026-03-01", activeUntil: "2026-02-28" }),
      CHECK,
    );
    await expect(
      db.insert(memberships).values({ ...same, activeFrom: "2027-01-01", activeUntil: "2027-01-01" }),
    ).resolves.toBeDefined();
  });

  it("accepts only the roles bestuurlijk and ambtelijk", async () => {
    const { db } = database.current;
    const { membership } = await createContactPerson(db);
    const { id: _id, createdAt: _createdAt, ...same } = membership;
    await expectSqlState(
      db.insert(memberships).values({ ...same, role: "wethouder" as never }),
      INVALID_ENUM,
    );
  });
});

describe("channel bindings", () => {
  it("binds a channel once, and a region binding must name its region", async () => {
    const { db } = database.current;
    const region = await createRegion(db);
    const binding = await createChannelBinding(db, { purpose: "region", regionId: region.id });
    await expectSqlState(
      createChannelBinding(db, { workspaceId: binding.workspaceId, channelId: binding.channelId }),
      UNIQUE,
    );
    await expectSqlState(createChannelBinding(db, { purpose: "region" }), CHECK);
    await expectSqlState(createChannelBinding(db, { purpose: "national", regionId: region.id }), CHECK);
  });
});

describe("meetings, agenda items, agreements and topic scope", () => {
  it("rejects agenda items without text, at position 0, or for a meeting that does not exist", async () => {
    const { db } = database.current;
    const region = await createRegion(db);
    const [meeting] = await db
      .insert(meetings)
      .values({ regionId: region.id, startsAt: new Date("2027-01-14T13:00:00Z") })
      .returning();
    const item = { meetingId: meeting?.id as string, position: 1, text: "Werkagenda 2027" };
    await expect(db.insert(agendaItems).values(item)).resolves.toBeDefined();
    await expectSqlState(db.insert(agendaItems).values({ ...item, position: 0 }), CHECK);
    await expectSqlState(db.insert(agendaItems).values({ ...item, text: "   " }), CHECK);
    await expectSqlState(
      db.insert(agendaItems).values({ ...item, meetingId: crypto.randomUUID() }),
      FOREIGN_KEY,
    );
  });

  it("records a topic once per region, whatever its capitals", async () => {
    const { db } = database.current;
    const region = await createRegion(db);
    const other = await createRegion(db);
    await db
      .insert(topicScopeEntries)
      .values({ regionId: region.id, topic: "Prijsafspraken", status: "forbidden" });
    await expectSqlState(
      db
        .insert(topicScopeEntries)
        .values({ regionId: region.id, topic: "prijsafspraken", status: "allowed" }),
      UNIQUE,
    );
    await expect(
      db.insert(topicScopeEntries).values({ regionId: other.id, topic: "prijsafspraken", status: "allowed" }),
    ).resolves.toBeDefined();
  });

  it("stores instants as UTC and gives back the same instant", async () => {
    const { db } = database.current;
    const region = await createRegion(db);
    const startsAt = new Date("2027-03-29T14:00:00+02:00");
    const [meeting] = await db.insert(meetings).values({ regionId: region.id, startsAt }).returning();
    expect(meeting?.startsAt.toISOString()).toBe("2027-03-29T12:00:00.000Z");
    const [row] = await executeRows<{ utc: string }>(
      db,
      sql`select to_char(${meetings.startsAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as utc from ${meetings} where ${meetings.id} = ${meeting?.id}`,
    );
    expect(row?.utc).toBe("2027-03-29T12:00");
  });
});

describe("surveys, waves, invitations and answers", () => {
  it("versions a survey definition once per key", async () => {
    const { db } = database.current;
    const key = uniqueKey("venster");
    await db.insert(surveyDefinitions).values({ key, version: 1, definition: {} });
    await expectSqlState(db.insert(surveyDefinitions).values({ key, version: 1, definition: {} }), UNIQUE);
    await expectSqlState(db.insert(surveyDefinitions).values({ key, version: 0, definition: {} }), CHECK);
  });

  it("rejects a wave that closes before it opens, and a duplicate wave name", async () => {
    const { db } = database.current;
    const wave = await createWave(db);
    await expectSqlState(
      createWave(db, {
        opensAt: new Date("2027-02-01T00:00:00Z"),
        closesAt: new Date("2027-01-01T00:00:00Z"),
      }),
      CHECK,
    );
    await expectSqlState(db.insert(waves).values({ ...wave, id: crypto.randomUUID() }), UNIQUE);
  });

  it("invites a person once per wave and region, for an organisation active there", async () => {
    const { db } = database.current;
    const { invitation } = await createInvitation(db);
    const { id: _id, createdAt: _createdAt, ...same } = invitation;
    await expectSqlState(db.insert(invitations).values(same), UNIQUE);
    const elsewhere = await createRegion(db);
    await expectSqlState(db.insert(invitations).values({ ...same, regionId: elsewhere.id }), FOREIGN_KEY);
  });

  it("keeps answer revisions append-only: one row per revision number", async () => {
    const { db } = database.current;
    const { invitation } = await createInvitation(db);
    const revision = {
      invitationId: invitation.id,
      answers: { agenda: { tevreden: true } },
      submittedVia: "slack" as const,
    };
    await db.insert(answerRevisions).values({ ...revision, revision: 1 });
    await expectSqlState(db.insert(answerRevisions).values({ ...revision, revision: 1 }), UNIQUE);
    await expectSqlState(db.insert(answerRevisions).values({ ...revision, revision: 0 }), CHECK);
    await expectSqlState(
      db.insert(answerRevisions).values({ ...revision, invitationId: crypto.randomUUID(), revision: 1 }),
      FOREIGN_KEY,
    );
  });
});

describe("handovers", () => {
  it("needs a successor other than the predecessor, and allows one open handover at a time", async () => {
    const { db } = database.current;
    const { person, organisation, region } = await createContactPerson(db);
    const successor = await createPerson(db);
    const handover = {
      regionId: region.id,
      organisationId: organisation.id,
      predecessorPersonId: person.id,
      handoverOn: "2027-02-01",
    };
    await expectSqlState(db.insert(handovers).values({ ...handover, successorPersonId: person.id }), CHECK);
    const [open] = await db
      .insert(handovers)
      .values({ ...handover, successorPersonId: successor.id })
      .returning();
    await expectSqlState(db.insert(handovers).values(handover), UNIQUE);
    await db.update(handovers).set({ status: "completed" }).where(sql`${handovers.id} = ${open?.id}`);
    await expect(db.insert(handovers).values(handover)).resolves.toBeDefined();
  });
});

describe("deliveries (the outbox)", () => {
  it("holds one delivery per idempotency key, for exactly one recipient", async () => {
    const { db } = database.current;
    const person = await createPerson(db);
    const binding = await createChannelBinding(db);
    const delivery = { idempotencyKey: uniqueKey("invite"), kind: "survey-invitation", payload: {} };
    await db.insert(deliveries).values({ ...delivery, personId: person.id });
    await expectSqlState(db.insert(deliveries).values({ ...delivery, personId: person.id }), UNIQUE);
    await expectSqlState(
      db.insert(deliveries).values({ ...delivery, idempotencyKey: uniqueKey("x") }),
      CHECK,
    );
    await expectSqlState(
      db.insert(deliveries).values({
        ...delivery,
        idempotencyKey: uniqueKey("x"),
        personId: person.id,
        channelBindingId: binding.id,
      }),
      CHECK,
    );
    await expect(
      db
        .insert(deliveries)
        .values({ ...delivery, idempotencyKey: uniqueKey("x"), channelBindingId: binding.id }),
    ).resolves.toBeDefined();
  });

  it("refuses to delete a person who still has rows pointing at them", async () => {
    const { db } = database.current;
    const { person } = await createContactPerson(db);
    await expectSqlState(db.delete(people).where(sql`${people.id} = ${person.id}`), FOREIGN_KEY);
    const [still] = await db.select().from(regions).limit(1);
    expect(still).toBeDefined();
  });
});
