import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  BOT_APP_ID,
  newMessageId,
  personalConversationId,
  type TeamsUser,
  type TeamsUserInput,
  teamsUser,
} from "./teams-activities.js";

/*
 * A local stand-in for the Bot Framework connector as Microsoft Teams serves it (the `serviceUrl` of every
 * Teams activity, e.g. https://smba.trafficmanager.net/emea/), faithful at the HTTP boundary so that the real
 * botbuilder client code (ConnectorClient, CloudAdapter / teams-ai's TeamsAdapter, TeamsInfo) can be pointed
 * at it: put `sim.url` in the activity's `serviceUrl`. Routes are those of botframework-connector's
 * connectorApi/operations/conversations.js; it listens on 127.0.0.1 only and checks no tokens (it records the
 * Authorization header).
 *
 * Deliberately faithful details worth knowing when a test surprises you:
 * - Conversation ids arrive URL-encoded (Teams ids contain ":", "@" and ";"): they are decoded per segment.
 * - createConversation is idempotent per user and tenant: Teams returns the existing 1:1 chat, and the id is
 *   personalConversationId(user) — the same id inbound personal activities carry. Registered users count as
 *   having the app installed; anyone else is 403 ForbiddenOperationException, as Teams answers for a user
 *   without the app in their personal scope.
 * - Sends and replies answer 201 { id }, updates 200 { id }, deletes 200 with an empty body. Activity ids are
 *   Teams-like message ids (epoch milliseconds as a string).
 * - Errors carry Teams' body `{ error: { code, message } }`. botbuilder's client turns that into a RestError
 *   with `statusCode`, `code` (= error.code) and `message`; see test/unit/teams-connector.test.ts.
 * - The real client RETRIES by itself (@azure/core-rest-pipeline's default retry policy, 3 retries): a 429
 *   or 503 with Retry-After after that many seconds, and 5xx (not 501/505) and 408 with exponential back-off
 *   from ~1 s. Injected 429/502/504 failures are therefore only seen by the caller when more than three in a
 *   row are injected; 403/404/412 are never retried.
 * - The optional per-conversation rate limit refuses the (N+1)th activity posted to one conversation within a
 *   sliding second (Teams documents 7 per second per bot per conversation) with 429 and `Retry-After: 1`.
 *   Only accepted posts count; updates, deletes and member look-ups do not.
 * - Member look-ups accept the Teams user id ("29:…") or the AAD object id, as Teams does. A personal
 *   conversation's roster is its user; any other conversation (team, channel) has every registered user
 *   unless setRoster says otherwise.
 * - Anything else is 404 `{ error: { code: "NotFound" } }` and recorded with route "unexpected".
 */

export type ConnectorRoute =
  | "createConversation"
  | "sendToConversation"
  | "replyToActivity"
  | "updateActivity"
  | "deleteActivity"
  | "getConversationMember"
  | "getConversationMembers"
  | "getConversationPagedMembers";

export type ConnectorCall = {
  method: string;
  /** The request path as received (still URL-encoded), without the query string. */
  path: string;
  route: ConnectorRoute | "unexpected";
  /** Decoded. For createConversation: the id answered (undefined when refused). */
  conversationId: string | undefined;
  activityId?: string;
  memberId?: string;
  query: Record<string, string>;
  /** The parsed JSON body, or undefined when there was none. */
  body: unknown;
  authorization?: string;
  /** Date.now() when the request arrived. */
  at: number;
  /** HTTP status answered. */
  status: number;
  /** The JSON answered, when there was one. */
  response?: unknown;
};

export type ConnectorAttachment = {
  contentType: string;
  content?: unknown;
  contentUrl?: string;
  name?: string;
  [key: string]: unknown;
};

