import { DateTime } from "luxon";

/**
 * When an unanswered person gets a survey reminder. Pure: instants in, instants out; the wall-clock
 * arithmetic happens in the region's time zone with luxon, so "7 days before" keeps the local time of day
 * across the switch to and from summer time.
 */

/**
 * Local hours in which no message is sent: from `startHour`:00 up to (not including) `endHour`:00. When
 * startHour > endHour the period wraps midnight (the default 20 -> 8); when startHour < endHour it lies
 * within one day; when they are equal there are no quiet hours.
 */
export type QuietHours = { startHour: number; endHour: number };

export const DEFAULT_QUIET_HOURS: QuietHours = { startHour: 20, endHour: 8 };

/**
 * When a reminder falls in quiet hours and the next morning is too late (at or after the close), it is
 * moved back to this many minutes before the quiet hours start: 19:30 local with the defaults. Half an hour
 * rather than 19:59 leaves the person a moment to act before the evening.
 */
export const MINUTES_BEFORE_QUIET_FALLBACK = 30;

export type PlanSurveyRemindersInput = {
  opensAt: Date;
  closesAt: Date;
  /** Whole calendar days before the close, e.g. [7, 2]. */
  offsetsDays: number[];
  maxReminders: number;
  /** IANA zone of the region, e.g. "Europe/Amsterdam". */
  timeZone: string;
  quietHours?: QuietHours;
};

function checkQuietHours(quietHours: QuietHours): void {
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

/**
 * The instants (sorted ascending, without duplicates) at which a person who has not answered gets a
 * reminder:
 * 1. per offset, `closesAt` minus that many calendar days in `timeZone`, at the same local time of day;
 * 2. in quiet hours, moved forward to the end of the quiet period (08:00 local); if that is at or after
 *    `closesAt`, moved back instead to 19:30 local before the quiet period (see
 *    MINUTES_BEFORE_QUIET_FALLBACK). With whole-day offsets >= 1 the next morning is always before the close,
 *    so this only matters for offset 0 on a survey that closes in quiet hours: a last-call at 19:30;
 * 3. only instants strictly between `opensAt` and `closesAt` are kept (offset 0 outside quiet hours is the
 *    close itself and drops out, as do negative offsets and offsets reaching back to before the opening);
 * 4. at most `maxReminders`, keeping the EARLIEST: an early reminder still leaves the person time to answer,
 *    whereas keeping only the last ones would cluster them just before the close.
 */
export function planSurveyReminders(input: PlanSurveyRemindersInput): Date[] {
  const { opensAt, closesAt, offsetsDays, maxReminders, timeZone } = input;
  const quietHours = input.quietHours ?? DEFAULT_QUIET_HOURS;
  checkQuietHours(quietHours);
  if (!Number.isInteger(maxReminders) || maxReminders < 0)
    throw new RangeError(`maxReminders must be an integer >= 0, got ${maxReminders}`);
  for (const offset of offsetsDays) {
    if (!Number.isInteger(offset)) throw new RangeError(`offsets must be whole days, got ${offset}`);
  }
  const close = local(closesAt, timeZone);
  const opens = opensAt.getTime();
  const closes = closesAt.getTime();

  const instants = new Set<number>();
  for (const offset of offsetsDays) {
    let moment = close.minus({ days: offset });
    if (isQuietHour(moment.hour, quietHours)) {
      const next = DateTime.fromJSDate(nextAllowedMoment(moment.toJSDate(), timeZone, quietHours), {
        zone: timeZone,
      });
      moment = next.toMillis() < closes ? next : beforeQuietPeriod(moment, quietHours);
    }
    const millis = moment.toMillis();
    if (millis > opens && millis < closes) instants.add(millis);
  }
  return [...instants]
    .sort((a, b) => a - b)
    .slice(0, maxReminders)
    .map((millis) => new Date(millis));
}
