import { pick } from "../i18n.js";
import type { Locale, Theme } from "../vocabulary.js";
import { closestCommand } from "./closest.js";
import type { CommandName, PersonReference } from "./command.js";
import { addDays, type DateProblem, formatDay, readDate, readTime, weekdayName } from "./dutch-date.js";
import {
  AXIS_NAMES,
  type Axis,
  axisList,
  isLabel,
  type Labels,
  labelOf,
  labelText,
  tagOf,
} from "./labels.js";
import { type CommandGroup, commandPhrase, commandsOf, commandWord, usage } from "./registry.js";
import { textOf, unquote } from "./tokens.js";

/**
 * What every command's argument parsing shares: polite refusals with the command's usage, numbers, dates
 * and times, topics, people and labels. Pure; relative dates are resolved against `today`.
 */

export type Texts = { nl: string; en: string };
export type Refusal = { ok: false; message: string };

export const NUMBER = /^\d{1,4}$/;
const MENTION = /^<@([^|>\s]+)(?:\|[^>]*)?>$/;
const MAILTO = /^<mailto:([^|>\s]+)(?:\|[^>]*)?>$/i;
const EMAIL = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>".]+$/;
const LINK = /^<((?:https?|mailto):[^|>\s]+)(?:\|[^>]*)?>$/i;
/** A meeting further ahead than this is taken for a typo (`14-01-2207`). */
const MEETING_HORIZON_DAYS = 5 * 365 + 1;

export class Parser {
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
    const meant = closestCommand(group, word);
    const guess = meant ? `\`${commandPhrase(meant, this.locale)}\`` : undefined;
    const problem = pick(this.locale, {
      nl: `Bij ${shown} ken ik "${word}" niet.${guess ? ` Bedoelt u ${guess}?` : ""}`,
      en: `I don't know "${word}" after ${shown}.${guess ? ` Did you mean ${guess}?` : ""}`,
    });
    // A near miss: that one command's usage; otherwise every command of the group.
    if (meant) return { ok: false, message: `${problem}\n${usage(meant.name, this.locale)}` };
    const prefix = /^(Gebruik|Usage): /;
    const lines = commandsOf(group).map((spec) => `• ${usage(spec.name, this.locale).replace(prefix, "")}`);
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
    return { ok: true, text: textOf(text), labels };
  }
}

export const MEETING_NUMBER = {
  nl: "het nummer van het overleg (zie `overleg`)",
  en: "meeting number (see `meeting`)",
};
export const ITEM_NUMBER = {
  nl: "het nummer van het agendapunt (zie `agenda`)",
  en: "item number (see `agenda`)",
};
export const HANDOVER_NUMBER = {
  nl: "het nummer van de overdracht (zie `overdracht`)",
  en: "handover number (see `handover`)",
};
export const POSITION = { nl: "de nieuwe plaats op de agenda", en: "new place on the agenda" };
export const NUMBER_WORD = { nl: "het nummer", en: "number" };
export const TIME_WORD = { nl: "de tijd", en: "time" };
export const DATE_WORD = { nl: "de datum", en: "date" };
export const POSITION_WORD = { nl: "de nieuwe plaats", en: "new place" };

export const DATE_HINT: Texts = {
  nl: "Schrijf bijvoorbeeld 14-01-2027, 14 jan, morgen of volgende donderdag.",
  en: "Write for example 14-01-2027, 14 Jan, tomorrow or next thursday.",
};
const TIME_HINT: Texts = {
  nl: "Schrijf bijvoorbeeld 14:00, 9.30 of 14 uur.",
  en: "Write for example 14:00, 9.30 or 2pm.",
};

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function samePerson(a: PersonReference, b: PersonReference): boolean {
  if (a.kind === "mention" && b.kind === "mention") return a.userId === b.userId;
  if (a.kind === "email" && b.kind === "email") return a.email === b.email;
  return false;
}

/** `<https://…|label>` as Slack sends links: the address itself. */
export function unwrapLink(token: string): string {
  return LINK.exec(token)?.[1] ?? token;
}
