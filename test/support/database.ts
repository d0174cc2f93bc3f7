import { readFile } from "node:fs/promises";
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

/** The usual shape: one database per test file, opened before and closed after its tests. */
export function useTestDatabase(): { readonly current: Database } {
  const holder: { current?: Database } = {};
  beforeAll(async () => {
    holder.current = await openTestDatabase();
  });
  afterAll(async () => {
    await holder.current?.close();
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