/** An activity as the bot sent it (JSON as received). */
export type ConnectorActivity = {
  type?: string;
  text?: string;
  textFormat?: string;
  summary?: string;
  attachments?: ConnectorAttachment[];
  entities?: Record<string, unknown>[];
  channelData?: Record<string, unknown>;
  replyToId?: string;
  conversation?: { id: string; [key: string]: unknown };
  from?: { id: string; name?: string; [key: string]: unknown };
  recipient?: { id: string; name?: string; [key: string]: unknown };
  value?: unknown;
  [key: string]: unknown;
};

export type SentActivity = {
  conversationId: string;
  /** The id the simulator assigned and answered. */
  id: string;
  route: "createConversation" | "sendToConversation" | "replyToActivity";
  /** For replyToActivity: the activity id in the URL. */
  replyToActivityId?: string;
  /** As sent; later updates do not change it (see `activity()` for the current version). */
  activity: ConnectorActivity;
  at: number;
};

export type ActivityUpdate = { conversationId: string; id: string; activity: ConnectorActivity; at: number };

export type ActivityDeletion = { conversationId: string; id: string; at: number };

export type CreatedConversation = {
  id: string;
  /** The member asked for, as given ("29:…" or an AAD object id). */
  memberId: string;
  user: TeamsUser;
  tenantId: string;
  /** True when Teams would have returned the existing 1:1 chat. */
  existing: boolean;
  /** The id of the initial activity, when the request included one. */
  activityId?: string;
  /** The ConversationParameters as sent. */
  parameters: Record<string, unknown>;
  at: number;
};

export type ConnectorFailure = { status: number; headers?: Record<string, string>; body?: unknown };

export type FailureFilter = {
  route?: ConnectorRoute | ConnectorRoute[];
  /** Decoded conversation id (for createConversation: the id it would answer). */
  conversationId?: string;
};

export type ConnectorRateLimit = { perSecond?: number; retryAfterSeconds?: number };

const teamsError = (status: number, code: string, message: string, headers?: Record<string, string>) => ({
  status,
  body: { error: { code, message } },
  ...(headers ? { headers } : {}),
});

/** Teams' answers for the failures a bot has to handle; pass them to `failNext`. */
export const teamsFaults = {
  /** 429 with Retry-After in whole seconds. */
  tooManyRequests: (retryAfterSeconds = 1): ConnectorFailure =>
    teamsError(429, "Throttled", "Too many requests.", { "retry-after": String(retryAfterSeconds) }),
  /** 403: the tenant admin blocked or disabled the app. */
  botDisabledByAdmin: (): ConnectorFailure =>
    teamsError(403, "BotDisabledByAdmin", "The tenant admin disabled this bot"),
  /** 403: the user blocked the bot in their 1:1 chat. */
  conversationBlockedByUser: (): ConnectorFailure =>
    teamsError(403, "ConversationBlockedByUser", "User blocked the conversation with the bot."),
  /** 403: the bot was removed from (or never added to) the team, chat or the user's personal scope. */
  botNotInConversationRoster: (): ConnectorFailure =>
    teamsError(403, "BotNotInConversationRoster", "The bot is not part of the conversation roster."),
  /** 412: concurrent operations on the same conversation; Teams says to retry with back-off. */
  preconditionFailed: (): ConnectorFailure =>
    teamsError(412, "PreconditionFailed", "Precondition failed, please try again."),
  badGateway: (): ConnectorFailure => teamsError(502, "ServiceError", "Bad gateway."),
  gatewayTimeout: (): ConnectorFailure => teamsError(504, "GatewayTimeout", "Gateway timeout."),
};

export type TeamsConnectorOptions = {
  /** The bot's app id; conversation ids derive from it. BOT_APP_ID when absent. */
  botAppId?: string;
  /** Turn the per-conversation rate limit on from the start (true: 7 per second, Retry-After 1). */
  rateLimit?: ConnectorRateLimit | boolean;
  users?: TeamsUserInput[];
};

