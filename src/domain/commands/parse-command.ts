import { pick } from "../i18n.js";
import { hasUnstorableCharacter } from "../storable-text.js";
import {
  COLLABORATION_FORMS,
  type CollaborationForm,
  GEOGRAPHIES,
  type Geography,
  INSTRUMENTS,
  type Instrument,
  type Locale,
  THEMES,
  type Theme,
} from "../vocabulary.js";
import type { Command, CommandName, PersonReference } from "./command.js";
import { addDays, type DateProblem, formatDay, readDate, readTime, weekdayName } from "./dutch-date.js";

export type { Command, CommandName, PersonReference } from "./command.js";

/**
 * The one command grammar behind Slack's `/regiotafel …` and Teams messages. Dutch words first, English
 * aliases accepted in either language. Pure: relative dates are resolved against `context.today`, the
 * calendar day (YYYY-MM-DD) in the region's time zone. A rejection is a polite message in the person's
 * language with the usage of that command; an unknown command answers with the help text.
 *
 * Words are separated by whitespace; `"…"` (also `“…”`, `„…”`) keeps several words together, and so does a
 * platform's `<…>` (`<@U123|Jan de Vries>`). Every word starting with `#` is a label (theme, and for
 * agreements instrument, form and geography); an unknown label is refused with the list of known ones.
 */
export type ParsedCommand = { ok: true; command: Command } | { ok: false; message: string };

export type ParseContext = { today: string };

/** Typed text that could not be stored (agenda items, agreements, support requests all are). */
const UNSTORABLE_TEXT = {
  nl: "Uw bericht bevat een onzichtbaar teken (U+0000) en dit teken kan niet worden opgeslagen. Wilt u het weghalen en het opnieuw proberen?",
  en: "Your message contains an invisible character (U+0000) and this character cannot be saved. Would you please remove it and try again?",
};

/** The top-level words: one per group of commands, and one Teams menu entry each. */
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

/** Which top-level word each command starts with. */
export const COMMAND_GROUP: Readonly<Record<CommandName, CommandGroup>> = {
  help: "help",
  bind: "bind",
  summary: "summary",
  "meeting.plan": "meeting",
  "meeting.list": "meeting",
  "meeting.reschedule": "meeting",
  "meeting.cancel": "meeting",
  "agenda.show": "agenda",
  "agenda.add": "agenda",
  "agenda.remove": "agenda",
  "agenda.move": "agenda",
  "agreement.add": "agreement",
  "agreement.list": "agreement",
  "topics.list": "topics",
  "topics.forbid": "topics",
  "topics.allow": "topics",
  "handover.start": "handover",
  "handover.list": "handover",
  "handover.done": "handover",
  escalate: "escalate",
};

/** The words people type, per group: the first of each language is the one the help and Teams' menu show. */
const GROUP_WORDS: Record<CommandGroup, { nl: string[]; en: string[] }> = {
  help: { nl: ["help", "hulp", "?"], en: ["help"] },
  meeting: { nl: ["overleg", "overleggen"], en: ["meeting", "meetings"] },
  agenda: { nl: ["agenda"], en: [] },
  agreement: { nl: ["afspraken", "afspraak"], en: ["agreements", "agreement"] },
  topics: { nl: ["onderwerpen", "onderwerp"], en: ["topics", "topic"] },
  handover: { nl: ["overdracht", "overdrachten"], en: ["handover", "handovers"] },
  escalate: { nl: ["hulpvraag"], en: ["support", "help-request"] },
  bind: { nl: ["koppel"], en: ["bind"] },
  summary: { nl: ["samenvatting"], en: ["summary"] },
};

const GROUP_OF_WORD: ReadonlyMap<string, CommandGroup> = new Map(
  COMMAND_GROUPS.flatMap((group) =>
    [...GROUP_WORDS[group].nl, ...GROUP_WORDS[group].en].map((word) => [word, group] as const),
  ),
);

/** The word the help and the Teams menu show for a group, in a language. */
export function commandWord(group: CommandGroup, locale: Locale): string {
  const words = GROUP_WORDS[group];
  return (locale === "en" ? words.en[0] : undefined) ?? words.nl[0] ?? group;
}

/** The group a typed top-level word belongs to (any language, any case), or undefined. */
export function commandGroupOf(word: string): CommandGroup | undefined {
  return GROUP_OF_WORD.get(word.trim().toLowerCase());
}

export function parseCommand(text: string, locale: Locale, context: ParseContext): ParsedCommand {
  // Resolves nothing yet, but refuses a wrong `today` now rather than on the first date typed.
  addDays(context.today, 0);
  if (hasUnstorableCharacter(text)) return { ok: false, message: pick(locale, UNSTORABLE_TEXT) };
  const [first = "", ...rest] = tokenize(text);
  const group = first === "" ? "help" : commandGroupOf(first);
  const p = new Parser(locale, context.today);
  switch (group) {
    case "help":
      return { ok: true, command: { name: "help" } };
    case "summary":
      return { ok: true, command: { name: "summary" } };
    case "bind":
      return rest.length
        ? { ok: true, command: { name: "bind", region: rest.join(" ") } }
        : { ok: false, message: usage("bind", locale) };
    case "meeting":
      return p.meeting(rest);
    case "agenda":
      return p.agenda(rest);
    case "agreement":
      return p.agreement(rest);
    case "topics":
      return p.topics(rest);
    case "handover":
      return p.handover(rest);
    case "escalate":
      return rest.length
        ? { ok: true, command: { name: "escalate", text: rest.join(" ") } }
        : p.fail("escalate", { nl: "Wat is uw hulpvraag?", en: "What do you need support with?" });
    case undefined:
      return {
        ok: false,
        message: pick(locale, {
          nl: `Het commando "${first}" ken ik niet.\n${helpText(locale)}`,
          en: `I don't know the command "${first}".\n${helpText(locale)}`,
        }),
      };
  }
}

