import { describe, expect, it } from "vitest";
import { calendarDateIn, parseCalendarDate } from "../../src/domain/calendar-date.js";
import { slugify } from "../../src/domain/slug.js";

describe("parseCalendarDate", () => {
  it.each([
    ["2027-01-14", "2027-01-14"],
    ["14-01-2027", "2027-01-14"],
    ["14/1/2027", "2027-01-14"],
    ["29-02-2028", "2028-02-29"],
    [" 1.3.2026 ", "2026-03-01"],
  ])("reads %s as %s", (text, expected) => {
    expect(parseCalendarDate(text)).toBe(expected);
  });

  it.each(["29-02-2027", "2027-13-01", "32-01-2027", "14 januari", "", "2027/01/14"])(
    "refuses %s",
    (text) => {
      expect(parseCalendarDate(text)).toBeUndefined();
    },
  );
});

describe("calendarDateIn", () => {
  it("gives the Amsterdam day, not the UTC day, around midnight", () => {
    expect(calendarDateIn("Europe/Amsterdam", new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(calendarDateIn("UTC", new Date("2026-12-31T23:30:00Z"))).toBe("2026-12-31");
  });
});

describe("slugify", () => {
  it.each([
    ["Súdwest-Fryslân", "sudwest-fryslan"],
    ["H6+1", "h6plus1"],
    ["Regio Alkmaar / Noord-Kennemerland", "regio-alkmaar-noord-kennemerland"],
    ["'s-Hertogenbosch", "s-hertogenbosch"],
    ["  Gemeente  Utrecht ", "gemeente-utrecht"],
  ])("%s -> %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });
});
