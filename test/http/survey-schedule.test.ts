import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAnswer } from "../../src/app/survey/record-answer.js";
import { closeDueWaves } from "../../src/app/waves/close-wave.js";
import { createWave } from "../../src/app/waves/create-wave.js";
import { openWave } from "../../src/app/waves/open-wave.js";
import { queueDueReminders } from "../../src/app/waves/queue-due-reminders.js";
import { waveStatus } from "../../src/app/waves/wave-status.js";
import { deliveries, invitations, waves } from "../../src/db/schema.js";
import { useTestDatabase } from "../support/database.js";
import { uniqueKey } from "../support/factories.js";
import { type SlackBed, seedSlackRegion, startSlackBed, TEAM_ID } from "../support/slack-bed.js";

// Its own database: the outbox worker here must only see this file's messages.
const database = useTestDatabase({ isolated: true });

const complete = {
  agenda_tevreden: "ja",
  agenda_ondersteuning: "nee",
  proces_tevreden: "ja",
  proces_ondersteuning: "nee",
  resultaat_tevreden: "nee",
  resultaat_ondersteuning: "nee",
};

describe("reminders and closing on a clock", () => {
  let bed: SlackBed;
  let clock = new Date("2027-01-11T09:00:00Z"); // Monday 10:00 in Amsterdam
  beforeAll(async () => {
    bed = await startSlackBed(database.current, { now: () => clock, env: { DELIVERY_MAX_ATTEMPTS: "2" } });
  });
  afterAll(async () => {
    await bed?.close();
  });

  const remindersTo = (userId: string) =>
    bed.sim
      .messages(bed.sim.dmChannelFor(userId, TEAM_ID))
      .filter((m) => m.text?.includes("Herinnering") || m.text?.includes("Reminder"));

  it("reminds only those who have not answered, at 7 and 2 days before close, each once, then closes by itself", async () => {
    const seeded = await seedSlackRegion(database.current, bed.sim);
    const name = uniqueKey("Venster");
    const closesAt = new Date("2027-01-25T16:00:00Z"); // Monday 17:00 in Amsterdam
    await createWave(database.current.db, { surveyKey: "venster", name, opensAt: clock, closesAt });
    const { reminders, wave } = await openWave(database.current.db, name, {
      now: clock,
      timeZone: "Europe/Amsterdam",
    });
    expect(reminders.map((r) => r.toISOString())).toEqual([
      "2027-01-18T16:00:00.000Z",
      "2027-01-23T16:00:00.000Z",
    ]);
    await bed.app.worker?.drain(0);

    const [gemeenteInvitation] = await database.current.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.waveId, wave.id), eq(invitations.personId, seeded.gemeente.person.id)));
    const answered = await recordAnswer(database.current.db, {
      personId: seeded.gemeente.person.id,
      invitationId: gemeenteInvitation?.id as string,
      raw: complete,
      via: "slack",
      now: clock,
      timeZone: "Europe/Amsterdam",
    });
    expect(answered.ok).toBe(true);

    // Before the first moment nothing is queued.
    clock = new Date("2027-01-18T15:59:00Z");
    expect(await queueDueReminders(bed.app.ctx)).toBe(0);

    clock = new Date("2027-01-18T16:01:00Z");
    expect(await queueDueReminders(bed.app.ctx)).toBeGreaterThanOrEqual(1);
    expect(await queueDueReminders(bed.app.ctx)).toBe(0); // the moment is claimed once
    await bed.app.worker?.drain(0);
    expect(remindersTo(seeded.verzekeraar.userId)).toHaveLength(1);
    expect(remindersTo(seeded.gemeente.userId)).toHaveLength(0);

    clock = new Date("2027-01-23T16:05:00Z");
    await queueDueReminders(bed.app.ctx);
    await bed.app.worker?.drain(0);
    expect(remindersTo(seeded.verzekeraar.userId)).toHaveLength(2);
    expect(remindersTo(seeded.gemeente.userId)).toHaveLength(0);

    clock = new Date("2027-01-25T16:00:00Z");
    expect(await closeDueWaves(bed.app.ctx)).toBeGreaterThanOrEqual(1);
    const [closed] = await database.current.db.select().from(waves).where(eq(waves.id, wave.id));
    expect(closed?.status).toBe("closed");
    expect(await closeDueWaves(bed.app.ctx)).toBe(0);
    await bed.app.worker?.drain(0);
    const [card] = bed.sim.messages(bed.sim.dmChannelFor(seeded.gemeente.userId, TEAM_ID));
    expect(card?.text).toContain(
      "Deze ronde is gesloten. U vulde de vragenlijst in op 11 januari 2027 om 10:00",
    );
  });

  it("does not send a queued reminder to someone who answered in the meantime, nor during quiet hours", async () => {
    clock = new Date("2027-03-01T09:00:00Z");
    const seeded = await seedSlackRegion(database.current, bed.sim);
    const name = uniqueKey("Venster");
    await createWave(database.current.db, {
      surveyKey: "venster",
      name,
      opensAt: clock,
      closesAt: new Date("2027-03-10T16:00:00Z"),
      reminderOffsetsDays: [2],
      maxReminders: 1,
    });
    const { wave } = await openWave(database.current.db, name, { now: clock, timeZone: "Europe/Amsterdam" });
    await bed.app.worker?.drain(0);

    clock = new Date("2027-03-08T16:01:00Z");
    await queueDueReminders(bed.app.ctx);
    const mine = await database.current.db.select().from(invitations).where(eq(invitations.waveId, wave.id));
    const gemeenteInvitation = mine.find((i) => i.personId === seeded.gemeente.person.id);
    // The gemeente answers after the reminder was queued but before the worker sends it.
    await recordAnswer(database.current.db, {
      personId: seeded.gemeente.person.id,
      invitationId: gemeenteInvitation?.id as string,
      raw: complete,
      via: "slack",
      now: clock,
      timeZone: "Europe/Amsterdam",
    });
    // And the worker only gets to the queue at 21:30 local: reminders wait for the morning.
    clock = new Date("2027-03-08T20:30:00Z");
    await bed.app.worker?.drain(0);
    expect(remindersTo(seeded.verzekeraar.userId)).toHaveLength(0);
    const queued = await database.current.db
      .select()
      .from(deliveries)
      .where(
        and(
          eq(deliveries.kind, "survey-reminder"),
          inArray(
            deliveries.invitationId,
            mine.map((i) => i.id),
          ),
        ),
      );
    const byPerson = new Map(queued.map((d) => [d.personId, d]));
    expect(byPerson.get(seeded.gemeente.person.id)?.status).toBe("cancelled");
    expect(byPerson.get(seeded.verzekeraar.person.id)).toMatchObject({
      status: "pending",
      dueAt: new Date("2027-03-09T07:00:00Z"),
    });

    clock = new Date("2027-03-09T07:00:00Z");
    await bed.app.worker?.drain(0);
    expect(remindersTo(seeded.verzekeraar.userId)).toHaveLength(1);
    expect(remindersTo(seeded.gemeente.userId)).toHaveLength(0);
  });

  it("dead-letters a message after the configured number of failed attempts and shows it in wave status", async () => {
    clock = new Date("2027-04-01T09:00:00Z");
    const seeded = await seedSlackRegion(database.current, bed.sim);
    const name = uniqueKey("Venster");
    await createWave(database.current.db, {
      surveyKey: "venster",
      name,
      opensAt: clock,
      closesAt: new Date("2027-04-20T16:00:00Z"),
    });
    bed.sim.failNext("chat.postMessage", { status: 503 }, 1000);
    const { wave } = await openWave(database.current.db, name, { now: clock, timeZone: "Europe/Amsterdam" });
    await bed.app.worker?.drain(0);
    clock = new Date("2027-04-01T10:00:00Z");
    await bed.app.worker?.drain(0);

    const mine = await database.current.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.waveId, wave.id), eq(invitations.regionId, seeded.region.id)));
    const rows = await database.current.db
      .select()
      .from(deliveries)
      .where(
        inArray(
          deliveries.invitationId,
          mine.map((i) => i.id),
        ),
      );
    expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ["dead", 2, "HTTP 503"],
      ["dead", 2, "HTTP 503"],
    ]);
    const status = await waveStatus(database.current.db, name);
    // Everyone of this file's regions is invited to this wave; none could be reached.
    const zorgverzekeraar = status.rows.find((r) => r.organisationType === "zorgverzekeraar");
    expect(zorgverzekeraar?.invited).toBeGreaterThanOrEqual(1);
    expect(zorgverzekeraar).toMatchObject({
      delivered: 0,
      answered: 0,
      undeliverable: zorgverzekeraar?.invited,
    });
  });
});
