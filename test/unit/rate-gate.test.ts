import { describe, expect, it } from "vitest";
import { RateGate, type RateGateOptions } from "../../src/jobs/rate-gate.js";

/** A gate on a fake clock: sleeping advances time instantly, so pacing is measured, not waited for. */
function fakeGate(options: Omit<RateGateOptions, "now" | "sleep"> = {}) {
  let now = 0;
  const starts: number[] = [];
  const gate = new RateGate({
    ...options,
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
  });
  const take = async () => {
    const ticket = await gate.take();
    starts.push(ticket.startedAt);
    return ticket;
  };
  /** `n` sends the platform accepts, each taking `ms` to answer. */
  const sendAccepted = async (n: number, ms = 0) => {
    for (let i = 0; i < n; i++) {
      await take();
      now += ms;
      gate.recordSuccess();
    }
  };
  /** Sends the platform accepts, at the gate's pace, for `ms`. */
  const sendAcceptedFor = async (ms: number) => {
    const end = now + ms;
    while (now < end) await sendAccepted(1);
  };
  return {
    gate,
    take,
    sendAccepted,
    sendAcceptedFor,
    starts,
    clock: () => now,
    advance: (ms: number) => (now += ms),
  };
}

/** The most sends that started in any window of `windowMs`. */
function mostInAnyWindow(starts: number[], windowMs: number) {
  let most = 0;
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i] as number;
    most = Math.max(most, starts.filter((t) => t >= from && t < from + windowMs).length);
  }
  return most;
}

/** Sends at the gate's pace until the platform has refused one that started past the limit. */
async function learnLimit(g: ReturnType<typeof fakeGate>, limit: number) {
  await g.sendAccepted(limit, 2);
  const refused = await g.take();
  g.gate.recordRateLimited(refused, 1000);
}

