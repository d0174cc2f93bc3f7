import postgres from "postgres";
import { type Database, openPglite, openPostgres } from "../../src/db/client.js";

/**
 * A brand-new empty database for `work`: an in-memory PGlite, or (given a server URL) a database created on
 * that PostgreSQL server and dropped afterwards.
 */
export async function withEmptyDatabase<T>(
  serverUrl: string | undefined,
  work: (database: Database) => Promise<T>,
): Promise<T> {
  if (!serverUrl) {
    const database = await openPglite(undefined);
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  }
  const name = `regiotafel_tmp_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString());
  try {
    return await work(database);
  } finally {
    await database.close();
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

/** A brand-new database on the PostgreSQL server `serverUrl`, for `work` to connect to by URL; dropped after. */
export async function withEmptyPostgresUrl<T>(
  serverUrl: string,
  work: (url: string) => Promise<T>,
): Promise<T> {
  const name = `regiotafel_tmp_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  try {
    return await work(url.toString());
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}
