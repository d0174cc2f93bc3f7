import type { DeliveryFailure } from "../messenger.js";
import { UNREACHABLE_PREFIX } from "./payload.js";

/**
 * What the outbox does after a failed send, decided from the failure alone: pure, so every branch is
 * unit-tested without a database or a platform.
 *
 * - a rate limit is the platform's pace, not a failed attempt: try again after the Retry-After it gave (plus a
 *   little jitter, so replicas do not all come back in the same instant);
 * - "unreachable" (blocked, removed, disabled by an admin) is never retried on that identity: straight on to
 *   the person's other platform if they have one, else given up as unreachable (a later first contact may
 *   bring it back);
 * - a transient failure (5xx, 412, a timeout) is retried with growing pauses until `maxAttempts`;
 * - a permanent one (a malformed card, a revoked token, a message that is gone) is given up at once.
 */
export type NextStep =
  | { kind: "retry"; dueAt: Date; countsAsAttempt: boolean; lastError: string }
  | { kind: "dead"; lastError: string };

export type RetryPolicyOptions = {
  maxAttempts: number;
  /** The person has another platform to try (only asked for an unreachable failure). */
  hasOtherRoute?: boolean;
  random?: () => number;
};

/**
 * `attempts`: the attempts made so far, this one included (rate-limited sends are not counted).
 */
export function nextStep(
  failure: DeliveryFailure,
  attempts: number,
  now: Date,
  options: RetryPolicyOptions,
): NextStep {
  const random = options.random ?? Math.random;
  const at = (ms: number) => new Date(now.getTime() + ms);
  switch (failure.kind) {
    case "rate_limited":
      return {
        kind: "retry",
        dueAt: at(Math.round(failure.retryAfterMs * (1 + random() * 0.2))),
        countsAsAttempt: false,
        lastError: "rate limited",
      };
    case "unreachable":
      return options.hasOtherRoute
        ? { kind: "retry", dueAt: now, countsAsAttempt: false, lastError: failure.reason }
        : { kind: "dead", lastError: `${UNREACHABLE_PREFIX}${failure.reason}` };
    case "transient":
      return attempts < options.maxAttempts
        ? {
            kind: "retry",
            dueAt: at(backoffMs(attempts, random)),
            countsAsAttempt: true,
            lastError: failure.reason,
          }
        : { kind: "dead", lastError: failure.reason };
    case "permanent":
      return { kind: "dead", lastError: failure.reason };
  }
}

/** 2 s, 4 s, 8 s … after the 1st, 2nd, 3rd attempt, capped at 5 minutes, ±20 % so replicas do not retry in step. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(300_000, 1000 * 2 ** attempt);
  return Math.round(base * (0.8 + random() * 0.4));
}
