import { createHmac, randomBytes } from "node:crypto";

/*
 * Slack's own requests to the bot — slash commands, interactions, Events API deliveries — built with the
 * shapes Slack documents and signed exactly as Slack signs them:
 *   X-Slack-Request-Timestamp: <unix seconds>
 *   X-Slack-Signature: v0=<hex HMAC-SHA256(signing secret, "v0:<timestamp>:<raw body>")>
 * (https://docs.slack.dev/authentication/verifying-requests-from-slack). Redeliveries of events carry
 * X-Slack-Retry-Num and X-Slack-Retry-Reason.
 *
 * Every builder mints fresh ids (trigger_id, action_ts, event_id, …) unless given. trigger_ids look like
 * Slack's ("<digits>.<digits>.<hex>") with the issue time in milliseconds as first part, which the simulator
 * uses to expire them after 3 s like Slack does. The default response_url points at a closed local port
 * (nothing leaves the machine): pass `sim.responseUrl(...)` to see what the bot sends there.
 */

export type SlackRequestOptions = {
  /** Adds X-Slack-Retry-Num (and X-Slack-Retry-Reason, default "http_timeout") like a redelivery. */
  retryNum?: number;
  retryReason?: string;
  /** Signs as if sent at this time (default: now). Bolt refuses timestamps more than 5 minutes off. */
  timestampSeconds?: number;
  /** Signs with the wrong secret, so verification must fail. */
  badSignature?: boolean;
  /** Extra headers, after the Slack ones. */
  headers?: Record<string, string>;
};

export type SlashCommandFields = {
  command?: string;
  text: string;
  user_id: string;
  team_id: string;
  channel_id: string;
  trigger_id?: string;
  response_url?: string;
  [field: string]: string | undefined;
};

export const SLACK_USER_AGENT = "Slackbot 1.0 (+https://api.slack.com/robots)";
export const DEFAULT_APP_ID = "A0SIMAPP01";
export const DEFAULT_BOT_USER_ID = "U0SIMBOT01";
export const DEFAULT_BOT_ID = "B0SIMBOT01";
/** Nothing listens on port 1: a response_url that fails fast and stays on this machine. */
const DEAD_ORIGIN = "http://127.0.0.1:1";

let sequence = 0;

function digits(count: number): string {
  let out = "";
  for (const byte of randomBytes(count)) out += String(byte % 10);
  return out.replace(/^0/, "1");
}

function upperId(prefix: string, length = 10): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  let out = prefix;
  for (const byte of randomBytes(length)) out += alphabet[byte % alphabet.length];
  return out;
}

/** A trigger_id like Slack's; its first part is the issue time, so the simulator can expire it. */
export function newTriggerId(issuedAtMs = Date.now()): string {
  sequence += 1;
  return `${issuedAtMs}.${digits(9)}${sequence}.${randomBytes(12).toString("hex")}`;
}

/** A message/action timestamp in Slack's "seconds.micros" form, unique within this process. */
export function newSlackTs(at = Date.now()): string {
  sequence += 1;
  const micros = (at % 1000) * 1000 + (sequence % 1000);
  return `${Math.floor(at / 1000)}.${String(micros).padStart(6, "0")}`;
}

export function newViewId(): string {
  return upperId("V");
}

export function newEventId(): string {
  return upperId("Ev", 10);
}

export function deadResponseUrl(kind: "commands" | "actions", teamId: string): string {
  return `${DEAD_ORIGIN}/${kind}/${teamId}/${digits(13)}/${randomBytes(12).toString("hex")}`;
}

/** The v0 signature of `body` sent at `timestampSeconds`. */
export function slackSignature(secret: string, body: string, timestampSeconds: number): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestampSeconds}:${body}`).digest("hex")}`;
}

/** The two headers Slack adds to every request, for `body` exactly as it goes over the wire. */
export function signSlackBody(
  secret: string,
  body: string,
  timestampSeconds = Math.floor(Date.now() / 1000),
): Record<string, string> {
  return {
    "X-Slack-Request-Timestamp": String(timestampSeconds),
    "X-Slack-Signature": slackSignature(secret, body, timestampSeconds),
  };
}

async function sendSigned(
  url: string,
  secret: string,
  body: string,
  contentType: string,
  opts: SlackRequestOptions,
): Promise<Response> {
  const timestamp = opts.timestampSeconds ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "Content-Type": contentType,
    "User-Agent": SLACK_USER_AGENT,
    Accept: "application/json,*/*",
    ...signSlackBody(opts.badSignature ? `not-${secret}` : secret, body, timestamp),
  };
  if (opts.retryNum !== undefined) {
    headers["X-Slack-Retry-Num"] = String(opts.retryNum);
    headers["X-Slack-Retry-Reason"] = opts.retryReason ?? "http_timeout";
  }
  Object.assign(headers, opts.headers);
  return fetch(url, { method: "POST", headers, body });
}

