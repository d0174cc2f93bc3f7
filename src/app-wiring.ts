import type { RequestListener } from "node:http";
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
import type { Database } from "./db/client.js";
import { calendarDateIn } from "./domain/calendar-date.js";
import { createDeliveryWorker } from "./jobs/deliver-outbox.js";
import { startScheduler } from "./jobs/scheduler.js";
import type { Logger } from "./logger.js";
import { createHttpApp } from "./web/http-app.js";
import { createLocalRouter } from "./web/local/local-router.js";
import { createVensterRouter } from "./web/venster/router.js";

/**
 * Everything the runtime needs beyond the database client. Its own module, loaded with `import()`, because
 * Bolt, botbuilder, Teams AI and the venster's charts take about a second to load: the runtime loads them
 * while PGlite creates or opens its files instead of before.
 */

/** Migrations, the demo data for an empty database, and (local mode) a local identity for everyone. */
export async function prepareDatabase(
  database: Database,
  config: Config,
  logger: Logger,
  now: () => Date,
): Promise<void> {
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
}

export type WiredApp = {
  ctx: AppContext;
  handler: RequestListener;
  worker: ReturnType<typeof createDeliveryWorker> | undefined;
  scheduler: ReturnType<typeof startScheduler>;
  unlisten: (() => Promise<void>) | undefined;
};

/** Composition root: the context, the messengers and their outbox worker, the scheduler and the routes. */
export async function wireApp(
  config: Config,
  logger: Logger,
  database: Database,
  options: { now: () => Date; everyMinute: boolean },
): Promise<WiredApp> {
  const { now } = options;
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
  const scheduler = startScheduler({ ctx, worker, logger, everyMinute: options.everyMinute });
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

  const handler = createHttpApp({ database, slack, teams, venster, local }) as RequestListener;
  return { ctx, handler, worker, scheduler, unlisten };
}
