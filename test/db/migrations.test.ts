import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { type Database, executeRows } from "../../src/db/client.js";
import { testDatabaseKind } from "../support/database.js";
import { withEmptyDatabase as withEmptyDatabaseOn } from "../support/temporary-database.js";

const EXPECTED_TABLES = [
  "agenda_items",
  "agreements",
  "answer_revisions",
  "audit_log",
  "channel_bindings",
  "deliveries",
  "escalations",
  "handovers",
  "invitations",
  "local_messages",
  "meetings",
  "memberships",
  "municipalities",
  "organisation_regions",
  "organisations",
  "people",
  "platform_conversations",
  "platform_identities",
  "processed_requests",
  "region_municipalities",
  "regions",
  "survey_definitions",
  "topic_scope_entries",
  "wave_reminder_slots",
  "waves",
];

const withEmptyDatabase = (work: (database: Database) => Promise<void>) =>
  withEmptyDatabaseOn(process.env.DATABASE_URL, work);

const tablesOf = (database: Database) =>
  executeRows<{ table_name: string }>(
    database.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  ).then((rows) => rows.map((r) => r.table_name));

describe(`migrations on ${testDatabaseKind}`, () => {
  it("apply from an empty database, and applying them again changes nothing", async () => {
    await withEmptyDatabase(async (database) => {
      expect(await tablesOf(database)).toEqual([]);
      await database.migrate();
      expect(await tablesOf(database)).toEqual(EXPECTED_TABLES);
      const applied = await executeRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      await database.migrate();
      const again = await executeRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
      );
      expect(again[0]?.n).toBe(applied[0]?.n);
      expect(applied[0]?.n).toBeGreaterThan(0);
    });
  });

  it("store every instant column as timestamptz", async () => {
    await withEmptyDatabase(async (database) => {
      await database.migrate();
      const columns = await executeRows<{ table_name: string; column_name: string; data_type: string }>(
        database.db,
        sql`select table_name, column_name, data_type from information_schema.columns
            where table_schema = 'public' and data_type like 'timestamp%'`,
      );
      expect(columns.length).toBeGreaterThan(10);
      expect(columns.filter((c) => c.data_type !== "timestamp with time zone")).toEqual([]);
    });
  });
});
