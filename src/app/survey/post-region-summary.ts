import { and, desc, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import {
  answerRevisions,
  channelBindings,
  invitations,
  organisations,
  regions,
  surveyDefinitions,
  waves,
} from "../../db/schema.js";
import { regionSummaryCard } from "../../domain/cards/summary-card.js";
import type { Answers } from "../../domain/survey/definition.js";
import { summariseRegion } from "../../domain/survey/summarise-region.js";
import { UserFacingError } from "../../domain/user-errors.js";
import type { Locale } from "../../domain/vocabulary.js";
import type { AppContext } from "../context.js";
import { enqueue } from "../outbox/enqueue.js";
import type { DeliveryPayload } from "../outbox/payload.js";
import { storedDefinition } from "./stored-definition.js";

export class NoWaveForRegionError extends UserFacingError {
  readonly code = "NO_WAVE_FOR_REGION";
  userMessage(locale: Locale) {
    return locale === "en"
      ? "There is no survey round for this region yet, so there is nothing to summarise."
      : "Er is nog geen vragenlijstronde voor deze regio, dus er valt nog niets samen te vatten.";
  }
}

/**
 * Queues the summary of a region's latest wave (or the given one) for a bound channel. `occasion` makes the
 * idempotency key: the automatic post at close happens once, each request posts once.
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

  const [found] = await db
    .select({ wave: waves, definition: surveyDefinitions.definition })
    .from(waves)
    .innerJoin(surveyDefinitions, eq(surveyDefinitions.id, waves.surveyDefinitionId))
    .where(
      input.waveId
        ? eq(waves.id, input.waveId)
        : and(
            inArray(waves.status, ["open", "closed"]),
            inArray(
              waves.id,
              db
                .select({ id: invitations.waveId })
                .from(invitations)
                .where(eq(invitations.regionId, regionId)),
            ),
          ),
    )
    .orderBy(desc(waves.opensAt))
    .limit(1);
  if (!found) throw new NoWaveForRegionError();
  const definition = storedDefinition(found.wave.surveyDefinitionId, found.definition);

  const rows = await db
    .select({
      invitationId: invitations.id,
      organisationType: organisations.type,
      revision: answerRevisions.revision,
      answers: answerRevisions.answers,
    })
    .from(invitations)
    .innerJoin(organisations, eq(organisations.id, invitations.organisationId))
    .leftJoin(answerRevisions, eq(answerRevisions.invitationId, invitations.id))
    .where(and(eq(invitations.waveId, found.wave.id), eq(invitations.regionId, regionId)))
    .orderBy(invitations.id, answerRevisions.revision);
  // Ordered by revision, so the last row of each invitation holds its latest answers.
  const latest = new Map(rows.map((r) => [r.invitationId, r]));
  const summary = summariseRegion(
    definition,
    [...latest.values()].map((r) => ({
      organisationType: r.organisationType,
      answers: (r.answers as Answers | null) ?? undefined,
    })),
    { anonymityThreshold: ctx.anonymityThreshold },
  );
  const payload: DeliveryPayload = {
    type: "card",
    card: regionSummaryCard({
      locale: ctx.locale,
      timeZone: ctx.timeZone,
      definition,
      summary,
      regionName: binding.regionName,
      waveName: found.wave.name,
      closesAt: found.wave.closesAt,
      closed: found.wave.status === "closed",
      vensterUrl: `${ctx.publicUrl.replace(/\/$/, "")}/venster`,
      anonymityThreshold: ctx.anonymityThreshold,
    }),
  };
  await enqueue(db, [
    {
      idempotencyKey: `summary:${found.wave.id}:${input.bindingId}:${input.occasion}`,
      kind: "region-summary",
      channelBindingId: input.bindingId,
      payload,
      dueAt: ctx.now(),
    },
  ]);
  return { waveId: found.wave.id };
}