export interface TeamsConnectorSimulator {
  /** "http://127.0.0.1:PORT/" — the activity's `serviceUrl`, or ConnectorClient's `baseUri`. */
  url: string;
  /** Every request, in order, including refused and unexpected ones. */
  calls: ConnectorCall[];
  /** Only the answered-with-2xx calls of that route. */
  callsTo(route: ConnectorRoute): ConnectorCall[];
  /** Calls to routes Teams does not serve here (404); a test that expects none asserts this is empty. */
  unexpectedCalls(): ConnectorCall[];
  /** Every activity accepted from the bot (createConversation with an activity, sends, replies, typing). */
  sent(): SentActivity[];
  sentTo(conversationId: string): SentActivity[];
  /** Resolves with the first sent activity matching `match`, already sent or still to come. */
  waitForSent(match?: (sent: SentActivity) => boolean, timeoutMs?: number): Promise<SentActivity>;
  updates(): ActivityUpdate[];
  deletions(): ActivityDeletion[];
  createdConversations(): CreatedConversation[];
  /** The current version of an activity the bot sent (after updates); undefined when unknown or deleted. */
  activity(conversationId: string, id: string): ConnectorActivity | undefined;
  /** A user Teams knows (with the app installed). The Teams user id defaults to teamsUserIdFor(aadObjectId). */
  registerUser(input: TeamsUserInput): TeamsUser;
  /** A registered user by Teams user id or AAD object id. */
  user(id: string): TeamsUser | undefined;
  /** The bot's 1:1 conversation id with a user (what createConversation answers for them). */
  personalConversationId(user: TeamsUser | string): string;
  /** Fix the members of a (non-personal) conversation. */
  setRoster(conversationId: string, users: (TeamsUser | string)[]): void;
  /** The next `count` calls matching `filter` (any served route when absent) fail like this. */
  failNext(count: number, failure: ConnectorFailure, filter?: FailureFilter): void;
  /** Per-conversation limit on posted activities within a sliding second; undefined turns it off. */
  setRateLimit(limit: ConnectorRateLimit | undefined): void;
  /** How many 429s were answered (rate limit and injected). */
  throttledCount(): number;
  /** Forget calls, sent activities, pending failures and rate windows; users and conversations stay. */
  clearRecords(): void;
  close(): Promise<void>;
}

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

type StoredActivity = { latest: ConnectorActivity; deleted: boolean };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

const DEFAULT_RATE_LIMIT: Required<ConnectorRateLimit> = { perSecond: 7, retryAfterSeconds: 1 };
const DEFAULT_PAGE_SIZE = 200;
const MAX_PAGE_SIZE = 500;

class ConnectorError extends Error {
  constructor(readonly answer: Answer) {
    super(String((answer.body as { error?: { code?: string } } | undefined)?.error?.code));
  }
}

const fail = (status: number, code: string, message: string): never => {
  throw new ConnectorError(teamsError(status, code, message));
};

