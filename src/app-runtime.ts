import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { AppContext } from "./app/context.js";
import type { WiredApp } from "./app-wiring.js";
import type { Config } from "./config.js";
import { type Database, openDatabase, openPglite } from "./db/client.js";
import { listen } from "./listen.js";
import type { Logger } from "./logger.js";

export type RunningApp = {
  url: string;
  database: Database;
  ctx: AppContext;
  /** Run the scheduled work now (close due waves, queue reminders, deliver the outbox). */
  kick(): void;
  worker: WiredApp["worker"];
  stop(): Promise<void>;
};

/**
 * In local mode the start line is the moment someone opens /local: what was due at start-up (the demo's
 * invitations) is delivered before it, up to this long; the rest follows in the background.
 */
const LOCAL_START_UP_DELIVERY_MS = 10_000;

/**
 * Start-up: the port first (a port that is taken is said at once, not after the database was created), then
 * the database (opened, migrated, seeded) while the rest of the app loads, then the routes, then what is due.
 */
export async function startApp(
  config: Config,
  logger: Logger,
  options: { now?: () => Date; database?: Database; everyMinute?: boolean } = {},
): Promise<RunningApp> {
  const now = options.now ?? (() => new Date());
  const everyMinute = options.everyMinute ?? true;
  let handle: RequestListener = answerStarting;
  const server = createServer((request, response) => handle(request, response));
  await listen(server, config.http.port, config.http.host);
  const closeServer = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      // Keep-alive connections would hold close() open; in-flight requests have had their chance.
      server.closeIdleConnections();
      setTimeout(() => server.closeAllConnections(), 1000).unref();
    });

  const loading = import("./app-wiring.js");
  // Awaited below, after the database; until then a failure to load must not count as unhandled.
  loading.catch(() => {});
  // Tests hand in their own (migrated) database and keep it open after stop().
  const ownsDatabase = options.database === undefined;
  let database = options.database;
  let wired: WiredApp | undefined;
  try {
    database ??= await openOwnDatabase(config, logger);
    const { prepareDatabase, wireApp } = await loading;
    await prepareDatabase(database, config, logger, now);
    wired = await wireApp(config, logger, database, { now, everyMinute });
    if (!config.localMode) await wired.loadRest();
  } catch (error) {
    await closeServer();
    await wired?.unlisten?.().catch(() => {});
    await wired?.scheduler.stop();
    if (ownsDatabase) await database?.close().catch(() => {});
    throw error;
  }
  const { ctx, worker, scheduler, unlisten, handler, loadRest } = wired;

  // Tests on a controlled clock run the due work themselves (everyMinute false); a real start does it now,
  // so nothing due waits for the first minute tick.
  if (everyMinute) {
    const dueNow = scheduler.runDueWork().then(() => (config.localMode ? worker?.drain(0) : undefined));
    if (config.localMode) await settledWithin(dueNow, LOCAL_START_UP_DELIVERY_MS);
  }
  // What is due already (a replica restarted in the middle of a fan-out) does not wait for the minute tick.
  scheduler.wakeWorker();
  handle = handler;
  // Local mode: the Teams stack and the venster's charts load once someone can already use /local.
  if (config.localMode) loadRest().catch((error: unknown) => logger.error({ err: error }, "laden mislukt"));

  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host === "127.0.0.1" || host === "[::1]" ? "localhost" : host}:${address.port}`;

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await closeServer();
      await unlisten?.().catch(() => {});
      await worker?.stop();
      await scheduler.stop();
      if (ownsDatabase) await database.close();
    })();
    return stopping;
  };
  return { url, database, ctx, kick: scheduler.kick, worker, stop };
}

/**
 * An empty, migrated PGlite database made by `npm run build` (on npm install), next to the built code. From
 * source (tsx) there is none, and PGlite creates the folder itself.
 */
const PGLITE_TEMPLATE = fileURLToPath(new URL("./pglite-template.tar.gz", import.meta.url));

/**
 * A new embedded database starts from the template when there is one: loading it takes about a third of what
 * PGlite's own initdb plus the migrations take. The first start says what it is doing meanwhile.
 */
async function openOwnDatabase(config: Config, logger: Logger): Promise<Database> {
  if (config.database.kind !== "pglite") return openDatabase(config.database);
  const folder = path.join(config.database.dataDir, "pglite");
  if (existsSync(path.join(folder, "PG_VERSION"))) return openPglite(folder);
  logger.info(`Database wordt aangemaakt in ${shownPath(folder)} … (eenmalig, enkele seconden)`);
  const template = await readFile(PGLITE_TEMPLATE).catch(() => undefined);
  return openPglite(folder, template ? { loadDataDir: new Blob([template]) } : {});
}

/** `./data/pglite` under the working directory, else the full path. */
function shownPath(folder: string): string {
  const relative = path.relative(process.cwd(), folder);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? `./${relative}` : folder;
}

/** Until the routes are mounted: alive, not ready, and a polite word for anyone who opens a page. */
const answerStarting: RequestListener = (request, response) => {
  if (request.url === "/healthz") {
    response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ status: "ok" }));
    return;
  }
  const probe = request.url === "/readyz";
  response.writeHead(503, {
    "content-type": probe ? "application/json" : "text/plain; charset=utf-8",
    "retry-after": "2",
  });
  response.end(
    probe
      ? JSON.stringify({ status: "starting" })
      : "Regiotafel wordt gestart. Probeer het over een paar seconden opnieuw.\n",
  );
};

async function settledWithin(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => {}),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
