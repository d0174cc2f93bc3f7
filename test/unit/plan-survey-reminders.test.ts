import { describe, expect, it } from "vitest";
import {
  isQuietTime,
  nextAllowedMoment,
  type PlanSurveyRemindersInput,
  planSurveyReminders,
} from "../../src/domain/reminders/plan-survey-reminders.js";

const AMS = "Europe/Amsterdam";
const at = (iso: string) => new Date(iso);
const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

const plan = (overrides: Partial<PlanSurveyRemindersInput> & Pick<PlanSurveyRemindersInput, "closesAt">) =>
  iso(
    planSurveyReminders({
      opensAt: at("2026-06-01T08:00:00Z"),
      offsetsDays: [7, 2],
      maxReminders: 5,
      timeZone: AMS,
      ...overrides,
    }),
  );

describe("planSurveyReminders", () => {
  // June: Amsterdam is UTC+2, so 17:00 local is 15:00Z.
  it("reminds 7 and 2 days before a close at 17:00 local, at 17:00 local", () => {
    expect(plan({ closesAt: at("2026-06-19T15:00:00Z") })).toEqual([
      "2026-06-12T15:00:00.000Z",
      "2026-06-17T15:00:00.000Z",
    ]);
  });

  it("keeps a close at 09:00 local as it is", () => {
    expect(plan({ closesAt: at("2026-06-19T07:00:00Z") })).toEqual([
      "2026-06-12T07:00:00.000Z",
      "2026-06-17T07:00:00.000Z",
    ]);
  });

  it("moves reminders for a close at 23:00 local to 08:00 the next morning", () => {
    expect(plan({ closesAt: at("2026-06-19T21:00:00Z") })).toEqual([
      "2026-06-13T06:00:00.000Z",
      "2026-06-18T06:00:00.000Z",
    ]);
  });

  it("moves a reminder for a close at 07:00 local to 08:00 the same morning, still well before the close", () => {
    expect(plan({ closesAt: at("2026-06-19T05:00:00Z"), offsetsDays: [2] })).toEqual([
      "2026-06-17T06:00:00.000Z",
    ]);
  });

  it("moves back to 19:30 local before the quiet hours when the next morning is at or after the close", () => {
    // Offset 0 on a close at 23:00: 08:00 the next morning is too late, so 19:30 the same evening.
    expect(plan({ closesAt: at("2026-06-19T21:00:00Z"), offsetsDays: [0] })).toEqual([
      "2026-06-19T17:30:00.000Z",
    ]);
    // Offset 0 on a close at 07:00: 08:00 is after the close; the quiet period began the evening before.
    expect(plan({ closesAt: at("2026-06-19T05:00:00Z"), offsetsDays: [0] })).toEqual([
      "2026-06-18T17:30:00.000Z",
    ]);
    // Offset 0 outside quiet hours is the close itself, which is not strictly before the close.
    expect(plan({ closesAt: at("2026-06-19T15:00:00Z"), offsetsDays: [0] })).toEqual([]);
  });

  it("keeps the local time across the start of summer time (last Sunday of March, 29 March 2026)", () => {
    // Tuesday 31 March 2026 17:00 CEST = 15:00Z; 24 March 17:00 CET = 16:00Z.
    expect(
      plan({ opensAt: at("2026-03-01T08:00:00Z"), closesAt: at("2026-03-31T15:00:00Z"), offsetsDays: [7] }),
    ).toEqual(["2026-03-24T16:00:00.000Z"]);
    // Offset 2 lands on the switch day itself.
    expect(
      plan({ opensAt: at("2026-03-01T08:00:00Z"), closesAt: at("2026-03-31T15:00:00Z"), offsetsDays: [2] }),
    ).toEqual(["2026-03-29T15:00:00.000Z"]);
  });

  it("keeps the local time across the end of summer time (last Sunday of October, 25 October 2026)", () => {
    // Tuesday 27 October 2026 17:00 CET = 16:00Z; 20 October 17:00 CEST = 15:00Z; 25 October 17:00 CET = 16:00Z.
    expect(
      plan({
        opensAt: at("2026-10-01T08:00:00Z"),
        closesAt: at("2026-10-27T16:00:00Z"),
        offsetsDays: [7, 2],
      }),
    ).toEqual(["2026-10-20T15:00:00.000Z", "2026-10-25T16:00:00.000Z"]);
  });

  it("moves out of quiet hours across the switch: 23:00 CET on 28 March becomes 08:00 CEST on 29 March", () => {
    expect(
      plan({ opensAt: at("2026-03-01T08:00:00Z"), closesAt: at("2026-03-30T21:00:00Z"), offsetsDays: [2] }),
    ).toEqual(["2026-03-29T06:00:00.000Z"]);
  });

  it("keeps at most maxReminders, the earliest ones", () => {
    expect(
      plan({ closesAt: at("2026-06-19T15:00:00Z"), offsetsDays: [1, 2, 3, 7], maxReminders: 2 }),
    ).toEqual(["2026-06-12T15:00:00.000Z", "2026-06-16T15:00:00.000Z"]);
    expect(plan({ closesAt: at("2026-06-19T15:00:00Z"), maxReminders: 0 })).toEqual([]);
  });

  it("drops reminders at or before the opening", () => {
    expect(plan({ opensAt: at("2026-06-15T08:00:00Z"), closesAt: at("2026-06-19T15:00:00Z") })).toEqual([
      "2026-06-17T15:00:00.000Z",
    ]);
    // Exactly at the opening: not strictly after it.
    expect(plan({ opensAt: at("2026-06-12T15:00:00Z"), closesAt: at("2026-06-19T15:00:00Z") })).toEqual([
      "2026-06-17T15:00:00.000Z",
    ]);
    // Negative offsets fall after the close.
    expect(plan({ closesAt: at("2026-06-19T15:00:00Z"), offsetsDays: [-1] })).toEqual([]);
  });

  it("sorts and removes duplicates", () => {
    expect(plan({ closesAt: at("2026-06-19T15:00:00Z"), offsetsDays: [2, 7, 2] })).toEqual([
      "2026-06-12T15:00:00.000Z",
      "2026-06-17T15:00:00.000Z",
    ]);
  });

  it("gives nothing when the survey closes before it opens", () => {
    expect(plan({ opensAt: at("2026-06-20T08:00:00Z"), closesAt: at("2026-06-19T15:00:00Z") })).toEqual([]);
  });

  it("honours custom quiet hours", () => {
    // Quiet 12:00-14:00; a close at 13:00 local (11:00Z) moves to 14:00 local (12:00Z).
    expect(
      plan({
        closesAt: at("2026-06-19T11:00:00Z"),
        offsetsDays: [2],
        quietHours: { startHour: 12, endHour: 14 },
      }),
    ).toEqual(["2026-06-17T12:00:00.000Z"]);
  });

  it("refuses fractional offsets, bad maxReminders, bad quiet hours and unknown time zones", () => {
    const closesAt = at("2026-06-19T15:00:00Z");
    expect(() => plan({ closesAt, offsetsDays: [1.5] })).toThrow(RangeError);
    expect(() => plan({ closesAt, maxReminders: -1 })).toThrow(RangeError);
    expect(() => plan({ closesAt, quietHours: { startHour: 24, endHour: 8 } })).toThrow(RangeError);
    expect(() => plan({ closesAt, timeZone: "Europe/Nowhere" })).toThrow(RangeError);
  });
});

