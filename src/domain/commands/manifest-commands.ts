import type { Locale } from "../vocabulary.js";
import { COMMAND_GROUPS, commandForm, commandPhrase, commandsOf, commandWord, GROUPS } from "./registry.js";

/**
 * What the platforms' app manifests say about the commands, made from the registry: Teams' command menu (one
 * entry per group, at most 10, descriptions of at most 128 characters) and Slack's usage hint for
 * `/regiotafel`. `npm run manifests` writes them into `manifest/`; a test fails when the files drift.
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

/** The group words of every command, as a sentence's list: `help, overleg, agenda, …`. */
export function commandWords(locale: Locale): string[] {
  return COMMAND_GROUPS.map((group) => commandWord(group, locale));
}

/** Slack's hint under `/regiotafel`: each group's word, with the arguments of a group of one command. */
export function slackUsageHint(locale: Locale): string {
  return COMMAND_GROUPS.map((group) => {
    const [only, ...more] = commandsOf(group);
    return only && more.length === 0 ? commandForm(only, locale) : commandWord(group, locale);
  }).join(" | ");
}

export function slackCommandDescription(locale: Locale): string {
  return `Regiotafel: ${commandWords(locale).join(", ")}`;
}
