import { and, asc, count, eq, gt, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../src/app/seed-demo.js";
import type { Database } from "../../src/db/client.js";
import {
  agendaItems,
  answerRevisions,
  channelBindings,
  deliveries,
  escalations,
  handovers,
  invitations,
  meetings,
  memberships,
  organisations,
  people,
  regions,
  topicScopeEntries,
  waves,
} from "../../src/db/schema.js";
import { calendarDateIn } from "../../src/domain/calendar-date.js";
import { nonWorkingDay } from "../../src/domain/dutch-holidays.js";
import { vensterDefinition } from "../../src/domain/survey/definitions/venster.js";
import { validateAnswers } from "../../src/domain/survey/validate-answers.js";
import { openIsolatedTestDatabase } from "../support/database.js";

const TIME_ZONE = "Europe/Amsterdam";
// The real clock: the demo data is placed relative to today, so it must hold whatever day the tests run.
const NOW = new Date();
const TODAY = calendarDateIn(TIME_ZONE, NOW);
const PARTS = ["agenda", "proces", "resultaat"] as const;
/** The venster's outlier rule (issue 6): at least this many respondents, and more than this margin off. */
const MIN_RESPONDENTS = 5;
const MARGIN = 0.2;
const ANONYMITY_THRESHOLD = 3; // src/config.ts default

// Each database of its own: seeding needs an empty one, and the second proves the data is deterministic.
const databases: { database: Database; drop(): Promise<void> }[] = [];
let withChannels: Database;
let withoutChannels: Database;

beforeAll(async () => {
  databases.push(await openIsolatedTestDatabase(), await openIsolatedTestDatabase());
  withChannels = (databases[0] as { database: Database }).database;
  withoutChannels = (databases[1] as { database: Database }).database;
  await seedDemoData(withChannels.db, { today: TODAY, now: NOW, timeZone: TIME_ZONE, localChannels: true });
  await seedDemoData(withoutChannels.db, { today: TODAY, now: NOW, timeZone: TIME_ZONE });
}, 120_000);

afterAll(async () => {
  for (const d of databases) await d.drop();
});

type Latest = {
  wave: string;
  status: string;
  region: string;
  email: string;
  orgType: string;
  revision: number;
  answers: Record<string, unknown>;
};

/** The latest revision of every answered invitation, read straight from the rows. */
async function latestAnswers(database: Database): Promise<Latest[]> {
  const rows = await database.db
    .select({
      invitationId: invitations.id,
      revision: answerRevisions.revision,
      answers: answerRevisions.answers,
      wave: waves.name,
      status: waves.status,
      region: regions.slug,
      email: people.email,
      orgType: organisations.type,
    })
    .from(answerRevisions)
    .innerJoin(invitations, eq(invitations.id, answerRevisions.invitationId))
    .innerJoin(waves, eq(waves.id, invitations.waveId))
    .innerJoin(regions, eq(regions.id, invitations.regionId))
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .innerJoin(people, eq(people.id, invitations.personId))
    .orderBy(asc(answerRevisions.revision));
  const latest = new Map<string, Latest>();
  for (const { invitationId, ...row } of rows) {
    latest.set(invitationId, { ...row, answers: row.answers as Record<string, unknown> });
  }
  return [...latest.values()];
}

/** Per wave, part and region: respondents, share of ja and the national share (all regions together). */
function shares(answers: Latest[]) {
  const result: { wave: string; part: string; region: string; n: number; share: number; national: number }[] =
    [];
  for (const wave of new Set(answers.map((a) => a.wave))) {
    const inWave = answers.filter((a) => a.wave === wave);
    for (const part of PARTS) {
      const yes = (list: Latest[]) => list.filter((a) => a.answers[`${part}_tevreden`] === true).length;
      const national = yes(inWave) / inWave.length;
      for (const region of new Set(inWave.map((a) => a.region))) {
        const inRegion = inWave.filter((a) => a.region === region);
        result.push({
          wave,
          part,
          region,
          n: inRegion.length,
          share: yes(inRegion) / inRegion.length,
          national,
        });
      }
    }
  }
  return result;
}

describe("demo data on an empty database", () => {
  it("has at least six regions with people at the table, each with a chair", async () => {
    const tables = await withChannels.db
      .selectDistinct({ slug: regions.slug })
      .from(memberships)
      .innerJoin(regions, eq(regions.id, memberships.regionId))
      .where(eq(memberships.isChair, true));
    expect(tables.length).toBeGreaterThanOrEqual(6);
    expect(tables.map((t) => t.slug)).toEqual(
      expect.arrayContaining(["utrecht-stad", "zuid-oost-utrecht", "eemland"]),
    );
  });

  it("has two closed venster waves of earlier years and an open one for this year", async () => {
    const year = Number(TODAY.slice(0, 4));
    const all = await withChannels.db
      .select({ name: waves.name, status: waves.status })
      .from(waves)
      .orderBy(asc(waves.opensAt));
    expect(all).toEqual([
      { name: `Venster ${year - 2}`, status: "closed" },
      { name: `Venster ${year - 1}`, status: "closed" },
      { name: `Venster ${year}`, status: "open" },
    ]);
  });

  it("stores only answers that are valid for the venster definition, some with a second revision", async () => {
    const latest = await latestAnswers(withChannels);
    expect(latest.length).toBeGreaterThan(100);
    for (const { answers } of latest) {
      const validated = validateAnswers(vensterDefinition, answers);
      expect(validated).toEqual({ ok: true, answers });
    }
    const [revised] = await withChannels.db
      .select({ n: count() })
      .from(answerRevisions)
      .where(gt(answerRevisions.revision, 1));
    expect(revised?.n).toBeGreaterThan(0);
    const needs = latest.filter((a) => PARTS.some((p) => a.answers[`${p}_ondersteuning`] === true));
    expect(needs.length).toBeGreaterThan(0);
  });

  it("answers only part of this year's wave, and leaves Sanne Dekker's invitation open", async () => {
    const [open] = await withChannels.db.select().from(waves).where(eq(waves.status, "open"));
    const invited = await withChannels.db
      .select({ id: invitations.id, email: people.email, revisions: count(answerRevisions.id) })
      .from(invitations)
      .innerJoin(people, eq(people.id, invitations.personId))
      .leftJoin(answerRevisions, eq(answerRevisions.invitationId, invitations.id))
      .where(eq(invitations.waveId, (open as { id: string }).id))
      .groupBy(invitations.id, people.email);
    const answered = invited.filter((i) => i.revisions > 0);
    expect(answered.length).toBeGreaterThan(invited.length / 3);
    expect(answered.length).toBeLessThan(invited.length);
    const sanne = invited.filter((i) => i.email === "sanne.dekker@utrecht.example");
    expect(sanne).toEqual([expect.objectContaining({ revisions: 0 })]);
    // Opened through the use case: every invitation is in the outbox.
    const [queued] = await withChannels.db
      .select({ n: count() })
      .from(deliveries)
      .innerJoin(invitations, eq(invitations.id, deliveries.invitationId))
      .where(
        and(eq(invitations.waveId, (open as { id: string }).id), eq(deliveries.kind, "survey-invitation")),
      );
    expect(queued?.n).toBe(invited.length);
  });

  it("has enough respondents per region for the outlier rule, and outliers both ways", async () => {
    const computed = shares(await latestAnswers(withChannels));
    const closed = computed.filter((s) => !s.wave.endsWith(TODAY.slice(0, 4)));
    expect(closed.every((s) => s.n >= MIN_RESPONDENTS)).toBe(true);
    const outliers = computed.filter(
      (s) => s.n >= MIN_RESPONDENTS && Math.abs(s.share - s.national) > MARGIN,
    );
    expect(outliers.some((o) => o.part === "proces" && o.share < o.national)).toBe(true);
    expect(outliers.some((o) => o.part === "resultaat" && o.share > o.national)).toBe(true);
    // Most regions are ordinary: around the national share.
    expect(outliers.length).toBeLessThan(computed.length / 4);
  });

  it("lets some region × organisation type pass the anonymity threshold and some not", async () => {
    const latest = await latestAnswers(withChannels);
    const groups = new Map<string, number>();
    for (const a of latest) {
      const key = `${a.wave}|${a.region}|${a.orgType}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    const sizes = [...groups.values()];
    expect(sizes.some((n) => n >= ANONYMITY_THRESHOLD)).toBe(true);
    expect(sizes.some((n) => n < ANONYMITY_THRESHOLD)).toBe(true);
  });

  it("gives Ingrid Vermeulen's utrecht-stad an upcoming meeting with an agenda, and past meetings", async () => {
    const [ingrid] = await withChannels.db
      .select({ regionId: memberships.regionId })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .innerJoin(regions, eq(regions.id, memberships.regionId))
      .where(
        and(
          eq(people.email, "ingrid.vermeulen@regiosecretariaat.example"),
          eq(regions.slug, "utrecht-stad"),
          eq(memberships.isChair, true),
        ),
      );
    expect(ingrid).toBeDefined();
    const all = await withChannels.db
      .select()
      .from(meetings)
      .where(eq(meetings.regionId, (ingrid as { regionId: string }).regionId));
    const upcoming = all.filter((m) => m.status === "planned" && m.startsAt > NOW);
    expect(upcoming.length).toBeGreaterThanOrEqual(1);
    expect(all.filter((m) => m.startsAt < NOW).length).toBeGreaterThanOrEqual(2);
    const items = await withChannels.db
      .select()
      .from(agendaItems)
      .where(eq(agendaItems.meetingId, (upcoming[0] as { id: string }).id));
    expect(items.length).toBeGreaterThan(0);
    // Planned through the use case: its reminders are in the outbox.
    const [reminders] = await withChannels.db
      .select({ n: count() })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.kind, "meeting-reminder"),
          sql`${deliveries.payload} -> 'deferred' ->> 'meetingId' = ${(upcoming[0] as { id: string }).id}`,
        ),
      );
    expect(reminders?.n).toBeGreaterThan(0);
  });

  it("places every meeting, past and upcoming, on a working day: no weekend, no public holiday", async () => {
    const all = await withChannels.db.select({ startsAt: meetings.startsAt }).from(meetings);
    expect(all.length).toBeGreaterThan(8);
    const daysOff = all
      .map((m) => calendarDateIn(TIME_ZONE, m.startsAt))
      .filter((day) => nonWorkingDay(day) !== undefined);
    expect(daysOff).toEqual([]);
  });

  it("has a forbidden topic, a completed and an open handover, and requests for support", async () => {
    const forbidden = await withChannels.db
      .select()
      .from(topicScopeEntries)
      .where(eq(topicScopeEntries.status, "forbidden"));
    expect(forbidden.map((f) => f.topic)).toContain("preventie");
    const statuses = (await withChannels.db.select({ status: handovers.status }).from(handovers)).map(
      (h) => h.status,
    );
    expect(statuses).toContain("completed");
    expect(statuses.some((s) => s === "started" || s === "introduced" || s === "briefed")).toBe(true);
    const [asks] = await withChannels.db.select({ n: count() }).from(escalations);
    expect(asks?.n).toBeGreaterThanOrEqual(1);
  });

  it("binds each demo region to a local channel only when asked to", async () => {
    const bound = await withChannels.db
      .select({
        slug: regions.slug,
        channelId: channelBindings.channelId,
        platform: channelBindings.platform,
      })
      .from(channelBindings)
      .innerJoin(regions, eq(regions.id, channelBindings.regionId))
      .where(eq(channelBindings.purpose, "region"));
    expect(bound.length).toBeGreaterThanOrEqual(6);
    for (const b of bound)
      expect(b).toEqual({ slug: b.slug, channelId: `regio-${b.slug}`, platform: "local" });
    const [none] = await withoutChannels.db.select({ n: count() }).from(channelBindings);
    expect(none?.n).toBe(0);
  });

  it("is the same data for the same day (apart from generated ids and channels)", async () => {
    const fingerprint = async (database: Database) => ({
      answers: (await latestAnswers(database)).map((a) => JSON.stringify(a)).sort(),
      meetings: (
        await database.db
          .select({ region: regions.slug, at: meetings.startsAt, location: meetings.location })
          .from(meetings)
          .innerJoin(regions, eq(regions.id, meetings.regionId))
      )
        .map((m) => JSON.stringify(m))
        .sort(),
      people: (await database.db.select({ email: people.email }).from(people)).map((p) => p.email).sort(),
    });
    expect(await fingerprint(withoutChannels)).toEqual(await fingerprint(withChannels));
  });

  it("does nothing when seeded again", async () => {
    const countRows = async () => ({
      regions: (await withChannels.db.select({ n: count() }).from(regions))[0]?.n,
      answers: (await withChannels.db.select({ n: count() }).from(answerRevisions))[0]?.n,
      meetings: (await withChannels.db.select({ n: count() }).from(meetings))[0]?.n,
    });
    const before = await countRows();
    expect(await seedDemoData(withChannels.db, { today: TODAY, now: NOW, localChannels: true })).toBe(
      "not-empty",
    );
    expect(await countRows()).toEqual(before);
  });
});
