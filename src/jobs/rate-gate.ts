/**
 * Paces the sends to one platform. At first the rate is unknown and sends go as fast as the worker's lanes
 * allow. The first 429 pauses everything for the Retry-After the platform gave and teaches the gate the rate
 * the platform accepted during the last second; from then on sends are spaced just under that rate, so a large
 * fan-out runs at the platform's pace instead of bursting into refusals. After a quiet minute the learned rate
 * is forgotten, so a raised limit is found again.
 */
export type RateGateOptions = {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Fraction of the learned rate to use, leaving room for the platform's own rounding. */
  margin?: number;
  forgetAfterMs?: number;
};

export class RateGate {
  private ratePerSecond: number | undefined;
  private nextSlotAt = 0;
  private pausedUntil = 0;
  private lastActivity = 0;
  private successes: number[] = [];
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly margin: number;
  private readonly forgetAfterMs: number;

  constructor(options: RateGateOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.margin = options.margin ?? 0.97;
    this.forgetAfterMs = options.forgetAfterMs ?? 60_000;
  }

  /** The learned rate (messages per second), or undefined while unknown. */
  get rate(): number | undefined {
    return this.ratePerSecond;
  }

  /** Resolves when the next send may start, and reserves that moment. */
  async take(): Promise<void> {
    for (;;) {
      const now = this.now();
      if (this.ratePerSecond !== undefined && now - this.lastActivity > this.forgetAfterMs)
        this.ratePerSecond = undefined;
      // A lane that wakes a little late (timers, a slow query) may use part of the slot it missed, so lateness
      // does not add up over thousands of sends. Half an interval at most: making up a whole one lets two
      // sends land together, and a platform counting strictly per second then answers 429.
      const interval = this.ratePerSecond === undefined ? 0 : 1000 / this.ratePerSecond;
      const slot =
        this.ratePerSecond === undefined
          ? now
          : Math.max(this.nextSlotAt, now - interval / 2, this.pausedUntil);
      const wait = Math.max(this.pausedUntil, slot) - now;
      if (wait <= 0) {
        if (this.ratePerSecond !== undefined) this.nextSlotAt = slot + interval;
        this.lastActivity = now;
        return;
      }
      await this.sleep(wait);
    }
  }

  recordSuccess(): void {
    const now = this.now();
    this.lastActivity = now;
    this.successes.push(now);
    while ((this.successes[0] ?? now) <= now - 1000) this.successes.shift();
  }

  recordRateLimited(retryAfterMs: number): void {
    const now = this.now();
    this.lastActivity = now;
    this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
    const acceptedLastSecond = this.successes.filter((t) => t > now - 1000).length;
    // Nothing accepted lately says nothing about the rate (an injected refusal, a slow start): only pause.
    if (acceptedLastSecond > 0) {
      // Several refusals arrive together (the requests that were in flight): learn once, from the lowest.
      const learned = acceptedLastSecond * this.margin;
      this.ratePerSecond = Math.max(0.5, Math.min(this.ratePerSecond ?? Number.POSITIVE_INFINITY, learned));
    }
    this.nextSlotAt = this.pausedUntil;
  }
}
