import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waves } from "../../src/db/schema.js";
import { FanoutWatch } from "../support/fanout.js";
import {
  type FanoutReplicasBed,
  faultTestsSkipReason,
  startFanoutReplicas,
  waitForOutboxSent,
} from "../support/fanout-replicas.js";
import { bareEnvironment, spawnEntryPoint } from "../support/spawn-app.js";

/*
 * Issue 11: work started from the CLI must not wait for the next minute. `wave open` and `wave close` run in a
 * process of their own, next to a running bot on the same PostgreSQL database; the bot must start sending
 * within 2 s of the command's exit (today it waits for its scheduler's next tick, up to a minute).
 * The waits below go up to 65 s so that a failure says how late it was.
 */

const PEOPLE = 20;
const WITHIN_MS = 2000;

describe.skipIf(faultTestsSkipReason())("wave open and wave close from the CLI, with the bot running", () => {
  let bed: FanoutReplicasBed;
  let waveId: string;
  beforeAll(async () => {
    bed = await startFanoutReplicas({ people: PEOPLE, ratePerSecond: 50, replicas: 1 });
  }, 120_000);
  afterAll(async () => {
    await bed?.close();
  });

  const cli = async (...args: string[]) => {
    const run = spawnEntryPoint("src/cli/main.ts", args, bareEnvironment({ DATABASE_URL: bed.databaseUrl }));
    const code = await run.exited;
    const exitedAt = Date.now();
    expect(code, `${args.join(" ")}: ${run.stdout()}${run.stderr()}`).toBe(0);
    return exitedAt;
  };
  const late = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

  it("wave open: the first invitation reaches Slack within 2 s of the command's exit", {
    timeout: 120_000,
  }, async () => {
    const watch = new FanoutWatch(bed.sim, bed.wave);
    const exitedAt = await cli("wave", "open", bed.wave.name);
    const arrived = await watch.waitForDelivered(1, { timeoutMs: 65_000, check: () => bed.assertNoCrash() });
    const latency = watch.report({ ratePerSecond: 50 }).firstAt - exitedAt;
    console.log(
      `[cli wave open] first invitation ${arrived ? late(latency) : "never (65 s)"} after the exit`,
    );
    expect(arrived, "no invitation within 65 s of wave open").toBe(true);
    expect(latency, `first invitation ${late(latency)} after wave open exited`).toBeLessThanOrEqual(
      WITHIN_MS,
    );
  });

  it("wave close: the first invitation card says closed within 2 s of the command's exit", {
    timeout: 150_000,
  }, async () => {
    const { db } = bed.database;
    const [wave] = await db.select({ id: waves.id }).from(waves).where(eq(waves.name, bed.wave.name));
    waveId = (wave as { id: string }).id;
    // Cards can only be updated once they were sent (the test before opened the wave).
    const statuses = await waitForOutboxSent(db, waveId, PEOPLE, 65_000);
    expect(statuses, "the invitations were not all sent before closing").toEqual({ sent: PEOPLE });

    const closingAt = Date.now();
    const exitedAt = await cli("wave", "close", bed.wave.name);
    const update = await bed.sim
      .waitForCall("chat.update", (call) => call.at >= closingAt, 65_000)
      .catch(() => undefined);
    const latency = update ? update.at - exitedAt : Number.NaN;
    console.log(
      `[cli wave close] first closed card ${update ? late(latency) : "never (65 s)"} after the exit`,
    );
    expect(update, "no chat.update within 65 s of wave close").toBeDefined();
    expect(latency, `first closed card ${late(latency)} after wave close exited`).toBeLessThanOrEqual(
      WITHIN_MS,
    );
    expect(JSON.stringify(update?.args.blocks)).toMatch(/gesloten|closed/i);
  });
});
