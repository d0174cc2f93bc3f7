import {
  type Activity,
  ActivityTypes,
  type Request as BotRequest,
  type Response as BotResponse,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type ConversationReference,
  type TeamsChannelAccount,
  TeamsInfo,
  TurnContext,
  teamsGetTeamInfo,
} from "botbuilder";
import { ConnectorClient, MicrosoftAppCredentials } from "botframework-connector";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  adaptiveCardAction,
  BOT_APP_ID,
  BOT_ID,
  BOT_NAME,
  channelConversation,
  channelMessage,
  conversationUpdateBotAdded,
  GENERAL_CHANNEL_ID,
  installationUpdate,
  personalConversation,
  personalMessage,
  TEAM_ID,
  TEAMS_TENANT_ID,
  type TeamsUser,
  teamsUserIdFor,
} from "../support/teams-activities.js";
import {
  startTeamsConnector,
  type TeamsConnectorSimulator,
  teamsFaults,
} from "../support/teams-connector.js";

/*
 * What botbuilder 4.23.3's client surfaces for a refused call (checked below, and what the bot's Teams
 * messenger has to read):
 * - It throws a RestError (@azure/core-rest-pipeline; `error.name === "RestError"`) with
 *   `error.statusCode` (429, 403, …), `error.code` = Teams' `error.code` from the body ("Throttled",
 *   "ConversationBlockedByUser", …) and `error.message` = Teams' `error.message`.
 * - Retry-After is only on the raw response: `error.response.headers.get("retry-after")` (a string of
 *   seconds; HttpHeaders.get is case-insensitive). The deserialised body is `error.response.parsedBody`
 *   ({ error: { code, message } }) and the raw text `error.response.bodyAsText`.
 * - Before throwing, the client's own default retry policy retries 429/503 honouring Retry-After, and
 *   408/5xx (not 501/505) with exponential back-off (0.5–1 s, 1–2 s, 2–4 s), three retries at most. So a
 *   single 429 is waited out silently; the caller only sees the fourth consecutive one. 403/404/412 are
 *   thrown at once.
 */

type RestErrorLike = Error & {
  statusCode?: number;
  code?: string;
  response?: {
    headers: { get(name: string): string | undefined };
    parsedBody?: unknown;
    bodyAsText?: string;
  };
};

let sim: TeamsConnectorSimulator;
let alice: TeamsUser;
let bram: TeamsUser;

/** The client the bot's adapter builds, without credentials (no app id: no token is fetched). */
function connector(): ConnectorClient {
  return new ConnectorClient(new MicrosoftAppCredentials("", ""), { baseUri: sim.url });
}

function adapter(): CloudAdapter {
  return new CloudAdapter(
    new ConfigurationBotFrameworkAuthentication({}, new ConfigurationServiceClientCredentialFactory({})),
  );
}

async function rejection(promise: Promise<unknown>): Promise<RestErrorLike> {
  try {
    await promise;
  } catch (error) {
    return error as RestErrorLike;
  }
  throw new Error("expected the call to fail");
}

function conversationParameters(member: string, extra: Record<string, unknown> = {}) {
  return {
    isGroup: false,
    bot: { id: BOT_ID, name: BOT_NAME },
    members: [{ id: member, name: "" }],
    tenantId: TEAMS_TENANT_ID,
    channelData: { tenant: { id: TEAMS_TENANT_ID } },
    ...extra,
  } as unknown as Parameters<ConnectorClient["conversations"]["createConversation"]>[0];
}

function message(text: string, extra: Partial<Activity> = {}): Activity {
  return { type: ActivityTypes.Message, text, ...extra } as Activity;
}

const card = {
  type: "AdaptiveCard",
  version: "1.5",
  body: [{ type: "TextBlock", text: "Vragenlijst regio Noord" }],
  actions: [{ type: "Action.Execute", title: "Invullen", verb: "open_survey", data: { wave: 3 } }],
};

