import type { PersonEntry } from "../../bot/local/local-chat.js";

/*
 * The search over the people list on /local. The server filters on `?q=` (so it works without JavaScript);
 * the page's script filters the same rows as one types, on the `data-search` text the server wrote with
 * `searchText`, normalised the same way (assets/picker.js repeats `normaliseSearch`).
 */

/** Lower case, accents removed, runs of white space as one space: "FÁTIMA  el" finds "Fatima El Amrani". */
export const normaliseSearch = (text: string): string =>
  text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().replace(/\s+/g, " ").trim();

/** Everything a row can be found by: name, organisations, regions (name and slug) and roles as shown. */
export function searchText(entry: PersonEntry, roleLabels: string[]): string {
  return normaliseSearch(
    [entry.name, ...entry.seats.flatMap((s) => [s.organisation, s.region, s.regionSlug]), ...roleLabels].join(
      " ",
    ),
  );
}

/** Whether every word of the query occurs in the row's search text. */
export function matchesSearch(text: string, query: string): boolean {
  const words = normaliseSearch(query).split(" ").filter(Boolean);
  return words.every((word) => text.includes(word));
}
