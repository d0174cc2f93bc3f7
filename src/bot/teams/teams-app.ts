import { Application, TeamsAdapter } from "@microsoft/teams-ai";
import {
  ActivityTypes,
  CallerIdConstants,
  ConfigurationServiceClientCredentialFactory,
  INVOKE_RESPONSE_KEY,
  StatusCodes,
  TeamsInfo,
  type TurnContext,
} from "botbuilder";
import { AuthenticationError } from "botframework-connector";
import express, { type NextFunction, type Request, type Response, type Router } from "express";
import { ADAPTIVE_CARD_VERBS } from "../../app/inbound/dispatch-turn.js";
import { handleTurn, type InboundDependencies } from "../../app/inbound/handle-turn.js";
import type { InboundReply, InboundTurn, TurnRequest } from "../../app/inbound/inbound-turn.js";
import { forgetPlatformConversation } from "../../app/platform-contact.js";
import type { Card } from "../../domain/cards/card.js";
import { noticeCard, SURVEY_SUBMIT_ACTION } from "../../domain/cards/survey-cards.js";
import { temporaryFailureMessage } from "../../domain/user-errors.js";
import type { Locale } from "../../domain/vocabulary.js";
import { adaptiveCardReply } from "../cards/adaptive-reply.js";
import { renderAdaptiveCard, toAdaptiveMarkdown } from "../cards/render-adaptive.js";
import { adaptiveCardActivity } from "./card-activity.js";
import { answerWhereMeant } from "./private-reply.js";
import { TeamsActivitySchema } from "./teams-activity.js";
import { readTeamsTurn, teamsEmailsOf } from "./teams-turn.js";

export type TeamsAuth = {
  appId: string;
  appPassword: string;
  tenantId: string | undefined;
  /**
   * Where the keys that sign inbound tokens are published (an OpenID configuration document). Undefined in
   * production: the Bot Framework's (and Entra's, for Emulator tokens). Tests point it at a local one.
   */
  openIdMetadataUrl?: string;
};

export type TeamsBotDependencies = InboundDependencies & {
  /** Bot Framework authentication; undefined turns it off (local mode, the Agents Playground, tests). */
  auth: TeamsAuth | undefined;
  /** The sender's e-mail addresses as Teams knows them (one connector call); replaced by handler tests. */
  emailsOf?: (context: TurnContext) => Promise<string[]>;
};

/** The adapter, shared by the HTTP endpoint and the Teams messenger (proactive messages). */
export function createTeamsAdapter(auth: TeamsAuth | undefined): TeamsAdapter {
  const settings = auth
    ? {
        MicrosoftAppId: auth.appId,
        MicrosoftAppPassword: auth.appPassword,
        MicrosoftAppType: auth.tenantId ? "SingleTenant" : "MultiTenant",
        MicrosoftAppTenantId: auth.tenantId,
      }
    : {};
  // Setting any endpoint makes botbuilder take every one of them from the settings; these are the public
  // cloud's (botframework-connector's AuthenticationConstants), with only the signing keys elsewhere.
  const keys = auth?.openIdMetadataUrl
    ? {
        ToChannelFromBotLoginUrl: "https://login.microsoftonline.com/botframework.com",
        ToChannelFromBotOAuthScope: "https://api.botframework.com",
        ToBotFromChannelTokenIssuer: "https://api.botframework.com",
        OAuthUrl: "https://api.botframework.com",
        ToBotFromChannelOpenIdMetadataUrl: auth.openIdMetadataUrl,
        ToBotFromEmulatorOpenIdMetadataUrl: auth.openIdMetadataUrl,
        CallerId: CallerIdConstants.PublicAzureChannel,
      }
    : {};
  return new RegiotafelTeamsAdapter(
    { ...settings, ...keys },
    new ConfigurationServiceClientCredentialFactory(settings),
  );
}

/**
 * botbuilder answers 401 only for its own AuthenticationError; a token with a bad signature or an expired one
 * fails inside jsonwebtoken with that library's errors and would be answered 500. Either way it is a request
 * that is not authorised.
 */
class RegiotafelTeamsAdapter extends TeamsAdapter {
  // biome-ignore lint/suspicious/noExplicitAny: the overloads of CloudAdapter.processActivity, passed through
  override async processActivity(...args: any[]): Promise<any> {
    try {
      return await (super.processActivity as (...a: unknown[]) => Promise<unknown>)(...args);
    } catch (error) {
      if (JWT_ERRORS.has((error as Error)?.name)) {
        throw new AuthenticationError(`Unauthorized: ${(error as Error).message}`, StatusCodes.UNAUTHORIZED);
      }
      throw error;
    }
  }
}
const JWT_ERRORS = new Set(["JsonWebTokenError", "TokenExpiredError", "NotBeforeError"]);