function reference(user: TeamsUser, activityId?: string): Partial<ConversationReference> {
  return {
    channelId: "msteams",
    serviceUrl: sim.url,
    bot: { id: BOT_ID, name: BOT_NAME },
    user: { id: user.teamsUserId, name: user.name, aadObjectId: user.aadObjectId },
    conversation: personalConversation(user) as ConversationReference["conversation"],
    ...(activityId ? { activityId } : {}),
  };
}

beforeEach(async () => {
  sim = await startTeamsConnector();
  alice = sim.registerUser({
    aadObjectId: "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d",
    name: "Alice de Vries",
    email: "alice@zorgregio.example",
    userPrincipalName: "alice@zorgregio.example",
    tenantId: TEAMS_TENANT_ID,
  });
  bram = sim.registerUser({ aadObjectId: "9f8e7d6c-5b4a-4c3d-9e2f-1a0b9c8d7e6f", name: "Bram Jansen" });
});

afterEach(async () => {
  await sim.close();
});

describe("teams connector simulator with botbuilder's ConnectorClient", () => {
  it("createConversation returns the existing 1:1 chat for the same user and tenant", async () => {
    const client = connector();
    const first = await client.conversations.createConversation(conversationParameters(alice.teamsUserId));
    const again = await client.conversations.createConversation(conversationParameters(alice.teamsUserId));
    const byAad = await client.conversations.createConversation(conversationParameters(alice.aadObjectId));
    const other = await client.conversations.createConversation(conversationParameters(bram.teamsUserId));

    expect(first.id).toMatch(/^a:1/);
    expect(again.id).toBe(first.id);
    expect(byAad.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    // The id inbound personal activities carry, so a reply and a proactive message land in one chat.
    expect(first.id).toBe(sim.personalConversationId(alice));
    expect(first.id).toBe(personalConversation(alice).id);
    expect(alice.teamsUserId).toBe(teamsUserIdFor(alice.aadObjectId));
    expect(sim.createdConversations().map((c) => c.existing)).toEqual([false, true, true, false]);
    expect(sim.calls.map((c) => c.status)).toEqual([201, 201, 201, 201]);
    expect(sim.calls[0]?.body).toMatchObject({
      bot: { id: BOT_ID },
      members: [{ id: alice.teamsUserId }],
      tenantId: TEAMS_TENANT_ID,
      channelData: { tenant: { id: TEAMS_TENANT_ID } },
    });
  });

  it("createConversation with an initial activity records it and answers its id", async () => {
    const result = await connector().conversations.createConversation(
      conversationParameters(alice.teamsUserId, { activity: message("Welkom bij Regiotafel") }),
    );
    expect(result.activityId).toMatch(/^\d{13,}$/);
    expect(sim.sent()).toMatchObject([
      {
        conversationId: result.id,
        id: result.activityId,
        route: "createConversation",
        activity: { type: "message", text: "Welkom bij Regiotafel" },
      },
    ]);
    expect(sim.createdConversations()[0]).toMatchObject({ id: result.id, activityId: result.activityId });
  });

  it("createConversation refuses users without the app and requests without a tenant", async () => {
    const client = connector();
    const stranger = await rejection(
      client.conversations.createConversation(conversationParameters(teamsUserIdFor("onbekend"))),
    );
    expect(stranger.statusCode).toBe(403);
    expect(stranger.code).toBe("ForbiddenOperationException");
    const otherTenant = await rejection(
      client.conversations.createConversation(
        conversationParameters(alice.teamsUserId, {
          tenantId: "11111111-2222-4333-8444-555555555555",
          channelData: {},
        }),
      ),
    );
    expect(otherTenant.statusCode).toBe(403);
    const noTenant = await rejection(
      client.conversations.createConversation(
        conversationParameters(alice.teamsUserId, { tenantId: undefined, channelData: {} }),
      ),
    );
    expect(noTenant.statusCode).toBe(400);
    expect(sim.createdConversations()).toEqual([]);
  });

  it("sends, replies, updates and deletes; activity() is the latest version", async () => {
    const client = connector();
    const conversationId = sim.personalConversationId(alice);
    const sentCard = await client.conversations.sendToConversation(
      conversationId,
      message("", {
        attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: card }],
      }),
    );
    const reply = await client.conversations.replyToActivity(
      conversationId,
      "1718000000000",
      message("Dank voor je antwoord"),
    );
    const typing = await client.conversations.replyToActivity(conversationId, "1718000000000", {
      type: ActivityTypes.Typing,
    } as Activity);
    expect(new Set([sentCard.id, reply.id, typing.id]).size).toBe(3);

    expect(sim.sentTo(conversationId).map((s) => [s.route, s.activity.type])).toEqual([
      ["sendToConversation", "message"],
      ["replyToActivity", "message"],
      ["replyToActivity", "typing"],
    ]);
    expect(sim.sent()[1]?.replyToActivityId).toBe("1718000000000");
    // Attachments stay as sent: the Adaptive Card is attachments[0].content.
    expect(sim.sent()[0]?.activity.attachments?.[0]?.content).toEqual(card);

    const updatedCard = { ...card, body: [{ type: "TextBlock", text: "Ingevuld, dank je" }], actions: [] };
    const updated = await client.conversations.updateActivity(
      conversationId,
      sentCard.id,
      message("", {
        id: sentCard.id,
        attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: updatedCard }],
      }),
    );
    expect(updated.id).toBe(sentCard.id);
    expect(sim.activity(conversationId, sentCard.id)?.attachments?.[0]?.content).toEqual(updatedCard);
    expect(sim.sent()[0]?.activity.attachments?.[0]?.content).toEqual(card);
    expect(sim.updates()).toMatchObject([{ conversationId, id: sentCard.id }]);

    const missing = await rejection(
      client.conversations.updateActivity(conversationId, "999", message("", { id: "999" })),
    );
    expect(missing.statusCode).toBe(404);
    expect(missing.code).toBe("ActivityNotFound");

    await client.conversations.deleteActivity(conversationId, reply.id);
    expect(sim.activity(conversationId, reply.id)).toBeUndefined();
    expect(sim.deletions()).toMatchObject([{ conversationId, id: reply.id }]);
    expect(sim.calls.map((c) => c.status)).toEqual([201, 201, 201, 200, 404, 200]);
    expect(sim.unexpectedCalls()).toEqual([]);
  });

  it("decodes Teams conversation ids from the URL", async () => {
    const thread = channelConversation(GENERAL_CHANNEL_ID, "1718000000001").id;
    expect(thread).toContain(";messageid=");
    const sent = await connector().conversations.replyToActivity(
      thread,
      "1718000000001",
      message("In de draad"),
    );
    expect(sim.sentTo(thread).map((s) => s.id)).toEqual([sent.id]);
    const call = sim.calls[0];
    expect(call?.conversationId).toBe(thread);
    expect(call?.path).toContain("%3Bmessageid%3D");
    expect(call?.path).toContain("%40thread.tacv2");
  });

  it("answers members: one, all and paged, known and unknown", async () => {
    const client = connector();
    const conversationId = sim.personalConversationId(alice);
    const member = (await client.conversations.getConversationMember(
      conversationId,
      alice.teamsUserId,
    )) as TeamsChannelAccount;
    expect(member).toMatchObject({
      id: alice.teamsUserId,
      name: "Alice de Vries",
      aadObjectId: alice.aadObjectId,
      email: "alice@zorgregio.example",
      userPrincipalName: "alice@zorgregio.example",
      tenantId: TEAMS_TENANT_ID,
      userRole: "user",
      givenName: "Alice",
      surname: "de Vries",
    });
    // Bram is not in Alice's 1:1 chat.
    const notHere = await rejection(
      client.conversations.getConversationMember(conversationId, bram.teamsUserId),
    );
    expect(notHere.statusCode).toBe(404);
    expect(notHere.code).toBe("MemberNotFound");

    const carla = sim.registerUser({
      aadObjectId: "5e6f7a8b-9c0d-4e1f-a2b3-c4d5e6f7a8b9",
      name: "Carla Smit",
    });
    sim.setRoster(TEAM_ID, [alice, bram, carla]);
    const all = await client.conversations.getConversationMembers(TEAM_ID);
    expect(all.map((m) => m.name)).toEqual(["Alice de Vries", "Bram Jansen", "Carla Smit"]);
    const pages: { names: string[]; token: string | undefined }[] = [];
    await adapter().continueConversationAsync(BOT_APP_ID, reference(alice), async (context: TurnContext) => {
      let token: string | undefined;
      do {
        const page = await TeamsInfo.getPagedTeamMembers(context, TEAM_ID, 2, token);
        token = page.continuationToken;
        pages.push({ names: page.members.map((m) => m.name), token });
      } while (token);
    });
    expect(pages).toEqual([
      { names: ["Alice de Vries", "Bram Jansen"], token: expect.any(String) },
      { names: ["Carla Smit"], token: undefined },
    ]);
    expect(sim.callsTo("getConversationPagedMembers").map((c) => c.query.pageSize)).toEqual(["2", "2"]);
  });

  it("a single 429 is waited out by the client's own retry, honouring Retry-After", async () => {
    sim.failNext(1, teamsFaults.tooManyRequests(1), { route: "sendToConversation" });
    const conversationId = sim.personalConversationId(alice);
    const sent = await connector().conversations.sendToConversation(conversationId, message("later"));
    expect(sent.id).toEqual(expect.any(String));
    const [refused, accepted] = sim.calls;
    expect([refused?.status, accepted?.status]).toEqual([429, 201]);
    expect((accepted?.at ?? 0) - (refused?.at ?? 0)).toBeGreaterThanOrEqual(950);
    expect(sim.sentTo(conversationId)).toHaveLength(1);
    expect(sim.throttledCount()).toBe(1);
  });

  it("429 after the client's retries: a RestError with statusCode 429 and a readable Retry-After", async () => {
    // Three 429s the client retries at once (Retry-After: 0), then the one it gives up on.
    sim.failNext(3, teamsFaults.tooManyRequests(0));
    sim.failNext(1, teamsFaults.tooManyRequests(7));
    const error = await rejection(
      connector().conversations.sendToConversation(sim.personalConversationId(alice), message("x")),
    );
    expect(error.name).toBe("RestError");
    expect(error.statusCode).toBe(429);
    expect(error.code).toBe("Throttled");
    expect(error.response?.headers.get("retry-after")).toBe("7");
    expect(error.response?.headers.get("Retry-After")).toBe("7");
    expect(error.response?.parsedBody).toMatchObject({ error: { code: "Throttled" } });
    expect(sim.calls.map((c) => c.status)).toEqual([429, 429, 429, 429]);
    expect(sim.throttledCount()).toBe(4);
    expect(sim.sent()).toEqual([]);
  });

  it("answers Teams' 403 bodies, which the client does not retry", async () => {
    const client = connector();
    const conversationId = sim.personalConversationId(alice);
    const cases = [
      [teamsFaults.botDisabledByAdmin(), "BotDisabledByAdmin", "The tenant admin disabled this bot"],
      [
        teamsFaults.conversationBlockedByUser(),
        "ConversationBlockedByUser",
        "User blocked the conversation with the bot.",
      ],
      [
        teamsFaults.botNotInConversationRoster(),
        "BotNotInConversationRoster",
        "The bot is not part of the conversation roster.",
      ],
    ] as const;
    for (const [failure, code, text] of cases) {
      sim.failNext(1, failure, { conversationId });
      const error = await rejection(client.conversations.sendToConversation(conversationId, message("x")));
      expect(error.statusCode).toBe(403);
      expect(error.code).toBe(code);
      expect(error.message).toBe(text);
      expect(error.response?.bodyAsText).toBe(JSON.stringify({ error: { code, message: text } }));
    }
    expect(sim.calls.map((c) => c.status)).toEqual([403, 403, 403]);
  });

  it("failNext filters by route and conversation; 412 is thrown at once, 502 and 504 are retried", async () => {
    const client = connector();
    const aliceChat = sim.personalConversationId(alice);
    const bramChat = sim.personalConversationId(bram);
    sim.failNext(1, teamsFaults.preconditionFailed(), { route: "updateActivity", conversationId: aliceChat });
    const card1 = await client.conversations.sendToConversation(aliceChat, message("1"));
    await client.conversations.sendToConversation(bramChat, message("2"));
    const error = await rejection(
      client.conversations.updateActivity(aliceChat, card1.id, message("1b", { id: card1.id })),
    );
    expect(error.statusCode).toBe(412);
    expect(error.code).toBe("PreconditionFailed");

    sim.failNext(1, teamsFaults.badGateway());
    sim.failNext(1, teamsFaults.gatewayTimeout());
    await client.conversations.sendToConversation(bramChat, message("3"));
    expect(sim.calls.map((c) => c.status)).toEqual([201, 201, 412, 502, 504, 201]);
    expect(sim.sentTo(bramChat).map((s) => s.activity.text)).toEqual(["2", "3"]);
  });

  it("the per-conversation rate limit answers 429 after 7 sends within a second", async () => {
    sim.setRateLimit({});
    const client = connector();
    const aliceChat = sim.personalConversationId(alice);
    const bramChat = sim.personalConversationId(bram);
    const started = Date.now();
    const results = await Promise.all(
      Array.from({ length: 9 }, (_, i) =>
        client.conversations.sendToConversation(aliceChat, message(`#${i}`)),
      ),
    );
    // Another conversation has its own budget.
    await client.conversations.sendToConversation(bramChat, message("elders"));

    expect(new Set(results.map((r) => r.id)).size).toBe(9);
    const aliceCalls = sim.calls.filter((c) => c.conversationId === aliceChat);
    // The first nine arrive together: seven are accepted, two refused.
    expect(aliceCalls.slice(0, 9).filter((c) => c.status === 429)).toHaveLength(2);
    expect(aliceCalls.filter((c) => c.status === 429)).toHaveLength(2);
    expect(aliceCalls.filter((c) => c.status === 201)).toHaveLength(9);
    expect(sim.throttledCount()).toBe(2);
    const refused = aliceCalls.find((c) => c.status === 429);
    expect(refused?.response).toMatchObject({ error: { code: "Throttled" } });
    // The two refused ones were sent again after Retry-After: 1 and accepted.
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    // Never more than 7 accepted within any second.
    const accepted = sim.sentTo(aliceChat).map((s) => s.at);
    for (const t of accepted)
      expect(accepted.filter((u) => u >= t && u - t < 1000).length).toBeLessThanOrEqual(7);
    expect(sim.sentTo(bramChat)).toHaveLength(1);
    expect(sim.calls.filter((c) => c.conversationId === bramChat).map((c) => c.status)).toEqual([201]);
  });

  it("records calls to routes Teams does not serve as unexpected, answering 404", async () => {
    const client = connector();
    const conversationId = sim.personalConversationId(alice);
    const listing = await rejection(client.conversations.getConversations());
    expect(listing.statusCode).toBe(404);
    expect(listing.code).toBe("NotFound");
    await rejection(client.conversations.getActivityMembers(conversationId, "1718000000000"));
    await rejection(client.conversations.sendConversationHistory(conversationId, { activities: [] }));
    expect(sim.unexpectedCalls().map((c) => [c.method, c.conversationId])).toEqual([
      ["GET", undefined],
      ["GET", conversationId],
      ["POST", conversationId],
    ]);
    expect(sim.sent()).toEqual([]);
  });
});

