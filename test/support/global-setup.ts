import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "../../src/db/client.js";

declare module "vitest" {
  export interface ProvidedContext {
    pgliteSnapshot: string;
  }
}

/**
 * Migrates the test database once per run. On PostgreSQL that is the server's database itself; on PGlite it
 * is a snapshot that every test file loads (≈ 1 s) instead of booting and migrating its own (≈ 4 s).
 */
export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const database = await openPostgres(url);
    await database.migrate();
    await database.close();
    project.provide("pgliteSnapshot", "");
    return;
  }
  const folder = await mkdtemp(path.join(tmpdir(), "regiotafel-test-"));
  const database = await openPglite(undefined);
  await database.migrate();
  const client = (database.db as unknown as { $client: PGlite }).$client;
  const snapshot = await client.dumpDataDir("none");
  const file = path.join(folder, "migrated.tar");
  await writeFile(file, Buffer.from(await snapshot.arrayBuffer()));
  await database.close();
  project.provide("pgliteSnapshot", file);
  return () => rm(folder, { recursive: true, force: true });
}
