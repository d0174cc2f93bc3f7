import { and, asc, eq, inArray, isNull, lt, lte, min, or, sql } from "drizzle-orm";
import type {
  ChannelAddress,
  DeliveryFailure,
  MessageRef,
  Messenger,
  PersonAddress,
} from "../app/messenger.js";
import { chooseIdentity, DeliveryError } from "../app/messenger.js";
import { type DeliveryPayload, type RenderDeferred, UNREACHABLE_PREFIX } from "../app/outbox/payload.js";
import type { Db } from "../db/client.js";
import {
  answerRevisions,
  channelBindings,
  deliveries,
  invitations,
  people,
  platformIdentities,
  waves,
} from "../db/schema.js";
import { isQuietTime, nextAllowedMoment } from "../domain/reminders/plan-survey-reminders.js";
import type { Locale } from "../domain/vocabulary.js";
import type { Logger } from "../logger.js";
import { RateGate } from "./rate-gate.js";

/**
 * The outbox worker: claims due deliveries (FOR UPDATE SKIP LOCKED, so replicas never take the same row),
 * sends them through the Messenger, and records the outcome. Rate limits pause the platform and retry after
 * the time the platform asked for; other failures back off exponentially and dead-letter after
 * `maxAttempts`. A row is marked sent only after the platform accepted it.
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
  batchSize?: number;
  /** How long a claimed row stays ours before another replica may take it over (a crash mid-send). */
  leaseMs?: number;
  /** The pacing of one platform workspace (a Slack team, a Teams tenant); a new gate per key by default. */
  gateFor?: (key: string) => RateGate;
  renderDeferred?: RenderDeferred;
};

export type DeliveryRound = {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  cancelled: number;
};

type Claimed = typeof deliveries.$inferSelect;

