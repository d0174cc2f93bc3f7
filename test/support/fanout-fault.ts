import {
  type Duplicate,
  describeDuplicate,
  describeFanout,
  type FanoutReport,
  FanoutWatch,
  judgeDuplicates,
  openFanoutWave,
  type UnknownOutcomeFault,
} from "./fanout.js";
import { type FanoutReplicasBed, waitForOutboxSent } from "./fanout-replicas.js";

/*
 * One fan-out with one fault in the middle, the same way in every fault test: open the wave, wait until
 * `faultAt` of the people have their invitation, inject the fault, then wait until everyone has one (or the
 * deadline), keep watching for late copies, and read what the outbox recorded.
 */

export type FaultedFanout = {
  report: FanoutReport;
  allowed: Duplicate[];
  unexpected: Duplicate[];
  /** The wave's invitation rows per status once it settled: all `sent` when the outbox agrees with Slack. */
  statuses: Record<string, number>;
  /** The one-line summary, also printed. */
  line: string;
  /** Failure-message helpers. */
  describeMissing(): string;
  describeUnexpected(): string;
};

export async function runFaultedFanout(
  bed: FanoutReplicasBed,
  options: {
    label: string;
    /** Fraction of the people that have their invitation when the fault starts. */
    faultAt: number;
    /** Injects the fault (and ends it); returns the faults that leave a send's outcome unknown. */
    inject: (watch: FanoutWatch) => Promise<UnknownOutcomeFault[]>;
    /** After the first invitation: how long the whole fan-out may take. */
    deadlineMs: number;
    /** After the last first copy: how long to keep watching for late copies (a resend after a lease). */
    settleMs: number;
  },
): Promise<FaultedFanout> {
  const { sim, wave, database } = bed;
  const people = wave.people.length;
  const watch = new FanoutWatch(sim, wave);
  const check = () => bed.assertNoCrash();
  const opened = await openFanoutWave(database.db, wave);

  // Today the first invitation leaves at the next minute tick of the scheduler; with a wake-up at once.
  const started = await watch.waitForDelivered(1, { timeoutMs: 70_000, check });
  if (!started)
    throw new Error(`no invitation reached Slack within 70 s of opening the wave (${options.label})`);
  const deadline = Date.now() + options.deadlineMs;
  await watch.waitForDelivered(Math.ceil(options.faultAt * people), { timeoutMs: options.deadlineMs, check });

  const faults = await options.inject(watch);
  const complete = await watch.waitForDelivered(people, {
    timeoutMs: Math.max(0, deadline - Date.now()),
    check,
  });
  await new Promise((resolve) => setTimeout(resolve, options.settleMs));
  check();
  // The outbox may record the last outcomes a moment after Slack has them; when people are missing, it won't.
  const statuses = await waitForOutboxSent(database.db, opened.waveId, people, complete ? 10_000 : 0);

  const report = watch.report({ ratePerSecond: bed.ratePerSecond, openedAt: opened.openedAt });
  const { allowed, unexpected } = judgeDuplicates(report, faults);
  const outbox = Object.entries(statuses)
    .map(([status, n]) => `${status} ${n}`)
    .join(", ");
  // Accepted by Slack but not recorded as sent: each is a second copy waiting for its lease to run out.
  const unrecorded = Math.max(0, report.delivered - (statuses.sent ?? 0));
  const line = `${describeFanout(options.label, report, allowed.length)}; outbox: ${outbox}; delivered but not recorded: ${unrecorded}`;
  console.log(line);
  const origin = report.firstAt;
  return {
    report,
    allowed,
    unexpected,
    statuses,
    line,
    describeMissing: () =>
      `${report.missing.length} of ${people} people never got their invitation (e.g. ${report.missing.slice(0, 5).join(", ")})\n${line}`,
    describeUnexpected: () =>
      `${unexpected.length} duplicates no fault explains (times from the first invitation):\n${unexpected
        .slice(0, 10)
        .map((d) => `  ${describeDuplicate(d, origin)}`)
        .join("\n")}\n${line}`,
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