describe("teams connector simulator with botbuilder's CloudAdapter", () => {
  it("continueConversationAsync: TeamsInfo.getMember and sendActivity reach the simulator", async () => {
    let member: TeamsChannelAccount | undefined;
    let unknown: RestErrorLike | undefined;
    await adapter().continueConversationAsync(BOT_APP_ID, reference(alice), async (context: TurnContext) => {
      member = await TeamsInfo.getMember(context, alice.teamsUserId);
      unknown = await rejection(TeamsInfo.getMember(context, teamsUserIdFor("niet-geregistreerd")));
      await context.sendActivity("Je vragenlijst staat klaar");
    });
    expect(member).toMatchObject({
      id: alice.teamsUserId,
      email: "alice@zorgregio.example",
      userRole: "user",
    });
    expect(unknown?.statusCode).toBe(404);
    expect(unknown?.code).toBe("MemberNotFound");
    // botbuilder 4.23.3 gives the continuation activity a fresh uuid as its id, so a proactive sendActivity is
    // a replyToActivity to that uuid (Teams, like the simulator, accepts replies to ids it never issued).
    const conversationId = sim.personalConversationId(alice);
    expect(sim.sentTo(conversationId)).toMatchObject([
      {
        route: "replyToActivity",
        replyToActivityId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        activity: { type: "message", text: "Je vragenlijst staat klaar" },
      },
    ]);
    expect(sim.unexpectedCalls()).toEqual([]);
  });

  it("a 403 reaches the turn as the same RestError; the reference's activityId is not the reply target", async () => {
    const conversationId = sim.personalConversationId(alice);
    sim.failNext(1, teamsFaults.conversationBlockedByUser(), { route: "replyToActivity" });
    let error: RestErrorLike | undefined;
    await adapter().continueConversationAsync(
      BOT_APP_ID,
      reference(alice, "1718000000000"),
      async (context: TurnContext) => {
        error = await rejection(context.sendActivity("geblokkeerd"));
        await context.sendActivity("tweede poging");
      },
    );
    expect(error?.statusCode).toBe(403);
    expect(error?.code).toBe("ConversationBlockedByUser");
    expect(error?.message).toBe("User blocked the conversation with the bot.");
    const [sent] = sim.sentTo(conversationId);
    expect(sent).toMatchObject({ route: "replyToActivity", activity: { text: "tweede poging" } });
    expect(sent?.replyToActivityId).not.toBe("1718000000000");
  });

  it("createConversationAsync opens the 1:1 chat and the turn sends into it", async () => {
    const bot = adapter();
    const opened: string[] = [];
    for (let i = 0; i < 2; i++) {
      await bot.createConversationAsync(
        BOT_APP_ID,
        "msteams",
        sim.url,
        "",
        conversationParameters(bram.aadObjectId),
        async (context: TurnContext) => {
          opened.push(context.activity.conversation.id);
          await context.sendActivity(`bericht ${i}`);
        },
      );
    }
    expect(opened).toEqual([sim.personalConversationId(bram), sim.personalConversationId(bram)]);
    expect(sim.sentTo(sim.personalConversationId(bram)).map((s) => s.activity.text)).toEqual([
      "bericht 0",
      "bericht 1",
    ]);
    expect(sim.createdConversations().map((c) => c.existing)).toEqual([false, true]);
  });
});

