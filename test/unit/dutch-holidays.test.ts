import { describe, expect, it } from "vitest";
import { dutchPublicHolidays, easterSunday, nonWorkingDay } from "../../src/domain/dutch-holidays.js";

describe("easterSunday", () => {
  // Published dates of Western (Gregorian) Easter, including the earliest and latest possible.
  it.each([
    [2000, "2000-04-23"],
    [2008, "2008-03-23"],
    [2011, "2011-04-24"],
    [2019, "2019-04-21"],
    [2024, "2024-03-31"],
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2028, "2028-04-16"],
    [2029, "2029-04-01"],
    [2030, "2030-04-21"],
    [2038, "2038-04-25"],
    [2285, "2285-03-22"],
  ])("%i: %s", (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe("dutchPublicHolidays", () => {
  it("lists the Dutch public holidays of 2027, the movable ones from Easter (28 March)", () => {
    expect(dutchPublicHolidays(2027).map((h) => [h.date, h.name.nl])).toEqual([
      ["2027-01-01", "Nieuwjaarsdag"],
      ["2027-03-26", "Goede Vrijdag"],
      ["2027-03-28", "Eerste Paasdag"],
      ["2027-03-29", "Tweede Paasdag"],
      ["2027-04-27", "Koningsdag"],
      ["2027-05-05", "Bevrijdingsdag"],
      ["2027-05-06", "Hemelvaartsdag"],
      ["2027-05-16", "Eerste Pinksterdag"],
      ["2027-05-17", "Tweede Pinksterdag"],
      ["2027-12-25", "Eerste Kerstdag"],
      ["2027-12-26", "Tweede Kerstdag"],
    ]);
  });

  it.each([
    // Koningsdag is 27 April, or 26 April when the 27th is a Sunday.
    [2025, "2025-04-26"],
    [2026, "2026-04-27"],
    [2027, "2027-04-27"],
    [2031, "2031-04-26"],
    [2036, "2036-04-26"],
  ])("Koningsdag %i: %s", (year, date) => {
    expect(dutchPublicHolidays(year).find((h) => h.name.nl === "Koningsdag")?.date).toBe(date);
  });

  it.each([
    [2026, "2026-04-03", "2026-05-14", "2026-05-25"],
    [2028, "2028-04-14", "2028-05-25", "2028-06-05"],
    [2030, "2030-04-19", "2030-05-30", "2030-06-10"],
  ])(
    "%i: Goede Vrijdag %s, Hemelvaartsdag %s, Tweede Pinksterdag %s",
    (year, friday, ascension, whitMonday) => {
      const dateOf = (name: string) => dutchPublicHolidays(year).find((h) => h.name.nl === name)?.date;
      expect([dateOf("Goede Vrijdag"), dateOf("Hemelvaartsdag"), dateOf("Tweede Pinksterdag")]).toEqual([
        friday,
        ascension,
        whitMonday,
      ]);
    },
  );
});

describe("nonWorkingDay", () => {
  it.each([
    ["2026-12-12", { kind: "weekend", name: { nl: "een zaterdag", en: "a Saturday" } }],
    ["2026-12-13", { kind: "weekend", name: { nl: "een zondag", en: "a Sunday" } }],
    ["2027-04-27", { kind: "holiday", name: { nl: "Koningsdag", en: "King's Day" } }],
    // A holiday on a Sunday is named as the holiday.
    ["2026-04-05", { kind: "holiday", name: { nl: "Eerste Paasdag", en: "Easter Sunday" } }],
    ["2026-12-11", undefined],
    ["2027-04-26", undefined],
  ])("%s: %j", (date, expected) => {
    expect(nonWorkingDay(date)).toEqual(expected);
  });

  it("refuses what is not a calendar date", () => {
    expect(() => nonWorkingDay("2027-02-30")).toThrow(RangeError);
  });
});
