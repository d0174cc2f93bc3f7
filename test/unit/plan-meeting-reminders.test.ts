import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type PlanMeetingRemindersInput,
  planMeetingReminders,
} from "../../src/domain/reminders/plan-meeting-reminders.js";
import { isQuietTime } from "../../src/domain/reminders/plan-survey-reminders.js";

const AMS = "Europe/Amsterdam";
const at = (iso: string) => new Date(iso);

const plan = (overrides: Partial<PlanMeetingRemindersInput> & Pick<PlanMeetingRemindersInput, "startsAt">) =>
  planMeetingReminders({ timeZone: AMS, now: at("2026-01-01T09:00:00Z"), ...overrides }).map((r) => ({
    ...r,
    dueAt: r.dueAt.toISOString(),
  }));

describe("planMeetingReminders", () => {
  // June: Amsterdam is UTC+2, so 14:00 local is 12:00Z. Thursday 18 June 2026.
  it("by default reminds people at T-7d and T-1d and posts the agenda at T-2d, at the meeting's time", () => {
    expect(plan({ startsAt: at("2026-06-18T12:00:00Z") })).toEqual([
      { kind: "person", slot: "person:T-7d", offsetDays: 7, dueAt: "2026-06-11T12:00:00.000Z" },
      { kind: "channel-agenda", slot: "channel:T-2d", offsetDays: 2, dueAt: "2026-06-16T12:00:00.000Z" },
      { kind: "person", slot: "person:T-1d", offsetDays: 1, dueAt: "2026-06-17T12:00:00.000Z" },
    ]);
  });

  it("keeps the local time across the start of summer time (Sunday 28 March 2027)", () => {
    // Monday 29 March 2027 14:00 CEST = 12:00Z.
    expect(plan({ startsAt: at("2027-03-29T12:00:00Z") })).toEqual([
      // Monday 22 March 14:00 CET = 13:00Z.
      { kind: "person", slot: "person:T-7d", offsetDays: 7, dueAt: "2027-03-22T13:00:00.000Z" },
      // Saturday 27 March 14:00 CET = 13:00Z.
      { kind: "channel-agenda", slot: "channel:T-2d", offsetDays: 2, dueAt: "2027-03-27T13:00:00.000Z" },
      // Sunday 28 March 14:00 CEST (the clocks went forward that night) = 12:00Z.
      { kind: "person", slot: "person:T-1d", offsetDays: 1, dueAt: "2027-03-28T12:00:00.000Z" },
    ]);
  });

  it("keeps the local time across the end of summer time (Sunday 31 October 2027)", () => {
    // Monday 1 November 2027 14:00 CET = 13:00Z.
    expect(plan({ startsAt: at("2027-11-01T13:00:00Z") })).toEqual([
      // Monday 25 October 14:00 CEST = 12:00Z.
      { kind: "person", slot: "person:T-7d", offsetDays: 7, dueAt: "2027-10-25T12:00:00.000Z" },
      // Saturday 30 October 14:00 CEST = 12:00Z.
      { kind: "channel-agenda", slot: "channel:T-2d", offsetDays: 2, dueAt: "2027-10-30T12:00:00.000Z" },
      // Sunday 31 October 14:00 CET (the clocks went back that night) = 13:00Z.
      { kind: "person", slot: "person:T-1d", offsetDays: 1, dueAt: "2027-10-31T13:00:00.000Z" },
    ]);
  });

  it("reminds a 09:00 meeting at 09:00 the day before, and an early meeting at 08:00, never at night", () => {
    // Tuesday 12 January 2027, winter: UTC+1.
    expect(plan({ startsAt: at("2027-01-12T08:00:00Z"), personOffsetsDays: [1] })).toContainEqual({
      kind: "person",
      slot: "person:T-1d",
      offsetDays: 1,
      dueAt: "2027-01-11T08:00:00.000Z",
    });
    // A 07:30 meeting: 07:30 the day before is quiet, so 08:00 that day (07:00Z).
    expect(plan({ startsAt: at("2027-01-12T06:30:00Z"), personOffsetsDays: [1] })).toContainEqual({
      kind: "person",
      slot: "person:T-1d",
      offsetDays: 1,
      dueAt: "2027-01-11T07:00:00.000Z",
    });
  });

  it("moves an evening moment forward to 08:00 the next morning, by the one quiet-hours rule", () => {
    // A 20:30 meeting on Tuesday 12 January 2027 (19:30Z): T-1d at 20:30 on Monday is quiet, so 08:00 on the
    // Tuesday (07:00Z), still before the meeting; it then says "vandaag" (offset 0).
    expect(plan({ startsAt: at("2027-01-12T19:30:00Z"), personOffsetsDays: [1] })).toContainEqual({
      kind: "person",
      slot: "person:T-1d",
      offsetDays: 0,
      dueAt: "2027-01-12T07:00:00.000Z",
    });
  });

  it("moves an offset-0 reminder of a meeting before 08:00 back to 19:30 the evening before", () => {
    // A 07:00 meeting on 12 January 2027 (06:00Z): 08:00 that day is too late, so 19:30 on the 11th (18:30Z).
    expect(
      plan({ startsAt: at("2027-01-12T06:00:00Z"), personOffsetsDays: [0], channelAgendaOffsetDays: 0 }),
    ).toEqual([
      { kind: "person", slot: "person:T-0d", offsetDays: 1, dueAt: "2027-01-11T18:30:00.000Z" },
      { kind: "channel-agenda", slot: "channel:T-0d", offsetDays: 1, dueAt: "2027-01-11T18:30:00.000Z" },
    ]);
    // Offset 0 outside quiet hours is the meeting itself, which is not before the meeting.
    expect(
      plan({ startsAt: at("2027-01-12T13:00:00Z"), personOffsetsDays: [0, 1], channelAgendaOffsetDays: 0 }),
    ).toEqual([{ kind: "person", slot: "person:T-1d", offsetDays: 1, dueAt: "2027-01-11T13:00:00.000Z" }]);
  });

  describe("late planning", () => {
    // Meeting Thursday 18 June 2026 14:00 local (12:00Z).
    const startsAt = at("2026-06-18T12:00:00Z");

    it("skips reminders whose moment has passed, keeping the rest", () => {
      // Planned on Monday 15 June 10:00 local: T-7d is gone, T-2d (Tuesday) and T-1d (Wednesday) remain.
      expect(plan({ startsAt, now: at("2026-06-15T08:00:00Z") })).toEqual([
        { kind: "channel-agenda", slot: "channel:T-2d", offsetDays: 2, dueAt: "2026-06-16T12:00:00.000Z" },
        { kind: "person", slot: "person:T-1d", offsetDays: 1, dueAt: "2026-06-17T12:00:00.000Z" },
      ]);
    });

    it("keeps a reminder due exactly now", () => {
      expect(plan({ startsAt, now: at("2026-06-17T12:00:00Z") })).toEqual([
        { kind: "person", slot: "person:T-1d", offsetDays: 1, dueAt: "2026-06-17T12:00:00.000Z" },
      ]);
    });

    it("sends one reminder now when a meeting planned for tomorrow has no person reminder left", () => {
      // Planned on Wednesday 17 June at 15:00 local: T-1d (14:00) has just passed.
      expect(plan({ startsAt, now: at("2026-06-17T13:00:00Z") })).toEqual([
        { kind: "person", slot: "person:late", offsetDays: 1, dueAt: "2026-06-17T13:00:00.000Z" },
      ]);
      // The same day, three hours ahead.
      expect(plan({ startsAt, now: at("2026-06-18T09:00:00Z") })).toEqual([
        { kind: "person", slot: "person:late", offsetDays: 0, dueAt: "2026-06-18T09:00:00.000Z" },
      ]);
    });

    it("holds a late reminder planned at night until 08:00", () => {
      // Planned at 23:00 local on Wednesday 17 June: sent at 08:00 on Thursday (06:00Z), six hours ahead.
      expect(plan({ startsAt, now: at("2026-06-17T21:00:00Z") })).toEqual([
        { kind: "person", slot: "person:late", offsetDays: 0, dueAt: "2026-06-18T06:00:00.000Z" },
      ]);
    });

    it("sends nothing when the meeting is two hours away or less", () => {
      expect(plan({ startsAt, now: at("2026-06-18T10:00:00Z") })).toEqual([]);
      expect(plan({ startsAt, now: at("2026-06-18T11:59:00Z") })).toEqual([]);
      // 09:00 meeting planned at 23:00 the evening before: 08:00 is only an hour ahead.
      expect(plan({ startsAt: at("2026-06-18T07:00:00Z"), now: at("2026-06-17T21:00:00Z") })).toEqual([]);
    });

    it("sends nothing for a meeting in the past", () => {
      expect(plan({ startsAt, now: at("2026-06-19T08:00:00Z") })).toEqual([]);
    });
  });

  it("takes custom offsets, removing duplicates", () => {
    expect(
      plan({
        startsAt: at("2026-06-18T12:00:00Z"),
        personOffsetsDays: [14, 3, 3],
        channelAgendaOffsetDays: 1,
      }),
    ).toEqual([
      { kind: "person", slot: "person:T-14d", offsetDays: 14, dueAt: "2026-06-04T12:00:00.000Z" },
      { kind: "person", slot: "person:T-3d", offsetDays: 3, dueAt: "2026-06-15T12:00:00.000Z" },
      { kind: "channel-agenda", slot: "channel:T-1d", offsetDays: 1, dueAt: "2026-06-17T12:00:00.000Z" },
    ]);
  });

  it("gives no late reminder when no person reminders are configured", () => {
    expect(
      plan({ startsAt: at("2026-06-18T12:00:00Z"), now: at("2026-06-17T13:00:00Z"), personOffsetsDays: [] }),
    ).toEqual([]);
  });

  it("refuses fractional and negative offsets and unknown time zones", () => {
    const startsAt = at("2026-06-18T12:00:00Z");
    expect(() => plan({ startsAt, personOffsetsDays: [1.5] })).toThrow(RangeError);
    expect(() => plan({ startsAt, personOffsetsDays: [-1] })).toThrow(RangeError);
    expect(() => plan({ startsAt, channelAgendaOffsetDays: -2 })).toThrow(RangeError);
    expect(() => plan({ startsAt, timeZone: "Europe/Nowhere" })).toThrow(RangeError);
  });

  it("property: every reminder is due from now on, before the meeting, outside quiet hours, in order", () => {
    // 2026-2028 covers several switches to and from summer time.
    const from = at("2026-01-01T00:00:00Z").getTime();
    const to = at("2028-12-31T00:00:00Z").getTime();
    const minute = 60_000;
    fc.assert(
      fc.property(
        fc.integer({ min: from / minute, max: to / minute }),
        fc.integer({ min: 0, max: 30 * 24 * 60 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 21 }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 7 }),
        fc.constantFrom(AMS, "UTC", "America/New_York"),
        (nowMinute, leadMinutes, personOffsetsDays, channelAgendaOffsetDays, timeZone) => {
          const now = new Date(nowMinute * minute);
          const startsAt = new Date((nowMinute + leadMinutes) * minute);
          const reminders = planMeetingReminders({
            startsAt,
            timeZone,
            now,
            personOffsetsDays,
            channelAgendaOffsetDays,
          });
          for (const reminder of reminders) {
            expect(reminder.dueAt.getTime()).toBeGreaterThanOrEqual(now.getTime());
            expect(reminder.dueAt.getTime()).toBeLessThan(startsAt.getTime());
            expect(isQuietTime(reminder.dueAt, timeZone)).toBe(false);
            expect(reminder.offsetDays).toBeGreaterThanOrEqual(0);
          }
          const times = reminders.map((r) => r.dueAt.getTime());
          expect(times).toEqual([...times].sort((a, b) => a - b));
          expect(new Set(reminders.map((r) => r.slot)).size).toBe(reminders.length);
          // A meeting far enough ahead always gets a person reminder (if any are configured).
          if (personOffsetsDays.length > 0 && leadMinutes > 14 * 60)
            expect(reminders.some((r) => r.kind === "person")).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});
