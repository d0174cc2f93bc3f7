import postgres from "postgres";
import { startHandoversForEndingMemberships } from "../../src/app/table/handovers.js";
import { closeDueWaves } from "../../src/app/waves/close-wave.js";
import { queueDueReminders } from "../../src/app/waves/queue-due-reminders.js";
import { type RunningApp, startApp } from "../../src/app-runtime.js";
import { parseConfig } from "../../src/config.js";
import { type Database, openPostgres } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { SIGNING_SECRET } from "./slack-bed.js";
import { type SlackSimulator, startSlackSimulator } from "./slack-simulator.js";

/**
 * Several replicas of the real app (each its own connection pool, outbox worker and scheduler) against ONE
 * brand-new PostgreSQL database created on `serverUrl` (dropped on close), all talking to ONE Slack simulator,
 * so that what two replicas send ends up in the same `sim.calls`. Each replica has its own bot token
 * (`tokenOf(i)`): the simulator accepts any well-formed xoxb- token, and `call.token` tells who sent.
 *
 * The minute tick is off (`everyMinute: false`): the test drives the clock and runs `tick` itself.
 */
export type Replicas = {
  sim: SlackSimulator;
  apps: RunningApp[];
  /** A pool of the shared database that no replica uses, for seeding and inspecting. */
  database: Database;
  tokenOf(index: number): string;
  close(): Promise<void>;
};

export async function startReplicas(
  serverUrl: string,
  options: { count?: number; now: () => Date; env?: Record<string, string> },
): Promise<Replicas> {
  const count = options.count ?? 2;
  const name = `regiotafel_replicas_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = () => postgres(serverUrl, { max: 1, onnotice: () => {} });
  const creator = admin();
  await creator.unsafe(`create database ${name}`);
  await creator.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;

  const opened: Database[] = [];
  const apps: RunningApp[] = [];
  let sim: SlackSimulator | undefined;
  const tokenOf = (index: number) => `xoxb-replica-${index}-0000000000`;
  const close = async () => {
    for (const app of apps) await app.stop().catch(() => {});
    for (const database of opened) await database.close().catch(() => {});
    await sim?.close().catch(() => {});
    const dropper = admin();
    await dropper.unsafe(`drop database if exists ${name} with (force)`);
    await dropper.end();
  };
  try {
    sim = await startSlackSimulator();
    const database = await openPostgres(url.toString());
    opened.push(database);
    await database.migrate();
    for (let index = 0; index < count; index++) {
      const own = await openPostgres(url.toString());
      opened.push(own);
      const config = parseConfig({
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_BOT_TOKEN: tokenOf(index),
        SLACK_API_URL: sim.apiUrl,
        LOG_LEVEL: "silent",
        ...options.env,
      });
      apps.push(
        await startApp(
          { ...config, http: { host: "127.0.0.1", port: 0 }, seedDemo: false },
          createLogger("silent"),
          { database: own, now: options.now, everyMinute: false },
        ),
      );
    }
    return { sim, apps, database, tokenOf, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * What one scheduler tick does (src/jobs/scheduler.ts), awaited: `RunningApp.kick()` starts a tick but cannot be
 * awaited, and a test on a stepped clock must know the tick is over before it moves the clock on. Keep this in
 * step with the scheduler's `tick`.
 */
export async function tick(app: RunningApp): Promise<void> {
  await closeDueWaves(app.ctx);
  await queueDueReminders(app.ctx);
  await startHandoversForEndingMemberships(app.ctx);
  await app.worker?.drain();
}
