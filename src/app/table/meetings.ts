import { and, asc, eq, gte, inArray, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Queryable } from "../../db/client.js";
import { channelBindings, deliveries, meetings, memberships } from "../../db/schema.js";
import { calendarDateIn } from "../../domain/calendar-date.js";
import { planMeetingReminders } from "../../domain/reminders/plan-meeting-reminders.js";
import { UserFacingError } from "../../domain/user-errors.js";
import type { Locale } from "../../domain/vocabulary.js";
import { recordAudit } from "../audit.js";
import type { AppContext } from "../context.js";
import { membershipActiveOn } from "../membership-active.js";
import { enqueue, type OutboxMessage } from "../outbox/enqueue.js";
import type { DeliveryPayload } from "../outbox/payload.js";

export type Meeting = typeof meetings.$inferSelect;

/** The instant of a day and wall-clock time in the region's time zone (DST included). */
export function meetingInstant(date: string, time: string, timeZone: string): Date {
  return DateTime.fromISO(`${date}T${time}`, { zone: timeZone }).toJSDate();
}

/** Planned meetings from now on, soonest first: what `overleg` lists and what its numbers point at. */
export async function upcomingMeetings(ctx: AppContext, regionId: string): Promise<Meeting[]> {
  return ctx.db
    .select()
    .from(meetings)
    .where(
      and(eq(meetings.regionId, regionId), eq(meetings.status, "planned"), gte(meetings.startsAt, ctx.now())),
    )
    .orderBy(asc(meetings.startsAt));
}

export async function upcomingMeeting(ctx: AppContext, regionId: string, number = 1): Promise<Meeting> {
  const list = await upcomingMeetings(ctx, regionId);
  const meeting = list[number - 1];
  if (!meeting) throw new UnknownMeetingError(number, list.length);
  return meeting;
}

export async function planMeeting(
  ctx: AppContext,
  input: { regionId: string; personId: string; date: string; time: string; location?: string },
): Promise<Meeting> {
  const startsAt = meetingInstant(input.date, input.time, ctx.timeZone);
  if (startsAt <= ctx.now()) throw new MeetingInPastError();
  return ctx.db.transaction(async (tx) => {
    const [meeting] = await tx
      .insert(meetings)
      .values({
        regionId: input.regionId,
        startsAt,
        location: input.location ?? null,
        createdByPersonId: input.personId,
      })
      .returning();
    if (!meeting) throw new Error("meeting not stored");
    await queueMeetingReminders(ctx, tx, meeting);
    await recordAudit(tx, {
      action: "meeting.plan",
      subjectType: "meeting",
      subjectId: meeting.id,
      actorPersonId: input.personId,
      details: { startsAt: startsAt.toISOString() },
    });
    return meeting;
  });
}

export async function rescheduleMeeting(
  ctx: AppContext,
  input: { regionId: string; personId: string; meeting: number; date: string; time: string },
): Promise<{ before: Meeting; after: Meeting }> {
  const before = await upcomingMeeting(ctx, input.regionId, input.meeting);
  const startsAt = meetingInstant(input.date, input.time, ctx.timeZone);
  if (startsAt <= ctx.now()) throw new MeetingInPastError();
  return ctx.db.transaction(async (tx) => {
    const [after] = await tx
      .update(meetings)
      .set({ startsAt })
      .where(and(eq(meetings.id, before.id), eq(meetings.status, "planned")))
      .returning();
    if (!after) throw new UnknownMeetingError(input.meeting, 0);
    // What is pending for the old moment goes; the new moment gets its own reminders.
    await cancelMeetingReminders(tx, before.id);
    await queueMeetingReminders(ctx, tx, after);
    await recordAudit(tx, {
      action: "meeting.reschedule",
      subjectType: "meeting",
      subjectId: before.id,
      actorPersonId: input.personId,
      details: { from: before.startsAt.toISOString(), to: startsAt.toISOString() },
    });
    return { before, after };
  });
}

export async function cancelMeeting(
  ctx: AppContext,
  input: { regionId: string; personId: string; meeting: number },
): Promise<Meeting> {
  const meeting = await upcomingMeeting(ctx, input.regionId, input.meeting);
  return ctx.db.transaction(async (tx) => {
    await tx.update(meetings).set({ status: "cancelled" }).where(eq(meetings.id, meeting.id));
    await cancelMeetingReminders(tx, meeting.id);
    await recordAudit(tx, {
      action: "meeting.cancel",
      subjectType: "meeting",
      subjectId: meeting.id,
      actorPersonId: input.personId,
    });
    return meeting;
  });
}

