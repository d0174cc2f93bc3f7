import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { verifySlackRequest } from "@slack/bolt";
import {
  ErrorCode,
  LogLevel,
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  WebClient,
  WebClientEvent,
  type WebClientOptions,
} from "@slack/web-api";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  blockActionsPayload,
  newTriggerId,
  postEvent,
  postInteraction,
  postSlashCommand,
  signSlackBody,
  viewSubmissionPayload,
} from "../support/slack-requests.js";
import { type SlackSimulator, startSlackSimulator } from "../support/slack-simulator.js";

const TOKEN = "xoxb-1111-2222-simulated";
/** No retries and no back-off: a test sees each answer as Slack gave it. */
const NO_RETRIES = { retries: 0 };
const FAST_RETRIES = { retries: 2, minTimeout: 0, maxTimeout: 0 };

let sim: SlackSimulator;

function client(options: WebClientOptions = {}): WebClient {
  return clientWithToken(TOKEN, options);
}

function clientWithToken(token: string | undefined, options: WebClientOptions = {}): WebClient {
  return new WebClient(token, {
    slackApiUrl: sim.apiUrl,
    retryConfig: NO_RETRIES,
    logLevel: LogLevel.ERROR,
    ...options,
  });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

async function platformError(promise: Promise<unknown>): Promise<string> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(WebAPIPlatformError);
  return (error as WebAPIPlatformError).data.error;
}

beforeEach(async () => {
  sim = await startSlackSimulator();
});

afterEach(async () => {
  await sim.close();
});

