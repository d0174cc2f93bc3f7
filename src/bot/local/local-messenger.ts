import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { DeliveryError, type MessageRef, type Messenger } from "../../app/messenger.js";
import type { Db } from "../../db/client.js";
import { localMessages } from "../../db/schema.js";
import type { Card } from "../../domain/cards/card.js";

/** The one workspace of local mode: identities, channel bindings and message refs all carry it. */
export const LOCAL_WORKSPACE = "local";

const LocalMessageRefSchema = z.object({
  platform: z.literal("local"),
  workspaceId: z.literal(LOCAL_WORKSPACE),
  messageId: z.uuid(),
});

/**
 * The local side of the Messenger port: a message is a row in `local_messages`, which the /local page shows.
 * Nothing here can be rate limited or unreachable; a database failure is transient and the outbox retries it.
 */
export function createLocalMessenger(db: Db): Messenger {
  const stored = async (values: typeof localMessages.$inferInsert): Promise<MessageRef> => {
    const [row] = await db.insert(localMessages).values(values).returning({ id: localMessages.id });
    if (!row) throw new DeliveryError({ kind: "transient", reason: "local message not stored" });
    return { platform: "local", workspaceId: LOCAL_WORKSPACE, messageId: row.id };
  };
  return {
    platforms: ["local"],
    async sendToPerson(person, card) {
      const identity = person.identities.find((i) => i.platform === "local");
      if (!identity) throw new DeliveryError({ kind: "unreachable", reason: "no local identity" });
      return stored({ personId: person.personId, author: "bot", card });
    },
    async sendToChannel(channel, card) {
      return stored({ channelBindingId: channel.bindingId, author: "bot", card });
    },
    async updateMessage(ref, card) {
      const parsed = LocalMessageRefSchema.safeParse(ref);
      if (!parsed.success)
        throw new DeliveryError({ kind: "permanent", reason: "not a local message reference" });
      const updated = await db
        .update(localMessages)
        .set({
          card: card satisfies Card,
          updatedAt: sql`now()`,
          version: sql`nextval('local_messages_version_seq')`,
        })
        .where(eq(localMessages.id, parsed.data.messageId))
        .returning({ id: localMessages.id });
      if (!updated.length)
        throw new DeliveryError({ kind: "permanent", reason: "local message no longer exists" });
    },
  };
}
