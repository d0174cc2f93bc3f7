import type { PgTable } from "drizzle-orm/pg-core";
import type { Queryable } from "./client.js";

const CHUNK = 1000;

/**
 * Multi-row inserts in chunks that stay far below PostgreSQL's 65,535 bind parameters per statement: fan-out
 * to thousands of people is then a handful of statements. `ignoreConflicts` makes re-runs idempotent.
 */
export async function insertInChunks<T extends PgTable>(
  db: Queryable,
  table: T,
  values: T["$inferInsert"][],
  options: { ignoreConflicts?: boolean } = {},
): Promise<T["$inferSelect"][]> {
  const inserted: T["$inferSelect"][] = [];
  for (let i = 0; i < values.length; i += CHUNK) {
    const statement = db.insert(table).values(values.slice(i, i + CHUNK));
    const rows = options.ignoreConflicts
      ? await statement.onConflictDoNothing().returning()
      : await statement.returning();
    inserted.push(...(rows as T["$inferSelect"][]));
  }
  return inserted;
}
