import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import {
  cancelMeeting,
  planMeeting,
  rescheduleMeeting,
  upcomingMeetings,
} from "../../src/app/table/meetings.js";
import { channelBindings, deliveries, memberships, platformIdentities } from "../../src/db/schema.js";
import { channelAgendaCard, meetingReminderCard } from "../../src/domain/cards/table-cards.js";
import { planMeetingReminders } from "../../src/domain/reminders/plan-meeting-reminders.js";
import type { Locale } from "../../src/domain/vocabulary.js";
import { createOrganisation, createPerson, uniqueKey } from "../support/factories.js";
import { type Replicas, startReplicas, tick } from "../support/replicas.js";
import { seedSlackRegion, TEAM_ID } from "../support/slack-bed.js";
import type { SlackCall } from "../support/slack-simulator.js";

/*
 * Rule 7 of issue 5: node-cron ticks in every replica, and due work is claimed in PostgreSQL, so two replicas
 * against one database send each meeting reminder exactly once. Two real apps (each its own pool, scheduler
 * tick and outbox worker) share one fresh PostgreSQL database and one Slack simulator; a stepped clock walks
 * through the weeks, and at every step both replicas tick at the same time.
 */

const ZONE = "Europe/Amsterdam";
const STEP_MS = 30 * 60_000;
const local = (iso: string) => DateTime.fromISO(iso, { zone: ZONE }).toJSDate();
const utc = (iso: string) => new Date(iso);

type Clock = { current: Date };
type Contact = { personId: string; userId: string; locale: Locale };
type Region = {
  regionId: string;
  regionName: string;
  chairId: string;
  contacts: Contact[];
  channelId: string;
};
/** A chat.postMessage the simulator answered, with the simulated moment of the step in which it was made. */
type Sent = { call: SlackCall; at: Date };

/**
 * A region as seedSlackRegion makes it (four Slack contact persons, one a chair, one English), two more contact
 * persons, and the region's bound Slack channel.
 */
async function seedRegion(replicas: Replicas): Promise<Region> {
  const { db } = replicas.database;
  const seeded = await seedSlackRegion(replicas.database, replicas.sim);
  const contacts: Contact[] = [seeded.gemeente, seeded.verzekeraar, seeded.chair, seeded.aanbieder].map(
    (m) => ({ personId: m.person.id, userId: m.userId, locale: m.person.locale }),
  );
  for (const type of ["gemeente", "zorgaanbieder"] as const) {
    const organisation = await createOrganisation(db, { type, activeIn: [seeded.region.id] });
    const person = await createPerson(db, { locale: "nl" });
    const userId = uniqueKey("U").toUpperCase().replaceAll("-", "");
    await db
      .insert(platformIdentities)
      .values({ personId: person.id, platform: "slack", workspaceId: TEAM_ID, userId });
    await db.insert(memberships).values({
      personId: person.id,
      organisationId: organisation.id,
      regionId: seeded.region.id,
      role: "ambtelijk",
      activeFrom: "2026-01-01",
    });
    replicas.sim.addUser({ id: userId, teamId: TEAM_ID, email: person.email });
    contacts.push({ personId: person.id, userId, locale: person.locale });
  }
  const channelId = uniqueKey("C").toUpperCase().replaceAll("-", "");
  await db.insert(channelBindings).values({
    purpose: "region",
    regionId: seeded.region.id,
    platform: "slack",
    workspaceId: TEAM_ID,
    channelId,
  });
  return {
    regionId: seeded.region.id,
    regionName: seeded.region.name,
    chairId: seeded.chair.person.id,
    contacts,
    channelId,
  };
}

type Action = { at: Date; run: () => Promise<void> };

/**
 * Steps the shared clock from `from` to `until` (inclusive) by 30 minutes. At each step the actions due then
 * run first (a chair typing a command between two ticks), then BOTH replicas run a scheduler tick at once (in
 * alternating order, so neither always gets to the database first). Returns every chat.postMessage made.
 */