type Texts = { nl: string; en: string };

const SUBCOMMANDS = {
  meeting: {
    plan: ["plan", "plannen", "nieuw", "schedule", "new"],
    reschedule: ["verplaats", "verplaatsen", "move", "reschedule"],
    cancel: ["annuleer", "annuleren", "cancel"],
    list: ["lijst", "list"],
  },
  agenda: {
    add: ["add", "toevoegen", "voegtoe", "voeg-toe"],
    remove: ["remove", "verwijder", "verwijderen", "delete"],
    move: ["move", "verplaats", "verplaatsen"],
  },
  agreement: { add: ["add", "toevoegen", "voegtoe", "voeg-toe"], list: ["lijst", "list"] },
  topics: {
    forbid: ["verbied", "verbieden", "forbid"],
    allow: ["sta-toe", "statoe", "toestaan", "allow"],
    list: ["lijst", "list"],
  },
  handover: { done: ["klaar", "gereed", "done"], list: ["lijst", "list"] },
} as const;

function subcommand<G extends keyof typeof SUBCOMMANDS>(
  group: G,
  token: string | undefined,
): keyof (typeof SUBCOMMANDS)[G] | undefined {
  const word = token?.toLowerCase();
  if (word === undefined) return undefined;
  const table = SUBCOMMANDS[group] as Record<string, readonly string[]>;
  return Object.keys(table).find((key) => table[key]?.includes(word)) as keyof (typeof SUBCOMMANDS)[G];
}

const NUMBER = /^\d{1,4}$/;
const MENTION = /^<@([^|>\s]+)(?:\|[^>]*)?>$/;
const MAILTO = /^<mailto:([^|>\s]+)(?:\|[^>]*)?>$/i;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/;
const LINK = /^<((?:https?|mailto):[^|>\s]+)(?:\|[^>]*)?>$/i;
const SLACK_CHANNEL_LABEL = /^<#[A-Z0-9]+\|([^>]+)>$/;
/** A meeting further ahead than this is taken for a typo (`14-01-2207`). */
const MEETING_HORIZON_DAYS = 5 * 365 + 1;

class Parser {
  constructor(
    readonly locale: Locale,
    readonly today: string,
  ) {}

  fail(name: CommandName, problem?: Texts): { ok: false; message: string } {
    const line = usage(name, this.locale);
    return { ok: false, message: problem ? `${pick(this.locale, problem)}\n${line}` : line };
  }

  unknownSubcommand(group: CommandGroup, word: string): { ok: false; message: string } {
    const shown = `\`${commandWord(group, this.locale)}\``;
    const problem = pick(this.locale, {
      nl: `Bij ${shown} ken ik "${word}" niet.`,
      en: `I don't know "${word}" after ${shown}.`,
    });
    const names = HELP_SECTIONS.flatMap((s) => s.commands).filter((n) => COMMAND_GROUP[n] === group);
    const lines = names.map((n) => `• ${USAGE[n][this.locale]}`);
    return {
      ok: false,
      message: `${problem}\n${pick(this.locale, { nl: "Gebruik", en: "Usage" })}:\n${lines.join("\n")}`,
    };
  }

  number(
    name: CommandName,
    token: string | undefined,
    what: Texts,
  ): { ok: true; value: number } | { ok: false; message: string } {
    if (token === undefined) {
      return this.fail(name, { nl: `Ik mis ${what.nl}.`, en: `The ${what.en} is missing.` });
    }
    const value = NUMBER.test(token) ? Number(token) : 0;
    if (value < 1) {
      return this.fail(name, {
        nl: `"${token}" is geen geldig nummer: ik verwacht ${what.nl}, een getal vanaf 1.`,
        en: `"${token}" is not a valid number: I expect the ${what.en}, a number from 1.`,
      });
    }
    return { ok: true, value };
  }

  nothingAfter(name: CommandName, rest: string[], after: Texts): { ok: false; message: string } | undefined {
    if (rest.length === 0) return undefined;
    return this.fail(name, {
      nl: `Na ${after.nl} verwacht ik niets meer, maar er staat nog "${rest.join(" ")}".`,
      en: `I expect nothing after the ${after.en}, but there is still "${rest.join(" ")}".`,
    });
  }

