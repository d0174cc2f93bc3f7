import { type Activity, type ConversationReference, TeamsInfo, TurnContext } from "botbuilder";
import type { IdentityKey } from "../../app/messenger.js";
import type { Locale } from "../../domain/vocabulary.js";

/**
 * What the rest of the Teams adapter needs to know about an incoming activity, read in one place:
 * who (tenant + AAD object id), where (personal chat, channel, group chat) and how to reach them later.
 */
export type TeamsTurn = {
  identity: IdentityKey | undefined;
  scope: "personal" | "channel" | "groupChat";
  tenantId: string;
  /** The channel itself (not the thread a message was posted in), or the chat. */
  conversationId: string;
  /** For proactive messages to this conversation; a channel's points at the channel, not a thread. */
  reference: Partial<ConversationReference>;
  /** The user's language as Teams reports it, for people the bot does not know yet. */
  clientLocale: Locale | undefined;
};

export function readTeamsTurn(activity: Activity): TeamsTurn {
  const channelData = (activity.channelData ?? {}) as {
    tenant?: { id?: string };
    channel?: { id?: string };
  };
  const tenantId = activity.conversation?.tenantId ?? channelData.tenant?.id ?? "";
  const type = activity.conversation?.conversationType;
  const scope = type === "channel" ? "channel" : type === "groupChat" ? "groupChat" : "personal";
  const conversationId =
    scope === "channel"
      ? (channelData.channel?.id ?? activity.conversation.id.split(";")[0] ?? activity.conversation.id)
      : activity.conversation.id;
  const reference = TurnContext.getConversationReference(activity);
  // A reference keeps only what a proactive message needs; never the text of the message itself.
  delete reference.activityId;
  if (reference.conversation) reference.conversation = { ...reference.conversation, id: conversationId };
  const aadObjectId = activity.from?.aadObjectId;
  const identity = aadObjectId
    ? { platform: "teams" as const, workspaceId: tenantId, userId: aadObjectId }
    : undefined;
  const locale = activity.locale?.toLowerCase();
  return {
    identity,
    scope,
    tenantId,
    conversationId,
    reference,
    clientLocale: locale?.startsWith("nl") ? "nl" : locale?.startsWith("en") ? "en" : undefined,
  };
}

/** The e-mail address and UPN Teams has for the sender (one call to the connector). */
export async function teamsEmailsOf(context: TurnContext): Promise<string[]> {
  const member = await TeamsInfo.getMember(context, context.activity.from.id);
  return [member.email, member.userPrincipalName].filter((e): e is string => typeof e === "string");
}
