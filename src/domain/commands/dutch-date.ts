import { parseCalendarDate } from "../calendar-date.js";
import type { Locale } from "../vocabulary.js";

/**
 * Dates and times as chairs type them in a command, Dutch first, English understood. Pure: every relative
 * date is resolved against the `today` (YYYY-MM-DD, the calendar day in the region's time zone) the caller
 * passes. Results are calendar days (YYYY-MM-DD) and wall-clock times (HH:mm); which instant that is, is for
 * the caller and the region's time zone (Europe/Amsterdam).
 *
 * Dates:
 * - `14-01-2027`, `14/1/2027`, `14.1.2027`, `2027-01-14`: that day. Years have four digits.
 * - `14-1`, `14/1`, `14 jan`, `14 januari`, `14e januari`, `jan 14`, `14 Jan`, `January 14`: the next 14 January
 *   on or after today (today itself included). `14 jan 2027`, `jan 14 2027`: that day.
 * - `vandaag`/`today`, `morgen`/`tomorrow`, `overmorgen`/`the day after tomorrow`.
 * - `donderdag`, `do`, `thursday`, `thu` and the same with `volgende`, `komende`, `aanstaande`, `a.s.`, `deze`,
 *   `next`, `this` or `coming` before it: the first Thursday strictly after today (so on a Thursday, a week
 *   later; on a Wednesday, tomorrow). "Volgende donderdag" is ambiguous in Dutch usage; this module keeps the
 *   simplest rule and the commands' help says so.
 * - `volgende week donderdag`, `donderdag volgende week`, `next week thursday`, `thursday next week`: the
 *   Thursday of next week (weeks start on Monday), for those who mean that.
 * - A weekday before an explicit date (`donderdag 14 januari`, `do 14-01-2027`) must be that date's weekday.
 *
 * Times: `14:00`, `14.00`, `9:30`, `14u`, `14u30`, `14h`, `14 uur`, `14.30 uur`, `2pm`, `2:30 pm`, optionally
 * after `om` or `at`. Hours 0–23, minutes two digits.
 */

export type DateProblem =
  /** Looks like a date but that day does not exist (`31-02-2027`, `30 feb`). */
  | { kind: "no-such-day"; text: string }
  /** A weekday with an explicit date that falls on another weekday. */
  | { kind: "weekday-mismatch"; text: string; date: string; said: Weekday; actual: Weekday };

export type DateReading =
  | { ok: true; date: string; used: number }
  | { ok: false; problem: DateProblem; used: number };
export type TimeReading =
  | { ok: true; time: string; used: number }
  | { ok: false; text: string; used: number };

/** 1 = Monday … 7 = Sunday (ISO). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const DAY_MS = 86_400_000;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

const MONTHS: ReadonlyMap<string, number> = new Map(
  (
    [
      [1, "jan januari january"],
      [2, "feb febr februari february"],
      [3, "mrt maa maart mar march"],
      [4, "apr april"],
      [5, "mei may"],
      [6, "jun juni june"],
      [7, "jul juli july"],
      [8, "aug augustus august"],
      [9, "sep sept september"],
      [10, "okt oktober oct october"],
      [11, "nov november"],
      [12, "dec december"],
    ] as const
  ).flatMap(([month, names]) => names.split(" ").map((name) => [name, month] as const)),
);

const WEEKDAYS: ReadonlyMap<string, Weekday> = new Map(
  (
    [
      [1, "maandag ma mon monday"],
      [2, "dinsdag di tue tues tuesday"],
      [3, "woensdag wo wed wednesday"],
      [4, "donderdag do thu thur thurs thursday"],
      [5, "vrijdag vr vrij fri friday"],
      [6, "zaterdag za zat sat saturday"],
      [7, "zondag zo zon sun sunday"],
    ] as const
  ).flatMap(([day, names]) => names.split(" ").map((name) => [name, day as Weekday] as const)),
);

/** Words before a weekday that all mean "the first one after today". */
const NEXT = new Set(["volgende", "komende", "aanstaande", "a.s.", "as", "deze", "next", "this", "coming"]);

const MONTH_NAMES = {
  nl: "januari februari maart april mei juni juli augustus september oktober november december".split(" "),
  en: "January February March April May June July August September October November December".split(" "),
} as const;
const WEEKDAY_NAMES = {
  nl: "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag".split(" "),
  en: "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split(" "),
} as const;

/** True for a real calendar day written YYYY-MM-DD. */
export function isCalendarDay(text: string): boolean {
  return ISO_DAY.test(text) && parseCalendarDate(text) === text;
}

