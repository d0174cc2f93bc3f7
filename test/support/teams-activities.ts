import { createHash, randomUUID } from "node:crypto";

/*
 * Inbound activities as Microsoft Teams posts them to the bot's messaging endpoint (`POST /api/messages`),
 * in their wire form (JSON, timestamps as ISO strings), shaped after botframework-schema's Activity and
 * TeamsChannelData and after what Teams really sends:
 * - every activity has type, a unique id, timestamp/localTimestamp, channelId "msteams", serviceUrl,
 *   from (the Teams user id "29:…", name, aadObjectId), recipient ("28:<bot app id>"), conversation,
 *   channelData.tenant.id, locale, and a clientInfo entity;
 * - user messages carry the text twice: `text`, and a text/html attachment with the rendered message (bots
 *   that treat every attachment as a file must skip it);
 * - channel messages reach the bot only when it is @mentioned: the text starts with "<at>Regiotafel</at>",
 *   with a matching mention entity; the conversation id is the channel id plus ";messageid=<thread root>";
 * - Adaptive Card Action.Execute arrives as an `invoke` named "adaptiveCard/action", answered in the HTTP
 *   response (not through the connector).
 *
 * Point `serviceUrl` at the Teams connector simulator (test/support/teams-connector.ts) so that what the bot
 * sends back lands there. The user and conversation ids derive deterministically from the AAD object id, so
 * the simulator and these builders agree without sharing state.
 */

/** The Microsoft Entra tenant of every simulated user unless a test says otherwise. */
export const TEAMS_TENANT_ID = "7d0c1a0e-5b3f-4c8e-9a61-2f4e8b9c3d21";
/** The bot's Microsoft App ID (the Azure Bot registration). */
export const BOT_APP_ID = "3f9b2c4e-8a1d-4e6f-b7c5-0d2e9a8f1b63";
/** The bot's id on the Teams channel: "28:" + app id, as in `recipient.id` and in mentions. */
export const BOT_ID = `28:${BOT_APP_ID}`;
export const BOT_NAME = "Regiotafel";
/** A team and its General channel (whose id is the team id, as in Teams). */
export const TEAM_ID = "19:3c5e8f2a9b1d4c7e8f0a2b4c6d8e0f1a@thread.tacv2";
export const TEAM_NAME = "Regiotafel Zorgregio";
export const TEAM_AAD_GROUP_ID = "b2a4c6e8-1d3f-4a5b-8c7d-9e0f1a2b3c4d";
export const GENERAL_CHANNEL_ID = TEAM_ID;
export const DEFAULT_LOCALE = "nl-NL";
const TIMEZONE = "Europe/Amsterdam";

/** A Teams user as the simulator and these builders know them. */
export type TeamsUser = {
  /** The Teams (Bot Framework) user id, "29:…". */
  teamsUserId: string;
  name: string;
  /** The Microsoft Entra (AAD) object id, a GUID. */
  aadObjectId: string;
  tenantId: string;
  email: string;
  userPrincipalName: string;
  givenName: string;
  surname: string;
};

export type TeamsUserInput = {
  aadObjectId: string;
  name: string;
  email?: string;
  userPrincipalName?: string;
  tenantId?: string;
  teamsUserId?: string;
  givenName?: string;
  surname?: string;
};

/** Just what an inbound activity needs from a user (the tenant defaults to TEAMS_TENANT_ID). */
export type ActivityUser = Pick<TeamsUser, "teamsUserId" | "name" | "aadObjectId"> & { tenantId?: string };

export type ConversationAccount = {
  id: string;
  conversationType: "personal" | "channel" | "groupChat";
  tenantId: string;
  isGroup?: boolean;
  name?: string;
};