/** The form fields Slack posts for a slash command, defaults filled in, in Slack's order. */
export function slashCommandFields(fields: SlashCommandFields): Record<string, string> {
  const { command, text, user_id, team_id, channel_id, trigger_id, response_url, ...rest } = fields;
  const out: Record<string, string> = {
    token: "deprecatedVerificationToken",
    team_id,
    team_domain: team_id.toLowerCase(),
    channel_id,
    channel_name: channel_id.startsWith("D") ? "directmessage" : "general",
    user_id,
    user_name: user_id.toLowerCase(),
    command: command ?? "/regiotafel",
    text,
    api_app_id: DEFAULT_APP_ID,
    is_enterprise_install: "false",
    response_url: response_url ?? deadResponseUrl("commands", team_id),
    trigger_id: trigger_id ?? newTriggerId(),
  };
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) out[key] = value;
  return out;
}

/** POSTs a slash command form-encoded, as Slack does. */
export function postSlashCommand(
  url: string,
  secret: string,
  fields: SlashCommandFields,
  opts: SlackRequestOptions = {},
): Promise<Response> {
  const body = new URLSearchParams(slashCommandFields(fields)).toString();
  return sendSigned(url, secret, body, "application/x-www-form-urlencoded", opts);
}

/** POSTs an interaction payload as the form field `payload` holding JSON, as Slack does. */
export function postInteraction(
  url: string,
  secret: string,
  payload: Record<string, unknown>,
  opts: SlackRequestOptions = {},
): Promise<Response> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return sendSigned(url, secret, body, "application/x-www-form-urlencoded", opts);
}

/** POSTs an Events API envelope as a JSON body, as Slack does. */
export function postEvent(
  url: string,
  secret: string,
  envelope: Record<string, unknown>,
  opts: SlackRequestOptions = {},
): Promise<Response> {
  return sendSigned(url, secret, JSON.stringify(envelope), "application/json", opts);
}

type Common = {
  userId: string;
  teamId: string;
  userName?: string;
  apiAppId?: string;
  /** Shallow-merged over the built payload. */
  overrides?: Record<string, unknown>;
};

/**
 * A block_actions payload (a button click by default). With `view` the action happened inside that modal
 * (container type "view"); otherwise inside a message in `channelId` (container type "message").
 */
export function blockActionsPayload(
  o: Common & {
    actionId: string;
    value?: string;
    blockId?: string;
    channelId?: string;
    messageTs?: string;
    triggerId?: string;
    responseUrl?: string;
    /** Element type, default "button"; put select/datepicker fields in `action`. */
    actionType?: string;
    action?: Record<string, unknown>;
    /** The message the action was in (what the bot posted), default a minimal bot message. */
    message?: Record<string, unknown>;
    /** The view the action was in, e.g. `sim.views[0].view`. */
    view?: Record<string, unknown>;
    state?: Record<string, Record<string, unknown>>;
  },
): Record<string, unknown> {
  const user = {
    id: o.userId,
    username: o.userName ?? o.userId.toLowerCase(),
    name: o.userName ?? o.userId.toLowerCase(),
    team_id: o.teamId,
  };
  const actionTs = newSlackTs();
  const action: Record<string, unknown> = {
    type: o.actionType ?? "button",
    action_id: o.actionId,
    block_id: o.blockId ?? upperId("b", 4).toLowerCase(),
    ...(o.actionType === undefined || o.actionType === "button"
      ? { text: { type: "plain_text", text: o.actionId, emoji: true } }
      : {}),
    ...(o.value !== undefined ? { value: o.value } : {}),
    action_ts: actionTs,
    ...o.action,
  };
  const common = {
    type: "block_actions",
    user,
    api_app_id: o.apiAppId ?? DEFAULT_APP_ID,
    token: "deprecatedVerificationToken",
    trigger_id: o.triggerId ?? newTriggerId(),
    team: { id: o.teamId, domain: o.teamId.toLowerCase() },
    enterprise: null,
    is_enterprise_install: false,
  };
  let payload: Record<string, unknown>;
  if (o.view) {
    const viewId = typeof o.view.id === "string" ? o.view.id : newViewId();
    payload = {
      ...common,
      container: { type: "view", view_id: viewId },
      view: { ...o.view, id: viewId, state: { values: o.state ?? {} } },
      actions: [action],
    };
  } else {
    const channelId = o.channelId ?? "C0SIMCHAN1";
    const messageTs = o.messageTs ?? newSlackTs();
    payload = {
      ...common,
      container: { type: "message", message_ts: messageTs, channel_id: channelId, is_ephemeral: false },
      channel: { id: channelId, name: channelId.startsWith("D") ? "directmessage" : "general" },
      message: o.message ?? {
        type: "message",
        subtype: "bot_message",
        text: "",
        ts: messageTs,
        bot_id: DEFAULT_BOT_ID,
        user: DEFAULT_BOT_USER_ID,
        app_id: o.apiAppId ?? DEFAULT_APP_ID,
        team: o.teamId,
        blocks: [],
      },
      state: { values: o.state ?? {} },
      response_url: o.responseUrl ?? deadResponseUrl("actions", o.teamId),
      actions: [action],
    };
  }
  return { ...payload, ...o.overrides };
}

