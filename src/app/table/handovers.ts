import { and, asc, eq, gte, inArray, isNotNull, lte, ne, notInArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { DateTime } from "luxon";
import type { Queryable } from "../../db/client.js";
import {
  deliveries,
  handovers,
  meetings,
  memberships,
  organisations,
  people,
  platformIdentities,
} from "../../db/schema.js";
import { calendarDateIn } from "../../domain/calendar-date.js";
import type { PersonReference } from "../../domain/commands/command.js";
import { planHandoverReminders } from "../../domain/reminders/plan-handover-reminders.js";
import { UserFacingError } from "../../domain/user-errors.js";
import type { Locale, Platform } from "../../domain/vocabulary.js";
import { recordAudit } from "../audit.js";
import type { AppContext } from "../context.js";
import { membershipActiveOn } from "../membership-active.js";
import { enqueue } from "../outbox/enqueue.js";
import type { DeliveryPayload } from "../outbox/payload.js";
import { queueMeetingReminders } from "./meetings.js";
import { requireChairOf } from "./region-access.js";

export type Handover = typeof handovers.$inferSelect;
const OPEN = ["started", "introduced", "briefed"] as const;
/** The steps after starting, in order: introduced at the table, briefed, completed. */
const NEXT_STEP = { started: "introduced", introduced: "briefed", briefed: "completed" } as const;

/** A person named in a command: a mention on this platform, or an e-mail address. */
export async function findNamedPerson(
  db: Queryable,
  reference: PersonReference,
  where: { platform: Platform; workspaceId: string },
) {
  const [row] =
    reference.kind === "email"
      ? await db.select().from(people).where(eq(people.email, reference.email.toLowerCase()))
      : await db
          .select({ person: people })
          .from(platformIdentities)
          .innerJoin(people, eq(people.id, platformIdentities.personId))
          .where(
            and(
              eq(platformIdentities.platform, where.platform),
              eq(platformIdentities.workspaceId, where.workspaceId),
              eq(platformIdentities.userId, reference.userId),
            ),
          )
          .then((rows) => rows.map((r) => r.person));
  if (!row) throw new UnknownPersonError(reference);
  return row;
}

/**
 * Starts a handover: the successor takes the predecessor's seat for the same organisation from the handover
 * day (the predecessor's membership ends that day). The successor gets a briefing, the chairs a task to
 * introduce them, the region's insurer and care-office contacts a notice (the seeds name uncoordinated
 * handovers as a failure), and the chairs reminders until it is completed.
 */
export async function startHandover(
  ctx: AppContext,
  input: {
    regionId: string;
    personId: string;
    predecessorId: string;
    successorId: string;
    handoverOn?: string;
  },
): Promise<Handover> {
  const today = calendarDateIn(ctx.timeZone, ctx.now());
  const handoverOn = input.handoverOn ?? today;
  if (input.predecessorId === input.successorId) throw new SamePersonError();
  return ctx.db.transaction(async (tx) => {
    const [seat] = await tx
      .select()
      .from(memberships)
      .where(
        and(
          eq(memberships.personId, input.predecessorId),
          eq(memberships.regionId, input.regionId),
          membershipActiveOn(today),
        ),
      )
      .orderBy(asc(memberships.activeFrom))
      .limit(1);
    if (!seat) throw new NoSeatError();
    const [handover] = await tx
      .insert(handovers)
      .values({
        regionId: input.regionId,
        organisationId: seat.organisationId,
        predecessorPersonId: input.predecessorId,
        successorPersonId: input.successorId,
        endingMembershipId: seat.id,
        handoverOn,
        startedByPersonId: input.personId,
      })
      .onConflictDoNothing()
      .returning();
    if (!handover) throw new HandoverAlreadyOpenError();
    await tx
      .update(memberships)
      .set({ activeUntil: handoverOn < seat.activeFrom ? seat.activeFrom : handoverOn })
      .where(eq(memberships.id, seat.id));
    await tx
      .insert(memberships)
      .values({
        personId: input.successorId,
        organisationId: seat.organisationId,
        regionId: input.regionId,
        role: seat.role,
        // A chair's successor chairs too; otherwise the region would be left without one.
        isChair: seat.isChair,
        activeFrom: handoverOn,
      })
      .onConflictDoNothing();
    // Reminders follow the seat: the successor is reminded of the meetings from the handover day on.
    const meetingsAhead = await tx
      .select()
      .from(meetings)
      .where(
        and(
          eq(meetings.regionId, input.regionId),
          eq(meetings.status, "planned"),
          gte(meetings.startsAt, ctx.now()),
        ),
      );
    for (const meeting of meetingsAhead) await queueMeetingReminders(ctx, tx, meeting);
    await queueHandoverMessages(ctx, tx, handover);
    await recordAudit(tx, {
      action: "handover.start",
      subjectType: "handover",
      subjectId: handover.id,
      actorPersonId: input.personId,
    });
    return handover;
  });
}

async function queueHandoverMessages(ctx: AppContext, db: Queryable, handover: Handover) {
  const today = calendarDateIn(ctx.timeZone, ctx.now());
  const seated = await db
    .select({ personId: memberships.personId, isChair: memberships.isChair, type: organisations.type })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(and(eq(memberships.regionId, handover.regionId), membershipActiveOn(today)));
  const chairs = [...new Set(seated.filter((s) => s.isChair).map((s) => s.personId))];
  const informed = [
    ...new Set(
      seated
        .filter((s) => s.type === "zorgverzekeraar" || s.type === "zorgkantoor")
        .map((s) => s.personId)
        .filter((id) => id !== handover.predecessorPersonId && id !== handover.successorPersonId),
    ),
  ];
  // Without a named successor the organisation's other contacts are asked too (they know who comes next).
  const colleagues = handover.successorPersonId
    ? []
    : (
        await db
          .selectDistinct({ personId: memberships.personId })
          .from(memberships)
          .where(
            and(
              eq(memberships.organisationId, handover.organisationId),
              ne(memberships.personId, handover.predecessorPersonId),
              membershipActiveOn(today),
            ),
          )
      ).map((r) => r.personId);
  const reminded = [...new Set([...chairs, ...colleagues])];
  const deferred = (
    kind: "handover-briefing" | "handover-task" | "handover-notice" | "handover-reminder",
  ): DeliveryPayload => ({
    type: "deferred",
    deferred: { kind, handoverId: handover.id },
  });
  const key = `handover:${handover.id}`;
  const rows = [
    ...(handover.successorPersonId
      ? [
          {
            idempotencyKey: `${key}:briefing`,
            kind: "handover-briefing" as const,
            personId: handover.successorPersonId,
            payload: deferred("handover-briefing"),
            dueAt: ctx.now(),
          },
        ]
      : []),
    ...(handover.successorPersonId ? chairs : []).map((personId) => ({
      idempotencyKey: `${key}:task:${personId}`,
      kind: "handover-task" as const,
      personId,
      payload: deferred("handover-task"),
      dueAt: ctx.now(),
    })),
    ...(handover.successorPersonId ? informed : []).map((personId) => ({
      idempotencyKey: `${key}:notice:${personId}`,
      kind: "handover-notice" as const,
      personId,
      payload: deferred("handover-notice"),
      dueAt: ctx.now(),
    })),
    ...planHandoverReminders({ startedAt: ctx.now(), timeZone: ctx.timeZone }).flatMap(({ days, dueAt }) =>
      reminded.map((personId) => ({
        idempotencyKey: `${key}:reminder:${days}:${personId}`,
        kind: "handover-reminder" as const,
        personId,
        payload: deferred("handover-reminder"),
        dueAt,
      })),
    ),
  ];
  await enqueue(db, rows);
}

/** Open handovers of a region with both names, oldest first: what `overdracht` lists and its numbers point at. */
export async function openHandovers(
  ctx: AppContext,
  regionId: string,
): Promise<
  (Handover & { predecessorName: string; successorName: string | null; organisationName: string })[]
> {
  const predecessor = alias(people, "predecessor");
  const successor = alias(people, "successor");
  const rows = await ctx.db
    .select({
      handover: handovers,
      predecessorName: predecessor.name,
      successorName: successor.name,
      organisationName: organisations.name,
    })
    .from(handovers)
    .innerJoin(organisations, eq(organisations.id, handovers.organisationId))
    .innerJoin(predecessor, eq(predecessor.id, handovers.predecessorPersonId))
    .leftJoin(successor, eq(successor.id, handovers.successorPersonId))
    .where(and(eq(handovers.regionId, regionId), inArray(handovers.status, [...OPEN])))
    .orderBy(asc(handovers.createdAt));
  return rows.map((r) => ({
    ...r.handover,
    predecessorName: r.predecessorName,
    successorName: r.successorName,
    organisationName: r.organisationName,
  }));
}

/** `overdracht klaar «n»`: the next step (introduced → briefed → completed). */
export async function advanceHandover(
  ctx: AppContext,
  input: { regionId: string; personId: string; handover: number },
): Promise<Handover> {
  const list = await openHandovers(ctx, input.regionId);
  const handover = list[input.handover - 1];
  if (!handover) throw new UnknownHandoverError(input.handover, list.length);
  const next = NEXT_STEP[handover.status as keyof typeof NEXT_STEP];
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(handovers)
      .set({ status: next, ...(next === "completed" ? { completedAt: ctx.now() } : {}) })
      .where(and(eq(handovers.id, handover.id), eq(handovers.status, handover.status)))
      .returning();
    if (!updated) throw new UnknownHandoverError(input.handover, list.length);
    if (next === "completed") {
      await tx
        .update(deliveries)
        .set({ status: "cancelled" })
        .where(
          and(
            eq(deliveries.kind, "handover-reminder"),
            eq(deliveries.status, "pending"),
            sql`${deliveries.payload} -> 'deferred' ->> 'handoverId' = ${handover.id}`,
          ),
        );
    }
    await recordAudit(tx, {
      action: `handover.${next}`,
      subjectType: "handover",
      subjectId: handover.id,
      actorPersonId: input.personId,
    });
    return updated;
  });
}

