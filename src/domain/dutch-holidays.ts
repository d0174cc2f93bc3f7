import { DateTime } from "luxon";

/**
 * Dutch public holidays and weekends, for asking a chair before a meeting lands on a day off. Pure: calendar
 * dates (YYYY-MM-DD) in, no time zone needed.
 */

export type DayName = { nl: string; en: string };
export type PublicHoliday = { date: string; name: DayName };
export type NonWorkingDay = { kind: "weekend" | "holiday"; name: DayName };

/** Western Easter Sunday of `year` (the anonymous Gregorian algorithm of Meeus, Jones and Butcher). */
export function easterSunday(year: number): string {
  if (!Number.isInteger(year) || year < 1583) throw new RangeError(`not a Gregorian year: ${year}`);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

const iso = (date: DateTime) => date.toISODate() as string;

/** The public holidays of `year` in date order, as employers and government offices observe them. */
export function dutchPublicHolidays(year: number): PublicHoliday[] {
  const easter = DateTime.fromISO(easterSunday(year));
  const fromEaster = (days: number) => iso(easter.plus({ days }));
  const kingsDay = DateTime.fromObject({ year, month: 4, day: 27 });
  const holidays: PublicHoliday[] = [
    { date: `${year}-01-01`, name: { nl: "Nieuwjaarsdag", en: "New Year's Day" } },
    { date: fromEaster(-2), name: { nl: "Goede Vrijdag", en: "Good Friday" } },
    { date: fromEaster(0), name: { nl: "Eerste Paasdag", en: "Easter Sunday" } },
    { date: fromEaster(1), name: { nl: "Tweede Paasdag", en: "Easter Monday" } },
    {
      // On a Sunday, King's Day moves to the Saturday before.
      date: iso(kingsDay.weekday === 7 ? kingsDay.minus({ days: 1 }) : kingsDay),
      name: { nl: "Koningsdag", en: "King's Day" },
    },
    { date: `${year}-05-05`, name: { nl: "Bevrijdingsdag", en: "Liberation Day" } },
    { date: fromEaster(39), name: { nl: "Hemelvaartsdag", en: "Ascension Day" } },
    { date: fromEaster(49), name: { nl: "Eerste Pinksterdag", en: "Whit Sunday" } },
    { date: fromEaster(50), name: { nl: "Tweede Pinksterdag", en: "Whit Monday" } },
    { date: `${year}-12-25`, name: { nl: "Eerste Kerstdag", en: "Christmas Day" } },
    { date: `${year}-12-26`, name: { nl: "Tweede Kerstdag", en: "Boxing Day" } },
  ];
  return holidays.sort((x, y) => x.date.localeCompare(y.date));
}

/** Why `date` is not a working day (a holiday is named before the weekend it falls in), or undefined. */
export function nonWorkingDay(date: string): NonWorkingDay | undefined {
  const day = DateTime.fromISO(date);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !day.isValid) throw new RangeError(`not a calendar date: ${date}`);
  const holiday = dutchPublicHolidays(day.year).find((h) => h.date === date);
  if (holiday) return { kind: "holiday", name: holiday.name };
  if (day.weekday === 6) return { kind: "weekend", name: { nl: "een zaterdag", en: "a Saturday" } };
  if (day.weekday === 7) return { kind: "weekend", name: { nl: "een zondag", en: "a Sunday" } };
  return undefined;
}

/** The first working day on or after `date`. */
export function nextWorkingDay(date: string): string {
  let day = DateTime.fromISO(date);
  while (nonWorkingDay(iso(day))) day = day.plus({ days: 1 });
  return iso(day);
}
