import { App, type Logger as BoltLogger, ExpressReceiver, LogLevel } from "@slack/bolt";
import { and, eq } from "drizzle-orm";
import type { Router } from "express";
import { CARD_ACTIONS, runCardAction } from "../../app/commands/card-actions.js";
import { runChatCommand } from "../../app/commands/run-chat-command.js";
import type { AppContext } from "../../app/context.js";
import { identifyPerson } from "../../app/identify-person.js";
import { isAcceptingAnswers, loadInvitation } from "../../app/survey/load-invitation.js";
import { processedRequests } from "../../db/schema.js";
import { calendarDateIn } from "../../domain/calendar-date.js";
import { OPEN_SURVEY_ACTION } from "../../domain/cards/survey-cards.js";
import { parseCommand } from "../../domain/commands/parse-command.js";
import { SurveyClosedError, UnknownUserError } from "../../domain/user-errors.js";
import type { Locale } from "../../domain/vocabulary.js";
import type { Logger } from "../../logger.js";
import { renderSlackBlocks } from "../cards/render-slack.js";
import { userMessageFor } from "../user-message.js";
import {
  createSurveySubmissionHandler,
  SURVEY_SUBMIT_CALLBACK,
  surveyModalView,
} from "./survey-submission.js";

export type SlackAppDependencies = {
  ctx: AppContext;
  logger: Logger;
  signingSecret: string;
  botToken: string;
  apiUrl?: string;
  /** Wake the outbox worker: something was queued that the person is waiting to see. */
  kick: () => void;
};

/**
 * Bolt at POST /slack/events (events, slash commands, interactivity), signature verified. Handlers are thin:
 * identify the person, call one use case, answer in the person's language. With processBeforeResponse the
 * HTTP answer waits for the handler, which is what lets a modal show validation errors inline.
 */
export function createSlackRouter(deps: SlackAppDependencies): Router {
  const receiver = new ExpressReceiver({
    signingSecret: deps.signingSecret,
    processBeforeResponse: true,
    endpoints: "/slack/events",
    logger: boltLogger(deps.logger),
  });
  const app = new App({
    token: deps.botToken,
    receiver,
    logger: boltLogger(deps.logger),
    logLevel: LogLevel.WARN,
    // Interactive calls answer a person who is waiting (a trigger_id lives 3 s): one quick retry, not
    // WebClient's default of ten over half an hour.
    clientOptions: {
      retryConfig: { retries: 1, minTimeout: 200, maxTimeout: 1000 },
      ...(deps.apiUrl ? { slackApiUrl: deps.apiUrl } : {}),
    },
  });
  registerSlackHandlers(app, deps);
  return receiver.router;
}

