import { WebClient } from "@slack/web-api";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "../../src/app/outbox/enqueue.js";
import { createSlackMessenger } from "../../src/bot/slack/slack-messenger.js";
import { type Database, executeRows, openPostgres } from "../../src/db/client.js";
import { deliveries, platformIdentities } from "../../src/db/schema.js";
import { noticeCard } from "../../src/domain/cards/survey-cards.js";
import { createDeliveryWorker, OutboxDatabaseError } from "../../src/jobs/deliver-outbox.js";
import { createLogger } from "../../src/logger.js";
import { testDatabaseKind, useTestDatabase } from "../support/database.js";
import { createPerson, uniqueKey } from "../support/factories.js";
import { type SlackSimulator, startSlackSimulator } from "../support/slack-simulator.js";
import { startTcpProxy, type TcpProxy } from "../support/tcp-proxy.js";

/*
 * Exactly-once sending, in process: two workers on one database and one Slack simulator. A worker whose claim
 * was taken over must not send (the fencing token); a message Slack accepted while the database was away is
 * recorded when it is back, before anything new is claimed, and is not sent again.
 */

const database = useTestDatabase({ isolated: true });
const TEAM = "T0SIM00001";
const logger = createLogger("silent");

let sim: SlackSimulator;
beforeAll(async () => {
  sim = await startSlackSimulator();
});
afterAll(async () => {
  await sim.close();
});

const slackClient = (token: string) =>
  new WebClient(token, {
    slackApiUrl: sim.apiUrl,
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });

/** `count` people with a Slack identity and one queued notice each; their DM channels. */
async function queueNotices(db: Database["db"], count: number) {
  const people: { personId: string; channel: string; deliveryId: string }[] = [];
  for (let i = 0; i < count; i++) {
    const person = await createPerson(db);
    const userId = uniqueKey("U").toUpperCase().replaceAll("-", "");
    await db
      .insert(platformIdentities)
      .values({ personId: person.id, platform: "slack", workspaceId: TEAM, userId });
    sim.addUser({ id: userId, teamId: TEAM, email: person.email });
    const key = uniqueKey("notice");
    await enqueue(db, [
      {
        idempotencyKey: key,
        kind: "handover-notice",
        personId: person.id,
        payload: { type: "card", card: noticeCard(`Bericht ${i + 1}`) },
        dueAt: new Date(Date.now() - 1000),
      },
    ]);
    const [row] = await db.select().from(deliveries).where(eq(deliveries.idempotencyKey, key));
    people.push({
      personId: person.id,
      channel: sim.dmChannelFor(userId, TEAM),
      deliveryId: row?.id as string,
    });
  }
  return people;
}

/** Accepted chat.postMessage calls per DM channel (and who made them), from the simulator's own record. */
function postsTo(channels: string[]) {
  const accepted = sim.calls.filter((c) => c.method === "chat.postMessage" && c.ok);
  return channels.map((channel) =>
    accepted.filter(
      (c) => sim.dmChannelFor(String(c.args.channel), TEAM) === channel || c.args.channel === channel,
    ),
  );
}

