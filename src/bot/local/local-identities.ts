import { and, eq, isNull, like, notExists, sql } from "drizzle-orm";
import { UNREACHABLE_PREFIX } from "../../app/outbox/payload.js";
import type { Db } from "../../db/client.js";
import { deliveries, people, platformIdentities } from "../../db/schema.js";
import { LOCAL_WORKSPACE } from "./local-messenger.js";

/** A person's identity in local mode: the person id itself, in the one local workspace. */
export const localIdentityOf = (personId: string) => ({
  platform: "local" as const,
  workspaceId: LOCAL_WORKSPACE,
  userId: personId,
});

/**
 * Local mode reaches everyone: every person gets a local identity (idempotent), and an identity marked
 * unreachable is reachable again. Survey invitations dead-lettered because someone could not be reached are
 * revived, as a first contact on a real platform does (`recognisePlatformUser`). Returns how many were revived.
 */
export async function ensureLocalIdentities(db: Db, now: Date): Promise<{ linked: number; revived: number }> {
  const linked = await db
    .insert(platformIdentities)
    .select(
      db
        .select({
          id: sql`gen_random_uuid()`.as("id"),
          personId: people.id,
          platform: sql`'local'::platform`.as("platform"),
          workspaceId: sql`${LOCAL_WORKSPACE}`.as("workspace_id"),
          userId: sql`${people.id}::text`.as("user_id"),
          conversationReference: sql`null`.as("conversation_reference"),
          unreachableSince: sql`null`.as("unreachable_since"),
          unreachableReason: sql`null`.as("unreachable_reason"),
          createdAt: sql`${now.toISOString()}::timestamptz`.as("created_at"),
        })
        .from(people)
        .where(
          notExists(
            db
              .select({ one: sql`1` })
              .from(platformIdentities)
              .where(
                and(
                  eq(platformIdentities.personId, people.id),
                  eq(platformIdentities.platform, "local"),
                  eq(platformIdentities.workspaceId, LOCAL_WORKSPACE),
                ),
              ),
          ),
        ),
    )
    .onConflictDoNothing()
    .returning({ id: platformIdentities.id });
  await db
    .update(platformIdentities)
    .set({ unreachableSince: null, unreachableReason: null })
    .where(
      and(eq(platformIdentities.platform, "local"), sql`${platformIdentities.unreachableSince} is not null`),
    );
  const revived = await db
    .update(deliveries)
    .set({ status: "pending", attempts: 0, dueAt: now, lastError: null })
    .where(
      and(
        eq(deliveries.kind, "survey-invitation"),
        eq(deliveries.status, "dead"),
        like(deliveries.lastError, `${UNREACHABLE_PREFIX}%`),
        isNull(deliveries.messageRef),
      ),
    )
    .returning({ id: deliveries.id });
  return { linked: linked.length, revived: revived.length };
}
