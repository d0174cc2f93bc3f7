import { and, eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { memberships, regions } from "../../db/schema.js";
import { calendarDateIn } from "../../domain/calendar-date.js";
import type { Card } from "../../domain/cards/card.js";
import { chairTextsCard } from "../../domain/cards/chair-texts-card.js";
import { collectChairTexts, hasChairTexts } from "../../domain/survey/chair-texts.js";
import type { SurveyDefinition } from "../../domain/survey/definition.js";
import type { Locale } from "../../domain/vocabulary.js";
import type { AppContext } from "../context.js";
import { membershipActiveOn } from "../membership-active.js";
import { enqueue } from "../outbox/enqueue.js";
import type { DeferredCard } from "../outbox/payload.js";
import { isChairOfRegion } from "../table/region-access.js";
import { loadRegionRound } from "./region-round.js";

/*
 * The free text of a round goes only to the region's chairs, each in a private message through the outbox.
 * The message is made when it is sent (a deferred card): the texts are read from the answers then and are
 * never copied into the outbox, it is in the chair's own language, and someone who stopped chairing
 * meanwhile gets nothing.
 */

type SummaryTexts = Extract<DeferredCard, { kind: "summary-texts" }>;

/** One private message per chair of the region today; once per wave, region and occasion. */
export async function queueChairTexts(
  ctx: AppContext,
  db: Queryable,
  input: { waveId: string; regionId: string; definition: SurveyDefinition; occasion: string },
): Promise<void> {
  if (!hasChairTexts(input.definition)) return;
  const today = calendarDateIn(ctx.timeZone, ctx.now());
  const chairs = await db
    .selectDistinct({ personId: memberships.personId })
    .from(memberships)
    .where(
      and(eq(memberships.regionId, input.regionId), eq(memberships.isChair, true), membershipActiveOn(today)),
    );
  const deferred: SummaryTexts = { kind: "summary-texts", waveId: input.waveId, regionId: input.regionId };
  // Keyed by region, not channel: a region bound in Slack and in Teams sends its chairs the texts once.
  await enqueue(
    db,
    chairs.map(({ personId }) => ({
      idempotencyKey: `summary-texts:${input.waveId}:${input.regionId}:${input.occasion}:${personId}`,
      kind: "region-summary-texts" as const,
      personId,
      payload: { type: "deferred" as const, deferred },
      dueAt: ctx.now(),
    })),
  );
}

/** The chairs' message for `personId`, from the answers as they are now; undefined when they no longer chair. */
export async function chairTextsCardFor(
  ctx: AppContext,
  deferred: SummaryTexts,
  locale: Locale,
  personId: string | undefined,
): Promise<Card | undefined> {
  if (!personId || !(await isChairOfRegion(ctx, personId, deferred.regionId))) return undefined;
  const [region] = await ctx.db
    .select({ name: regions.name })
    .from(regions)
    .where(eq(regions.id, deferred.regionId));
  const round = await loadRegionRound(ctx.db, { regionId: deferred.regionId, waveId: deferred.waveId });
  if (!region || !round) return undefined;
  return chairTextsCard({
    locale,
    definition: round.definition,
    texts: collectChairTexts(round.definition, round.records, { anonymityThreshold: ctx.anonymityThreshold }),
    regionName: region.name,
    waveName: round.wave.name,
    closed: round.wave.status === "closed",
  });
}
