import { performance } from "node:perf_hooks";
import {
  describeFanout,
  type FanoutReport,
  FanoutWatch,
  openFanoutWave,
  prepareFanoutWave,
} from "../test/support/fanout.js";
import { invitationStatuses } from "../test/support/fanout-replicas.js";
import { startSlackBed } from "../test/support/slack-bed.js";
import type { SlackSimulator } from "../test/support/slack-simulator.js";
import { withEmptyDatabase } from "../test/support/temporary-database.js";

const PEOPLE = 5000;
const REGIONS = 10;
/** Workspace-wide chat.postMessage attempts per sliding second the simulator allows (Retry-After: 1 s). */
const RATE = 25;
/** Faults in the middle: every chat.postMessage answered 429 (Retry-After 2 s) for 5 s at 40 %, 50 × 500 at 60 %. */
const STORM = { at: 0.4, ms: 5000, retryAfterSeconds: 2 };
const BURST = { at: 0.6, calls: 50 };

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

type Scenario = "no faults" | "429 storm + 5xx burst";

/**
 * Opening a wave for 5,000 Slack users against a workspace-wide chat.postMessage rate limit: how close the
 * outbox gets to the bound N/R, without faults and with a 429 storm and a 5xx burst in the middle (targets
 * ≤ 1.03× and ≤ 1.2×), and whether everyone gets exactly one invitation. The real app (Bolt, outbox worker with
 * its runtime defaults, scheduler) in this process, each scenario on a fresh database of its own.
 */
export async function benchSlackFanout(serverUrl: string | undefined, scenario: Scenario): Promise<void> {
  await withEmptyDatabase(serverUrl, (database) => fanout(database, scenario, serverUrl));
}

async function fanout(
  database: Parameters<Parameters<typeof withEmptyDatabase>[1]>[0],
  scenario: Scenario,
  serverUrl: string | undefined,
) {
  const label = `slack-fanout ${serverUrl ? "PostgreSQL" : "PGlite"}, ${scenario}`;
  await database.migrate();
  const bed = await startSlackBed(database);
  try {
    const { sim } = bed;
    const { ctx } = bed.app;
    let t = performance.now();
    const wave = await prepareFanoutWave(ctx.db, { count: PEOPLE, regionCount: REGIONS, sim });
    console.log(
      `[${label}] seeded ${PEOPLE} Slack contact persons in ${REGIONS} regions: ${seconds(performance.now() - t)}`,
    );
    sim.setRateLimit("chat.postMessage", { perSecond: RATE, scope: "workspace", retryAfterSeconds: 1 });
    const watch = new FanoutWatch(sim, wave);

    t = performance.now();
    const opened = await openFanoutWave(ctx.db, wave, ctx.timeZone);
    const openMs = performance.now() - t;
    // What `regiotafel wave open` leaves to the scheduler: its drain sends the outbox (runtime defaults).
    bed.app.kick();
    const timeoutMs = Math.max(120_000, (20 * PEOPLE * 1000) / RATE);
    const faults = scenario === "no faults" ? Promise.resolve() : injectFaults(sim, watch, timeoutMs);
    const complete = await watch.waitForDelivered(PEOPLE, { timeoutMs });
    await faults;
    if (!complete) console.log(`[${label}] gave up waiting after ${seconds(timeoutMs)}`);
    // A moment for late copies (a resend after a lease) and the last outcomes to be recorded.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const report = watch.report({ ratePerSecond: RATE, openedAt: opened.openedAt });
    const statuses = await invitationStatuses(ctx.db, opened.waveId);

    console.log(
      `[${label}] R = ${RATE} chat.postMessage/s workspace-wide (Retry-After 1 s), worker defaults; open: ${opened.invitations} invitations + outbox rows in ${seconds(openMs)}`,
    );
    console.log(describeFanout(label, report));
    console.log(
      `[${label}] open → all delivered ${seconds(report.elapsedMs)} = ${(report.elapsedMs / report.boundMs).toFixed(2)}× N/R (target ≤ ${scenario === "no faults" ? "1.03" : "1.2"}×); outbox: ${JSON.stringify(statuses)}; ${pace(report, sim)}`,
    );
  } finally {
    await bed.close();
  }
}

/** A 429 storm once STORM.at of the people have their invitation, then a burst of 500s at BURST.at. */
async function injectFaults(sim: SlackSimulator, watch: FanoutWatch, timeoutMs: number) {
  await watch.waitForDelivered(Math.ceil(STORM.at * PEOPLE), { timeoutMs, pollMs: 25 });
  sim.failDuring("chat.postMessage", { status: 429, retryAfterSeconds: STORM.retryAfterSeconds }, STORM.ms);
  await watch.waitForDelivered(Math.ceil(BURST.at * PEOPLE), { timeoutMs, pollMs: 25 });
  sim.failNext("chat.postMessage", { status: 500 }, BURST.calls);
}

/** How the pace was lost: mean accepted per second, and the pauses of 200 ms or more between accepted posts. */
function pace(report: FanoutReport, sim: SlackSimulator): string {
  const accepted = sim.calls
    .filter((c) => c.method === "chat.postMessage" && c.ok && c.at >= report.firstAt)
    .map((c) => c.at);
  const gaps = accepted.slice(1).map((at, i) => at - (accepted[i] ?? at));
  const long = gaps.filter((g) => g >= 200);
  return `mean ${(accepted.length / (report.postingMs / 1000)).toFixed(1)} accepted/s, ${long.length} pauses ≥ 200 ms totalling ${seconds(long.reduce((a, b) => a + b, 0))}`;
}
