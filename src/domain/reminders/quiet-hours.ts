import { DateTime } from "luxon";

/**
 * The one quiet-hours rule for every reminder kind (survey, meeting, handover, and any added later). Pure:
 * instants in, instants out, with the wall-clock arithmetic in the region's time zone.
 *
 * A moment in quiet hours moves FORWARD to the end of the quiet period (08:00 local with the defaults). When
 * that would be at or after the reminder's deadline (a survey's close, a meeting's start), it moves BACK
 * instead to MINUTES_BEFORE_QUIET_FALLBACK before the quiet period began (19:30 local the evening before), so a
 * reminder still arrives before the thing it reminds of. Without a deadline it only ever moves forward.
 */

/**
 * Local hours in which no message is sent: from `startHour`:00 up to (not including) `endHour`:00. When
 * startHour > endHour the period wraps midnight (the default 20 -> 8); when startHour < endHour it lies
 * within one day; when they are equal there are no quiet hours.
 */
export type QuietHours = { startHour: number; endHour: number };

export const DEFAULT_QUIET_HOURS: QuietHours = { startHour: 20, endHour: 8 };

/**
 * Half an hour rather than 19:59 leaves the person a moment to act before the evening.
 */
export const MINUTES_BEFORE_QUIET_FALLBACK = 30;

export function checkQuietHours(quietHours: QuietHours): void {
  for (const hour of [quietHours.startHour, quietHours.endHour]) {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23)
      throw new RangeError(`quiet hours must be whole hours 0..23, got ${hour}`);
  }
}

function local(instant: Date, timeZone: string): DateTime {
  const dateTime = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!dateTime.isValid) throw new RangeError(`invalid instant or time zone: ${dateTime.invalidExplanation}`);
  return dateTime;
}

const isQuietHour = (hour: number, { startHour, endHour }: QuietHours): boolean =>
  startHour > endHour ? hour >= startHour || hour < endHour : hour >= startHour && hour < endHour;

const atHour = (dateTime: DateTime, hour: number): DateTime =>
  dateTime.set({ hour, minute: 0, second: 0, millisecond: 0 });

/** Whether `instant` falls in the quiet hours of `timeZone` (default 20:00 up to 08:00). */
export function isQuietTime(
  instant: Date,
  timeZone: string,
  quietHours: QuietHours = DEFAULT_QUIET_HOURS,
): boolean {
  checkQuietHours(quietHours);
  return isQuietHour(local(instant, timeZone).hour, quietHours);
}

/** `instant` itself when it is not in quiet hours, otherwise the end of the quiet period (08:00 local). */
export function nextAllowedMoment(
  instant: Date,
  timeZone: string,
  quietHours: QuietHours = DEFAULT_QUIET_HOURS,
): Date {
  checkQuietHours(quietHours);
  const dateTime = local(instant, timeZone);
  if (!isQuietHour(dateTime.hour, quietHours)) return new Date(instant.getTime());
  // In a wrapping period, hours from startHour on end tomorrow morning; the early hours end this morning.
  const day =
    quietHours.startHour > quietHours.endHour && dateTime.hour >= quietHours.startHour
      ? dateTime.plus({ days: 1 })
      : dateTime;
  return atHour(day, quietHours.endHour).toJSDate();
}

/** The last moment to use before the quiet period containing `dateTime` (19:30 local with the defaults). */
function beforeQuietPeriod(dateTime: DateTime, quietHours: QuietHours): DateTime {
  // In a wrapping period, the early hours belong to the period that started yesterday evening.
  const day =
    quietHours.startHour > quietHours.endHour && dateTime.hour < quietHours.endHour
      ? dateTime.minus({ days: 1 })
      : dateTime;
  return atHour(day, quietHours.startHour).minus({ minutes: MINUTES_BEFORE_QUIET_FALLBACK });
}

export type OutOfQuietHoursOptions = {
  /** The reminder must arrive strictly before this (the close, the meeting); none for handovers. */
  deadline?: Date;
  quietHours?: QuietHours;
};

/** Where a reminder planned for `moment` is sent: the rule at the top of this file. */
export function outOfQuietHours(moment: Date, timeZone: string, options: OutOfQuietHoursOptions = {}): Date {
  const quietHours = options.quietHours ?? DEFAULT_QUIET_HOURS;
  const next = nextAllowedMoment(moment, timeZone, quietHours);
  if (next.getTime() === moment.getTime()) return next;
  if (!options.deadline || next.getTime() < options.deadline.getTime()) return next;
  return beforeQuietPeriod(local(moment, timeZone), quietHours).toJSDate();
}