describe("the outbox sends each message once", () => {
  it("a worker whose claim was taken over while it waited does not send what it no longer holds", async () => {
    const { db } = database.current;
    const people = await queueNotices(db, 5);
    const ids = people.map((p) => p.deliveryId);
    // A: one lane, and Slack makes it wait three seconds after its first send, longer than half its lease:
    // before sending after such a wait it asks again whether the row is still its own. B takes over meanwhile.
    const paused = createDeliveryWorker({
      db,
      messenger: createSlackMessenger(slackClient("xoxb-paused-000000")),
      logger,
      timeZone: "Europe/Amsterdam",
      concurrency: 1,
      leaseMs: 2000,
    });
    const other = createDeliveryWorker({
      db,
      messenger: createSlackMessenger(slackClient("xoxb-other-0000000")),
      logger,
      timeZone: "Europe/Amsterdam",
    });
    try {
      sim.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 3 });
      const pausedRound = paused.drain(0);
      let refused: (typeof sim.calls)[number] | undefined;
      while (!refused) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        refused = sim.calls.find((c) => c.method === "chat.postMessage" && c.status === 429);
      }
      // A's lane has checked its next row (the attempt is counted) and now waits out the Retry-After.
      const waiting = async () =>
        (await db.select().from(deliveries).where(inArray(deliveries.id, ids))).some(
          (r) => r.status === "sending" && r.attempts === 1,
        );
      while (!(await waiting())) await new Promise((resolve) => setTimeout(resolve, 10));
      // What a frozen replica looks like to the others: it stopped renewing, so its claims ran out.
      await db
        .update(deliveries)
        .set({ lockedUntil: new Date(Date.now() - 1000) })
        .where(inArray(deliveries.id, ids));
      const otherRound = await other.drain(10_000);
      const pausedTotals = await pausedRound;

      // Rows A held while it waited were taken over and sent by B; A found them gone and sent none of them.
      expect(pausedTotals.lost).toBeGreaterThanOrEqual(1);
      const refusedChannel = sim.dmChannelFor(String(refused.args.channel), TEAM);
      for (const [index, posts] of postsTo(people.map((p) => p.channel)).entries()) {
        expect(posts).toHaveLength(1);
        if (people[index]?.channel !== refusedChannel) expect(posts[0]?.token).toBe("xoxb-other-0000000");
      }
      expect(otherRound.sent + pausedTotals.sent).toBe(5);
      const rows = await db.select().from(deliveries).where(inArray(deliveries.id, ids));
      expect(rows.map((r) => r.status)).toEqual(ids.map(() => "sent"));
      expect(rows.every((r) => r.claimToken === null && r.claimedBy === null)).toBe(true);
    } finally {
      await paused.stop();
      await other.stop();
    }
  }, 30_000);

  describe.skipIf(testDatabaseKind !== "postgres")("with the database going away (PostgreSQL)", () => {
    let proxy: TcpProxy;
    let proxied: Database;
    beforeAll(async () => {
      const url = new URL(process.env.DATABASE_URL as string);
      // The isolated database's name: the same server, reached through a proxy that can be cut.
      const [row] = await executeRows<{ name: string }>(
        database.current.db,
        sql`select current_database() as name`,
      );
      const name = row?.name as string;
      proxy = await startTcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
      url.host = `127.0.0.1:${proxy.port}`;
      url.pathname = `/${name}`;
      proxied = await openPostgres(url.toString());
    });
    afterAll(async () => {
      await proxied?.close().catch(() => {});
      await proxy?.close();
    });

    it("records a message Slack accepted while the database was away, first thing when it is back, and sends it once", async () => {
      const { db } = database.current;
      const people = await queueNotices(db, 6);
      const ids = people.map((p) => p.deliveryId);
      let posts = 0;
      sim.handle("chat.postMessage", async (args) => {
        posts++;
        // The third message is accepted, and the database goes away before the worker can record that.
        if (posts === 3) await proxy.cut();
        const channel = String(args.channel);
        return { channel: sim.dmChannelFor(channel, TEAM), ts: `${Date.now() / 1000}`, message: {} };
      });
      const worker = createDeliveryWorker({
        db: proxied.db,
        messenger: createSlackMessenger(slackClient("xoxb-proxied-00000")),
        logger,
        timeZone: "Europe/Amsterdam",
        concurrency: 1,
      });
      try {
        await expect(worker.drain(0)).rejects.toBeInstanceOf(OutboxDatabaseError);
        expect(worker.unrecordedOutcomes).toBe(1);
        // Still away: trying again sends nothing and keeps the outcome.
        await expect(worker.drain(0)).rejects.toBeInstanceOf(OutboxDatabaseError);
        expect(posts).toBe(3);
        await proxy.restore();
        const round = await worker.drain(0);
        expect(worker.unrecordedOutcomes).toBe(0);
        expect(round.sent).toBe(3);
        expect(posts).toBe(6);
        const rows = await db.select().from(deliveries).where(inArray(deliveries.id, ids));
        expect(rows.map((r) => r.status)).toEqual(ids.map(() => "sent"));
        const perChannel = new Map<string, number>();
        for (const call of sim.calls.filter(
          (c) => c.method === "chat.postMessage" && c.token === "xoxb-proxied-00000",
        )) {
          const channel = sim.dmChannelFor(String(call.args.channel), TEAM);
          perChannel.set(channel, (perChannel.get(channel) ?? 0) + 1);
        }
        expect(people.map((p) => perChannel.get(p.channel))).toEqual(people.map(() => 1));
      } finally {
        await worker.stop();
      }
    }, 30_000);
  });
});
