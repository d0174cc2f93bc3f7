import {
  COMMAND_GROUPS,
  commandForm,
  commandPhrase,
  commandsOf,
  commandWord,
  GROUPS,
} from "../../domain/commands/registry.js";
import type { Locale } from "../../domain/vocabulary.js";

/**
 * What Teams' app manifest says about the commands, made from the registry: the command menu, one entry per
 * group (at most 10), descriptions of at most 128 characters. `npm run manifests` writes it into `manifest/`;
 * a test fails when the files drift.
 */

export const TEAMS_COMMAND_DESCRIPTION_MAX = 128;

export type MenuCommand = { title: string; description: string };

/** Teams' command menu in a language: the group's word, what it is about, and how its commands are typed. */
export function teamsCommandMenu(locale: Locale): MenuCommand[] {
  return COMMAND_GROUPS.map((group) => {
    const specs = commandsOf(group);
    const menu = GROUPS[group].menu[locale];
    const full = `${menu}: ${specs.map((spec) => commandForm(spec, locale)).join(", ")}`;
    // Too long for Teams: the commands' words only; `help <commando>` has the rest.
    const short = `${menu}: ${specs.map((spec) => commandPhrase(spec, locale)).join(", ")}`;
    return {
      title: commandWord(group, locale),
      description: full.length <= TEAMS_COMMAND_DESCRIPTION_MAX ? full : short,
    };
  });
}
