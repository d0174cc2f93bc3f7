import { and, eq, ne } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  escalations,
  handovers,
  meetings,
  memberships,
  organisations,
  people,
  regions,
} from "../db/schema.js";
import { calendarDateIn } from "../domain/calendar-date.js";
import type { Card } from "../domain/cards/card.js";
import {
  channelAgendaCard,
  escalationCard,
  handoverBriefingCard,
  handoverNoticeCard,
  handoverReminderCard,
  handoverTaskCard,
  meetingReminderCard,
} from "../domain/cards/table-cards.js";
import { NotInvitedError } from "../domain/user-errors.js";
import type { Locale } from "../domain/vocabulary.js";
import { ownedButtonValue } from "./commands/button-owner.js";
import type { AppContext } from "./context.js";
import { membershipActiveOn } from "./membership-active.js";
import type { DeferredCard, RenderDeferred } from "./outbox/payload.js";
import { chairTextsCardFor } from "./survey/chair-texts.js";
import { currentInvitationCard } from "./survey/current-invitation-card.js";
import { agendaOf } from "./table/agenda.js";
import { agreementsOf } from "./table/agreements.js";
import { openHandovers } from "./table/handovers.js";
import { upcomingMeetings } from "./table/meetings.js";

export const HANDOVER_INTRODUCED_ACTION = "handover_introduced";
/** The value of a chair's "geïntroduceerd" button: that chair's alone (read back in `runCardAction`). */
export const handoverTaskValue = (chairPersonId: string, handoverId: string) =>
  ownedButtonValue(chairPersonId, { handoverId });

/**
 * Makes the cards the outbox sends later than they were queued, from the state at sending time: a meeting
 * reminder shows today's agenda; a reminder for a meeting that moved or was cancelled, or for a handover that
 * was completed, is no longer wanted (undefined).
 */
export function createDeferredCardRenderer(ctx: AppContext): RenderDeferred {
  return async (deferred, recipient) => {
    const locale = recipient.locale ?? ctx.locale;
    switch (deferred.kind) {
      case "meeting-reminder":
      case "meeting-agenda":
        return meetingCard(ctx, deferred, locale, recipient.personId);
      case "escalation":
        return escalationCardFor(ctx, deferred.escalationId, locale);
      case "survey-invitation":
        return invitationCardFor(ctx, deferred.invitationId, recipient.personId);
      case "handover-briefing":
      case "handover-task":
      case "handover-notice":
      case "handover-reminder":
        return handoverCard(ctx, deferred, locale, recipient.personId);
      case "summary-texts":
        return chairTextsCardFor(ctx, deferred, locale, recipient.personId);
    }
  };
}

async function meetingCard(
  ctx: AppContext,
  deferred: Extract<DeferredCard, { meetingId: string }>,
  locale: Locale,
  personId: string | undefined,
): Promise<Card | undefined> {
  const [row] = await ctx.db
    .select({ meeting: meetings, regionName: regions.name })
    .from(meetings)
    .innerJoin(regions, eq(regions.id, meetings.regionId))
    .where(eq(meetings.id, deferred.meetingId));
  // Moved (a new reminder exists for the new moment) or cancelled: this one is stale.
  if (row?.meeting.status !== "planned" || row.meeting.startsAt.toISOString() !== deferred.startsAt)
    return undefined;
  // Someone who no longer sits at the table on the meeting's day (replaced meanwhile) is not reminded.
  if (personId && !(await sitsAtTableOn(ctx, personId, row.meeting.regionId, row.meeting.startsAt)))
    return undefined;
  const agenda = await agendaOf(ctx.db, row.meeting.id);
  const input = {
    locale,
    timeZone: ctx.timeZone,
    regionName: row.regionName,
    meeting: row.meeting,
    offsetDays: deferred.offsetDays,
    agenda,
  };
  return deferred.kind === "meeting-reminder" ? meetingReminderCard(input) : channelAgendaCard(input);
}

/** The invitation card as it now is for its person; an invitation that is gone is no longer wanted. */
async function invitationCardFor(ctx: AppContext, invitationId: string, personId: string | undefined) {
  if (!personId) return undefined;
  try {
    return await currentInvitationCard(ctx, { personId, invitationId });
  } catch (error) {
    if (error instanceof NotInvitedError) return undefined;
    throw error;
  }
}

/** The role (bestuurlijk, ambtelijk) of the seat that is handed over. */
async function seatRoleOf(ctx: AppContext, membershipId: string | null) {
  if (!membershipId) return undefined;
  const [seat] = await ctx.db
    .select({ role: memberships.role })
    .from(memberships)
    .where(eq(memberships.id, membershipId));
  return seat?.role;
}

