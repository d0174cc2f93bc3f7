import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { agendaItems, auditLog, topicScopeEntries } from "../../db/schema.js";
import { UserFacingError } from "../../domain/user-errors.js";
import type { Locale, Theme } from "../../domain/vocabulary.js";
import { recordAudit } from "../audit.js";
import type { AppContext } from "../context.js";
import { type Meeting, upcomingMeeting } from "./meetings.js";

export type AgendaItem = typeof agendaItems.$inferSelect;
export type ForbiddenTopic = typeof topicScopeEntries.$inferSelect;

/** The agenda of a meeting, in order (removed items left out). */
export async function agendaOf(db: Queryable, meetingId: string): Promise<AgendaItem[]> {
  return db
    .select()
    .from(agendaItems)
    .where(and(eq(agendaItems.meetingId, meetingId), isNull(agendaItems.removedAt)))
    .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt));
}

export async function showAgenda(ctx: AppContext, input: { regionId: string; meeting?: number }) {
  const meeting = await upcomingMeeting(ctx, input.regionId, input.meeting ?? 1);
  return { meeting, items: await agendaOf(ctx.db, meeting.id) };
}

/**
 * A forbidden topic the item touches: the same theme, or the topic's words in the item's text. The region's
 * financiers agreed not to discuss it (for instance competitive matters between insurers).
 */
export function matchForbiddenTopic(
  forbidden: ForbiddenTopic[],
  item: { text: string; theme?: Theme },
): ForbiddenTopic | undefined {
  const text = item.text.toLowerCase();
  return forbidden.find(
    (entry) =>
      entry.status === "forbidden" &&
      ((entry.theme !== null && entry.theme === item.theme) || text.includes(entry.topic.toLowerCase())),
  );
}

export type AddAgendaItemResult =
  | { status: "added"; meeting: Meeting; item: AgendaItem }
  | { status: "needs-confirmation"; meeting: Meeting; topic: ForbiddenTopic };

/**
 * Adds an item to the next meeting's agenda. An item on a forbidden topic is not added until the chair
 * confirms (`confirmed`); both the question and the decision are in the audit log.
 */
export async function addAgendaItem(
  ctx: AppContext,
  input: {
    regionId: string;
    personId: string;
    text: string;
    theme?: Theme;
    /** The chair's confirmation of an item on a forbidden topic; its id makes a second press add nothing. */
    confirmation?: string;
  },
): Promise<AddAgendaItemResult> {
  const meeting = await upcomingMeeting(ctx, input.regionId, 1);
  const forbidden = await ctx.db
    .select()
    .from(topicScopeEntries)
    .where(and(eq(topicScopeEntries.regionId, input.regionId), eq(topicScopeEntries.status, "forbidden")));
  const topic = matchForbiddenTopic(forbidden, input);
  if (topic && !input.confirmation) {
    await recordAudit(ctx.db, {
      action: "agenda.guard.asked",
      subjectType: "meeting",
      subjectId: meeting.id,
      actorPersonId: input.personId,
      details: { topic: topic.topic },
    });
    return { status: "needs-confirmation", meeting, topic };
  }
  return ctx.db.transaction(async (tx) => {
    if (topic && input.confirmation) {
      const [earlier] = await tx
        .select({ itemId: auditLog.subjectId })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.action, "agenda.guard.confirmed"),
            sql`${auditLog.details} ->> 'confirmation' = ${input.confirmation}`,
          ),
        );
      const [item] = earlier?.itemId
        ? await tx.select().from(agendaItems).where(eq(agendaItems.id, earlier.itemId))
        : [];
      if (item) return { status: "added" as const, meeting, item };
    }
    const items = await agendaOf(tx, meeting.id);
    const [item] = await tx
      .insert(agendaItems)
      .values({
        meetingId: meeting.id,
        position: items.length + 1,
        text: input.text.trim(),
        theme: input.theme ?? null,
        createdByPersonId: input.personId,
      })
      .returning();
    if (!item) throw new Error("agenda item not stored");
    await recordAudit(tx, {
      action: topic ? "agenda.guard.confirmed" : "agenda.add",
      subjectType: "agenda_item",
      subjectId: item.id,
      actorPersonId: input.personId,
      details: topic ? { topic: topic.topic, confirmation: input.confirmation } : undefined,
    });
    return { status: "added" as const, meeting, item };
  });
}

export async function removeAgendaItem(
  ctx: AppContext,
  input: { regionId: string; personId: string; item: number },
): Promise<AgendaItem> {
  const meeting = await upcomingMeeting(ctx, input.regionId, 1);
  return ctx.db.transaction(async (tx) => {
    const items = await agendaOf(tx, meeting.id);
    const removed = items[input.item - 1];
    if (!removed) throw new UnknownAgendaItemError(input.item, items.length);
    await tx.update(agendaItems).set({ removedAt: ctx.now() }).where(eq(agendaItems.id, removed.id));
    await renumber(
      tx,
      items.filter((i) => i.id !== removed.id),
    );
    await recordAudit(tx, {
      action: "agenda.remove",
      subjectType: "agenda_item",
      subjectId: removed.id,
      actorPersonId: input.personId,
    });
    return removed;
  });
}

export async function moveAgendaItem(
  ctx: AppContext,
  input: { regionId: string; personId: string; item: number; position: number },
): Promise<AgendaItem[]> {
  const meeting = await upcomingMeeting(ctx, input.regionId, 1);
  return ctx.db.transaction(async (tx) => {
    const items = await agendaOf(tx, meeting.id);
    const moved = items[input.item - 1];
    if (!moved) throw new UnknownAgendaItemError(input.item, items.length);
    if (input.position < 1 || input.position > items.length)
      throw new UnknownAgendaItemError(input.position, items.length);
    const rest = items.filter((i) => i.id !== moved.id);
    const reordered = [...rest.slice(0, input.position - 1), moved, ...rest.slice(input.position - 1)];
    await renumber(tx, reordered);
    await recordAudit(tx, {
      action: "agenda.move",
      subjectType: "agenda_item",
      subjectId: moved.id,
      actorPersonId: input.personId,
      details: { from: input.item, to: input.position },
    });
    return agendaOf(tx, meeting.id);
  });
}

async function renumber(db: Queryable, items: AgendaItem[]) {
  for (const [index, item] of items.entries()) {
    if (item.position !== index + 1) {
      await db
        .update(agendaItems)
        .set({ position: index + 1 })
        .where(eq(agendaItems.id, item.id));
    }
  }
}

export class UnknownAgendaItemError extends UserFacingError {
  readonly code = "UNKNOWN_AGENDA_ITEM";
  constructor(
    readonly number: number,
    readonly count: number,
  ) {
    super("unknown agenda item");
  }
  userMessage(locale: Locale) {
    return locale === "en"
      ? `There is no agenda item ${this.number}: the agenda has ${this.count}. \`agenda\` shows them.`
      : `Agendapunt ${this.number} bestaat niet: de agenda heeft er ${this.count}. \`agenda\` toont ze.`;
  }
}
