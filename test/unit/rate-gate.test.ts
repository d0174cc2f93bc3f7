import { describe, expect, it } from "vitest";
import { RateGate } from "../../src/jobs/rate-gate.js";

/** A gate on a fake clock: sleeping advances time instantly, so pacing is measured, not waited for. */
function fakeGate(options: { margin?: number; forgetAfterMs?: number } = {}) {
  let now = 0;
  const gate = new RateGate({
    ...options,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  return { gate, clock: () => now, advance: (ms: number) => (now += ms) };
}

describe("RateGate", () => {
  it("does not hold anything back while the rate is unknown", async () => {
    const { gate, clock } = fakeGate();
    for (let i = 0; i < 500; i++) {
      await gate.take();
      gate.recordSuccess();
    }
    expect(clock()).toBe(0);
    expect(gate.rate).toBeUndefined();
  });

  it("pauses for Retry-After, then paces at just under what the platform accepted in the last second", async () => {
    const { gate, clock, advance } = fakeGate({ margin: 0.9 });
    for (let i = 0; i < 100; i++) {
      await gate.take();
      gate.recordSuccess();
      advance(5); // 100 sends in 500 ms
    }
    gate.recordRateLimited(1000);
    gate.recordRateLimited(1000); // the refusals of requests already in flight teach nothing new
    expect(gate.rate).toBe(90);
    const pausedAt = clock();
    await gate.take();
    expect(clock()).toBe(pausedAt + 1000);
    const start = clock();
    for (let i = 0; i < 90; i++) await gate.take();
    // 90 more sends at 90 per second, evenly spaced after the first: one second.
    expect(clock() - start).toBeCloseTo(1000, 6);
  });

  it("learns a lower rate from a later refusal and forgets it after a quiet period", async () => {
    const { gate, advance } = fakeGate({ margin: 1, forgetAfterMs: 60_000 });
    for (let i = 0; i < 10; i++) {
      await gate.take();
      gate.recordSuccess();
    }
    gate.recordRateLimited(1000);
    expect(gate.rate).toBe(10);
    await gate.take();
    gate.recordSuccess();
    gate.recordRateLimited(1000);
    expect(gate.rate).toBe(1);
    advance(61_000);
    await gate.take();
    expect(gate.rate).toBeUndefined();
  });

  it("only pauses, learning nothing, when refused with nothing accepted in the last second", async () => {
    const { gate, clock, advance } = fakeGate({ margin: 1 });
    gate.recordRateLimited(1000);
    expect(gate.rate).toBeUndefined();
    await gate.take();
    expect(clock()).toBe(1000);
    for (let i = 0; i < 8; i++) gate.recordSuccess();
    gate.recordRateLimited(1000);
    expect(gate.rate).toBe(8);
    advance(5000);
    gate.recordRateLimited(1000);
    expect(gate.rate).toBe(8);
  });

  it("makes up for a late lane by at most half an interval, so lateness does not add up", async () => {
    const { gate, clock, advance } = fakeGate({ margin: 1 });
    for (let i = 0; i < 10; i++) gate.recordSuccess();
    gate.recordRateLimited(0);
    expect(gate.rate).toBe(10); // a slot every 100 ms
    await gate.take(); // t = 0, next slot at 100
    advance(130); // the lane comes back late, at 130
    await gate.take(); // takes the missed slot at once: next slot at 200, not 230
    expect(clock()).toBe(130);
    await gate.take();
    expect(clock()).toBe(200);
    advance(1000); // idle for long: no burst of catch-up sends
    await gate.take(); // at 1200, counted from 1150
    const afterIdle = clock();
    await gate.take(); // at 1250
    await gate.take(); // at 1350
    expect(clock() - afterIdle).toBe(150);
  });
});
