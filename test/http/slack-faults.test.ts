import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq, inArray, like } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWave } from "../../src/app/waves/create-wave.js";
import { openWave } from "../../src/app/waves/open-wave.js";
import { waveStatus } from "../../src/app/waves/wave-status.js";
import { type Database, openPglite, openPostgres } from "../../src/db/client.js";
import { answerRevisions, deliveries, invitations, processedRequests } from "../../src/db/schema.js";
import { testDatabaseKind, useTestDatabase } from "../support/database.js";
import { uniqueKey } from "../support/factories.js";
import {
  SIGNING_SECRET,
  type SlackBed,
  seedSlackRegion,
  startSlackBed,
  submitVensterModal,
  TEAM_ID,
} from "../support/slack-bed.js";
import { blockActionsPayload, postInteraction, postSlashCommand } from "../support/slack-requests.js";

// Its own database: this file runs an outbox worker, which must only see this file's messages.
const database = useTestDatabase({ isolated: true });

const answers = {
  agenda_tevreden: true,
  agenda_ondersteuning: false,
  proces_tevreden: true,
  proces_ondersteuning: false,
  resultaat_tevreden: false,
  resultaat_ondersteuning: false,
};

async function openSurvey(bed: SlackBed, db: Database) {
  const seeded = await seedSlackRegion(db, bed.sim);
  const name = uniqueKey("Venster");
  await createWave(db.db, {
    surveyKey: "venster",
    name,
    opensAt: new Date(Date.now() - 3600_000),
    closesAt: new Date(Date.now() + 7 * 86_400_000),
  });
  const opened = await openWave(db.db, name, { now: new Date(), timeZone: "Europe/Amsterdam" });
  const mine = await db.db
    .select()
    .from(invitations)
    .where(and(eq(invitations.waveId, opened.wave.id), eq(invitations.regionId, seeded.region.id)));
  const invitationOf = (personId: string) => mine.find((i) => i.personId === personId)?.id as string;
  return { seeded, name, waveId: opened.wave.id, invitations: mine, invitationOf };
}

describe("Slack faults", () => {
  let bed: SlackBed;
  beforeAll(async () => {
    bed = await startSlackBed(database.current);
  });
  afterAll(async () => {
    await bed?.close();
  });

  it("processes a request Slack redelivers (x-slack-retry-num) only once", async () => {
    const { seeded, invitationOf } = await openSurvey(bed, database.current);
    const payload = blockActionsPayload({
      userId: seeded.gemeente.userId,
      teamId: TEAM_ID,
      actionId: "survey_open",
      value: invitationOf(seeded.gemeente.person.id),
    });
    const before = bed.sim.calls.filter((c) => c.method === "views.open").length;
    expect((await postInteraction(bed.eventsUrl, SIGNING_SECRET, payload)).status).toBe(200);
    expect(
      (
        await postInteraction(bed.eventsUrl, SIGNING_SECRET, payload, {
          retryNum: 1,
          retryReason: "http_timeout",
        })
      ).status,
    ).toBe(200);
    expect(bed.sim.calls.filter((c) => c.method === "views.open").length - before).toBe(1);
    const seen = await database.current.db
      .select()
      .from(processedRequests)
      .where(like(processedRequests.requestId, `%${payload.trigger_id as string}`));
    expect(seen).toHaveLength(1);
  });

  it("tells an unknown Slack user, in Dutch, how to get registered, and stores nothing", async () => {
    const stranger = "U0STRANGER1";
    const command = await postSlashCommand(bed.eventsUrl, SIGNING_SECRET, {
      text: "samenvatting",
      user_id: stranger,
      team_id: TEAM_ID,
      channel_id: "C0SOMEWHERE",
    });
    expect(((await command.json()) as { text: string }).text).toContain("Ik ken u nog niet");

    const { invitationOf, seeded } = await openSurvey(bed, database.current);
    const invitationId = invitationOf(seeded.gemeente.person.id);
    const response = await submitVensterModal(bed, {
      userId: stranger,
      invitationId,
      answers,
      viewId: "V0STRANGER1",
    });
    expect(response.status).toBe(200);
    expect(JSON.stringify(await response.json())).toContain("Ik ken u nog niet");
    expect(
      await database.current.db
        .select()
        .from(answerRevisions)
        .where(eq(answerRevisions.invitationId, invitationId)),
    ).toEqual([]);
  });

  it("refuses someone else's invitation: the user was not invited to it", async () => {
    const { invitationOf, seeded } = await openSurvey(bed, database.current);
    await postInteraction(
      bed.eventsUrl,
      SIGNING_SECRET,
      blockActionsPayload({
        userId: seeded.chair.userId,
        teamId: TEAM_ID,
        actionId: "survey_open",
        value: invitationOf(seeded.gemeente.person.id),
        channelId: "D0CHAIR",
      }),
    );
    const told = await bed.sim.waitForCall("chat.postEphemeral", (c) => c.args.user === seeded.chair.userId);
    expect(String(told.args.text)).toContain("Deze vragenlijst is niet aan u gestuurd");
  });

  it.each([
    ["a wrong signature", { badSignature: true }],
    ["an expired timestamp", { timestampSeconds: Math.floor(Date.now() / 1000) - 600 }],
  ])("rejects %s with 401 and stores nothing", async (_, options) => {
    const { invitationOf, seeded } = await openSurvey(bed, database.current);
    const invitationId = invitationOf(seeded.gemeente.person.id);
    const response = await submitVensterModal(
      bed,
      { userId: seeded.gemeente.userId, invitationId, answers },
      options,
    );
    expect(response.status).toBe(401);
    expect(
      await database.current.db
        .select()
        .from(answerRevisions)
        .where(eq(answerRevisions.invitationId, invitationId)),
    ).toEqual([]);
  });

  it("keeps one effective revision when the same answers are submitted twice at once", async () => {
    const { invitationOf, seeded } = await openSurvey(bed, database.current);
    const invitationId = invitationOf(seeded.gemeente.person.id);
    const submit = (viewId: string) =>
      submitVensterModal(bed, { userId: seeded.gemeente.userId, invitationId, answers, viewId });
    const responses = await Promise.all([submit("V0DOUBLE001"), submit("V0DOUBLE002")]);
    expect(responses.map((r) => r.status)).toEqual([200, 200]);
    // Both are told it worked: the loser of the race is a duplicate, not an error.
    for (const response of responses) expect(JSON.stringify(await response.json())).toContain("Dank u wel");
    expect(JSON.stringify(await (await submit("V0DOUBLE003")).json())).toContain("Dank u wel");
    const revisions = await database.current.db
      .select()
      .from(answerRevisions)
      .where(eq(answerRevisions.invitationId, invitationId));
    expect(revisions).toHaveLength(1);
  });

  it("delivers exactly one invitation to everyone while Slack answers 429 and 500 during the fan-out", async () => {
    bed.sim.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 }, 2);
    bed.sim.failNext("chat.postMessage", { status: 500 }, 1);
    const { invitations: mine, seeded, name } = await openSurvey(bed, database.current);
    await bed.app.worker?.drain(3000);

    const rows = await database.current.db
      .select()
      .from(deliveries)
      .where(
        inArray(
          deliveries.invitationId,
          mine.map((i) => i.id),
        ),
      );
    expect(rows.map((r) => r.status)).toEqual(["sent", "sent"]);
    for (const user of [seeded.gemeente, seeded.verzekeraar]) {
      const invitationId = mine.find((i) => i.personId === user.person.id)?.id as string;
      const received = bed.sim
        .messages(bed.sim.dmChannelFor(user.userId, TEAM_ID))
        .filter((m) => JSON.stringify(m.blocks).includes(invitationId));
      expect(received).toHaveLength(1);
    }
    const refused = bed.sim.calls.filter((c) => c.method === "chat.postMessage" && c.status !== 200);
    expect(refused.length).toBeGreaterThanOrEqual(3);
    const status = await waveStatus(database.current.db, name);
    expect(status.rows.reduce((n, r) => n + r.undeliverable, 0)).toBeGreaterThanOrEqual(0);
  });
});

