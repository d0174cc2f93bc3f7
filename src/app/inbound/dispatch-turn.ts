import { calendarDateIn } from "../../domain/calendar-date.js";
import { md } from "../../domain/cards/markup.js";
import {
  INVITATION_CARD_ACTION,
  noticeCard,
  OPEN_SURVEY_ACTION,
  SURVEY_SUBMIT_ACTION,
} from "../../domain/cards/survey-cards.js";
import { parseCommand } from "../../domain/commands/parse-command.js";
import { pick } from "../../domain/i18n.js";
import { UnknownUserError } from "../../domain/user-errors.js";
import { CARD_ACTIONS, runCardAction } from "../commands/card-actions.js";
import { runChatCommand } from "../commands/run-chat-command.js";
import type { AppContext } from "../context.js";
import type { KnownPerson } from "../identify-person.js";
import { openSurveyForm, showInvitation, submitSurveyAnswers } from "../survey/survey-form.js";
import type { InboundReply, InboundTurn } from "./inbound-turn.js";

/** Every button of our cards, the same on every platform. */
export const CARD_ACTION_IDS = [...CARD_ACTIONS, OPEN_SURVEY_ACTION, INVITATION_CARD_ACTION] as const;
/** What an Adaptive Card's `Action.Execute` may carry as its verb: a button, or the survey form's submit. */
export const ADAPTIVE_CARD_VERBS = [...CARD_ACTION_IDS, SURVEY_SUBMIT_ACTION] as const;

/** One turn of a recognised (or unknown) sender to its one use case. */
export async function dispatchTurn(
  ctx: AppContext,
  turn: InboundTurn,
  sender: KnownPerson | undefined,
  kick: () => void,
): Promise<InboundReply> {
  if (turn.kind === "contact") {
    if (!turn.data.greet) return { kind: "none" };
    if (!sender) throw new UnknownUserError();
    const text = pick(sender.locale, {
      nl: md`Hallo ${sender.name}! Ik stuur u de vragenlijst van uw regiotafel en herinner u aan wat er aankomt. Typ *help* om te zien wat ik kan.`,
      en: md`Hello ${sender.name}! I send you the survey of your regional table and remind you of what is coming up. Type *help* to see what I can do.`,
    });
    return { kind: "message", visibility: "private", text, card: noticeCard(text) };
  }
  if (!sender) throw new UnknownUserError();
  const person = sender;
  const { locale } = person;
  switch (turn.kind) {
    case "command": {
      const parsed = parseCommand(turn.data.text.trim(), locale, {
        today: calendarDateIn(ctx.timeZone, ctx.now()),
      });
      if (!parsed.ok) return { kind: "message", visibility: "private", text: { markup: parsed.message } };
      const reply = await runChatCommand(ctx, {
        person,
        locale,
        command: parsed.command,
        channel: turn.data.channel,
        isWorkspaceAdmin: turn.data.isWorkspaceAdmin,
        requestId: `${turn.platform}|${turn.requestId ?? ""}`,
        kick,
      });
      return { kind: "message", ...reply };
    }
    case "card-action": {
      const { action, value } = turn.data;
      if (action === OPEN_SURVEY_ACTION) return openSurveyForm(ctx, person, value);
      if (action === INVITATION_CARD_ACTION) return showInvitation(ctx, person, value);
      const reply = await runCardAction(ctx, { person, locale, actionId: action, value });
      kick();
      return { kind: "message", ...reply };
    }
    case "form-submit":
      return submitSurveyAnswers(ctx, {
        person,
        via: turn.platform,
        invitationId: turn.data.invitationId,
        answers: turn.data.answers,
        kick,
      });
  }
}
