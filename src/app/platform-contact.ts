import { isDeepStrictEqual } from "node:util";
import { and, desc, eq, inArray, isNull, like, sql } from "drizzle-orm";
import type { Db, Queryable } from "../db/client.js";
import { preparedPerDatabase } from "../db/prepared.js";
import { deliveries, people, platformConversations, platformIdentities } from "../db/schema.js";
import { recordAudit } from "./audit.js";
import type { KnownPerson } from "./identify-person.js";
import type { IdentityKey } from "./messenger.js";
import { UNREACHABLE_PREFIX } from "./outbox/payload.js";

/**
 * First contact and later contacts from a platform user. A person imported by e-mail is linked to their
 * platform identity the first time they talk to the bot (Teams gives us their e-mail and UPN); from then on
 * the identity is enough. Talking to the bot also proves they can be reached again.
 */
export async function recognisePlatformUser(
  db: Db,
  input: {
    identity: IdentityKey;
    /** Where to reach them proactively (Teams: their 1:1 chat); left as it is when undefined. */
    conversationReference?: unknown;
    /**
     * Seen somewhere else (a team channel): enough to open a 1:1 chat with them later (Teams: the tenant's
     * service URL), kept only while nothing better is known.
     */
    fallbackReference?: unknown;
    /** Looked up only for someone not linked yet (it costs a call to the platform). */
    emails: () => Promise<string[]>;
    now: Date;
  },
): Promise<{ person: KnownPerson; revivedInvitations: number } | undefined> {
  // Every request passes here: one (prepared) query for the person and what their identity knows.
  const [before] = await senderQuery(db).execute(input.identity);
  const known = before?.person;
  if (known) {
    // Every message passes here: write only when something changed.
    const reference =
      input.conversationReference ?? (before?.conversationReference ? undefined : input.fallbackReference);
    // Compared as stored: JSON drops the undefined fields an activity's reference carries.
    const referenceChanged =
      reference !== undefined &&
      !isDeepStrictEqual(JSON.parse(JSON.stringify(reference)), before?.conversationReference);
    if (before?.unreachableSince || referenceChanged) {
      await db
        .update(platformIdentities)
        .set({
          unreachableSince: null,
          unreachableReason: null,
          ...(referenceChanged ? { conversationReference: reference } : {}),
        })
        .where(identityIs(input.identity));
    }
    const revivedInvitations = before?.unreachableSince
      ? await reviveInvitations(db, known.id, input.now)
      : 0;
    return { person: known, revivedInvitations };
  }
  const emails = [...new Set((await input.emails()).map((e) => e.trim().toLowerCase()).filter(Boolean))];
  if (!emails.length) return undefined;
  const [person] = await db.select().from(people).where(inArray(people.email, emails)).limit(1);
  if (!person) return undefined;
  const linked = await db.transaction(async (tx) => {
    const inserted = await tx
      .insert(platformIdentities)
      .values({
        personId: person.id,
        ...input.identity,
        conversationReference: input.conversationReference ?? input.fallbackReference,
      })
      // Someone already linked to another account in this workspace stays linked to that one.
      .onConflictDoNothing()
      .returning({ id: platformIdentities.id });
    // Teams sends the installation and the "bot added" activities together: the other one linked them first.
    if (!inserted.length) return undefined;
    const revivedInvitations = await reviveInvitations(tx, person.id, input.now);
    await recordAudit(tx, {
      action: "identity.link",
      subjectType: "person",
      subjectId: person.id,
      actorPersonId: person.id,
      details: { platform: input.identity.platform, workspace: input.identity.workspaceId },
    });
    return { person, revivedInvitations };
  });
  if (linked) return linked;
  const [linkedMeanwhile] = await senderQuery(db).execute(input.identity);
  return linkedMeanwhile ? { person: linkedMeanwhile.person, revivedInvitations: 0 } : undefined;
}

