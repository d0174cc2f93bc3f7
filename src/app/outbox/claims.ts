import { and, asc, eq, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.js";
import { deliveries } from "../../db/schema.js";

/*
 * How a worker takes outbox rows and lets go of them. A claim is a lease (`locked_until`) that the worker
 * renews while it lives, and a fencing token that every later write of this claim names: a worker that paused
 * past its lease (another replica took the row over) finds its token gone, so it neither sends the row nor
 * overwrites what the other recorded. Times are the application's clock (tests step it).
 */

export type Delivery = typeof deliveries.$inferSelect;
export type ClaimedDelivery = Delivery & { claimToken: string };
/** What ending a claim writes: the outcome of the send (sent, retry later, dead, cancelled). */
export type Outcome = Partial<
  Pick<
    typeof deliveries.$inferInsert,
    "status" | "dueAt" | "attempts" | "lastError" | "messageRef" | "sentAt"
  >
> & { status: "pending" | "sent" | "dead" | "cancelled" };

export type Claims = ReturnType<typeof createClaims>;

/** What every write that ends a claim clears. */
const UNCLAIMED = { claimToken: null, claimedBy: null, lockedUntil: null };

export function createClaims(db: Db, options: { workerId: string; leaseMs: number; now: () => Date }) {
  const { workerId, leaseMs, now } = options;
  const leaseEnd = () => new Date(now().getTime() + leaseMs);
  const ours = (row: ClaimedDelivery) =>
    and(
      eq(deliveries.id, row.id),
      eq(deliveries.claimToken, row.claimToken),
      eq(deliveries.status, "sending"),
    );

  return {
    /**
     * Up to `limit` due rows, oldest first: pending ones, and (`takeOver`) rows whose claim ran out: their
     * worker is gone, as a live one renews it. SKIP LOCKED: replicas claiming at once never take the same row.
     */
    async claim(limit: number, options: { takeOver: boolean }): Promise<ClaimedDelivery[]> {
      const at = now();
      const pending = and(eq(deliveries.status, "pending"), lte(deliveries.dueAt, at));
      const due = db
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(
          options.takeOver
            ? or(pending, and(eq(deliveries.status, "sending"), lt(deliveries.lockedUntil, at)))
            : pending,
        )
        .orderBy(asc(deliveries.dueAt))
        .limit(limit)
        .for("update", { skipLocked: true });
      const rows = await db
        .update(deliveries)
        .set({
          status: "sending",
          claimedBy: workerId,
          claimToken: sql`gen_random_uuid()`,
          lockedUntil: new Date(at.getTime() + leaseMs),
        })
        .where(inArray(deliveries.id, due))
        .returning();
      return rows as ClaimedDelivery[];
    },

    /**
     * Right before a send: true when the row is still ours (and then its lease is fresh and the attempt is
     * counted); false when another worker has it now, so it must not be sent from here.
     */
    async beginAttempt(row: ClaimedDelivery): Promise<boolean> {
      const [still] = await db
        .update(deliveries)
        .set({ lockedUntil: leaseEnd(), attempts: sql`${deliveries.attempts} + 1` })
        .where(ours(row))
        .returning({ attempts: deliveries.attempts });
      if (still) row.attempts = still.attempts;
      return still !== undefined;
    },

    /** True when the row is still ours, and then its lease is fresh again. */
    async confirm(row: ClaimedDelivery): Promise<boolean> {
      const [still] = await db
        .update(deliveries)
        .set({ lockedUntil: leaseEnd() })
        .where(ours(row))
        .returning({ id: deliveries.id });
      return still !== undefined;
    },

    /** Records the outcome and ends the claim in one write; false when the claim was no longer ours. */
    async finish(row: ClaimedDelivery, outcome: Outcome): Promise<boolean> {
      const done = await db
        .update(deliveries)
        .set({ ...outcome, ...UNCLAIMED })
        .where(ours(row))
        .returning({ id: deliveries.id });
      return done.length > 0;
    },

    /**
     * A message the platform accepted, recorded late (the database was away when it was sent). It was sent,
     * whoever holds the row now: marking it sent keeps a worker that took it over from sending it again.
     */
    async recordAccepted(row: ClaimedDelivery, outcome: Outcome & { status: "sent" }): Promise<void> {
      await db
        .update(deliveries)
        .set({ ...outcome, ...UNCLAIMED })
        .where(and(eq(deliveries.id, row.id), inArray(deliveries.status, ["pending", "sending"])));
    },

    /** Keeps every row this worker holds ours for another lease (a heartbeat while it waits or sends). */
    async renewLeases(): Promise<number> {
      const renewed = await db
        .update(deliveries)
        .set({ lockedUntil: leaseEnd() })
        .where(and(eq(deliveries.claimedBy, workerId), eq(deliveries.status, "sending")))
        .returning({ id: deliveries.id });
      return renewed.length;
    },

    /**
     * Gives back what this worker claimed but did not send (a round cut short by the database going away, or
     * shutdown), so nobody waits for its lease. Only between rounds: nothing of ours is in flight then.
     */
    async releaseUnsent(): Promise<number> {
      const released = await db
        .update(deliveries)
        .set({ status: "pending", ...UNCLAIMED })
        .where(and(eq(deliveries.claimedBy, workerId), eq(deliveries.status, "sending")))
        .returning({ id: deliveries.id });
      return released.length;
    },
  };
}
