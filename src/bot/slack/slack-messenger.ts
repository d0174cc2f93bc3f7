import type { KnownBlock } from "@slack/types";
import { ErrorCode, type WebClient } from "@slack/web-api";
import { DeliveryError, type DeliveryFailure, type MessageRef, type Messenger } from "../../app/messenger.js";
import type { Card } from "../../domain/cards/card.js";
import { renderSlackBlocks, slackFallbackText } from "../cards/render-slack.js";

// Slack errors after which retrying cannot help: the person or channel cannot be reached this way.
const UNREACHABLE = new Set([
  "channel_not_found",
  "user_not_found",
  "not_in_channel",
  "is_archived",
  "account_inactive",
  "user_disabled",
  "cannot_dm_bot",
  "messages_tab_disabled",
]);
const PERMANENT = new Set([
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "missing_scope",
  "invalid_blocks",
  "msg_too_long",
  "no_text",
  "message_not_found",
  "cant_update_message",
]);

/**
 * The Slack side of the Messenger port. The WebClient given here must not retry on its own
 * (`rejectRateLimitedCalls: true`, `retries: 0`): the outbox decides when to try again and remembers it.
 */
export function createSlackMessenger(client: WebClient): Messenger {
  const post = async (workspaceId: string, channel: string, card: Card): Promise<MessageRef> => {
    const result = await call(() =>
      client.chat.postMessage({ channel, text: slackFallbackText(card), blocks: slackBlocks(card) }),
    );
    return { platform: "slack", workspaceId, channel: result.channel as string, ts: result.ts as string };
  };
  return {
    platforms: ["slack"],
    sendToPerson(person, card) {
      const identity = person.identities.find((i) => i.platform === "slack");
      if (!identity) throw new DeliveryError({ kind: "unreachable", reason: "no Slack identity" });
      // Posting to a user id opens (or reuses) the bot's DM with that user.
      return post(identity.workspaceId, identity.userId, card);
    },
    sendToChannel: (channel, card) => post(channel.workspaceId, channel.channelId, card),
    async updateMessage(ref, card) {
      await call(() =>
        client.chat.update({
          channel: String(ref.channel),
          ts: String(ref.ts),
          text: slackFallbackText(card),
          blocks: slackBlocks(card),
        }),
      );
    },
  };
}

// The renderer builds plain objects; their shapes are Block Kit's (snapshot-tested).
const slackBlocks = (card: Card) => renderSlackBlocks(card) as unknown as KnownBlock[];

async function call<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (error) {
    throw new DeliveryError(classifySlackError(error));
  }
}

export function classifySlackError(error: unknown): DeliveryFailure {
  const coded = error as {
    code?: string;
    retryAfter?: number;
    statusCode?: number;
    data?: { error?: string };
  };
  switch (coded.code) {
    case ErrorCode.RateLimitedError:
      return { kind: "rate_limited", retryAfterMs: Math.max(1, coded.retryAfter ?? 1) * 1000 };
    case ErrorCode.HTTPError:
      return { kind: "transient", reason: `HTTP ${coded.statusCode}`, status: coded.statusCode };
    case ErrorCode.PlatformError: {
      const reason = coded.data?.error ?? "unknown";
      if (reason === "ratelimited") return { kind: "rate_limited", retryAfterMs: 1000 };
      if (UNREACHABLE.has(reason)) return { kind: "unreachable", reason };
      if (PERMANENT.has(reason)) return { kind: "permanent", reason };
      return { kind: "transient", reason };
    }
    default:
      return { kind: "transient", reason: error instanceof Error ? error.message : String(error) };
  }
}