export function registerSlackHandlers(app: App, deps: SlackAppDependencies): void {
  const { ctx } = deps;

  // Slack redelivers requests it thinks were slow; the database remembers what we already handled.
  app.use(async ({ body, next, ack }) => {
    const requestId = slackRequestId(body as Record<string, unknown>);
    if (!requestId) return next();
    const claimed = await ctx.db
      .insert(processedRequests)
      .values({ platform: "slack", requestId })
      .onConflictDoNothing()
      .returning()
      // The database being down is reported by the handler itself, in the person's language; without the
      // claim the request is simply handled as new.
      .catch(() => undefined);
    if (claimed && claimed.length === 0) {
      deps.logger.info({ requestId }, "dubbel Slack-verzoek genegeerd");
      if (ack) await (ack as () => Promise<void>)();
      return;
    }
    try {
      await next();
    } catch (error) {
      // Not handled after all: let a redelivery try again.
      if (claimed) {
        await ctx.db
          .delete(processedRequests)
          .where(and(eq(processedRequests.platform, "slack"), eq(processedRequests.requestId, requestId)))
          .catch(() => undefined);
      }
      throw error;
    }
  });

  app.action(OPEN_SURVEY_ACTION, async ({ ack, body, client, action }) => {
    await ack();
    const user = (body as { user: { id: string; team_id?: string } }).user;
    const teamId = (body as { team?: { id: string } }).team?.id ?? user.team_id ?? "";
    const channel = (body as { channel?: { id: string } }).channel?.id ?? user.id;
    const tell = (text: string) =>
      client.chat.postEphemeral({ channel, user: user.id, text }).then(() => undefined);
    let locale: Locale = ctx.locale;
    try {
      const person = await identifyPerson(ctx.db, {
        platform: "slack",
        workspaceId: teamId,
        userId: user.id,
      });
      if (!person) throw new UnknownUserError();
      locale = person.locale;
      const invitationId = (action as { value?: string }).value ?? "";
      const loaded = await loadInvitation(ctx.db, person.id, invitationId);
      if (!isAcceptingAnswers(loaded.wave, ctx.now())) throw new SurveyClosedError();
      const metadata = {
        invitationId,
        survey: loaded.definition.key,
        version: loaded.definition.version,
        locale,
        region: loaded.regionName,
      };
      await client.views.open({
        trigger_id: (body as { trigger_id: string }).trigger_id,
        view: surveyModalView(loaded.definition, metadata, loaded.latest?.answers) as never,
      });
    } catch (error) {
      await tell(userMessageFor(error, locale, deps.logger, "Slack"));
    }
  });

  const acceptSubmission = createSurveySubmissionHandler(deps);
  app.view(SURVEY_SUBMIT_CALLBACK, ({ ack, body, view, client }) =>
    acceptSubmission({
      ack: ack as never,
      client,
      view: view as never,
      teamId: body.team?.id ?? body.user.team_id ?? "",
      userId: body.user.id,
    }),
  );

  // Buttons on the table's cards (the topic guard, the handover task): one use case for every platform.
  app.action(new RegExp(`^(${CARD_ACTIONS.join("|")})$`), async ({ ack, body, client, action }) => {
    await ack();
    const user = (body as { user: { id: string; team_id?: string } }).user;
    const teamId = (body as { team?: { id: string } }).team?.id ?? user.team_id ?? "";
    const channel = (body as { channel?: { id: string } }).channel?.id ?? user.id;
    let locale: Locale = ctx.locale;
    try {
      const person = await identifyPerson(ctx.db, {
        platform: "slack",
        workspaceId: teamId,
        userId: user.id,
      });
      if (!person) throw new UnknownUserError();
      locale = person.locale;
      const { action_id: actionId, value = "" } = action as { action_id: string; value?: string };
      const reply = await runCardAction(ctx, { person, locale, actionId, value });
      deps.kick();
      await (reply.visibility === "channel"
        ? client.chat.postMessage({ channel, text: reply.text })
        : client.chat.postEphemeral({ channel, user: user.id, text: reply.text }));
    } catch (error) {
      await client.chat
        .postEphemeral({ channel, user: user.id, text: userMessageFor(error, locale, deps.logger, "Slack") })
        .catch(() => undefined);
    }
  });

  app.command("/regiotafel", async ({ ack, command, client }) => {
    let locale: Locale = ctx.locale;
    try {
      const person = await identifyPerson(ctx.db, {
        platform: "slack",
        workspaceId: command.team_id,
        userId: command.user_id,
      });
      if (!person) throw new UnknownUserError();
      locale = person.locale;
      const parsed = parseCommand(unescapeSlackText(command.text), locale, {
        today: calendarDateIn(ctx.timeZone, ctx.now()),
      });
      if (!parsed.ok) return await ack({ response_type: "ephemeral", text: parsed.message });
      const reply = await runChatCommand(ctx, {
        person,
        locale,
        command: parsed.command,
        channel: { platform: "slack", workspaceId: command.team_id, channelId: command.channel_id },
        // Without an answer from Slack the person is treated as no admin; chairs can still bind.
        isWorkspaceAdmin: async () => {
          const info = await client.users.info({ user: command.user_id }).catch(() => undefined);
          return Boolean(info?.user?.is_admin || info?.user?.is_owner);
        },
        requestId: command.trigger_id,
        kick: deps.kick,
      });
      return await ack({
        response_type: reply.visibility === "channel" ? "in_channel" : "ephemeral",
        text: reply.text,
        ...(reply.card ? { blocks: renderSlackBlocks(reply.card) as never } : {}),
      });
    } catch (error) {
      await ack({ response_type: "ephemeral", text: userMessageFor(error, locale, deps.logger, "Slack") });
    }
  });
}

/** Slack escapes &, < and > in what people type; its own mentions and links keep real angle brackets. */
export const unescapeSlackText = (text: string) =>
  text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

/** Slack's own id for a delivery: the event id, or the trigger id that every interaction and command carries. */
export function slackRequestId(body: Record<string, unknown>): string | undefined {
  if (typeof body.event_id === "string") return `event:${body.event_id}`;
  // A survey submission is acknowledged before any database work; a redelivered one is a duplicate revision.
  if (body.type === "view_submission") return undefined;
  if (typeof body.trigger_id === "string") {
    return `${String(body.type ?? body.command ?? "request")}:${body.trigger_id}`;
  }
  return undefined;
}

function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "slack" });
  let level: LogLevel = LogLevel.WARN;
  return {
    debug: (...msg: unknown[]) => child.debug(msg.map(String).join(" ")),
    info: (...msg: unknown[]) => child.info(msg.map(String).join(" ")),
    warn: (...msg: unknown[]) => child.warn(msg.map(String).join(" ")),
    error: (...msg: unknown[]) => child.error(msg.map(String).join(" ")),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
