import { and, asc, eq, sql } from "drizzle-orm";
import { agreements, topicScopeEntries } from "../../db/schema.js";
import { calendarDateIn } from "../../domain/calendar-date.js";
import type { CollaborationForm, Geography, Instrument, Theme } from "../../domain/vocabulary.js";
import { recordAudit } from "../audit.js";
import type { AppContext } from "../context.js";

export type Agreement = typeof agreements.$inferSelect;
export type TopicScopeEntry = typeof topicScopeEntries.$inferSelect;

/** The region's register of agreements, oldest first. */
export function agreementsOf(ctx: AppContext, regionId: string): Promise<Agreement[]> {
  return ctx.db
    .select()
    .from(agreements)
    .where(eq(agreements.regionId, regionId))
    .orderBy(asc(agreements.agreedOn), asc(agreements.createdAt));
}

export async function addAgreement(
  ctx: AppContext,
  input: {
    regionId: string;
    personId: string;
    text: string;
    theme?: Theme;
    instrument?: Instrument;
    form?: CollaborationForm;
    geography?: Geography;
  },
): Promise<Agreement> {
  return ctx.db.transaction(async (tx) => {
    const [agreement] = await tx
      .insert(agreements)
      .values({
        regionId: input.regionId,
        text: input.text.trim(),
        theme: input.theme ?? null,
        instrument: input.instrument ?? null,
        form: input.form ?? null,
        geography: input.geography ?? null,
        agreedOn: calendarDateIn(ctx.timeZone, ctx.now()),
        createdByPersonId: input.personId,
      })
      .returning();
    if (!agreement) throw new Error("agreement not stored");
    await recordAudit(tx, {
      action: "agreement.add",
      subjectType: "agreement",
      subjectId: agreement.id,
      actorPersonId: input.personId,
    });
    return agreement;
  });
}

/** The region's topic scope: what its financiers agreed they may (not) discuss. */
export function topicScopeOf(ctx: AppContext, regionId: string): Promise<TopicScopeEntry[]> {
  return ctx.db
    .select()
    .from(topicScopeEntries)
    .where(eq(topicScopeEntries.regionId, regionId))
    .orderBy(asc(topicScopeEntries.topic));
}

/** Records a topic as forbidden (with the reason) or allowed again; one entry per topic, the latest decision. */
export async function decideTopic(
  ctx: AppContext,
  input: {
    regionId: string;
    personId: string;
    topic: string;
    status: "forbidden" | "allowed";
    reason?: string;
    /** A topic given as a theme (`#preventie`) also guards agenda items tagged with that theme. */
    theme?: Theme;
  },
): Promise<TopicScopeEntry> {
  const topic = input.topic.trim();
  return ctx.db.transaction(async (tx) => {
    const values = {
      regionId: input.regionId,
      topic,
      status: input.status,
      reason: input.reason?.trim() || null,
      ...(input.theme ? { theme: input.theme } : {}),
      decidedByPersonId: input.personId,
      decidedAt: ctx.now(),
    };
    const [existing] = await tx
      .select()
      .from(topicScopeEntries)
      .where(
        and(
          eq(topicScopeEntries.regionId, input.regionId),
          eq(sql`lower(${topicScopeEntries.topic})`, topic.toLowerCase()),
        ),
      );
    const [entry] = existing
      ? await tx
          .update(topicScopeEntries)
          .set(values)
          .where(eq(topicScopeEntries.id, existing.id))
          .returning()
      : await tx.insert(topicScopeEntries).values(values).returning();
    if (!entry) throw new Error("topic not stored");
    await recordAudit(tx, {
      action: `topic.${input.status === "forbidden" ? "forbid" : "allow"}`,
      subjectType: "topic_scope_entry",
      subjectId: entry.id,
      actorPersonId: input.personId,
      details: { topic, reason: values.reason },
    });
    return entry;
  });
}
