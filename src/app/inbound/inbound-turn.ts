import type { Card, Form } from "../../domain/cards/card.js";
import type { Markup } from "../../domain/cards/markup.js";
import type { Locale, Platform } from "../../domain/vocabulary.js";
import type { ChannelRef } from "../channels/bind-channel.js";

/**
 * One request from a person, as every adapter (Slack, Teams, /local) hands it to the inbound pipeline once it
 * has verified and parsed what the platform sent. Nothing in it is a platform type.
 */
export type InboundTurn = {
  platform: Platform;
  /** Slack team id, Teams tenant id, "local". */
  workspace: string;
  /** The platform's user id: Slack user id, Teams AAD object id, the person's id on /local. */
  user: string;
  /** The platform's id of this delivery (a redelivery carries the same one); undefined when it has none. */
  requestId: string | undefined;
  /** The language the platform reports for the user: used only for someone the bot does not know. */
  clientLocale?: Locale;
  /** What the platform tells about how to reach this person and this conversation (Teams). */
  contact?: TurnContact;
} & TurnRequest;

export type TurnRequest =
  /** A typed line: `/regiotafel …` in Slack, a message in Teams, a line on /local. */
  | { kind: "command"; data: CommandData }
  /** A button on one of our cards: its action id and the value the card gave it. */
  | { kind: "card-action"; data: { action: string; value: string } }
  /** The survey form sent back: the invitation and the raw values per question id, as the platform posted them. */
  | { kind: "form-submit"; data: { invitationId: string; answers: Record<string, unknown> } }
  /** In touch without asking anything (Teams: the app installed, the bot added); `greet` asks for a hello. */
  | { kind: "contact"; data: { greet: boolean } };

export type TurnKind = TurnRequest["kind"];

export type CommandData = {
  text: string;
  /** Where it was typed. */
  channel: ChannelRef;
  /** Asked only when a command needs it (Slack: users.info); platforms without such a role say false. */
  isWorkspaceAdmin: () => Promise<boolean>;
};

export type TurnContact = {
  /** Where to reach the person proactively (Teams: their personal chat with the bot). */
  personalReference?: unknown;
  /** Seen in a shared conversation: enough to open a personal chat later (Teams: the tenant's service URL). */
  fallbackReference?: unknown;
  /** A shared conversation (channel, group chat) the bot was spoken to in: remembered for posting there. */
  conversation?: { id: string; scope: "channel" | "groupChat"; reference: unknown };
  /** The person's e-mail addresses as the platform knows them; asked only for someone not linked yet. */
  emails?: () => Promise<string[]>;
};

/**
 * What the person should see, for the adapter to render in its own way. Texts are already in the person's
 * language; a message's text is markup (made with `md`) or a plain string, which is shown exactly as given.
 */
export type InboundReply =
  /** Nothing to show: a repeated command, a contact that needs no answer. */
  | { kind: "none" }
  /** A short answer, with a card when there is one: commands, the table's buttons, a greeting. */
  | { kind: "message"; text: string | Markup; visibility: "private" | "channel"; card?: Card }
  /** The survey form of an invitation, filled in (stored answers, or what was just sent back), maybe with errors. */
  | {
      kind: "survey-form";
      invitationId: string;
      survey: { key: string; version: number };
      regionName: string;
      form: Form;
      /** Field-level messages by question id. */
      errors?: Record<string, string>;
      notice?: string;
    }
  /** The invitation card as it is now for this person (open, answered, closed). */
  | { kind: "invitation"; card: Card }
  /** The answers are stored (or were already): a thank-you sentence, and the invitation card as it now is. */
  | { kind: "answer-saved"; answeredAt: Date; text: string; card: Card }
  /**
   * Nothing was done. `theirs`: the person's situation (a closed round, not invited), explained in `text`;
   * `unknown-user`: the bot does not know them; `ours`: something failed on our side, `text` asks to try again.
   */
  | { kind: "refusal"; reason: "theirs" | "unknown-user" | "ours"; text: string };

export type InboundOutcome = {
  reply: InboundReply;
  /** The person's language (or the platform's, or the deployment's default, for someone unknown). */
  locale: Locale;
  /** This request id was seen before: a redelivery. Replies that went out of band need not go again. */
  repeated: boolean;
};