describe("slack simulator with the real WebClient", () => {
  it("answers auth.test with the bot's identity", async () => {
    const result = await client().auth.test();
    expect(result).toMatchObject({
      ok: true,
      url: "https://regiotafel-sim.slack.com/",
      team_id: "T0SIM00001",
      user_id: "U0SIMBOT01",
      bot_id: "B0SIMBOT01",
    });
    expect(typeof result.team).toBe("string");
    expect(sim.calls[0]).toMatchObject({ method: "auth.test", token: TOKEN, status: 200, ok: true });
  });

  it("posts a DM to a user id into a stable D channel with increasing ts values", async () => {
    const web = client();
    const first = await web.chat.postMessage({ channel: "U0ALICE001", text: "Hallo" });
    const second = await web.chat.postMessage({
      channel: "U0ALICE001",
      text: "Fallback",
      blocks: [{ type: "section", text: { type: "mrkdwn", text: "*Hallo*" } }],
      metadata: { event_type: "invitation_sent", event_payload: { wave: 3 } },
    });
    expect(first.channel).toMatch(/^D[A-Z0-9]+$/);
    expect(second.channel).toBe(first.channel);
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(first.message).toMatchObject({
      type: "message",
      text: "Hallo",
      bot_id: "B0SIMBOT01",
      ts: first.ts,
    });

    const opened = await web.conversations.open({ users: "U0ALICE001" });
    expect(opened.channel?.id).toBe(first.channel);
    expect(sim.dmChannelFor("U0ALICE001")).toBe(first.channel);

    // blocks and metadata went over the wire as JSON strings inside the form; the simulator decoded them
    const [, postCall] = sim.callsTo("chat.postMessage");
    expect(postCall?.args.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: "*Hallo*" } }]);
    expect(postCall?.args.metadata).toEqual({ event_type: "invitation_sent", event_payload: { wave: 3 } });
    expect(postCall?.token).toBe(TOKEN);
    expect(postCall?.args).not.toHaveProperty("token");

    const stored = sim.messages(first.channel);
    expect(stored.map((m) => m.text)).toEqual(["Hallo", "Fallback"]);
    expect(stored[1]?.blocks?.[0]).toMatchObject({ type: "section", block_id: expect.any(String) });
    expect(stored[1]?.metadata).toEqual({ event_type: "invitation_sent", event_payload: { wave: 3 } });
  });

  it("refuses a post without channel or content", async () => {
    const web = client();
    expect(await platformError(web.chat.postMessage({ channel: "", text: "x" }))).toBe("channel_not_found");
    expect(await platformError(web.chat.postMessage({ channel: "C0TEAM0001" } as never))).toBe("no_text");
    expect(
      await platformError(web.chat.postMessage({ channel: "C0TEAM0001", text: "x", blocks: [{}] } as never)),
    ).toBe("invalid_blocks");
    expect(sim.callsTo("chat.postMessage")).toHaveLength(0);
    expect(sim.calls.map((c) => [c.status, c.ok, c.error])).toEqual([
      [200, false, "channel_not_found"],
      [200, false, "no_text"],
      [200, false, "invalid_blocks"],
    ]);
  });

  it("updates the stored message and refuses unknown ts or a user id as channel", async () => {
    const web = client();
    const posted = await web.chat.postMessage({
      channel: "C0TEAM0001",
      text: "Versie 1",
      blocks: [{ type: "section", block_id: "b1", text: { type: "plain_text", text: "Versie 1" } }],
    });
    const updated = await web.chat.update({
      channel: "C0TEAM0001",
      ts: posted.ts as string,
      text: "Versie 2",
    });
    expect(updated).toMatchObject({ ok: true, channel: "C0TEAM0001", ts: posted.ts, text: "Versie 2" });

    const [message] = sim.messages("C0TEAM0001");
    expect(message).toMatchObject({ ts: posted.ts, text: "Versie 2" });
    // Slack keeps blocks that an update does not replace
    expect(message?.blocks).toEqual([
      { type: "section", block_id: "b1", text: { type: "plain_text", text: "Versie 1" } },
    ]);

    expect(await platformError(web.chat.update({ channel: "C0TEAM0001", ts: "1.000001", text: "x" }))).toBe(
      "message_not_found",
    );
    const dm = await web.chat.postMessage({ channel: "U0BOB00001", text: "DM" });
    expect(
      await platformError(web.chat.update({ channel: "U0BOB00001", ts: dm.ts as string, text: "x" })),
    ).toBe("channel_not_found");
    await web.chat.update({ channel: dm.channel as string, ts: dm.ts as string, text: "DM 2" });
    expect(sim.messages(dm.channel).map((m) => m.text)).toEqual(["DM 2"]);
  });

  it("answers chat.postEphemeral with message_ts", async () => {
    const result = await client().chat.postEphemeral({
      channel: "C0TEAM0001",
      user: "U0ALICE001",
      text: "Alleen voor jou",
    });
    expect(result.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(sim.ephemerals("C0TEAM0001")).toEqual([
      { channel: "C0TEAM0001", user: "U0ALICE001", message_ts: result.message_ts, text: "Alleen voor jou" },
    ]);
    expect(sim.messages()).toEqual([]);
  });

  it("surfaces an injected 429 as a rate-limited error when rejectRateLimitedCalls is set", async () => {
    sim.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 7 });
    const started = Date.now();
    const error = await rejection(
      client({ rejectRateLimitedCalls: true }).chat.postMessage({ channel: "C0TEAM0001", text: "x" }),
    );
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).code).toBe(ErrorCode.RateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(7);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(sim.calls).toMatchObject([
      { method: "chat.postMessage", status: 429, ok: false, error: "ratelimited" },
    ]);
    expect(sim.messages()).toEqual([]);
  });

  it("retries an injected 429 transparently after Retry-After when rejectRateLimitedCalls is off", async () => {
    sim.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 });
    const web = client({ retryConfig: FAST_RETRIES });
    const rateLimitedEvents: number[] = [];
    web.on(WebClientEvent.RATE_LIMITED, (seconds: number) => rateLimitedEvents.push(seconds));
    const result = await web.chat.postMessage({ channel: "C0TEAM0001", text: "na de pauze" });
    expect(result.ok).toBe(true);
    expect(rateLimitedEvents).toEqual([1]);
    expect(sim.calls.map((c) => c.status)).toEqual([429, 200]);
    const [refused, accepted] = sim.calls;
    expect((accepted?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(990);
    expect(sim.messages().map((m) => m.text)).toEqual(["na de pauze"]);
  });

  it("without retries, a 429 that WebClient waited out ends as a request error, not a rate-limited one", async () => {
    sim.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 0 });
    const error = await rejection(client().chat.postMessage({ channel: "C0TEAM0001", text: "x" }));
    expect(error).toBeInstanceOf(WebAPIRequestError);
    expect((error as WebAPIRequestError).original.message).toMatch(/rate limit was exceeded/);
  });

  it("answers an injected 500 as an HTTP error, and WebClient's retries get past it", async () => {
    sim.failNext("chat.postMessage", { status: 500 });
    const error = await rejection(client().chat.postMessage({ channel: "C0TEAM0001", text: "x" }));
    expect(error).toBeInstanceOf(WebAPIHTTPError);
    expect((error as WebAPIHTTPError).statusCode).toBe(500);

    sim.failNext("chat.postMessage", { status: 503 }, 2);
    const result = await client({ retryConfig: FAST_RETRIES }).chat.postMessage({
      channel: "C0TEAM0001",
      text: "y",
    });
    expect(result.ok).toBe(true);
    expect(sim.calls.map((c) => c.status)).toEqual([500, 503, 503, 200]);
    expect(sim.callsTo("chat.postMessage")).toHaveLength(1);
  });

  it("answers an injected Slack error with HTTP 200 and ok:false", async () => {
    sim.failNext("views.open", { slackError: "expired_trigger_id" });
    const view = { type: "modal" as const, title: { type: "plain_text" as const, text: "T" }, blocks: [] };
    expect(await platformError(client().views.open({ trigger_id: newTriggerId(), view }))).toBe(
      "expired_trigger_id",
    );
    expect(sim.calls[0]).toMatchObject({ status: 200, ok: false, error: "expired_trigger_id" });
  });

  it("setRateLimit refuses the (N+1)th call per channel within a second, with Retry-After", async () => {
    sim.setRateLimit("chat.postMessage", { perSecond: 2, scope: "channel", retryAfterSeconds: 3 });
    const web = client({ rejectRateLimitedCalls: true });
    await web.chat.postMessage({ channel: "C0TEAM0001", text: "1" });
    await web.chat.postMessage({ channel: "C0TEAM0001", text: "2" });
    const error = await rejection(web.chat.postMessage({ channel: "C0TEAM0001", text: "3" }));
    expect(error).toBeInstanceOf(WebAPIRateLimitedError);
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(3);
    // another channel has its own budget
    await web.chat.postMessage({ channel: "C0OTHER001", text: "elders" });
    expect(sim.calls.map((c) => c.status)).toEqual([200, 200, 429, 200]);

    await new Promise((resolve) => setTimeout(resolve, 1_050));
    await web.chat.postMessage({ channel: "C0TEAM0001", text: "4" });
    expect(sim.messages("C0TEAM0001").map((m) => m.text)).toEqual(["1", "2", "4"]);
  });

  it("failDuring answers every call in the window with a 429 storm, then lets calls through again", async () => {
    sim.failDuring("chat.postMessage", { status: 429, retryAfterSeconds: 2 }, 300);
    const web = client({ rejectRateLimitedCalls: true });
    for (const channel of ["C0TEAM0001", "C0OTHER001", "U0ALICE001"]) {
      const error = await rejection(web.chat.postMessage({ channel, text: "in de storm" }));
      expect(error).toBeInstanceOf(WebAPIRateLimitedError);
      expect((error as WebAPIRateLimitedError).retryAfter).toBe(2);
    }
    // Other methods are not part of the storm.
    expect((await web.auth.test()).ok).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await web.chat.postMessage({ channel: "C0TEAM0001", text: "na de storm" });
    expect(sim.calls.filter((c) => c.method === "chat.postMessage").map((c) => c.status)).toEqual([
      429, 429, 429, 200,
    ]);
    expect(sim.messages().map((m) => m.text)).toEqual(["na de storm"]);
  });

  it("failDuring with a 5xx answers an HTML error page in the window; failNext still comes first", async () => {
    sim.failNext("chat.postMessage", { slackError: "fatal_error" });
    sim.failDuring("chat.postMessage", { status: 503 }, 300);
    const web = client();
    expect(await platformError(web.chat.postMessage({ channel: "C0TEAM0001", text: "a" }))).toBe(
      "fatal_error",
    );
    const error = await rejection(web.chat.postMessage({ channel: "C0TEAM0001", text: "b" }));
    expect(error).toBeInstanceOf(WebAPIHTTPError);
    expect((error as WebAPIHTTPError).statusCode).toBe(503);
    await new Promise((resolve) => setTimeout(resolve, 350));
    await web.chat.postMessage({ channel: "C0TEAM0001", text: "c" });
    expect(sim.calls.map((c) => [c.status, c.error])).toEqual([
      [200, "fatal_error"],
      [503, undefined],
      [200, undefined],
    ]);
  });

  it("setRateLimit with workspace scope counts every channel together", async () => {
    sim.setRateLimit("users.info", { perSecond: 1, scope: "workspace" });
    sim.addUser({ id: "U0ALICE001", teamId: "T0SIM00001" });
    const web = client({ rejectRateLimitedCalls: true });
    await web.users.info({ user: "U0ALICE001" });
    const error = await rejection(web.users.info({ user: "U0ALICE001" }));
    expect((error as WebAPIRateLimitedError).retryAfter).toBe(1);
  });

  it("answers users.info for added users, with locale only when asked", async () => {
    sim.addUser({
      id: "U0ALICE001",
      teamId: "T0SIM00001",
      name: "alice",
      email: "alice@zorg.example",
      locale: "nl-NL",
      tz: "Europe/Amsterdam",
    });
    const web = client();
    const plain = await web.users.info({ user: "U0ALICE001" });
    expect(plain.user).toMatchObject({
      id: "U0ALICE001",
      team_id: "T0SIM00001",
      name: "alice",
      deleted: false,
      tz: "Europe/Amsterdam",
      profile: { email: "alice@zorg.example" },
    });
    expect(plain.user?.tz_offset === 3600 || plain.user?.tz_offset === 7200).toBe(true);
    expect(plain.user).not.toHaveProperty("locale");
    const withLocale = await web.users.info({ user: "U0ALICE001", include_locale: true });
    expect(withLocale.user?.locale).toBe("nl-NL");
    expect(await platformError(web.users.info({ user: "U0NOBODY01" }))).toBe("user_not_found");
  });

  it("opens and updates views, exchanging a trigger_id once", async () => {
    const web = client();
    const triggerId = newTriggerId();
    const view = {
      type: "modal" as const,
      callback_id: "survey",
      private_metadata: "wave-3",
      title: { type: "plain_text" as const, text: "Vragenlijst" },
      blocks: [
        {
          type: "input",
          block_id: "q1",
          label: { type: "plain_text", text: "Vraag" },
          element: { type: "plain_text_input", action_id: "a" },
        },
      ],
    };
    const opened = await web.views.open({ trigger_id: triggerId, view: view as never });
    expect(opened.view).toMatchObject({
      id: expect.stringMatching(/^V[A-Z0-9]+$/),
      type: "modal",
      callback_id: "survey",
      private_metadata: "wave-3",
      hash: expect.any(String),
      root_view_id: opened.view?.id,
      state: { values: {} },
    });
    expect(sim.views).toHaveLength(1);
    expect(sim.views[0]).toMatchObject({ id: opened.view?.id, triggerId });

    expect(await platformError(web.views.open({ trigger_id: triggerId, view: view as never }))).toBe(
      "exchanged_trigger_id",
    );
    expect(
      await platformError(
        web.views.open({ trigger_id: newTriggerId(Date.now() - 5_000), view: view as never }),
      ),
    ).toBe("expired_trigger_id");
    expect(await platformError(web.views.open({ trigger_id: "not-a-trigger", view: view as never }))).toBe(
      "invalid_trigger_id",
    );

    const updated = await web.views.update({
      view_id: opened.view?.id as string,
      hash: opened.view?.hash as string,
      view: { ...view, title: { type: "plain_text", text: "Bedankt" } } as never,
    });
    expect(updated.view).toMatchObject({ id: opened.view?.id, title: { text: "Bedankt" } });
    expect(updated.view?.hash).not.toBe(opened.view?.hash);
    expect(sim.views[0]?.view.title).toEqual({ type: "plain_text", text: "Bedankt" });

    expect(
      await platformError(
        web.views.update({
          view_id: opened.view?.id as string,
          hash: opened.view?.hash as string,
          view: view as never,
        }),
      ),
    ).toBe("hash_conflict");
    expect(await platformError(web.views.update({ view_id: "VNOTTHERE1", view: view as never }))).toBe(
      "not_found",
    );
  });

  it("answers not_authed without a token, invalid_auth for a malformed one", async () => {
    expect(
      await platformError(clientWithToken(undefined).chat.postMessage({ channel: "C0TEAM0001", text: "x" })),
    ).toBe("not_authed");
    expect(await platformError(clientWithToken("garbage").auth.test())).toBe("invalid_auth");
    expect(sim.calls.map((c) => c.token)).toEqual([undefined, "garbage"]);
  });

  it("answers unknown_method, and lets a test handle extra methods", async () => {
    const web = client();
    expect(await platformError(web.apiCall("regiotafel.nothing"))).toBe("unknown_method");
    sim.handle("team.info", (_args, context) => ({ team: { id: context.teamId, name: "Zorgregio" } }));
    expect(await web.team.info()).toMatchObject({ ok: true, team: { id: "T0SIM00001", name: "Zorgregio" } });
  });

  it("accepts JSON bodies only with the token in the Authorization header", async () => {
    const post = (headers: Record<string, string>, body: unknown) =>
      fetch(`${sim.apiUrl}chat.postMessage`, {
        method: "POST",
        headers: { "content-type": "application/json; charset=utf-8", ...headers },
        body: JSON.stringify(body),
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    expect(await post({}, { token: TOKEN, channel: "C0TEAM0001", text: "x" })).toEqual({
      ok: false,
      error: "not_authed",
    });
    const answer = await post(
      { authorization: `Bearer ${TOKEN}` },
      { channel: "C0TEAM0001", text: "json", blocks: [{ type: "divider" }] },
    );
    expect(answer).toMatchObject({ ok: true, channel: "C0TEAM0001" });
    expect(sim.callsTo("chat.postMessage")[0]?.args.blocks).toEqual([{ type: "divider" }]);
  });

  it("serves response_urls that replace the original message", async () => {
    const posted = await client().chat.postMessage({ channel: "C0TEAM0001", text: "Kies" });
    const url = sim.responseUrl({
      channel: "C0TEAM0001",
      messageTs: posted.ts as string,
      userId: "U0ALICE001",
    });
    const answer = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ replace_original: true, text: "Gekozen" }),
    });
    expect(answer.status).toBe(200);
    expect(sim.messages("C0TEAM0001").map((m) => m.text)).toEqual(["Gekozen"]);
    expect(sim.responses).toMatchObject([
      { url, status: 200, body: { replace_original: true, text: "Gekozen" } },
    ]);
  });

  it("waitForCall resolves on a call that is still to come", async () => {
    const waiting = sim.waitForCall("chat.postMessage", (c) => c.args.text === "later");
    await client().chat.postMessage({ channel: "C0TEAM0001", text: "later" });
    expect((await waiting).args.channel).toBe("C0TEAM0001");
  });
});

