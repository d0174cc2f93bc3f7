/**
 * Paces the sends to one platform workspace (a Slack team, a Teams tenant), the way TCP paces a connection:
 *
 * - Unknown at first: sends go as fast as the worker's lanes allow.
 * - A 429 pauses everything for the Retry-After the platform gave. When it came while we were sending at our
 *   pace, it tells the platform's limit: the sends we started in the second before the refused one and that were
 *   not refused themselves (the platform counts attempts in its window; answers come back in any order). From then
 *   on at most that many start in any second (a little more than a second, so jitter on the way does not put
 *   one too many in the platform's window), evenly spaced.
 * - A 429 that came while we were well below that pace (a "storm": the platform refusing everyone for a while)
 *   halves the pace instead (multiplicative decrease), without forgetting the limit; a burst of 5xx answers
 *   halves it too, but not below half the usual pace.
 * - After a quiet spell the pace climbs back towards the known limit (×1.5 every quarter second of successes),
 *   and after a long quiet spell at the limit it tries a little above it (additive increase). A probe the
 *   platform accepts for two seconds raises the limit and is followed at once by a bigger one (room freed by
 *   another replica that stopped is found within seconds); a refused probe makes the next one wait twice as
 *   long.
 */
export type RateGateOptions = {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** The slowest pace a decrease goes down to (messages per second). */
  floor?: number;
  /** The platform's counting window (Slack and Teams count per second). */
  windowMs?: number;
  /**
   * Added to the window on our side: how much later than we sent a request may arrive. It grows (to five
   * times this) when the platform refuses us at the limit we keep to.
   */
  guardMs?: number;
  /** Quiet time after a decrease before the pace climbs back. */
  recoverAfterMs?: number;
  /** Quiet time at the known limit before trying above it; doubles after each refused probe. */
  probeAfterMs?: number;
  maxProbeAfterMs?: number;
};

/** One send's place in the gate: when it started, so its outcome can be counted in the right window. */
export type GateTicket = { readonly startedAt: number; refused?: boolean };

/** The first probe above a known limit tries this fraction more; each accepted one doubles it. */
const PROBE_STEP = 0.05;

export class RateGate {
  private pace: number | undefined;
  private limit: number | undefined;
  private nextSlotAt = 0;
  private pausedUntil = 0;
  /** Refusals before this moment belong to a decision already taken (requests that were in flight). */
  private decidedUntil = Number.NEGATIVE_INFINITY;
  private serverErrorDecidedUntil = Number.NEGATIVE_INFINITY;
  private lastDecreaseAt = Number.NEGATIVE_INFINITY;
  private lastIncreaseAt = Number.NEGATIVE_INFINITY;
  private lastProbeEndedAt = Number.NEGATIVE_INFINITY;
  private probingSince: number | undefined;
  private probeAfter: number;
  /** The wait before a probe when the last one was refused (doubles each time) or nothing was probed yet. */
  private quietProbeAfter: number;
  private probeStep = PROBE_STEP;
  /** The sends started in the last two windows, in order. */
  private recent: GateTicket[] = [];
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly floor: number;
  private readonly windowMs: number;
  private readonly guardMs: number;
  private guard: number;
  private readonly recoverAfterMs: number;
  private readonly probeAfterMs: number;
  private readonly maxProbeAfterMs: number;

