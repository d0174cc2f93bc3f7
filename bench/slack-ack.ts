import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { Worker } from "node:worker_threads";
import { App, ExpressReceiver, LogLevel } from "@slack/bolt";
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { createWave } from "../src/app/waves/create-wave.js";
import { openWave } from "../src/app/waves/open-wave.js";
import type { Database } from "../src/db/client.js";
import { answerRevisions, deliveries, invitations, platformIdentities } from "../src/db/schema.js";
import { vensterDefinition } from "../src/domain/survey/definitions/venster.js";
import { validateAnswers } from "../src/domain/survey/validate-answers.js";
import { SIGNING_SECRET, type SlackBed, startSlackBed, TEAM_ID } from "../test/support/slack-bed.js";
import { seedSlackPeople } from "../test/support/slack-people.js";
import { signSlackBody, viewSubmissionPayload } from "../test/support/slack-requests.js";
import type { SlackSimulator } from "../test/support/slack-simulator.js";
import { withEmptyDatabase } from "../test/support/temporary-database.js";
import {
  completeVensterAnswers,
  slackStateValues,
  vensterModalMetadata,
} from "../test/support/venster-answers.js";

const CONCURRENT = 200;
const REPEATS = 3;
const WARM_UP = 20;
const SEQUENTIAL = 20;
/** A complete, valid survey_submit payload as Slack sends it, with a fresh trigger_id (and view id). */
function submissionBody(userId: string, invitationId: string): string {
  const payload = viewSubmissionPayload({
    userId,
    teamId: TEAM_ID,
    callbackId: "survey_submit",
    privateMetadata: vensterModalMetadata(invitationId),
    values: slackStateValues(completeVensterAnswers),
    view: { blocks: [{ type: "input", block_id: "agenda_tevreden" }] },
  });
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

type Signed = { body: string; headers: Record<string, string> };
type Outcome = { ms: number; status: number; text: string };

/** Signs now (Bolt refuses timestamps more than 5 minutes off), so sign right before sending. */
function sign(bodies: string[]): Signed[] {
  return bodies.map((body) => ({
    body,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "User-Agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
      ...signSlackBody(SIGNING_SECRET, body, Math.floor(Date.now() / 1000)),
    },
  }));
}

/*
 * The load generator runs in a worker thread, like Slack is another machine: sending and parsing 200
 * requests on the server's own event loop would count against the server. It stays up (warm) for all
 * rounds and uses node:http with keep-alive and no socket limit. Latency = request start to full response.
 */
const LOAD_GENERATOR = `
const { parentPort } = require("node:worker_threads");
const http = require("node:http");
const { performance } = require("node:perf_hooks");
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
const one = (url, r) =>
  new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(url, { method: "POST", agent, headers: { ...r.headers, "content-length": Buffer.byteLength(r.body) } }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => resolve({ started, ms: performance.now() - started, status: res.statusCode, text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", (error) => resolve({ started, ms: performance.now() - started, status: 0, text: String(error) }));
    req.end(r.body);
  });
parentPort.on("message", async ({ url, requests, concurrent }) => {
  let outcomes;
  if (concurrent) outcomes = await Promise.all(requests.map((r) => one(url, r)));
  else {
    outcomes = [];
    for (const r of requests) outcomes.push(await one(url, r));
  }
  const first = Math.min(...outcomes.map((o) => o.started));
  const wallMs = Math.max(...outcomes.map((o) => o.started + o.ms)) - first;
  parentPort.postMessage({ outcomes, wallMs });
});
`;

type LoadGenerator = {
  fire(
    url: string,
    requests: Signed[],
    concurrent: boolean,
  ): Promise<{ outcomes: Outcome[]; wallMs: number }>;
  close(): Promise<unknown>;
};

function startLoadGenerator(): LoadGenerator {
  const worker = new Worker(LOAD_GENERATOR, { eval: true });
  type Round = { outcomes: Outcome[]; wallMs: number };
  let pending: { resolve(round: Round): void; reject(error: unknown): void } | undefined;
  worker.on("message", (round: Round) => pending?.resolve(round));
  worker.on("error", (error) => pending?.reject(error));
  return {
    fire(url, requests, concurrent) {
      return new Promise<Round>((resolve, reject) => {
        pending = { resolve, reject };
        worker.postMessage({ url, requests, concurrent });
      });
    },
    close: () => worker.terminate(),
  };
}

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

type RoundStats = {
  p50: number;
  p99: number;
  max: number;
  wallMs: number;
  ok: number;
  other: number;
  /** The first answer that was not a thank-you (or, for the harness floor, an empty 200), to see why. */
  firstOther?: string;
};

