import { createWave } from "../../src/app/waves/create-wave.js";
import { openWave } from "../../src/app/waves/open-wave.js";
import type { Db } from "../../src/db/client.js";
import { type SeededSlackPerson, seedSlackPeople } from "./slack-people.js";
import type { SlackCall, SlackSimulator } from "./slack-simulator.js";

/*
 * A fan-out as operators see it, for the fault tests and the fan-out benchmark alike: N Slack contact persons,
 * a venster wave for all of them, and the Slack simulator's record of what arrived. The watch reads only the
 * simulator (what people got), never the outbox, so it judges the app from the outside: per DM the accepted
 * chat.postMessage calls, who sent each (the bot token tells which replica), and when.
 */

export type FanoutWave = { name: string; people: SeededSlackPerson[] };

/** Seeds `count` Slack contact persons and creates a draft venster wave for them (open it separately). */
export async function prepareFanoutWave(
  db: Db,
  options: { count: number; regionCount?: number; sim?: SlackSimulator; prefix?: string; name?: string },
): Promise<FanoutWave> {
  const people = await seedSlackPeople(db, {
    count: options.count,
    regionCount: options.regionCount ?? 10,
    ...(options.sim ? { sim: options.sim } : {}),
    ...(options.prefix ? { prefix: options.prefix } : {}),
  });
  const name = options.name ?? `Venster fan-out ${options.count} ${Date.now()}`;
  await createDraftWave(db, name);
  return { name, people };
}

/** A draft venster wave that opened an hour ago and closes in two weeks (everyone seeded is its audience). */
export async function createDraftWave(db: Db, name: string): Promise<void> {
  await createWave(db, {
    surveyKey: "venster",
    name,
    opensAt: new Date(Date.now() - 3600_000),
    closesAt: new Date(Date.now() + 14 * 86_400_000),
  });
}

/** Opens the wave in this process (the use case `wave open` runs); `openedAt` is right after the commit. */
export async function openFanoutWave(db: Db, wave: FanoutWave, timeZone = "Europe/Amsterdam") {
  const opened = await openWave(db, wave.name, { now: new Date(), timeZone });
  return { waveId: opened.wave.id, invitations: opened.invitations, openedAt: Date.now() };
}

/** One accepted copy of an invitation: who sent it (bot token) and when it reached the simulator. */
export type Copy = { token: string; at: number };
export type Duplicate = { userId: string; copies: Copy[] };

export type FanoutReport = {
  expected: number;
  delivered: number;
  missing: string[];
  duplicates: Duplicate[];
  /** chat.postMessage attempts answered 200 ok / 429 / 5xx since the watch began. */
  accepted: number;
  refused429: number;
  refused5xx: number;
  /** The first accepted invitation, and the moment the last person got their first one (NaN when none). */
  firstAt: number;
  completedAt: number;
  /** From `openedAt` (or the first post) to completion, and the bound N/R for the simulator's rate. */
  elapsedMs: number;
  postingMs: number;
  boundMs: number;
  /** Accepted invitations per sender token: how many, the first and the last. */
  bySender: Map<string, { count: number; first: number; last: number }>;
};

/**
 * Follows the simulator's calls from the moment it is made (earlier calls are not counted): every accepted
 * chat.postMessage to one of the wave's people is a copy of their invitation.
 */
export class FanoutWatch {
  private readonly copies = new Map<string, Copy[]>();
  private readonly byUser = new Set<string>();
  private seen: number;
  private unanswered: SlackCall[] = [];
  private refused = { r429: 0, r5xx: 0 };

  constructor(
    private readonly sim: SlackSimulator,
    readonly wave: FanoutWave,
    since = sim.calls.length,
  ) {
    this.seen = since;
    for (const person of wave.people) this.byUser.add(person.userId);
  }

  /** Reads the calls the simulator answered since the last update. */
  update(): void {
    const calls = this.sim.calls;
    const unanswered: SlackCall[] = [];
    for (const call of [...this.unanswered, ...calls.slice(this.seen)]) {
      // A call still being answered has status 0: look at it again next time.
      if (call.status === 0) unanswered.push(call);
      else this.count(call);
    }
    this.seen = calls.length;
    this.unanswered = unanswered;
  }

  private count(call: SlackCall): void {
    if (call.method !== "chat.postMessage") return;
    if (call.status === 429) this.refused.r429++;
    else if (call.status >= 500) this.refused.r5xx++;
    if (!call.ok) return;
    const userId = String(call.args.channel);
    if (!this.byUser.has(userId)) return;
    const list = this.copies.get(userId) ?? [];
    list.push({ token: call.token ?? "", at: call.at });
    // Copies in the order they reached the simulator (a call answered late is counted late).
    list.sort((a, b) => a.at - b.at);
    this.copies.set(userId, list);
  }

  /** People who have at least one copy. */
  get delivered(): number {
    this.update();
    return this.copies.size;
  }