/**
 * A view_submission payload. `values` is view.state.values as Slack sends it:
 * `{ [blockId]: { [actionId]: { type: "plain_text_input", value: "…" } } }`.
 * Pass `view` (e.g. `sim.views[0].view`) to submit the modal the bot opened, with its id and hash.
 */
export function viewSubmissionPayload(
  o: Common & {
    callbackId: string;
    privateMetadata?: string;
    values: Record<string, Record<string, unknown>>;
    viewId?: string;
    triggerId?: string;
    view?: Record<string, unknown>;
    responseUrls?: { block_id: string; action_id: string; channel_id: string; response_url: string }[];
  },
): Record<string, unknown> {
  const base = o.view ?? {};
  const viewId = o.viewId ?? (typeof base.id === "string" ? base.id : newViewId());
  const view: Record<string, unknown> = {
    id: viewId,
    team_id: o.teamId,
    type: "modal",
    blocks: [],
    private_metadata: "",
    hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`,
    title: { type: "plain_text", text: "Modal", emoji: true },
    clear_on_close: false,
    notify_on_close: false,
    close: null,
    submit: { type: "plain_text", text: "Submit", emoji: true },
    previous_view_id: null,
    root_view_id: viewId,
    app_id: o.apiAppId ?? DEFAULT_APP_ID,
    external_id: "",
    app_installed_team_id: o.teamId,
    bot_id: DEFAULT_BOT_ID,
    ...base,
    ...(o.privateMetadata !== undefined ? { private_metadata: o.privateMetadata } : {}),
    callback_id: o.callbackId,
    state: { values: o.values },
  };
  view.id = viewId;
  return {
    type: "view_submission",
    team: { id: o.teamId, domain: o.teamId.toLowerCase() },
    user: {
      id: o.userId,
      username: o.userName ?? o.userId.toLowerCase(),
      name: o.userName ?? o.userId.toLowerCase(),
      team_id: o.teamId,
    },
    api_app_id: o.apiAppId ?? DEFAULT_APP_ID,
    token: "deprecatedVerificationToken",
    trigger_id: o.triggerId ?? newTriggerId(),
    view,
    response_urls: o.responseUrls ?? [],
    is_enterprise_install: false,
    enterprise: null,
    ...o.overrides,
  };
}

/** An Events API `event_callback` envelope around `event` (its event_ts filled in if missing). */
export function eventCallbackEnvelope(o: {
  teamId: string;
  event: Record<string, unknown>;
  eventId?: string;
  eventTime?: number;
  apiAppId?: string;
  botUserId?: string;
  overrides?: Record<string, unknown>;
}): Record<string, unknown> {
  const eventTime = o.eventTime ?? Math.floor(Date.now() / 1000);
  return {
    token: "deprecatedVerificationToken",
    team_id: o.teamId,
    api_app_id: o.apiAppId ?? DEFAULT_APP_ID,
    event: { event_ts: newSlackTs(eventTime * 1000), ...o.event },
    type: "event_callback",
    event_id: o.eventId ?? newEventId(),
    event_time: eventTime,
    authorizations: [
      {
        enterprise_id: null,
        team_id: o.teamId,
        user_id: o.botUserId ?? DEFAULT_BOT_USER_ID,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
    event_context: `4-${randomBytes(24).toString("base64url")}`,
    ...o.overrides,
  };
}

/** The `url_verification` handshake Slack sends when the Events request URL is saved. */
export function urlVerificationEnvelope(
  challenge = randomBytes(24).toString("base64url"),
): Record<string, unknown> {
  return { token: "deprecatedVerificationToken", challenge, type: "url_verification" };
}
