import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DELIVERY_KINDS, REMINDER_KINDS } from "../../src/app/outbox/payload.js";
import { planHandoverReminders } from "../../src/domain/reminders/plan-handover-reminders.js";
import { planMeetingReminders } from "../../src/domain/reminders/plan-meeting-reminders.js";
import { planSurveyReminders } from "../../src/domain/reminders/plan-survey-reminders.js";
import { isQuietTime, outOfQuietHours } from "../../src/domain/reminders/quiet-hours.js";

/*
 * One quiet-hours rule for every reminder kind: forward to 08:00, or back to 19:30 the evening before when
 * 08:00 is not before the deadline. A table per kind, in Amsterdam (winter UTC+1, summer UTC+2).
 */
const AMS = "Europe/Amsterdam";
const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe("outOfQuietHours, the rule itself", () => {
  it.each([
    // [planned, deadline, sent, why]
    ["2027-01-11T13:00:00Z", undefined, "2027-01-11T13:00:00.000Z", "14:00 is not quiet"],
    ["2027-01-11T19:00:00Z", undefined, "2027-01-12T07:00:00.000Z", "20:00 waits for 08:00 next morning"],
    ["2027-01-11T03:19:00Z", undefined, "2027-01-11T07:00:00.000Z", "04:19 waits for 08:00 that morning"],
    ["2027-01-11T22:59:00Z", undefined, "2027-01-12T07:00:00.000Z", "23:59 waits for 08:00"],
    ["2027-01-11T06:59:00Z", undefined, "2027-01-11T07:00:00.000Z", "07:59 waits a minute"],
    [
      "2027-01-11T03:00:00Z",
      "2027-01-11T09:00:00Z",
      "2027-01-11T07:00:00.000Z",
      "08:00 is before a 10:00 deadline",
    ],
    [
      "2027-01-11T05:00:00Z",
      "2027-01-11T06:30:00Z",
      "2027-01-10T18:30:00.000Z",
      "07:30 deadline: 19:30 before",
    ],
    [
      "2027-01-11T21:00:00Z",
      "2027-01-12T07:00:00Z",
      "2027-01-11T18:30:00.000Z",
      "08:00 deadline: 19:30 before",
    ],
  ] as const)("%s with deadline %s is sent at %s (%s)", (planned, deadline, sent, _why) => {
    expect(iso(outOfQuietHours(at(planned), AMS, deadline ? { deadline: at(deadline) } : {}))).toBe(sent);
  });
});

describe("survey reminders follow it (deadline: the close)", () => {
  it.each([
    // [close, offset, reminder]
    ["2027-03-10T16:00:00Z", 2, "2027-03-08T16:00:00.000Z"], // 17:00 stays 17:00
    ["2027-03-10T22:00:00Z", 2, "2027-03-09T07:00:00.000Z"], // 23:00 waits for 08:00
    ["2027-03-10T03:19:00Z", 7, "2027-03-03T07:00:00.000Z"], // 04:19 waits for 08:00
    ["2027-03-10T06:00:00Z", 0, "2027-03-09T18:30:00.000Z"], // closes 07:00: last call 19:30 the evening before
  ] as const)("close %s, %i days before: %s", (closesAt, offset, expected) => {
    expect(
      planSurveyReminders({
        opensAt: at("2027-02-01T08:00:00Z"),
        closesAt: at(closesAt),
        offsetsDays: [offset],
        maxReminders: 1,
        timeZone: AMS,
      }).map(iso),
    ).toEqual([expected]);
  });
});

describe("meeting reminders follow it (deadline: the meeting)", () => {
  it.each([
    // [meeting, offset, reminder]
    ["2027-01-12T13:00:00Z", 1, "2027-01-11T13:00:00.000Z"], // 14:00 meeting: 14:00 the day before
    ["2027-01-12T03:19:00Z", 7, "2027-01-05T07:00:00.000Z"], // 04:19 meeting: 08:00 a week before
    ["2027-01-12T19:30:00Z", 1, "2027-01-12T07:00:00.000Z"], // 20:30 meeting: 08:00 on the day
    ["2027-01-12T06:00:00Z", 0, "2027-01-11T18:30:00.000Z"], // 07:00 meeting, offset 0: 19:30 the evening before
  ] as const)("meeting %s, %i days before: %s", (startsAt, offset, expected) => {
    const plan = planMeetingReminders({
      startsAt: at(startsAt),
      timeZone: AMS,
      now: at("2027-01-01T09:00:00Z"),
      personOffsetsDays: [offset],
    });
    expect(plan.filter((r) => r.kind === "person").map((r) => iso(r.dueAt))).toEqual([expected]);
  });
});

describe("handover reminders follow it (no deadline)", () => {
  it.each([
    // [started, reminders at 7, 14, 21 days]
    [
      "2027-05-10T02:19:00Z",
      ["2027-05-17T06:00:00.000Z", "2027-05-24T06:00:00.000Z", "2027-05-31T06:00:00.000Z"],
    ],
    [
      "2027-05-10T08:00:00Z",
      ["2027-05-17T08:00:00.000Z", "2027-05-24T08:00:00.000Z", "2027-05-31T08:00:00.000Z"],
    ],
    [
      "2027-05-10T20:45:00Z",
      ["2027-05-18T06:00:00.000Z", "2027-05-25T06:00:00.000Z", "2027-06-01T06:00:00.000Z"],
    ],
    // Started at 21:00 on 21 March 2027 (winter time); 7 days later summer time has started: 08:00 is 06:00Z.
    [
      "2027-03-21T20:00:00Z",
      ["2027-03-29T06:00:00.000Z", "2027-04-05T06:00:00.000Z", "2027-04-12T06:00:00.000Z"],
    ],
  ] as const)("started %s: %j", (startedAt, expected) => {
    expect(
      planHandoverReminders({ startedAt: at(startedAt), timeZone: AMS }).map((r) => iso(r.dueAt)),
    ).toEqual(expected);
  });
});

describe("every kind", () => {
  const instant = fc
    .integer({ min: Date.parse("2026-01-01T00:00:00Z"), max: Date.parse("2029-01-01T00:00:00Z") })
    .map((ms) => new Date(Math.floor(ms / 60_000) * 60_000));

  it("never plans a reminder in quiet hours", () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 }), (moment, offset) => {
        const survey = planSurveyReminders({
          opensAt: new Date(moment.getTime() - 40 * 86_400_000),
          closesAt: moment,
          offsetsDays: [offset],
          maxReminders: 1,
          timeZone: AMS,
        });
        const meeting = planMeetingReminders({
          startsAt: moment,
          timeZone: AMS,
          now: new Date(moment.getTime() - 40 * 86_400_000),
          personOffsetsDays: [offset],
          channelAgendaOffsetDays: offset,
        }).map((r) => r.dueAt);
        const handover = planHandoverReminders({ startedAt: moment, timeZone: AMS }).map((r) => r.dueAt);
        for (const due of [...survey, ...meeting, ...handover]) expect(isQuietTime(due, AMS)).toBe(false);
      }),
    );
  });

  it("names every reminder kind of the outbox, so the worker also holds them at night", () => {
    const named = DELIVERY_KINDS.filter((kind) => kind.endsWith("-reminder"));
    expect(REMINDER_KINDS).toEqual(expect.arrayContaining(named));
  });
});