describe("isQuietTime", () => {
  // January: Amsterdam is UTC+1.
  it.each([
    ["2026-01-15T18:59:00Z", "19:59", false],
    ["2026-01-15T19:00:00Z", "20:00", true],
    ["2026-01-15T22:30:00Z", "23:30", true],
    ["2026-01-15T23:00:00Z", "00:00", true],
    ["2026-01-15T06:59:00Z", "07:59", true],
    ["2026-01-15T07:00:00Z", "08:00", false],
    ["2026-01-15T11:00:00Z", "12:00", false],
  ])("%s (%s local) quiet: %s", (instant, _local, quiet) => {
    expect(isQuietTime(at(instant), AMS)).toBe(quiet);
  });

  it("uses local, not UTC, hours", () => {
    // 19:30Z is 20:30 in Amsterdam in winter but 19:30 in UTC.
    expect(isQuietTime(at("2026-01-15T19:30:00Z"), AMS)).toBe(true);
    expect(isQuietTime(at("2026-01-15T19:30:00Z"), "UTC")).toBe(false);
  });

  it("takes non-wrapping and empty quiet hours", () => {
    const noon = at("2026-01-15T11:30:00Z"); // 12:30 local
    expect(isQuietTime(noon, AMS, { startHour: 12, endHour: 14 })).toBe(true);
    expect(isQuietTime(noon, AMS, { startHour: 13, endHour: 14 })).toBe(false);
    expect(isQuietTime(noon, AMS, { startHour: 12, endHour: 12 })).toBe(false);
  });
});

describe("nextAllowedMoment", () => {
  it("returns the instant itself outside quiet hours", () => {
    expect(nextAllowedMoment(at("2026-01-15T18:59:00Z"), AMS).toISOString()).toBe("2026-01-15T18:59:00.000Z");
  });

  it("holds an evening instant until 08:00 local the next morning", () => {
    expect(nextAllowedMoment(at("2026-01-15T19:00:00Z"), AMS).toISOString()).toBe("2026-01-16T07:00:00.000Z");
    expect(nextAllowedMoment(at("2026-01-15T22:59:00Z"), AMS).toISOString()).toBe("2026-01-16T07:00:00.000Z");
  });

  it("holds an early-morning instant until 08:00 local the same morning", () => {
    expect(nextAllowedMoment(at("2026-01-15T23:00:00Z"), AMS).toISOString()).toBe("2026-01-16T07:00:00.000Z");
    expect(nextAllowedMoment(at("2026-01-16T06:59:59Z"), AMS).toISOString()).toBe("2026-01-16T07:00:00.000Z");
  });

  it("lands on 08:00 local after the clocks change overnight", () => {
    // Saturday 28 March 2026 21:00 CET -> Sunday 29 March 08:00 CEST (06:00Z).
    expect(nextAllowedMoment(at("2026-03-28T20:00:00Z"), AMS).toISOString()).toBe("2026-03-29T06:00:00.000Z");
    // Saturday 24 October 2026 21:00 CEST -> Sunday 25 October 08:00 CET (07:00Z).
    expect(nextAllowedMoment(at("2026-10-24T19:00:00Z"), AMS).toISOString()).toBe("2026-10-25T07:00:00.000Z");
  });
});
