import { describe, expect, it } from "vitest";
import {
  escalationsBetween,
  listVensterWaves,
  regionActivity,
  regionTrend,
  supportNeedTexts,
  waveAggregate,
} from "../../src/app/venster/queries.js";
import { agendaItems, escalations, handovers, meetings } from "../../src/db/schema.js";
import { useTestDatabase } from "../support/database.js";
import { createOrganisation, createPerson } from "../support/factories.js";
import { allParts, seedRegions, seedVensterWave, times, vensterAnswers } from "./venster-fixtures.js";

const database = useTestDatabase();
const DAY = 86_400_000;

describe("venster queries", () => {
  it("aggregates the latest revision per invitation, per region and organisation type, in SQL", async () => {
    const db = database.current.db;
    const [a, b] = await seedRegions(db, ["Aggregaat A", "Aggregaat B"]);
    if (!a || !b) throw new Error("regions");
    const wave = await seedVensterWave(db, {
      opensAt: new Date("2030-01-10T08:00:00Z"),
      closesAt: new Date("2030-02-10T17:00:00Z"),
      invitations: [
        {
          region: a,
          invitations: [
            ...times(3, {
              type: "gemeente",
              answers: vensterAnswers(allParts(true), { agenda: "dementie" }),
            }),
            // Changed their mind: the second revision counts.
            { type: "gemeente", answers: [vensterAnswers(allParts(true)), vensterAnswers(allParts(false))] },
            { type: "gemeente" },
            {
              type: "zorgkantoor",
              answers: vensterAnswers({ agenda: false, proces: true, resultaat: true }),
            },
          ],
        },
        { region: b, invitations: times(2, { type: "zorgverzekeraar" }) },
      ],
    });
    const rows = await waveAggregate(db, wave.id);
    const byKey = new Map(rows.map((row) => [`${row.regionSlug}:${row.organisationType}`, row]));
    expect(rows).toHaveLength(3);
    const gemeenten = byKey.get(`${a.slug}:gemeente`);
    expect(gemeenten).toMatchObject({ regionName: a.name, invited: 5, answered: 4 });
    expect(gemeenten?.parts.agenda).toEqual({ satisfied: { yes: 3, no: 1 }, support: { yes: 3, no: 1 } });
    expect(gemeenten?.parts.proces.support).toEqual({ yes: 0, no: 4 });
    expect(byKey.get(`${a.slug}:zorgkantoor`)?.parts.agenda.satisfied).toEqual({ yes: 0, no: 1 });
    expect(byKey.get(`${b.slug}:zorgverzekeraar`)).toMatchObject({ invited: 2, answered: 0 });

    const onlyA = await waveAggregate(db, wave.id, { regionId: a.id });
    expect(onlyA.map((row) => row.regionSlug)).toEqual([a.slug, a.slug]);

    const needs = await supportNeedTexts(db, wave.id, a.id);
    expect(needs).toEqual(times(3, { part: "agenda", text: "dementie" } as never));
  });

  it("lists only open and closed waves of the venster survey, newest first, and builds the trend", async () => {
    const db = database.current.db;
    const [region] = await seedRegions(db, ["Trend"]);
    if (!region) throw new Error("region");
    const older = await seedVensterWave(db, {
      opensAt: new Date("2031-01-10T08:00:00Z"),
      closesAt: new Date("2031-02-10T17:00:00Z"),
      invitations: [
        { region, invitations: times(2, { type: "gemeente", answers: vensterAnswers(allParts(false)) }) },
      ],
    });
    const newer = await seedVensterWave(db, {
      opensAt: new Date("2032-01-10T08:00:00Z"),
      closesAt: new Date("2032-02-10T17:00:00Z"),
      status: "open",
      invitations: [
        { region, invitations: times(2, { type: "gemeente", answers: vensterAnswers(allParts(true)) }) },
      ],
    });
    const evaluation = await seedVensterWave(db, {
      surveyKey: "evaluatie",
      opensAt: new Date("2033-01-10T08:00:00Z"),
      closesAt: new Date("2033-02-10T17:00:00Z"),
      invitations: [],
    });
    const list = await listVensterWaves(db);
    const ids = list.map((wave) => wave.id);
    expect(ids).not.toContain(evaluation.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));

    const trend = await regionTrend(db, region.id, [...list].reverse());
    expect(trend.map((wave) => wave.waveId)).toEqual([older.id, newer.id]);
    expect(trend[0]?.region.agenda).toEqual({ yes: 0, no: 2 });
    expect(trend[1]?.region.resultaat).toEqual({ yes: 2, no: 0 });
    expect(trend[1]?.national.resultaat).toEqual({ yes: 2, no: 0 });
  });

  it("counts hulpvragen in a period and a region's meeting and handover activity", async () => {
    const db = database.current.db;
    const [region] = await seedRegions(db, ["Activiteit"]);
    if (!region) throw new Error("region");
    const now = new Date("2034-06-01T12:00:00Z");
    const person = await createPerson(db);
    await db.insert(escalations).values([
      {
        regionId: region.id,
        personId: person.id,
        text: "Hulp bij jeugdzorg",
        createdAt: new Date(now.getTime() - 10 * DAY),
      },
      {
        regionId: region.id,
        personId: person.id,
        text: "Oud",
        createdAt: new Date(now.getTime() - 400 * DAY),
      },
    ]);
    const found = await escalationsBetween(
      db,
      { from: new Date(now.getTime() - 365 * DAY), to: now },
      { regionId: region.id },
    );
    expect(found.map((e) => e.text)).toEqual(["Hulp bij jeugdzorg"]);

    const [held, , ahead] = await db
      .insert(meetings)
      .values([
        { regionId: region.id, startsAt: new Date(now.getTime() - 30 * DAY) },
        { regionId: region.id, startsAt: new Date(now.getTime() - 20 * DAY), status: "cancelled" },
        { regionId: region.id, startsAt: new Date(now.getTime() + 30 * DAY) },
        { regionId: region.id, startsAt: new Date(now.getTime() - 500 * DAY) },
      ])
      .returning();
    if (!held || !ahead) throw new Error("meetings");
    await db.insert(agendaItems).values([
      { meetingId: held.id, position: 1, text: "Werkagenda" },
      { meetingId: ahead.id, position: 1, text: "Preventie" },
      { meetingId: ahead.id, position: 2, text: "Weg", removedAt: now },
    ]);
    const organisation = await createOrganisation(db, { activeIn: [region.id] });
    const successor = await createPerson(db);
    await db.insert(handovers).values([
      {
        regionId: region.id,
        organisationId: organisation.id,
        predecessorPersonId: person.id,
        handoverOn: "2034-07-01",
        createdAt: new Date(now.getTime() - 5 * DAY),
      },
      {
        regionId: region.id,
        organisationId: organisation.id,
        predecessorPersonId: successor.id,
        handoverOn: "2034-03-01",
        status: "completed",
        createdAt: new Date(now.getTime() - 100 * DAY),
        completedAt: new Date(now.getTime() - 90 * DAY),
      },
    ]);
    expect(await regionActivity(db, region.id, now)).toEqual({
      meetingsHeld: 1,
      meetingsPlanned: 1,
      meetingsCancelled: 1,
      agendaItems: 2,
      handoversStarted: 2,
      handoversCompleted: 1,
      handoversOpen: 1,
    });
  });
});
