import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { WebClient } from "@slack/web-api";
import type { AppContext } from "./app/context.js";
import { createRoutingMessenger, type Messenger } from "./app/messenger.js";
import { OUTBOX_CHANNEL } from "./app/outbox/enqueue.js";
import { latestWorkspaceConversation } from "./app/platform-contact.js";
import { createDeferredCardRenderer } from "./app/render-deferred-card.js";
import { seedDemoData } from "./app/seed-demo.js";
import { ensureLocalIdentities } from "./bot/local/local-identities.js";
import { createLocalMessenger } from "./bot/local/local-messenger.js";
import { createSlackRouter } from "./bot/slack/slack-app.js";
import { createSlackMessenger } from "./bot/slack/slack-messenger.js";
import { createTeamsAdapter, createTeamsRouter } from "./bot/teams/teams-app.js";
import { createTeamsMessenger } from "./bot/teams/teams-messenger.js";
import type { Config } from "./config.js";
import { type Database, openDatabase } from "./db/client.js";
import { calendarDateIn } from "./domain/calendar-date.js";
import { createDeliveryWorker } from "./jobs/deliver-outbox.js";
import { startScheduler } from "./jobs/scheduler.js";
import type { Logger } from "./logger.js";
import { createHttpApp } from "./web/http-app.js";
import { createLocalRouter } from "./web/local/local-router.js";
import { createVensterRouter } from "./web/venster/router.js";

export type RunningApp = {
  url: string;
  database: Database;
  ctx: AppContext;
  /** Run the scheduled work now (close due waves, queue reminders, deliver the outbox). */
  kick(): void;
  worker: ReturnType<typeof createDeliveryWorker> | undefined;
  stop(): Promise<void>;
};

/** Composition root: config -> database (migrated, seeded) -> HTTP. */
export async function startApp(
  config: Config,
  logger: Logger,
  options: { now?: () => Date; database?: Database; everyMinute?: boolean } = {},
): Promise<RunningApp> {
  const now = options.now ?? (() => new Date());
  // Tests hand in their own (migrated) database and keep it open after stop().
  const database = options.database ?? (await openDatabase(config.database));
  const ownsDatabase = options.database === undefined;
  try {
    await database.migrate();
    if (config.seedDemo) {
      const seeded = await seedDemoData(database.db, {
        today: calendarDateIn(config.timeZone, now()),
        now: now(),
        timeZone: config.timeZone,
        localChannels: config.localMode,
      });
      if (seeded === "seeded") logger.info("demo-regio's en demo-contactpersonen geladen");
    }
    // Local mode: everyone can be reached on /local (the local messenger goes first, below).
    if (config.localMode) await ensureLocalIdentities(database.db, now());
  } catch (error) {
    if (ownsDatabase) await database.close().catch(() => {});
    throw error;
  }

  const ctx: AppContext = {
    db: database.db,
    now,
    timeZone: config.timeZone,
    locale: config.locale,
    publicUrl: config.publicUrl,
    anonymityThreshold: config.anonymityThreshold,
    nationalCoordinators: config.nationalCoordinators,
    meetingReminders: config.meetingReminders,
    venster: config.venster,
  };
  const messengers: Messenger[] = config.localMode ? [createLocalMessenger(database.db)] : [];
  if (config.slack) {
    // The outbox owns retries and their timing, so this client never retries by itself.
    const client = new WebClient(config.slack.botToken, {
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
      // A call Slack never answers is given up (and retried by the outbox) instead of holding a lane forever.
      timeout: 15_000,
      ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    });
    messengers.push(createSlackMessenger(client));
  }
  const teamsAdapter = config.teams ? createTeamsAdapter(config.teams.auth) : undefined;
  if (teamsAdapter) {
    messengers.push(
      createTeamsMessenger(teamsAdapter, config.teams?.auth?.appId ?? "", {
        tenantReference: (tenantId) => latestWorkspaceConversation(database.db, "teams", tenantId),
      }),
    );
  }
  const worker = messengers.length
    ? createDeliveryWorker({
        db: database.db,
        messenger: createRoutingMessenger(messengers),
        logger,
        timeZone: config.timeZone,
        now,
        maxAttempts: config.deliveryMaxAttempts,
        leaseMs: config.outboxLeaseMs,
        renderDeferred: createDeferredCardRenderer(ctx),
      })
    : undefined;
  const scheduler = startScheduler({ ctx, worker, logger, everyMinute: options.everyMinute ?? true });
  // Work queued anywhere (this replica, another one, the CLI) wakes this replica's worker within moments.
  const unlisten = worker
    ? await database.listen(
        OUTBOX_CHANNEL,
        () => scheduler.wakeWorker(),
        () => {
          worker.noteDatabaseBack();
          scheduler.wakeWorker();
        },
      )
    : undefined;
  // What is due already (a replica restarted in the middle of a fan-out) does not wait for the minute tick.
  scheduler.wakeWorker();
  const slack = config.slack
    ? createSlackRouter({
        ctx,
        logger,
        signingSecret: config.slack.signingSecret,
        botToken: config.slack.botToken,
        apiUrl: config.slack.apiUrl,
        kick: scheduler.wakeWorker,
      })
    : undefined;

  const teams =
    config.teams && teamsAdapter
      ? createTeamsRouter({
          ctx,
          logger,
          auth: config.teams.auth,
          adapter: teamsAdapter,
          kick: scheduler.wakeWorker,
        })
      : undefined;

  const venster = createVensterRouter({ ctx, ping: () => database.ping(2000), logger });
  // Never mounted outside local mode: /local has no authentication and lets anyone act as anyone.
  const local = config.localMode ? createLocalRouter({ ctx, logger, kick: scheduler.wakeWorker }) : undefined;

  const server = createServer(createHttpApp({ database, slack, teams, venster, local }));
  await listen(server, config.http.port, config.http.host);
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host === "127.0.0.1" || host === "[::1]" ? "localhost" : host}:${address.port}`;

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections would hold close() open; in-flight requests have had their chance.
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 1000).unref();
      await closed;
      await unlisten?.().catch(() => {});
      await worker?.stop();
      await scheduler.stop();
      if (ownsDatabase) await database.close();
    })();
    return stopping;
  };
  return { url, database, ctx, kick: scheduler.kick, worker, stop };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}
