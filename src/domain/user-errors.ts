import { RegiotafelError } from "./errors.js";
import type { Locale } from "./vocabulary.js";

/** Errors a chat user can cause; each platform shows `userMessage` in the user's language. */
export abstract class UserFacingError extends RegiotafelError {
  abstract userMessage(locale: Locale): string;
}

export class UnknownUserError extends UserFacingError {
  readonly code = "UNKNOWN_USER";
  userMessage(locale: Locale) {
    return locale === "en"
      ? "I don't know you yet, so I can't show you anything. Ask the chair of your regional table or your coordinator to register you as a contact person (with this account)."
      : "Ik ken u nog niet, dus ik kan u niets laten zien. Vraag de voorzitter van uw regiotafel of uw coördinator om u als contactpersoon te registreren (met dit account).";
  }
}

export class NotInvitedError extends UserFacingError {
  readonly code = "NOT_INVITED";
  userMessage(locale: Locale) {
    return locale === "en"
      ? "This survey was not sent to you, so you cannot answer it. If you think that is a mistake, please contact the chair of your regional table."
      : "Deze vragenlijst is niet aan u gestuurd, dus u kunt hem niet invullen. Denkt u dat dit niet klopt? Neem dan contact op met de voorzitter van uw regiotafel.";
  }
}

export class SurveyClosedError extends UserFacingError {
  readonly code = "SURVEY_CLOSED";
  userMessage(locale: Locale) {
    return locale === "en"
      ? "Sorry, this round has closed, so answers can no longer be saved. Thank you for your willingness to take part."
      : "Helaas, deze ronde is gesloten; antwoorden kunnen niet meer worden opgeslagen. Dank voor uw bereidheid om mee te doen.";
  }
}

/** What a user sees when something on our side failed (database down, a bug): nothing was half-saved. */
export function temporaryFailureMessage(locale: Locale): string {
  return locale === "en"
    ? "Something went wrong on our side and nothing was saved. Please try again in a moment."
    : "Er ging bij ons iets mis en er is niets opgeslagen. Probeer het over een paar minuten opnieuw.";
}