/**
 * Survey invitations that could not be delivered because the person had no way to be reached: now they have
 * one, so the outbox tries again (a closed wave's invitation is cancelled there, not sent).
 */
async function reviveInvitations(db: Queryable, personId: string, now: Date): Promise<number> {
  const revived = await db
    .update(deliveries)
    .set({ status: "pending", attempts: 0, dueAt: now, lastError: null })
    .where(
      and(
        eq(deliveries.personId, personId),
        eq(deliveries.kind, "survey-invitation"),
        eq(deliveries.status, "dead"),
        like(deliveries.lastError, `${UNREACHABLE_PREFIX}%`),
      ),
    )
    .returning({ id: deliveries.id });
  return revived.length;
}

/** The bot was added to (or is talking in) a team channel or group chat: remember how to post there. */
export async function rememberPlatformConversation(
  db: Db,
  input: {
    platform: IdentityKey["platform"];
    workspaceId: string;
    conversationId: string;
    scope: "personal" | "channel" | "groupChat";
    reference: unknown;
    at: Date;
  },
): Promise<void> {
  await db
    .insert(platformConversations)
    .values({ ...input, removedAt: null, updatedAt: input.at })
    .onConflictDoUpdate({
      target: [
        platformConversations.platform,
        platformConversations.workspaceId,
        platformConversations.conversationId,
      ],
      set: { reference: input.reference, scope: input.scope, removedAt: null, updatedAt: input.at },
      // Every channel message passes here: write only when the conversation is new, changed or was removed.
      setWhere: sql`${platformConversations.reference} is distinct from excluded.reference or ${platformConversations.scope} is distinct from excluded.scope or ${platformConversations.removedAt} is not null`,
    });
}

/** The bot was removed from a conversation; a personal removal also means the person is unreachable there. */
export async function forgetPlatformConversation(
  db: Db,
  input: { identity?: IdentityKey; workspaceId: string; conversationId: string; at: Date },
): Promise<void> {
  await db
    .update(platformConversations)
    .set({ removedAt: input.at, updatedAt: input.at })
    .where(
      and(
        eq(platformConversations.workspaceId, input.workspaceId),
        eq(platformConversations.conversationId, input.conversationId),
      ),
    );
  if (input.identity) {
    await db
      .update(platformIdentities)
      .set({ unreachableSince: input.at, unreachableReason: "app removed by the user" })
      .where(identityIs(input.identity));
  }
}

const senderQuery = preparedPerDatabase((db) =>
  db
    .select({
      person: people,
      unreachableSince: platformIdentities.unreachableSince,
      conversationReference: platformIdentities.conversationReference,
    })
    .from(platformIdentities)
    .innerJoin(people, eq(people.id, platformIdentities.personId))
    .where(
      and(
        eq(platformIdentities.platform, sql.placeholder("platform")),
        eq(platformIdentities.workspaceId, sql.placeholder("workspaceId")),
        eq(platformIdentities.userId, sql.placeholder("userId")),
      ),
    )
    .prepare("recognise_sender"),
);

const identityIs = (identity: IdentityKey) =>
  and(
    eq(platformIdentities.platform, identity.platform),
    eq(platformIdentities.workspaceId, identity.workspaceId),
    eq(platformIdentities.userId, identity.userId),
  );

/** The most recently seen conversation the bot has in a workspace (for the address of its connector). */
export async function latestWorkspaceConversation(
  db: Db,
  platform: IdentityKey["platform"],
  workspaceId: string,
): Promise<unknown> {
  const [row] = await db
    .select({ reference: platformConversations.reference })
    .from(platformConversations)
    .where(
      and(
        eq(platformConversations.platform, platform),
        eq(platformConversations.workspaceId, workspaceId),
        isNull(platformConversations.removedAt),
      ),
    )
    .orderBy(desc(platformConversations.updatedAt))
    .limit(1);
  return row?.reference;
}
