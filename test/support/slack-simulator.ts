import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A local stand-in for Slack's Web API, faithful at the HTTP boundary: what goes over the wire is what Slack
 * documents (https://docs.slack.dev/reference/methods), so the real @slack/web-api WebClient (and Bolt, which
 * uses it) can be pointed at it with `slackApiUrl: sim.apiUrl`. It listens on 127.0.0.1 only.
 *
 * Deliberately faithful details worth knowing when a test surprises you:
 * - Every answer is HTTP 200 with `{ ok: false, error }` for Slack-level errors; only rate limits (429 +
 *   Retry-After in whole seconds) and injected 5xx use other statuses.
 * - Form-encoded arguments arrive as strings ("true", "42"): they are recorded as sent. Only the fields Slack
 *   takes as JSON inside a form (blocks, attachments, view, metadata, …) are decoded.
 * - JSON bodies must carry the token in the Authorization header (a `token` field in a JSON body is ignored),
 *   and users.info does not accept JSON arguments at all — as Slack documents.
 * - chat.update / chat.delete need the conversation id (D…), not a user id: a U… there is channel_not_found.
 * - Blocks without a block_id get a generated one in what Slack returns and stores.
 * - users.info returns `locale` only when `include_locale` is true.
 * - A trigger_id must look like Slack's ("<digits>.<digits>.<hex>"), is exchanged once
 *   (`exchanged_trigger_id`), and expires 3 s after issue when its first part is a millisecond timestamp
 *   (which is how slack-requests.ts mints them): `expired_trigger_id`.
 */

export type SlackCall = {
  method: string;
  /** The arguments as received, without the token; JSON-in-form fields (blocks, view, …) decoded. */
  args: Record<string, unknown>;
  token: string | undefined;
  /** Date.now() when the request arrived. */
  at: number;
  /** HTTP status answered: 200, 429 or 5xx. */
  status: number;
  /** The `ok` of the answered body (false for 429/5xx). */
  ok: boolean;
  /** The Slack error code when ok is false (e.g. "ratelimited", "channel_not_found"). */
  error?: string;
  /** The JSON body answered, when there was one. */
  response?: Record<string, unknown>;
};

export type SlackFailure =
  | { status: 429; retryAfterSeconds: number }
  | { status: 500 | 502 | 503 }
  | { slackError: string };

export type SlackRateLimit = {
  perSecond: number;
  scope: "workspace" | "channel";
  retryAfterSeconds?: number;
};

export type SimulatedUser = {
  id: string;
  teamId: string;
  name?: string;
  realName?: string;
  email?: string;
  locale?: string;
  tz?: string;
  deleted?: boolean;
  isBot?: boolean;
};

export type SimulatedMessage = {
  channel: string;
  ts: string;
  text?: string;
  blocks?: unknown[];
  attachments?: unknown[];
  metadata?: unknown;
  thread_ts?: string;
  /** The user id the message was posted as (the bot user for bot tokens). */
  user?: string;
  edited?: { user: string; ts: string };
};

export type SimulatedEphemeral = {
  channel: string;
  user: string;
  message_ts: string;
  text?: string;
  blocks?: unknown[];
  thread_ts?: string;
};

export type SimulatedView = { id: string; triggerId: string; view: Record<string, unknown> };

export type SimulatedResponse = { url: string; body: Record<string, unknown>; at: number; status: number };

/** A workspace (and the app's bot in it) that a token belongs to. */
export type SimulatedWorkspace = {
  teamId: string;
  teamName?: string;
  domain?: string;
  botUserId?: string;
  botId?: string;
  botName?: string;
  appId?: string;
  /** For user tokens (xoxp-): the user the token acts as. */
  userId?: string;
};

export type SlackSimulatorOptions = {
  /** The workspace of every well-formed token when `tokens` is not given. */
  workspace?: SimulatedWorkspace;
  /** When given, only these tokens are valid (anything else is invalid_auth), each with its workspace. */
  tokens?: Record<string, SimulatedWorkspace>;
  /** How long a trigger_id minted by slack-requests.ts stays usable; Slack documents 3 s. */
  triggerIdTtlMs?: number;
};

export type SlackMethodHandler = (
  args: Record<string, unknown>,
  context: { token: string; teamId: string; userId: string },
) => Record<string, unknown> | Promise<Record<string, unknown>>;

