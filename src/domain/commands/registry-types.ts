import type { CommandName } from "./command.js";

/**
 * The shape of the command registry (`registry.ts`): per command its words (Dutch first, English aliases
 * accepted in either language), its arguments, who may run it and where, and its help.
 *
 * Placeholders: `«regio»` is an argument that must be given, `[datum]` one that may be left out. Neither
 * uses angle brackets, which Slack and Teams take for markup.
 */

export type Texts = { nl: string; en: string };

/**
 * Who may run a command. `contact`: the region's contact persons (a chair is one too); `chair`: the region's
 * chairs; `coordinator`: the national coordinators; `everyone`: anyone the bot knows.
 */
export type Audience = "everyone" | "contact" | "chair" | "coordinator";

/**
 * Where a command means something. `anywhere`: also in a direct message, where it is about the region the
 * person chairs or sits at; `channel`: in the channel it is about; `region-channel`: in a channel bound to a region.
 */
export type Place = "anywhere" | "channel" | "region-channel";

/** An argument as the help shows it: «required» or [optional]. */
export type Argument = { word: Texts; optional?: true };

export type CommandSpec = {
  name: CommandName;
  group: CommandGroup;
  /**
   * The words after the group's word that choose this command; the first of each language is the one shown.
   * None: the group's word alone is this command, followed directly by its arguments.
   */
  words: { nl: readonly string[]; en: readonly string[] };
  /** Its arguments may also follow the group's word directly (`overdracht @jan @piet`). */
  wordOptional?: true;
  /** Also run by the group's word alone (`overleg` lists the meetings, as `overleg lijst` does). */
  bare?: true;
  /** The group word this command's usage shows, when not the group's first (`afspraak toevoegen`). */
  groupWord?: Texts;
  args: readonly Argument[];
  who: Audience;
  where: Place;
  /** What it does, in a few words: the help line after the usage. */
  summary: Texts;
  /** More about it, for `help <commando>`. */
  detail?: Texts;
  /** A complete example; it parses (a test says so). */
  example?: Texts;
};

export const COMMAND_GROUPS = [
  "help",
  "meeting",
  "agenda",
  "agreement",
  "topics",
  "handover",
  "escalate",
  "bind",
  "summary",
] as const;
export type CommandGroup = (typeof COMMAND_GROUPS)[number];

export type GroupSpec = {
  /** The top-level words; the first of each language is the one the help and Teams' menu show. */
  words: { nl: readonly string[]; en: readonly string[] };
  title: Texts;
  /** What the group is about, for Teams' command menu. */
  menu: Texts;
  /** Said once under the group's commands in `help <commando>`. */
  note?: Texts;
};
