import { type SQLWrapper, sql } from "drizzle-orm";
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
 */
export async function enqueue(
  db: Queryable,
  messages: OutboxMessage[],
  options: { reviveCancelled?: boolean } = {},
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
  if (queued > 0) await wakeWorkers(db);
  return queued;
}

/**
 * A write and the message it causes in one statement (a data-modifying WITH): atomic without a transaction, in
 * one round trip. For the hottest path, an answer and the update of its card; if the write fails (a unique
 * key), nothing is queued. Other replicas are not woken: the caller wakes its own replica's worker, and
 * PostgreSQL serialises the commits of statements that sent a NOTIFY, which is felt when hundreds answer at once.
 */
export async function enqueueWith(db: Queryable, write: SQLWrapper, message: OutboxMessage): Promise<void> {
  const queue = db.insert(deliveries).values(message).onConflictDoNothing();
  await db.execute(sql`with written as (${write.getSQL()}) ${queue.getSQL()}`);
}

/** Every replica's worker looks for due work now (delivered at commit when inside a transaction). */
export async function wakeWorkers(db: Queryable): Promise<void> {
  await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}
