import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import {
  answerRevisions,
  channelBindings,
  invitations,
  people,
  platformIdentities,
  waves,
} from "../../db/schema.js";
import { type ChannelAddress, DeliveryError, type IdentityKey, type PersonAddress } from "../messenger.js";
import type { Delivery } from "./claims.js";

/** The person a message goes to, with only the identities they can be reached on now. */
export async function loadPerson(db: Db, personId: string): Promise<PersonAddress> {
  const [person] = await db.select().from(people).where(eq(people.id, personId));
  if (!person) throw new DeliveryError({ kind: "permanent", reason: "person no longer exists" });
  const identities = await db
    .select({
      platform: platformIdentities.platform,
      workspaceId: platformIdentities.workspaceId,
      userId: platformIdentities.userId,
      conversationReference: platformIdentities.conversationReference,
    })
    .from(platformIdentities)
    .where(and(eq(platformIdentities.personId, personId), isNull(platformIdentities.unreachableSince)));
  return { personId, locale: person.locale, preferredPlatform: person.preferredPlatform, identities };
}

export async function loadChannel(db: Db, bindingId: string): Promise<ChannelAddress> {
  const [binding] = await db.select().from(channelBindings).where(eq(channelBindings.id, bindingId));
  if (!binding) throw new DeliveryError({ kind: "permanent", reason: "channel binding no longer exists" });
  return {
    bindingId,
    platform: binding.platform,
    workspaceId: binding.workspaceId,
    channelId: binding.channelId,
    conversationReference: binding.conversationReference,
  };
}

/** Survey messages that no longer make sense: the wave closed, or (for reminders) the person answered. */
export async function isObsolete(db: Db, row: Delivery): Promise<boolean> {
  if (!row.invitationId || !row.kind.startsWith("survey-")) return false;
  const [state] = await db
    .select({
      status: waves.status,
      answered: sql<boolean>`exists (select 1 from ${answerRevisions} where ${answerRevisions.invitationId} = ${invitations.id})`,
    })
    .from(invitations)
    .innerJoin(waves, eq(waves.id, invitations.waveId))
    .where(eq(invitations.id, row.invitationId));
  if (!state) return true;
  if (row.kind === "survey-invitation") return state.status === "closed";
  return state.status !== "open" || state.answered;
}

/** The platform said this person cannot be reached on this identity: nothing more is tried that way. */
export async function markIdentityUnreachable(
  db: Db,
  personId: string,
  identity: IdentityKey,
  reason: string,
  at: Date,
): Promise<void> {
  await db
    .update(platformIdentities)
    .set({ unreachableSince: at, unreachableReason: reason })
    .where(
      and(
        eq(platformIdentities.personId, personId),
        eq(platformIdentities.platform, identity.platform),
        eq(platformIdentities.workspaceId, identity.workspaceId),
        eq(platformIdentities.userId, identity.userId),
      ),
    );
}
