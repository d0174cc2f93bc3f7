import { randomUUID } from "node:crypto";
import { z } from "zod";
import { pick } from "../../domain/i18n.js";
import { hasUnstorableCharacter } from "../../domain/storable-text.js";
import { type Locale, THEMES } from "../../domain/vocabulary.js";
import { recordAudit } from "../audit.js";
import type { AppContext } from "../context.js";
import type { KnownPerson } from "../identify-person.js";
import { HANDOVER_INTRODUCED_ACTION } from "../render-deferred-card.js";
import { addAgendaItem } from "../table/agenda.js";
import { markHandoverIntroduced } from "../table/handovers.js";
import { requireChairOf } from "../table/region-access.js";
import { buttonPayload, InvalidButtonError, ownedButtonValue, readOwnedButton } from "./button-owner.js";
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

/** What the guard's buttons carry (besides the chair they ask): the item as typed, for the region it was meant for. */
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
/** The value of the guard's buttons: only the chair who typed the item may decide on it. */
export const pendingAgendaItem = (
  chairPersonId: string,
  item: Omit<z.infer<typeof PendingItemSchema>, "confirmation">,
) => ownedButtonValue(chairPersonId, { ...item, confirmation: randomUUID() });

/** What `handoverTaskValue` puts in a chair's "geïntroduceerd" button, besides the chair. */
const HandoverTaskSchema = z.object({ handoverId: z.uuid() });

/**
 * The buttons on the table's cards, the same on every platform: confirm or decline an agenda item on a
 * forbidden topic (the decision is logged either way), plan a meeting on a day off or not, and mark a
 * successor introduced at the table. Each is for one person (`readOwnedButton`); that person must still chair
 * the region when they press it.
 */
export async function runCardAction(
  ctx: AppContext,
  input: { person: KnownPerson; locale: Locale; actionId: string; value: string },
): Promise<CommandReply> {
  const { locale, person } = input;
  if (!(CARD_ACTIONS as readonly string[]).includes(input.actionId)) throw new InvalidButtonError();
  const payload = readOwnedButton(input.value, person.id);
  switch (input.actionId) {
    case AGENDA_CONFIRM_ACTION:
    case AGENDA_DECLINE_ACTION: {
      const item = buttonPayload(PendingItemSchema, payload);
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
      const pending = buttonPayload(PendingMeetingSchema, payload);
      await requireChairOf(ctx, person.id, pending.regionId);
      if (input.actionId === MEETING_PLAN_CANCEL_ACTION)
        return {
          visibility: "private",
          text: pick(locale, { nl: "Het overleg is niet gepland.", en: "The meeting was not planned." }),
        };
      return confirmPendingMeeting(ctx, { personId: person.id, locale, pending });
    }
    case HANDOVER_INTRODUCED_ACTION: {
      const { handoverId } = buttonPayload(HandoverTaskSchema, payload);
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