export interface SlackSimulator {
  /** e.g. "http://127.0.0.1:PORT/api/" — pass as WebClient `slackApiUrl` (Bolt: `clientOptions.slackApiUrl`). */
  apiUrl: string;
  /** Every call, in order, including refused ones (status 429/5xx, ok:false). */
  calls: SlackCall[];
  /** Only successful (HTTP 200, ok:true) calls of that method. */
  callsTo(method: string): SlackCall[];
  /** Resolves with the first successful call of `method` matching `match`, already made or still to come. */
  waitForCall(method: string, match?: (call: SlackCall) => boolean, timeoutMs?: number): Promise<SlackCall>;
  /** The next `times` calls of `method` fail like this (before any rate limit or authentication). */
  failNext(method: string, failure: SlackFailure, times?: number): void;
  /**
   * Every call of `method` in the next `durationMs` fails like this (after any failNext, before rate limits
   * and authentication): a 429 storm (`{ status: 429, retryAfterSeconds }`) or a 5xx outage window.
   */
  failDuring(method: string, failure: SlackFailure, durationMs: number): void;
  /** Beyond `perSecond` attempts in a sliding second (per team or per channel) answer 429 + Retry-After. */
  setRateLimit(method: string, limit: SlackRateLimit | undefined): void;
  /** Answer `method` with your own handler (also overrides a built-in one). `ok: true` is added if absent. */
  handle(method: string, handler: SlackMethodHandler): void;
  addUser(user: SimulatedUser): void;
  /** The DM channel id Slack would give the bot's conversation with `userId` (same as conversations.open). */
  dmChannelFor(userId: string, teamId?: string): string;
  /** Current state of the posted (and updated, not deleted) messages, in posting order. */
  messages(channel?: string): SimulatedMessage[];
  ephemerals(channel?: string): SimulatedEphemeral[];
  views: SimulatedView[];
  /**
   * A fresh response_url served by this simulator, optionally tied to the message or user an interaction
   * came from so that replace_original/delete_original and ephemeral answers land in `messages`/`ephemerals`.
   */
  responseUrl(target?: { channel?: string; messageTs?: string; userId?: string }): string;
  /** Every POST to a response_url, in order. */
  responses: SimulatedResponse[];
  close(): Promise<void>;
}

const DEFAULT_WORKSPACE: Required<Omit<SimulatedWorkspace, "userId">> & { userId: string } = {
  teamId: "T0SIM00001",
  teamName: "Regiotafel Simulated",
  domain: "regiotafel-sim",
  botUserId: "U0SIMBOT01",
  botId: "B0SIMBOT01",
  botName: "regiotafel",
  appId: "A0SIMAPP01",
  userId: "U0SIMUSER1",
};

/** Fields Slack takes as JSON-encoded strings inside form bodies (WebClient JSON-encodes any object). */
const JSON_FIELDS = new Set(["blocks", "attachments", "view", "metadata", "unfurls", "user_auth_blocks"]);
/** Methods whose documentation says they do not accept application/json arguments. */
const NO_JSON_ARGUMENTS = new Set(["users.info"]);
const MAX_TEXT = 40_000;
const MAX_MESSAGE_BLOCKS = 50;
const MAX_VIEW_BLOCKS = 100;
const RESPONSE_URL_USES = 5;

type Identity = Required<Omit<SimulatedWorkspace, "userId">> & {
  userId: string;
  kind: "bot" | "user" | "app";
};

type Answer = {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
  raw?: string;
};

type StoredMessage = SimulatedMessage & { bot_id?: string; app_id?: string; team: string };

class SlackError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}

const fail = (error: string, extra?: Record<string, unknown>): never => {
  throw new SlackError(error, extra);
};

const str = (value: unknown): string | undefined =>
  typeof value === "string"
    ? value
    : typeof value === "number" || typeof value === "boolean"
      ? String(value)
      : undefined;

const flag = (value: unknown): boolean => value === true || value === 1 || value === "true" || value === "1";

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isUserId = (id: string) => /^[UW][A-Z0-9]{2,}$/.test(id);

function fillIdentity(workspace: SimulatedWorkspace | undefined): Required<
  Omit<SimulatedWorkspace, "userId">
> & {
  userId: string;
} {
  const base = { ...DEFAULT_WORKSPACE, ...workspace };
  if (workspace && !workspace.domain) base.domain = workspace.teamId.toLowerCase();
  return base;
}

function hashId(prefix: string, ...parts: string[]): string {
  return prefix + createHash("sha256").update(parts.join(":")).digest("hex").slice(0, 10).toUpperCase();
}

function randomId(prefix: string, length = 10): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const bytes = randomBytes(length);
  let out = prefix;
  for (const byte of bytes) out += alphabet[byte % alphabet.length];
  return out;
}

function viewHash(): string {
  return `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`;
}

function timeZoneInfo(tz: string): { label: string; offset: number } {
  const now = new Date();
  const part = (timeZoneName: "long" | "longOffset") =>
    new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName })
      .formatToParts(now)
      .find((p) => p.type === "timeZoneName")?.value ?? "";
  const offsetText = part("longOffset"); // "GMT+02:00" or "GMT"
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(offsetText);
  const offset = match ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60) : 0;
  return { label: part("long"), offset };
}

