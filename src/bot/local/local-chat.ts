import { and, asc, eq, gt, inArray, isNull, or } from "drizzle-orm";
import type { AppContext } from "../../app/context.js";
import type { KnownPerson } from "../../app/identify-person.js";
import { handleTurn, type InboundDependencies } from "../../app/inbound/handle-turn.js";
import { membershipActiveOn } from "../../app/membership-active.js";
import { CardSchema } from "../../app/outbox/payload.js";
import type { Db } from "../../db/client.js";
import {
  channelBindings,
  localMessages,
  memberships,
  organisations,
  people,
  regions,
} from "../../db/schema.js";
import { calendarDateIn } from "../../domain/calendar-date.js";
import { noticeCard, SURVEY_SUBMIT_ACTION } from "../../domain/cards/survey-cards.js";
import { pick } from "../../domain/i18n.js";
import { temporaryFailureMessage, UserFacingError } from "../../domain/user-errors.js";
import type { Locale } from "../../domain/vocabulary.js";
import { adaptiveCardReply } from "../cards/adaptive-reply.js";
import { renderAdaptiveCard } from "../cards/render-adaptive.js";
import { LOCAL_WORKSPACE } from "./local-messenger.js";

/*
 * The local chat: what a person sees on /local and what typing or clicking there does. Typing runs the same
 * command grammar and use case as Slack and Teams; a card's button runs the same code as a Teams invoke.
 */

export type Seat = {
  organisation: string;
  organisationType: string;
  region: string;
  regionSlug: string;
  role: string;
  isChair: boolean;
};
export type PersonEntry = { id: string; name: string; email: string; locale: string; seats: Seat[] };

/** Every person, with the seats they hold today (organisation, region, role, chair), by name. */
export async function listLocalPeople(ctx: AppContext): Promise<PersonEntry[]> {
  const today = calendarDateIn(ctx.timeZone, ctx.now());
  const rows = await ctx.db
    .select({
      id: people.id,
      name: people.name,
      email: people.email,
      locale: people.locale,
      organisation: organisations.name,
      organisationType: organisations.type,
      region: regions.name,
      regionSlug: regions.slug,
      role: memberships.role,
      isChair: memberships.isChair,
    })
    .from(people)
    .leftJoin(memberships, and(eq(memberships.personId, people.id), membershipActiveOn(today)))
    .leftJoin(organisations, eq(organisations.id, memberships.organisationId))
    .leftJoin(regions, eq(regions.id, memberships.regionId))
    .orderBy(asc(people.name), asc(regions.name));
  const byId = new Map<string, PersonEntry>();
  for (const row of rows) {
    const entry = byId.get(row.id) ?? {
      id: row.id,
      name: row.name,
      email: row.email,
      locale: row.locale,
      seats: [],
    };
    byId.set(row.id, entry);
    if (row.organisation && row.region && row.regionSlug && row.role && row.organisationType) {
      entry.seats.push({
        organisation: row.organisation,
        organisationType: row.organisationType,
        region: row.region,
        regionSlug: row.regionSlug,
        role: row.role,
        isChair: row.isChair ?? false,
      });
    }
  }
  return [...byId.values()];
}

export async function findLocalPerson(db: Db, personId: string): Promise<KnownPerson | undefined> {
  const [person] = await db.select().from(people).where(eq(people.id, personId));
  return person;
}

export type LocalChannel = { bindingId: string; channelId: string; regionName: string };

/** The local channels of the regions where the person holds a seat today. */
export async function localChannelsOf(ctx: AppContext, personId: string): Promise<LocalChannel[]> {
  const today = calendarDateIn(ctx.timeZone, ctx.now());
  const rows = await ctx.db
    .selectDistinct({
      bindingId: channelBindings.id,
      channelId: channelBindings.channelId,
      regionName: regions.name,
    })
    .from(memberships)
    .innerJoin(channelBindings, eq(channelBindings.regionId, memberships.regionId))
    .innerJoin(regions, eq(regions.id, memberships.regionId))
    .where(
      and(
        eq(memberships.personId, personId),
        membershipActiveOn(today),
        eq(channelBindings.platform, "local"),
        eq(channelBindings.workspaceId, LOCAL_WORKSPACE),
      ),
    )
    .orderBy(asc(regions.name));
  return rows;
}

/** A message as the page shows it: the bot's card already in Adaptive Card form, a person's line as text. */
export type LocalMessageView = {
  id: string;
  /** "dm" for the person's chat with the bot, else the channel binding's id. */
  conversation: string;
  author: "bot" | "person";
  authorName: string | null;
  text: string | null;
  card: Record<string, unknown> | null;
  fallbackText: string | null;
  version: number;
  createdAt: string;
};

/**
 * The person's messages and those of their local channels changed after `since` (a version cursor), in order;
 * `cursor` is the version to ask from next time.
 */
export async function localMessagesFor(
  ctx: AppContext,
  personId: string,
  since: number,
): Promise<{ cursor: number; messages: LocalMessageView[] }> {
  const channels = await localChannelsOf(ctx, personId);
  const bindingIds = channels.map((c) => c.bindingId);
  const conversation = bindingIds.length
    ? or(
        eq(localMessages.personId, personId),
        and(
          inArray(localMessages.channelBindingId, bindingIds),
          or(isNull(localMessages.visibleToPersonId), eq(localMessages.visibleToPersonId, personId)),
        ),
      )
    : eq(localMessages.personId, personId);
  const rows = await ctx.db
    .select({ message: localMessages, authorName: people.name })
    .from(localMessages)
    .leftJoin(people, eq(people.id, localMessages.authorPersonId))
    .where(and(conversation, gt(localMessages.version, since)))
    .orderBy(asc(localMessages.version))
    .limit(500);
  const messages = rows.map(({ message, authorName }): LocalMessageView => {
    // A JSON column is an edge; a card stored before card text became markup is read as markup.
    const card = message.card === null ? null : CardSchema.parse(message.card);
    return {
      id: message.id,
      conversation: message.channelBindingId ?? "dm",
      author: message.author === "person" ? "person" : "bot",
      authorName,
      text: message.text,
      card: card ? renderAdaptiveCard(card) : null,
      fallbackText: card?.fallbackText ?? null,
      version: message.version,
      createdAt: message.createdAt.toISOString(),
    };
  });
  return { cursor: Math.max(since, ...messages.map((m) => m.version)), messages };
}

