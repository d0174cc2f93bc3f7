import type { Card } from "../../domain/cards/card.js";
import { commandHelp, helpText } from "../../domain/commands/help.js";
import type { Command } from "../../domain/commands/parse-command.js";
import { commandForm, commandSpec, NATIONAL_REGION_WORDS } from "../../domain/commands/registry.js";
import { pick } from "../../domain/i18n.js";
import type { Locale } from "../../domain/vocabulary.js";
import { bindChannel, bindNationalChannel, type ChannelRef, findBinding } from "../channels/bind-channel.js";
import type { AppContext } from "../context.js";
import type { KnownPerson } from "../identify-person.js";
import { queueRegionSummary } from "../survey/post-region-summary.js";
import { isHandoverCommand, runHandoverCommand } from "./handover-commands.js";
import { helpViewerOf } from "./help-viewer.js";
import { isTableCommand, runTableCommand } from "./table-commands.js";

const NATIONAL = new Set(NATIONAL_REGION_WORDS);

/**
 * What the platform shows: only to the person who typed the command, or to everyone in the channel; a card
 * (with buttons) when there is one, the text otherwise.
 */
export type CommandReply = { text: string; visibility: "private" | "channel"; card?: Card };

/**
 * Runs one parsed chat command for a known person, the same for Slack and Teams. The platform supplies what
 * only it knows (the channel, whether the person administers the workspace) and shows the reply; a
 * `UserFacingError` thrown from here is shown the same way.
 */
export async function runChatCommand(
  ctx: AppContext,
  input: {
    person: KnownPerson;
    locale: Locale;
    command: Command;
    channel: ChannelRef;
    /** Asked only when needed (Slack: users.info). */
    isWorkspaceAdmin: () => Promise<boolean>;
    /** The platform's id for this request: a repeated request posts the same summary once. */
    requestId: string;
    /** Wake the outbox: something was queued that the person is waiting to see. */
    kick: () => void;
  },
): Promise<CommandReply> {
  const { locale, command } = input;
  if (isTableCommand(command)) return runTableCommand(ctx, { ...input, command });
  if (isHandoverCommand(command)) return runHandoverCommand(ctx, { ...input, command });
  switch (command.name) {
    case "help":
      return {
        visibility: "private",
        text: command.about
          ? commandHelp(locale, command.about)
          : helpText(locale, await helpViewerOf(ctx, input.person, input.channel)),
      };
    case "bind": {
      if (NATIONAL.has(command.region.trim().toLowerCase())) {
        await bindNationalChannel(ctx, {
          personId: input.person.id,
          email: input.person.email,
          channel: input.channel,
        });
        return {
          visibility: "channel",
          text: pick(locale, {
            nl: "Dit kanaal is nu het kanaal van de landelijke coördinatoren: hulpvragen van de regio's komen hier.",
            en: "This channel is now the national coordinators' channel: support requests from the regions arrive here.",
          }),
        };
      }
      const { region } = await bindChannel(ctx, {
        personId: input.person.id,
        isWorkspaceAdmin: await input.isWorkspaceAdmin(),
        regionReference: command.region,
        channel: input.channel,
      });
      return {
        visibility: "channel",
        text: pick(locale, {
          nl: `Dit kanaal is nu het kanaal van regio *${region.name}*. Samenvattingen voor de regio komen hier.`,
          en: `This channel is now the channel of region *${region.name}*. Summaries for the region are posted here.`,
        }),
      };
    }
    case "summary": {
      const binding = await findBinding(ctx.db, input.channel);
      if (!binding?.regionId) {
        return {
          visibility: "private",
          text: pick(locale, {
            nl: `Dit kanaal is nog niet aan een regio gekoppeld: gebruik eerst \`${commandForm(commandSpec("bind"), "nl")}\`.`,
            en: `This channel is not bound to a region yet: use \`${commandForm(commandSpec("bind"), "en")}\` first.`,
          }),
        };
      }
      await queueRegionSummary(ctx, ctx.db, {
        bindingId: binding.id,
        occasion: `request:${input.requestId}`,
      });
      input.kick();
      return {
        visibility: "private",
        text: pick(locale, {
          nl: "De samenvatting wordt in dit kanaal geplaatst.",
          en: "The summary is being posted in this channel.",
        }),
      };
    }
  }
}