  /** A date and a time (in that order, or time first), for a meeting: today or later. */
  when(
    name: CommandName,
    tokens: string[],
  ): { ok: true; date: string; time: string; used: number } | { ok: false; message: string } {
    if (tokens.length === 0) {
      return this.fail(name, { nl: "Ik mis de datum en de tijd.", en: "The date and time are missing." });
    }
    let date = readDate(tokens, this.today);
    let time: ReturnType<typeof readTime>;
    let used: number;
    if (date) {
      time = readTime(tokens.slice(date.used));
      used = date.used + (time?.used ?? 0);
    } else {
      // 14:00 morgen
      time = readTime(tokens);
      date = time?.ok ? readDate(tokens.slice(time.used), this.today) : undefined;
      used = (time?.used ?? 0) + (date?.used ?? 0);
      if (!date) {
        const shown = time?.ok ? (tokens[time.used] ?? "") : (tokens[0] ?? "");
        return shown
          ? this.fail(name, {
              nl: `"${shown}" kan ik niet als datum lezen. ${DATE_HINT.nl}`,
              en: `I can't read "${shown}" as a date. ${DATE_HINT.en}`,
            })
          : this.fail(name, {
              nl: `Ik mis de datum. ${DATE_HINT.nl}`,
              en: `The date is missing. ${DATE_HINT.en}`,
            });
      }
    }
    if (!date.ok) return this.fail(name, this.dateProblem(date.problem));
    if (!time) {
      const next = tokens[date.used];
      return next === undefined
        ? this.fail(name, {
            nl: `Ik mis de tijd. ${TIME_HINT.nl}`,
            en: `The time is missing. ${TIME_HINT.en}`,
          })
        : this.fail(name, {
            nl: `"${next}" kan ik niet als tijd lezen. ${TIME_HINT.nl}`,
            en: `I can't read "${next}" as a time. ${TIME_HINT.en}`,
          });
    }
    if (!time.ok) {
      return this.fail(name, {
        nl: `"${time.text}" is geen bestaande tijd. ${TIME_HINT.nl}`,
        en: `"${time.text}" is not a time of day. ${TIME_HINT.en}`,
      });
    }
    if (date.date < this.today) {
      return this.fail(name, {
        nl: `${capitalise(formatDay(date.date, "nl"))} ligt in het verleden.`,
        en: `${formatDay(date.date, "en")} is in the past.`,
      });
    }
    if (date.date > addDays(this.today, MEETING_HORIZON_DAYS)) {
      return this.fail(name, {
        nl: `${capitalise(formatDay(date.date, "nl"))} ligt meer dan vijf jaar vooruit; is het jaartal goed?`,
        en: `${formatDay(date.date, "en")} is more than five years ahead; is the year right?`,
      });
    }
    return { ok: true, date: date.date, time: time.time, used };
  }

  dateProblem(problem: DateProblem): Texts {
    if (problem.kind === "no-such-day") {
      return {
        nl: `"${problem.text}" is geen bestaande datum.`,
        en: `"${problem.text}" is not a day of the calendar.`,
      };
    }
    return {
      nl: `${formatDay(problem.date, "nl").replace(/^\S+ /, "")} is een ${weekdayName(problem.actual, "nl")}, geen ${weekdayName(problem.said, "nl")}.`,
      en: `${formatDay(problem.date, "en").replace(/^\S+ /, "")} is a ${weekdayName(problem.actual, "en")}, not a ${weekdayName(problem.said, "en")}.`,
    };
  }

  meeting(args: string[]): ParsedCommand {
    const [word, ...rest] = args;
    if (word === undefined) return { ok: true, command: { name: "meeting.list" } };
    const sub = subcommand("meeting", word);
    switch (sub) {
      case "list":
        return { ok: true, command: { name: "meeting.list" } };
      case "plan": {
        const when = this.when("meeting.plan", rest);
        if (!when.ok) return when;
        const location = rest.slice(when.used).map(unwrapLink).join(" ");
        return {
          ok: true,
          command: {
            name: "meeting.plan",
            date: when.date,
            time: when.time,
            ...(location ? { location } : {}),
          },
        };
      }
      case "reschedule": {
        const meeting = this.number("meeting.reschedule", rest[0], MEETING_NUMBER);
        if (!meeting.ok) return meeting;
        const when = this.when("meeting.reschedule", rest.slice(1));
        if (!when.ok) return when;
        const extra = this.nothingAfter("meeting.reschedule", rest.slice(1 + when.used), TIME_WORD);
        if (extra) return extra;
        return {
          ok: true,
          command: { name: "meeting.reschedule", meeting: meeting.value, date: when.date, time: when.time },
        };
      }
      case "cancel": {
        const meeting = this.number("meeting.cancel", rest[0], MEETING_NUMBER);
        if (!meeting.ok) return meeting;
        const extra = this.nothingAfter("meeting.cancel", rest.slice(1), NUMBER_WORD);
        return extra ?? { ok: true, command: { name: "meeting.cancel", meeting: meeting.value } };
      }
      case undefined:
        return this.unknownSubcommand("meeting", word);
    }
  }