function summarise({ outcomes, wallMs }: { outcomes: Outcome[]; wallMs: number }): RoundStats {
  const latencies = outcomes.map((o) => o.ms);
  // A stored submission is acknowledged with the thank-you view; anything else (errors in the modal) is not.
  const thanked = (o: Outcome) => o.status === 200 && (o.text === "" || o.text.includes("Dank u"));
  const ok = outcomes.filter(thanked).length;
  const firstOther = outcomes.find((o) => !thanked(o));
  return {
    ...(firstOther ? { firstOther: `HTTP ${firstOther.status} ${firstOther.text.slice(0, 200)}` } : {}),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: Math.max(...latencies),
    wallMs,
    ok,
    other: outcomes.length - ok,
  };
}

function describe(label: string, s: RoundStats): string {
  const count = s.ok + s.other;
  return `${label}: p50 ${ms(s.p50)}, p99 ${ms(s.p99)}, max ${ms(s.max)}; ${count} answered in ${ms(s.wallMs)} (${Math.round((count / s.wallMs) * 1000)} req/s), ${s.ok} thanked${s.other ? `, ${s.other} OTHER, first: ${s.firstOther}` : ""}`;
}

const median = (values: number[]) => percentile(values, 50);

async function waitForOutbox(bed: SlackBed, timeoutMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    const [row] = await bed.app.database.db
      .select({ open: sql<number>`count(*)::int` })
      .from(deliveries)
      .where(inArray(deliveries.status, ["pending", "sending"]));
    if (!row?.open || performance.now() - started > timeoutMs) return performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * The floor: a bare Bolt app (its own ExpressReceiver, signature check, processBeforeResponse) whose
 * survey_submit handler stores the same row ours stores — one INSERT of the answer revision, in one
 * transaction, on the same database — and then acks. What ours adds on top is what the product does around
 * that row: the envelope check, the request's person, the invitation and wave read in the transaction, the
 * validation, and the card update queued in the outbox.
 */
async function startBareBolt(
  sim: SlackSimulator,
  database: Database,
): Promise<{ url: string; stop(): Promise<unknown> }> {
  const checked = validateAnswers(vensterDefinition, completeVensterAnswers);
  if (!checked.ok) throw new Error("the benchmark's answers are not valid");
  const answers = checked.answers;
  const receiver = new ExpressReceiver({ signingSecret: SIGNING_SECRET, processBeforeResponse: true });
  const app = new App({
    receiver,
    token: "xoxb-test-0000000000",
    logLevel: LogLevel.ERROR,
    clientOptions: { slackApiUrl: sim.apiUrl },
  });
  app.view("survey_submit", async ({ ack, view }) => {
    const { invitationId } = JSON.parse(view.private_metadata) as { invitationId: string };
    await database.db.transaction(async (tx) => {
      await tx.insert(answerRevisions).values({
        invitationId,
        // Ours stores revision 1 of the same invitation; the floor's row sits beside it.
        revision: FLOOR_REVISION,
        answers,
        submittedVia: "slack",
        submittedAt: new Date(),
      });
    });
    await ack({
      response_action: "update",
      view: { type: "modal", title: { type: "plain_text", text: "Dank u" }, blocks: [] },
    });
  });
  const server = (await receiver.start({ port: 0, host: "127.0.0.1" })) as Server;
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/slack/events`, stop: () => receiver.stop() };
}

const FLOOR_REVISION = 999;

/** node:http reading the body and answering an empty 200: what the load generator and sockets cost. */
async function startPlainHttp(): Promise<{ url: string; stop(): Promise<unknown> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-length": 0 }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Ack latency of view_submission, now that an answer is stored before it is acknowledged: the real app (our
 * receiver + Bolt + the inbound pipeline: recognise the person, read the invitation, validate, store the
 * revision and queue the card update in one transaction, then ack) against the floor, a bare Bolt app that
 * stores the same row in one transaction and acks, with the same signed payloads on the same database. 200
 * distinct people submit at once, repeated REPEATS times with fresh people, alternating ours and the floor so
 * background load hits both alike.
 */
export async function benchSlackAck(serverUrl?: string): Promise<void> {
  const kind = serverUrl ? "PostgreSQL" : "PGlite";
  const total = WARM_UP + SEQUENTIAL + CONCURRENT * REPEATS;
  await withEmptyDatabase(serverUrl, async (database) => {
    await database.migrate();
    const bed = await startSlackBed(database);
    const bare = await startBareBolt(bed.sim, database);
    const plain = await startPlainHttp();
    const load = startLoadGenerator();
    const fire = load.fire;
    try {
      const people = await seedSlackPeople(database.db, { count: total, regionCount: 1, sim: bed.sim });
      const { ctx } = bed.app;
      const waveName = "Venster ack-bench";
      await createWave(ctx.db, {
        surveyKey: "venster",
        name: waveName,
        opensAt: new Date(Date.now() - 3600_000),
        closesAt: new Date(Date.now() + 14 * 86_400_000),
      });
      const opened = await openWave(ctx.db, waveName, { now: ctx.now(), timeZone: ctx.timeZone });
      // The invitation cards go out first, so every submission also queues the update of its card, as in
      // production.
      await bed.app.worker?.drain(0);

      const rows = await ctx.db
        .select({ userId: platformIdentities.userId, invitationId: invitations.id })
        .from(invitations)
        .innerJoin(
          platformIdentities,
          and(
            eq(platformIdentities.personId, invitations.personId),
            eq(platformIdentities.platform, "slack"),
          ),
        )
        .where(eq(invitations.waveId, opened.wave.id));
      const invitationOf = new Map(rows.map((r) => [r.userId, r.invitationId]));
      const bodies = people.map((p) => {
        const invitationId = invitationOf.get(p.userId);
        if (!invitationId) throw new Error(`no invitation for ${p.userId}`);
        return submissionBody(p.userId, invitationId);
      });
      const warmUp = bodies.slice(0, WARM_UP);
      const sequential = bodies.slice(WARM_UP, WARM_UP + SEQUENTIAL);
      const concurrent = Array.from({ length: REPEATS }, (_, i) =>
        bodies.slice(WARM_UP + SEQUENTIAL + i * CONCURRENT, WARM_UP + SEQUENTIAL + (i + 1) * CONCURRENT),
      );
      console.log(
        `[slack-ack ${kind}] ${people.length} people in 1 region, ${opened.invitations} invitation cards sent; ${CONCURRENT} distinct people submit at once, ${REPEATS}× (${kind}; the floor gets the same signed payloads)`,
      );

      // Each stored submission kicks the outbox worker (card update): it runs during the rounds, as it would
      // in production, but what one round queued is sent before the next round starts.
      const settle = () => waitForOutbox(bed, 60_000);
      for (const server of [bed.eventsUrl, bare.url, plain.url]) await fire(server, sign(warmUp), true);
      await settle();
      const oursOneByOne = summarise(await fire(bed.eventsUrl, sign(sequential), false));
      await settle();
      const bareOneByOne = summarise(await fire(bare.url, sign(sequential), false));
      console.log(`[slack-ack ${kind}] ${describe("ours, 20 one at a time", oursOneByOne)}`);
      console.log(`[slack-ack ${kind}] ${describe("bare, 20 one at a time", bareOneByOne)}`);

      const ours: RoundStats[] = [];
      const bareRounds: RoundStats[] = [];
      const plainRounds: RoundStats[] = [];
      const settleTimes: number[] = [];
      for (const [i, batch] of concurrent.entries()) {
        ours.push(summarise(await fire(bed.eventsUrl, sign(batch), true)));
        settleTimes.push(await settle());
        bareRounds.push(summarise(await fire(bare.url, sign(batch), true)));
        plainRounds.push(summarise(await fire(plain.url, sign(batch), true)));
        console.log(
          `[slack-ack ${kind}] round ${i + 1} ${describe(`ours, ${CONCURRENT} at once`, ours.at(-1) as RoundStats)}`,
        );
        console.log(
          `[slack-ack ${kind}] round ${i + 1} ${describe(`bare, ${CONCURRENT} at once`, bareRounds.at(-1) as RoundStats)}`,
        );
        console.log(
          `[slack-ack ${kind}] round ${i + 1} ${describe(`plain node:http (harness floor), ${CONCURRENT} at once`, plainRounds.at(-1) as RoundStats)}`,
        );
      }

      // Every acknowledged answer is stored already: counted once, right away.
      const [stored] = await ctx.db
        .select({ count: sql<number>`count(*)::int` })
        .from(answerRevisions)
        .where(ne(answerRevisions.revision, FLOOR_REVISION));
      console.log(
        `[slack-ack ${kind}] ours: ${stored?.count ?? 0}/${total} revisions stored, ${bed.sim.callsTo("chat.update").length} card updates sent; outbox drained ${settleTimes.map((t) => ms(t)).join(", ")} after each 200-round`,
      );
      const p50 = { ours: median(ours.map((r) => r.p50)), bare: median(bareRounds.map((r) => r.p50)) };
      const p99 = { ours: median(ours.map((r) => r.p99)), bare: median(bareRounds.map((r) => r.p99)) };
      console.log(
        `[slack-ack ${kind}] view_submission ack, ${CONCURRENT} concurrent (median of ${REPEATS}): ours p50 ${ms(p50.ours)} p99 ${ms(p99.ours)}; floor (bare Bolt + one INSERT in a transaction) p50 ${ms(p50.bare)} p99 ${ms(p99.bare)}`,
      );
      console.log(
        `[slack-ack ${kind}] ratio ours/floor: p50 ${(p50.ours / p50.bare).toFixed(2)}×, p99 ${(p99.ours / p99.bare).toFixed(2)}× (target ≤ 1.5)`,
      );
    } finally {
      await load.close();
      await plain.stop();
      await bare.stop();
      await bed.close();
    }
  });
}