describe("RateGate", () => {
  it("does not hold anything back while the rate is unknown", async () => {
    const g = fakeGate();
    await g.sendAccepted(500);
    expect(g.clock()).toBe(0);
    expect(g.gate.rate).toBeUndefined();
  });

  it("after a 429 at full speed pauses for Retry-After, then sends at most what the platform accepted per second", async () => {
    const g = fakeGate({ guardMs: 10 });
    await learnLimit(g, 25);
    // The requests that were in flight with it come back refused too: one decision, not three.
    g.gate.recordRateLimited({ startedAt: g.clock() }, 1000);
    g.gate.recordRateLimited({ startedAt: g.clock() }, 1000);
    expect(g.gate.knownLimit).toBe(25);
    expect(g.gate.rate).toBe(25);
    const pausedAt = g.clock();
    const first = await g.take();
    expect(first.startedAt).toBe(pausedAt + 1000);
    g.starts.length = 0;
    await g.sendAccepted(250);
    // Never more than 25 in any second (with the guard, in any 1,010 ms) and close to 25 per second overall.
    expect(mostInAnyWindow(g.starts, 1010)).toBeLessThanOrEqual(25);
    const perSecond = 249 / (((g.starts.at(-1) as number) - (g.starts[0] as number)) / 1000);
    expect(perSecond).toBeGreaterThan(24.5);
    expect(perSecond).toBeLessThanOrEqual(25);
  });

  it("learns nothing from a refusal that followed a single success, and pauses only", async () => {
    const g = fakeGate();
    await g.sendAccepted(1);
    const refused = await g.take();
    g.gate.recordRateLimited(refused, 1000);
    expect(g.gate.rate).toBeUndefined();
    expect(g.gate.knownLimit).toBeUndefined();
    const next = await g.take();
    expect(next.startedAt).toBe(1000);
  });

  it("slows down in a 429 storm and probes its way back up to the limit it knew, instead of keeping the lowest pace", async () => {
    const g = fakeGate({ recoverAfterMs: 1000 });
    await learnLimit(g, 10);
    await g.sendAccepted(30);
    // A storm: the platform refuses everything for a while (nothing we sent was accepted just before).
    for (let i = 0; i < 4; i++) {
      const refused = await g.take();
      g.gate.recordRateLimited(refused, 1000);
    }
    expect(g.gate.rate).toBeLessThanOrEqual(10 / 8);
    // The storm's first refusal looked like one at our limit: at most one less is remembered.
    const known = g.gate.knownLimit ?? 0;
    expect(known).toBeGreaterThanOrEqual(9);
    const stormOver = g.clock();
    await g.sendAccepted(40);
    expect(g.gate.rate).toBe(known);
    // Back to full pace within a few seconds of the storm's end, not at the pace of the storm.
    expect(g.clock() - stormOver).toBeLessThan(8000);
  });

  it("halves its pace after a burst of server errors, and no more while they go on, and climbs back", async () => {
    const g = fakeGate();
    await learnLimit(g, 20);
    await g.sendAccepted(40);
    for (let i = 0; i < 5; i++) g.gate.recordServerError(await g.take());
    expect(g.gate.rate).toBe(10);
    // Errors go on: no slower than half the limit, or a burst of them would last ever longer.
    for (let i = 0; i < 5; i++) {
      g.advance(1000);
      g.gate.recordServerError(await g.take());
    }
    expect(g.gate.rate).toBe(10);
    await g.sendAccepted(40);
    expect(g.gate.rate).toBe(20);
  });

  it("tries a little above the known limit after a long quiet spell, and keeps climbing while the platform accepts", async () => {
    const g = fakeGate({ probeAfterMs: 30_000 });
    await learnLimit(g, 10);
    await g.sendAcceptedFor(29_000);
    expect(g.gate.rate).toBe(10);
    await g.sendAcceptedFor(2000);
    expect(g.gate.rate).toBe(11);
    // Nobody refuses for two seconds: the platform takes 11 per second now, and the next probe is bigger.
    await g.sendAcceptedFor(2100);
    expect(g.gate.knownLimit).toBe(11);
    // Room that another replica left is found within seconds, not one step per half minute.
    await g.sendAcceptedFor(12_000);
    expect(g.gate.knownLimit).toBeGreaterThanOrEqual(30);
  });

  it("keeps the limit when a probe is refused, and waits twice as long before the next", async () => {
    const g = fakeGate({ probeAfterMs: 30_000 });
    await learnLimit(g, 10);
    while (g.gate.rate === 10) await g.sendAccepted(1);
    expect(g.gate.rate).toBe(11);
    g.gate.recordRateLimited(await g.take(), 1000);
    expect(g.gate.knownLimit).toBe(10);
    expect(g.gate.rate).toBe(10);
    await g.sendAcceptedFor(59_000);
    expect(g.gate.rate).toBe(10);
    await g.sendAcceptedFor(1500);
    expect(g.gate.rate).toBe(11);
  });

  it("takes a refusal at the limit it keeps to as timing on the way: a wider margin, then one less", async () => {
    const g = fakeGate({ guardMs: 10 });
    await learnLimit(g, 10);
    g.advance(5000);
    const refuseNext = async () => {
      await g.sendAccepted(20);
      g.gate.recordRateLimited(await g.take(), 1000);
      g.advance(1000);
    };
    for (let i = 0; i < 4; i++) {
      await refuseNext();
      expect(g.gate.knownLimit).toBe(10);
    }
    // Five refusals at 10 per second with the margin at its widest: the limit was one too generous.
    await refuseNext();
    expect(g.gate.knownLimit).toBe(9);
    g.starts.length = 0;
    await g.sendAccepted(100);
    expect(mostInAnyWindow(g.starts, 1010)).toBeLessThanOrEqual(9);
  });

  it("makes up for a late lane by at most half an interval, so lateness does not add up", async () => {
    const g = fakeGate({ guardMs: 0 });
    await learnLimit(g, 10);
    expect(g.gate.rate).toBe(10); // a slot every 100 ms
    g.advance(10_000);
    // After an idle spell the first send counts from half an interval back (no burst of catch-up sends).
    const t0 = (await g.take()).startedAt;
    g.advance(130); // the lane comes back late: its slot was at t0 + 50
    const late = (await g.take()).startedAt;
    expect(late - t0).toBe(130); // taken at once, counted from t0 + 80: the next slot is t0 + 180, not t0 + 230
    expect((await g.take()).startedAt - t0).toBe(180);
    expect((await g.take()).startedAt - t0).toBe(280);
  });
});
