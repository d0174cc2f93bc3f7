import { DateTime } from "luxon";
import type { Locale } from "./vocabulary.js";

/** Dates as Dutch and English readers expect them, in the region's time zone. */
export function formatDateTime(instant: Date, locale: Locale, timeZone: string): string {
  const at = DateTime.fromJSDate(instant)
    .setZone(timeZone)
    .setLocale(locale === "nl" ? "nl-NL" : "en-GB");
  return locale === "nl" ? at.toFormat("d MMMM yyyy 'om' HH:mm") : at.toFormat("d MMMM yyyy 'at' HH:mm");
}

export function pick<T>(locale: Locale, texts: { nl: T; en: T }): T {
  return texts[locale];
}