describe("Slack while the database is down", () => {
  // Its own database, because this test takes it away.
  let folder: string;
  let serverDatabase: string | undefined;
  let bed: SlackBed;
  let database: Database;
  const reopen = async () => {
    if (serverDatabase) {
      const url = new URL(process.env.DATABASE_URL as string);
      url.pathname = `/${serverDatabase}`;
      return openPostgres(url.toString());
    }
    return openPglite(folder);
  };

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "regiotafel-down-"));
    if (testDatabaseKind === "postgres") {
      serverDatabase = `regiotafel_down_${process.pid}_${Date.now()}`;
      const admin = postgres(process.env.DATABASE_URL as string, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${serverDatabase}`);
      await admin.end();
    }
    database = await reopen();
    await database.migrate();
    bed = await startSlackBed(database);
  });
  afterAll(async () => {
    await bed?.close();
    await database.close().catch(() => {});
    if (serverDatabase) {
      const admin = postgres(process.env.DATABASE_URL as string, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${serverDatabase} with (force)`);
      await admin.end();
    }
    await rm(folder, { recursive: true, force: true });
  });

  it("shows a Dutch 'try again' error in the modal and writes nothing", async () => {
    const { invitationOf, seeded } = await openSurvey(bed, database);
    const invitationId = invitationOf(seeded.gemeente.person.id);

    if (serverDatabase) {
      const admin = postgres(process.env.DATABASE_URL as string, { max: 1, onnotice: () => {} });
      await admin.unsafe(`alter database ${serverDatabase} allow_connections false`);
      await admin.unsafe(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${serverDatabase}'`,
      );
      await admin.end();
    } else {
      await database.close();
    }

    const response = await submitVensterModal(bed, {
      userId: seeded.gemeente.userId,
      invitationId,
      answers,
      viewId: "V0DBDOWN001",
    });
    expect(response.status).toBe(200);
    // The answer shows the form again, answers kept, with a Dutch request to try again.
    const shown = JSON.stringify(await response.json());
    expect(shown).toContain(
      "Er ging bij ons iets mis en er is niets opgeslagen. Probeer het over een paar minuten opnieuw.",
    );
    expect(shown).toContain('"block_id":"agenda_tevreden"');
    expect(shown).toContain('"initial_option"');
    const ready = await fetch(`${bed.app.url}/readyz`);
    expect(ready.status).toBe(503);

    if (serverDatabase) {
      const admin = postgres(process.env.DATABASE_URL as string, { max: 1, onnotice: () => {} });
      await admin.unsafe(`alter database ${serverDatabase} allow_connections true`);
      await admin.end();
    }
    const back = await reopen();
    try {
      expect(
        await back.db.select().from(answerRevisions).where(eq(answerRevisions.invitationId, invitationId)),
      ).toEqual([]);
    } finally {
      await back.close();
    }
  });
});
