import { readFile } from "node:fs/promises";
import postgres from "postgres";
import { afterAll, beforeAll, inject } from "vitest";
import { type Database, openPglite, openPostgres } from "../../src/db/client.js";

/** Which database this test run uses: real PostgreSQL when DATABASE_URL is set, embedded PGlite otherwise. */
export const testDatabaseKind = process.env.DATABASE_URL ? "postgres" : "pglite";

/** Opens the run's migrated database for one test file. Tests create unique rows; nothing is wiped. */
export async function openTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) return openPostgres(url);
  const snapshot = await readFile(inject("pgliteSnapshot"));
  return openPglite(undefined, { loadDataDir: new Blob([snapshot]) });
}

/**
 * A database of this file's own, even on PostgreSQL (a new database on the server, dropped afterwards): for
 * tests whose outbox worker must not pick up rows that other files queue at the same time.
 */
export async function openIsolatedTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const database = await openTestDatabase();
    return { database, drop: () => database.close() };
  }
  const name = `regiotafel_iso_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = () => postgres(url, { max: 1, onnotice: () => {} });
  const create = admin();
  await create.unsafe(`create database ${name}`);
  await create.end();
  const own = new URL(url);
  own.pathname = `/${name}`;
  const database = await openPostgres(own.toString());
  await database.migrate();
  return {
    database,
    async drop() {
      await database.close().catch(() => {});
      const dropper = admin();
      await dropper.unsafe(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

/** The usual shape: one database per test file, opened before and closed after its tests. */
export function useTestDatabase(options: { isolated?: boolean } = {}): { readonly current: Database } {
  const holder: { current?: Database; drop?: () => Promise<void> } = {};
  beforeAll(async () => {
    if (options.isolated) {
      const isolated = await openIsolatedTestDatabase();
      holder.current = isolated.database;
      holder.drop = isolated.drop;
    } else {
      holder.current = await openTestDatabase();
    }
  });
  afterAll(async () => {
    if (holder.drop) await holder.drop();
    else await holder.current?.close();
  });
  return {
    get current() {
      if (!holder.current) throw new Error("test database is not open yet (use it inside a test)");
      return holder.current;
    },
  };
}

/** The SQLSTATE of a failed query, looking through drizzle's wrapper (23505 unique, 23503 foreign key, 23514 check). */
export function sqlState(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

export async function expectSqlState(promise: Promise<unknown>, state: string): Promise<void> {
  try {
    await promise;
  } catch (error) {
    const actual = sqlState(error);
    if (actual !== state)
      throw new Error(`expected SQLSTATE ${state}, got ${actual ?? "none"}: ${String(error)}`);
    return;
  }
  throw new Error(`expected SQLSTATE ${state}, but the statement succeeded`);
}
