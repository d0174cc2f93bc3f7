import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFaultedFanout, sleep } from "../support/fanout-fault.js";
import {
  type FanoutReplicasBed,
  faultTestsSkipReason,
  startFanoutReplicas,
} from "../support/fanout-replicas.js";

/*
 * Issue 11, as operators saw it: a replica killed with `kill -9` at 30 % of a fan-out and restarted 10 s later.
 * Its claimed rows must not wait out a long lease, and nobody may get an invitation twice, except for the
 * messages the killed replica had in flight: Slack accepted them, the replica died before recording that,
 * so their outcome is unknown and a second copy is the price of not losing them.
 */

const PEOPLE = 1000;
const RATE = 45; // chat.postMessage per second, workspace-wide: N/R ≈ 22 s
const LEASE_SECONDS = 5;
const RESTART_AFTER_MS = 10_000;
const BOUND_MS = (PEOPLE / RATE) * 1000;

describe.skipIf(faultTestsSkipReason())(
  "a replica killed (SIGKILL) at 30 % of a fan-out and restarted",
  () => {
    let bed: FanoutReplicasBed;
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

    it("delivers every invitation, once unless it was in flight in the killed replica, and nothing else crashes", {
      timeout: 240_000,
    }, async () => {
      const [victim] = bed.replicas as [FanoutReplicasBed["replicas"][0]];
      const result = await runFaultedFanout(bed, {
        label: "fault SIGKILL+restart",
        faultAt: 0.3,
        // Room for the lease and the restart, and then some: today the claims wait out a 120 s lease.
        deadlineMs: 2 * BOUND_MS + LEASE_SECONDS * 1000 + RESTART_AFTER_MS + 10_000,
        settleMs: LEASE_SECONDS * 1000 + 3000,
        inject: async () => {
          const tokens = [victim.token];
          const signalAt = await victim.kill("SIGKILL");
          await sleep(RESTART_AFTER_MS);
          await victim.restart();
          return [{ tokens, signalAt }];
        },
      });
      bed.assertNoCrash();
      expect(result.report.missing.length, result.describeMissing()).toBe(0);
      expect(result.unexpected.length, result.describeUnexpected()).toBe(0);
      expect(result.statuses, result.line).toEqual({ sent: PEOPLE });
    });
  },
);
