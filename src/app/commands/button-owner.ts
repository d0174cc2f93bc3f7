import { z } from "zod";
import { pick } from "../../domain/i18n.js";
import { UserFacingError } from "../../domain/user-errors.js";
import type { Locale } from "../../domain/vocabulary.js";

/*
 * A button on one of the table's cards is meant for one person: the chair the topic guard asked, the chair
 * whose task it is. A card can be seen by more people than it was meant for (a Teams channel reply, a forwarded
 * message, a hand-made request on /local), so the value says whom it is for and the app checks that here,
 * the same for every platform, before any use case runs. Survey buttons need no owner in the value: they
 * carry an invitation, which the survey use cases only look up among the presser's own.
 */

/** Every owned value: the person it is for, next to what the button itself needs. */
const OwnedSchema = z.looseObject({ for: z.uuid() });

/** The value of a button that only `ownerPersonId` may press. */
export function ownedButtonValue(ownerPersonId: string, payload: Record<string, unknown>): string {
  return JSON.stringify({ ...payload, for: ownerPersonId });
}

/**
 * What the button carries, once it is certain that `personId` may press it: a value that is not ours (not
 * JSON, no owner) is `InvalidButtonError`, someone else's button `NotYourButtonError`. Read the payload's own
 * shape with `buttonPayload`.
 */
export function readOwnedButton(value: string, personId: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new InvalidButtonError();
  }
  const owned = OwnedSchema.safeParse(parsed);
  if (!owned.success) throw new InvalidButtonError();
  if (owned.data.for !== personId) throw new NotYourButtonError();
  return parsed;
}

/** The payload of an owned button, checked: a value of another shape is not one of ours. */
export function buttonPayload<T>(schema: z.ZodType<T>, payload: unknown): T {
  const result = schema.safeParse(payload);
  if (!result.success) throw new InvalidButtonError();
  return result.data;
}

/** A button meant for someone else: nothing is done, and the person is told how to act themselves. */
export class NotYourButtonError extends UserFacingError {
  readonly code = "NOT_YOUR_BUTTON";
  userMessage(locale: Locale) {
    return pick(locale, {
      nl: "Deze knop is niet voor u bedoeld: alleen degene voor wie dit bericht is, kan hem gebruiken. Wilt u dit zelf doen? Typ dan het commando.",
      en: "This button is not meant for you: only the person this message is for can use it. To do this yourself, please type the command.",
    });
  }
}

/** A button whose value we cannot read: not one of ours, or from a card too old to understand. */
export class InvalidButtonError extends UserFacingError {
  readonly code = "INVALID_BUTTON";
  userMessage(locale: Locale) {
    return pick(locale, {
      nl: "Deze knop kan ik niet verwerken. Gebruik de knop in het meest recente bericht, of typ het commando opnieuw.",
      en: "I cannot process this button. Please use the button in the latest message, or type the command again.",
    });
  }
}
