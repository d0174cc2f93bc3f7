import type { Card } from "../../domain/cards/card.js";
import { joinMarkup, type Markup, md } from "../../domain/cards/markup.js";
import {
  agendaCard,
  agreementsCard,
  meetingListCard,
  topicGuardCard,
  topicScopeCard,
} from "../../domain/cards/table-cards.js";
import type { Command } from "../../domain/commands/command.js";
import { commandSpec } from "../../domain/commands/registry.js";
import { formatDateTime, pick } from "../../domain/i18n.js";
import type { Locale } from "../../domain/vocabulary.js";
import type { ChannelRef } from "../channels/bind-channel.js";
import type { AppContext } from "../context.js";
import type { KnownPerson } from "../identify-person.js";
import { addAgendaItem, moveAgendaItem, removeAgendaItem, showAgenda } from "../table/agenda.js";
import { addAgreement, agreementsOf, decideTopic, topicScopeOf } from "../table/agreements.js";
import { escalate } from "../table/escalate.js";
import { cancelMeeting, planMeeting, rescheduleMeeting, upcomingMeetings } from "../table/meetings.js";
import { regionForCommand } from "../table/region-access.js";
import { AGENDA_CONFIRM_ACTION, AGENDA_DECLINE_ACTION, pendingAgendaItem } from "./card-actions.js";
import { askBeforeDayOff, meetingPlannedReply } from "./meeting-day-check.js";
import { requirePermission } from "./permission.js";
import type { CommandReply } from "./run-chat-command.js";

type TableCommand = Exclude<Command, { name: "help" | "bind" | "summary" } | { name: `handover.${string}` }>;

/** A command about a region's table (the registry's contact-person and chair commands), but not a handover. */
export function isTableCommand(command: Command): command is TableCommand {
  const spec = commandSpec(command.name);
  return spec.where === "anywhere" && spec.who !== "everyone" && spec.group !== "handover";
}

/**
 * The regional table's own business: meetings, agenda, agreements, topic scope and support requests. The
 * region is the channel's (or, in a direct message, the one the person chairs); who may run each command is
 * the registry's `who`.
 */
