import type { Activity, TurnContext } from "botbuilder";
import type { InboundReply } from "../../app/inbound/inbound-turn.js";
import { pick } from "../../domain/i18n.js";
import type { Locale } from "../../domain/vocabulary.js";
import type { Logger } from "../../logger.js";
import { sendInPersonalChat } from "./teams-messenger.js";
import { readTeamsTurn } from "./teams-turn.js";

/*
 * Teams has no message that only one member of a channel sees (Slack's ephemeral). A reply meant for one
 * person (a question with buttons, a refusal, a listing, help) is therefore sent in their personal chat with
 * the bot, and the channel thread gets one neutral line, so the person knows the bot heard them and where to
 * look, and the others learn nothing of what was said.
 */

/** Whether a reply to a typed line is for the one who typed it. Our own failures say nothing personal. */
export function isPersonalReply(reply: InboundReply): boolean {
  if (reply.kind === "message") return reply.visibility === "private";
  if (reply.kind === "refusal") return reply.reason !== "ours";
  return false;
}

/**
 * Answers in the conversation the activity came from, or, for a personal reply in a channel or group chat,
 * in the sender's personal chat (opened at the activity's connector) with a note in the thread.
 */
export async function answerWhereMeant(
  context: TurnContext,
  input: {
    reply: InboundReply;
    locale: Locale;
    activity: Partial<Activity>;
    botAppId: string;
    logger: Logger;
  },
): Promise<void> {
  const turn = readTeamsTurn(context.activity);
  if (turn.scope === "personal" || !isPersonalReply(input.reply)) {
    await context.sendActivity(input.activity);
    return;
  }
  const { activity: incoming } = context;
  const sent = await sendInPersonalChat(
    context.adapter,
    input.botAppId,
    {
      serviceUrl: incoming.serviceUrl,
      channelId: incoming.channelId,
      bot: incoming.recipient,
      userId: incoming.from.id,
      tenantId: turn.tenantId,
    },
    input.activity,
  ).then(
    () => true,
    (error: unknown) => {
      input.logger.warn({ err: error }, "Teams: persoonlijk antwoord kon niet privé worden verstuurd");
      return false;
    },
  );
  await context.sendActivity({
    type: "message",
    text: sent ? privatelySentNote(input.locale) : notPrivatelySentNote(input.locale),
    textFormat: "markdown",
  });
}

export const privatelySentNote = (locale: Locale) =>
  pick(locale, {
    nl: "Ik heb u mijn antwoord in een privébericht gestuurd.",
    en: "I have sent you my answer in a private message.",
  });

/** Said in the channel instead of the answer: what to do, without what the answer was. */
export const notPrivatelySentNote = (locale: Locale) =>
  pick(locale, {
    nl: "Ik kon u geen privébericht sturen. Open de chat met Regiotafel (onder Apps in Teams) en probeer het daar opnieuw.",
    en: "I could not send you a private message. Please open the chat with Regiotafel (under Apps in Teams) and try again there.",
  });
