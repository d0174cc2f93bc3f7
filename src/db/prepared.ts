import type { Db } from "./client.js";

/**
 * A query prepared once per database handle: drizzle builds its SQL once, and PostgreSQL parses and plans it
 * once per connection (a named statement). For the queries every request runs.
 */
export function preparedPerDatabase<T>(prepare: (db: Db) => T): (db: Db) => T {
  const prepared = new WeakMap<Db, T>();
  return (db) => {
    let query = prepared.get(db);
    if (!query) {
      query = prepare(db);
      prepared.set(db, query);
    }
    return query;
  };
}