type Matched = {
  route: ConnectorRoute | "unexpected";
  conversationId?: string;
  activityId?: string;
  memberId?: string;
};

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function matchRoute(method: string, pathname: string): Matched {
  const segments = pathname.split("/").filter(Boolean).map(decode);
  const [v3, conversations, conversationId, sub, id, extra] = segments;
  if (v3 !== "v3" || conversations !== "conversations") return { route: "unexpected" };
  if (conversationId === undefined) return { route: method === "POST" ? "createConversation" : "unexpected" };
  const base = { conversationId };
  if (extra !== undefined) return { route: "unexpected", ...base };
  if (sub === "activities") {
    if (id === undefined) return { route: method === "POST" ? "sendToConversation" : "unexpected", ...base };
    // activities/history is sendConversationHistory, which Teams does not serve.
    if (id === "history") return { route: "unexpected", ...base };
    const route =
      method === "POST"
        ? "replyToActivity"
        : method === "PUT"
          ? "updateActivity"
          : method === "DELETE"
            ? "deleteActivity"
            : "unexpected";
    return { route, ...base, activityId: id };
  }
  if (sub === "members" && method === "GET") {
    return id === undefined
      ? { route: "getConversationMembers", ...base }
      : { route: "getConversationMember", ...base, memberId: id };
  }
  if (sub === "pagedmembers" && method === "GET" && id === undefined) {
    return { route: "getConversationPagedMembers", ...base };
  }
  return { route: "unexpected", ...base };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function memberPayload(user: TeamsUser): Record<string, unknown> {
  return {
    id: user.teamsUserId,
    name: user.name,
    aadObjectId: user.aadObjectId,
    email: user.email,
    userPrincipalName: user.userPrincipalName,
    tenantId: user.tenantId,
    userRole: "user",
    givenName: user.givenName,
    surname: user.surname,
  };
}

export async function startTeamsConnector(
  options: TeamsConnectorOptions = {},
): Promise<TeamsConnectorSimulator> {
  const botAppId = options.botAppId ?? BOT_APP_ID;
  const calls: ConnectorCall[] = [];
  const sent: SentActivity[] = [];
  const updates: ActivityUpdate[] = [];
  const deletions: ActivityDeletion[] = [];
  const created: CreatedConversation[] = [];
  const stored = new Map<string, StoredActivity>();
  const users = new Map<string, TeamsUser>(); // by Teams user id
  const personal = new Map<string, string>(); // personal conversation id -> Teams user id
  const openedPersonal = new Set<string>();
  const rosters = new Map<string, string[]>(); // conversation id -> Teams user ids
  const failures: { remaining: number; failure: ConnectorFailure; filter: FailureFilter }[] = [];
  const sendWindows = new Map<string, number[]>();
  const sentListeners = new Set<(s: SentActivity) => void>();
  let rateLimit: Required<ConnectorRateLimit> | undefined =
    options.rateLimit === true
      ? DEFAULT_RATE_LIMIT
      : options.rateLimit
        ? { ...DEFAULT_RATE_LIMIT, ...options.rateLimit }
        : undefined;
  let throttled = 0;

  const key = (conversationId: string, id: string) => `${conversationId}\u0000${id}`;

  function findUser(id: string, tenantId?: string): TeamsUser | undefined {
    const byTeamsId = users.get(id);
    const found =
      byTeamsId ?? [...users.values()].find((u) => u.aadObjectId.toLowerCase() === id.toLowerCase());
    if (found && tenantId !== undefined && found.tenantId !== tenantId) return undefined;
    return found;
  }

  function registerUser(input: TeamsUserInput): TeamsUser {
    const user = teamsUser(input);
    users.set(user.teamsUserId, user);
    personal.set(personalConversationId(user, botAppId), user.teamsUserId);
    return user;
  }

  function roster(conversationId: string): TeamsUser[] {
    const personalUser = personal.get(conversationId);
    if (personalUser) {
      const user = users.get(personalUser);
      return user ? [user] : [];
    }
    const fixed = rosters.get(conversationId);
    if (fixed) return fixed.map((id) => users.get(id)).filter((u): u is TeamsUser => u !== undefined);
    // A team, channel or group chat: every registered user.
    return [...users.values()];
  }

  function record(sentActivity: SentActivity) {
    sent.push(sentActivity);
    stored.set(key(sentActivity.conversationId, sentActivity.id), {
      latest: structuredClone(sentActivity.activity),
      deleted: false,
    });
    for (const listener of sentListeners) listener(sentActivity);
  }

  function activityBody(body: unknown): ConnectorActivity {
    if (!isRecord(body)) return fail(400, "BadSyntax", "The request body is not a JSON object.");
    if (typeof body.type !== "string" || body.type === "")
      return fail(400, "BadArgument", "Activity type is required.");
    return body as ConnectorActivity;
  }

  /** 429 when one more post to the conversation would exceed the limit; counts only accepted posts. */
  function overRateLimit(conversationId: string, now: number): Answer | undefined {
    if (!rateLimit) return undefined;
    const recent = (sendWindows.get(conversationId) ?? []).filter((t) => now - t < 1000);
    sendWindows.set(conversationId, recent);
    if (recent.length < rateLimit.perSecond) return undefined;
    return teamsError(429, "Throttled", "Too many requests.", {
      "retry-after": String(rateLimit.retryAfterSeconds),
    });
  }

  function countPost(conversationId: string, now: number) {
    if (!rateLimit) return;
    const window = sendWindows.get(conversationId);
    if (window) window.push(now);
    else sendWindows.set(conversationId, [now]);
  }

  function takeFailure(
    route: ConnectorRoute,
    conversationId: string | undefined,
  ): ConnectorFailure | undefined {
    const index = failures.findIndex(({ filter }) => {
      const routes = filter.route === undefined ? undefined : [filter.route].flat();
      if (routes && !routes.includes(route)) return false;
      if (filter.conversationId !== undefined && filter.conversationId !== conversationId) return false;
      return true;
    });
    const entry = failures[index];
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) failures.splice(index, 1);
    return entry.failure;
  }

  function refusal(
    route: ConnectorRoute,
    conversationId: string | undefined,
    now: number,
  ): Answer | undefined {
    const failure = takeFailure(route, conversationId);
    if (failure)
      return {
        status: failure.status,
        body: failure.body,
        ...(failure.headers ? { headers: failure.headers } : {}),
      };
    const posts = route === "sendToConversation" || route === "replyToActivity";
    if (posts && conversationId !== undefined) return overRateLimit(conversationId, now);
    return undefined;
  }

  function createConversation(body: unknown, call: ConnectorCall, now: number): Answer {
    if (!isRecord(body)) return fail(400, "BadSyntax", "The request body is not a JSON object.");
    const channelData = isRecord(body.channelData) ? body.channelData : {};
    const tenantId =
      str(body.tenantId) ?? str(isRecord(channelData.tenant) ? channelData.tenant.id : undefined);
    if (!isRecord(body.bot)) return fail(400, "BadArgument", "Bot is required.");
    const members = Array.isArray(body.members) ? body.members : [];
    if (members.length === 0) return fail(400, "BadArgument", "Conversation must have members.");
    if (members.length > 1 || body.isGroup === true)
      return fail(400, "BadArgument", "Only 1:1 conversations can be created with a user.");
    const memberId = str(isRecord(members[0]) ? members[0].id : undefined);
    if (!memberId) return fail(400, "BadArgument", "Member id is required.");
    if (!tenantId) return fail(400, "BadArgument", "Tenant id is required.");
    const user = findUser(memberId, tenantId);
    const conversationId = user ? personalConversationId(user, botAppId) : undefined;
    call.conversationId = conversationId;
    const refused = refusal("createConversation", conversationId, now);
    if (refused) return refused;
    if (!user || !conversationId)
      return fail(403, "ForbiddenOperationException", "Bot is not installed in user's personal scope");
    let initial: ConnectorActivity | undefined;
    if (body.activity !== undefined && body.activity !== null) {
      initial = activityBody(body.activity);
      const limited = overRateLimit(conversationId, now);
      if (limited) return limited;
    }
    const existing = openedPersonal.has(conversationId);
    openedPersonal.add(conversationId);
    const answer: Record<string, unknown> = { id: conversationId };
    const conversation: CreatedConversation = {
      id: conversationId,
      memberId,
      user,
      tenantId,
      existing,
      parameters: structuredClone(body),
      at: now,
    };
    if (initial) {
      const id = newMessageId();
      answer.activityId = id;
      conversation.activityId = id;
      countPost(conversationId, now);
      record({
        conversationId,
        id,
        route: "createConversation",
        activity: structuredClone(initial),
        at: now,
      });
    }
    created.push(conversation);
    return { status: 201, body: answer };
  }

  function post(
    route: "sendToConversation" | "replyToActivity",
    matched: Matched,
    body: unknown,
    now: number,
  ): Answer {
    const conversationId = matched.conversationId as string;
    const activity = activityBody(body);
    const refused = refusal(route, conversationId, now);
    if (refused) return refused;
    const id = newMessageId();
    countPost(conversationId, now);
    record({
      conversationId,
      id,
      route,
      ...(route === "replyToActivity" && matched.activityId ? { replyToActivityId: matched.activityId } : {}),
      activity: structuredClone(activity),
      at: now,
    });
    return { status: 201, body: { id } };
  }

  function existingActivity(conversationId: string, activityId: string): StoredActivity {
    const found = stored.get(key(conversationId, activityId));
    if (!found || found.deleted)
      return fail(404, "ActivityNotFound", "Activity not found in the conversation.");
    return found;
  }

  function members(conversationId: string, memberId?: string): TeamsUser[] {
    const list = roster(conversationId);
    if (memberId === undefined) return list;
    return list.filter(
      (u) => u.teamsUserId === memberId || u.aadObjectId.toLowerCase() === memberId.toLowerCase(),
    );
  }

  function answer(
    matched: Matched,
    body: unknown,
    query: URLSearchParams,
    call: ConnectorCall,
    now: number,
  ): Answer {
    const { route } = matched;
    if (route === "unexpected") {
      return teamsError(404, "NotFound", `The simulator serves no ${call.method} ${call.path}.`);
    }
    if (route === "createConversation") return createConversation(body, call, now);
    const conversationId = matched.conversationId as string;
    if (route === "sendToConversation" || route === "replyToActivity") return post(route, matched, body, now);
    const refused = refusal(route, conversationId, now);
    if (refused) return refused;
    switch (route) {
      case "updateActivity": {
        const activity = activityBody(body);
        const id = matched.activityId as string;
        const entry = existingActivity(conversationId, id);
        entry.latest = structuredClone(activity);
        updates.push({ conversationId, id, activity: structuredClone(activity), at: now });
        return { status: 200, body: { id } };
      }
      case "deleteActivity": {
        const id = matched.activityId as string;
        existingActivity(conversationId, id).deleted = true;
        deletions.push({ conversationId, id, at: now });
        return { status: 200 };
      }
      case "getConversationMember": {
        const [member] = members(conversationId, matched.memberId);
        if (!member) return fail(404, "MemberNotFound", "The member was not found in the conversation.");
        return { status: 200, body: memberPayload(member) };
      }
      case "getConversationMembers":
        // The list carries objectId too: TeamsInfo.getMembers copies it into aadObjectId.
        return {
          status: 200,
          body: members(conversationId).map((u) => ({ ...memberPayload(u), objectId: u.aadObjectId })),
        };
      case "getConversationPagedMembers": {
        const pageSize = Math.min(Number(query.get("pageSize")) || DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
        const token = query.get("continuationToken");
        let offset = 0;
        if (token) {
          const match = /^offset:(\d+)$/.exec(Buffer.from(token, "base64url").toString("utf8"));
          if (!match) return fail(400, "BadArgument", "Invalid continuation token.");
          offset = Number(match[1]);
        }
        const all = members(conversationId);
        const page = all.slice(offset, offset + pageSize).map(memberPayload);
        const next = offset + pageSize;
        return {
          status: 200,
          body: {
            members: page,
            ...(next < all.length
              ? { continuationToken: Buffer.from(`offset:${next}`).toString("base64url") }
              : {}),
          },
        };
      }
    }
  }

  function send(res: ServerResponse, reply: Answer) {
    const payload = reply.body === undefined ? "" : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...(payload ? { "content-type": "application/json; charset=utf-8" } : {}),
      "content-length": Buffer.byteLength(payload),
      ...reply.headers,
    });
    res.end(payload);
  }

  const server = createServer((req, res) => {
    void (async () => {
      const now = Date.now();
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const method = req.method ?? "GET";
      const raw = await readBody(req);
      const matched = matchRoute(method, url.pathname);
      const call: ConnectorCall = {
        method,
        path: url.pathname,
        route: matched.route,
        conversationId: matched.route === "createConversation" ? undefined : matched.conversationId,
        ...(matched.activityId !== undefined ? { activityId: matched.activityId } : {}),
        ...(matched.memberId !== undefined ? { memberId: matched.memberId } : {}),
        query: Object.fromEntries(url.searchParams),
        body: undefined,
        ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
        at: now,
        status: 0,
      };
      calls.push(call);
      let reply: Answer;
      let body: unknown;
      try {
        if (raw.length > 0) {
          try {
            body = JSON.parse(raw.toString("utf8"));
          } catch {
            body = raw.toString("utf8");
            fail(400, "BadSyntax", "The request body is not valid JSON.");
          }
        }
        call.body = body;
        reply = answer(matched, body, url.searchParams, call, now);
      } catch (error) {
        if (!(error instanceof ConnectorError)) throw error;
        call.body = body;
        reply = error.answer;
      }
      call.status = reply.status;
      if (reply.body !== undefined) call.response = reply.body;
      if (reply.status === 429) throttled += 1;
      send(res, reply);
    })().catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(res, teamsError(500, "ServiceError", `simulator error: ${message}`));
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  for (const input of options.users ?? []) registerUser(input);

  return {
    url: `http://127.0.0.1:${port}/`,
    calls,
    callsTo: (route) => calls.filter((c) => c.route === route && c.status >= 200 && c.status < 300),
    unexpectedCalls: () => calls.filter((c) => c.route === "unexpected"),
    sent: () => [...sent],
    sentTo: (conversationId) => sent.filter((s) => s.conversationId === conversationId),
    waitForSent(match = () => true, timeoutMs = 5_000) {
      const existing = sent.find(match);
      if (existing) return Promise.resolve(existing);
      return new Promise<SentActivity>((resolve, reject) => {
        const listener = (s: SentActivity) => {
          if (!match(s)) return;
          clearTimeout(timer);
          sentListeners.delete(listener);
          resolve(s);
        };
        const timer = setTimeout(() => {
          sentListeners.delete(listener);
          const seen = calls.map((c) => `${c.method} ${c.route}:${c.status}`).join(", ");
          reject(
            new Error(`no matching activity sent within ${timeoutMs} ms (calls so far: ${seen || "none"})`),
          );
        }, timeoutMs);
        sentListeners.add(listener);
      });
    },
    updates: () => [...updates],
    deletions: () => [...deletions],
    createdConversations: () => [...created],
    activity(conversationId, id) {
      const found = stored.get(key(conversationId, id));
      return found && !found.deleted ? structuredClone(found.latest) : undefined;
    },
    registerUser,
    user: (id) => findUser(id),
    personalConversationId(user) {
      const found = typeof user === "string" ? findUser(user) : user;
      if (!found) throw new Error(`unknown Teams user ${String(user)}: registerUser first`);
      return personalConversationId(found, botAppId);
    },
    setRoster(conversationId, list) {
      rosters.set(
        conversationId,
        list.map((u) => (typeof u === "string" ? (findUser(u)?.teamsUserId ?? u) : u.teamsUserId)),
      );
    },
    failNext(count, failure, filter = {}) {
      if (count > 0) failures.push({ remaining: count, failure, filter });
    },
    setRateLimit(limit) {
      rateLimit = limit ? { ...DEFAULT_RATE_LIMIT, ...limit } : undefined;
      sendWindows.clear();
    },
    throttledCount: () => throttled,
    clearRecords() {
      calls.length = 0;
      sent.length = 0;
      updates.length = 0;
      deletions.length = 0;
      created.length = 0;
      failures.length = 0;
      sendWindows.clear();
      throttled = 0;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
