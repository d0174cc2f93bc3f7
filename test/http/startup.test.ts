import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build, staleReason } from "../../scripts/build.mjs";
import { openPglite } from "../../src/db/client.js";
import { memberships, people, regions, surveyDefinitions, waves } from "../../src/db/schema.js";
import { uniqueKey } from "../support/factories.js";
import {
  bareEnvironment,
  freePort,
  type Spawned,
  spawnEntryPoint,
  spawnStart,
} from "../support/spawn-app.js";

const isStartLine = (line: string) => line.includes("lokale modus");
const stackFrame = /^\s+at /m;

/** The one line a refused start writes: Dutch, no stack, nothing on stdout that looks like a log object. */
function expectOneLine(app: Spawned) {
  const lines = app.stderr().split("\n").filter(Boolean);
  expect(lines, app.stderr()).toHaveLength(1);
  expect(app.stderr()).not.toMatch(stackFrame);
  expect(app.stdout()).not.toMatch(stackFrame);
  expect(app.stdout()).not.toContain('"level"');
  return lines[0] ?? "";
}

/** The person id behind a name on the /local people list. */
async function localPersonId(baseUrl: string, name: string): Promise<string> {
  const html = await (await fetch(`${baseUrl}/local`)).text();
  const id = new RegExp(`href="/local/([0-9a-f-]{36})[^"]*"[^>]*>\\s*${name}`).exec(html)?.[1];
  if (!id) throw new Error(`${name} is not on /local`);
  return id;
}