function requireDay(day: string): number {
  const match = ISO_DAY.exec(day);
  if (!match || !isCalendarDay(day))
    throw new TypeError(`Not a calendar day (YYYY-MM-DD): ${JSON.stringify(day)}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function addDays(day: string, days: number): string {
  return fromMs(requireDay(day) + days * DAY_MS);
}

export function weekdayOf(day: string): Weekday {
  const sundayZero = new Date(requireDay(day)).getUTCDay();
  return (sundayZero === 0 ? 7 : sundayZero) as Weekday;
}

/** `donderdag 14 januari 2027` / `Thursday 14 January 2027`. */
export function formatDay(day: string, locale: Locale): string {
  const date = new Date(requireDay(day));
  const weekday = WEEKDAY_NAMES[locale][weekdayOf(day) - 1];
  return `${weekday} ${date.getUTCDate()} ${MONTH_NAMES[locale][date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

export function weekdayName(day: Weekday, locale: Locale): string {
  return WEEKDAY_NAMES[locale][day - 1] ?? "";
}

/** The day `day` of `month` in `year`, or undefined when there is no such day. */
function dayOf(year: number, month: number, day: number): string | undefined {
  if (year < 1000 || year > 9999) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return undefined;
  }
  return fromMs(ms);
}

/** The first `month`-`day` on or after `today`; undefined if the day never exists (30 February). */
function nextOccurrence(today: string, month: number, day: number): string | undefined {
  const year = Number(today.slice(0, 4));
  // 29 February comes back within eight years (1896 → 1904).
  for (let y = year; y <= year + 8; y++) {
    const date = dayOf(y, month, day);
    if (date && date >= today) return date;
  }
  return undefined;
}

function nextWeekday(today: string, weekday: Weekday): string {
  const ahead = (weekday - weekdayOf(today) + 7) % 7 || 7;
  return addDays(today, ahead);
}

function weekdayNextWeek(today: string, weekday: Weekday): string {
  const nextMonday = addDays(today, 8 - weekdayOf(today));
  return addDays(nextMonday, weekday - 1);
}

/** Lower case, without the trailing comma or full stop people type after a date or time. */
function word(token: string): string {
  const lower = token.toLowerCase();
  // `a.s.` keeps its stop; `jan.` and `14,` lose theirs.
  return lower === "a.s." ? lower : lower.replace(/[.,;]+$/, "");
}

const DAY_NUMBER = /^(\d{1,2})(?:e|ste|de|st|nd|rd|th)?$/;
const YEAR = /^\d{4}$/;
const DAY_MONTH = /^(\d{1,2})[-/](\d{1,2})$/;

type Reading = { ok: true; date: string } | { ok: false; problem: DateProblem } | undefined;

function explicitDate(words: string[], today: string, text: string): Reading {
  const noSuchDay: Reading = { ok: false, problem: { kind: "no-such-day", text } };
  if (words.length === 1) {
    const [only = ""] = words;
    if (/^\d{4}-\d{1,2}-\d{1,2}$/.test(only) || /^\d{1,2}[-/.]\d{1,2}[-/.]\d{4}$/.test(only)) {
      const date = parseCalendarDate(only);
      return date ? { ok: true, date } : noSuchDay;
    }
    const dayMonth = DAY_MONTH.exec(only);
    if (dayMonth) {
      const date = nextOccurrence(today, Number(dayMonth[2]), Number(dayMonth[1]));
      return date ? { ok: true, date } : noSuchDay;
    }
    return undefined;
  }
  if (words.length === 2 || words.length === 3) {
    const [a = "", b = "", year] = words;
    if (year !== undefined && !YEAR.test(year)) return undefined;
    // 14 jan, or jan 14 (English order).
    const dayFirst = DAY_NUMBER.exec(a) && MONTHS.has(b);
    const monthFirst = MONTHS.has(a) && DAY_NUMBER.exec(b);
    if (!dayFirst && !monthFirst) return undefined;
    const day = Number(DAY_NUMBER.exec(dayFirst ? a : b)?.[1]);
    const month = MONTHS.get(dayFirst ? b : a) ?? 0;
    const date = year === undefined ? nextOccurrence(today, month, day) : dayOf(Number(year), month, day);
    return date ? { ok: true, date } : noSuchDay;
  }
  return undefined;
}

function relativeDate(words: string[], today: string): Reading {
  const phrase = words.join(" ");
  switch (phrase) {
    case "vandaag":
    case "today":
      return { ok: true, date: today };
    case "morgen":
    case "tomorrow":
      return { ok: true, date: addDays(today, 1) };
    case "overmorgen":
    case "day after tomorrow":
    case "the day after tomorrow":
      return { ok: true, date: addDays(today, 2) };
  }
  const [a = "", b = "", c = ""] = words;
  if (words.length === 1 && WEEKDAYS.has(a))
    return { ok: true, date: nextWeekday(today, WEEKDAYS.get(a) ?? 1) };
  if (words.length === 2 && NEXT.has(a) && WEEKDAYS.has(b)) {
    return { ok: true, date: nextWeekday(today, WEEKDAYS.get(b) ?? 1) };
  }
  if (words.length === 3) {
    const nextWeek = (x: string, y: string) => (x === "volgende" || x === "next") && y === "week";
    if (nextWeek(a, b) && WEEKDAYS.has(c))
      return { ok: true, date: weekdayNextWeek(today, WEEKDAYS.get(c) ?? 1) };
    if (WEEKDAYS.has(a) && nextWeek(b, c))
      return { ok: true, date: weekdayNextWeek(today, WEEKDAYS.get(a) ?? 1) };
  }
  return undefined;
}

function readPhrase(words: string[], today: string, text: string): Reading {
  const reading = relativeDate(words, today) ?? explicitDate(words, today, text);
  if (reading) return reading;
  // A weekday before an explicit date: `donderdag 14 januari`, `do 14-01-2027`.
  const [first = "", ...rest] = words;
  const said = WEEKDAYS.get(first);
  if (said === undefined || rest.length === 0) return undefined;
  const dated = explicitDate(rest, today, text);
  if (!dated?.ok) return dated;
  const actual = weekdayOf(dated.date);
  return actual === said
    ? dated
    : { ok: false, problem: { kind: "weekday-mismatch", text, date: dated.date, said, actual } };
}

/**
 * Reads a date from the start of `tokens` (words as typed), taking the longest phrase that is one. Undefined
 * when the tokens do not start with anything date-like; a problem when they do but name no real day.
 */
export function readDate(tokens: readonly string[], today: string): DateReading | undefined {
  requireDay(today);
  for (let used = Math.min(4, tokens.length); used >= 1; used--) {
    const taken = tokens.slice(0, used);
    const reading = readPhrase(taken.map(word), today, taken.join(" "));
    if (reading) return { ...reading, used };
  }
  return undefined;
}

/** The whole text as one date, or undefined. */
export function parseDutchDate(text: string, today: string): string | undefined {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const reading = readDate(tokens, today);
  return reading?.ok && reading.used === tokens.length ? reading.date : undefined;
}

const CLOCK = /^(\d{1,2})[:.](\d{2})(?:u|uur|h)?$/;
const HOUR_MARK = /^(\d{1,2})(?:u|h)(\d{2})?$/;
const TWELVE_HOUR = /^(\d{1,2})(?::(\d{2}))?(am|pm|a\.m\.|p\.m\.)$/;

function clock(hours: number, minutes: number): string | undefined {
  if (hours > 23 || minutes > 59) return undefined;
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

function twelveHour(hours: number, minutes: number, half: string): string | undefined {
  if (hours < 1 || hours > 12) return undefined;
  const pm = half.startsWith("p");
  return clock((hours % 12) + (pm ? 12 : 0), minutes);
}

type TimeForm = { time: string | undefined } | undefined;

function readTimePhrase(words: string[]): TimeForm {
  const [a = "", b] = words;
  if (words.length === 1) {
    const plain = CLOCK.exec(a) ?? HOUR_MARK.exec(a);
    if (plain) return { time: clock(Number(plain[1]), Number(plain[2] ?? 0)) };
    const twelve = TWELVE_HOUR.exec(a);
    if (twelve) return { time: twelveHour(Number(twelve[1]), Number(twelve[2] ?? 0), twelve[3] ?? "") };
    return undefined;
  }
  if (words.length === 2 && b !== undefined) {
    // 14 uur, 14.30 uur, 2 pm, 2:30 pm
    const hourOnly = /^\d{1,2}$/.test(a);
    const withMinutes = /^(\d{1,2})[:.](\d{2})$/.exec(a);
    if (b === "uur" && (hourOnly || withMinutes)) {
      return { time: clock(Number(withMinutes?.[1] ?? a), Number(withMinutes?.[2] ?? 0)) };
    }
    const minutesColon = /^(\d{1,2}):(\d{2})$/.exec(a);
    if (/^(am|pm|a\.m\.|p\.m\.)$/.test(b) && (hourOnly || minutesColon)) {
      return { time: twelveHour(Number(minutesColon?.[1] ?? a), Number(minutesColon?.[2] ?? 0), b) };
    }
  }
  return undefined;
}

/**
 * Reads a wall-clock time (HH:mm) from the start of `tokens`, after an optional `om`/`at`. Undefined when
 * nothing time-like is there; not ok when it looks like a time but is none (`25:00`, `14:75`).
 */
export function readTime(tokens: readonly string[]): TimeReading | undefined {
  const skip = tokens.length > 1 && ["om", "at"].includes(word(tokens[0] ?? "")) ? 1 : 0;
  for (let length = Math.min(2, tokens.length - skip); length >= 1; length--) {
    const taken = tokens.slice(skip, skip + length);
    const form = readTimePhrase(taken.map((t) => t.toLowerCase().replace(/[,;]+$/, "")));
    if (form) {
      const used = skip + length;
      return form.time ? { ok: true, time: form.time, used } : { ok: false, text: taken.join(" "), used };
    }
  }
  return undefined;
}

/** The whole text as one time, or undefined. */
export function parseDutchTime(text: string): string | undefined {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const reading = readTime(tokens);
  return reading?.ok && reading.used === tokens.length ? reading.time : undefined;
}