async function simulate(
  replicas: Replicas,
  clock: Clock,
  span: { from: Date; until: Date },
  actions: Action[] = [],
): Promise<Sent[]> {
  const pending = [...actions].sort((a, b) => a.at.getTime() - b.at.getTime());
  const sent: Sent[] = [];
  let seen = replicas.sim.calls.length;
  let step = 0;
  for (let t = span.from.getTime(); t <= span.until.getTime(); t += STEP_MS, step++) {
    clock.current = new Date(t);
    for (let action = pending[0]; action && action.at.getTime() <= t; action = pending[0]) {
      if (action.at.getTime() !== t)
        throw new Error(`action at ${action.at.toISOString()} is off the step grid`);
      pending.shift();
      await action.run();
    }
    const order = step % 2 === 0 ? replicas.apps : [...replicas.apps].reverse();
    await Promise.all(order.map((app) => tick(app)));
    for (const call of replicas.sim.calls.slice(seen))
      if (call.method === "chat.postMessage") sent.push({ call, at: clock.current });
    seen = replicas.sim.calls.length;
  }
  if (pending.length) throw new Error(`${pending.length} action(s) after the end of the simulation`);
  return sent;
}

/** A message as the test compares it: who got it, at which step, and what it said (the card's fallback text). */
const messageKey = (recipient: string, at: Date, text: string) =>
  `${recipient} @ ${at.toISOString()} : ${text}`;
const sentKey = (s: Sent) => messageKey(String(s.call.args.channel), s.at, String(s.call.args.text));

/** One moment a meeting had: from when it was planned (or moved there) until it was moved again or cancelled. */
type Epoch = { meetingId: string; startsAt: Date; plannedAt: Date; endedAt?: Date };

/**
 * What must have been sent: for every moment a meeting had, the planner's reminders for it (computed with the
 * `now` at which it was planned or moved there), each at the first step at or after its due moment, unless the
 * meeting was moved or cancelled before that step; person reminders to every contact person, the agenda to the
 * region channel. Cards are rendered as the worker renders them (empty agenda, no location).
 */
function expectedMessages(epochs: Epoch[], region: Region, span: { from: Date; until: Date }) {
  const keys: string[] = [];
  for (const epoch of epochs) {
    const meeting = { startsAt: epoch.startsAt, location: null };
    for (const reminder of planMeetingReminders({
      startsAt: epoch.startsAt,
      timeZone: ZONE,
      now: epoch.plannedAt,
    })) {
      const steps = Math.ceil((reminder.dueAt.getTime() - span.from.getTime()) / STEP_MS);
      const arrival = new Date(span.from.getTime() + steps * STEP_MS);
      if (epoch.endedAt && arrival >= epoch.endedAt) continue;
      if (arrival > span.until) continue;
      const input = {
        timeZone: ZONE,
        regionName: region.regionName,
        meeting,
        offsetDays: reminder.offsetDays,
        agenda: [],
      };
      if (reminder.kind === "person") {
        for (const contact of region.contacts)
          keys.push(
            messageKey(
              contact.userId,
              arrival,
              meetingReminderCard({ ...input, locale: contact.locale }).fallbackText,
            ),
          );
      } else {
        keys.push(
          messageKey(
            region.channelId,
            arrival,
            channelAgendaCard({ ...input, locale: "nl" /* the deployment default */ }).fallbackText,
          ),
        );
      }
    }
  }
  return keys;
}

async function numberOf(ctx: AppContext, regionId: string, meetingId: string): Promise<number> {
  const index = (await upcomingMeetings(ctx, regionId)).findIndex((m) => m.id === meetingId);
  if (index < 0) throw new Error(`meeting ${meetingId} is not upcoming`);
  return index + 1;
}

const meetingOf = (row: typeof deliveries.$inferSelect) => {
  const payload = row.payload as { deferred: { meetingId: string; startsAt: string } };
  return payload.deferred;
};

