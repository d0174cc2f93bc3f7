/**
 * Masks Dutch citizen service numbers (BSN) in free text before it is stored.
 *
 * A candidate is exactly nine digits, written together ("123456782") or grouped with spaces (also no-break spaces) or dots as
 * 4+2+3 ("1234.56.782") or 3+3+3 ("123 456 782"). It must not be part of a longer number: no digit directly
 * before or after it, and no digit joined to it by a dot or comma (amounts such as "1.234.567.890", decimals).
 * Only candidates that pass the eleven-test are masked, so ten-digit phone numbers and random nine-digit
 * numbers stay as they are.
 */

export const CITIZEN_NUMBER_MASK = "[BSN verwijderd]";

/** Group separators: a space, a no-break space (chat clients insert those) or a dot. */
const SEP = "[ .\\u00a0]";
const CANDIDATE = new RegExp(
  `(?<!\\d|\\d[.,])(?:\\d{9}|\\d{4}${SEP}\\d{2}${SEP}\\d{3}|\\d{3}${SEP}\\d{3}${SEP}\\d{3})(?!\\d|[.,]\\d)`,
  "g",
);

/** The BSN eleven-test: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is a multiple of 11, and not 0. */
export function passesElevenTest(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  let sum = 0;
  for (let index = 0; index < 8; index++) sum += Number(digits[index]) * (9 - index);
  sum -= Number(digits[8]);
  return sum !== 0 && sum % 11 === 0;
}

export function maskCitizenNumbers(text: string): string {
  return text.replace(CANDIDATE, (candidate) =>
    passesElevenTest(candidate.replace(/\D/g, "")) ? CITIZEN_NUMBER_MASK : candidate,
  );
}