describe("slack-requests signs like Slack", () => {
  const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
  type Received = { headers: IncomingHttpHeaders; body: string };
  const received: Received[] = [];
  let url = "";
  let close: () => Promise<void> = async () => {};

  beforeAll(async () => {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
    close = () => new Promise((resolve) => server.close(() => resolve()));
  });

  afterAll(() => close());

  beforeEach(() => {
    received.length = 0;
  });

  /** An implementation of Slack's v0 check written from the documentation, independent of the helper. */
  function verifies(secret: string, r: Received): boolean {
    const timestamp = String(r.headers["x-slack-request-timestamp"]);
    const signature = String(r.headers["x-slack-signature"]);
    const expected = `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${r.body}`).digest("hex")}`;
    return (
      signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
    );
  }

  function last(): Received {
    const r = received.at(-1);
    if (!r) throw new Error("nothing received");
    return r;
  }

  it("signs a slash command so that an independent HMAC and Bolt both verify it", async () => {
    await postSlashCommand(url, SECRET, {
      text: "status",
      user_id: "U0ALICE001",
      team_id: "T0SIM00001",
      channel_id: "C0TEAM0001",
    });
    const r = last();
    expect(r.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    const form = new URLSearchParams(r.body);
    expect(form.get("command")).toBe("/regiotafel");
    expect(form.get("text")).toBe("status");
    expect(form.get("trigger_id")).toMatch(/^\d{13}\.\d+\.[0-9a-f]+$/);
    expect(verifies(SECRET, r)).toBe(true);
    expect(() =>
      verifySlackRequest({
        signingSecret: SECRET,
        body: r.body,
        headers: {
          "x-slack-signature": String(r.headers["x-slack-signature"]),
          "x-slack-request-timestamp": Number(r.headers["x-slack-request-timestamp"]),
        },
      }),
    ).not.toThrow();
  });

  it("a tampered body or a bad signature does not verify", async () => {
    await postEvent(url, SECRET, {
      type: "event_callback",
      event: { type: "app_home_opened", user: "U0ALICE001" },
    });
    const r = last();
    expect(verifies(SECRET, r)).toBe(true);
    expect(verifies(SECRET, { ...r, body: r.body.replace("U0ALICE001", "U0MALLORY1") })).toBe(false);
    expect(verifies("another-secret", r)).toBe(false);

    await postEvent(url, SECRET, { type: "event_callback" }, { badSignature: true });
    expect(verifies(SECRET, last())).toBe(false);
  });

  it("signBody matches the documented example format and the retry headers are sent", async () => {
    const headers = signSlackBody(SECRET, "token=x&text=y", 1531420618);
    expect(headers["X-Slack-Request-Timestamp"]).toBe("1531420618");
    expect(headers["X-Slack-Signature"]).toMatch(/^v0=[0-9a-f]{64}$/);

    await postEvent(url, SECRET, { type: "event_callback" }, { retryNum: 2 });
    expect(last().headers).toMatchObject({
      "x-slack-retry-num": "2",
      "x-slack-retry-reason": "http_timeout",
    });
  });

  it("sends interactions as a form field `payload` with fresh trigger ids", async () => {
    const a = blockActionsPayload({
      userId: "U0ALICE001",
      teamId: "T0SIM00001",
      actionId: "open_survey",
      value: "w3",
    });
    const b = blockActionsPayload({ userId: "U0ALICE001", teamId: "T0SIM00001", actionId: "open_survey" });
    expect(a.trigger_id).not.toBe(b.trigger_id);
    expect(a).toMatchObject({
      type: "block_actions",
      user: { id: "U0ALICE001", team_id: "T0SIM00001" },
      team: { id: "T0SIM00001" },
      container: { type: "message", channel_id: expect.any(String) },
      actions: [{ type: "button", action_id: "open_survey", value: "w3" }],
    });
    await postInteraction(url, SECRET, a);
    const r = last();
    expect(verifies(SECRET, r)).toBe(true);
    expect(JSON.parse(new URLSearchParams(r.body).get("payload") ?? "")).toEqual(a);

    const submission = viewSubmissionPayload({
      userId: "U0ALICE001",
      teamId: "T0SIM00001",
      callbackId: "survey",
      privateMetadata: "wave-3",
      values: { q1: { a: { type: "plain_text_input", value: "ja" } } },
    });
    expect(submission).toMatchObject({
      type: "view_submission",
      view: {
        callback_id: "survey",
        private_metadata: "wave-3",
        state: { values: { q1: { a: { value: "ja" } } } },
      },
    });
  });
});
