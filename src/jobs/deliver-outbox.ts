import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { eq, min, sql } from "drizzle-orm";
import {
  chooseIdentity,
  DeliveryError,
  type DeliveryFailure,
  type MessageRef,
  type Messenger,
} from "../app/messenger.js";
import { type ClaimedDelivery, createClaims, type Outcome } from "../app/outbox/claims.js";
import { DeliveryPayloadSchema, isReminderKind, type RenderDeferred } from "../app/outbox/payload.js";
import { isObsolete, loadChannel, loadPerson, markIdentityUnreachable } from "../app/outbox/recipients.js";
import { nextStep } from "../app/outbox/retry-policy.js";
import type { Db } from "../db/client.js";
import { deliveries } from "../db/schema.js";
import { isQuietTime, nextAllowedMoment } from "../domain/reminders/quiet-hours.js";
import type { Locale } from "../domain/vocabulary.js";
import type { Logger } from "../logger.js";
import { type GateTicket, RateGate } from "./rate-gate.js";

/**
 * The outbox worker of one replica. It claims due rows (a lease it renews while it lives, and a fencing token
 * per claim), checks right before each send that the row is still its own, sends through the Messenger, and
 * records the outcome in the same write that ends the claim. A message the platform accepted is never sent
 * again from here: when the database is away at that moment, the outcome is kept in the process and recorded
 * first when it is back, before anything new is claimed. Rate limits and server errors pace the workspace's
 * gate; the retry policy decides what happens to a failed row.
 */

export type DeliveryWorkerOptions = {
  db: Db;
  messenger: Messenger;
  logger: Logger;
  timeZone: string;
  now?: () => Date;
  maxAttempts?: number;
  /** Messages in flight at once; the platform's rate limit, not this, sets the pace. */
  concurrency?: number;
  /** The most rows one claim takes (fewer when the slowest gate could not send them within the lease). */
  batchSize?: number;
  /** How long a claim stays ours without renewal; a live worker renews it every third of that. */
  leaseMs?: number;
  renderDeferred?: RenderDeferred;
};

export type DeliveryRound = {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  cancelled: number;
  /** Rows another worker had taken over by the time this one came to send them (this one was paused). */
  lost: number;
};
type Result = keyof Omit<DeliveryRound, "claimed">;
const emptyRound = (): DeliveryRound => ({ claimed: 0, sent: 0, retried: 0, dead: 0, cancelled: 0, lost: 0 });