export function createDeliveryWorker(options: DeliveryWorkerOptions) {
  const now = options.now ?? (() => new Date());
  const maxAttempts = options.maxAttempts ?? 5;
  const concurrency = options.concurrency ?? 8;
  const batchSize = options.batchSize ?? 100;
  const leaseMs = options.leaseMs ?? 120_000;
  const { db, messenger, logger } = options;
  // One gate per platform workspace: after a 429 nothing more is sent there until Retry-After has passed, then
  // at the learned pace, while the other platform (or another Teams tenant) goes on.
  const gates = new Map<string, RateGate>();
  const gateFor =
    options.gateFor ??
    ((key: string) => {
      const gate = gates.get(key) ?? new RateGate();
      gates.set(key, gate);
      return gate;
    });
  let stopped = false;

  async function claim(): Promise<Claimed[]> {
    const at = now();
    const due = db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(
        or(
          and(eq(deliveries.status, "pending"), lte(deliveries.dueAt, at)),
          and(eq(deliveries.status, "sending"), lt(deliveries.lockedUntil, at)),
        ),
      )
      .orderBy(asc(deliveries.dueAt))
      .limit(batchSize)
      .for("update", { skipLocked: true });
    return db
      .update(deliveries)
      .set({
        status: "sending",
        lockedUntil: new Date(at.getTime() + leaseMs),
        attempts: sql`${deliveries.attempts} + 1`,
      })
      .where(inArray(deliveries.id, due))
      .returning();
  }

  async function finish(row: Claimed, values: Partial<typeof deliveries.$inferInsert>) {
    await db
      .update(deliveries)
      .set({ lockedUntil: null, ...values })
      .where(and(eq(deliveries.id, row.id), eq(deliveries.status, "sending")));
  }

  /** Survey messages that no longer make sense: the wave closed, or (for reminders) the person answered. */
  async function isObsolete(row: Claimed): Promise<boolean> {
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

  /** Where a row goes (which decides its rate gate) and how to send it; "obsolete" when no longer wanted. */
  async function resolve(
    row: Claimed,
  ): Promise<{ gateKey: string; send: () => Promise<MessageRef> } | "obsolete"> {
    const payload = row.payload as DeliveryPayload;
    if (payload.type === "update") {
      const { ref, card } = payload;
      return {
        gateKey: `${ref.platform}:${ref.workspaceId ?? ""}`,
        send: () => messenger.updateMessage(ref, card).then(() => ref),
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
    const channel = await loadChannel(db, row.channelBindingId as string);
    const card = await cardFor(undefined);
    if (!card) return "obsolete";
    return {
      gateKey: `${channel.platform}:${channel.workspaceId}`,
      send: () => messenger.sendToChannel(channel, card),
    };
  }

  /**
   * The platform said this person cannot be reached there (blocked, removed, disabled by an admin). Remember
   * it, so nothing more is tried that way; true when they have another platform to try at once.
   */
  async function markUnreachable(row: Claimed, failure: DeliveryFailure & { kind: "unreachable" }) {
    if (!row.personId || !failure.identity) return false;
    const { identity } = failure;
    await db
      .update(platformIdentities)
      .set({ unreachableSince: now(), unreachableReason: failure.reason })
      .where(
        and(
          eq(platformIdentities.personId, row.personId),
          eq(platformIdentities.platform, identity.platform),
          eq(platformIdentities.workspaceId, identity.workspaceId),
          eq(platformIdentities.userId, identity.userId),
        ),
      );
    const payload = row.payload as DeliveryPayload;
    if (payload.type === "update") return false;
    const person = await loadPerson(db, row.personId);
    return chooseIdentity(person, messenger.platforms) !== undefined;
  }

  async function deliver(row: Claimed): Promise<keyof Omit<DeliveryRound, "claimed">> {
    if (await isObsolete(row)) {
      await finish(row, { status: "cancelled" });
      return "cancelled";
    }
    // Reminders never arrive in the evening or at night, even when a retry pushed them there.
    if (row.kind === "survey-reminder" && isQuietTime(now(), options.timeZone)) {
      await finish(row, {
        status: "pending",
        attempts: row.attempts - 1,
        dueAt: nextAllowedMoment(now(), options.timeZone),
      });
      return "retried";
    }
    let target: Awaited<ReturnType<typeof resolve>>;
    try {
      target = await resolve(row);
    } catch (error) {
      return fail(row, error, undefined);
    }
    if (target === "obsolete") {
      await finish(row, { status: "cancelled" });
      return "cancelled";
    }
    const gate = gateFor(target.gateKey);
    await gate.take();
    try {
      const ref = await target.send();
      gate.recordSuccess();
      await finish(row, { status: "sent", messageRef: ref, sentAt: now(), lastError: null });
      return "sent";
    } catch (error) {
      return fail(row, error, gate);
    }
  }

  async function fail(
    row: Claimed,
    error: unknown,
    gate: RateGate | undefined,
  ): Promise<keyof Omit<DeliveryRound, "claimed">> {
    const failure: DeliveryFailure =
      error instanceof DeliveryError ? error.failure : { kind: "transient" as const, reason: String(error) };
    if (failure.kind === "rate_limited") {
      gate?.recordRateLimited(failure.retryAfterMs);
      // The platform told us when; that is not a failed attempt.
      await finish(row, {
        status: "pending",
        attempts: row.attempts - 1,
        // A little jitter, so replicas and lanes do not all come back in the same instant.
        dueAt: new Date(now().getTime() + Math.round(failure.retryAfterMs * (1 + Math.random() * 0.2))),
        lastError: "rate limited",
      });
      return "retried";
    }
    const reason = failure.reason;
    if (failure.kind === "unreachable" && (await markUnreachable(row, failure))) {
      // Not the message's fault: straight on to the person's other platform.
      await finish(row, { status: "pending", attempts: row.attempts - 1, dueAt: now(), lastError: reason });
      return "retried";
    }
    if (failure.kind === "transient" && row.attempts < maxAttempts) {
      await finish(row, {
        status: "pending",
        dueAt: new Date(now().getTime() + backoffMs(row.attempts)),
        lastError: reason,
      });
      return "retried";
    }
    logger.warn(
      { delivery: row.id, kind: row.kind, failure: failure.kind, attempts: row.attempts },
      "bericht niet afgeleverd",
    );
    // "unreachable:" marks rows that a later first contact (a newly linked identity) may bring back.
    await finish(row, {
      status: "dead",
      lastError: failure.kind === "unreachable" ? `${UNREACHABLE_PREFIX}${reason}` : reason,
    });
    return "dead";
  }

  /** One claim-and-send round. */
  async function runOnce(): Promise<DeliveryRound> {
    const rows = await claim();
    const round: DeliveryRound = { claimed: rows.length, sent: 0, retried: 0, dead: 0, cancelled: 0 };
    let next = 0;
    const lanes = Array.from({ length: Math.min(concurrency, rows.length) }, async () => {
      while (next < rows.length) {
        const row = rows[next++] as Claimed;
        round[await deliver(row)]++;
      }
    });
    await Promise.all(lanes);
    return round;
  }

  /** Rounds until nothing is due within `settleMs`; retries due sooner than that are waited for. */
  async function drain(settleMs = 5_000): Promise<DeliveryRound> {
    const total: DeliveryRound = { claimed: 0, sent: 0, retried: 0, dead: 0, cancelled: 0 };
    let lastRoundAt: number | undefined;
    while (!stopped) {
      const round = await runOnce();
      for (const key of Object.keys(total) as (keyof DeliveryRound)[]) total[key] += round[key];
      if (round.claimed > 0) continue;
      const [next] = await db
        .select({ at: min(deliveries.dueAt) })
        .from(deliveries)
        .where(eq(deliveries.status, "pending"));
      const wait = next?.at ? next.at.getTime() - now().getTime() : Number.POSITIVE_INFINITY;
      // A clock that does not move (tests) would never make the next row due: stop instead of spinning.
      if (wait > settleMs || now().getTime() === lastRoundAt) return total;
      lastRoundAt = now().getTime();
      await new Promise((resolve) => setTimeout(resolve, Math.max(wait, 20)));
    }
    return total;
  }

  return {
    runOnce,
    drain,
    /** Finish the round in progress and take no more (shutdown). */
    stop: () => {
      stopped = true;
    },
  };
}

/** 2 s, 4 s, 8 s … capped at 5 minutes, with jitter so replicas do not retry in lockstep. */
export function backoffMs(attempt: number): number {
  const base = Math.min(300_000, 1000 * 2 ** attempt);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

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

async function loadChannel(db: Db, bindingId: string): Promise<ChannelAddress> {
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
