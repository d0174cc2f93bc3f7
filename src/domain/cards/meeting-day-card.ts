import { DateTime } from "luxon";
import type { DayName } from "../dutch-holidays.js";
import { pick } from "../i18n.js";
import type { Locale } from "../vocabulary.js";
import type { Card, CardAction } from "./card.js";
import { literal, md, toPlainText } from "./markup.js";

export type MeetingDayOffCardInput = {
  locale: Locale;
  /** The meeting's calendar day, YYYY-MM-DD. */
  date: string;
  /** "een zaterdag", "Koningsdag": what the day is, from `nonWorkingDay`. */
  dayName: DayName;
  time: string;
  location?: string;
  confirm: Pick<CardAction, "id" | "value">;
  cancel: Pick<CardAction, "id" | "value">;
};

/** Asks the chair whether a meeting on a weekend day or public holiday is meant; nothing is planned yet. */
export function meetingDayOffCard(input: MeetingDayOffCardInput): Card {
  const { locale } = input;
  const day = DateTime.fromISO(input.date)
    .setLocale(locale === "nl" ? "nl-NL" : "en-GB")
    .toFormat("d MMMM yyyy");
  const what = pick(locale, input.dayName);
  const question = pick(locale, {
    nl: md`${day} is ${what}. Toch plannen?`,
    en: md`${day} is ${what}. Plan it anyway?`,
  });
  const header = pick(locale, { nl: "Overleg op een vrije dag", en: "Meeting on a day off" });
  return {
    fallbackText: `${header}: ${toPlainText(question)}`,
    blocks: [
      { type: "header", text: header },
      { type: "text", text: question },
      {
        type: "facts",
        facts: [
          { label: pick(locale, { nl: "Datum", en: "Date" }), value: literal(`${day}, ${input.time}`) },
          ...(input.location
            ? [{ label: pick(locale, { nl: "Plaats", en: "Place" }), value: literal(input.location) }]
            : []),
        ],
      },
      {
        type: "actions",
        actions: [
          {
            ...input.confirm,
            label: pick(locale, { nl: "Ja, plannen", en: "Yes, plan it" }),
            style: "primary",
          },
          { ...input.cancel, label: pick(locale, { nl: "Annuleren", en: "Cancel" }) },
        ],
      },
    ],
  };
}
