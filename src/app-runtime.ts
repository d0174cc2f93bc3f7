import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { seedDemoData } from "./app/seed-demo.js";
import type { Config } from "./config.js";
import { type Database, openDatabase } from "./db/client.js";
import { calendarDateIn } from "./domain/calendar-date.js";
import type { Logger } from "./logger.js";
import { createHttpApp } from "./web/http-app.js";

export type RunningApp = { url: string; database: Database; stop(): Promise<void> };

/** Composition root: config -> database (migrated, seeded) -> HTTP. */
export async function startApp(
  config: Config,
  logger: Logger,
  now: () => Date = () => new Date(),
): Promise<RunningApp> {
  const database = await openDatabase(config.database);
  try {
    await database.migrate();
    if (config.seedDemo) {
      const seeded = await seedDemoData(database.db, { today: calendarDateIn(config.timeZone, now()) });
      if (seeded === "seeded") logger.info("demo-regio's en demo-contactpersonen geladen");
    }
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }

  const server = createServer(createHttpApp({ database }));
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
      await database.close();
    })();
    return stopping;
  };
  return { url, database, stop };
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