  agenda(args: string[]): ParsedCommand {
    const [word, ...rest] = args;
    if (word === undefined) return { ok: true, command: { name: "agenda.show" } };
    if (/^\d+$/.test(word)) {
      const meeting = this.number("agenda.show", word, MEETING_NUMBER);
      if (!meeting.ok) return meeting;
      const extra = this.nothingAfter("agenda.show", rest, NUMBER_WORD);
      return extra ?? { ok: true, command: { name: "agenda.show", meeting: meeting.value } };
    }
    switch (subcommand("agenda", word)) {
      case "add": {
        const labelled = this.labelled("agenda.add", rest, ["theme"]);
        if (!labelled.ok) return labelled;
        if (!labelled.text) {
          return this.fail("agenda.add", {
            nl: "Ik mis de tekst van het agendapunt.",
            en: "The text of the agenda item is missing.",
          });
        }
        const { theme } = labelled.labels;
        return {
          ok: true,
          command: { name: "agenda.add", text: labelled.text, ...(theme ? { theme } : {}) },
        };
      }
      case "remove": {
        const item = this.number("agenda.remove", rest[0], ITEM_NUMBER);
        if (!item.ok) return item;
        const extra = this.nothingAfter("agenda.remove", rest.slice(1), NUMBER_WORD);
        return extra ?? { ok: true, command: { name: "agenda.remove", item: item.value } };
      }
      case "move": {
        const item = this.number("agenda.move", rest[0], ITEM_NUMBER);
        if (!item.ok) return item;
        // `agenda verplaats 3 naar 1`
        const skip = ["naar", "to"].includes(rest[1]?.toLowerCase() ?? "") ? 1 : 0;
        const position = this.number("agenda.move", rest[1 + skip], POSITION);
        if (!position.ok) return position;
        const extra = this.nothingAfter("agenda.move", rest.slice(2 + skip), POSITION_WORD);
        return (
          extra ?? { ok: true, command: { name: "agenda.move", item: item.value, position: position.value } }
        );
      }
      case undefined:
        return this.unknownSubcommand("agenda", word);
    }
  }

  agreement(args: string[]): ParsedCommand {
    const [word, ...rest] = args;
    if (word === undefined) return { ok: true, command: { name: "agreement.list" } };
    switch (subcommand("agreement", word)) {
      case "list":
        return { ok: true, command: { name: "agreement.list" } };
      case "add": {
        const labelled = this.labelled("agreement.add", rest, ["theme", "instrument", "form", "geography"]);
        if (!labelled.ok) return labelled;
        if (!labelled.text) {
          return this.fail("agreement.add", {
            nl: "Ik mis de tekst van de afspraak.",
            en: "The text of the agreement is missing.",
          });
        }
        return { ok: true, command: { name: "agreement.add", text: labelled.text, ...labelled.labels } };
      }
      case undefined:
        return this.unknownSubcommand("agreement", word);
    }
  }

  topics(args: string[]): ParsedCommand {
    const [word, ...rest] = args;
    if (word === undefined) return { ok: true, command: { name: "topics.list" } };
    let sub = subcommand("topics", word);
    // `sta toe` in two words
    if (word.toLowerCase() === "sta" && rest[0]?.toLowerCase() === "toe") {
      sub = "allow";
      rest.shift();
    }
    switch (sub) {
      case "list":
        return { ok: true, command: { name: "topics.list" } };
      case "forbid": {
        const topic = this.topic("topics.forbid", rest[0]);
        if (!topic.ok) return topic;
        const reason = rest.slice(1).join(" ");
        return {
          ok: true,
          command: {
            name: "topics.forbid",
            topic: topic.topic,
            ...(topic.theme ? { theme: topic.theme } : {}),
            ...(reason ? { reason } : {}),
          },
        };
      }
      case "allow": {
        const topic = this.topic("topics.allow", rest[0]);
        if (!topic.ok) return topic;
        if (rest.length > 1) {
          return this.fail("topics.allow", {
            nl: `Zet een onderwerp van meer woorden tussen aanhalingstekens, bijvoorbeeld "${rest.join(" ")}".`,
            en: `Put a topic of several words in quotes, for example "${rest.join(" ")}".`,
          });
        }
        return { ok: true, command: { name: "topics.allow", topic: topic.topic } };
      }
      case undefined:
        return this.unknownSubcommand("topics", word);
    }
  }

  topic(
    name: "topics.forbid" | "topics.allow",
    token: string | undefined,
  ): { ok: true; topic: string; theme?: Theme } | { ok: false; message: string } {
    if (token === undefined)
      return this.fail(name, { nl: "Ik mis het onderwerp.", en: "The topic is missing." });
    if (isLabel(token)) {
      const label = labelOf(token);
      if (label?.axis !== "theme") {
        return this.fail(name, {
          nl: `Als onderwerp ken ik het label ${token} niet. Thema's: ${axisList("theme")}.`,
          en: `I don't know the label ${token} as a topic. Themes: ${axisList("theme")}.`,
        });
      }
      return { ok: true, topic: label.value, theme: label.value as Theme };
    }
    const topic = unquote(token);
    return topic
      ? { ok: true, topic }
      : this.fail(name, { nl: "Het onderwerp is leeg.", en: "The topic is empty." });
  }