/** The chair's "geïntroduceerd" button on the handover task: the first step, once. */
export async function markHandoverIntroduced(
  ctx: AppContext,
  input: { handoverId: string; personId: string },
): Promise<Handover> {
  const [handover] = await ctx.db.select().from(handovers).where(eq(handovers.id, input.handoverId));
  if (!handover) throw new UnknownHandoverError(0, 0);
  await requireChairOf(ctx, input.personId, handover.regionId);
  if (handover.status !== "started") return handover;
  return ctx.db.transaction(async (tx) => {
    const [updated] = await tx
      .update(handovers)
      .set({ status: "introduced" })
      .where(and(eq(handovers.id, handover.id), eq(handovers.status, "started")))
      .returning();
    await recordAudit(tx, {
      action: "handover.introduced",
      subjectType: "handover",
      subjectId: handover.id,
      actorPersonId: input.personId,
    });
    return updated ?? handover;
  });
}

/**
 * Memberships that end without a successor (an import set their end date, nobody else sits for that
 * organisation afterwards): a handover without a successor is started, and the chairs and the organisation's
 * other contacts are asked to name one. Runs with the scheduler; each ending membership starts one handover.
 */
export async function startHandoversForEndingMemberships(ctx: AppContext): Promise<number> {
  const today = calendarDateIn(ctx.timeZone, ctx.now());
  const horizon = DateTime.fromISO(today).plus({ days: 30 }).toISODate() ?? today;
  const ending = await ctx.db
    .select()
    .from(memberships)
    .where(
      and(
        gte(memberships.activeUntil, today),
        lte(memberships.activeUntil, horizon),
        notInArray(
          memberships.id,
          ctx.db
            .select({ id: handovers.endingMembershipId })
            .from(handovers)
            // NOT IN over a NULL would exclude every row.
            .where(isNotNull(handovers.endingMembershipId)),
        ),
      ),
    );
  let started = 0;
  for (const seat of ending) {
    const after = DateTime.fromISO(seat.activeUntil as string)
      .plus({ days: 1 })
      .toISODate() as string;
    const [successor] = await ctx.db
      .select({ id: memberships.id })
      .from(memberships)
      .where(
        and(
          eq(memberships.organisationId, seat.organisationId),
          eq(memberships.regionId, seat.regionId),
          // The alderman staying does not replace the civil servant leaving: the same role is a successor.
          eq(memberships.role, seat.role),
          ne(memberships.personId, seat.personId),
          membershipActiveOn(after),
        ),
      )
      .limit(1);
    if (successor) continue;
    await ctx.db.transaction(async (tx) => {
      const [handover] = await tx
        .insert(handovers)
        .values({
          regionId: seat.regionId,
          organisationId: seat.organisationId,
          predecessorPersonId: seat.personId,
          endingMembershipId: seat.id,
          handoverOn: after,
        })
        .onConflictDoNothing()
        .returning();
      if (!handover) return;
      started++;
      await queueHandoverMessages(ctx, tx, handover);
      await recordAudit(tx, {
        action: "handover.start-automatic",
        subjectType: "handover",
        subjectId: handover.id,
      });
    });
  }
  return started;
}

