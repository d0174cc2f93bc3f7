import { DateTime } from "luxon";
import { outOfQuietHours } from "./quiet-hours.js";

/** Days after the start on which the chairs are reminded while a handover is open. */
export const HANDOVER_REMINDER_DAYS: readonly number[] = [7, 14, 21];

export type HandoverReminder = { days: number; dueAt: Date };

/**
 * When the chairs are reminded of an open handover: N local calendar days after it was started, at the same
 * local time of day, moved out of quiet hours by the rule every reminder follows (a handover started at
 * 04:19 reminds at 08:00). A handover has no deadline that a reminder must beat, so it only moves forward.
 */
export function planHandoverReminders(input: {
  startedAt: Date;
  timeZone: string;
  days?: readonly number[];
}): HandoverReminder[] {
  const start = DateTime.fromJSDate(input.startedAt, { zone: input.timeZone });
  if (!start.isValid) throw new RangeError(`invalid instant or time zone: ${start.invalidExplanation}`);
  return (input.days ?? HANDOVER_REMINDER_DAYS).map((days) => {
    if (!Number.isInteger(days) || days < 1)
      throw new RangeError(`days must be whole days >= 1, got ${days}`);
    return { days, dueAt: outOfQuietHours(start.plus({ days }).toJSDate(), input.timeZone) };
  });
}