  /** Resolves true when `count` people have their invitation, false at the timeout. */
  async waitForDelivered(
    count: number,
    options: { timeoutMs: number; pollMs?: number; check?: () => void },
  ): Promise<boolean> {
    const deadline = Date.now() + options.timeoutMs;
    for (;;) {
      options.check?.();
      if (this.delivered >= count) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 50));
    }
  }

  report(options: { ratePerSecond: number; openedAt?: number }): FanoutReport {
    this.update();
    const missing = this.wave.people.map((p) => p.userId).filter((u) => !this.copies.has(u));
    const duplicates: Duplicate[] = [];
    const firsts: number[] = [];
    const bySender = new Map<string, { count: number; first: number; last: number }>();
    let accepted = 0;
    for (const [userId, copies] of this.copies) {
      accepted += copies.length;
      firsts.push((copies[0] as Copy).at);
      if (copies.length > 1) duplicates.push({ userId, copies });
      for (const copy of copies) {
        const sender = bySender.get(copy.token) ?? { count: 0, first: copy.at, last: copy.at };
        sender.count++;
        sender.first = Math.min(sender.first, copy.at);
        sender.last = Math.max(sender.last, copy.at);
        bySender.set(copy.token, sender);
      }
    }
    const firstAt = firsts.length ? Math.min(...firsts) : Number.NaN;
    const completedAt = firsts.length ? Math.max(...firsts) : Number.NaN;
    const expected = this.wave.people.length;
    return {
      expected,
      delivered: this.copies.size,
      missing,
      duplicates,
      accepted,
      refused429: this.refused.r429,
      refused5xx: this.refused.r5xx,
      firstAt,
      completedAt,
      elapsedMs: completedAt - (options.openedAt ?? firstAt),
      postingMs: completedAt - firstAt,
      boundMs: (expected / options.ratePerSecond) * 1000,
      bySender,
    };
  }
}

/**
 * A fault after which one send's outcome is unknown: the replica (any of `tokens`) had the message accepted
 * by the platform but never recorded it, so another replica sends it again. `graceMs` covers requests the
 * replica wrote before the signal that this process read a little later.
 */
/**
 * A fault that leaves a send's outcome unknown. `resumedAt` (a frozen replica woken again): a send it had
 * begun when it froze — past its last ownership check, not yet on the wire — goes out the moment it wakes.
 */
export type UnknownOutcomeFault = {
  tokens: string[];
  signalAt: number;
  resumedAt?: number;
  graceMs?: number;
};

/**
 * Splits duplicates into the ones a fault explains and all others, which are defects. Explained: exactly two
 * copies, one of them from the faulted replica, received within the grace after the signal (in flight then) or,
 * for a frozen replica, after it was woken (under way when it froze).
 */
export function judgeDuplicates(report: FanoutReport, faults: UnknownOutcomeFault[] = []) {
  const allowed: Duplicate[] = [];
  const unexpected: Duplicate[] = [];
  for (const duplicate of report.duplicates) {
    const [first, second] = duplicate.copies;
    const grace = (f: UnknownOutcomeFault) => f.graceMs ?? 1000;
    const explained =
      duplicate.copies.length === 2 &&
      first !== undefined &&
      second !== undefined &&
      faults.some(
        (f) =>
          (f.tokens.includes(first.token) && first.at <= f.signalAt + grace(f)) ||
          (f.resumedAt !== undefined &&
            f.tokens.includes(second.token) &&
            second.at >= f.resumedAt &&
            second.at <= f.resumedAt + grace(f)),
      );
    (explained ? allowed : unexpected).push(duplicate);
  }
  return { allowed, unexpected };
}

const s = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(1)} s` : "–");
const shortToken = (token: string) => token.replace(/^xoxb-/, "").replace(/-0+$/, "") || "(none)";

/** The one line a fault test or benchmark prints, for the README to quote. */
export function describeFanout(label: string, report: FanoutReport, allowedUnknown = 0): string {
  const senders = [...report.bySender]
    .sort(([, a], [, b]) => a.first - b.first)
    .map(
      ([token, v]) =>
        `${shortToken(token)} ${v.count} (${s(v.first - report.firstAt)}–${s(v.last - report.firstAt)})`,
    )
    .join(", ");
  return (
    `[${label}] N=${report.expected} delivered=${report.delivered} missing=${report.missing.length} ` +
    `duplicates=${report.duplicates.length} (allowed-unknown ${allowedUnknown}) accepted=${report.accepted} ` +
    `429s=${report.refused429} 5xx=${report.refused5xx}; elapsed ${s(report.elapsedMs)}, posting ${s(report.postingMs)} ` +
    `vs bound N/R ${s(report.boundMs)} = ${(report.postingMs / report.boundMs).toFixed(2)}×; by sender: ${senders || "none"}`
  );
}

/** A duplicate for a failure message: who got it, and each copy's sender and time relative to `origin`. */
export function describeDuplicate(duplicate: Duplicate, origin: number): string {
  return `${duplicate.userId}: ${duplicate.copies.map((c) => `${shortToken(c.token)} @${s(c.at - origin)}`).join(" then ")}`;
}