export class UnknownPersonError extends UserFacingError {
  readonly code = "UNKNOWN_PERSON";
  constructor(readonly reference: PersonReference) {
    super("unknown person");
  }
  userMessage(locale: Locale) {
    const who = this.reference.kind === "email" ? this.reference.email : `<@${this.reference.userId}>`;
    return locale === "en"
      ? `I don't know ${who} yet. Ask the coordinator to import them as a contact person first.`
      : `${who} ken ik nog niet. Vraag de coördinator om hem of haar eerst als contactpersoon te importeren.`;
  }
}

export class NoSeatError extends UserFacingError {
  readonly code = "NO_SEAT";
  userMessage(locale: Locale) {
    return locale === "en"
      ? "The person to be replaced is not a contact person of this region."
      : "Wie vervangen wordt, is geen contactpersoon van deze regio.";
  }
}

export class SamePersonError extends UserFacingError {
  readonly code = "SAME_PERSON";
  userMessage(locale: Locale) {
    return locale === "en"
      ? "The successor must be someone other than the person they replace."
      : "De opvolger moet iemand anders zijn dan wie vervangen wordt.";
  }
}

export class HandoverAlreadyOpenError extends UserFacingError {
  readonly code = "HANDOVER_OPEN";
  userMessage(locale: Locale) {
    return locale === "en"
      ? "A handover for this person is already under way; `overdracht` shows it."
      : "Voor deze persoon loopt al een overdracht; `overdracht` toont hem.";
  }
}

export class UnknownHandoverError extends UserFacingError {
  readonly code = "UNKNOWN_HANDOVER";
  constructor(
    readonly number: number,
    readonly open: number,
  ) {
    super("unknown handover");
  }
  userMessage(locale: Locale) {
    return locale === "en"
      ? `There is no open handover ${this.number}: ${this.open} open. \`overdracht\` lists them.`
      : `Overdracht ${this.number} bestaat niet: er ${this.open === 1 ? "loopt er 1" : `lopen er ${this.open}`}. \`overdracht\` toont ze.`;
  }
}