/** Slack assigns a block_id to every block that lacks one. */
function withBlockIds(blocks: unknown[]): unknown[] {
  return blocks.map((block) =>
    isRecord(block) && typeof block.block_id !== "string"
      ? { ...block, block_id: randomBytes(3).toString("base64url") }
      : block,
  );
}

function validateBlocks(value: unknown, max: number, errorFormat: string, errorInvalid: string): unknown[] {
  if (typeof value === "string") fail(errorFormat); // a JSON field that did not decode
  if (!Array.isArray(value)) return fail(errorInvalid);
  if (value.length > max)
    fail(errorInvalid, { errors: [`must provide an array with no more than ${max} items`] });
  for (const [index, block] of value.entries()) {
    if (!isRecord(block) || typeof block.type !== "string") {
      fail(errorInvalid, { errors: [`missing required field: type [json-pointer:/blocks/${index}/type]`] });
    }
  }
  return value;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

type Parsed = { args: Record<string, unknown>; bodyToken: string | undefined; json: boolean };

async function parseArguments(req: IncomingMessage, url: URL, raw: Buffer): Promise<Parsed> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) args[key] = value;
  const contentType = (req.headers["content-type"] ?? "").toLowerCase();
  let json = false;
  if (raw.length > 0) {
    if (contentType.startsWith("application/x-www-form-urlencoded")) {
      for (const [key, value] of new URLSearchParams(raw.toString("utf8"))) args[key] = value;
    } else if (contentType.startsWith("application/json")) {
      json = true;
      let body: unknown;
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        throw new SlackError("invalid_json");
      }
      if (!isRecord(body)) throw new SlackError("invalid_json");
      Object.assign(args, body);
    } else if (contentType.startsWith("multipart/form-data")) {
      const form = await new Request("http://127.0.0.1/", {
        method: "POST",
        headers: { "content-type": req.headers["content-type"] ?? "" },
        body: raw,
      }).formData();
      for (const [key, value] of form)
        args[key] = typeof value === "string" ? value : { filename: value.name, size: value.size };
    } else if (!contentType) {
      throw new SlackError("missing_post_type");
    } else {
      throw new SlackError("invalid_post_type");
    }
  }
  for (const key of JSON_FIELDS) {
    const value = args[key];
    if (typeof value !== "string") continue;
    try {
      args[key] = JSON.parse(value);
    } catch {
      // left as the string it was: the method answers with its own format error
    }
  }
  // JSON bodies must authenticate with the Authorization header; the token field only counts in forms/queries.
  const bodyToken = json ? undefined : str(args.token);
  delete args.token;
  return { args, bodyToken, json };
}

