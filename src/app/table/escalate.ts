import { eq } from "drizzle-orm";
import { channelBindings, escalations } from "../../db/schema.js";
import { maskCitizenNumbers } from "../../domain/survey/mask-citizen-numbers.js";
import { recordAudit } from "../audit.js";
import type { AppContext } from "../context.js";
import { enqueue } from "../outbox/enqueue.js";
import type { DeliveryPayload } from "../outbox/payload.js";

/**
 * `hulpvraag`: a region asks the national coordinators for support. The request is kept (the venster lists
 * them) and posted to every channel bound for the national coordinators; citizen numbers are masked first.
 */
export async function escalate(
  ctx: AppContext,
  input: { regionId: string; personId: string; text: string },
): Promise<{ escalationId: string; nationalChannels: number }> {
  return ctx.db.transaction(async (tx) => {
    const [escalation] = await tx
      .insert(escalations)
      .values({
        regionId: input.regionId,
        personId: input.personId,
        text: maskCitizenNumbers(input.text.trim()),
      })
      .returning();
    if (!escalation) throw new Error("escalation not stored");
    const national = await tx
      .select({ id: channelBindings.id })
      .from(channelBindings)
      .where(eq(channelBindings.purpose, "national"));
    const payload: DeliveryPayload = {
      type: "deferred",
      deferred: { kind: "escalation", escalationId: escalation.id },
    };
    if (national.length) {
      await enqueue(
        tx,
        national.map((binding) => ({
          idempotencyKey: `escalation:${escalation.id}:${binding.id}`,
          kind: "escalation" as const,
          channelBindingId: binding.id,
          payload,
          dueAt: ctx.now(),
        })),
      );
    }
    await recordAudit(tx, {
      action: "escalation.create",
      subjectType: "escalation",
      subjectId: escalation.id,
      actorPersonId: input.personId,
    });
    return { escalationId: escalation.id, nationalChannels: national.length };
  });
}
