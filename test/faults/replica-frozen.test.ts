import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runFaultedFanout } from "../support/fanout-fault.js";
import {
  type FanoutReplicasBed,
  faultTestsSkipReason,
  startFanoutReplicas,
} from "../support/fanout-replicas.js";

/*
 * Issue 11, as operators saw it: a replica frozen (SIGSTOP) mid fan-out for longer than its lease, then resumed
 * (SIGCONT). While it is frozen the other replica must take over its claims once the lease has passed, and
 * deliver everything; on waking, the frozen one must not send what it had been holding (27 duplicates of
 * 1,100 in production). Only a message it had in flight when it froze may arrive twice: either Slack accepted
 * it and the replica could not record that before another took the row over, or the replica was past its last
 * ownership check with the request not yet on the wire, and sends it the moment it wakes.
 *
 * The freeze lasts until everyone has their invitation (at least 12 s, more than twice the 5 s lease), at most
 * 45 s: a replica that is frozen must not hold up the fan-out beyond its lease.
 */

const PEOPLE = 1000;
const RATE = 45; // chat.postMessage per second, workspace-wide: N/R ≈ 22 s
const LEASE_SECONDS = 5;
const MIN_FREEZE_MS = 12_000;
const MAX_FREEZE_MS = 45_000;
const BOUND_MS = (PEOPLE / RATE) * 1000;

describe.skipIf(faultTestsSkipReason())(
  "a replica frozen (SIGSTOP) longer than its lease mid fan-out",
  () => {
    let bed: FanoutReplicasBed;
    let deliveredBeforeThaw = 0;
    let frozenForMs = 0;
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

    it("the other replica delivers everything while it is frozen, and on SIGCONT it sends nothing twice", {
      timeout: 240_000,
    }, async () => {
      const [frozen] = bed.replicas as [FanoutReplicasBed["replicas"][0]];
      const result = await runFaultedFanout(bed, {
        label: "fault SIGSTOP/SIGCONT",
        faultAt: 0.3,
        deadlineMs: 2 * BOUND_MS + MAX_FREEZE_MS + 10_000,
        settleMs: LEASE_SECONDS * 1000 + 3000,
        inject: async (watch) => {
          const signalAt = frozen.freeze();
          await new Promise((resolve) => setTimeout(resolve, MIN_FREEZE_MS));
          await watch.waitForDelivered(PEOPLE, {
            timeoutMs: MAX_FREEZE_MS - MIN_FREEZE_MS,
            check: () => bed.assertNoCrash(),
          });
          deliveredBeforeThaw = watch.delivered;
          const resumedAt = frozen.thaw();
          frozenForMs = resumedAt - signalAt;
          return [{ tokens: [frozen.token], signalAt, resumedAt }];
        },
      });
      console.log(
        `[fault SIGSTOP/SIGCONT] frozen for ${(frozenForMs / 1000).toFixed(1)} s (lease ${LEASE_SECONDS} s); delivered before SIGCONT: ${deliveredBeforeThaw} of ${PEOPLE}`,
      );
      bed.assertNoCrash();
      expect(result.report.missing.length, result.describeMissing()).toBe(0);
      expect(result.unexpected.length, result.describeUnexpected()).toBe(0);
      expect(
        deliveredBeforeThaw,
        `${PEOPLE - deliveredBeforeThaw} invitations were still held by the frozen replica after ${(frozenForMs / 1000).toFixed(1)} s, ${LEASE_SECONDS} s lease\n${result.line}`,
      ).toBe(PEOPLE);
      expect(result.statuses, result.line).toEqual({ sent: PEOPLE });
    });
  },
);
