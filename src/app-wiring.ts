import type { RequestListener } from "node:http";
import express, { type Request, type Router } from "express";
import type { AppContext } from "./app/context.js";
import { createRoutingMessenger, type Messenger } from "./app/messenger.js";
import { OUTBOX_CHANNEL } from "./app/outbox/enqueue.js";
import { latestWorkspaceConversation } from "./app/platform-contact.js";
import { createDeferredCardRenderer } from "./app/render-deferred-card.js";
import { seedDemoData } from "./app/seed-demo.js";
import { ensureLocalIdentities } from "./bot/local/local-identities.js";
import { createLocalMessenger } from "./bot/local/local-messenger.js";
import type { Config } from "./config.js";
import type { Database } from "./db/client.js";
import { calendarDateIn } from "./domain/calendar-date.js";
import { createDeliveryWorker } from "./jobs/deliver-outbox.js";
import { startScheduler } from "./jobs/scheduler.js";
import type { Logger } from "./logger.js";
import { createHttpApp } from "./web/http-app.js";
import { createLocalRouter } from "./web/local/local-router.js";

/**
 * Everything the runtime needs beyond the database client. Its own module, loaded with `import()` while PGlite
 * creates or opens its files. Bolt, botbuilder with Teams AI, and the venster's charts (Plot, linkedom) take
 * four times as long to load as all the rest together, so they are loaded only where they are used: Slack
 * when it is configured, Teams and the venster before the start in production, and in local mode right after
 * it (or at the first request that needs them), so that a first start is not waiting for them.
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
  /** Loads what the first requests for Slack, Teams or the venster would otherwise load. */
  loadRest: () => Promise<void>;
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
  const slack = config.slack ? await loadSlack(config.slack) : undefined;
  if (slack) messengers.push(slack.messenger);
  const teams = config.teams ? lazy(() => loadTeams(config, database)) : undefined;
  if (teams) messengers.push(lazyMessenger(["teams"], async () => (await teams()).messenger));
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
  const kick = scheduler.wakeWorker;
  const teamsRouter = teams
    ? lazyRouter(
        async () => (await teams()).router({ ctx, logger, auth: config.teams?.auth, kick }),
        (request) => request.path === "/api/messages",
      )
    : undefined;
  const venster = lazy(async () => {
    const { createVensterRouter } = await import("./web/venster/router.js");
    return createVensterRouter({ ctx, ping: () => database.ping(2000), logger });
  });
  const vensterRouter = lazyRouter(venster, (request) => /^\/venster(\/|$)/.test(request.path));
  // Outside local mode someone may be waiting on Slack, Teams or the venster the moment the replica is ready.
  const loadRest = async () => {
    await venster();
    await teams?.();
  };
  // Never mounted outside local mode: /local has no authentication and lets anyone act as anyone.
  const local = config.localMode ? createLocalRouter({ ctx, logger, kick }) : undefined;

  const handler = createHttpApp({
    database,
    slack: slack?.router({ ctx, logger, kick }),
    teams: teamsRouter,
    venster: vensterRouter,
    local,
  }) as RequestListener;
  return { ctx, handler, worker, scheduler, unlisten, loadRest };
}

async function loadSlack(slack: NonNullable<Config["slack"]>) {
  const [{ WebClient }, { createSlackRouter }, { createSlackMessenger }] = await Promise.all([
    import("@slack/web-api"),
    import("./bot/slack/slack-app.js"),
    import("./bot/slack/slack-messenger.js"),
  ]);
  // The outbox owns retries and their timing, so this client never retries by itself.
  const client = new WebClient(slack.botToken, {
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
    // A call Slack never answers is given up (and retried by the outbox) instead of holding a lane forever.
    timeout: 15_000,
    ...(slack.apiUrl ? { slackApiUrl: slack.apiUrl } : {}),
  });
  return {
    messenger: createSlackMessenger(client),
    router: (deps: { ctx: AppContext; logger: Logger; kick: () => void }) =>
      createSlackRouter({
        ...deps,
        signingSecret: slack.signingSecret,
        botToken: slack.botToken,
        apiUrl: slack.apiUrl,
      }),
  };
}

/** One adapter for the Teams messenger and the /api/messages router. */
async function loadTeams(config: Config, database: Database) {
  const [{ createTeamsAdapter, createTeamsRouter }, { createTeamsMessenger }] = await Promise.all([
    import("./bot/teams/teams-app.js"),
    import("./bot/teams/teams-messenger.js"),
  ]);
  const auth = config.teams?.auth;
  const adapter = createTeamsAdapter(auth);
  return {
    messenger: createTeamsMessenger(adapter, auth?.appId ?? "", {
      tenantReference: (tenantId) => latestWorkspaceConversation(database.db, "teams", tenantId),
    }),
    router: (deps: Omit<Parameters<typeof createTeamsRouter>[0], "adapter">) =>
      createTeamsRouter({ ...deps, adapter }),
  };
}

/** `load` once, at the first call; a failed load is tried again at the next call. */
function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

/** A router that loads the real one at the first request it `handles`; other requests pass by untouched. */
function lazyRouter(load: () => Promise<Router>, handles: (request: Request) => boolean): Router {
  const router = express.Router();
  router.use((request, response, next) => {
    if (!handles(request)) return next();
    load().then((real) => real(request, response, next), next);
  });
  return router;
}

function lazyMessenger(platforms: Messenger["platforms"], load: () => Promise<Messenger>): Messenger {
  return {
    platforms,
    sendToPerson: async (person, card) => (await load()).sendToPerson(person, card),
    sendToChannel: async (channel, card) => (await load()).sendToChannel(channel, card),
    updateMessage: async (ref, card) => (await load()).updateMessage(ref, card),
  };
}
