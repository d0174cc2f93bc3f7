import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  formatDay,
  isCalendarDay,
  parseDutchDate,
  parseDutchTime,
  readDate,
  readTime,
  weekdayOf,
} from "../../../src/domain/commands/dutch-date.js";

// A Thursday.
const TODAY = "2027-01-14";
const words = (text: string) => text.split(" ");

describe("dates", () => {
  it.each([
    // explicit days
    ["14-01-2027", "2027-01-14"],
    ["14/1/2027", "2027-01-14"],
    ["14.1.2027", "2027-01-14"],
    ["2027-01-14", "2027-01-14"],
    ["01-03-2020", "2020-03-01"],
    ["14 jan 2027", "2027-01-14"],
    ["14 januari 2028", "2028-01-14"],
    ["14 Jan 2027", "2027-01-14"],
    ["jan 14 2027", "2027-01-14"],
    ["January 14 2029", "2029-01-14"],
    ["29 feb 2028", "2028-02-29"],
    // day and month: the next one on or after today
    ["14 jan", "2027-01-14"],
    ["14 januari", "2027-01-14"],
    ["14e januari", "2027-01-14"],
    ["14 jan.", "2027-01-14"],
    ["13 jan", "2028-01-13"],
    ["15 jan", "2027-01-15"],
    ["1 maart", "2027-03-01"],
    ["1 mrt", "2027-03-01"],
    ["3 okt", "2027-10-03"],
    ["3 oct", "2027-10-03"],
    ["3 October", "2027-10-03"],
    ["mei 5", "2027-05-05"],
    ["29 feb", "2028-02-29"],
    ["14-1", "2027-01-14"],
    ["13/1", "2028-01-13"],
    // relative words
    ["vandaag", "2027-01-14"],
    ["today", "2027-01-14"],
    ["morgen", "2027-01-15"],
    ["Morgen", "2027-01-15"],
    ["tomorrow", "2027-01-15"],
    ["overmorgen", "2027-01-16"],
    ["the day after tomorrow", "2027-01-16"],
    ["day after tomorrow", "2027-01-16"],
    // weekdays: the first one strictly after today (today is a Thursday)
    ["vrijdag", "2027-01-15"],
    ["vr", "2027-01-15"],
    ["zondag", "2027-01-17"],
    ["maandag", "2027-01-18"],
    ["woensdag", "2027-01-20"],
    ["donderdag", "2027-01-21"],
    ["do", "2027-01-21"],
    ["thursday", "2027-01-21"],
    ["Thu", "2027-01-21"],
    ["volgende donderdag", "2027-01-21"],
    ["volgende vrijdag", "2027-01-15"],
    ["komende vrijdag", "2027-01-15"],
    ["aanstaande maandag", "2027-01-18"],
    ["a.s. maandag", "2027-01-18"],
    ["next friday", "2027-01-15"],
    ["this friday", "2027-01-15"],
    // next week: the weekday of the week starting next Monday
    ["volgende week maandag", "2027-01-18"],
    ["volgende week vrijdag", "2027-01-22"],
    ["volgende week zondag", "2027-01-24"],
    ["vrijdag volgende week", "2027-01-22"],
    ["next week friday", "2027-01-22"],
    ["friday next week", "2027-01-22"],
    // a weekday with an explicit date, when it agrees
    ["donderdag 14 januari", "2027-01-14"],
    ["do 14-01-2027", "2027-01-14"],
    ["thursday jan 14 2027", "2027-01-14"],
  ])("%j is %s (today %s)", (text, date) => {
    expect(parseDutchDate(text, TODAY)).toBe(date);
  });

  it.each([
    ["morgen", "2027-12-30", "2027-12-31"],
    ["overmorgen", "2027-12-30", "2028-01-01"],
    ["5 jan", "2027-12-30", "2028-01-05"],
    ["maandag", "2027-12-30", "2028-01-03"],
    ["volgende week maandag", "2027-01-17", "2027-01-18"],
    ["maandag", "2027-01-17", "2027-01-18"],
    ["volgende week zondag", "2027-01-17", "2027-01-24"],
    ["zondag", "2027-01-17", "2027-01-24"],
    ["volgende week maandag", "2027-01-18", "2027-01-25"],
    ["29 feb", "2028-03-01", "2032-02-29"],
    ["29 feb", "2028-02-29", "2028-02-29"],
    ["1 maart", "2028-02-29", "2028-03-01"],
  ])("%j on %s is %s", (text, today, date) => {
    expect(parseDutchDate(text, today)).toBe(date);
  });

  it.each([
    "",
    "gisteren",
    "14",
    "14 uur",
    "14:00",
    "jan",
    "14 jan 27",
    "14-01-27",
    "14.01",
    "volgende",
    "volgende week",
    "donderdag morgen",
    "14 jan 2027 extra",
  ])("%j is no date", (text) => {
    expect(parseDutchDate(text, TODAY)).toBeUndefined();
  });

  it.each(["31-02-2027", "30 feb", "32 jan", "0 jan", "2027-13-01", "29 feb 2027", "31/4/2027", "31-4"])(
    "%j looks like a date but is no day",
    (text) => {
      expect(readDate(words(text), TODAY)).toEqual({
        ok: false,
        problem: { kind: "no-such-day", text },
        used: words(text).length,
      });
    },
  );

  it("a weekday that does not match the date is a problem naming both", () => {
    expect(readDate(words("maandag 14 januari 2027"), TODAY)).toEqual({
      ok: false,
      problem: {
        kind: "weekday-mismatch",
        text: "maandag 14 januari 2027",
        date: "2027-01-14",
        said: 1,
        actual: 4,
      },
      used: 4,
    });
  });

  it("reads the longest date at the start of the words and says how many it used", () => {
    expect(readDate(words("14 jan 14:00 Stadhuis"), TODAY)).toEqual({
      ok: true,
      date: "2027-01-14",
      used: 2,
    });
    expect(readDate(words("14 jan 2028 14 uur"), TODAY)).toEqual({ ok: true, date: "2028-01-14", used: 3 });
    expect(readDate(words("14 jan 14 uur"), TODAY)).toEqual({ ok: true, date: "2027-01-14", used: 2 });
    expect(readDate(words("volgende week vrijdag 10:00"), TODAY)).toEqual({
      ok: true,
      date: "2027-01-22",
      used: 3,
    });
    expect(readDate(words("donderdag 14:00"), TODAY)).toEqual({ ok: true, date: "2027-01-21", used: 1 });
    expect(readDate(words("morgen, 10:00"), TODAY)).toEqual({ ok: true, date: "2027-01-15", used: 1 });
    expect(readDate(words("Stadhuis 14 jan"), TODAY)).toBeUndefined();
    expect(readDate([], TODAY)).toBeUndefined();
  });

  it("refuses a today that is no calendar day", () => {
    expect(() => readDate(["morgen"], "2027-02-30")).toThrow(TypeError);
    expect(() => parseDutchDate("morgen", "14-01-2027")).toThrow(TypeError);
  });

  it("formats a day for messages", () => {
    expect(formatDay("2027-01-14", "nl")).toBe("donderdag 14 januari 2027");
    expect(formatDay("2027-01-14", "en")).toBe("Thursday 14 January 2027");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2027-01-01", -1)).toBe("2026-12-31");
    expect(weekdayOf("2027-01-17")).toBe(7);
    expect(isCalendarDay("2027-02-29")).toBe(false);
    expect(isCalendarDay("2028-02-29")).toBe(true);
  });
});

