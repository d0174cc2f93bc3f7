import { sql } from "drizzle-orm";
import postgres from "postgres";
import { type Database, executeRows, openPostgres } from "../../src/db/client.js";
import { type FanoutWave, prepareFanoutWave } from "./fanout.js";
import { createPgCluster, type PgCluster, pgClusterSupport } from "./pg-cluster.js";
import { createReplica, type ReplicaProcess } from "./replica-process.js";
import { type SlackSimulator, startSlackSimulator } from "./slack-simulator.js";

/*
 * The operators' setup for a fan-out under faults: a PostgreSQL cluster of the test's own (so it can be stopped),
 * two replica processes on it, one Slack simulator with a workspace-wide chat.postMessage rate (429 +
 * Retry-After 1 s beyond it), N contact persons and a draft wave for them.
 */

export type FanoutReplicasBed = {
  cluster: PgCluster;
  databaseUrl: string;
  /** A pool of this test's own (seeding, opening the wave, reading the outbox); no replica uses it. */
  database: Database;
  sim: SlackSimulator;
  replicas: ReplicaProcess[];
  wave: FanoutWave;
  ratePerSecond: number;
  /** Fails with the output of any replica that exited on its own. */
  assertNoCrash(): void;
  close(): Promise<void>;
};

/**
 * Why the fault tests do not run here, or undefined when they do. They run once in CI: in the suite's
 * PostgreSQL run (DATABASE_URL set), though never on that server: each starts a cluster of its own.
 */
export function faultTestsSkipReason(): string | undefined {
  if (!process.env.DATABASE_URL)
    return "DATABASE_URL is not set (they run in the PostgreSQL run of the suite)";
  const support = pgClusterSupport();
  if (!support.ok) {
    const reason = `no PostgreSQL cluster of their own: ${support.reason}`;
    console.warn(`fault tests skipped: ${reason}`);
    return reason;
  }
  return undefined;
}

export async function startFanoutReplicas(options: {
  people: number;
  ratePerSecond: number;
  replicas?: number;
  env?: Record<string, string>;
}): Promise<FanoutReplicasBed> {
  const closers: (() => Promise<unknown>)[] = [];
  const close = async () => {
    for (const closer of closers.reverse()) await closer().catch(() => {});
  };
  try {
    const sim = await startSlackSimulator();
    closers.push(() => sim.close());
    sim.setRateLimit("chat.postMessage", {
      perSecond: options.ratePerSecond,
      scope: "workspace",
      retryAfterSeconds: 1,
    });
    const cluster = await createPgCluster();
    closers.push(() => cluster.destroy());
    const admin = postgres(cluster.url(), { max: 1, onnotice: () => {} });
    await admin.unsafe("create database regiotafel");
    await admin.end();
    const databaseUrl = cluster.url("regiotafel");
    const database = await openPostgres(databaseUrl);
    closers.push(() => database.close());
    await database.migrate();
    const wave = await prepareFanoutWave(database.db, { count: options.people, sim });

    const replicas: ReplicaProcess[] = [];
    for (let index = 0; index < (options.replicas ?? 2); index++) {
      const replica = await createReplica({
        index,
        databaseUrl,
        slackApiUrl: sim.apiUrl,
        ...(options.env ? { env: options.env } : {}),
      });
      replicas.push(replica);
      closers.push(() => replica.stop());
    }
    await Promise.all(replicas.map((replica) => replica.start()));
    return {
      cluster,
      databaseUrl,
      database,
      sim,
      replicas,
      wave,
      ratePerSecond: options.ratePerSecond,
      assertNoCrash: () => {
        for (const replica of replicas) replica.assertNoCrash();
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The wave's invitation rows in the outbox, counted per status (pending, sending, sent, dead, …). */
export async function invitationStatuses(
  db: Database["db"],
  waveId: string,
): Promise<Record<string, number>> {
  const rows = await executeRows<{ status: string; n: number }>(
    db,
    sql`select status, count(*)::int as n from deliveries where idempotency_key like ${`invite:${waveId}:%`} group by status`,
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/**
 * Waits until the outbox agrees with the platform: every one of the wave's `expected` invitations is `sent`.
 * Returns the last counts seen (also on timeout), so a failure can say what was left.
 */
export async function waitForOutboxSent(
  db: Database["db"],
  waveId: string,
  expected: number,
  timeoutMs: number,
): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  let counts: Record<string, number> = {};
  for (;;) {
    counts = await invitationStatuses(db, waveId).catch(() => counts);
    if ((counts.sent ?? 0) >= expected || Date.now() >= deadline) return counts;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