/** An inbound activity in wire form; `JSON.stringify` it as the request body. */
export type InboundActivity = {
  type: string;
  id: string;
  timestamp: string;
  localTimestamp: string;
  localTimezone: string;
  channelId: "msteams";
  serviceUrl: string;
  from: { id: string; name: string; aadObjectId: string };
  recipient: { id: string; name: string };
  conversation: ConversationAccount;
  channelData: Record<string, unknown> & { tenant: { id: string } };
  locale: string;
  entities?: Record<string, unknown>[];
  text?: string;
  textFormat?: string;
  attachments?: { contentType: string; content?: unknown; name?: string; contentUrl?: string }[];
  replyToId?: string;
  name?: string;
  value?: unknown;
  action?: string;
  membersAdded?: { id: string; name?: string; aadObjectId?: string }[];
  membersRemoved?: { id: string; name?: string; aadObjectId?: string }[];
};

/** Options every builder takes. */
export type ActivityOptions = {
  /** The connector the bot answers to: the simulator's `url` ("http://127.0.0.1:PORT/"). */
  serviceUrl: string;
  tenantId?: string;
  /** The activity id; a fresh Teams-like message id (epoch milliseconds) when absent. */
  id?: string;
  timestamp?: Date;
  locale?: string;
  /** The bot's app id when not BOT_APP_ID. */
  botAppId?: string;
};

function digest(...parts: string[]): Buffer {
  return createHash("sha256").update(parts.join("\u0000")).digest();
}

/** The Teams user id Teams would give a user: "29:1" + an opaque base64url string. Deterministic. */
export function teamsUserIdFor(aadObjectId: string): string {
  return `29:1${digest("teams-user", aadObjectId.toLowerCase()).toString("base64url")}`;
}

/**
 * The id of the bot's 1:1 (personal) conversation with a user, "a:1…", as Teams gives it: stable per user,
 * tenant and bot. createConversation in the simulator returns this same id.
 */
export function personalConversationId(
  user: Pick<TeamsUser, "teamsUserId"> & { tenantId?: string },
  botAppId: string = BOT_APP_ID,
): string {
  const tenantId = user.tenantId ?? TEAMS_TENANT_ID;
  const a = digest("personal", tenantId, user.teamsUserId, botAppId);
  const b = digest("personal-2", tenantId, user.teamsUserId, botAppId);
  return `a:1${Buffer.concat([a, b]).toString("base64url")}`;
}

/** A complete user from the few facts a test cares about (names, email and UPN get sensible defaults). */
export function teamsUser(input: TeamsUserInput): TeamsUser {
  const [given = input.name, ...rest] = input.name.trim().split(/\s+/);
  const slug = input.name
    .normalize("NFD")
    .replace(/[^\p{Letter}\p{Number} ]/gu, "")
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ".");
  const email = input.email ?? `${slug || "gebruiker"}@zorgregio.example`;
  return {
    teamsUserId: input.teamsUserId ?? teamsUserIdFor(input.aadObjectId),
    name: input.name,
    aadObjectId: input.aadObjectId,
    tenantId: input.tenantId ?? TEAMS_TENANT_ID,
    email,
    userPrincipalName: input.userPrincipalName ?? email,
    givenName: input.givenName ?? given,
    surname: input.surname ?? rest.join(" "),
  };
}

let lastMessageId = 0;

/** Teams message ids are epoch milliseconds as a string; these are unique and increasing. */
export function newMessageId(): string {
  lastMessageId = Math.max(lastMessageId + 1, Date.now());
  return String(lastMessageId);
}

export function personalConversation(
  user: Pick<TeamsUser, "teamsUserId"> & { tenantId?: string },
  options: { tenantId?: string; botAppId?: string } = {},
): ConversationAccount {
  const tenantId = options.tenantId ?? user.tenantId ?? TEAMS_TENANT_ID;
  return {
    conversationType: "personal",
    tenantId,
    id: personalConversationId({ teamsUserId: user.teamsUserId, tenantId }, options.botAppId),
  };
}

/** A channel thread: the channel id plus ";messageid=" and the id of the thread's first message. */
export function channelConversation(
  channelId: string,
  threadRootId: string,
  tenantId: string = TEAMS_TENANT_ID,
): ConversationAccount {
  return {
    isGroup: true,
    conversationType: "channel",
    tenantId,
    id: `${channelId};messageid=${threadRootId}`,
  };
}

