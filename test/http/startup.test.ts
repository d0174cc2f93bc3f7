import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "../../src/db/client.js";
import { memberships, people, regions } from "../../src/db/schema.js";
import { bareEnvironment, freePort, spawnEntryPoint } from "../support/spawn-app.js";

// The embedded default: a machine with no environment at all, only a data folder and a port of its own.
describe("npm start with no configuration", () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "regiotafel-start-"));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("migrates, seeds, answers /healthz and /readyz, logs local mode and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const app = spawnEntryPoint(
      "src/main.ts",
      [],
      bareEnvironment({ DATA_DIR: dataDir, PORT: String(port) }),
    );

    const started = await app.waitForLog(
      (line) => typeof line.msg === "string" && line.msg.includes("lokale modus"),
    );
    expect(started.msg).toContain(`http://localhost:${port}`);
    expect(started.msg).toContain(path.join(dataDir, "pglite"));
    expect(app.stdout()).toContain("demo-regio's en demo-contactpersonen geladen");

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });

    // The CLI must not open the same embedded database while the bot has it: PGlite would corrupt it.
    const cli = spawnEntryPoint("src/cli/main.ts", ["migrate"], bareEnvironment({ DATA_DIR: dataDir }));
    expect(await cli.exited).toBe(1);
    expect(cli.stderr()).toContain(
      `De lokale database in ${path.join(dataDir, "pglite")} is in gebruik door proces`,
    );

    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
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
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  it("starts again on the same data folder without seeding twice", async () => {
    const port = await freePort();
    const app = spawnEntryPoint(
      "src/main.ts",
      [],
      bareEnvironment({ DATA_DIR: dataDir, PORT: String(port) }),
    );
    await app.waitForLog((line) => typeof line.msg === "string" && line.msg.includes("lokale modus"));
    expect(app.stdout()).not.toContain("demo-regio's en demo-contactpersonen geladen");
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
    app.child.kill("SIGTERM");
    expect(await app.exited).toBe(0);
  });

  it("refuses a bad setting with one line naming the variable, and exits 1", async () => {
    const app = spawnEntryPoint("src/main.ts", [], bareEnvironment({ DATA_DIR: dataDir, PORT: "tachtig" }));
    expect(await app.exited).toBe(1);
    expect(app.stderr()).toBe(
      'Ongeldige configuratie: PORT verwacht een poortnummer van 1 tot en met 65535 (nu: "tachtig").\n',
    );
  });
});
