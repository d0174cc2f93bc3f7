import { sql } from "drizzle-orm";
import type { Queryable } from "../../db/client.js";
import { deliveries } from "../../db/schema.js";
import type { DeliveryKind, DeliveryPayload } from "./payload.js";

/** The channel on which every replica's worker listens for new due work (PostgreSQL LISTEN/NOTIFY). */
export const OUTBOX_CHANNEL = "regiotafel_outbox";

/** One message to send: to a person or to a bound channel, due at `dueAt`, once per idempotency key. */
export type OutboxMessage = {
  idempotencyKey: string;
  kind: DeliveryKind;
  payload: DeliveryPayload;
  dueAt: Date;
  /** Survey invitations and reminders: lets the worker drop a reminder for someone who answered meanwhile. */
  invitationId?: string;
} & ({ personId: string; channelBindingId?: undefined } | { channelBindingId: string; personId?: undefined });

const CHUNK = 1000;

/**
 * Queues messages in the outbox, each at most once (the idempotency key). `reviveCancelled`: a message whose
 * row was cancelled (a meeting moved away from this moment and back) is due again. Inside a transaction the
 * rows and the wake-up of the workers both take effect at commit. Returns how many rows were added or revived.
 *
 * `notifyReplicas: false` leaves the other replicas asleep, for a message the caller's own replica wakes its
 * worker for at once (the card update after an answer): PostgreSQL serialises the commits of transactions
 * that sent a NOTIFY, which is felt when hundreds of people answer at once.
 */
export async function enqueue(
  db: Queryable,
  messages: OutboxMessage[],
  options: { reviveCancelled?: boolean; notifyReplicas?: boolean } = {},
): Promise<number> {
  let queued = 0;
  for (let i = 0; i < messages.length; i += CHUNK) {
    const insert = db.insert(deliveries).values(messages.slice(i, i + CHUNK));
    const rows = await (options.reviveCancelled
      ? insert.onConflictDoUpdate({
          target: deliveries.idempotencyKey,
          set: { status: "pending", dueAt: sql`excluded.due_at`, attempts: 0, lastError: null },
          setWhere: sql`${deliveries.status} = 'cancelled'`,
        })
      : insert.onConflictDoNothing()
    ).returning({ id: deliveries.id });
    queued += rows.length;
  }
  if (queued > 0 && options.notifyReplicas !== false) await wakeWorkers(db);
  return queued;
}

/** Every replica's worker looks for due work now (delivered at commit when inside a transaction). */
export async function wakeWorkers(db: Queryable): Promise<void> {
  await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}