  constructor(options: RateGateOptions = {}) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.floor = options.floor ?? 0.5;
    this.windowMs = options.windowMs ?? 1000;
    this.guardMs = options.guardMs ?? 10;
    this.guard = this.guardMs;
    this.recoverAfterMs = options.recoverAfterMs ?? 1000;
    this.probeAfterMs = options.probeAfterMs ?? 30_000;
    this.maxProbeAfterMs = options.maxProbeAfterMs ?? 300_000;
    this.probeAfter = this.probeAfterMs;
    this.quietProbeAfter = this.probeAfterMs;
  }

  /** The current pace (messages per second), or undefined while not limited. */
  get rate(): number | undefined {
    return this.pace;
  }

  /** The platform's limit as last learned (sends per window), or undefined while unknown. */
  get knownLimit(): number | undefined {
    return this.limit;
  }

  /** Resolves when the next send may start, and reserves that moment; undefined once `signal` aborts. */
  take(): Promise<GateTicket>;
  take(signal: AbortSignal): Promise<GateTicket | undefined>;
  async take(signal?: AbortSignal): Promise<GateTicket | undefined> {
    for (;;) {
      if (signal?.aborted) return undefined;
      const now = this.now();
      const cutoff = now - 2 * this.windowMs;
      if ((this.recent[0]?.startedAt ?? now) < cutoff)
        this.recent = this.recent.filter((t) => t.startedAt >= cutoff);
      const startAt = this.earliestStart(now);
      if (startAt <= now) {
        if (this.pace !== undefined) {
          // A lane that wakes a little late may use part of the slot it missed, so lateness does not add up
          // over thousands of sends; half an interval at most (the window cap keeps the platform's count).
          const interval = 1000 / this.pace;
          this.nextSlotAt = Math.max(this.nextSlotAt, now - interval / 2) + interval;
        }
        const ticket: GateTicket = { startedAt: now };
        this.recent.push(ticket);
        return ticket;
      }
      await this.sleepUnless(startAt - now, signal);
    }
  }

  private sleepUnless(ms: number, signal: AbortSignal | undefined): Promise<void> {
    if (!signal) return this.sleep(ms);
    return new Promise((resolve) => {
      const done = () => {
        signal.removeEventListener("abort", done);
        resolve();
      };
      signal.addEventListener("abort", done);
      this.sleep(ms).then(done);
    });
  }

  recordSuccess(): void {
    this.climb(this.now());
  }

  /** The platform answered 429 with this Retry-After. */
  recordRateLimited(ticket: GateTicket, retryAfterMs: number): void {
    const now = this.now();
    ticket.refused = true;
    this.pausedUntil = Math.max(this.pausedUntil, now + retryAfterMs);
    this.nextSlotAt = Math.max(this.nextSlotAt, this.pausedUntil);
    if (now < this.decidedUntil) return;
    this.decidedUntil = this.pausedUntil;
    // Our sends the platform counted in its window before the refused one.
    const acceptedBefore = this.recent.filter(
      (t) => !t.refused && t.startedAt < ticket.startedAt && t.startedAt >= ticket.startedAt - this.windowMs,
    ).length;
    const atOurPace = acceptedBefore >= 2 && acceptedBefore >= 0.5 * (this.pace ?? 0);
    if (atOurPace) {
      if (this.probingSince !== undefined) {
        this.quietProbeAfter = Math.min(this.maxProbeAfterMs, this.quietProbeAfter * 2);
        this.probeStep = PROBE_STEP;
      }
      this.probeAfter = this.quietProbeAfter;
      let learned = acceptedBefore;
      // At our pace a window holds the limit, or one less where the spacing put the next send just outside it.
      const atLimit = this.limit !== undefined && acceptedBefore >= this.limit - 1;
      if (this.limit !== undefined && this.probingSince === undefined && atLimit) {
        // Refused at the limit we had learned, which we keep to: the platform saw our requests closer together
        // than we sent them. Keep a wider margin; when that does not help, the limit was one too generous.
        if (this.guard < 5 * this.guardMs) {
          this.guard += this.guardMs;
          learned = this.limit;
        } else {
          this.guard = this.guardMs;
          learned = this.limit - 1;
        }
      }
      this.limit = Math.max(1, learned);
      this.pace = Math.max(this.floor, this.limit);
    } else if (this.pace !== undefined) {
      this.pace = Math.max(this.floor, this.pace / 2);
    }
    this.endProbe(now);
    this.lastDecreaseAt = now;
  }

  /** The platform answered 5xx: the pace is halved (once per window, never below half the usual pace). */
  recordServerError(ticket: GateTicket): void {
    const now = this.now();
    if (now < this.serverErrorDecidedUntil) return;
    this.serverErrorDecidedUntil = now + this.windowMs;
    const startedBefore = this.recent.filter((t) => t.startedAt >= ticket.startedAt - this.windowMs).length;
    const usual = this.limit ?? Math.max(1, startedBefore);
    // The platform did not ask us to slow down, it is struggling: ease off to half the usual pace, but not to a
    // trickle that would make a burst of errors last ten times as long.
    this.pace = Math.max(this.floor, usual / 2, (this.pace ?? usual) / 2);
    this.endProbe(now);
    this.lastDecreaseAt = now;
  }

  private earliestStart(now: number): number {
    let at = Math.max(now, this.pausedUntil);
    if (this.pace === undefined) return at;
    at = Math.max(at, this.nextSlotAt);
    // Never more than the limit in any window (plus guard) of the platform's.
    const cap = Math.max(1, Math.floor(this.pace));
    if (this.recent.length >= cap) {
      const oldest = (this.recent[this.recent.length - cap] as GateTicket).startedAt;
      at = Math.max(at, oldest + this.windowMs + this.guard);
    }
    return at;
  }

  private climb(now: number): void {
    if (this.pace === undefined || now - this.lastDecreaseAt < this.recoverAfterMs) return;
    if (this.limit === undefined || this.pace < this.limit) {
      if (now - this.lastIncreaseAt < 250) return;
      this.lastIncreaseAt = now;
      const climbed = this.pace * 1.5;
      // Slowed by server errors before any limit was known: once far past what was ever sent, unlimited again.
      if (this.limit === undefined) this.pace = climbed > 1000 ? undefined : climbed;
      else this.pace = Math.min(this.limit, climbed);
      return;
    }
    if (this.probingSince !== undefined) {
      // A probe that nobody refused for a while: the platform accepts this pace; try more, soon.
      if (now - this.probingSince >= 2 * this.windowMs) {
        this.limit = Math.floor(this.pace);
        this.quietProbeAfter = this.probeAfterMs;
        this.probeAfter = this.recoverAfterMs;
        this.probeStep = Math.min(1, this.probeStep * 2);
        this.endProbe(now);
      }
      return;
    }
    if (now - Math.max(this.lastDecreaseAt, this.lastProbeEndedAt) >= this.probeAfter) {
      this.probingSince = now;
      this.pace = this.limit + Math.max(1, Math.round(this.limit * this.probeStep));
    }
  }

  private endProbe(now: number) {
    if (this.probingSince === undefined) return;
    this.probingSince = undefined;
    this.lastProbeEndedAt = now;
  }
}
