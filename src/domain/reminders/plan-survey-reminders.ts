import { DateTime } from "luxon";
import { checkQuietHours, DEFAULT_QUIET_HOURS, outOfQuietHours, type QuietHours } from "./quiet-hours.js";

/**
 * When an unanswered person gets a survey reminder. Pure: instants in, instants out; the wall-clock
 * arithmetic happens in the region's time zone with luxon, so "7 days before" keeps the local time of day
 * across the switch to and from summer time.
 */

export type { QuietHours } from "./quiet-hours.js";
export {
  DEFAULT_QUIET_HOURS,
  isQuietTime,
  MINUTES_BEFORE_QUIET_FALLBACK,
  nextAllowedMoment,
} from "./quiet-hours.js";

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

function local(instant: Date, timeZone: string): DateTime {
  const dateTime = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!dateTime.isValid) throw new RangeError(`invalid instant or time zone: ${dateTime.invalidExplanation}`);
  return dateTime;
}

/**
 * The instants (sorted ascending, without duplicates) at which a person who has not answered gets a
 * reminder:
 * 1. per offset, `closesAt` minus that many calendar days in `timeZone`, at the same local time of day;
 * 2. out of quiet hours by the one rule of `quiet-hours.ts`, with the close as deadline: forward to 08:00
 *    local, or back to 19:30 the evening before when 08:00 is at or after the close. With whole-day offsets
 *    >= 1 the next morning is always before the close, so the move back only happens for offset 0 on a
 *    survey that closes in quiet hours: a last-call at 19:30;
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
    const moment = outOfQuietHours(close.minus({ days: offset }).toJSDate(), timeZone, {
      deadline: closesAt,
      quietHours,
    });
    const millis = moment.getTime();
    if (millis > opens && millis < closes) instants.add(millis);
  }
  return [...instants]
    .sort((a, b) => a - b)
    .slice(0, maxReminders)
    .map((millis) => new Date(millis));
}
