import { and, eq } from "drizzle-orm";
import type { Queryable } from "../db/client.js";
import { people, platformIdentities } from "../db/schema.js";
import type { Platform } from "../domain/vocabulary.js";

export type KnownPerson = typeof people.$inferSelect;

/** The person behind a platform user, or undefined for someone the bot does not know. */
export async function identifyPerson(
  db: Queryable,
  identity: { platform: Platform; workspaceId: string; userId: string },
): Promise<KnownPerson | undefined> {
  const [row] = await db
    .select({ person: people })
    .from(platformIdentities)
    .innerJoin(people, eq(people.id, platformIdentities.personId))
    .where(
      and(
        eq(platformIdentities.platform, identity.platform),
        eq(platformIdentities.workspaceId, identity.workspaceId),
        eq(platformIdentities.userId, identity.userId),
      ),
    );
  return row?.person;
}
