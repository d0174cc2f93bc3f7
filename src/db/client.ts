import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import type { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { Config } from "../config.js";
import { lockDataDir } from "./data-dir-lock.js";
import * as schema from "./schema.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Transaction = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** Anything that can run queries: the database itself or an open transaction. */
export type Queryable = Db | Transaction;

export type Database = {
  db: Db;
  kind: "pglite" | "postgres";
  /** Where the data lives, safe to log (no credentials). */
  location: string;
  migrate(): Promise<void>;
  /** Resolves when the database answers a trivial query within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<void>;
  /**
   * Calls `onNotify` for every NOTIFY on `channel` (any process: the CLI, another replica), and `onReconnect`
   * each time the listening connection is re-established after it was lost (the database was away, and
   * notifications sent meanwhile were missed). Resolves with a function that stops listening.
   */
  listen(channel: string, onNotify: () => void, onReconnect?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
};

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));

// Any fixed number; every replica uses the same one so only one of them migrates at a time.
const MIGRATION_LOCK_KEY = 7_302_202_611;

export async function openDatabase(target: Config["database"]): Promise<Database> {
  return target.kind === "postgres"
    ? openPostgres(target.url)
    : openPglite(path.join(target.dataDir, "pglite"));
}

/** An embedded PGlite database; `dataDir` undefined keeps it in memory (tests). */
export async function openPglite(
  dataDir: string | undefined,
  options: { loadDataDir?: Blob } = {},
): Promise<Database> {
  let unlock = async () => {};
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir, options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  } catch (error) {
    await unlock();
    throw error;
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "pglite",
    location: dataDir ? `PGlite in ${dataDir}` : "PGlite in het geheugen",
    migrate: () => migratePglite(db as never, { migrationsFolder: MIGRATIONS_FOLDER }),
    ping: (timeoutMs = 2000) =>
      withTimeout(
        client.query("select 1").then(() => undefined),
        timeoutMs,
      ),
    // In-process: PGlite is this process's own database, so only this process notifies.
    listen: async (channel, onNotify) => {
      const unlisten = await client.listen(channel, () => onNotify());
      return () => unlisten();
    },
    close: async () => {
      await client.close();
      await unlock();
    },
  };
}

export async function openPostgres(url: string): Promise<Database> {
  const client = postgres(url, {
    max: 10,
    connect_timeout: 5,
    onnotice: () => {},
    connection: { application_name: "regiotafel" },
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
    location: describePostgresUrl(url),
    migrate: () => migratePostgresExclusively(url),
    ping: (timeoutMs = 2000) =>
      withTimeout(
        client`select 1`.then(() => undefined),
        timeoutMs,
      ),
    // postgres.js listens on a connection of its own and listens again after reconnecting (onlisten).
    listen: async (channel, onNotify, onReconnect) => {
      let listening = false;
      const { unlisten } = await client.listen(
        channel,
        () => onNotify(),
        () => {
          if (listening) onReconnect?.();
          listening = true;
        },
      );
      return unlisten;
    },
    close: () => client.end({ timeout: 3 }),
  };
}

/** Replicas starting together must not run the same migration twice: hold an advisory lock while migrating. */
async function migratePostgresExclusively(url: string) {
  const client = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder: MIGRATIONS_FOLDER });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`;
  } finally {
    await client.end({ timeout: 3 });
  }
}

export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `PostgreSQL op ${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "PostgreSQL";
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Rows of a raw `db.execute`: PGlite answers `{ rows }`, postgres.js an array. */
export async function executeRows<T extends Record<string, unknown>>(
  db: Queryable,
  query: ReturnType<typeof sql>,
): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}
