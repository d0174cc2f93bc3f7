import { eq } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { channelBindings, regions } from "../../db/schema.js";
import { regionSummaryCard } from "../../domain/cards/summary-card.js";
import { summariseRegion } from "../../domain/survey/summarise-region.js";
import { UserFacingError } from "../../domain/user-errors.js";
import type { Locale } from "../../domain/vocabulary.js";
import type { AppContext } from "../context.js";
import { enqueue } from "../outbox/enqueue.js";
import type { DeliveryPayload } from "../outbox/payload.js";
import { queueChairTexts } from "./chair-texts.js";
import { loadRegionRound } from "./region-round.js";

export class NoWaveForRegionError extends UserFacingError {
  readonly code = "NO_WAVE_FOR_REGION";
  userMessage(locale: Locale) {
    return locale === "en"
      ? "There is no survey round for this region yet, so there is nothing to summarise."
      : "Er is nog geen vragenlijstronde voor deze regio, dus er valt nog niets samen te vatten.";
  }
}

/**
 * Queues the summary of a region's latest wave (or the given one) for a bound channel: counts only, for
 * everyone at the table; with it, the free text goes to the region's chairs privately (chair-texts.ts).
 * `occasion` makes the idempotency key: the automatic post at close happens once, each request posts once.
 */
export async function queueRegionSummary(
  ctx: AppContext,
  db: Queryable,
  input: { bindingId: string; waveId?: string; occasion: string },
): Promise<{ waveId: string }> {
  const [binding] = await db
    .select({ binding: channelBindings, regionName: regions.name })
    .from(channelBindings)
    .innerJoin(regions, eq(regions.id, channelBindings.regionId))
    .where(eq(channelBindings.id, input.bindingId));
  if (!binding?.binding.regionId) throw new NoWaveForRegionError();
  const regionId = binding.binding.regionId;

  const round = await loadRegionRound(db, {
    regionId,
    ...(input.waveId ? { waveId: input.waveId } : {}),
  });
  if (!round) throw new NoWaveForRegionError();
  const { wave, definition } = round;
  const summary = summariseRegion(definition, round.records, { anonymityThreshold: ctx.anonymityThreshold });
  const payload: DeliveryPayload = {
    type: "card",
    card: regionSummaryCard({
      locale: ctx.locale,
      timeZone: ctx.timeZone,
      definition,
      summary,
      regionName: binding.regionName,
      waveName: wave.name,
      closesAt: wave.closesAt,
      closed: wave.status === "closed",
      vensterUrl: `${ctx.publicUrl.replace(/\/$/, "")}/venster`,
      anonymityThreshold: ctx.anonymityThreshold,
    }),
  };
  await enqueue(db, [
    {
      idempotencyKey: `summary:${wave.id}:${input.bindingId}:${input.occasion}`,
      kind: "region-summary",
      channelBindingId: input.bindingId,
      payload,
      dueAt: ctx.now(),
    },
  ]);
  await queueChairTexts(ctx, db, { waveId: wave.id, regionId, definition, occasion: input.occasion });
  return { waveId: wave.id };
}
