import {
  type AllMiddlewareArgs,
  App,
  type Logger as BoltLogger,
  LogLevel,
  type SlackActionMiddlewareArgs,
  type SlackCommandMiddlewareArgs,
} from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Router } from "express";
import { CARD_ACTION_IDS } from "../../app/inbound/dispatch-turn.js";
import { handleTurn, type InboundDependencies } from "../../app/inbound/handle-turn.js";
import type { InboundOutcome } from "../../app/inbound/inbound-turn.js";
import { SURVEY_SUBMIT_ACTION } from "../../domain/cards/survey-cards.js";
import { temporaryFailureMessage } from "../../domain/user-errors.js";
import type { Logger } from "../../logger.js";
import { renderSlackBlocks, slackFallbackText } from "../cards/render-slack.js";
import { slackPlainText, slackText } from "../cards/slack-text.js";
import { BlockActionsSchema, SlashCommandSchema } from "./slack-envelope.js";
import { SlackReceiver } from "./slack-receiver.js";
import { answerSurveySubmission, surveyModalView } from "./survey-modal.js";

export type SlackAppDependencies = InboundDependencies & {
  signingSecret: string;
  botToken: string;
  apiUrl?: string;
};

/**
 * Bolt at POST /slack/events, behind our own receiver (signature, timestamp, zod). Each listener is thin: the
 * request becomes an inbound turn, the pipeline answers it, and the listener renders the answer for Slack.
 */
export function createSlackRouter(deps: SlackAppDependencies): Router {
  const receiver = new SlackReceiver({ signingSecret: deps.signingSecret, logger: deps.logger });
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

export function registerSlackHandlers(app: App, deps: InboundDependencies): void {
  app.command("/regiotafel", answerCommand(deps));
  app.action(new RegExp(`^(${CARD_ACTION_IDS.join("|")})$`), answerButton(deps));
  app.view(SURVEY_SUBMIT_ACTION, answerSurveySubmission(deps));
}

/** `/regiotafel …`: answered in the HTTP response (ephemeral, or in the channel). */
export function answerCommand(deps: InboundDependencies) {
  return async ({ ack, body, client }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const command = SlashCommandSchema.parse(body);
    const { reply } = await handleTurn(deps, {
      platform: "slack",
      workspace: command.team_id,
      user: command.user_id,
      requestId: `${command.command}:${command.trigger_id}`,
      kind: "command",
      data: {
        text: unescapeSlackText(command.text),
        channel: { platform: "slack", workspaceId: command.team_id, channelId: command.channel_id },
        // Without an answer from Slack the person is treated as no admin; chairs can still bind.
        isWorkspaceAdmin: async () => {
          const info = await client.users.info({ user: command.user_id }).catch(() => undefined);
          return Boolean(info?.user?.is_admin || info?.user?.is_owner);
        },
      },
    });
    if (reply.kind === "none") return ack();
    if (reply.kind === "message") {
      return ack({
        response_type: reply.visibility === "channel" ? "in_channel" : "ephemeral",
        text: slackText(reply.text),
        ...(reply.card ? { blocks: renderSlackBlocks(reply.card) as never } : {}),
      });
    }
    return ack({ response_type: "ephemeral", text: textOf(reply) });
  };
}

/**
 * A button on one of our messages: acknowledged at once (Slack wants nothing in the answer), then answered
 * through the Web API — the survey form as a modal (with the fresh trigger_id), or a message.
 */
export function answerButton(deps: InboundDependencies) {
  return async ({ ack, body, client }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const envelope = BlockActionsSchema.parse(body);
    const [action] = envelope.actions;
    const user = envelope.user.id;
    const channel = envelope.channel?.id ?? user;
    const outcome = await handleTurn(deps, {
      platform: "slack",
      workspace: envelope.team?.id ?? envelope.user.team_id ?? "",
      user,
      requestId: `block_actions:${envelope.trigger_id}`,
      kind: "card-action",
      data: { action: action?.action_id ?? "", value: action?.value ?? "" },
    });
    // A redelivery: the first delivery already opened the modal or posted the message.
    if (outcome.repeated) return;
    await showButtonOutcome(client, outcome, { triggerId: envelope.trigger_id, channel, user }).catch(
      (error: unknown) => {
        deps.logger.warn({ err: error }, "Slack-antwoord op knop kon niet worden verstuurd");
        return client.chat
          .postEphemeral({ channel, user, text: slackPlainText(temporaryFailureMessage(outcome.locale)) })
          .catch(() => undefined);
      },
    );
  };
}

async function showButtonOutcome(
  client: WebClient,
  { reply, locale }: InboundOutcome,
  where: { triggerId: string; channel: string; user: string },
): Promise<void> {
  const tell = (text: string) =>
    client.chat.postEphemeral({ channel: where.channel, user: where.user, text });
  switch (reply.kind) {
    case "none":
      return;
    case "survey-form": {
      const metadata = {
        invitationId: reply.invitationId,
        survey: reply.survey.key,
        version: reply.survey.version,
        locale,
        region: reply.regionName,
      };
      await client.views.open({
        trigger_id: where.triggerId,
        view: surveyModalView(reply.form, metadata, reply.notice) as never,
      });
      return;
    }
    case "message":
      await (reply.visibility === "channel"
        ? client.chat.postMessage({ channel: where.channel, text: slackText(reply.text) })
        : tell(slackText(reply.text)));
      return;
    default:
      await tell(textOf(reply));
  }
}

/** The text of a reply that has no Slack form of its own, as mrkdwn. */
function textOf(reply: Exclude<InboundOutcome["reply"], { kind: "none" }>): string {
  switch (reply.kind) {
    case "message":
    case "refusal":
    case "answer-saved":
      return slackText(reply.text);
    case "invitation":
      return slackFallbackText(reply.card);
    case "survey-form":
      return slackPlainText(reply.form.title);
  }
}

/** Slack escapes &, < and > in what people type; its own mentions and links keep real angle brackets. */
export const unescapeSlackText = (text: string) =>
  text.replaceAll("&lt;", "<").replaceAll("&gt;", ">").replaceAll("&amp;", "&");

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