describe("teams-activities builders, processed by CloudAdapter", () => {
  type Processed = { status: number; body: unknown };

  async function process(
    activity: unknown,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<Processed> {
    const result: Processed = { status: 0, body: undefined };
    const req: BotRequest = { body: activity as Record<string, unknown>, headers: {}, method: "POST" };
    const res: BotResponse = {
      socket: undefined,
      header: () => res,
      send: (body?: unknown) => {
        result.body = body;
        return res;
      },
      status: (code: number) => {
        result.status = code;
        return res;
      },
      end: () => res,
    };
    await adapter().process(req, res, logic);
    return result;
  }

  it("a personal message: the bot's reply lands in the user's 1:1 chat as a reply", async () => {
    const inbound = personalMessage(alice, "status", { serviceUrl: sim.url });
    let seen: Partial<Activity> | undefined;
    const answered = await process(inbound, async (context) => {
      seen = context.activity;
      await context.sendActivity(`Je zei: ${context.activity.text}`);
    });
    expect(answered.status).toBe(200);
    expect(seen).toMatchObject({
      type: "message",
      channelId: "msteams",
      text: "status",
      from: { id: alice.teamsUserId, aadObjectId: alice.aadObjectId },
      recipient: { id: BOT_ID },
      conversation: { conversationType: "personal", id: sim.personalConversationId(alice) },
      channelData: { tenant: { id: TEAMS_TENANT_ID } },
      locale: "nl-NL",
    });
    expect(sim.sent()).toMatchObject([
      {
        conversationId: sim.personalConversationId(alice),
        route: "replyToActivity",
        replyToActivityId: inbound.id,
        activity: { text: "Je zei: status" },
      },
    ]);
  });

  it("a channel message mentions the bot; TurnContext.removeRecipientMention strips it", async () => {
    const inbound = channelMessage(bram, "help", { serviceUrl: sim.url });
    expect(inbound.conversation.id).toBe(`${GENERAL_CHANNEL_ID};messageid=${inbound.id}`);
    expect(inbound.entities?.[0]).toEqual({
      type: "mention",
      mentioned: { id: BOT_ID, name: BOT_NAME },
      text: `<at>${BOT_NAME}</at>`,
    });
    let text: string | undefined;
    let teamId: string | undefined;
    await process(inbound, async (context) => {
      text = TurnContext.removeRecipientMention(context.activity).trim();
      teamId = teamsGetTeamInfo(context.activity)?.id ?? undefined;
      await context.sendActivity("Hulp is onderweg");
    });
    expect(text).toBe("help");
    expect(teamId).toBe(TEAM_ID);
    expect(sim.sentTo(inbound.conversation.id)).toHaveLength(1);
  });

  it("conversationUpdate, installationUpdate and an Adaptive Card action are valid inbound activities", async () => {
    const added = conversationUpdateBotAdded(alice, { scope: "personal" }, { serviceUrl: sim.url });
    const teamAdded = conversationUpdateBotAdded(alice, { scope: "team" }, { serviceUrl: sim.url });
    expect(added.membersAdded).toEqual([{ id: BOT_ID }]);
    expect(teamAdded).toMatchObject({
      conversation: { id: TEAM_ID, conversationType: "channel" },
      channelData: { team: { id: TEAM_ID }, eventType: "teamMemberAdded" },
    });
    const removed = installationUpdate(alice, "remove", { serviceUrl: sim.url });
    expect(removed).toMatchObject({ type: "installationUpdate", action: "remove" });

    const types: string[] = [];
    for (const activity of [added, teamAdded, removed]) {
      await process(activity, async (context) => {
        types.push(context.activity.type);
      });
    }
    expect(types).toEqual(["conversationUpdate", "conversationUpdate", "installationUpdate"]);

    const action = adaptiveCardAction(
      alice,
      { verb: "submit_survey", data: { wave: 3 } },
      { serviceUrl: sim.url, replyToId: "1718000000000", conversation: personalConversation(alice) },
    );
    const answered = await process(action, async (context) => {
      expect(context.activity.value).toEqual({
        action: { type: "Action.Execute", verb: "submit_survey", data: { wave: 3 } },
        trigger: "manual",
      });
      await context.sendActivity({
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 200,
          body: { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: "Dank" },
        },
      });
    });
    expect(answered.status).toBe(200);
    expect(answered.body).toMatchObject({ statusCode: 200, value: "Dank" });
    // Invoke responses go back in the HTTP response, not through the connector.
    expect(sim.calls).toEqual([]);
  });
});
