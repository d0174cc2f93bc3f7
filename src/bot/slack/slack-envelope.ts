import { parse as parseQueryString } from "node:querystring";
import { z } from "zod";

/*
 * What Slack POSTs to /slack/events, checked with zod before Bolt sees it: slash commands (a form), the
 * interactions we listen for (a form with one `payload` field holding JSON) and Events API envelopes (JSON).
 * Bolt gets only the top-level fields it and our listeners read, each checked: Bolt dereferences some of them
 * unguarded (a `channel: null` or a stray `event` key would crash it into a 500). Inside those, what Slack
 * sends passes through.
 */

const SlackId = z.string().min(1).max(255);
const UserSchema = z.looseObject({ id: SlackId, team_id: SlackId.optional() });
/** An org-wide app gets `team: null` in interactions: the user's team then says which workspace it is. */
const TeamSchema = z.looseObject({ id: SlackId }).nullable().optional();

/** Fields Bolt reads from every interaction: its app, the enterprise and where to respond. */
const interactionCommon = {
  api_app_id: z.string().optional(),
  enterprise: z.looseObject({ id: z.string().optional() }).nullable().optional(),
  is_enterprise_install: z.boolean().optional(),
  response_url: z.string().optional(),
  response_urls: z.array(z.looseObject({ response_url: z.string() })).optional(),
};

export const SlashCommandSchema = z.object({
  command: z.string().startsWith("/"),
  text: z.string().default(""),
  team_id: SlackId,
  user_id: SlackId,
  channel_id: SlackId,
  trigger_id: SlackId,
  api_app_id: z.string().optional(),
  enterprise_id: z.string().optional(),
  is_enterprise_install: z.string().optional(),
  response_url: z.string().optional(),
});
export type SlashCommand = z.infer<typeof SlashCommandSchema>;

export const BlockActionsSchema = z.object({
  ...interactionCommon,
  type: z.literal("block_actions"),
  user: UserSchema,
  team: TeamSchema,
  trigger_id: SlackId,
  actions: z.array(z.looseObject({ action_id: SlackId, value: z.string().optional() })).min(1),
  container: z.looseObject({ type: z.string() }).optional(),
  channel: z.looseObject({ id: SlackId }).optional(),
});
export type BlockActions = z.infer<typeof BlockActionsSchema>;

/** One input's state in a submitted modal, as readSlackFormValues reads it. */
const StateValueSchema = z.looseObject({
  type: z.string().optional(),
  value: z.string().nullable().optional(),
  selected_option: z.looseObject({ value: z.string() }).nullable().optional(),
  selected_options: z.array(z.looseObject({ value: z.string() })).optional(),
});

export const ViewSubmissionSchema = z.object({
  ...interactionCommon,
  type: z.literal("view_submission"),
  user: UserSchema,
  team: TeamSchema,
  trigger_id: SlackId.optional(),
  view: z.looseObject({
    id: SlackId,
    callback_id: z.string(),
    private_metadata: z.string().default(""),
    state: z.looseObject({ values: z.record(z.string(), z.record(z.string(), StateValueSchema)) }),
  }),
});
export type ViewSubmission = z.infer<typeof ViewSubmissionSchema>;

const EventCallbackSchema = z.looseObject({
  type: z.literal("event_callback"),
  event_id: SlackId,
  event: z.looseObject({ type: z.string().min(1) }),
});

const UrlVerificationSchema = z.looseObject({ type: z.literal("url_verification"), challenge: z.string() });

/** What a signed body turned out to be. */
export type SlackEnvelope =
  /** For Bolt: a request one of our listeners may want. */
  | { kind: "request"; body: Record<string, unknown> }
  /** The Events API's handshake when the request URL is saved: answered with the challenge. */
  | { kind: "url-verification"; challenge: string }
  /** Slack checking the certificate, or telling us it is holding events back: acknowledged, nothing else. */
  | { kind: "acknowledge" }
  /** A well-formed Slack request of a kind this app does not handle (a shortcut, a modal closed, …). */
  | { kind: "unhandled" }
  /** Not a Slack request at all, or one of ours with the wrong shape. */
  | { kind: "malformed" };

/** Classifies a signed body by its content type, as Slack sends it. Never throws. */
export function readSlackEnvelope(rawBody: string, contentType: string | undefined): SlackEnvelope {
  const type = (contentType ?? "").split(";")[0]?.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") return readForm(rawBody);
  if (type === "application/json") return readEvent(parseJson(rawBody));
  return { kind: "malformed" };
}

function readForm(rawBody: string): SlackEnvelope {
  const fields = parseQueryString(rawBody);
  if (fields.ssl_check !== undefined) return { kind: "acknowledge" };
  if (fields.payload !== undefined) {
    return typeof fields.payload === "string"
      ? readInteraction(parseJson(fields.payload))
      : { kind: "malformed" };
  }
  const command = SlashCommandSchema.safeParse(fields);
  return command.success ? { kind: "request", body: command.data } : { kind: "malformed" };
}

function readInteraction(payload: unknown): SlackEnvelope {
  const type = typeOf(payload);
  const schema =
    type === "block_actions"
      ? BlockActionsSchema
      : type === "view_submission"
        ? ViewSubmissionSchema
        : undefined;
  if (!schema) return type ? { kind: "unhandled" } : { kind: "malformed" };
  const parsed = schema.safeParse(payload);
  return parsed.success ? { kind: "request", body: parsed.data } : { kind: "malformed" };
}

function readEvent(envelope: unknown): SlackEnvelope {
  switch (typeOf(envelope)) {
    case "url_verification": {
      const parsed = UrlVerificationSchema.safeParse(envelope);
      return parsed.success
        ? { kind: "url-verification", challenge: parsed.data.challenge }
        : { kind: "malformed" };
    }
    // The app subscribes to no events: a well-formed one is acknowledged (so Slack does not resend it) and
    // goes no further. A listener added later would hand it to Bolt here, after checking what it reads.
    case "event_callback":
      return EventCallbackSchema.safeParse(envelope).success
        ? { kind: "acknowledge" }
        : { kind: "malformed" };
    case "app_rate_limited":
      return { kind: "acknowledge" };
    default:
      return { kind: "malformed" };
  }
}

/** The `type` of a JSON object, when it has a string one. */
function typeOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const type = (value as { type?: unknown }).type;
  return typeof type === "string" && type !== "" ? type : undefined;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
