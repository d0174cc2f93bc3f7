import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFaultedFanout, sleep } from "../support/fanout-fault.js";
import {
  type FanoutReplicasBed,
  faultTestsSkipReason,
  startFanoutReplicas,
} from "../support/fanout-replicas.js";

/*
 * Issue 11, as operators saw it: PostgreSQL stopped for 15 s mid fan-out and started again (1,670 messages for
 * 1,650 people in production). A send that Slack accepted while the database was away must still be
 * recorded once it is back, never sent again; the replicas say they are not ready (503) while it is away and
 * ready (200) after, and neither of them crashes.
 */

const PEOPLE = 1000;
const RATE = 45; // chat.postMessage per second, workspace-wide: N/R ≈ 22 s
const LEASE_SECONDS = 5;
const OUTAGE_MS = 15_000;
const BOUND_MS = (PEOPLE / RATE) * 1000;

describe.skipIf(faultTestsSkipReason())("the database stopped for 15 s mid fan-out and started again", () => {
  let bed: FanoutReplicasBed;
  const readiness: string[] = [];
  const duringOutage: number[] = [];
  beforeAll(async () => {
    bed = await startFanoutReplicas({
      people: PEOPLE,
      ratePerSecond: RATE,
      env: { OUTBOX_LEASE_SECONDS: String(LEASE_SECONDS) },
    });
  }, 120_000);
  afterAll(async () => {
    await bed?.close();
  });

  it("every invitation arrives exactly once; /readyz is 503 while the database is away and 200 after", {
    timeout: 240_000,
  }, async () => {
    const { cluster, replicas } = bed;
    const readyz = async (moment: string) => {
      const statuses = await Promise.all(replicas.map((r) => r.readyz()));
      readiness.push(`${moment}: ${statuses.join(", ")}`);
      return statuses;
    };
    const result = await runFaultedFanout(bed, {
      label: "fault database stopped 15 s",
      faultAt: 0.3,
      deadlineMs: 2 * BOUND_MS + OUTAGE_MS + 10_000,
      settleMs: LEASE_SECONDS * 1000 + 3000,
      inject: async () => {
        const stoppedAt = Date.now();
        // fast: what `pg_ctl stop` and a managed failover do: sessions are cut, the server goes away.
        await cluster.stop({ mode: "fast" });
        await sleep(3000);
        const early = await readyz("3 s into the outage");
        await sleep(Math.max(0, stoppedAt + OUTAGE_MS - 1000 - Date.now()));
        const late = await readyz("14 s into the outage");
        await cluster.start();
        const back = Date.now();
        await Promise.all(replicas.map((r) => r.waitForReadyz(200, 30_000)));
        readiness.push(`ready again ${((Date.now() - back) / 1000).toFixed(1)} s after the start`);
        duringOutage.push(...early, ...late);
        return [];
      },
    });
    console.log(`[fault database stopped 15 s] /readyz: ${readiness.join("; ")}`);
    bed.assertNoCrash();
    expect(duringOutage, `/readyz: ${readiness.join("; ")}`).toEqual([503, 503, 503, 503]);
    expect(result.report.missing.length, result.describeMissing()).toBe(0);
    expect(result.unexpected.length, result.describeUnexpected()).toBe(0);
    expect(result.statuses, result.line).toEqual({ sent: PEOPLE });
  });
});
