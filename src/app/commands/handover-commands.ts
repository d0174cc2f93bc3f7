import { formatCalendarDay, handoverListCard, handoverStatusLabel } from "../../domain/cards/table-cards.js";
import type { Command } from "../../domain/commands/command.js";
import { COMMAND_GROUP } from "../../domain/commands/registry.js";
import { pick } from "../../domain/i18n.js";
import type { Locale } from "../../domain/vocabulary.js";
import type { ChannelRef } from "../channels/bind-channel.js";
import type { AppContext } from "../context.js";
import type { KnownPerson } from "../identify-person.js";
import { advanceHandover, findNamedPerson, openHandovers, startHandover } from "../table/handovers.js";
import { regionForCommand } from "../table/region-access.js";
import { requirePermission } from "./permission.js";
import type { CommandReply } from "./run-chat-command.js";

type HandoverCommand = Extract<Command, { name: `handover.${string}` }>;

export const isHandoverCommand = (command: Command): command is HandoverCommand =>
  COMMAND_GROUP[command.name] === "handover";

/** `overdracht`: start, list and move on the handover of a contact person who is replaced. */
export async function runHandoverCommand(
  ctx: AppContext,
  input: {
    person: KnownPerson;
    locale: Locale;
    command: HandoverCommand;
    channel: ChannelRef;
    kick: () => void;
  },
): Promise<CommandReply> {
  const { command, locale, person } = input;
  const access = await regionForCommand(ctx, { personId: person.id, channel: input.channel });
  const regionId = access.region.id;
  await requirePermission(ctx, access, command.name);
  switch (command.name) {
    case "handover.start": {
      const where = { platform: input.channel.platform, workspaceId: input.channel.workspaceId };
      const predecessor = await findNamedPerson(ctx.db, command.from, where);
      const successor = await findNamedPerson(ctx.db, command.to, where);
      const handover = await startHandover(ctx, {
        regionId,
        personId: person.id,
        predecessorId: predecessor.id,
        successorId: successor.id,
        handoverOn: command.date,
      });
      input.kick();
      return {
        visibility: "channel",
        text: pick(locale, {
          nl: `Overdracht gestart: ${successor.name} volgt ${predecessor.name} op per ${formatCalendarDay(handover.handoverOn, "nl")}. ${successor.name} krijgt een inwerkkaart, de voorzitter de taak om de opvolger aan tafel voor te stellen, en de zorgverzekeraar en het zorgkantoor worden ingelicht.`,
          en: `Handover started: ${successor.name} succeeds ${predecessor.name} from ${formatCalendarDay(handover.handoverOn, "en")}. ${successor.name} receives a briefing, the chair a task to introduce the successor at the table, and the insurer and care office are informed.`,
        }),
      };
    }
    case "handover.list": {
      const list = await openHandovers(ctx, regionId);
      const card = handoverListCard({ locale, regionName: access.region.name, handovers: list });
      return { visibility: "private", text: card.fallbackText, card };
    }
    case "handover.done": {
      const handover = await advanceHandover(ctx, {
        regionId,
        personId: person.id,
        handover: command.handover,
      });
      return {
        visibility: "channel",
        text: `${pick(locale, { nl: "Overdracht", en: "Handover" })} ${command.handover}: ${handoverStatusLabel(handover.status, locale)}.`,
      };
    }
  }
}