type ChatDeps = InboundDependencies;

/**
 * A line typed on the page, in the person's chat with the bot (`conversation` "dm") or in one of their local
 * channels: run through the inbound pipeline as a command, then stored with the reply after it. A resent
 * request (same id) does nothing more.
 */
export async function typeLocalLine(
  deps: ChatDeps,
  input: { person: KnownPerson; conversation: string; text: string; requestId: string },
): Promise<{ duplicate: boolean }> {
  const { ctx } = deps;
  const { person } = input;
  const channel =
    input.conversation === "dm"
      ? undefined
      : (await localChannelsOf(ctx, person.id)).find((c) => c.bindingId === input.conversation);
  if (input.conversation !== "dm" && !channel) throw new UnknownConversationError();
  const outcome = await handleTurn(deps, {
    ...localSender(person),
    requestId: `line:${input.requestId}`,
    kind: "command",
    data: {
      text: input.text,
      channel: {
        platform: "local",
        workspaceId: LOCAL_WORKSPACE,
        channelId: channel ? channel.channelId : `dm-${person.id}`,
        conversationReference: null,
      },
      // Local mode has no workspace administrator: only chairs bind.
      isWorkspaceAdmin: async () => false,
    },
  });
  const { reply } = outcome;
  if (reply.kind === "none") return { duplicate: true };
  const card =
    reply.kind === "message"
      ? (reply.card ?? noticeCard(reply.text))
      : noticeCard(reply.kind === "refusal" ? reply.text : temporaryFailureMessage(outcome.locale));
  const where = channel ? { channelBindingId: channel.bindingId } : { personId: person.id };
  await ctx.db.insert(localMessages).values([
    // A character PostgreSQL cannot store is shown as the replacement character; the reply explains it.
    {
      ...where,
      author: "person",
      authorPersonId: person.id,
      text: input.text.replaceAll("\u0000", "\ufffd"),
    },
    {
      ...where,
      author: "bot",
      card,
      // In a channel, a private reply is for the one who asked (as Slack's ephemeral messages).
      visibleToPersonId:
        channel && (reply.kind !== "message" || reply.visibility === "private") ? person.id : null,
    },
  ]);
  return { duplicate: false };
}

/**
 * An `Action.Execute` on a card the person can see: run through the inbound pipeline like a Teams invoke and
 * answered with the card that replaces the clicked one for them. A resent request is answered again; nothing is
 * stored twice (a repeated submit carries the same answers, which `recordAnswer` recognises).
 */
export async function runLocalCardAction(
  deps: ChatDeps,
  input: {
    person: KnownPerson;
    messageId: string;
    verb: string;
    data: Record<string, unknown>;
    requestId: string;
  },
): Promise<Record<string, unknown>> {
  const { person } = input;
  if (!(await canSee(deps.ctx, person.id, input.messageId))) {
    return adaptiveCardReply(
      { kind: "refusal", reason: "theirs", text: new UnknownConversationError().userMessage(person.locale) },
      {},
    );
  }
  const { invitationId, ...answers } = input.data;
  const { reply } = await handleTurn(deps, {
    ...localSender(person),
    requestId: `action:${input.requestId}`,
    ...(input.verb === SURVEY_SUBMIT_ACTION
      ? {
          kind: "form-submit" as const,
          data: { invitationId: typeof invitationId === "string" ? invitationId : "", answers },
        }
      : {
          kind: "card-action" as const,
          data: { action: input.verb, value: typeof input.data.value === "string" ? input.data.value : "" },
        }),
  });
  // Ours (the database) goes to the caller, which answers "try again" and leaves the form as it was filled in.
  if (reply.kind === "refusal" && reply.reason === "ours") throw new LocalRequestFailedError();
  return adaptiveCardReply(reply, {});
}

/** A person on /local is their local identity: platform local, workspace local, user = their id. */
const localSender = (person: KnownPerson) => ({
  platform: "local" as const,
  workspace: LOCAL_WORKSPACE,
  user: person.id,
});

/** The pipeline answered "try again": the router says so with a 503. */
export class LocalRequestFailedError extends Error {
  constructor() {
    super("local request failed on our side");
    this.name = "LocalRequestFailedError";
  }
}

async function canSee(ctx: AppContext, personId: string, messageId: string): Promise<boolean> {
  const [message] = await ctx.db.select().from(localMessages).where(eq(localMessages.id, messageId));
  if (!message) return false;
  if (message.personId) return message.personId === personId;
  if (message.visibleToPersonId && message.visibleToPersonId !== personId) return false;
  const channels = await localChannelsOf(ctx, personId);
  return channels.some((c) => c.bindingId === message.channelBindingId);
}

/** A message or channel that is not this person's (a stale page, or a hand-made request). */
export class UnknownConversationError extends UserFacingError {
  readonly code = "LOCAL_UNKNOWN_CONVERSATION";
  userMessage(locale: Locale) {
    return pick(locale, {
      nl: "Dit gesprek of bericht hoort niet bij u. Laad de pagina opnieuw.",
      en: "This conversation or message is not yours. Please reload the page.",
    });
  }
}
