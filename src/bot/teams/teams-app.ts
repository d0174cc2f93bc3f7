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
import express, { type Router } from "express";
import { runChatCommand } from "../../app/commands/run-chat-command.js";
import type { AppContext } from "../../app/context.js";
import type { KnownPerson } from "../../app/identify-person.js";
import {
  forgetPlatformConversation,
  recognisePlatformUser,
  rememberPlatformConversation,
} from "../../app/platform-contact.js";
import { processedRequests } from "../../db/schema.js";
import { calendarDateIn } from "../../domain/calendar-date.js";
import { INVITATION_CARD_ACTION, noticeCard } from "../../domain/cards/survey-cards.js";
import { parseCommand } from "../../domain/commands/parse-command.js";
import { temporaryFailureMessage, UnknownUserError } from "../../domain/user-errors.js";
import type { Locale } from "../../domain/vocabulary.js";
import type { Logger } from "../../logger.js";
import {
  ADAPTIVE_CARD_VERBS,
  runAdaptiveCardAction,
  SURVEY_SUBMIT_VERB,
} from "../cards/adaptive-card-actions.js";
import { renderAdaptiveCard, toAdaptiveMarkdown } from "../cards/render-adaptive.js";
import { userMessageFor } from "../user-message.js";
import { adaptiveCardActivity } from "./card-activity.js";
import { readTeamsTurn, type TeamsTurn, teamsEmailsOf } from "./teams-turn.js";

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

export type TeamsBotDependencies = {
  ctx: AppContext;
  logger: Logger;
  /** Bot Framework authentication; undefined turns it off (local mode, the Agents Playground, tests). */
  auth: TeamsAuth | undefined;
  /** Wake the outbox worker: something was queued that the person is waiting to see. */
  kick: () => void;
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

/** What a turn knows once the sender is recognised; the person is undefined for someone the bot does not know. */
type Sender = {
  turn: TeamsTurn;
  person: KnownPerson | undefined;
  locale: Locale;
  /** Recognising the sender failed (the database is down): handlers answer "try again", not "unknown". */
  failed?: true;
};
const SENDER = Symbol("regiotafel.sender");

/**
 * Teams AI at POST /api/messages. Every activity is deduplicated by its id in the database, the sender is
 * recognised (linked by e-mail on first contact) and the conversation remembered for proactive messages;
 * then the Application routes it: messages are commands, `adaptiveCard/action` invokes drive the survey card.
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
  app.error(async (context, error) => {
    logger.error({ err: error }, "Teams-activiteit mislukt");
    const sender = context.turnState.get(SENDER) as Sender | undefined;
    if (context.activity.type === ActivityTypes.Message) {
      await context.sendActivity(temporaryFailureMessage(sender?.locale ?? ctx.locale)).catch(() => {});
    }
  });

  const router = express.Router();
  router.post("/api/messages", express.json({ limit: "1mb" }), async (req, res) => {
    await adapter.process(req, res, async (context) => {
      if (!(await claimActivity(context))) return;
      try {
        context.turnState.set(SENDER, await recogniseSender(context));
      } catch (error) {
        logger.error({ err: error }, "Teams-afzender herkennen mislukt");
        const turn = readTeamsTurn(context.activity);
        const failed: Sender = {
          turn,
          person: undefined,
          locale: turn.clientLocale ?? ctx.locale,
          failed: true,
        };
        context.turnState.set(SENDER, failed);
      }
      await app.run(context);
    });
  });
  return router;

  /** True the first time an activity id is seen; Teams redelivers activities it thinks were slow. */
  async function claimActivity(context: TurnContext): Promise<boolean> {
    const { id, conversation } = context.activity;
    if (!id) return true;
    const requestId = `${conversation?.id ?? ""}|${id}`;
    const claimed = await ctx.db
      .insert(processedRequests)
      .values({ platform: "teams", requestId })
      .onConflictDoNothing()
      .returning()
      // The database being down is reported by the handler, in the person's language.
      .catch(() => undefined);
    if (claimed && claimed.length === 0) {
      logger.info({ requestId }, "dubbele Teams-activiteit genegeerd");
      // An invoke must still be answered (the first answer may have been lost): opening the form or showing the
      // card again is harmless; a repeated submit shows the card as it is now and stores nothing twice.
      if (context.activity.type === ActivityTypes.Invoke) {
        context.turnState.set(SENDER, await recogniseSender(context));
        const action = context.activity.value?.action;
        if (action?.verb === SURVEY_SUBMIT_VERB) {
          context.activity.value = {
            ...context.activity.value,
            action: { ...action, verb: INVITATION_CARD_ACTION, data: { value: action.data?.invitationId } },
          };
        }
        await app.run(context);
      }
      return false;
    }
    return true;
  }

  async function recogniseSender(context: TurnContext): Promise<Sender> {
    const turn = readTeamsTurn(context.activity);
    const at = ctx.now();
    if (turn.scope !== "personal") {
      await rememberPlatformConversation(ctx.db, {
        platform: "teams",
        workspaceId: turn.tenantId,
        conversationId: turn.conversationId,
        scope: turn.scope,
        reference: turn.reference,
        at,
      });
    }
    const removed =
      context.activity.type === ActivityTypes.InstallationUpdate &&
      /^remove/.test(String(context.activity.action ?? ""));
    if (removed) {
      await forgetPlatformConversation(ctx.db, {
        identity: turn.scope === "personal" ? turn.identity : undefined,
        workspaceId: turn.tenantId,
        conversationId: turn.conversationId,
        at,
      });
      return { turn, person: undefined, locale: turn.clientLocale ?? ctx.locale };
    }
    const recognised = turn.identity
      ? await recognisePlatformUser(ctx.db, {
          identity: turn.identity,
          // Only a personal chat is a way to message the person; a channel is everyone's, but tells where
          // their tenant's Bot Connector is, so a 1:1 chat can be opened with them.
          conversationReference: turn.scope === "personal" ? turn.reference : undefined,
          fallbackReference:
            turn.scope === "personal" ? undefined : { ...turn.reference, conversation: undefined },
          emails: () => teamsEmailsOf(context),
          now: at,
        })
      : undefined;
    if (recognised?.revivedInvitations) deps.kick();
    const person = recognised?.person;
    return { turn, person, locale: person?.locale ?? turn.clientLocale ?? ctx.locale };
  }
}

