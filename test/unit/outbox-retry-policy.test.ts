import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DeliveryFailure } from "../../src/app/messenger.js";
import { UNREACHABLE_PREFIX } from "../../src/app/outbox/payload.js";
import { backoffMs, nextStep } from "../../src/app/outbox/retry-policy.js";

const now = new Date("2027-01-11T09:00:00Z");
const waitOf = (step: ReturnType<typeof nextStep>) =>
  step.kind === "retry" ? step.dueAt.getTime() - now.getTime() : undefined;

describe("the outbox's retry policy", () => {
  it("waits out a rate limit for Retry-After plus at most a fifth, without counting an attempt", () => {
    const failure: DeliveryFailure = { kind: "rate_limited", retryAfterMs: 10_000 };
    const lowest = nextStep(failure, 3, now, { maxAttempts: 5, random: () => 0 });
    const highest = nextStep(failure, 3, now, { maxAttempts: 5, random: () => 0.999999 });
    expect(lowest).toMatchObject({ kind: "retry", countsAsAttempt: false, lastError: "rate limited" });
    expect(waitOf(lowest)).toBe(10_000);
    expect(waitOf(highest)).toBe(12_000);
    // However many attempts went before, a rate limit is never a reason to give up.
    expect(nextStep(failure, 99, now, { maxAttempts: 5 }).kind).toBe("retry");
  });

  it("retries a transient failure with growing pauses and gives up after the last attempt", () => {
    const failure: DeliveryFailure = { kind: "transient", reason: "HTTP 503", status: 503 };
    const steps = [1, 2, 3, 4].map((attempts) =>
      nextStep(failure, attempts, now, { maxAttempts: 5, random: () => 0.5 }),
    );
    expect(steps.map(waitOf)).toEqual([2000, 4000, 8000, 16_000]);
    expect(steps.every((s) => s.kind === "retry" && s.countsAsAttempt)).toBe(true);
    expect(nextStep(failure, 5, now, { maxAttempts: 5 })).toEqual({ kind: "dead", lastError: "HTTP 503" });
  });

  it("gives up a permanent failure at once", () => {
    expect(nextStep({ kind: "permanent", reason: "invalid_blocks" }, 1, now, { maxAttempts: 5 })).toEqual({
      kind: "dead",
      lastError: "invalid_blocks",
    });
  });

  it("goes straight on to another platform when the person has one, and otherwise marks the row unreachable", () => {
    const failure: DeliveryFailure = { kind: "unreachable", reason: "HTTP 403 ConversationBlockedByUser" };
    expect(nextStep(failure, 1, now, { maxAttempts: 5, hasOtherRoute: true })).toEqual({
      kind: "retry",
      dueAt: now,
      countsAsAttempt: false,
      lastError: "HTTP 403 ConversationBlockedByUser",
    });
    expect(nextStep(failure, 1, now, { maxAttempts: 5 })).toEqual({
      kind: "dead",
      lastError: `${UNREACHABLE_PREFIX}HTTP 403 ConversationBlockedByUser`,
    });
  });

  it("never schedules a retry in the past, nor later than Retry-After × 1.2 or five minutes × 1.2", () => {
    const failures = fc.oneof(
      fc.record({
        kind: fc.constant("rate_limited" as const),
        retryAfterMs: fc.integer({ min: 0, max: 600_000 }),
      }),
      fc.record({ kind: fc.constant("transient" as const), reason: fc.string() }),
      fc.record({ kind: fc.constant("permanent" as const), reason: fc.string() }),
      fc.record({ kind: fc.constant("unreachable" as const), reason: fc.string() }),
    );
    fc.assert(
      fc.property(
        failures,
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 50 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.boolean(),
        (failure, attempts, maxAttempts, r, hasOtherRoute) => {
          const step = nextStep(failure, attempts, now, { maxAttempts, random: () => r, hasOtherRoute });
          if (step.kind === "dead") {
            expect(
              failure.kind === "permanent" || failure.kind === "unreachable" || attempts >= maxAttempts,
            ).toBe(true);
            return;
          }
          const wait = waitOf(step) as number;
          expect(wait).toBeGreaterThanOrEqual(0);
          const cap = failure.kind === "rate_limited" ? failure.retryAfterMs * 1.2 : 360_000;
          expect(wait).toBeLessThanOrEqual(Math.ceil(cap));
        },
      ),
    );
  });

  it("spreads backoffs by ±20 % and caps them at five minutes", () => {
    expect(backoffMs(1, () => 0)).toBe(1600);
    expect(backoffMs(1, () => 0.999999)).toBe(2400);
    expect(backoffMs(30, () => 0.5)).toBe(300_000);
  });
});