function localTimestamp(date: Date): string {
  // Teams sends the sender's wall-clock time with its offset, e.g. "2025-03-01T10:15:00.123+01:00".
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: TIMEZONE,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
    timeZoneName: "longOffset",
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const offset = get("timeZoneName").replace("GMT", "") || "+00:00";
  const ms = String(date.getUTCMilliseconds()).padStart(3, "0");
  return `${get("year")}-${get("month")}-${get("day")}T${get("hour")}:${get("minute")}:${get("second")}.${ms}${offset}`;
}

function base(
  type: string,
  user: ActivityUser,
  conversation: ConversationAccount,
  options: ActivityOptions,
  channelData: Record<string, unknown> = {},
): InboundActivity {
  const tenantId = options.tenantId ?? conversation.tenantId;
  const timestamp = options.timestamp ?? new Date();
  const locale = options.locale ?? DEFAULT_LOCALE;
  return {
    type,
    id: options.id ?? newMessageId(),
    timestamp: timestamp.toISOString(),
    localTimestamp: localTimestamp(timestamp),
    localTimezone: TIMEZONE,
    channelId: "msteams",
    serviceUrl: options.serviceUrl,
    from: { id: user.teamsUserId, name: user.name, aadObjectId: user.aadObjectId },
    recipient: { id: `28:${options.botAppId ?? BOT_APP_ID}`, name: BOT_NAME },
    conversation,
    channelData: { ...channelData, tenant: { id: tenantId } },
    locale,
    entities: [
      {
        type: "clientInfo",
        locale,
        country: locale.split("-")[1] ?? "NL",
        platform: "Web",
        timezone: TIMEZONE,
      },
    ],
  };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** A message the user typed in their 1:1 chat with the bot. */
export function personalMessage(user: ActivityUser, text: string, options: ActivityOptions): InboundActivity {
  const conversation = personalConversation(user, {
    tenantId: options.tenantId ?? user.tenantId ?? TEAMS_TENANT_ID,
    ...(options.botAppId ? { botAppId: options.botAppId } : {}),
  });
  return {
    ...base("message", user, conversation, options),
    text,
    textFormat: "plain",
    attachments: [{ contentType: "text/html", content: `<p>${escapeHtml(text)}</p>` }],
  };
}

export type ChannelMessageOptions = ActivityOptions & {
  teamId?: string;
  /** The channel ("19:…@thread.tacv2"); the General channel when absent. */
  channelId?: string;
  /** The thread's first message when this is a reply in a thread; otherwise the message starts its own. */
  threadRootId?: string;
  /** Teams only delivers channel messages that @mention the bot (default); false leaves the mention out. */
  mentionBot?: boolean;
};

/** A message in a team channel, by default @mentioning the bot as Teams requires for delivery. */
export function channelMessage(
  user: ActivityUser,
  text: string,
  options: ChannelMessageOptions,
): InboundActivity {
  const id = options.id ?? newMessageId();
  const teamId = options.teamId ?? TEAM_ID;
  const channelId = options.channelId ?? GENERAL_CHANNEL_ID;
  const tenantId = options.tenantId ?? user.tenantId ?? TEAMS_TENANT_ID;
  const conversation = channelConversation(channelId, options.threadRootId ?? id, tenantId);
  const activity = base(
    "message",
    user,
    conversation,
    { ...options, id },
    {
      teamsChannelId: channelId,
      teamsTeamId: teamId,
      channel: { id: channelId },
      team: { id: teamId },
    },
  );
  const mention = options.mentionBot !== false;
  const atText = `<at>${BOT_NAME}</at>`;
  const botId = `28:${options.botAppId ?? BOT_APP_ID}`;
  const html = mention
    ? `<p><span itemscope="" itemtype="http://schema.skype.com/Mention" itemid="0">${BOT_NAME}</span>&nbsp;${escapeHtml(text)}</p>`
    : `<p>${escapeHtml(text)}</p>`;
  return {
    ...activity,
    text: mention ? `${atText} ${text}` : text,
    textFormat: "plain",
    attachments: [{ contentType: "text/html", content: html }],
    entities: [
      ...(mention ? [{ type: "mention", mentioned: { id: botId, name: BOT_NAME }, text: atText }] : []),
      ...(activity.entities ?? []),
    ],
  };
}

export type Scope =
  | { scope: "personal" }
  | { scope: "team"; teamId?: string; teamName?: string; aadGroupId?: string };

function scopeParts(
  user: ActivityUser,
  scope: Scope,
  options: ActivityOptions,
): { conversation: ConversationAccount; channelData: Record<string, unknown> } {
  const tenantId = options.tenantId ?? user.tenantId ?? TEAMS_TENANT_ID;
  if (scope.scope === "personal") {
    return {
      conversation: personalConversation(user, {
        tenantId,
        ...(options.botAppId ? { botAppId: options.botAppId } : {}),
      }),
      channelData: {},
    };
  }
  const teamId = scope.teamId ?? TEAM_ID;
  return {
    // Team-scope events come in the team's General channel, whose id is the team id.
    conversation: { isGroup: true, conversationType: "channel", tenantId, id: teamId },
    channelData: {
      team: {
        id: teamId,
        name: scope.teamName ?? TEAM_NAME,
        aadGroupId: scope.aadGroupId ?? TEAM_AAD_GROUP_ID,
      },
    },
  };
}

/**
 * The bot was added: to the user's personal scope (the user installed the app) or to a team (by `user`).
 * `membersAdded` holds the bot itself, as Teams sends it.
 */
export function conversationUpdateBotAdded(
  user: ActivityUser,
  scope: Scope,
  options: ActivityOptions,
): InboundActivity {
  const { conversation, channelData } = scopeParts(user, scope, options);
  const activity = base("conversationUpdate", user, conversation, options, {
    ...channelData,
    ...(scope.scope === "team" ? { eventType: "teamMemberAdded" } : {}),
  });
  const { entities: _entities, ...rest } = activity;
  return { ...rest, membersAdded: [{ id: `28:${options.botAppId ?? BOT_APP_ID}` }] };
}

/** The app was installed ("add") or uninstalled ("remove") in the personal scope or in a team. */
export function installationUpdate(
  user: ActivityUser,
  action: "add" | "remove",
  options: ActivityOptions & { scope?: Scope },
): InboundActivity {
  const scope = options.scope ?? { scope: "personal" };
  const { conversation, channelData } = scopeParts(user, scope, options);
  const activity = base("installationUpdate", user, conversation, options, channelData);
  const { entities: _entities, ...rest } = activity;
  return { ...rest, action };
}

/**
 * The user pressed an Action.Execute button on an Adaptive Card the bot sent. `replyToId` is the id of the
 * message holding the card (what the connector answered when the bot sent it); `conversation` is where it
 * was (e.g. `personalConversation(user)` or `channelConversation(...)`).
 */
export function adaptiveCardAction(
  user: ActivityUser,
  action: { verb: string; data?: Record<string, unknown>; id?: string },
  options: ActivityOptions & { replyToId: string; conversation: ConversationAccount; teamId?: string },
): InboundActivity {
  const channelData: Record<string, unknown> = { source: { name: "message" } };
  if (options.conversation.conversationType === "channel") {
    const channelId = options.conversation.id.split(";")[0] ?? options.conversation.id;
    channelData.channel = { id: channelId };
    channelData.team = { id: options.teamId ?? TEAM_ID };
  }
  const activity = base("invoke", user, options.conversation, options, channelData);
  return {
    ...activity,
    name: "adaptiveCard/action",
    replyToId: options.replyToId,
    value: {
      action: {
        type: "Action.Execute",
        ...(action.id ? { id: action.id } : {}),
        verb: action.verb,
        data: action.data ?? {},
      },
      trigger: "manual",
    },
  };
}

/** A fresh AAD object id for a test user. */
export const newAadObjectId = (): string => randomUUID();