function registerTeamsHandlers(app: Application, deps: TeamsBotDependencies) {
  const { ctx, logger } = deps;
  const senderOf = (context: TurnContext) => context.turnState.get(SENDER) as Sender;

  // The bot was added (personal, team or group chat): the sender and conversation are already remembered;
  // say hello in a personal chat, so people know what the bot is for.
  app.conversationUpdate("membersAdded", async (context) => {
    const botAdded = context.activity.membersAdded?.some((m) => m.id === context.activity.recipient.id);
    const sender = senderOf(context);
    if (!botAdded || sender.turn.scope !== "personal") return;
    await context.sendActivity(cardActivity(welcomeCard(sender)));
  });

  app.message(/[\s\S]*/, async (context) => {
    const sender = senderOf(context);
    try {
      if (sender.failed) throw new Error("sender not recognised");
      if (!sender.person) throw new UnknownUserError();
      const text = (await withNeutralMentions(context)).trim();
      const parsed = parseCommand(text, sender.locale, { today: calendarDateIn(ctx.timeZone, ctx.now()) });
      if (!parsed.ok) return void (await context.sendActivity(markdown(parsed.message)));
      const reply = await runChatCommand(ctx, {
        person: sender.person,
        locale: sender.locale,
        command: parsed.command,
        channel: {
          platform: "teams",
          workspaceId: sender.turn.tenantId,
          channelId: sender.turn.conversationId,
          conversationReference: sender.turn.reference,
        },
        // Teams has no workspace administrator the bot can see without Graph: only chairs bind.
        isWorkspaceAdmin: async () => false,
        requestId: `${sender.turn.conversationId}|${context.activity.id ?? ""}`,
        kick: deps.kick,
      });
      await context.sendActivity(reply.card ? cardActivity(reply.card) : markdown(reply.text));
    } catch (error) {
      if (error instanceof UnknownUserError) {
        return void (await context.sendActivity(cardActivity(noticeCard(error.userMessage(sender.locale)))));
      }
      await context.sendActivity(markdown(userMessageFor(error, sender.locale, logger, "Teams")));
    }
  });

  /*
   * Every card action answers with a card (the same code as the local page's): on a problem, the card says what
   * it is, in the person's language. The invoke response is sent here, so Teams AI does not also replace the
   * card message for everyone inside the invoke (it does for any card with a refresh): the answer reaches the
   * person at once, and the message itself is updated by the outbox, which retries when Teams refuses.
   */
  app.adaptiveCards.actionExecute(
    [...ADAPTIVE_CARD_VERBS],
    async (context: TurnContext, _state: unknown, data: Record<string, unknown>) => {
      const sender = senderOf(context);
      let card: Record<string, unknown>;
      try {
        if (sender.failed) throw new Error("sender not recognised");
        if (!sender.person) throw new UnknownUserError();
        card = await runAdaptiveCardAction(
          ctx,
          { person: sender.person, via: "teams", refreshUserId: context.activity.from.id },
          String(context.activity.value?.action?.verb ?? ""),
          data ?? {},
          deps.kick,
        );
      } catch (error) {
        card = renderAdaptiveCard(noticeCard(userMessageFor(error, sender.locale, logger, "Teams")));
      }
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
}

function welcomeCard(sender: Sender) {
  const { locale, person } = sender;
  if (!person) return noticeCard(new UnknownUserError().userMessage(locale));
  return noticeCard(
    locale === "en"
      ? `Hello ${person.name}! I send you the survey of your regional table and remind you of what is coming up. Type *help* to see what I can do.`
      : `Hallo ${person.name}! Ik stuur u de vragenlijst van uw regiotafel en herinner u aan wat er aankomt. Typ *help* om te zien wat ik kan.`,
  );
}

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

const cardActivity = (card: ReturnType<typeof noticeCard>) =>
  adaptiveCardActivity(renderAdaptiveCard(card), card.fallbackText);

const markdown = (text: string) => ({
  type: ActivityTypes.Message,
  text: toAdaptiveMarkdown(text),
  textFormat: "markdown",
});

export type { Sender };
// Exported for the handler tests (botbuilder's TestAdapter drives the same Application).
export { registerTeamsHandlers, SENDER };
