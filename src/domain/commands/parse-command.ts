import { pick } from "../i18n.js";
import { hasUnstorableCharacter } from "../storable-text.js";
import type { Locale } from "../vocabulary.js";
import { suggestion } from "./closest.js";
import type { Command, CommandName } from "./command.js";
import { addDays, readDate } from "./dutch-date.js";
import {
  DATE_HINT,
  DATE_WORD,
  HANDOVER_NUMBER,
  ITEM_NUMBER,
  MEETING_NUMBER,
  NUMBER_WORD,
  Parser,
  POSITION,
  POSITION_WORD,
  samePerson,
  TIME_WORD,
  unwrapLink,
} from "./parser.js";
import { type CommandGroup, type CommandSpec, commandGroupOf, commandsOf, wordsOf } from "./registry.js";
import { textOf, tokenize } from "./tokens.js";

export type { Command, CommandName, PersonReference } from "./command.js";
export { commandHelp, HELP_TITLE, type HelpViewer, helpText } from "./help.js";
export {
  COMMAND_GROUP,
  COMMAND_GROUPS,
  type CommandGroup,
  commandGroupOf,
  commandWord,
  usage,
} from "./registry.js";
export { tokenize } from "./tokens.js";

/**
 * The one command grammar behind Slack's `/regiotafel …`, Teams messages and /local. Which words lead to
 * which command comes from the registry (`registry.ts`); this file reads each command's arguments. Dutch words
 * first, English aliases accepted in either language. Pure: relative dates are resolved against
 * `context.today`, the calendar day (YYYY-MM-DD) in the region's time zone. A rejection is a polite message
 * in the person's language with the usage of that command; an unknown command answers with the closest one.
 */
export type ParsedCommand = { ok: true; command: Command } | { ok: false; message: string };

export type ParseContext = { today: string };

/** Typed text that could not be stored (agenda items, agreements, support requests all are). */
const UNSTORABLE_TEXT = {
  nl: "Uw bericht bevat een onzichtbaar teken (U+0000) en dit teken kan niet worden opgeslagen. Wilt u het weghalen en het opnieuw proberen?",
  en: "Your message contains an invisible character (U+0000) and this character cannot be saved. Would you please remove it and try again?",
};

export function parseCommand(text: string, locale: Locale, context: ParseContext): ParsedCommand {
  // Resolves nothing yet, but refuses a wrong `today` now rather than on the first date typed.
  addDays(context.today, 0);
  if (hasUnstorableCharacter(text)) return { ok: false, message: pick(locale, UNSTORABLE_TEXT) };
  const [first = "", ...rest] = tokenize(text);
  if (first === "") return { ok: true, command: { name: "help" } };
  const group = commandGroupOf(first);
  if (!group) return unknownCommand(first, rest[0], locale);
  return dispatch(new Parser(locale, context.today), group, rest);
}

function unknownCommand(first: string, next: string | undefined, locale: Locale): ParsedCommand {
  const guess = suggestion(first, next, locale);
  return {
    ok: false,
    message: pick(locale, {
      nl: `Het commando "${first}" ken ik niet.${guess ? ` Bedoelt u \`${guess}\`?` : ""}\nTyp \`help\` voor de commando's die u kunt gebruiken.`,
      en: `I don't know the command "${first}".${guess ? ` Did you mean \`${guess}\`?` : ""}\nType \`help\` for the commands you can use.`,
    }),
  };
}

/** How many of `args` spell one of the command's words (`sta toe` is two), or 0. */
function wordLength(spec: CommandSpec, args: readonly string[]): number {
  for (const word of wordsOf(spec)) {
    const length = word.split(" ").length;
    if (args.slice(0, length).join(" ").toLowerCase() === word) return length;
  }
  return 0;
}

/** The registry's words choose the command; its argument reader does the rest. */
function dispatch(p: Parser, group: CommandGroup, args: string[]): ParsedCommand {
  const specs = commandsOf(group);
  if (args.length === 0) {
    const bare = specs.find((spec) => spec.bare) ?? (specs.length === 1 ? specs[0] : undefined);
    if (bare) return ARGUMENTS[bare.name].read(p, []);
  }
  for (const spec of specs) {
    const used = wordLength(spec, args);
    if (used > 0) return ARGUMENTS[spec.name].read(p, args.slice(used));
  }
  const [word = ""] = args;
  const positional = specs.find(
    (spec) =>
      (wordsOf(spec).length === 0 || spec.wordOptional) && (ARGUMENTS[spec.name].accepts?.(word) ?? true),
  );
  if (positional) return ARGUMENTS[positional.name].read(p, args);
  return p.unknownSubcommand(group, word);
}