export async function runTableCommand(
  ctx: AppContext,
  input: {
    person: KnownPerson;
    locale: Locale;
    command: TableCommand;
    channel: ChannelRef;
    kick: () => void;
  },
): Promise<CommandReply> {
  const { command, locale, person } = input;
  const access = await regionForCommand(ctx, { personId: person.id, channel: input.channel });
  const regionId = access.region.id;
  const at = (date: Date) => formatDateTime(date, locale, ctx.timeZone);
  // A string is shown exactly as given; markup (md) for the answers that show something in bold.
  const say = (
    nl: string | Markup,
    en: string | Markup,
    visibility: CommandReply["visibility"] = "private",
  ): CommandReply => ({
    visibility,
    text: pick(locale, { nl, en }),
  });
  // Listings are cards, shown only to the person who asked.
  const shown = (card: Card): CommandReply => ({ visibility: "private", text: card.fallbackText, card });
  // Who may run it is the registry's: one check for every command, before anything is read or changed.
  await requirePermission(ctx, access, command.name);

  switch (command.name) {
    case "meeting.list": {
      const meetings = await upcomingMeetings(ctx, regionId);
      return shown(
        meetingListCard({ locale, timeZone: ctx.timeZone, regionName: access.region.name, meetings }),
      );
    }
    case "meeting.plan": {
      const { date, time, location } = command;
      const pending = { regionId, date, time, location };
      const question = askBeforeDayOff(ctx, { chairPersonId: person.id, locale, pending });
      if (question) return question;
      const meeting = await planMeeting(ctx, { regionId, personId: person.id, ...command });
      input.kick();
      return meetingPlannedReply(ctx, locale, meeting);
    }
    case "meeting.reschedule": {
      const { before, after } = await rescheduleMeeting(ctx, { regionId, personId: person.id, ...command });
      return say(
        `Het overleg van ${at(before.startsAt)} is verplaatst naar ${at(after.startsAt)}. De herinneringen gaan mee.`,
        `The meeting of ${at(before.startsAt)} has moved to ${at(after.startsAt)}. The reminders move with it.`,
        "channel",
      );
    }
    case "meeting.cancel": {
      const meeting = await cancelMeeting(ctx, { regionId, personId: person.id, meeting: command.meeting });
      return say(
        `Het overleg van ${at(meeting.startsAt)} is geannuleerd; er gaan geen herinneringen meer voor uit.`,
        `The meeting of ${at(meeting.startsAt)} is cancelled; no more reminders are sent for it.`,
        "channel",
      );
    }
    case "agenda.show": {
      const { meeting, items } = await showAgenda(ctx, { regionId, meeting: command.meeting });
      return shown(
        agendaCard({ locale, timeZone: ctx.timeZone, regionName: access.region.name, meeting, items }),
      );
    }
    case "agenda.add": {
      const result = await addAgendaItem(ctx, { regionId, personId: person.id, ...command });
      if (result.status === "needs-confirmation") {
        const pending = pendingAgendaItem(person.id, { regionId, text: command.text, theme: command.theme });
        const card = topicGuardCard({
          locale,
          topic: result.topic.topic,
          reason: result.topic.reason,
          itemText: command.text,
          confirm: { id: AGENDA_CONFIRM_ACTION, value: pending },
          cancel: { id: AGENDA_DECLINE_ACTION, value: pending },
        });
        return { visibility: "private", text: card.fallbackText, card };
      }
      return say(
        `Agendapunt ${result.item.position} toegevoegd aan het overleg van ${at(result.meeting.startsAt)}: ${result.item.text}`,
        `Agenda item ${result.item.position} added to the meeting of ${at(result.meeting.startsAt)}: ${result.item.text}`,
        "channel",
      );
    }
    case "agenda.remove": {
      const removed = await removeAgendaItem(ctx, { regionId, personId: person.id, item: command.item });
      return say(`Agendapunt verwijderd: ${removed.text}`, `Agenda item removed: ${removed.text}`, "channel");
    }
    case "agenda.move": {
      const items = await moveAgendaItem(ctx, { regionId, personId: person.id, ...command });
      const lines = joinMarkup(items.map((item) => md`${item.position}. ${item.text}`));
      return say(md`*Nieuwe volgorde*\n${lines}`, md`*New order*\n${lines}`, "channel");
    }
    case "agreement.add": {
      const agreement = await addAgreement(ctx, { regionId, personId: person.id, ...command });
      return say(
        `Afspraak vastgelegd: ${agreement.text}`,
        `Agreement recorded: ${agreement.text}`,
        "channel",
      );
    }
    case "agreement.list": {
      const agreements = await agreementsOf(ctx, regionId);
      return shown(agreementsCard({ locale, regionName: access.region.name, agreements }));
    }
    case "topics.list": {
      const topics = await topicScopeOf(ctx, regionId);
      return shown(topicScopeCard({ locale, regionName: access.region.name, topics }));
    }
    case "topics.forbid":
    case "topics.allow": {
      const forbid = command.name === "topics.forbid";
      const entry = await decideTopic(ctx, {
        regionId,
        personId: person.id,
        topic: command.topic,
        status: forbid ? "forbidden" : "allowed",
        reason: command.name === "topics.forbid" ? command.reason : undefined,
        theme: command.name === "topics.forbid" ? command.theme : undefined,
      });
      return forbid
        ? say(
            md`*${entry.topic}* staat nu op de lijst van onderwerpen die deze tafel niet bespreekt.`,
            md`*${entry.topic}* is now on the list of topics this table does not discuss.`,
            "channel",
          )
        : say(
            md`*${entry.topic}* mag weer besproken worden.`,
            md`*${entry.topic}* may be discussed again.`,
            "channel",
          );
    }
    case "escalate": {
      const result = await escalate(ctx, { regionId, personId: person.id, text: command.text });
      input.kick();
      return result.nationalChannels
        ? say(
            "Uw hulpvraag is doorgestuurd naar de landelijke coördinatoren en vastgelegd in het venster.",
            "Your request for support has been sent to the national coordinators and recorded in the venster.",
          )
        : say(
            "Uw hulpvraag is vastgelegd in het venster; er is nog geen kanaal van de landelijke coördinatoren gekoppeld.",
            "Your request for support is recorded in the venster; no channel of the national coordinators is bound yet.",
          );
    }
  }
}