/**
 * Teams AI at POST /api/messages. The activity is checked with zod first (a malformed one is a 400, before
 * botbuilder could fail on it with a 500); then botbuilder checks the token and the Application routes it.
 * Each handler makes an inbound turn of the activity, the pipeline answers it, and the handler renders.
 */
export function createTeamsRouter(deps: TeamsBotDependencies & { adapter: TeamsAdapter }): Router {
  const { ctx, adapter, logger } = deps;
  const app = new Application({
    adapter,
    botAppId: deps.auth?.appId ?? "",
    // Replies are immediate; a typing indicator would be one more call to Teams per message.
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  registerTeamsHandlers(app, deps);
  // Only for what the pipeline could not turn into an answer itself (a bug, Teams refusing our reply).
  app.error(async (context, error) => {
    logger.error({ err: error }, "Teams-activiteit mislukt");
    if (context.activity.type === ActivityTypes.Message) {
      const locale = readTeamsTurn(context.activity).clientLocale ?? ctx.locale;
      await context.sendActivity(temporaryFailureMessage(locale)).catch(() => {});
    }
  });

  const router = express.Router();
  router.post("/api/messages", express.json({ limit: "1mb" }), async (req, res) => {
    if (!TeamsActivitySchema.safeParse(req.body).success) return void res.status(400).end();
    await adapter.process(req, res, (context) => app.run(context).then(() => undefined));
  });
  // A body that is not JSON at all (express.json's own error).
  router.use("/api/messages", (error: unknown, _req: Request, res: Response, next: NextFunction) => {
    const status = (error as { status?: unknown })?.status;
    if (typeof status === "number" && status >= 400 && status < 500) return void res.status(400).end();
    next(error);
  });
  return router;
}

/** Registered on any Teams AI Application; the handler tests drive it with botbuilder's TestAdapter. */
export function registerTeamsHandlers(app: Application, deps: TeamsBotDependencies): void {
  const { ctx, logger } = deps;
  const emailsOf = deps.emailsOf ?? teamsEmailsOf;
  const answer = (context: TurnContext, request: TurnRequest) =>
    handleTurn(deps, inboundTurnOf(context, request, emailsOf));

  app.message(/[\s\S]*/, async (context) => {
    const turn = readTeamsTurn(context.activity);
    const { reply, locale } = await answer(context, {
      kind: "command",
      data: {
        text: await withNeutralMentions(context),
        channel: {
          platform: "teams",
          workspaceId: turn.tenantId,
          channelId: turn.conversationId,
          conversationReference: turn.reference,
        },
        // Teams has no workspace administrator the bot can see without Graph: only chairs bind.
        isWorkspaceAdmin: async () => false,
      },
    });
    if (reply.kind === "none") return;
    await answerWhereMeant(context, {
      reply,
      locale,
      activity: replyActivity(reply, locale),
      botAppId: deps.auth?.appId ?? "",
      logger,
    });
  });

  /*
   * Every card action answers with a card (the same as the local page's): on a problem, the card says what it
   * is, in the person's language. The invoke response is sent here, so Teams AI does not also replace the card
   * message for everyone inside the invoke (it does for any card with a refresh): the answer reaches the person
   * at once, and the message itself is updated by the outbox, which retries when Teams refuses.
   */
  app.adaptiveCards.actionExecute(
    [...ADAPTIVE_CARD_VERBS],
    async (context: TurnContext, _state: unknown, data: Record<string, unknown>) => {
      const verb = String(context.activity.value?.action?.verb ?? "");
      const { invitationId, ...answers } = data ?? {};
      const request: TurnRequest =
        verb === SURVEY_SUBMIT_ACTION
          ? { kind: "form-submit", data: { invitationId: stringOr(invitationId), answers } }
          : { kind: "card-action", data: { action: verb, value: stringOr(data?.value) } };
      const outcome = await answer(context, request);
      const card = adaptiveCardReply(outcome.reply, { refreshUserId: context.activity.from.id });
      const response = {
        type: ActivityTypes.InvokeResponse,
        value: {
          status: 200,
          body: { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card },
        },
      };
      await context.sendActivity(response);
      // CloudAdapter records the response by itself; other adapters (TestAdapter) only send it.
      context.turnState.set(INVOKE_RESPONSE_KEY, response);
      // Our renderer builds plain objects in the Adaptive Card shape; Teams AI only looks at it when no invoke
      // response was sent.
      return card as never;
    },
  );

  // Everything else Teams tells: the app installed or removed, the bot added to a chat or team, members
  // changed. The sender is recognised (linked by e-mail on first contact) and greeted when they added the bot.
  app.activity(
    async (context) =>
      context.activity.type !== ActivityTypes.Message && context.activity.type !== ActivityTypes.Invoke,
    async (context) => {
      const { activity } = context;
      const turn = readTeamsTurn(activity);
      if (
        activity.type === ActivityTypes.InstallationUpdate &&
        /^remove/.test(String(activity.action ?? ""))
      ) {
        // The app is gone for them: a personal removal also means they cannot be reached there.
        await forgetPlatformConversation(ctx.db, {
          identity: turn.scope === "personal" ? turn.identity : undefined,
          workspaceId: turn.tenantId,
          conversationId: turn.conversationId,
          at: ctx.now(),
        }).catch((error: unknown) => logger.error({ err: error }, "Teams-verwijdering niet vastgelegd"));
        return;
      }
      const botAdded =
        activity.type === ActivityTypes.ConversationUpdate &&
        Boolean(activity.membersAdded?.some((m) => m.id === activity.recipient.id));
      const { reply } = await answer(context, {
        kind: "contact",
        data: { greet: botAdded && turn.scope === "personal" },
      });
      if (reply.kind === "message")
        await context.sendActivity(cardActivity(reply.card ?? noticeCard(reply.text)));
      else if (reply.kind === "refusal") await context.sendActivity(cardActivity(noticeCard(reply.text)));
    },
  );
}

/** The activity as an inbound turn: who, where, how to reach them later, and what they asked. */
function inboundTurnOf(
  context: TurnContext,
  request: TurnRequest,
  emailsOf: (context: TurnContext) => Promise<string[]>,
): InboundTurn {
  const { activity } = context;
  const turn = readTeamsTurn(activity);
  const personal = turn.scope === "personal";
  return {
    platform: "teams",
    workspace: turn.tenantId,
    user: turn.identity?.userId ?? "",
    requestId: activity.id ? `${activity.conversation?.id ?? ""}|${activity.id}` : undefined,
    clientLocale: turn.clientLocale,
    contact: {
      // Only a personal chat is a way to message the person; a channel is everyone's, but tells where their
      // tenant's Bot Connector is, so a 1:1 chat can be opened with them.
      personalReference: personal ? turn.reference : undefined,
      fallbackReference: personal ? undefined : { ...turn.reference, conversation: undefined },
      conversation:
        turn.scope === "personal"
          ? undefined
          : { id: turn.conversationId, scope: turn.scope, reference: turn.reference },
      emails: () => emailsOf(context),
    },
    ...request,
  };
}

const stringOr = (value: unknown) => (typeof value === "string" ? value : "");

/**
 * Teams writes a mention as `<at>Name</at>` with an entity holding the user's Teams id; the command grammar
 * reads `<@id>` with the id our identities use (the AAD object id), as Slack writes it. The bot's own mention
 * is already gone (removeRecipientMention).
 */
async function withNeutralMentions(context: TurnContext): Promise<string> {
  let text = context.activity.text ?? "";
  const mentions = (context.activity.entities ?? []).filter(
    (e) => e.type === "mention" && e.mentioned?.id && e.mentioned.id !== context.activity.recipient.id,
  ) as unknown as { mentioned: { id: string }; text?: string }[];
  for (const mention of mentions) {
    if (!mention.text || !text.includes(mention.text)) continue;
    const member = await TeamsInfo.getMember(context, mention.mentioned.id).catch(() => undefined);
    const id = member?.aadObjectId ?? mention.mentioned.id;
    text = text.replace(mention.text, `<@${id}>`);
  }
  return text;
}

/** A typed line's answer as Teams shows it: a card when there is one, else markdown text. */
function replyActivity(reply: Exclude<InboundReply, { kind: "none" }>, fallbackLocale: Locale) {
  switch (reply.kind) {
    case "message":
      return reply.card ? cardActivity(reply.card) : markdown(reply.text);
    case "refusal":
      return reply.reason === "unknown-user" ? cardActivity(noticeCard(reply.text)) : markdown(reply.text);
    default:
      return markdown(temporaryFailureMessage(fallbackLocale));
  }
}

const cardActivity = (card: Card) => adaptiveCardActivity(renderAdaptiveCard(card), card.fallbackText);

const markdown = (text: string) => ({
  type: ActivityTypes.Message,
  text: toAdaptiveMarkdown(text),
  textFormat: "markdown",
});