describe("times", () => {
  it.each([
    ["14:00", "14:00"],
    ["14.00", "14:00"],
    ["9:30", "09:30"],
    ["09:30", "09:30"],
    ["0:00", "00:00"],
    ["23:59", "23:59"],
    ["14u", "14:00"],
    ["14U", "14:00"],
    ["9u", "09:00"],
    ["14u30", "14:30"],
    ["14h", "14:00"],
    ["14:00u", "14:00"],
    ["14 uur", "14:00"],
    ["14.30 uur", "14:30"],
    ["om 14:00", "14:00"],
    ["at 14:00", "14:00"],
    ["2pm", "14:00"],
    ["2:30pm", "14:30"],
    ["2 pm", "14:00"],
    ["2:30 PM", "14:30"],
    ["12am", "00:00"],
    ["12pm", "12:00"],
    ["11 a.m.", "11:00"],
  ])("%j is %s", (text, time) => {
    expect(parseDutchTime(text)).toBe(time);
  });

  it.each(["14", "", "om", "14:0", "1400", "14:00:00", "noon", "14 uur extra", "half drie"])(
    "%j is no time",
    (text) => {
      expect(parseDutchTime(text)).toBeUndefined();
    },
  );

  it.each(["25:00", "24:00", "14:60", "24u", "13pm", "0am", "99 uur"])(
    "%j looks like a time but is none",
    (text) => {
      expect(readTime(words(text))).toMatchObject({ ok: false, text });
    },
  );

  it("reads the time at the start of the words and says how many it used", () => {
    expect(readTime(words("14 uur Stadhuis"))).toEqual({ ok: true, time: "14:00", used: 2 });
    expect(readTime(words("om 9.30 online"))).toEqual({ ok: true, time: "09:30", used: 2 });
    expect(readTime(words("14:00 uur"))).toEqual({ ok: true, time: "14:00", used: 2 });
    expect(readTime(words("Stadhuis 14:00"))).toBeUndefined();
    expect(readTime(["om"])).toBeUndefined();
  });
});

