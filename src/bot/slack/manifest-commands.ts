import { COMMAND_GROUPS, commandForm, commandsOf, commandWord } from "../../domain/commands/registry.js";
import type { Locale } from "../../domain/vocabulary.js";

/**
 * What Slack's app manifest says about `/regiotafel`, made from the registry. `npm run manifests` writes it
 * into `manifest/slack.json`; a test fails when the file drifts.
 */

/** Slack's hint under `/regiotafel`: each group's word, with the arguments of a group of one command. */
export function slackUsageHint(locale: Locale): string {
  return COMMAND_GROUPS.map((group) => {
    const [only, ...more] = commandsOf(group);
    return only && more.length === 0 ? commandForm(only, locale) : commandWord(group, locale);
  }).join(" | ");
}

/** The command's description: every group word, as a sentence's list (`help, overleg, agenda, …`). */
export function slackCommandDescription(locale: Locale): string {
  return `Regiotafel: ${COMMAND_GROUPS.map((group) => commandWord(group, locale)).join(", ")}`;
}