  handover(args: string[]): ParsedCommand {
    const [word, ...rest] = args;
    if (word === undefined) return { ok: true, command: { name: "handover.list" } };
    switch (subcommand("handover", word)) {
      case "list":
        return { ok: true, command: { name: "handover.list" } };
      case "done": {
        const handover = this.number("handover.done", rest[0], HANDOVER_NUMBER);
        if (!handover.ok) return handover;
        const extra = this.nothingAfter("handover.done", rest.slice(1), NUMBER_WORD);
        return extra ?? { ok: true, command: { name: "handover.done", handover: handover.value } };
      }
      case undefined:
        // Not a person at all (no @, no <…>): a mistyped word such as `overdracht afgerond 1`.
        return word.includes("@") || word.startsWith("<")
          ? this.handoverStart(args)
          : this.unknownSubcommand("handover", word);
    }
  }

  handoverStart(args: string[]): ParsedCommand {
    const [fromToken, toToken, ...dateTokens] = args;
    const from = this.person(fromToken, { nl: "wie vertrekt", en: "who leaves" });
    if (!from.ok) return from;
    const to = this.person(toToken, { nl: "wie opvolgt", en: "who takes over" });
    if (!to.ok) return to;
    if (samePerson(from.person, to.person)) {
      return this.fail("handover.start", {
        nl: "De vertrekkende contactpersoon en de opvolger zijn dezelfde persoon.",
        en: "The leaving contact person and the successor are the same person.",
      });
    }
    const command = { name: "handover.start", from: from.person, to: to.person } as const;
    if (dateTokens.length === 0) return { ok: true, command };
    const date = readDate(dateTokens, this.today);
    if (!date) {
      return this.fail("handover.start", {
        nl: `"${dateTokens.join(" ")}" kan ik niet als datum lezen. ${DATE_HINT.nl}`,
        en: `I can't read "${dateTokens.join(" ")}" as a date. ${DATE_HINT.en}`,
      });
    }
    if (!date.ok) return this.fail("handover.start", this.dateProblem(date.problem));
    const extra = this.nothingAfter("handover.start", dateTokens.slice(date.used), DATE_WORD);
    return extra ?? { ok: true, command: { ...command, date: date.date } };
  }

  person(
    token: string | undefined,
    role: Texts,
  ): { ok: true; person: PersonReference } | { ok: false; message: string } {
    if (token === undefined) {
      return this.fail("handover.start", {
        nl: `Ik mis ${role.nl}: noem de vertrekkende contactpersoon en de opvolger, elk met een @-vermelding of een e-mailadres.`,
        en: `I need to know ${role.en}: name the leaving contact person and the successor, each with an @-mention or an e-mail address.`,
      });
    }
    const mention = MENTION.exec(token);
    if (mention?.[1]) return { ok: true, person: { kind: "mention", userId: mention[1] } };
    const email = MAILTO.exec(token)?.[1] ?? (EMAIL.test(token) ? token : undefined);
    if (email && EMAIL.test(email))
      return { ok: true, person: { kind: "email", email: email.toLowerCase() } };
    if (token.startsWith("@")) {
      return this.fail("handover.start", {
        nl: `"${token}" herken ik niet als persoon: kies de naam na @ uit de lijst die verschijnt, of typ een e-mailadres.`,
        en: `I don't recognise "${token}" as a person: pick the name after @ from the list that appears, or type an e-mail address.`,
      });
    }
    return this.fail("handover.start", {
      nl: `"${token}" is geen @-vermelding of e-mailadres; ik verwacht ${role.nl}.`,
      en: `"${token}" is not an @-mention or e-mail address; I expect ${role.en}.`,
    });
  }

  /** The text without its labels, and the labels by axis; only the `allowed` axes may be used. */
  labelled(
    name: CommandName,
    tokens: string[],
    allowed: Axis[],
  ): { ok: true; text: string; labels: Labels } | { ok: false; message: string } {
    const text: string[] = [];
    const labels: Labels = {};
    const known = allowed
      .map((axis) => `${pick(this.locale, AXIS_NAMES[axis])}: ${axisList(axis)}`)
      .join("; ");
    for (const token of tokens) {
      if (!isLabel(token)) {
        text.push(token);
        continue;
      }
      const shown = labelText(token);
      const label = labelOf(token);
      if (!label || !allowed.includes(label.axis)) {
        return this.fail(name, {
          nl: `Het label ${shown} ken ik hier niet. Geldige labels — ${known}.`,
          en: `I don't know the label ${shown} here. Valid labels — ${known}.`,
        });
      }
      const earlier = labels[label.axis];
      if (earlier !== undefined && earlier !== label.value) {
        return this.fail(name, {
          nl: `Geef één ${AXIS_NAMES[label.axis].nl.toLowerCase()}, niet #${tagOf(earlier)} én ${shown}.`,
          en: `Give one ${AXIS_NAMES[label.axis].en.toLowerCase()}, not both #${tagOf(earlier)} and ${shown}.`,
        });
      }
      Object.assign(labels, { [label.axis]: label.value });
    }
    return { ok: true, text: text.join(" "), labels };
  }
}

