import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { meetings } from "../../db/schema.js";
import type { Card } from "../../domain/cards/card.js";
import { meetingDayOffCard } from "../../domain/cards/meeting-day-card.js";
import { nonWorkingDay } from "../../domain/dutch-holidays.js";
import { formatDateTime, pick } from "../../domain/i18n.js";
import type { Locale } from "../../domain/vocabulary.js";
import type { AppContext } from "../context.js";
import { type Meeting, MeetingInPastError, meetingInstant, planMeeting } from "../table/meetings.js";
import { ownedButtonValue } from "./button-owner.js";
import type { CommandReply } from "./run-chat-command.js";

export const MEETING_PLAN_CONFIRM_ACTION = "meeting_plan_confirm";
export const MEETING_PLAN_CANCEL_ACTION = "meeting_plan_cancel";

/** What the question's buttons carry (besides the chair they ask): the meeting to plan, for its region. */
export const PendingMeetingSchema = z.object({
  regionId: z.uuid(),
  date: z.iso.date(),
  time: z.string().regex(/^\d{2}:\d{2}$/),
  location: z.string().min(1).max(500).optional(),
});
export type PendingMeeting = z.infer<typeof PendingMeetingSchema>;

/**
 * `overleg plan` on a Saturday, Sunday or Dutch public holiday: a card asking whether that is meant, whose
 * *Ja, plannen* button carries the meeting (see `confirmPendingMeeting`), for the chair who typed it only.
 * Undefined on a working day; a moment in the past is refused at once (asking first would only delay it).
 */
export function askBeforeDayOff(
  ctx: AppContext,
  input: { chairPersonId: string; locale: Locale; pending: PendingMeeting },
): { visibility: "private"; text: string; card: Card } | undefined {
  const { locale, pending } = input;
  if (meetingInstant(pending.date, pending.time, ctx.timeZone) <= ctx.now()) throw new MeetingInPastError();
  const dayOff = nonWorkingDay(pending.date);
  if (!dayOff) return undefined;
  const value = ownedButtonValue(input.chairPersonId, pending);
  const card = meetingDayOffCard({
    locale,
    date: pending.date,
    dayName: dayOff.name,
    time: pending.time,
    location: pending.location,
    confirm: { id: MEETING_PLAN_CONFIRM_ACTION, value },
    cancel: { id: MEETING_PLAN_CANCEL_ACTION, value },
  });
  return { visibility: "private", text: card.fallbackText, card };
}

/**
 * Plans the meeting the chair confirmed. A second press (a double click, a redelivered action) finds the
 * meeting it planned and answers the same, planning nothing twice.
 */
export async function confirmPendingMeeting(
  ctx: AppContext,
  input: { personId: string; locale: Locale; pending: PendingMeeting },
): Promise<CommandReply> {
  const { pending } = input;
  const startsAt = meetingInstant(pending.date, pending.time, ctx.timeZone);
  const [already] = await ctx.db
    .select()
    .from(meetings)
    .where(
      and(
        eq(meetings.regionId, pending.regionId),
        eq(meetings.startsAt, startsAt),
        eq(meetings.status, "planned"),
      ),
    );
  const meeting = already ?? (await planMeeting(ctx, { ...pending, personId: input.personId }));
  return meetingPlannedReply(ctx, input.locale, meeting);
}

export function meetingPlannedReply(ctx: AppContext, locale: Locale, meeting: Meeting): CommandReply {
  const at = formatDateTime(meeting.startsAt, locale, ctx.timeZone);
  const where = meeting.location ? ` (${meeting.location})` : "";
  return {
    visibility: "channel",
    text: pick(locale, {
      nl: `Overleg gepland op ${at}${where}. De contactpersonen krijgen een week en een dag vooraf een herinnering.`,
      en: `Meeting planned on ${at}${where}. The contact persons are reminded a week and a day before.`,
    }),
  };
}