export async function startSlackSimulator(options: SlackSimulatorOptions = {}): Promise<SlackSimulator> {
  const defaultWorkspace = fillIdentity(options.workspace);
  const tokenWorkspaces = options.tokens
    ? new Map(Object.entries(options.tokens).map(([token, workspace]) => [token, fillIdentity(workspace)]))
    : undefined;
  const triggerTtl = options.triggerIdTtlMs ?? 3_000;

  const calls: SlackCall[] = [];
  const failures = new Map<string, SlackFailure[]>();
  const failureWindows = new Map<string, { failure: SlackFailure; until: number }[]>();
  const rateLimits = new Map<string, { limit: SlackRateLimit; attempts: Map<string, number[]> }>();
  const handlers = new Map<string, SlackMethodHandler>();
  const users = new Map<string, SimulatedUser>();
  const messages: StoredMessage[] = [];
  const ephemerals: SimulatedEphemeral[] = [];
  const views: SimulatedView[] = [];
  const exchangedTriggers = new Set<string>();
  const openedDms = new Map<string, { user?: string; users: string[]; created: number }>();
  const responseTargets = new Map<
    string,
    { channel?: string; messageTs?: string; userId?: string; uses: number }
  >();
  const responses: SimulatedResponse[] = [];
  const callListeners = new Set<(call: SlackCall) => void>();
  let lastTsMicros = 0;
  let origin = "";

  function nextTs(): string {
    lastTsMicros = Math.max(lastTsMicros + 1, Date.now() * 1000);
    return `${Math.floor(lastTsMicros / 1_000_000)}.${String(lastTsMicros % 1_000_000).padStart(6, "0")}`;
  }

  function identify(token: string | undefined): Identity {
    if (!token) return fail("not_authed");
    const kind = token.startsWith("xoxb-")
      ? "bot"
      : token.startsWith("xoxp-")
        ? "user"
        : token.startsWith("xapp-")
          ? "app"
          : undefined;
    if (!kind || token.length < 10) return fail("invalid_auth");
    const workspace = tokenWorkspaces ? tokenWorkspaces.get(token) : defaultWorkspace;
    if (!workspace) return fail("invalid_auth");
    return { ...workspace, kind };
  }

  function dmChannelFor(userId: string, teamId = defaultWorkspace.teamId): string {
    return hashId("D", teamId, userId);
  }

  /** A channel argument as a conversation id; user ids open (or reuse) the bot's DM with that user. */
  function resolveChannel(value: unknown, who: Identity, allowUserId: boolean): string {
    const channel = str(value)?.trim();
    if (!channel) return fail("channel_not_found");
    if (isUserId(channel)) {
      if (!allowUserId) return fail("channel_not_found");
      const known = users.get(channel);
      if (known?.deleted) return fail("user_disabled");
      return openDm(channel, who).id;
    }
    return channel;
  }

  function openDm(userId: string, who: Identity): { id: string; alreadyOpen: boolean } {
    const id = dmChannelFor(userId, who.teamId);
    const alreadyOpen = openedDms.has(id);
    if (!alreadyOpen)
      openedDms.set(id, { user: userId, users: [userId], created: Math.floor(Date.now() / 1000) });
    return { id, alreadyOpen };
  }

  function messageContent(args: Record<string, unknown>, required: boolean) {
    const text = str(args.text);
    const markdown = str(args.markdown_text);
    if (markdown !== undefined && (text !== undefined || args.blocks !== undefined))
      fail("markdown_text_conflict");
    const blocks =
      args.blocks === undefined
        ? undefined
        : withBlockIds(
            validateBlocks(args.blocks, MAX_MESSAGE_BLOCKS, "invalid_blocks_format", "invalid_blocks"),
          );
    let attachments: unknown[] | undefined;
    if (args.attachments !== undefined) {
      if (!Array.isArray(args.attachments)) fail("invalid_attachments");
      attachments = args.attachments as unknown[];
      if (attachments.length > 100) fail("too_many_attachments");
    }
    const hasContent =
      (text ?? markdown ?? "") !== "" || (blocks?.length ?? 0) > 0 || (attachments?.length ?? 0) > 0;
    if (required && !hasContent) fail("no_text");
    if ((text ?? markdown ?? "").length > MAX_TEXT) fail("msg_too_long");
    let metadata: unknown;
    if (args.metadata !== undefined) {
      const m = args.metadata;
      if (!isRecord(m) || typeof m.event_type !== "string" || !isRecord(m.event_payload))
        fail("invalid_metadata_format");
      metadata = m;
    }
    return { text: text ?? markdown, blocks, attachments, metadata };
  }

  function messageObject(m: StoredMessage): Record<string, unknown> {
    const out: Record<string, unknown> = { type: "message", text: m.text ?? "", user: m.user, ts: m.ts };
    if (m.bot_id) {
      out.bot_id = m.bot_id;
      out.app_id = m.app_id;
    }
    if (m.blocks) out.blocks = m.blocks;
    if (m.attachments) out.attachments = m.attachments;
    if (m.metadata) out.metadata = m.metadata;
    if (m.thread_ts) out.thread_ts = m.thread_ts;
    if (m.edited) out.edited = m.edited;
    out.team = m.team;
    return out;
  }

  function findMessage(channel: string, ts: string | undefined): StoredMessage {
    const found = messages.find((m) => m.channel === channel && m.ts === ts);
    return found ?? fail("message_not_found");
  }

  function validateView(value: unknown, allowed: string[]): Record<string, unknown> {
    if (!isRecord(value))
      return fail("invalid_arguments", { response_metadata: { messages: ["[ERROR] invalid `view`"] } });
    if (JSON.stringify(value).length > 250_000) fail("view_too_large");
    if (typeof value.type !== "string" || !allowed.includes(value.type)) {
      fail("invalid_arguments", {
        response_metadata: { messages: ["[ERROR] must be a valid enum value [json-pointer:/view/type]"] },
      });
    }
    if (value.type === "modal" && !isRecord(value.title)) {
      fail("invalid_arguments", {
        response_metadata: { messages: ["[ERROR] missing required field: title [json-pointer:/view]"] },
      });
    }
    validateBlocks(value.blocks, MAX_VIEW_BLOCKS, "invalid_arguments", "invalid_arguments");
    const externalId = str(value.external_id);
    return { ...value, ...(externalId ? { external_id: externalId } : {}) };
  }

  function exchangeTrigger(value: unknown): string {
    const trigger = str(value);
    const match = trigger ? /^(\d+)\.\d+\.[0-9a-z]+$/i.exec(trigger) : null;
    if (!trigger || !match) return fail("invalid_trigger_id");
    if (exchangedTriggers.has(trigger)) return fail("exchanged_trigger_id");
    const first = match[1] ?? "";
    if (first.length === 13 && Date.now() - Number(first) > triggerTtl) return fail("expired_trigger_id");
    exchangedTriggers.add(trigger);
    return trigger;
  }

  function fullView(
    view: Record<string, unknown>,
    who: Identity,
    ids: { id: string; root: string; previous: string | null },
  ): Record<string, unknown> {
    return {
      id: ids.id,
      team_id: who.teamId,
      type: view.type,
      blocks: withBlockIds((view.blocks as unknown[] | undefined) ?? []),
      private_metadata: str(view.private_metadata) ?? "",
      callback_id: str(view.callback_id) ?? "",
      state: { values: {} },
      hash: viewHash(),
      title: view.title ?? null,
      clear_on_close: flag(view.clear_on_close),
      notify_on_close: flag(view.notify_on_close),
      close: view.close ?? null,
      submit: view.submit ?? null,
      previous_view_id: ids.previous,
      root_view_id: ids.root,
      app_id: who.appId,
      external_id: str(view.external_id) ?? "",
      app_installed_team_id: who.teamId,
      bot_id: who.botId,
    };
  }

  function checkExternalIdFree(view: Record<string, unknown>, exceptId?: string) {
    const externalId = str(view.external_id);
    if (externalId && views.some((v) => v.view.external_id === externalId && v.id !== exceptId))
      fail("duplicate_external_id");
  }

  const builtIns: Record<string, (args: Record<string, unknown>, who: Identity) => Record<string, unknown>> =
    {
      "api.test": (args) => ({ args }),

      "auth.test": (_args, who) => ({
        url: `https://${who.domain}.slack.com/`,
        team: who.teamName,
        user: who.kind === "bot" ? who.botName : (users.get(who.userId)?.name ?? "simulated-user"),
        team_id: who.teamId,
        user_id: who.kind === "bot" ? who.botUserId : who.userId,
        ...(who.kind === "bot" ? { bot_id: who.botId } : {}),
        is_enterprise_install: false,
      }),

      "chat.postMessage": (args, who) => {
        const channel = resolveChannel(args.channel, who, true);
        const content = messageContent(args, true);
        const threadTs = str(args.thread_ts);
        const message: StoredMessage = {
          channel,
          ts: nextTs(),
          user: who.kind === "bot" ? who.botUserId : who.userId,
          team: who.teamId,
          ...(who.kind === "bot" ? { bot_id: who.botId, app_id: who.appId } : {}),
          ...(content.text !== undefined ? { text: content.text } : {}),
          ...(content.blocks ? { blocks: content.blocks } : {}),
          ...(content.attachments ? { attachments: content.attachments } : {}),
          ...(content.metadata ? { metadata: content.metadata } : {}),
          ...(threadTs ? { thread_ts: threadTs } : {}),
        };
        messages.push(message);
        return { channel, ts: message.ts, message: messageObject(message) };
      },

      "chat.update": (args, who) => {
        const channel = resolveChannel(args.channel, who, false);
        const message = findMessage(channel, str(args.ts));
        const content = messageContent(args, true);
        if (content.text !== undefined) message.text = content.text;
        // Slack keeps the previous blocks/attachments unless the call replaces them (an empty array removes them).
        if (content.blocks) message.blocks = content.blocks;
        if (content.attachments) message.attachments = content.attachments;
        if (content.metadata) message.metadata = content.metadata;
        message.edited = { user: message.user ?? who.botUserId, ts: nextTs() };
        return { channel, ts: message.ts, text: message.text ?? "", message: messageObject(message) };
      },

      "chat.delete": (args, who) => {
        const channel = resolveChannel(args.channel, who, false);
        const message = findMessage(channel, str(args.ts));
        messages.splice(messages.indexOf(message), 1);
        return { channel, ts: message.ts };
      },

      "chat.postEphemeral": (args, who) => {
        const channel = resolveChannel(args.channel, who, true);
        const user = str(args.user);
        if (!user) return fail("user_not_found");
        if (users.get(user)?.deleted) fail("user_not_in_channel");
        const content = messageContent(args, true);
        const threadTs = str(args.thread_ts);
        const ephemeral: SimulatedEphemeral = {
          channel,
          user,
          message_ts: nextTs(),
          ...(content.text !== undefined ? { text: content.text } : {}),
          ...(content.blocks ? { blocks: content.blocks } : {}),
          ...(threadTs ? { thread_ts: threadTs } : {}),
        };
        ephemerals.push(ephemeral);
        return { message_ts: ephemeral.message_ts };
      },

      "conversations.open": (args, who) => {
        const existing = str(args.channel);
        const userList = (str(args.users) ?? "")
          .split(",")
          .map((u) => u.trim())
          .filter(Boolean);
        let id: string;
        let alreadyOpen: boolean;
        if (existing && userList.length === 0) {
          if (!openedDms.has(existing)) return fail("channel_not_found");
          id = existing;
          alreadyOpen = true;
        } else {
          if (userList.length === 0) return fail("users_list_not_supplied");
          if (userList.length > 8) return fail("too_many_users");
          for (const user of userList) {
            if (!isUserId(user)) return fail("user_not_found");
            if (users.get(user)?.deleted) return fail("user_disabled");
          }
          if (userList.length === 1) {
            ({ id, alreadyOpen } = openDm(userList[0] as string, who));
          } else {
            id = hashId("G", who.teamId, ...[...userList].sort());
            alreadyOpen = openedDms.has(id);
            if (!alreadyOpen) openedDms.set(id, { users: userList, created: Math.floor(Date.now() / 1000) });
          }
        }
        const conversation = openedDms.get(id);
        const channel: Record<string, unknown> = flag(args.return_im)
          ? {
              id,
              created: conversation?.created,
              is_im: conversation?.user !== undefined,
              is_org_shared: false,
              ...(conversation?.user ? { user: conversation.user } : {}),
              last_read: "0000000000.000000",
              latest: null,
              unread_count: 0,
              unread_count_display: 0,
              is_open: true,
              priority: 0,
            }
          : { id };
        return { ...(alreadyOpen ? { no_op: true, already_open: true } : {}), channel };
      },

      "views.open": (args, who) => {
        const view = validateView(args.view, ["modal"]);
        checkExternalIdFree(view);
        const triggerId = exchangeTrigger(args.trigger_id ?? args.interactivity_pointer);
        const id = randomId("V");
        const stored = fullView(view, who, { id, root: id, previous: null });
        views.push({ id, triggerId, view: stored });
        return { view: stored };
      },

      "views.push": (args, who) => {
        const view = validateView(args.view, ["modal"]);
        checkExternalIdFree(view);
        const triggerId = exchangeTrigger(args.trigger_id ?? args.interactivity_pointer);
        const id = randomId("V");
        const parent = views.at(-1);
        const root = parent ? (str(parent.view.root_view_id) ?? parent.id) : id;
        const stored = fullView(view, who, { id, root, previous: parent?.id ?? null });
        views.push({ id, triggerId, view: stored });
        return { view: stored };
      },

      "views.update": (args, who) => {
        const viewId = str(args.view_id);
        const externalId = str(args.external_id);
        if (!viewId && !externalId)
          return fail("invalid_arguments", {
            response_metadata: { messages: ["[ERROR] view_id or external_id is required"] },
          });
        const view = validateView(args.view, ["modal", "home"]);
        const entry = views.find((v) => (viewId ? v.id === viewId : v.view.external_id === externalId));
        if (!entry) return fail("not_found");
        const hash = str(args.hash);
        if (hash && hash !== entry.view.hash) return fail("hash_conflict");
        checkExternalIdFree(view, entry.id);
        entry.view = fullView(view, who, {
          id: entry.id,
          root: str(entry.view.root_view_id) ?? entry.id,
          previous: (entry.view.previous_view_id as string | null | undefined) ?? null,
        });
        return { view: entry.view };
      },

      "users.info": (args) => {
        const id = str(args.user);
        const user = id ? users.get(id) : undefined;
        if (!user) return fail("user_not_found");
        const tz = user.tz ?? "Europe/Amsterdam";
        const { label, offset } = timeZoneInfo(tz);
        const name = user.name ?? user.id.toLowerCase();
        const realName = user.realName ?? user.name ?? "";
        return {
          user: {
            id: user.id,
            team_id: user.teamId,
            name,
            deleted: user.deleted ?? false,
            color: "9f69e7",
            real_name: realName,
            tz,
            tz_label: label,
            tz_offset: offset,
            profile: {
              real_name: realName,
              real_name_normalized: realName,
              display_name: name,
              display_name_normalized: name,
              ...(user.email ? { email: user.email } : {}),
              status_text: "",
              status_emoji: "",
              team: user.teamId,
            },
            is_admin: false,
            is_owner: false,
            is_primary_owner: false,
            is_restricted: false,
            is_ultra_restricted: false,
            is_bot: user.isBot ?? false,
            is_app_user: false,
            updated: Math.floor(Date.now() / 1000),
            is_email_confirmed: user.email !== undefined,
            ...(flag(args.include_locale) ? { locale: user.locale ?? "en-US" } : {}),
          },
        };
      },
    };

  function rateLimited(
    method: string,
    args: Record<string, unknown>,
    token: string | undefined,
  ): number | undefined {
    const entry = rateLimits.get(method);
    if (!entry) return undefined;
    let key: string;
    if (entry.limit.scope === "workspace") {
      const workspace = token ? (tokenWorkspaces ? tokenWorkspaces.get(token) : defaultWorkspace) : undefined;
      key = workspace?.teamId ?? "(unauthenticated)";
    } else {
      const channel = str(args.channel) ?? "";
      key = isUserId(channel) ? dmChannelFor(channel, defaultWorkspace.teamId) : channel;
    }
    const now = Date.now();
    const recent = (entry.attempts.get(key) ?? []).filter((t) => now - t < 1000);
    const over = recent.length >= entry.limit.perSecond;
    recent.push(now);
    entry.attempts.set(key, recent);
    return over ? (entry.limit.retryAfterSeconds ?? 1) : undefined;
  }

  function windowFailure(method: string, at: number): SlackFailure | undefined {
    const windows = failureWindows.get(method);
    return windows?.find((w) => at < w.until)?.failure;
  }

  function failureAnswer(failure: SlackFailure): Answer {
    if ("slackError" in failure) return { status: 200, body: { ok: false, error: failure.slackError } };
    if (failure.status === 429) {
      return {
        status: 429,
        body: { ok: false, error: "ratelimited" },
        headers: { "retry-after": String(failure.retryAfterSeconds) },
      };
    }
    return {
      status: failure.status,
      body: {},
      raw: `<html><body><h1>${failure.status}</h1></body></html>`,
    };
  }

  async function answerApi(
    method: string,
    req: IncomingMessage,
    url: URL,
    raw: Buffer,
    call: SlackCall,
  ): Promise<Answer> {
    let parsed: Parsed;
    try {
      parsed = await parseArguments(req, url, raw);
    } catch (error) {
      if (error instanceof SlackError) return { status: 200, body: { ok: false, error: error.error } };
      throw error;
    }
    const authorization = req.headers.authorization;
    const headerToken = authorization?.startsWith("Bearer ")
      ? authorization.slice("Bearer ".length).trim()
      : undefined;
    const token = headerToken || parsed.bodyToken;
    const args = NO_JSON_ARGUMENTS.has(method) && parsed.json ? {} : parsed.args;
    call.args = parsed.args;
    call.token = token;

    const retryAfter = rateLimited(method, parsed.args, token);
    const failure = failures.get(method)?.shift() ?? windowFailure(method, call.at);
    if (failure) return failureAnswer(failure);
    if (retryAfter !== undefined) {
      return {
        status: 429,
        body: { ok: false, error: "ratelimited" },
        headers: { "retry-after": String(retryAfter) },
      };
    }

    const custom = handlers.get(method);
    const builtIn = builtIns[method];
    if (!custom && !builtIn) return { status: 200, body: { ok: false, error: "unknown_method" } };
    try {
      const who = identify(token);
      if (who.kind === "app" && method !== "apps.connections.open") fail("not_allowed_token_type");
      const result = custom
        ? await custom(args, {
            token: token as string,
            teamId: who.teamId,
            userId: who.kind === "bot" ? who.botUserId : who.userId,
          })
        : (builtIn as NonNullable<typeof builtIn>)(args, who);
      return { status: 200, body: { ok: true, ...result } };
    } catch (error) {
      if (error instanceof SlackError)
        return { status: 200, body: { ok: false, error: error.error, ...error.extra } };
      throw error;
    }
  }

  function answerResponseUrl(id: string, raw: Buffer): Answer {
    const target = responseTargets.get(id);
    if (!target) return { status: 404, body: { ok: false, error: "invalid_token" } };
    let body: unknown;
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      return { status: 400, body: { ok: false, error: "invalid_payload" } };
    }
    if (!isRecord(body)) return { status: 400, body: { ok: false, error: "invalid_payload" } };
    target.uses += 1;
    if (target.uses > RESPONSE_URL_USES) return { status: 404, body: { ok: false, error: "used_url" } };
    const original =
      target.channel && target.messageTs
        ? messages.find((m) => m.channel === target.channel && m.ts === target.messageTs)
        : undefined;
    if (flag(body.delete_original)) {
      if (original) messages.splice(messages.indexOf(original), 1);
      return { status: 200, body: { ok: true } };
    }
    let content: ReturnType<typeof messageContent>;
    try {
      content = messageContent(body, true);
    } catch (error) {
      if (error instanceof SlackError) return { status: 400, body: { ok: false, error: error.error } };
      throw error;
    }
    if (flag(body.replace_original) && original) {
      if (content.text !== undefined) original.text = content.text;
      original.blocks = content.blocks;
      if (!content.blocks) delete original.blocks;
      return { status: 200, body: { ok: true } };
    }
    const threadTs = str(body.thread_ts);
    if (str(body.response_type) === "in_channel" && target.channel) {
      messages.push({
        channel: target.channel,
        ts: nextTs(),
        user: defaultWorkspace.botUserId,
        bot_id: defaultWorkspace.botId,
        app_id: defaultWorkspace.appId,
        team: defaultWorkspace.teamId,
        ...(content.text !== undefined ? { text: content.text } : {}),
        ...(content.blocks ? { blocks: content.blocks } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
    } else if (target.channel && target.userId) {
      ephemerals.push({
        channel: target.channel,
        user: target.userId,
        message_ts: nextTs(),
        ...(content.text !== undefined ? { text: content.text } : {}),
        ...(content.blocks ? { blocks: content.blocks } : {}),
        ...(threadTs ? { thread_ts: threadTs } : {}),
      });
    }
    return { status: 200, body: { ok: true } };
  }

  function send(res: ServerResponse, answer: Answer) {
    const payload = answer.raw ?? JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      "content-type": answer.raw ? "text/html; charset=utf-8" : "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(payload),
      ...answer.headers,
    });
    res.end(payload);
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const raw = await readBody(req);
      const apiMatch = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname);
      const hookMatch = /^\/hooks\/([A-Za-z0-9_-]+)$/.exec(url.pathname);
      if (apiMatch && (req.method === "POST" || req.method === "GET")) {
        const method = apiMatch[1] as string;
        const call: SlackCall = { method, args: {}, token: undefined, at: Date.now(), status: 0, ok: false };
        calls.push(call);
        const answer = await answerApi(method, req, url, raw, call);
        call.status = answer.status;
        call.ok = answer.status === 200 && answer.body.ok === true;
        const error = str(answer.body.error);
        if (error) call.error = error;
        if (!answer.raw) call.response = answer.body;
        send(res, answer);
        if (call.ok) for (const listener of callListeners) listener(call);
      } else if (hookMatch && req.method === "POST") {
        const answer = answerResponseUrl(hookMatch[1] as string, raw);
        const body = (() => {
          try {
            const parsed: unknown = JSON.parse(raw.toString("utf8"));
            return isRecord(parsed) ? parsed : {};
          } catch {
            return {};
          }
        })();
        responses.push({ url: `${origin}${url.pathname}`, body, at: Date.now(), status: answer.status });
        send(res, answer);
      } else {
        send(res, { status: 404, body: { ok: false, error: "not_found" } });
      }
    })().catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(res, { status: 500, body: {}, raw: `simulator error: ${message}` });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;

  return {
    apiUrl: `${origin}/api/`,
    calls,
    callsTo: (method) => calls.filter((c) => c.method === method && c.status === 200 && c.ok),
    waitForCall(method, match = () => true, timeoutMs = 5_000) {
      const existing = calls.find((c) => c.method === method && c.ok && match(c));
      if (existing) return Promise.resolve(existing);
      return new Promise<SlackCall>((resolve, reject) => {
        const listener = (call: SlackCall) => {
          if (call.method !== method || !match(call)) return;
          clearTimeout(timer);
          callListeners.delete(listener);
          resolve(call);
        };
        const timer = setTimeout(() => {
          callListeners.delete(listener);
          const seen = calls.map((c) => `${c.method}:${c.status}:${c.ok ? "ok" : c.error}`).join(", ");
          reject(
            new Error(
              `no successful ${method} call within ${timeoutMs} ms (calls so far: ${seen || "none"})`,
            ),
          );
        }, timeoutMs);
        callListeners.add(listener);
      });
    },
    failNext(method, failure, times = 1) {
      const queue = failures.get(method) ?? [];
      for (let i = 0; i < times; i++) queue.push(failure);
      failures.set(method, queue);
    },
    failDuring(method, failure, durationMs) {
      const now = Date.now();
      const windows = (failureWindows.get(method) ?? []).filter((w) => w.until > now);
      windows.push({ failure, until: now + durationMs });
      failureWindows.set(method, windows);
    },
    setRateLimit(method, limit) {
      if (limit) rateLimits.set(method, { limit, attempts: new Map() });
      else rateLimits.delete(method);
    },
    handle(method, handler) {
      handlers.set(method, handler);
    },
    addUser(user) {
      users.set(user.id, { ...user });
    },
    dmChannelFor,
    messages(channel) {
      return messages
        .filter((m) => channel === undefined || m.channel === channel)
        .map(({ bot_id: _bot, app_id: _app, team: _team, ...m }) => structuredClone(m));
    },
    ephemerals(channel) {
      return ephemerals
        .filter((e) => channel === undefined || e.channel === channel)
        .map((e) => structuredClone(e));
    },
    views,
    responseUrl(target = {}) {
      const id = `${defaultWorkspace.teamId}-${randomBytes(9).toString("hex")}`;
      responseTargets.set(id, { ...target, uses: 0 });
      return `${origin}/hooks/${id}`;
    },
    responses,
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