const MEETING_NUMBER = {
  nl: "het nummer van het overleg (zie `overleg`)",
  en: "meeting number (see `meeting`)",
};
const ITEM_NUMBER = { nl: "het nummer van het agendapunt (zie `agenda`)", en: "item number (see `agenda`)" };
const HANDOVER_NUMBER = {
  nl: "het nummer van de overdracht (zie `overdracht`)",
  en: "handover number (see `handover`)",
};
const POSITION = { nl: "de nieuwe plaats op de agenda", en: "new place on the agenda" };
const NUMBER_WORD = { nl: "het nummer", en: "number" };
const TIME_WORD = { nl: "de tijd", en: "time" };
const DATE_WORD = { nl: "de datum", en: "date" };
const POSITION_WORD = { nl: "de nieuwe plaats", en: "new place" };

const DATE_HINT: Texts = {
  nl: "Schrijf bijvoorbeeld 14-01-2027, 14 jan, morgen of volgende donderdag.",
  en: "Write for example 14-01-2027, 14 Jan, tomorrow or next thursday.",
};
const TIME_HINT: Texts = {
  nl: "Schrijf bijvoorbeeld 14:00, 9.30 of 14 uur.",
  en: "Write for example 14:00, 9.30 or 2pm.",
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function samePerson(a: PersonReference, b: PersonReference): boolean {
  if (a.kind === "mention" && b.kind === "mention") return a.userId === b.userId;
  if (a.kind === "email" && b.kind === "email") return a.email === b.email;
  return false;
}

/** `<https://…|label>` as Slack sends links: the address itself. */
function unwrapLink(token: string): string {
  return LINK.exec(token)?.[1] ?? token;
}

const OPEN_QUOTES = '"“„”';
const CLOSE_QUOTES = '"”“';

/** The inside of `"…"` (trimmed), or the token itself when it is not quoted. */
function unquote(token: string): string {
  const first = token.charAt(0);
  const last = token.charAt(token.length - 1);
  if (token.length >= 2 && OPEN_QUOTES.includes(first) && CLOSE_QUOTES.includes(last)) {
    return token.slice(1, -1).trim();
  }
  return token;
}

/**
 * Words separated by whitespace. A `"…"` at the start of a word and a `<…>` anywhere are kept in one word
 * with their whitespace collapsed to one space, so joining words never doubles whitespace.
 */
export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const isSpace = (ch: string) => /\s/.test(ch);
  let i = 0;
  while (i < text.length) {
    if (isSpace(text.charAt(i))) {
      i++;
      continue;
    }
    let token = "";
    while (i < text.length && !isSpace(text.charAt(i))) {
      const ch = text.charAt(i);
      let end = -1;
      if (ch === "<") end = text.indexOf(">", i + 1);
      else if (token === "" && OPEN_QUOTES.includes(ch)) {
        for (let j = i + 1; j < text.length; j++) {
          if (CLOSE_QUOTES.includes(text.charAt(j))) {
            end = j;
            break;
          }
        }
      }
      if (end > i) {
        token += text.slice(i, end + 1).replace(/\s+/g, " ");
        i = end + 1;
      } else {
        token += ch;
        i++;
      }
    }
    tokens.push(token);
  }
  return tokens;
}

type Axis = "theme" | "instrument" | "form" | "geography";
type Labels = { theme?: Theme; instrument?: Instrument; form?: CollaborationForm; geography?: Geography };

const AXIS_NAMES: Record<Axis, Texts> = {
  theme: { nl: "Thema", en: "Theme" },
  instrument: { nl: "Instrument", en: "Instrument" },
  form: { nl: "Vorm", en: "Form" },
  geography: { nl: "Geografie", en: "Geography" },
};

const AXIS_VALUES: Record<Axis, readonly string[]> = {
  theme: THEMES,
  instrument: INSTRUMENTS,
  form: COLLABORATION_FORMS,
  geography: GEOGRAPHIES,
};

/** Friendly spellings of the vocabulary's values, written as canonical tags (see `canonicalTag`). */
const LABEL_ALIASES: Record<Axis, Record<string, readonly string[]>> = {
  theme: {
    preventie: ["prevention"],
    ggz: ["geestelijke-gezondheidszorg", "mental-health", "mentalhealth"],
    ouderen: ["ouderenzorg", "elderly", "elderly-care", "older-people"],
    wijk: [
      "effectief-samenwerken-in-de-wijk",
      "samenwerken-in-de-wijk",
      "wijkgericht",
      "neighbourhood",
      "neighborhood",
    ],
    jeugd: ["jeugd18-", "jeugd-18-", "jeugd18+", "jeugd-18+", "jeugd-18-/18+", "18-", "18+", "youth"],
    anders: ["overig", "other"],
  },
  instrument: {
    werkwijze: ["way-of-working", "method"],
    beleid: ["policy"],
    inkoop: ["procurement", "purchasing"],
    collectieve_zorg_minima: ["collectievezorgminima", "minima", "collective-insurance"],
    samenwerkingsdocument: ["convenant", "covenant", "collaboration-document"],
  },
  form: {
    ontwikkelproject: ["ontwikkelen", "pilot", "development-project"],
    doorontwikkelen: ["doorontwikkeling", "further-development"],
    implementatie: ["implementeren", "implementation"],
    samenwerkingsafspraken: ["samenwerkingsafspraak", "collaboration-agreements"],
  },
  geography: {
    gemeentelijk: ["lokaal", "local", "municipal"],
    regionaal: ["regional"],
    bovenregionaal: ["supraregionaal", "supra-regional", "supraregional"],
  },
};