/**
 * One outbox row per reminder: to every active contact person of the region (T-7 with the agenda, T-1) and the
 * agenda to the region's channels (T-2). The cards are made when sent, so they show the agenda as it is then;
 * the key holds the meeting's moment, so a rescheduled meeting gets new rows and the old ones are cancelled.
 */
export async function queueMeetingReminders(ctx: AppContext, db: Queryable, meeting: Meeting) {
  const plan = planMeetingReminders({
    startsAt: meeting.startsAt,
    timeZone: ctx.timeZone,
    now: ctx.now(),
    personOffsetsDays: ctx.meetingReminders?.personDays,
    channelAgendaOffsetDays: ctx.meetingReminders?.channelAgendaDays,
  });
  if (!plan.length) return;
  // Whoever sits at the table on the meeting's day: a successor who starts before it is reminded, the person
  // they replace is not.
  const meetingDay = calendarDateIn(ctx.timeZone, meeting.startsAt);
  const people = await db
    .selectDistinct({ personId: memberships.personId })
    .from(memberships)
    .where(and(eq(memberships.regionId, meeting.regionId), membershipActiveOn(meetingDay)));
  const channels = await db
    .select({ id: channelBindings.id })
    .from(channelBindings)
    .where(and(eq(channelBindings.regionId, meeting.regionId), eq(channelBindings.purpose, "region")));
  const moment = meeting.startsAt.toISOString();
  const rows = plan.flatMap((reminder): OutboxMessage[] => {
    const deferred = (kind: "meeting-reminder" | "meeting-agenda"): DeliveryPayload => ({
      type: "deferred",
      deferred: { kind, meetingId: meeting.id, startsAt: moment, offsetDays: reminder.offsetDays },
    });
    const base = `meeting:${meeting.id}:${moment}:${reminder.slot}`;
    return reminder.kind === "person"
      ? people.map((p) => ({
          idempotencyKey: `${base}:${p.personId}`,
          kind: "meeting-reminder" as const,
          personId: p.personId,
          payload: deferred("meeting-reminder"),
          dueAt: reminder.dueAt,
        }))
      : channels.map((c) => ({
          idempotencyKey: `${base}:${c.id}`,
          kind: "meeting-agenda" as const,
          channelBindingId: c.id,
          payload: deferred("meeting-agenda"),
          dueAt: reminder.dueAt,
        }));
  });
  if (!rows.length) return;
  // A meeting moved back to a moment it had before finds its cancelled rows under the same keys: they are
  // due again. Rows that were sent or are pending stay as they are.
  await enqueue(db, rows, { reviveCancelled: true });
}

async function cancelMeetingReminders(db: Queryable, meetingId: string) {
  await db
    .update(deliveries)
    .set({ status: "cancelled" })
    .where(
      and(
        inArray(deliveries.kind, ["meeting-reminder", "meeting-agenda"]),
        eq(deliveries.status, "pending"),
        sql`${deliveries.payload} -> 'deferred' ->> 'meetingId' = ${meetingId}`,
      ),
    );
}

export class UnknownMeetingError extends UserFacingError {
  readonly code = "UNKNOWN_MEETING";
  constructor(
    readonly number: number,
    readonly planned: number,
  ) {
    super("unknown meeting");
  }
  userMessage(locale: Locale) {
    if (this.planned === 0) {
      return locale === "en"
        ? "No meeting is planned. A chair plans one with `meeting plan «date» «time» [place]`."
        : "Er is geen overleg gepland. Een voorzitter plant er een met `overleg plannen «datum» «tijd» [plaats]`.";
    }
    return locale === "en"
      ? `There is no meeting ${this.number}: ${this.planned} ${this.planned === 1 ? "is" : "are"} planned. \`overleg\` lists them.`
      : `Overleg ${this.number} bestaat niet: er ${this.planned === 1 ? "is er 1" : `zijn er ${this.planned}`} gepland. \`overleg\` toont ze.`;
  }
}

export class MeetingInPastError extends UserFacingError {
  readonly code = "MEETING_IN_PAST";
  userMessage(locale: Locale) {
    return locale === "en"
      ? "That moment has already passed; choose a date and time in the future."
      : "Dat moment is al voorbij; kies een datum en tijd in de toekomst.";
  }
}