async function sitsAtTableOn(ctx: AppContext, personId: string, regionId: string, at: Date) {
  const day = calendarDateIn(ctx.timeZone, at);
  const [seat] = await ctx.db
    .select({ id: memberships.id })
    .from(memberships)
    .where(
      and(eq(memberships.personId, personId), eq(memberships.regionId, regionId), membershipActiveOn(day)),
    )
    .limit(1);
  return seat !== undefined;
}

async function escalationCardFor(ctx: AppContext, escalationId: string, locale: Locale) {
  const [row] = await ctx.db
    .select({ escalation: escalations, regionName: regions.name, personName: people.name })
    .from(escalations)
    .innerJoin(regions, eq(regions.id, escalations.regionId))
    .innerJoin(people, eq(people.id, escalations.personId))
    .where(eq(escalations.id, escalationId));
  if (!row) return undefined;
  return escalationCard({
    locale,
    timeZone: ctx.timeZone,
    regionName: row.regionName,
    askedBy: { name: row.personName },
    text: row.escalation.text,
    askedAt: row.escalation.createdAt,
  });
}

async function handoverCard(
  ctx: AppContext,
  deferred: Extract<DeferredCard, { handoverId: string }>,
  locale: Locale,
  personId: string | undefined,
): Promise<Card | undefined> {
  const predecessor = alias(people, "predecessor");
  const successor = alias(people, "successor");
  const [row] = await ctx.db
    .select({
      handover: handovers,
      regionName: regions.name,
      organisationName: organisations.name,
      organisationType: organisations.type,
      predecessorName: predecessor.name,
      successorName: successor.name,
    })
    .from(handovers)
    .innerJoin(regions, eq(regions.id, handovers.regionId))
    .innerJoin(organisations, eq(organisations.id, handovers.organisationId))
    .innerJoin(predecessor, eq(predecessor.id, handovers.predecessorPersonId))
    .leftJoin(successor, eq(successor.id, handovers.successorPersonId))
    .where(eq(handovers.id, deferred.handoverId));
  if (!row) return undefined;
  const { handover } = row;
  const open = handover.status !== "completed" && handover.status !== "cancelled";
  const successorName = row.successorName ?? "";
  switch (deferred.kind) {
    case "handover-notice":
      return handoverNoticeCard({
        locale,
        regionName: row.regionName,
        predecessorName: row.predecessorName,
        successorName,
        organisationName: row.organisationName,
        organisationType: row.organisationType,
        handoverOn: handover.handoverOn,
      });
    case "handover-task": {
      // A task is always one chair's (never a channel's): its button is theirs.
      if (!open || !personId) return undefined;
      const [next] = await upcomingMeetings(ctx, handover.regionId);
      return handoverTaskCard({
        locale,
        timeZone: ctx.timeZone,
        regionName: row.regionName,
        successorName,
        predecessorName: row.predecessorName,
        organisationName: row.organisationName,
        handoverOn: handover.handoverOn,
        nextMeeting: next,
        introduced: { id: HANDOVER_INTRODUCED_ACTION, value: handoverTaskValue(personId, handover.id) },
      });
    }
    case "handover-reminder": {
      if (!open) return undefined;
      const list = await openHandovers(ctx, handover.regionId);
      const number = list.findIndex((h) => h.id === handover.id) + 1;
      return handoverReminderCard({
        locale,
        regionName: row.regionName,
        predecessorName: row.predecessorName,
        successorName: row.successorName,
        organisationName: row.organisationName,
        handoverOn: handover.handoverOn,
        status: handover.status,
        number: number || undefined,
      });
    }
    default: {
      if (!open) return undefined;
      const today = calendarDateIn(ctx.timeZone, ctx.now());
      const [nextMeetings, agreements, others] = await Promise.all([
        upcomingMeetings(ctx, handover.regionId),
        agreementsOf(ctx, handover.regionId),
        ctx.db
          .selectDistinct({
            name: people.name,
            organisationName: organisations.name,
            organisationType: organisations.type,
          })
          .from(memberships)
          .innerJoin(people, eq(people.id, memberships.personId))
          .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
          .where(
            and(
              eq(memberships.regionId, handover.regionId),
              membershipActiveOn(today),
              ne(memberships.personId, handover.successorPersonId ?? handover.predecessorPersonId),
              ne(memberships.personId, handover.predecessorPersonId),
            ),
          ),
      ]);
      const openAgendaItems = nextMeetings[0] ? await agendaOf(ctx.db, nextMeetings[0].id) : [];
      return handoverBriefingCard({
        locale,
        timeZone: ctx.timeZone,
        regionName: row.regionName,
        successorName,
        predecessorName: row.predecessorName,
        organisationName: row.organisationName,
        organisationRole: row.organisationType,
        membershipRole: await seatRoleOf(ctx, handover.endingMembershipId),
        handoverOn: handover.handoverOn,
        agreements,
        openAgendaItems,
        nextMeetings: nextMeetings.slice(0, 3),
        otherContacts: others,
      });
    }
  }
}
