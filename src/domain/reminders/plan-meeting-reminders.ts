import { DateTime } from "luxon";
import { outOfQuietHours } from "./quiet-hours.js";

/**
 * When the reminders for a regional meeting are due. Pure: instants in, instants out; the wall-clock
 * arithmetic happens in the region's time zone with luxon.
 *
 * The rule, per offset N (whole calendar days, N >= 0):
 * 1. The moment is the meeting's local wall-clock time N calendar days earlier in `timeZone`
 *    (`minus({ days: N })` in the zone), so a Monday 14:00 meeting is reminded at 14:00 on the Monday and
 *    Sunday before, also when summer time starts or ends in between (13:00Z and 12:00Z around 28 March 2027).
 * 2. Never in quiet hours, by the one rule for every reminder (`quiet-hours.ts`) with the meeting as deadline:
 *    a moment in them moves forward to 08:00 local, or, when that is not before the meeting, back to 19:30
 *    the evening before (only possible for N = 0 and a meeting before 08:00, or N = 1 and an evening
 *    meeting at 20:00 or later, whose T-1d moves to 08:00 on the meeting's day).
 * 3. Kept only when it is not before `now` and strictly before the meeting: a reminder whose moment passed
 *    because the meeting was planned late is skipped, not sent late.
 * 4. Late planning: when no person reminder is left and the meeting is more than 2 hours after the moment
 *    one could be sent, one person reminder is due at `now` (or, in quiet hours, at 08:00 the next morning),
 *    so a meeting planned for tomorrow still gets one reminder. Its slot is `person:late`. With no person
 *    offsets configured at all there is no late reminder either.
 *
 * `offsetDays` of an entry is the number of local calendar days from the day it is due to the day of the
 * meeting: the configured N, except after a move across midnight out of quiet hours (N - 1 or N + 1) and for
 * the late reminder (the actual distance). Cards say "over 7 dagen" / "morgen" from it. `slot` is stable for a configured offset
 * (`person:T-7d`, `channel:T-2d`, `person:late`); idempotency keys are built from it elsewhere.
 */

export type MeetingReminderKind = "person" | "channel-agenda";

export type MeetingReminder = {
  kind: MeetingReminderKind;
  offsetDays: number;
  dueAt: Date;
  slot: string;
};

export type PlanMeetingRemindersInput = {
  startsAt: Date;
  /** IANA zone of the region, e.g. "Europe/Amsterdam". */
  timeZone: string;
  now: Date;
  /** Whole calendar days before the meeting at which every contact person is reminded; default [7, 1]. */
  personOffsetsDays?: number[];
  /** Whole calendar days before the meeting at which the agenda goes to the region channel; default 2. */
  channelAgendaOffsetDays?: number;
};

export const DEFAULT_PERSON_OFFSETS_DAYS: readonly number[] = [7, 1];
export const DEFAULT_CHANNEL_AGENDA_OFFSET_DAYS = 2;
/** A late reminder only makes sense when the meeting is more than this far ahead of it. */
export const LATE_REMINDER_MIN_LEAD_MS = 2 * 60 * 60 * 1000;

function local(instant: Date, timeZone: string): DateTime {
  const dateTime = DateTime.fromJSDate(instant, { zone: timeZone });
  if (!dateTime.isValid) throw new RangeError(`invalid instant or time zone: ${dateTime.invalidExplanation}`);
  return dateTime;
}

function checkOffset(offset: number): void {
  if (!Number.isInteger(offset) || offset < 0)
    throw new RangeError(`offsets must be whole days >= 0, got ${offset}`);
}

/** Whole local calendar days from `from` to `to` (both already in the region's zone). */
const calendarDaysBetween = (from: DateTime, to: DateTime): number =>
  Math.round(to.startOf("day").diff(from.startOf("day"), "days").days);

/** Rules 1 and 2: the moment for offset N, moved out of quiet hours. */
function momentFor(start: DateTime, offset: number, timeZone: string): DateTime {
  const moment = outOfQuietHours(start.minus({ days: offset }).toJSDate(), timeZone, {
    deadline: start.toJSDate(),
  });
  return local(moment, timeZone);
}

/** The reminders of one meeting, sorted by `dueAt` (ties: person before channel, then by slot). */
export function planMeetingReminders(input: PlanMeetingRemindersInput): MeetingReminder[] {
  const { startsAt, timeZone, now } = input;
  const personOffsets = input.personOffsetsDays ?? DEFAULT_PERSON_OFFSETS_DAYS;
  const channelOffset = input.channelAgendaOffsetDays ?? DEFAULT_CHANNEL_AGENDA_OFFSET_DAYS;
  for (const offset of [...personOffsets, channelOffset]) checkOffset(offset);
  if (Number.isNaN(now.getTime())) throw new RangeError("invalid now");
  const start = local(startsAt, timeZone);
  const starts = startsAt.getTime();
  const nowMillis = now.getTime();

  const bySlot = new Map<string, MeetingReminder>();
  const add = (kind: MeetingReminderKind, slot: string, due: DateTime) => {
    const millis = due.toMillis();
    if (millis < nowMillis || millis >= starts || bySlot.has(slot)) return;
    bySlot.set(slot, { kind, slot, dueAt: new Date(millis), offsetDays: calendarDaysBetween(due, start) });
  };
  for (const offset of personOffsets)
    add("person", `person:T-${offset}d`, momentFor(start, offset, timeZone));
  add("channel-agenda", `channel:T-${channelOffset}d`, momentFor(start, channelOffset, timeZone));

  const hasPersonReminder = [...bySlot.values()].some((r) => r.kind === "person");
  if (personOffsets.length > 0 && !hasPersonReminder) {
    const due = outOfQuietHours(now, timeZone, { deadline: startsAt });
    if (starts - due.getTime() > LATE_REMINDER_MIN_LEAD_MS)
      add("person", "person:late", local(due, timeZone));
  }

  const kindOrder = (kind: MeetingReminderKind) => (kind === "person" ? 0 : 1);
  return [...bySlot.values()].sort(
    (a, b) =>
      a.dueAt.getTime() - b.dueAt.getTime() ||
      kindOrder(a.kind) - kindOrder(b.kind) ||
      a.slot.localeCompare(b.slot),
  );
}