describe("properties", () => {
  const day = fc
    .date({ min: new Date(Date.UTC(2000, 0, 1)), max: new Date(Date.UTC(2090, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const MONTHS_NL = "jan feb mrt apr mei jun jul aug sep okt nov dec".split(" ");
  const MONTHS_LONG =
    "januari februari maart april mei juni juli augustus september oktober november december".split(" ");
  const WEEKDAY_WORDS: [string, number][] = [
    ["maandag", 1],
    ["dinsdag", 2],
    ["woensdag", 3],
    ["donderdag", 4],
    ["vrijdag", 5],
    ["zaterdag", 6],
    ["zondag", 7],
    ["monday", 1],
    ["sunday", 7],
  ];
  const parts = (d: string) => d.split("-").map(Number) as [number, number, number];

  it("every written form of a day reads back as that day", () => {
    fc.assert(
      fc.property(day, day, (date, today) => {
        const [y, m, d] = parts(date);
        const pad = (n: number) => String(n).padStart(2, "0");
        for (const text of [
          date,
          `${pad(d)}-${pad(m)}-${y}`,
          `${d}/${m}/${y}`,
          `${d}.${m}.${y}`,
          `${d} ${MONTHS_NL[m - 1]} ${y}`,
          `${d} ${MONTHS_LONG[m - 1]} ${y}`,
          `${MONTHS_LONG[m - 1]} ${d} ${y}`,
        ]) {
          expect(parseDutchDate(text, today), text).toBe(date);
        }
      }),
    );
  });

  it("a day and month without a year is the first such day on or after today", () => {
    fc.assert(
      fc.property(day, day, (date, today) => {
        const [, m, d] = parts(date);
        const found = parseDutchDate(`${d} ${MONTHS_NL[m - 1]}`, today);
        expect(found).toBeDefined();
        if (!found) return;
        expect(isCalendarDay(found)).toBe(true);
        expect(found >= today).toBe(true);
        expect(found.slice(5)).toBe(date.slice(5));
        // No earlier such day on or after today: within a year, or the next leap day.
        if (date.slice(5) !== "02-29") expect(found < addDays(today, 366)).toBe(true);
        else expect(found <= addDays(today, 8 * 366)).toBe(true);
      }),
    );
  });

  it("a weekday is the first such day strictly after today; next week's is in the week after this one", () => {
    fc.assert(
      fc.property(day, fc.constantFrom(...WEEKDAY_WORDS), (today, [name, weekday]) => {
        for (const text of [name, `volgende ${name}`, `next ${name}`]) {
          const found = parseDutchDate(text, today) ?? "";
          expect(weekdayOf(found)).toBe(weekday);
          expect(found > today && found <= addDays(today, 7)).toBe(true);
        }
        const nextWeek = parseDutchDate(`volgende week ${name}`, today) ?? "";
        const nextMonday = addDays(today, 8 - weekdayOf(today));
        expect(weekdayOf(nextWeek)).toBe(weekday);
        expect(nextWeek >= nextMonday && nextWeek < addDays(nextMonday, 7)).toBe(true);
      }),
    );
  });

  it("every hour and minute reads back in each written form", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), (h, m) => {
        const mm = String(m).padStart(2, "0");
        const expected = `${String(h).padStart(2, "0")}:${mm}`;
        for (const text of [`${h}:${mm}`, `${h}.${mm}`, `${h}u${mm}`, `om ${h}:${mm}`, `${h}.${mm} uur`]) {
          expect(parseDutchTime(text), text).toBe(expected);
        }
        if (m === 0) expect(parseDutchTime(`${h} uur`)).toBe(expected);
      }),
    );
  });

  it("never throws on any words, and whatever it reads is a real day or a real time", () => {
    const token = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom(
        "14",
        "jan",
        "2027",
        "volgende",
        "week",
        "do",
        "29",
        "feb",
        "om",
        "uur",
        "pm",
        "31-02-2027",
      ),
    );
    fc.assert(
      fc.property(fc.array(token, { maxLength: 6 }), day, (tokens, today) => {
        const date = readDate(tokens, today);
        if (date?.ok) expect(isCalendarDay(date.date)).toBe(true);
        if (date) expect(date.used).toBeGreaterThan(0);
        const time = readTime(tokens);
        if (time?.ok) expect(time.time).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
      }),
      { numRuns: 500 },
    );
  });
});
