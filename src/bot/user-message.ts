import { temporaryFailureMessage, UserFacingError } from "../domain/user-errors.js";
import type { Locale } from "../domain/vocabulary.js";
import type { Logger } from "../logger.js";

/**
 * Every error a person can meet becomes one polite sentence in their language. Theirs (an unknown user, a
 * closed round) are not logged; ours are, with the platform's name, and the person hears "try again".
 */
export function userMessageFor(error: unknown, locale: Locale, logger: Logger, platform: string): string {
  if (error instanceof UserFacingError) return error.userMessage(locale);
  logger.error({ err: error }, `${platform}-verzoek mislukt`);
  return temporaryFailureMessage(locale);
}
