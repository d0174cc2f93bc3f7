import type { Locale } from "../vocabulary.js";
import {
  allGroupWords,
  type CommandGroup,
  type CommandSpec,
  commandPhrase,
  commandsOf,
  commandWord,
  wordsOf,
} from "./registry.js";

/**
 * The command someone most likely meant by a word the parser does not know: the nearest of the registry's
 * words in either language, by edit distance (a swap of two letters counts as one edit). Short words must be
 * nearer than long ones, so `wis` suggests nothing and `agnda` suggests `agenda`.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** How many edits a typed word of this length may be from a known word and still be taken for it. */
const tolerance = (length: number) => (length <= 3 ? 0 : length <= 5 ? 1 : 2);

function nearest<T>(typed: string, candidates: readonly (readonly [string, T])[]): T | undefined {
  const word = typed.toLowerCase();
  let best: { value: T; distance: number } | undefined;
  for (const [candidate, value] of candidates) {
    const distance = editDistance(word, candidate);
    if (distance <= tolerance(word.length) && (!best || distance < best.distance)) best = { value, distance };
  }
  return best?.value;
}

/** The group a mistyped top-level word most likely meant. */
export function closestGroup(typed: string): CommandGroup | undefined {
  return nearest(typed, allGroupWords());
}

/** The command of a group a mistyped (or correct) word after the group's word most likely meant. */
export function closestCommand(group: CommandGroup, typed: string | undefined): CommandSpec | undefined {
  if (typed === undefined) return undefined;
  const candidates = commandsOf(group).flatMap((spec) => wordsOf(spec).map((w) => [w, spec] as const));
  return nearest(typed, candidates);
}

/** What to suggest for `first rest…`: `agenda toevoegen` for `agnda add …`, `agenda` for `agnda`. */
export function suggestion(first: string, next: string | undefined, locale: Locale): string | undefined {
  const group = closestGroup(first);
  if (!group) return undefined;
  const spec = closestCommand(group, next);
  return spec ? commandPhrase(spec, locale) : commandWord(group, locale);
}