const ok = (command: Command): ParsedCommand => ({ ok: true, command });

type ArgumentReader = {
  /** For a command without words of its own: whether the first word starts its arguments. */
  accepts?: (word: string) => boolean;
  read: (p: Parser, args: string[]) => ParsedCommand;
};

const ARGUMENTS: Record<CommandName, ArgumentReader> = {
  help: {
    read(p, args) {
      const [word, ...rest] = args;
      if (word === undefined) return ok({ name: "help" });
      const group = commandGroupOf(word);
      if (!group) {
        const guess = suggestion(word, rest[0], p.locale);
        return p.fail("help", {
          nl: `Het commando "${word}" ken ik niet.${guess ? ` Bedoelt u \`help ${guess}\`?` : ""}`,
          en: `I don't know the command "${word}".${guess ? ` Did you mean \`help ${guess}\`?` : ""}`,
        });
      }
      const spec = commandsOf(group).find((s) => wordLength(s, rest) > 0);
      return ok({ name: "help", about: spec ? { group, command: spec.name } : { group } });
    },
  },
  summary: { read: () => ok({ name: "summary" }) },
  bind: {
    read(p, args) {
      const region = textOf(args);
      return region ? ok({ name: "bind", region }) : p.fail("bind");
    },
  },
  escalate: {
    read(p, args) {
      const text = textOf(args);
      return text
        ? ok({ name: "escalate", text })
        : p.fail("escalate", { nl: "Wat is uw hulpvraag?", en: "What do you need support with?" });
    },
  },
  "meeting.list": { read: () => ok({ name: "meeting.list" }) },
  "meeting.plan": {
    read(p, args) {
      const when = p.when("meeting.plan", args);
      if (!when.ok) return when;
      const location = textOf(args.slice(when.used).map(unwrapLink));
      return ok({
        name: "meeting.plan",
        date: when.date,
        time: when.time,
        ...(location ? { location } : {}),
      });
    },
  },
  "meeting.reschedule": {
    read(p, args) {
      const meeting = p.number("meeting.reschedule", args[0], MEETING_NUMBER);
      if (!meeting.ok) return meeting;
      const when = p.when("meeting.reschedule", args.slice(1));
      if (!when.ok) return when;
      const extra = p.nothingAfter("meeting.reschedule", args.slice(1 + when.used), TIME_WORD);
      return (
        extra ?? ok({ name: "meeting.reschedule", meeting: meeting.value, date: when.date, time: when.time })
      );
    },
  },
  "meeting.cancel": {
    read(p, args) {
      const meeting = p.number("meeting.cancel", args[0], MEETING_NUMBER);
      if (!meeting.ok) return meeting;
      const extra = p.nothingAfter("meeting.cancel", args.slice(1), NUMBER_WORD);
      return extra ?? ok({ name: "meeting.cancel", meeting: meeting.value });
    },
  },
  "agenda.show": {
    accepts: (word) => /^\d+$/.test(word),
    read(p, args) {
      const [word, ...rest] = args;
      if (word === undefined) return ok({ name: "agenda.show" });
      const meeting = p.number("agenda.show", word, MEETING_NUMBER);
      if (!meeting.ok) return meeting;
      const extra = p.nothingAfter("agenda.show", rest, NUMBER_WORD);
      return extra ?? ok({ name: "agenda.show", meeting: meeting.value });
    },
  },
  "agenda.add": {
    read(p, args) {
      const labelled = p.labelled("agenda.add", args, ["theme"]);
      if (!labelled.ok) return labelled;
      if (!labelled.text) {
        return p.fail("agenda.add", {
          nl: "Ik mis de tekst van het agendapunt.",
          en: "The text of the agenda item is missing.",
        });
      }
      const { theme } = labelled.labels;
      return ok({ name: "agenda.add", text: labelled.text, ...(theme ? { theme } : {}) });
    },
  },
  "agenda.remove": {
    read(p, args) {
      const item = p.number("agenda.remove", args[0], ITEM_NUMBER);
      if (!item.ok) return item;
      const extra = p.nothingAfter("agenda.remove", args.slice(1), NUMBER_WORD);
      return extra ?? ok({ name: "agenda.remove", item: item.value });
    },
  },
  "agenda.move": {
    read(p, args) {
      const item = p.number("agenda.move", args[0], ITEM_NUMBER);
      if (!item.ok) return item;
      // `agenda verplaatsen 3 naar 1`
      const skip = ["naar", "to"].includes(args[1]?.toLowerCase() ?? "") ? 1 : 0;
      const position = p.number("agenda.move", args[1 + skip], POSITION);
      if (!position.ok) return position;
      const extra = p.nothingAfter("agenda.move", args.slice(2 + skip), POSITION_WORD);
      return extra ?? ok({ name: "agenda.move", item: item.value, position: position.value });
    },
  },
  "agreement.list": { read: () => ok({ name: "agreement.list" }) },
  "agreement.add": {
    read(p, args) {
      const labelled = p.labelled("agreement.add", args, ["theme", "instrument", "form", "geography"]);
      if (!labelled.ok) return labelled;
      if (!labelled.text) {
        return p.fail("agreement.add", {
          nl: "Ik mis de tekst van de afspraak.",
          en: "The text of the agreement is missing.",
        });
      }
      return ok({ name: "agreement.add", text: labelled.text, ...labelled.labels });
    },
  },
  "topics.list": { read: () => ok({ name: "topics.list" }) },
  "topics.forbid": {
    read(p, args) {
      const topic = p.topic("topics.forbid", args[0]);
      if (!topic.ok) return topic;
      const reason = textOf(args.slice(1));
      return ok({
        name: "topics.forbid",
        topic: topic.topic,
        ...(topic.theme ? { theme: topic.theme } : {}),
        ...(reason ? { reason } : {}),
      });
    },
  },
  "topics.allow": {
    read(p, args) {
      const topic = p.topic("topics.allow", args[0]);
      if (!topic.ok) return topic;
      if (args.length > 1) {
        return p.fail("topics.allow", {
          nl: `Zet een onderwerp van meer woorden tussen aanhalingstekens, bijvoorbeeld "${args.join(" ")}".`,
          en: `Put a topic of several words in quotes, for example "${args.join(" ")}".`,
        });
      }
      return ok({ name: "topics.allow", topic: topic.topic });
    },
  },
  "handover.list": { read: () => ok({ name: "handover.list" }) },
  "handover.start": {
    // Not a person at all (no @, no <…>): a mistyped word such as `overdracht afgerond 1`.
    accepts: (word) => word.includes("@") || word.startsWith("<"),
    read(p, args) {
      const [fromToken, toToken, ...dateTokens] = args;
      const from = p.person(fromToken, { nl: "wie vertrekt", en: "who leaves" });
      if (!from.ok) return from;
      const to = p.person(toToken, { nl: "wie opvolgt", en: "who takes over" });
      if (!to.ok) return to;
      if (samePerson(from.person, to.person)) {
        return p.fail("handover.start", {
          nl: "De vertrekkende contactpersoon en de opvolger zijn dezelfde persoon.",
          en: "The leaving contact person and the successor are the same person.",
        });
      }
      const command = { name: "handover.start", from: from.person, to: to.person } as const;
      if (dateTokens.length === 0) return ok(command);
      const date = readDate(dateTokens, p.today);
      if (!date) {
        return p.fail("handover.start", {
          nl: `"${dateTokens.join(" ")}" kan ik niet als datum lezen. ${DATE_HINT.nl}`,
          en: `I can't read "${dateTokens.join(" ")}" as a date. ${DATE_HINT.en}`,
        });
      }
      if (!date.ok) return p.fail("handover.start", p.dateProblem(date.problem));
      const extra = p.nothingAfter("handover.start", dateTokens.slice(date.used), DATE_WORD);
      return extra ?? ok({ ...command, date: date.date });
    },
  },
  "handover.done": {
    read(p, args) {
      const handover = p.number("handover.done", args[0], HANDOVER_NUMBER);
      if (!handover.ok) return handover;
      const extra = p.nothingAfter("handover.done", args.slice(1), NUMBER_WORD);
      return extra ?? ok({ name: "handover.done", handover: handover.value });
    },
  },
};