/** Every postMessage counted per (recipient, text): anything above 1 is a reminder sent twice. */
function duplicates(sent: Sent[]) {
  const counts = new Map<string, number>();
  for (const s of sent) {
    const key = `${String(s.call.args.channel)} : ${String(s.call.args.text)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count > 1);
}

/** Every sent row's message is one of the simulator's calls, and every call is exactly one sent row. */
async function expectRowsMatchCalls(replicas: Replicas, sent: Sent[]) {
  const rows = await replicas.database.db.select().from(deliveries);
  const statuses = [...new Set(rows.map((r) => r.status))].sort();
  expect(
    statuses.every((s) => s === "sent" || s === "cancelled"),
    `statuses: ${statuses}`,
  ).toBe(true);
  const sentRows = rows.filter((r) => r.status === "sent");
  const refs = sentRows.map((r) => {
    const ref = r.messageRef as { channel: string; ts: string };
    return `${ref.channel}/${ref.ts}`;
  });
  const answered = sent.map((s) => `${String(s.call.response?.channel)}/${String(s.call.response?.ts)}`);
  expect(new Set(refs).size).toBe(refs.length);
  expect([...refs].sort()).toEqual([...answered].sort());
  return rows;
}

// Concurrency needs a real server: PGlite has a single connection, so two replicas on it would take turns and
// could not show a double claim. CI runs the suite once on PGlite (skipped here) and once on PostgreSQL.
describe.skipIf(!process.env.DATABASE_URL)("two replicas against one PostgreSQL database", () => {
  const serverUrl = process.env.DATABASE_URL as string;
  const clock: Clock = { current: local("2027-05-03T08:00") };
  let replicas: Replicas | undefined;
  const start = async () => {
    replicas = await startReplicas(serverUrl, { count: 2, now: () => clock.current });
    return replicas;
  };
  afterEach(async () => {
    await replicas?.close();
    replicas = undefined;
  });

  it("a fortnight of meeting reminders, with meetings planned, moved and cancelled: each reminder arrives once, on time", {
    timeout: 300_000,
  }, async () => {
    const span = { from: local("2027-05-03T08:00"), until: local("2027-05-17T15:00") }; // Monday to Monday
    clock.current = span.from;
    const bed = await start();
    const [a, b] = bed.apps as [(typeof bed.apps)[0], (typeof bed.apps)[0]];
    const region = await seedRegion(bed);
    const epochs = new Map<string, Epoch[]>();
    const ids = new Map<string, string>();

    const plan = (ctx: AppContext, label: string, date: string, time: string) => async () => {
      const meeting = await planMeeting(ctx, {
        regionId: region.regionId,
        personId: region.chairId,
        date,
        time,
      });
      ids.set(label, meeting.id);
      epochs.set(label, [{ meetingId: meeting.id, startsAt: meeting.startsAt, plannedAt: clock.current }]);
    };
    const current = (label: string) => epochs.get(label)?.at(-1) as Epoch;
    const move = (ctx: AppContext, label: string, date: string, time: string) => async () => {
      const meeting = await numberOf(ctx, region.regionId, ids.get(label) as string);
      const { after } = await rescheduleMeeting(ctx, {
        regionId: region.regionId,
        personId: region.chairId,
        meeting,
        date,
        time,
      });
      current(label).endedAt = clock.current;
      epochs.get(label)?.push({ meetingId: after.id, startsAt: after.startsAt, plannedAt: clock.current });
    };
    const cancel = (ctx: AppContext, label: string) => async () => {
      const meeting = await numberOf(ctx, region.regionId, ids.get(label) as string);
      await cancelMeeting(ctx, { regionId: region.regionId, personId: region.chairId, meeting });
      current(label).endedAt = clock.current;
    };

    const sent = await simulate(bed, clock, span, [
      // Planned on Monday morning, through either replica.
      { at: span.from, run: plan(a.ctx, "tomorrow-early", "2027-05-04", "07:30") }, // T-1 falls in quiet hours
      { at: span.from, run: plan(b.ctx, "thursday", "2027-05-06", "14:00") }, // T-7 already passed
      { at: span.from, run: plan(a.ctx, "next-week", "2027-05-11", "10:15") }, // off the step grid
      { at: span.from, run: plan(b.ctx, "moved-early", "2027-05-13", "14:00") },
      { at: span.from, run: plan(a.ctx, "moved-late", "2027-05-12", "19:30") },
      { at: span.from, run: plan(b.ctx, "cancelled-early", "2027-05-17", "14:00") },
      { at: span.from, run: plan(a.ctx, "cancelled-late", "2027-05-14", "07:00") },
      // Moved before any of its reminders was due: nothing ever for the old moment.
      { at: local("2027-05-05T10:00"), run: move(b.ctx, "moved-early", "2027-05-14", "11:00") },
      // Planned on Thursday evening for Friday morning: one late reminder, at 08:00.
      { at: local("2027-05-06T21:00"), run: plan(a.ctx, "late", "2027-05-07", "10:00") },
      // Moved after its T-7 went out (Wednesday 19:30): nothing more for the old moment.
      { at: local("2027-05-07T12:00"), run: move(a.ctx, "moved-late", "2027-05-17", "09:00") },
      { at: local("2027-05-08T11:00"), run: cancel(b.ctx, "cancelled-early") },
      // Cancelled after its T-7 (Friday 08:00, out of quiet hours) went out.
      { at: local("2027-05-11T16:00"), run: cancel(a.ctx, "cancelled-late") },
    ]);

    expect(sent.every((s) => s.call.ok)).toBe(true);
    expect(duplicates(sent)).toEqual([]);
    const expected = expectedMessages([...epochs.values()].flat(), region, span);
    expect(expected.length).toBeGreaterThan(60);
    expect(sent.map(sentKey).sort()).toEqual(expected.sort());
    // Both replicas really took part: each sent some of them (they take turns at being first to the database,
    // and whichever claims a due row first sends it), and nothing else sent anything.
    const byReplica = bed.apps.map((_, i) => sent.filter((s) => s.call.token === bed.tokenOf(i)).length);
    expect(byReplica.reduce((x, y) => x + y, 0)).toBe(sent.length);
    expect(
      byReplica.every((n) => n > 0),
      `messages per replica: ${byReplica}`,
    ).toBe(true);

    const rows = await expectRowsMatchCalls(bed, sent);
    const rowsOf = (label: string) => rows.filter((r) => meetingOf(r).meetingId === ids.get(label));
    const sentFor = (label: string, startsAt?: Date) =>
      rowsOf(label).filter(
        (r) =>
          r.status === "sent" && (startsAt === undefined || meetingOf(r).startsAt === startsAt.toISOString()),
      );
    // No reminder for a meeting cancelled before its first one, nor for a moment it was moved away from early.
    expect(rowsOf("cancelled-early").length).toBeGreaterThan(0);
    expect(sentFor("cancelled-early")).toEqual([]);
    const [movedEarlyOld] = epochs.get("moved-early") as Epoch[];
    expect(sentFor("moved-early", movedEarlyOld?.startsAt)).toEqual([]);
    // After the move or cancellation nothing more for the old moment: only what went out before.
    const [movedLateOld, movedLateNew] = epochs.get("moved-late") as Epoch[];
    const oldSent = sentFor("moved-late", movedLateOld?.startsAt);
    expect(oldSent).toHaveLength(region.contacts.length); // the T-7 to everyone
    expect(oldSent.every((r) => (r.sentAt as Date) < (movedLateOld?.endedAt as Date))).toBe(true);
    expect(sentFor("moved-late", movedLateNew?.startsAt)).toHaveLength(2 * region.contacts.length + 1);
    const cancelledLate = sentFor("cancelled-late");
    expect(cancelledLate).toHaveLength(region.contacts.length);
    expect(cancelledLate.every((r) => (r.sentAt as Date) < local("2027-05-11T16:00"))).toBe(true);
  });

  it("summer time: a meeting on Monday 29 March 2027 14:00 is reminded at 14:00 local, 13:00Z before the switch and 12:00Z after; and around 31 October the other way", {
    timeout: 300_000,
  }, async () => {
    const march = { from: utc("2027-03-20T09:00:00Z"), until: utc("2027-03-29T12:00:00Z") };
    const october = { from: utc("2027-10-23T08:00:00Z"), until: utc("2027-11-01T13:00:00Z") };
    clock.current = march.from;
    const bed = await start();
    const [a, b] = bed.apps as [(typeof bed.apps)[0], (typeof bed.apps)[0]];
    const region = await seedRegion(bed);
    const planned = { regionId: region.regionId, personId: region.chairId, time: "14:00" };

    const arrivals = (sent: Sent[]) => {
      const byRecipient = new Map<string, string[]>();
      for (const s of sent) {
        const to = String(s.call.args.channel);
        byRecipient.set(to, [...(byRecipient.get(to) ?? []), s.at.toISOString()]);
      }
      return Object.fromEntries(byRecipient);
    };
    const expectArrivals = (sent: Sent[], person: string[], channel: string[]) =>
      expect(arrivals(sent)).toEqual({
        ...Object.fromEntries(region.contacts.map((c) => [c.userId, person])),
        [region.channelId]: channel,
      });

    const springSent = await simulate(bed, clock, march, [
      {
        at: march.from,
        run: async () => void (await planMeeting(a.ctx, { ...planned, date: "2027-03-29" })),
      },
    ]);
    expect(duplicates(springSent)).toEqual([]);
    // T-7 Monday 22 March 14:00 CET, T-2 Saturday 27 March 14:00 CET, T-1 Sunday 28 March 14:00 CEST.
    expectArrivals(
      springSent,
      ["2027-03-22T13:00:00.000Z", "2027-03-28T12:00:00.000Z"],
      ["2027-03-27T13:00:00.000Z"],
    );
    for (const s of springSent)
      expect(String(s.call.args.text)).toMatch(/29 (maart|March) 2027 (om|at) 14:00/);

    const autumnSent = await simulate(bed, clock, october, [
      {
        at: october.from,
        run: async () => void (await planMeeting(b.ctx, { ...planned, date: "2027-11-01" })),
      },
    ]);
    expect(duplicates(autumnSent)).toEqual([]);
    // T-7 Monday 25 October 14:00 CEST, T-2 Saturday 30 October 14:00 CEST, T-1 Sunday 31 October 14:00 CET.
    expectArrivals(
      autumnSent,
      ["2027-10-25T12:00:00.000Z", "2027-10-31T13:00:00.000Z"],
      ["2027-10-30T12:00:00.000Z"],
    );
    for (const s of autumnSent)
      expect(String(s.call.args.text)).toMatch(/1 (november|November) 2027 (om|at) 14:00/);

    await expectRowsMatchCalls(bed, [...springSent, ...autumnSent]);
  });

  // Regression test; it was a bug (src/app/table/meetings.ts, queueMeetingReminders + cancelMeetingReminders): moving a meeting back to a
  // moment it had before queues nothing. The idempotency key is `meeting:<id>:<startsAt>:<slot>:<recipient>`;
  // the first move cancels the rows for the original moment (status 'cancelled', the rows stay), and moving back
  // inserts rows with the very same keys, which `onConflictDoNothing()` silently drops. The meeting is planned
  // again, but none of its reminders (T-7, T-2 agenda, T-1) is ever sent.
  it("a meeting moved away and back to its first moment is still reminded (each reminder once)", {
    timeout: 300_000,
  }, async () => {
    const span = { from: local("2027-05-03T08:00"), until: local("2027-05-10T14:00") };
    clock.current = span.from;
    const bed = await start();
    const [a, b] = bed.apps as [(typeof bed.apps)[0], (typeof bed.apps)[0]];
    const region = await seedRegion(bed);
    const who = { regionId: region.regionId, personId: region.chairId };
    let first: Epoch | undefined;
    const sent = await simulate(bed, clock, span, [
      {
        at: span.from,
        run: async () => {
          const meeting = await planMeeting(a.ctx, { ...who, date: "2027-05-10", time: "14:00" });
          first = { meetingId: meeting.id, startsAt: meeting.startsAt, plannedAt: clock.current };
        },
      },
      {
        at: local("2027-05-03T09:00"),
        run: async () =>
          void (await rescheduleMeeting(b.ctx, { ...who, meeting: 1, date: "2027-05-11", time: "14:00" })),
      },
      {
        at: local("2027-05-03T10:00"),
        run: async () =>
          void (await rescheduleMeeting(a.ctx, { ...who, meeting: 1, date: "2027-05-10", time: "14:00" })),
      },
    ]);
    const back = { ...(first as Epoch), plannedAt: local("2027-05-03T10:00") };
    expect(duplicates(sent)).toEqual([]);
    const expected = expectedMessages([back], region, span);
    expect(expected).toHaveLength(2 * region.contacts.length + 1); // T-7 and T-1 to everyone, T-2 to the channel
    expect(sent.map(sentKey).sort()).toEqual(expected.sort());
  });
});
