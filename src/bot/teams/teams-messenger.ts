import type { TeamsAdapter } from "@microsoft/teams-ai";
import type { Activity, BotAdapter, ConversationReference, TurnContext } from "botbuilder";
import { z } from "zod";
import { DeliveryError, type DeliveryFailure, type MessageRef, type Messenger } from "../../app/messenger.js";
import type { Card } from "../../domain/cards/card.js";
import { liveCard } from "../cards/adaptive-reply.js";
import { renderAdaptiveCard } from "../cards/render-adaptive.js";
import { adaptiveCardActivity } from "./card-activity.js";

/** The public cloud's Bot Connector audience, for the token of proactive calls when authentication is on. */
const BOT_CONNECTOR_AUDIENCE = "https://api.botframework.com";

/** What the bot stored of a conversation (see `readTeamsTurn`); validated, because it comes from the database. */
const StoredReferenceSchema = z
  .object({
    serviceUrl: z.string().url(),
    channelId: z.string().default("msteams"),
    bot: z.object({ id: z.string(), name: z.string().optional() }).passthrough().optional(),
    user: z.object({ id: z.string() }).passthrough().optional(),
    conversation: z
      .object({ id: z.string(), tenantId: z.string().optional(), conversationType: z.string().optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

const TeamsMessageRefSchema = z.object({
  platform: z.literal("teams"),
  reference: StoredReferenceSchema,
  activityId: z.string(),
  /** The recipient's Teams user id in a personal chat, so an updated card still refreshes for them. */
  teamsUserId: z.string().optional(),
});

/**
 * The Teams side of the Messenger port: proactive messages from stored conversation references (a person's
 * 1:1 chat, or a new one created in their tenant), channel posts, and card updates. Errors become delivery
 * failures; the outbox decides what to do next. Nothing here retries (botbuilder's HTTP client itself waits out
 * up to three 429s and retries 5xx answers before a failure reaches this code).
 */
export function createTeamsMessenger(
  adapter: TeamsAdapter,
  botAppId: string,
  options: {
    /** Any conversation the bot has in this tenant: where to open a 1:1 chat with someone imported in advance. */
    tenantReference?: (tenantId: string) => Promise<unknown>;
  } = {},
): Messenger {
  // A card refreshes for its one recipient; where there is none (a channel) it is sent as it is.
  const cardActivity = (card: Card, teamsUserId?: string): Partial<Activity> =>
    adaptiveCardActivity(
      teamsUserId ? liveCard(card, { refreshUserId: teamsUserId }) : renderAdaptiveCard(card),
      card.fallbackText,
    );

  async function sendTo(reference: z.infer<typeof StoredReferenceSchema>, activity: Partial<Activity>) {
    let id: string | undefined;
    await proactive(
      (logic) =>
        adapter.continueConversationAsync(botAppId, reference as Partial<ConversationReference>, logic),
      async (context) => {
        id = (await context.sendActivity(activity))?.id;
      },
    );
    if (!id) throw new DeliveryError({ kind: "transient", reason: "Teams returned no activity id" });
    return id;
  }

  return {
    platforms: ["teams"],
    async sendToPerson(person, card) {
      const identity = person.identities.find((i) => i.platform === "teams");
      if (!identity) throw new DeliveryError({ kind: "unreachable", reason: "no Teams identity" });
      let stored = StoredReferenceSchema.safeParse(identity.conversationReference);
      if (!stored.success && options.tenantReference) {
        // Imported with their Teams ids but never seen: the tenant's connector, without anyone else's chat.
        const tenant = StoredReferenceSchema.safeParse(await options.tenantReference(identity.workspaceId));
        if (tenant.success) {
          stored = StoredReferenceSchema.safeParse({
            ...tenant.data,
            user: undefined,
            conversation: undefined,
          });
        }
      }
      if (!stored.success) {
        throw new DeliveryError({
          kind: "unreachable",
          reason: "no Teams conversation known for this person",
        });
      }
      const reference = stored.data;
      const teamsUserId = reference.conversation ? reference.user?.id : undefined;
      const activity = cardActivity(card, teamsUserId);
      if (reference.conversation) {
        const activityId = await sendTo(reference, activity);
        return ref(identity.workspaceId, reference, activityId, teamsUserId);
      }
      // Known in the tenant (from a team) but never chatted with the bot: open the 1:1 chat.
      const created = await sendInPersonalChat(
        adapter,
        botAppId,
        {
          serviceUrl: reference.serviceUrl,
          channelId: reference.channelId,
          bot: reference.bot,
          userId: reference.user?.id ?? identity.userId,
          tenantId: identity.workspaceId,
        },
        activity,
      );
      const createdReference = { ...reference, conversation: { ...created.conversation } };
      return ref(identity.workspaceId, createdReference, created.activityId, undefined);
    },
    async sendToChannel(channel, card) {
      const stored = StoredReferenceSchema.safeParse(channel.conversationReference);
      if (!stored.success || !stored.data.conversation) {
        throw new DeliveryError({
          kind: "permanent",
          reason: "no Teams conversation reference for this channel",
        });
      }
      const activityId = await sendTo(stored.data, cardActivity(card));
      return ref(channel.workspaceId, stored.data, activityId, undefined);
    },
    async updateMessage(messageRef, card) {
      const parsed = TeamsMessageRefSchema.safeParse(messageRef);
      if (!parsed.success)
        throw new DeliveryError({ kind: "permanent", reason: "not a Teams message reference" });
      const { reference, activityId, teamsUserId } = parsed.data;
      await proactive(
        (logic) =>
          adapter.continueConversationAsync(botAppId, reference as Partial<ConversationReference>, logic),
        async (context) => {
          await context.updateActivity({ ...cardActivity(card, teamsUserId), id: activityId });
        },
      );
    },
  };
}

/** Where a personal chat with someone can be opened: their tenant's connector, and who they are there. */
export type PersonalChatTarget = {
  serviceUrl: string;
  channelId: string;
  bot: { id: string; name?: string } | undefined;
  /** Their Teams user id ("29:…") or AAD object id: Teams accepts either. */
  userId: string;
  tenantId: string;
};

/**
 * Sends one activity in the bot's 1:1 chat with a person, opening it first. Teams returns the existing chat
 * when there is one, so this never makes a second chat (and a retry is harmless). Failures are DeliveryErrors;
 * a 403 means Teams will not let the bot talk to them personally (the app is not installed for them).
 */
export async function sendInPersonalChat(
  adapter: Pick<BotAdapter, "createConversationAsync">,
  botAppId: string,
  target: PersonalChatTarget,
  activity: Partial<Activity>,
): Promise<{ conversation: { id: string } & Record<string, unknown>; activityId: string }> {
  let created: { conversation: { id: string } & Record<string, unknown>; activityId: string } | undefined;
  await proactive(
    (logic) =>
      adapter.createConversationAsync(
        botAppId,
        target.channelId,
        target.serviceUrl,
        BOT_CONNECTOR_AUDIENCE,
        {
          isGroup: false,
          bot: target.bot as never,
          members: [{ id: target.userId, name: "" }],
          tenantId: target.tenantId,
          channelData: { tenant: { id: target.tenantId } },
        } as never,
        logic,
      ),
    async (context) => {
      const sent = await context.sendActivity(activity);
      const conversation = context.activity.conversation;
      if (sent?.id && conversation) created = { conversation: { ...conversation }, activityId: sent.id };
    },
  );
  if (!created) throw new DeliveryError({ kind: "transient", reason: "Teams returned no conversation" });
  return created;
}

function ref(
  workspaceId: string,
  reference: z.infer<typeof StoredReferenceSchema>,
  activityId: string,
  teamsUserId: string | undefined,
): MessageRef {
  return { platform: "teams", workspaceId, reference, activityId, ...(teamsUserId ? { teamsUserId } : {}) };
}

/**
 * A proactive turn whose failures reach the outbox. The adapter hands whatever a turn's logic throws to its
 * onTurnError (the Application's error handler, which logs it and carries on), so the logic keeps its own
 * error and it is thrown here once the adapter returns; errors before the turn (createConversation) come
 * straight from the adapter.
 */
async function proactive(
  start: (logic: (context: TurnContext) => Promise<void>) => Promise<unknown>,
  logic: (context: TurnContext) => Promise<void>,
): Promise<void> {
  let failed: { error: unknown } | undefined;
  try {
    await start(async (context) => {
      try {
        await logic(context);
      } catch (error) {
        failed = { error };
      }
    });
  } catch (error) {
    throw new DeliveryError(classifyTeamsError(error));
  }
  if (failed) throw new DeliveryError(classifyTeamsError(failed.error));
}

/**
 * Teams' answers, as botbuilder's REST client surfaces them (`statusCode`, `response.headers`,
 * `response.bodyAsText` or `body`): 429 waits for Retry-After; 403 means the person or channel cannot be
 * reached by the bot (disabled by the tenant admin, not in the conversation, blocked by the user), which no
 * retry changes; 412, 5xx and network errors are worth another try.
 */
export function classifyTeamsError(error: unknown): DeliveryFailure {
  const rest = error as {
    statusCode?: number;
    code?: string;
    message?: string;
    response?: { headers?: { get?: (name: string) => string | undefined }; bodyAsText?: string | null };
    body?: unknown;
  };
  const status = rest.statusCode;
  const code = teamsErrorCode(rest) ?? rest.code ?? "";
  if (status === 429) {
    const header = rest.response?.headers?.get?.("retry-after");
    const seconds = Number(header);
    const retryAfterMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 1000;
    return { kind: "rate_limited", retryAfterMs };
  }
  if (status === 403) return { kind: "unreachable", reason: `HTTP 403 ${code}`.trim() };
  // The conversation is gone (a deleted chat); a missing activity (a deleted card) is only that message's end.
  if (status === 404 && /ConversationNotFound/i.test(code)) {
    return { kind: "unreachable", reason: `HTTP 404 ${code}`.trim() };
  }
  if (status === 400 || status === 401 || status === 404 || status === 413) {
    return { kind: "permanent", reason: `HTTP ${status} ${code}`.trim() };
  }
  if (status !== undefined) return { kind: "transient", reason: `HTTP ${status} ${code}`.trim(), status };
  return { kind: "transient", reason: rest.message ?? String(error) };
}

function teamsErrorCode(rest: {
  response?: { bodyAsText?: string | null };
  body?: unknown;
}): string | undefined {
  const fromBody = (body: unknown) => (body as { error?: { code?: unknown } } | undefined)?.error?.code;
  const direct = fromBody(rest.body);
  if (typeof direct === "string") return direct;
  try {
    const parsed = fromBody(JSON.parse(rest.response?.bodyAsText ?? ""));
    return typeof parsed === "string" ? parsed : undefined;
  } catch {
    return undefined;
  }
}