// The embedded default: a machine with no environment at all, only a data folder and a port of its own.
describe("npm start with no configuration", () => {
  let dataDir: string;
  const spawned: Spawned[] = [];
  /** From source, as the fault tests and the CLI run it. */
  const start = (env: Record<string, string>) => {
    const app = spawnEntryPoint("src/main.ts", [], bareEnvironment({ DATA_DIR: dataDir, ...env }));
    spawned.push(app);
    return app;
  };
  /** As `npm start` runs it: the built dist/, whose first start loads the migrated database template. */
  const npmStart = (env: Record<string, string>) => {
    const app = spawnStart(bareEnvironment({ DATA_DIR: dataDir, ...env }));
    spawned.push(app);
    return app;
  };
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "regiotafel-start-"));
    // What npm install did (prepare); otherwise the first npm start here would build it, and say so.
    if (await staleReason()) await build();
  }, 120_000);
  afterAll(async () => {
    // A test that timed out leaves its process behind otherwise.
    for (const app of spawned) if (app.child.exitCode === null) app.child.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  });

  it("says it creates the database, announces local mode in a text line, and has the demo invitations on /local at once", async () => {
    const port = await freePort();
    const app = npmStart({ PORT: String(port) });
    const baseUrl = `http://127.0.0.1:${port}`;
    try {
      const started = await app.waitForLine(isStartLine, 60_000);
      // Read at once: the page must not say "Nog geen berichten." until a minute tick.
      const sanne = await localPersonId(baseUrl, "Sanne Dekker");
      const inbox = (await (await fetch(`${baseUrl}/local/api/people/${sanne}/messages`)).json()) as {
        messages: { conversation: string; author: string; card: { fallbackText?: string } | null }[];
      };
      const invitations = inbox.messages.filter(
        (m) => m.conversation === "dm" && m.author === "bot" && m.card?.fallbackText?.includes("Venster"),
      );
      expect(invitations.length, JSON.stringify(inbox)).toBeGreaterThan(0);

      expect(started.startsWith("Regiotafel draait in lokale modus")).toBe(true);
      expect(started).toContain(`http://localhost:${port}/local`);
      expect(started).toContain(path.join(dataDir, "pglite"));
      const lines = app.stdout().split("\n");
      const creating = lines.findIndex((line) => line.startsWith("Database wordt aangemaakt in"));
      expect(creating, app.stdout()).toBeGreaterThanOrEqual(0);
      expect(lines[creating]).toContain(path.join(dataDir, "pglite"));
      expect(lines[creating]).toContain("eenmalig");
      expect(creating).toBeLessThan(lines.indexOf(started));
      expect(app.stdout()).toContain("demo-regio's en demo-contactpersonen geladen");
      // Local mode's console is for people: no JSON objects.
      expect(lines.filter((line) => line.startsWith("{"))).toEqual([]);

      const health = await fetch(`${baseUrl}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok" });
      const ready = await fetch(`${baseUrl}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: "ready" });

      // The CLI must not open the same embedded database while the bot has it: PGlite would corrupt it.
      const cli = spawnEntryPoint("src/cli/main.ts", ["migrate"], bareEnvironment({ DATA_DIR: dataDir }));
      expect(await cli.exited).toBe(1);
      expect(cli.stderr()).toContain(
        `De lokale database in ${path.join(dataDir, "pglite")} is in gebruik door proces`,
      );

      // A second npm start on the same data folder (on a port of its own): one line that says what to do.
      const second = start({ PORT: String(await freePort()) });
      expect(await second.exited).toBe(1);
      const refusal = expectOneLine(second);
      expect(refusal).toContain(`De lokale database in ${path.join(dataDir, "pglite")} is in gebruik`);
      expect(refusal).toContain("DATA_DIR=");
      expect(second.stdout()).not.toContain("Database wordt aangemaakt");
    } finally {
      app.child.kill("SIGTERM");
      expect(await app.exited).toBe(0);
    }
    expect(app.stderr()).toBe("");

    // The data folder now holds the demo data, and the port is free again.
    const database = await openPglite(path.join(dataDir, "pglite"));
    try {
      const [regionCount] = await database.db.select({ n: count() }).from(regions);
      const [peopleCount] = await database.db.select({ n: count() }).from(people);
      const chairs = await database.db.select().from(memberships).where(eq(memberships.isChair, true));
      expect(regionCount?.n).toBe(61);
      expect(peopleCount?.n).toBeGreaterThanOrEqual(10);
      expect(chairs.length).toBeGreaterThan(0);
    } finally {
      await database.close();
    }
    await expect(fetch(`${baseUrl}/healthz`)).rejects.toThrow();
  }, 90_000);

  it("starts again on the same data folder without creating or seeding twice, and closes a wave that fell due meanwhile before it says it runs", async () => {
    // A round that closed an hour ago, while the bot was not running.
    const offline = await openPglite(path.join(dataDir, "pglite"));
    let wave: typeof waves.$inferSelect | undefined;
    try {
      const [venster] = await offline.db
        .select()
        .from(surveyDefinitions)
        .where(eq(surveyDefinitions.key, "venster"))
        .orderBy(desc(surveyDefinitions.version))
        .limit(1);
      if (!venster) throw new Error("the demo data has no venster definition");
      [wave] = await offline.db
        .insert(waves)
        .values({
          surveyDefinitionId: venster.id,
          name: uniqueKey("Venster gemist"),
          status: "open",
          opensAt: new Date(Date.now() - 7 * 86_400_000),
          closesAt: new Date(Date.now() - 3_600_000),
        })
        .returning();
    } finally {
      await offline.close();
    }
    if (!wave) throw new Error("no wave");

    const port = await freePort();
    const app = start({ PORT: String(port) });
    await app.waitForLine(isStartLine, 45_000);
    const announcedAt = new Date();
    expect(app.stdout()).not.toContain("demo-regio's en demo-contactpersonen geladen");
    expect(app.stdout()).not.toContain("Database wordt aangemaakt");
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);

    // Closed at start-up, not at a minute tick after the start line.
    const database = await openPglite(path.join(dataDir, "pglite"));
    try {
      const [closed] = await database.db
        .select()
        .from(waves)
        .where(eq(waves.id, wave?.id ?? ""));
      expect(closed?.status, app.stdout()).toBe("closed");
      expect(closed?.closedAt?.getTime()).toBeLessThanOrEqual(announcedAt.getTime());
    } finally {
      await database.close();
    }
  }, 60_000);

  it("refuses a port that is taken with one Dutch line naming PORT, before it creates a database, and exits 1", async () => {
    const port = await freePort();
    const squatter: Server = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, "127.0.0.1", resolve));
    const elsewhere = path.join(dataDir, "elsewhere");
    try {
      const app = start({ PORT: String(port), DATA_DIR: elsewhere });
      expect(await app.exited).toBe(1);
      const line = expectOneLine(app);
      expect(line).toContain(`Poort ${port} is al in gebruik`);
      expect(line).toMatch(/PORT=\d+ npm start/);
      expect(line).not.toContain("EADDRINUSE");
      // The port is tried first: nobody waits for a database that cannot be served.
      expect(app.stdout()).not.toContain("Database wordt aangemaakt");
      expect(existsSync(elsewhere)).toBe(false);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it("refuses a bad setting with one line naming the variable, and exits 1", async () => {
    const app = start({ PORT: "tachtig" });
    expect(await app.exited).toBe(1);
    expect(app.stderr()).toBe(
      'Ongeldige configuratie: PORT verwacht een poortnummer van 1 tot en met 65535 (nu: "tachtig").\n',
    );
  });
});