/** How a value is written as a tag: `collectieve_zorg_minima` → `collectieve-zorg-minima`. */
const tagOf = (value: string) => value.replaceAll("_", "-");

/** Lower case, without accents, `_` as `-`, without a trailing full stop or comma. */
function canonicalTag(tag: string): string {
  return tag
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replaceAll("_", "-")
    .replace(/[.,;:!?]+$/, "");
}

const LABELS: ReadonlyMap<string, { axis: Axis; value: string }> = new Map(
  (Object.keys(AXIS_VALUES) as Axis[]).flatMap((axis) =>
    AXIS_VALUES[axis].flatMap((value) =>
      [tagOf(value), ...(LABEL_ALIASES[axis][value] ?? [])].map((tag) => [tag, { axis, value }] as const),
    ),
  ),
);

const isLabel = (token: string) =>
  (token.length > 1 && token.startsWith("#")) || SLACK_CHANNEL_LABEL.test(token);

/** `#ggz`, also when Slack sent it as a link to a channel called ggz (`<#C123|ggz>`). */
function labelText(token: string): string {
  const channel = SLACK_CHANNEL_LABEL.exec(token);
  return channel ? `#${channel[1]}` : token;
}

function labelOf(token: string): { axis: Axis; value: string } | undefined {
  return LABELS.get(canonicalTag(labelText(token).slice(1)));
}

const axisList = (axis: Axis) => AXIS_VALUES[axis].map((v) => `#${tagOf(v)}`).join(" ");

/** One line per command: the words as typed, then what it does. */
const USAGE: Record<CommandName, Texts> = {
  "meeting.list": {
    nl: "`overleg` — de komende overleggen van de regio, genummerd",
    en: "`meeting` — the region's upcoming meetings, numbered",
  },
  "meeting.plan": {
    nl: "`overleg plan <datum> <tijd> [locatie of link]` — plan een overleg, bijvoorbeeld `overleg plan 14-01-2027 14:00 Stadhuis Utrecht`",
    en: "`meeting plan <date> <time> [place or link]` — plan a meeting, for example `meeting plan 14-01-2027 14:00 Utrecht town hall`",
  },
  "meeting.reschedule": {
    nl: "`overleg verplaats <n> <datum> <tijd>` — verplaats overleg n (het nummer uit `overleg`), bijvoorbeeld `overleg verplaats 1 volgende donderdag 10:00`",
    en: "`meeting move <n> <date> <time>` (or `meeting reschedule`) — move meeting n (its number in `meeting`), for example `meeting move 1 next thursday 10:00`",
  },
  "meeting.cancel": {
    nl: "`overleg annuleer <n>` — annuleer overleg n",
    en: "`meeting cancel <n>` — cancel meeting n",
  },
  "agenda.show": {
    nl: "`agenda [n]` — de agenda van het volgende overleg, of van overleg n",
    en: "`agenda [n]` — the agenda of the next meeting, or of meeting n",
  },
  "agenda.add": {
    nl: "`agenda add <tekst> [#thema]` (of `agenda toevoegen`) — zet een punt op de agenda van het volgende overleg, bijvoorbeeld `agenda add Wachtlijsten jeugdzorg #jeugd`",
    en: "`agenda add <text> [#theme]` — add an item to the next meeting's agenda, for example `agenda add Waiting lists in youth care #jeugd`",
  },
  "agenda.remove": {
    nl: "`agenda remove <n>` (of `agenda verwijder`) — haal punt n van de agenda",
    en: "`agenda remove <n>` — take item n off the agenda",
  },
  "agenda.move": {
    nl: "`agenda move <n> <positie>` (of `agenda verplaats`) — zet punt n op een andere plaats, bijvoorbeeld `agenda move 3 1`",
    en: "`agenda move <n> <position>` — put item n in another place, for example `agenda move 3 1`",
  },
  "agreement.list": {
    nl: "`afspraken` — het register van afspraken van de regio",
    en: "`agreements` — the region's register of agreements",
  },
  "agreement.add": {
    nl: "`afspraak add <tekst> [#thema] [#instrument] [#vorm] [#geografie]` (of `afspraak toevoegen`) — leg een afspraak vast, bijvoorbeeld `afspraak add Eén loket voor mantelzorgers #ouderen #werkwijze`",
    en: "`agreement add <text> [#theme] [#instrument] [#form] [#geography]` — record an agreement, for example `agreement add One desk for carers #ouderen #werkwijze`",
  },
  "topics.list": {
    nl: "`onderwerpen` — welke onderwerpen deze tafel wel en niet bespreekt",
    en: "`topics` — which topics this table does and does not discuss",
  },
  "topics.forbid": {
    nl: '`onderwerpen verbied <onderwerp> [reden]` — deze tafel bespreekt het onderwerp niet. Zet een onderwerp van meer woorden tussen aanhalingstekens: `onderwerpen verbied "zorginkoop tarieven" mededinging`; anders is het eerste woord het onderwerp en de rest de reden. Een thema kan ook: `onderwerpen verbied #preventie`',
    en: '`topics forbid <topic> [reason]` — this table does not discuss the topic. Put a topic of several words in quotes: `topics forbid "purchasing prices" competition law`; otherwise the first word is the topic and the rest the reason. A theme works too: `topics forbid #preventie`',
  },
  "topics.allow": {
    nl: '`onderwerpen sta-toe <onderwerp>` — het onderwerp mag weer besproken worden (meer woorden tussen aanhalingstekens: `onderwerpen sta-toe "zorginkoop tarieven"`)',
    en: '`topics allow <topic>` — the topic may be discussed again (several words in quotes: `topics allow "purchasing prices"`)',
  },
  "handover.list": {
    nl: "`overdracht` — de lopende overdrachten, genummerd",
    en: "`handover` — the handovers under way, numbered",
  },
  "handover.start": {
    nl: "`overdracht <@oud> <@nieuw> [datum]` — start de overdracht van een contactpersoon aan een opvolger, per datum (standaard vandaag); kies de personen na @ uit de lijst of typ hun e-mailadres, bijvoorbeeld `overdracht @Jan piet@utrecht.nl 1 maart`",
    en: "`handover <@old> <@new> [date]` — start the handover of a contact person to a successor, from a date (today if left out); pick the people after @ from the list or type their e-mail address, for example `handover @Jan piet@utrecht.nl 1 March`",
  },
  "handover.done": {
    nl: "`overdracht klaar <n>` — zet overdracht n een stap verder: voorgesteld aan tafel, ingewerkt, afgerond",
    en: "`handover done <n>` — move handover n one step on: introduced at the table, briefed, completed",
  },
  escalate: {
    nl: "`hulpvraag <tekst>` — vraag de landelijke coördinatoren om ondersteuning; de vraag wordt vastgelegd voor het venster",
    en: "`support <text>` (or `help-request`) — ask the national coordinators for support; the request is recorded for the venster",
  },
  bind: {
    nl: "`koppel <regio>` — koppel dit kanaal aan een regio (slug of naam), bijvoorbeeld `koppel utrecht-stad`",
    en: "`bind <region>` — bind this channel to a region (slug or name), for example `bind utrecht-stad`",
  },
  summary: {
    nl: "`samenvatting` — plaats de samenvatting van de laatste vragenlijstronde van de regio van dit kanaal",
    en: "`summary` — post the summary of the latest survey round of this channel's region",
  },
  help: { nl: "`help` — dit overzicht", en: "`help` — this overview" },
};

