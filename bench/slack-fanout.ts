import { performance } from "node:perf_hooks";
import { and, eq, sql } from "drizzle-orm";
import { createWave } from "../src/app/waves/create-wave.js";
import { openWave } from "../src/app/waves/open-wave.js";
import { deliveries } from "../src/db/schema.js";
import { startSlackBed, TEAM_ID } from "../test/support/slack-bed.js";
import { seedSlackPeople } from "../test/support/slack-people.js";
import { withEmptyDatabase } from "../test/support/temporary-database.js";

const PEOPLE = 5000;
const REGIONS = 10;
/** Workspace-wide chat.postMessage attempts per sliding second the simulator allows (Retry-After: 1 s). */
const RATE = 25;

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Opening a wave for 5,000 Slack users against a workspace-wide chat.postMessage rate limit: how close the
 * outbox gets to the bound N/R, how often Slack says 429, and whether everyone gets exactly one invitation.
 * The real app (Bolt, outbox worker with its runtime defaults, scheduler) on a fresh PGlite database.
 */
export async function benchSlackFanout(serverUrl?: string): Promise<void> {
  const kind = serverUrl ? "PostgreSQL" : "PGlite";
  await withEmptyDatabase(serverUrl, async (database) => {
    await database.migrate();
    const bed = await startSlackBed(database);
    try {
      const { sim } = bed;
      const { ctx } = bed.app;
      let t = performance.now();
      const people = await seedSlackPeople(database.db, { count: PEOPLE, regionCount: REGIONS, sim });
      console.log(
        `[slack-fanout ${kind}] seeded ${people.length} Slack contact persons in ${REGIONS} regions: ${seconds(performance.now() - t)}`,
      );
      const waveName = "Venster fan-out bench";
      await createWave(ctx.db, {
        surveyKey: "venster",
        name: waveName,
        opensAt: new Date(Date.now() - 3600_000),
        closesAt: new Date(Date.now() + 14 * 86_400_000),
      });
      sim.setRateLimit("chat.postMessage", { perSecond: RATE, scope: "workspace", retryAfterSeconds: 1 });
      const callsBefore = sim.calls.length;

      t = performance.now();
      const startedAt = Date.now();
      const opened = await openWave(ctx.db, waveName, { now: ctx.now(), timeZone: ctx.timeZone });
      const openMs = performance.now() - t;
      // What `regiotafel wave open` leaves to the scheduler: its drain sends the outbox (runtime defaults).
      bed.app.kick();

      const invitationsOfWave = and(
        eq(deliveries.kind, "survey-invitation"),
        sql`${deliveries.idempotencyKey} like ${`invite:${opened.wave.id}:%`}`,
      );
      const deadline = performance.now() + Math.max(120_000, (20 * PEOPLE * 1000) / RATE);
      const acceptedPosts = () =>
        sim.calls.slice(callsBefore).filter((c) => c.method === "chat.postMessage" && c.ok).length;
      let counts = { sent: 0, dead: 0, cancelled: 0 };
      // Watch the simulator (free) and ask the database (which the worker needs) only now and then and at
      // the end: done when every invitation of the wave is sent (or given up on) in the outbox.
      for (let poll = 1; ; poll++) {
        if (acceptedPosts() >= opened.invitations || poll % 20 === 0) {
          const [row] = await ctx.db
            .select({
              sent: sql<number>`count(*) filter (where ${deliveries.status} = 'sent')::int`,
              dead: sql<number>`count(*) filter (where ${deliveries.status} = 'dead')::int`,
              cancelled: sql<number>`count(*) filter (where ${deliveries.status} = 'cancelled')::int`,
            })
            .from(deliveries)
            .where(invitationsOfWave);
          counts = row ?? counts;
          if (counts.sent + counts.dead + counts.cancelled >= opened.invitations) break;
        }
        if (performance.now() > deadline) {
          console.log(`[slack-fanout ${kind}] gave up waiting: ${JSON.stringify(counts)}`);
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      const totalMs = performance.now() - t;

      const posts = sim.calls.slice(callsBefore).filter((c) => c.method === "chat.postMessage");
      const accepted = posts.filter((c) => c.status === 200 && c.ok);
      const refused = posts.filter((c) => c.status === 429);
      const firstPost = posts[0]?.at ?? startedAt;
      const lastAccepted = accepted.at(-1)?.at ?? startedAt;

      // How the pace was lost: accepted posts per wall-clock second, and the pauses between bursts.
      const perSecond = new Map<number, number>();
      for (const c of accepted) {
        const second = Math.floor((c.at - firstPost) / 1000);
        perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
      }
      const secondsSeen = Math.max(...perSecond.keys()) + 1;
      const gaps = accepted.slice(1).map((c, i) => c.at - (accepted[i]?.at ?? c.at));
      const longGaps = gaps.filter((g) => g >= 200);
      const histogram = [...Array(Math.min(secondsSeen, 12)).keys()]
        .map((s) => perSecond.get(s) ?? 0)
        .join(" ");

      const byChannel = new Map<string, number>();
      for (const message of sim.messages()) {
        byChannel.set(message.channel, (byChannel.get(message.channel) ?? 0) + 1);
      }
      const duplicates = [...byChannel.values()].filter((n) => n > 1).length;
      const missing = people.filter((p) => !byChannel.get(sim.dmChannelFor(p.userId, TEAM_ID))).length;

      const bound = (PEOPLE / RATE) * 1000;
      console.log(
        `[slack-fanout ${kind}] R = ${RATE} chat.postMessage/s workspace-wide (Retry-After 1 s), worker defaults (concurrency 8, batch 100)`,
      );
      console.log(
        `[slack-fanout ${kind}] open wave for ${PEOPLE} people: ${opened.invitations} invitations + outbox rows in ${seconds(openMs)}; first post ${seconds(firstPost - startedAt)} after open started`,
      );
      console.log(
        `[slack-fanout ${kind}] open → all sent: ${seconds(totalMs)} vs bound N/R ${seconds(bound)}: ratio ${(totalMs / bound).toFixed(2)}× (target ≤ 1.05×); posting alone (first post → last accepted) ${seconds(lastAccepted - firstPost)} = ${((lastAccepted - firstPost) / bound).toFixed(2)}×`,
      );
      console.log(
        `[slack-fanout ${kind}] outbox: ${counts.sent} sent, ${counts.dead} dead, ${counts.cancelled} cancelled; chat.postMessage attempts ${posts.length}: ${accepted.length} accepted, ${refused.length} answered 429`,
      );
      console.log(
        `[slack-fanout ${kind}] accepted per second (first ${Math.min(secondsSeen, 12)} s): ${histogram}; mean ${(accepted.length / ((lastAccepted - firstPost) / 1000)).toFixed(1)}/s; ${longGaps.length} pauses ≥ 200 ms between accepted posts totalling ${seconds(longGaps.reduce((a, b) => a + b, 0))}`,
      );
      console.log(
        `[slack-fanout ${kind}] duplicates (DMs with more than one invitation): ${duplicates} (target 0); missing (people with none): ${missing}`,
      );
    } finally {
      await bed.close();
    }
  });
}
