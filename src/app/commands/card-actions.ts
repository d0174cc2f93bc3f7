import { randomUUID } from "node:crypto";
import { z } from "zod";
import { pick } from "../../domain/i18n.js";
import { hasUnstorableCharacter } from "../../domain/storable-text.js";
import { UserFacingError } from "../../domain/user-errors.js";
import { type Locale, THEMES } from "../../domain/vocabulary.js";
import { recordAudit } from "../audit.js";
import type { AppContext } from "../context.js";
import type { KnownPerson } from "../identify-person.js";
import { HANDOVER_INTRODUCED_ACTION } from "../render-deferred-card.js";
import { addAgendaItem } from "../table/agenda.js";
import { markHandoverIntroduced } from "../table/handovers.js";
import { requireChairOf } from "../table/region-access.js";
import {
  confirmPendingMeeting,
  MEETING_PLAN_CANCEL_ACTION,
  MEETING_PLAN_CONFIRM_ACTION,
  PendingMeetingSchema,
} from "./meeting-day-check.js";
import type { CommandReply } from "./run-chat-command.js";

export const AGENDA_CONFIRM_ACTION = "agenda_confirm";
export const AGENDA_DECLINE_ACTION = "agenda_decline";
export { MEETING_PLAN_CANCEL_ACTION, MEETING_PLAN_CONFIRM_ACTION };
export const CARD_ACTIONS = [
  AGENDA_CONFIRM_ACTION,
  AGENDA_DECLINE_ACTION,
  MEETING_PLAN_CONFIRM_ACTION,
  MEETING_PLAN_CANCEL_ACTION,
  HANDOVER_INTRODUCED_ACTION,
] as const;

/** What the guard's buttons carry: the item as the chair typed it, for the region it was meant for. */
const PendingItemSchema = z.object({
  regionId: z.uuid(),
  text: z
    .string()
    .min(1)
    .max(2000)
    .refine((text) => !hasUnstorableCharacter(text)),
  theme: z.enum(THEMES).optional(),
  /** One question, one answer: pressing "Toch toevoegen" twice adds the item once. */
  confirmation: z.uuid(),
});
export const pendingAgendaItem = (item: Omit<z.infer<typeof PendingItemSchema>, "confirmation">) =>
  JSON.stringify({ ...item, confirmation: randomUUID() });

/**
 * The buttons on the table's cards, the same on every platform: confirm or decline an agenda item on a
 * forbidden topic (the decision is logged either way), plan a meeting on a day off or not, and mark a
 * successor introduced at the table.
 */
export async function runCardAction(
  ctx: AppContext,
  input: { person: KnownPerson; locale: Locale; actionId: string; value: string },
): Promise<CommandReply> {
  const { locale, person } = input;
  switch (input.actionId) {
    case AGENDA_CONFIRM_ACTION:
    case AGENDA_DECLINE_ACTION: {
      const item = readButtonValue(PendingItemSchema, input.value, { json: true });
      await requireChairOf(ctx, person.id, item.regionId);
      if (input.actionId === AGENDA_DECLINE_ACTION) {
        await recordAudit(ctx.db, {
          action: "agenda.guard.declined",
          subjectType: "region",
          subjectId: item.regionId,
          actorPersonId: person.id,
          details: { text: item.text },
        });
        return {
          visibility: "private",
          text: pick(locale, {
            nl: "Het agendapunt is niet toegevoegd.",
            en: "The agenda item was not added.",
          }),
        };
      }
      const result = await addAgendaItem(ctx, {
        regionId: item.regionId,
        personId: person.id,
        text: item.text,
        theme: item.theme,
        confirmation: item.confirmation,
      });
      const position = result.status === "added" ? result.item.position : 0;
      return {
        visibility: "channel",
        text: pick(locale, {
          nl: `Agendapunt ${position} toegevoegd na bevestiging door de voorzitter: ${item.text}`,
          en: `Agenda item ${position} added after the chair confirmed: ${item.text}`,
        }),
      };
    }
    case MEETING_PLAN_CONFIRM_ACTION:
    case MEETING_PLAN_CANCEL_ACTION: {
      const pending = readButtonValue(PendingMeetingSchema, input.value, { json: true });
      await requireChairOf(ctx, person.id, pending.regionId);
      if (input.actionId === MEETING_PLAN_CANCEL_ACTION)
        return {
          visibility: "private",
          text: pick(locale, { nl: "Het overleg is niet gepland.", en: "The meeting was not planned." }),
        };
      return confirmPendingMeeting(ctx, { personId: person.id, locale, pending });
    }
    case HANDOVER_INTRODUCED_ACTION: {
      const handoverId = readButtonValue(z.uuid(), input.value);
      const handover = await markHandoverIntroduced(ctx, { handoverId, personId: person.id });
      return {
        visibility: "private",
        text: pick(locale, {
          nl: `Vastgelegd: de opvolger is aan tafel voorgesteld (${handover.handoverOn}).`,
          en: `Recorded: the successor was introduced at the table (${handover.handoverOn}).`,
        }),
      };
    }
    default:
      throw new InvalidButtonError();
  }
}

/** What a button carries, checked: a value that is not ours (a forged or garbled request) is refused politely. */
function readButtonValue<T>(schema: z.ZodType<T>, value: string, options: { json?: boolean } = {}): T {
  let parsed: unknown = value;
  if (options.json) {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw new InvalidButtonError();
    }
  }
  const result = schema.safeParse(parsed);
  if (!result.success) throw new InvalidButtonError();
  return result.data;
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