/** The help's sections, in order; every command is in exactly one. */
export const HELP_SECTIONS: readonly { title: Texts; commands: readonly CommandName[] }[] = [
  {
    title: { nl: "Overleg", en: "Meetings" },
    commands: ["meeting.list", "meeting.plan", "meeting.reschedule", "meeting.cancel"],
  },
  {
    title: { nl: "Agenda", en: "Agenda" },
    commands: ["agenda.show", "agenda.add", "agenda.remove", "agenda.move"],
  },
  { title: { nl: "Afspraken", en: "Agreements" }, commands: ["agreement.list", "agreement.add"] },
  { title: { nl: "Onderwerpen", en: "Topics" }, commands: ["topics.list", "topics.forbid", "topics.allow"] },
  {
    title: { nl: "Overdracht", en: "Handovers" },
    commands: ["handover.list", "handover.start", "handover.done"],
  },
  { title: { nl: "Hulpvraag", en: "Support" }, commands: ["escalate"] },
  { title: { nl: "Kanaal", en: "Channel" }, commands: ["bind", "summary", "help"] },
];

export function usage(name: CommandName, locale: Locale): string {
  return `${pick(locale, { nl: "Gebruik", en: "Usage" })}: ${USAGE[name][locale]}`;
}

export const HELP_TITLE: Texts = { nl: "*Regiotafel-commando's*", en: "*Regiotafel commands*" };

export function helpText(locale: Locale): string {
  const sections = HELP_SECTIONS.flatMap((section) => [
    `*${section.title[locale]}*`,
    ...section.commands.map((name) => `• ${USAGE[name][locale]}`),
  ]);
  const labels = (["theme", "instrument", "form", "geography"] as const)
    .map((axis) => `${pick(locale, AXIS_NAMES[axis]).toLowerCase()} ${axisList(axis)}`)
    .join("; ");
  const notes = pick(locale, {
    nl: [
      "Datums: `14-01-2027`, `2027-01-14`, `14 jan`, `vandaag`, `morgen`, `overmorgen`, `donderdag` of `volgende donderdag` (de eerste donderdag ná vandaag), `volgende week donderdag` (de donderdag van volgende week). Tijden: `14:00`, `14.00`, `9:30`, `14u`, `14 uur`.",
      `Labels: ${labels}. Een agendapunt krijgt alleen een thema.`,
    ],
    en: [
      "Dates: `14-01-2027`, `2027-01-14`, `14 Jan`, `today`, `tomorrow`, `thursday` or `next thursday` (the first Thursday after today), `next week thursday` (the Thursday of next week). Times: `14:00`, `14.00`, `9:30`, `2pm`.",
      `Labels: ${labels}. An agenda item takes a theme only.`,
    ],
  });
  return [HELP_TITLE[locale], ...sections, ...notes].join("\n");
}
