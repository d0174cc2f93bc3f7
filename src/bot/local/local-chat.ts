import { and, asc, eq, gt, inArray, isNull, or } from "drizzle-orm";
import { runChatCommand } from "../../app/commands/run-chat-command.js";
import type { AppContext } from "../../app/context.js";
import type { KnownPerson } from "../../app/identify-person.js";
import { membershipActiveOn } from "../../app/membership-active.js";
import type { Db } from "../../db/client.js";
import {
  channelBindings,
  localMessages,
  memberships,
  organisations,
  people,
  processedRequests,
  regions,
} from "../../db/schema.js";
import { calendarDateIn } from "../../domain/calendar-date.js";
import type { Card } from "../../domain/cards/card.js";
import { noticeCard } from "../../domain/cards/survey-cards.js";
import { parseCommand } from "../../domain/commands/parse-command.js";
import { pick } from "../../domain/i18n.js";
import { UserFacingError } from "../../domain/user-errors.js";
import type { Locale } from "../../domain/vocabulary.js";
import type { Logger } from "../../logger.js";
import { runAdaptiveCardAction } from "../cards/adaptive-card-actions.js";
import { renderAdaptiveCard } from "../cards/render-adaptive.js";
import { userMessageFor } from "../user-message.js";
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
export type PersonEntry = { id: string; name: string; locale: string; seats: Seat[] };

/** Every person, with the seats they hold today (organisation, region, role, chair), by name. */
export async function listLocalPeople(ctx: AppContext): Promise<PersonEntry[]> {
  const today = calendarDateIn(ctx.timeZone, ctx.now());
  const rows = await ctx.db
    .select({
      id: people.id,
      name: people.name,
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
    const entry = byId.get(row.id) ?? { id: row.id, name: row.name, locale: row.locale, seats: [] };
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
    const card = message.card as Card | null;
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

/** True the first time this client request id is seen; the page sends one per click or line, and resends it. */
async function claimRequest(db: Db, requestId: string): Promise<boolean> {
  const claimed = await db
    .insert(processedRequests)
    .values({ platform: "local", requestId })
    .onConflictDoNothing()
    .returning();
  return claimed.length > 0;
}

type ChatDeps = { logger: Logger; kick: () => void };

/**
 * A line typed on the page, in the person's chat with the bot (`conversation` "dm") or in one of their local
 * channels: stored, parsed with the command grammar and run; the reply is stored after it. A resent request
 * (same id) does nothing more.
 */
export async function typeLocalLine(
  ctx: AppContext,
  deps: ChatDeps,
  input: { person: KnownPerson; conversation: string; text: string; requestId: string },
): Promise<{ duplicate: boolean }> {
  const { person } = input;
  const locale = person.locale;
  const channel =
    input.conversation === "dm"
      ? undefined
      : (await localChannelsOf(ctx, person.id)).find((c) => c.bindingId === input.conversation);
  if (input.conversation !== "dm" && !channel) throw new UnknownConversationError();
  if (!(await claimRequest(ctx.db, `line:${input.requestId}`))) return { duplicate: true };
  const where = channel ? { channelBindingId: channel.bindingId } : { personId: person.id };
  await ctx.db
    .insert(localMessages)
    .values({ ...where, author: "person", authorPersonId: person.id, text: input.text });
  let card: Card;
  let visibility: "private" | "channel" = "private";
  try {
    const parsed = parseCommand(input.text.trim(), locale, {
      today: calendarDateIn(ctx.timeZone, ctx.now()),
    });
    if (!parsed.ok) card = noticeCard(parsed.message);
    else {
      const reply = await runChatCommand(ctx, {
        person,
        locale,
        command: parsed.command,
        channel: {
          platform: "local",
          workspaceId: LOCAL_WORKSPACE,
          channelId: channel ? channel.channelId : `dm-${person.id}`,
          conversationReference: null,
        },
        // Local mode has no workspace administrator: only chairs bind.
        isWorkspaceAdmin: async () => false,
        requestId: `local|${input.requestId}`,
        kick: deps.kick,
      });
      card = reply.card ?? noticeCard(reply.text);
      visibility = reply.visibility;
    }
  } catch (error) {
    card = noticeCard(userMessageFor(error, locale, deps.logger, "Lokale"));
  }
  await ctx.db.insert(localMessages).values({
    ...where,
    author: "bot",
    card,
    // In a channel, a private reply is for the one who asked (as Slack's ephemeral messages).
    visibleToPersonId: channel && visibility === "private" ? person.id : null,
  });
  return { duplicate: false };
}

/**
 * An `Action.Execute` on a card the person can see: the same code as a Teams invoke, answered with the card
 * that replaces the clicked one for them. A resent request (same id) is noted and answered again; nothing is
 * stored twice: a repeated submit carries the same answers, which `recordAnswer` recognises (also when both
 * arrive at once, by the revision key), so it answers with the filled-in card even while the first is stored.
 */
export async function runLocalCardAction(
  ctx: AppContext,
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
  try {
    if (!(await canSee(ctx, person.id, input.messageId))) throw new UnknownConversationError();
    if (!(await claimRequest(ctx.db, `action:${input.requestId}`))) {
      deps.logger.info({ requestId: input.requestId, verb: input.verb }, "herhaalde lokale kaartactie");
    }
    return await runAdaptiveCardAction(ctx, { person, via: "local" }, input.verb, input.data, deps.kick);
  } catch (error) {
    // Theirs (a closed round, not invited) is answered in the card; ours (the database) goes to the caller,
    // which answers "try again" and leaves the form as the person filled it in.
    if (!(error instanceof UserFacingError)) throw error;
    return renderAdaptiveCard(noticeCard(error.userMessage(person.locale)));
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