/** A database failure in the middle of a round: the round stops, and the worker tries again later. */
export class OutboxDatabaseError extends Error {
  constructor(override readonly cause: unknown) {
    super(`outbox database unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "OutboxDatabaseError";
  }
}

export function createDeliveryWorker(options: DeliveryWorkerOptions) {
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 5;
  const concurrency = options.concurrency ?? 8;
  const batchSize = options.batchSize ?? 100;
  const leaseMs = options.leaseMs ?? 30_000;
  const { db, messenger, logger } = options;
  const workerId = randomUUID();
  const claims = createClaims(db, { workerId, leaseMs, now });
  // One gate per platform workspace: a 429 from one Slack team pauses only that team, not Teams.
  const gates = new Map<string, RateGate>();
  const gateFor = (key: string) => {
    const gate = gates.get(key) ?? new RateGate();
    gates.set(key, gate);
    return gate;
  };
  /** Outcomes the database could not take when they happened; recorded before anything new is claimed. */
  const unrecorded = new Map<string, { row: ClaimedDelivery; outcome: Outcome }>();
  const stopping = new AbortController();
  let holding = 0;
  /**
   * After the database was away, every claim ran out while nobody could renew it, the living workers' too.
   * For one lease from then on no expired claim is taken over: their owners have that long to come back and
   * record what they sent. Claims of a worker that is really gone are taken over after that.
   */
  let takeOverFrom = Number.NEGATIVE_INFINITY;
  let databaseWasAway = false;
  const heartbeat = setInterval(() => {
    if (holding === 0) return;
    claims.renewLeases().catch((error: unknown) => logger.debug({ err: error }, "lease niet verlengd"));
  }, leaseMs / 3);
  heartbeat.unref();

  /** A query whose failure means the database is away: it stops the round instead of failing the row. */
  async function database<T>(query: Promise<T>): Promise<T> {
    try {
      return await query;
    } catch (error) {
      throw new OutboxDatabaseError(error);
    }
  }

  /** As many rows as the slowest workspace can send within a lease (half of it, to spare), at most a batch. */
  function claimLimit(): number {
    const paces = [...gates.values()].flatMap((g) => (g.rate === undefined ? [] : [g.rate]));
    if (!paces.length) return batchSize;
    const sendable = Math.floor((Math.min(...paces) * leaseMs) / 2000);
    return Math.max(1, Math.min(batchSize, Math.max(concurrency, sendable)));
  }

  async function record(row: ClaimedDelivery, outcome: Outcome): Promise<boolean> {
    try {
      const ours = await claims.finish(row, outcome);
      if (!ours && outcome.status === "sent") {
        logger.warn(
          { delivery: row.id },
          "verzonden bericht was intussen door een andere replica overgenomen",
        );
        await claims.recordAccepted(row, { ...outcome, status: "sent" });
      }
      return ours;
    } catch (error) {
      unrecorded.set(row.id, { row, outcome });
      throw new OutboxDatabaseError(error);
    }
  }

  async function flushUnrecorded(): Promise<void> {
    for (const [id, { row, outcome }] of unrecorded) {
      await record(row, outcome);
      unrecorded.delete(id);
    }
  }

  /** Where a row goes (which decides its rate gate) and how to send it; "obsolete" when no longer wanted. */
  async function resolve(
    row: ClaimedDelivery,
  ): Promise<{ gateKey: string; send: () => Promise<MessageRef> } | "obsolete"> {
    const payload = DeliveryPayloadSchema.parse(row.payload);
    if (payload.type === "update") {
      const { ref, card } = payload;
      return {
        gateKey: `${ref.platform}:${ref.workspaceId ?? ""}`,
        send: () => messenger.updateMessage(ref as MessageRef, card).then(() => ref as MessageRef),
      };
    }
    const cardFor = async (locale: Locale | undefined) => {
      if (payload.type === "card") return payload.card;
      if (!options.renderDeferred) throw new Error(`no renderer for deferred card ${payload.deferred.kind}`);
      return options.renderDeferred(payload.deferred, { locale, personId: row.personId ?? undefined });
    };
    if (row.personId) {
      const person = await loadPerson(db, row.personId);
      const card = await cardFor(person.locale);
      if (!card) return "obsolete";
      const identity = chooseIdentity(person, messenger.platforms);
      return {
        gateKey: identity ? `${identity.platform}:${identity.workspaceId}` : "none",
        send: () => messenger.sendToPerson(person, card),
      };
    }
    if (!row.channelBindingId) throw new DeliveryError({ kind: "permanent", reason: "no recipient" });
    const channel = await loadChannel(db, row.channelBindingId);
    const card = await cardFor(undefined);
    if (!card) return "obsolete";
    return {
      gateKey: `${channel.platform}:${channel.workspaceId}`,
      send: () => messenger.sendToChannel(channel, card),
    };
  }

  async function deliver(row: ClaimedDelivery): Promise<Result> {
    if (await database(isObsolete(db, row))) {
      await record(row, { status: "cancelled" });
      return "cancelled";
    }
    // Reminders never arrive in the evening or at night, even when a retry pushed them there.
    if (isReminderKind(row.kind) && isQuietTime(now(), options.timeZone)) {
      await record(row, { status: "pending", dueAt: nextAllowedMoment(now(), options.timeZone) });
      return "retried";
    }
    let target: Awaited<ReturnType<typeof resolve>>;
    try {
      target = await resolve(row);
    } catch (error) {
      if (!(error instanceof DeliveryError) && (await databaseIsAway())) throw new OutboxDatabaseError(error);
      // Making the message failed (a bug, a recipient that is gone): that counts as an attempt.
      row.attempts += 1;
      return fail(row, error, undefined);
    }
    if (target === "obsolete") {
      await record(row, { status: "cancelled" });
      return "cancelled";
    }
    // Still ours? A worker that was paused past its lease must not send what another one now holds. From here
    // the lease is fresh: while less than half of it has passed (this process's own monotonic clock, which
    // also runs while the process is frozen), nobody else can hold the row; after a longer wait for the gate
    // it is asked again. So the database is not between the gate and the send, and the pace is kept.
    if (!(await database(claims.beginAttempt(row)))) return "lost";
    const confirmedAt = performance.now();
    const gate = gateFor(target.gateKey);
    const ticket = await gate.take(stopping.signal);
    if (!ticket) {
      // Shutting down: given back untouched.
      await record(row, { status: "pending", attempts: Math.max(0, row.attempts - 1) });
      return "retried";
    }
    if (performance.now() - confirmedAt > leaseMs / 2 && !(await database(claims.confirm(row))))
      return "lost";
    let ref: MessageRef;
    try {
      ref = await target.send();
    } catch (error) {
      return fail(row, error, { gate, ticket });
    }
    gate.recordSuccess();
    await record(row, { status: "sent", messageRef: ref, sentAt: now(), lastError: null });
    return "sent";
  }

  async function databaseIsAway(): Promise<boolean> {
    return db.execute(sql`select 1`).then(
      () => false,
      () => true,
    );
  }

  async function fail(
    row: ClaimedDelivery,
    error: unknown,
    paced: { gate: RateGate; ticket: GateTicket } | undefined,
  ): Promise<Result> {
    const failure: DeliveryFailure =
      error instanceof DeliveryError ? error.failure : { kind: "transient", reason: String(error) };
    if (failure.kind === "rate_limited") paced?.gate.recordRateLimited(paced.ticket, failure.retryAfterMs);
    if (failure.kind === "transient" && (failure.status ?? 0) >= 500)
      paced?.gate.recordServerError(paced.ticket);
    let hasOtherRoute = false;
    if (failure.kind === "unreachable" && row.personId && failure.identity) {
      await database(markIdentityUnreachable(db, row.personId, failure.identity, failure.reason, now()));
      const payload = DeliveryPayloadSchema.parse(row.payload);
      hasOtherRoute =
        payload.type !== "update" &&
        chooseIdentity(await database(loadPerson(db, row.personId)), messenger.platforms) !== undefined;
    }
    const step = nextStep(failure, row.attempts, now(), { maxAttempts, hasOtherRoute });
    if (step.kind === "retry") {
      await record(row, {
        status: "pending",
        dueAt: step.dueAt,
        lastError: step.lastError,
        attempts: step.countsAsAttempt ? row.attempts : Math.max(0, row.attempts - 1),
      });
      return "retried";
    }
    logger.warn(
      { delivery: row.id, kind: row.kind, failure: failure.kind, attempts: row.attempts },
      "bericht niet afgeleverd",
    );
    await record(row, { status: "dead", lastError: step.lastError, attempts: row.attempts });
    return "dead";
  }

  /**
   * One round: claims and sends until a claim finds nothing due. The next batch is claimed while the last
   * rows of the current one are still being sent, so the pace does not stall between batches. Throws
   * OutboxDatabaseError when the database went away; what was claimed and not sent is given back next time.
   */
  async function runOnce(): Promise<DeliveryRound> {
    try {
      await database(flushUnrecorded());
      await database(claims.releaseUnsent());
    } catch (error) {
      databaseWasAway = true;
      throw error;
    }
    if (databaseWasAway) noteDatabaseBack();
    const round = emptyRound();
    const ready: ClaimedDelivery[] = [];
    let claiming: Promise<void> | undefined;
    let exhausted = false;
    let failure: unknown;
    const refill = () => {
      if (claiming || exhausted || failure !== undefined) return;
      claiming = database(
        claims.claim(Math.max(1, claimLimit() - holding), { takeOver: now().getTime() >= takeOverFrom }),
      )
        .then((rows) => {
          round.claimed += rows.length;
          holding += rows.length;
          ready.push(...rows);
          if (!rows.length) exhausted = true;
        })
        .catch((error: unknown) => {
          failure ??= error;
        })
        .finally(() => {
          claiming = undefined;
        });
    };
    const lane = async () => {
      while (failure === undefined && !stopping.signal.aborted) {
        if (ready.length < concurrency) refill();
        const row = ready.shift();
        if (!row) {
          if (!claiming) return;
          await claiming;
          continue;
        }
        try {
          round[await deliver(row)]++;
        } catch (error) {
          failure ??= error;
        } finally {
          holding--;
        }
      }
    };
    refill();
    await claiming;
    await Promise.all(Array.from({ length: concurrency }, lane));
    await claiming;
    holding = 0;
    if (failure !== undefined) {
      if (failure instanceof OutboxDatabaseError) databaseWasAway = true;
      throw failure;
    }
    return round;
  }

  function noteDatabaseBack() {
    databaseWasAway = false;
    takeOverFrom = now().getTime() + leaseMs;
  }

  /** Rounds until nothing is due within `settleMs`; retries due sooner than that are waited for. */
  async function drainNow(settleMs: number): Promise<DeliveryRound> {
    const total = emptyRound();
    let lastRoundAt: number | undefined;
    while (!stopping.signal.aborted) {
      const round = await runOnce();
      for (const key of Object.keys(total) as (keyof DeliveryRound)[]) total[key] += round[key];
      // Rows sent in this round may have made others due (a retry after a rate limit): look again.
      if (round.claimed > 0) continue;
      const [next] = await database(
        db
          .select({ at: min(deliveries.dueAt) })
          .from(deliveries)
          .where(eq(deliveries.status, "pending")),
      );
      const wait = next?.at ? next.at.getTime() - now().getTime() : Number.POSITIVE_INFINITY;
      // A clock that does not move (tests) would never make the next row due: stop instead of spinning.
      if (wait > settleMs || now().getTime() === lastRoundAt) return total;
      lastRoundAt = now().getTime();
      await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 20)));
    }
    return total;
  }

  // One drain at a time in this worker: a second call waits for the first and then looks again.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    drain(settleMs = 5_000): Promise<DeliveryRound> {
      const run = queue.then(() => drainNow(settleMs));
      queue = run.catch(() => undefined);
      return run;
    },
    /** The database connection came back after being lost (the listening connection reconnected). */
    noteDatabaseBack,
    /** Outcomes waiting for the database (a platform accepted them while it was away). */
    get unrecordedOutcomes() {
      return unrecorded.size;
    },
    /** Finish the send in progress, take no more, and give back what was claimed but not sent (shutdown). */
    async stop(): Promise<void> {
      stopping.abort();
      clearInterval(heartbeat);
      await queue;
      await flushUnrecorded().catch(() => undefined);
      if (!unrecorded.size) await claims.releaseUnsent().catch(() => undefined);
    },
  };
}
