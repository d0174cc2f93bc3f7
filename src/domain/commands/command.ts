import type { CollaborationForm, Geography, Instrument, Theme } from "../vocabulary.js";
import type { CommandGroup } from "./registry.js";

/**
 * What a chat command asks for, whatever platform it was typed on. Dates are calendar days (YYYY-MM-DD) and
 * times wall-clock times (HH:mm) in the region's time zone; relative dates ("volgende donderdag") are already
 * resolved by the parser against the day it was given. Numbers (`meeting`, `item`, `handover`) are the 1-based
 * positions people see in the listing commands.
 */
export type Command =
  /** `help agenda`, `help agenda toevoegen`: the group, or one command, to say more about. */
  | { name: "help"; about?: { group: CommandGroup; command?: CommandName } }
  | { name: "bind"; region: string }
  | { name: "summary" }
  | { name: "meeting.plan"; date: string; time: string; location?: string }
  | { name: "meeting.list" }
  | { name: "meeting.reschedule"; meeting: number; date: string; time: string }
  | { name: "meeting.cancel"; meeting: number }
  | { name: "agenda.show"; meeting?: number }
  | { name: "agenda.add"; text: string; theme?: Theme }
  | { name: "agenda.remove"; item: number }
  | { name: "agenda.move"; item: number; position: number }
  | {
      name: "agreement.add";
      text: string;
      theme?: Theme;
      instrument?: Instrument;
      form?: CollaborationForm;
      geography?: Geography;
    }
  | { name: "agreement.list" }
  | { name: "topics.list" }
  /** `theme` is set when the topic was given as a theme label (`onderwerpen verbied #preventie`). */
  | { name: "topics.forbid"; topic: string; theme?: Theme; reason?: string }
  | { name: "topics.allow"; topic: string }
  | { name: "handover.start"; from: PersonReference; to: PersonReference; date?: string }
  | { name: "handover.list" }
  | { name: "handover.done"; handover: number }
  | { name: "escalate"; text: string };

export type CommandName = Command["name"];

/**
 * Someone named in a command: a platform mention, which the platform adapter writes as `<@USERID>` before
 * parsing (Slack's own form; Teams' `<at>…</at>` is rewritten with the user's id), or an e-mail address.
 */
export type PersonReference = { kind: "mention"; userId: string } | { kind: "email"; email: string };
