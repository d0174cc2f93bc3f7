import { z } from "zod";
import type { Card } from "../../domain/cards/card.js";
import { type Locale, PLATFORMS } from "../../domain/vocabulary.js";

/*
 * What an outbox row carries, validated whenever it is read back from the database (a JSON column is an edge):
 * the card to send, an update of an earlier message, or a card that is made only when it is sent.
 */

const CardActionSchema = z.object({
  id: z.string(),
  label: z.string(),
  value: z.string(),
  style: z.enum(["primary", "danger"]).optional(),
});

/**
 * Card text. Rows queued before card text became markup hold a plain string, which was already in the markup
 * of that time: it is read as markup, so a queued delivery survives the upgrade and shows as it would have.
 */
const MarkupSchema = z.union([
  z.object({ markup: z.string() }),
  z.string().transform((markup) => ({ markup })),
]);

const CardBlockSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("header"), text: z.string() }),
  z.object({ type: z.literal("text"), text: MarkupSchema }),
  z.object({
    type: z.literal("facts"),
    facts: z.array(z.object({ label: z.string(), value: MarkupSchema })),
  }),
  z.object({ type: z.literal("actions"), actions: z.array(CardActionSchema) }),
  z.object({ type: z.literal("context"), text: MarkupSchema }),
  z.object({ type: z.literal("preformatted"), text: z.string() }),
  z.object({ type: z.literal("divider") }),
]);

export const CardSchema = z.object({
  fallbackText: z.string(),
  blocks: z.array(CardBlockSchema),
  refresh: z.object({ action: z.string(), value: z.string() }).optional(),
}) satisfies z.ZodType<Card, unknown>;

/** Where a sent message lives, as its platform's messenger returned it; opaque beyond platform and workspace. */
export const MessageRefSchema = z
  .object({ platform: z.enum(PLATFORMS), workspaceId: z.string().optional() })
  .catchall(z.unknown());

/** A card made at sending time from the state then (a meeting reminder shows the agenda as it is then). */
export const DeferredCardSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.enum(["meeting-reminder", "meeting-agenda"]),
    meetingId: z.uuid(),
    startsAt: z.string(),
    offsetDays: z.number().int(),
  }),
  z.object({ kind: z.literal("escalation"), escalationId: z.uuid() }),
  /** The invitation card as its invitation is when sent: answered in between, it says so (issue 12). */
  z.object({ kind: z.literal("survey-invitation"), invitationId: z.uuid() }),
  z.object({
    kind: z.enum(["handover-briefing", "handover-task", "handover-notice", "handover-reminder"]),
    handoverId: z.uuid(),
  }),
  /** The free text of a round for one chair: read from the answers when sent, never stored here. */
  z.object({ kind: z.literal("summary-texts"), waveId: z.uuid(), regionId: z.uuid() }),
]);
export type DeferredCard = z.infer<typeof DeferredCardSchema>;
/** Makes a deferred card for its recipient now, or says it is no longer wanted (undefined). */
export type RenderDeferred = (
  deferred: DeferredCard,
  recipient: { locale: Locale | undefined; personId?: string },
) => Promise<Card | undefined>;

export const DeliveryPayloadSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("card"), card: CardSchema }),
  /** Replace an earlier message, e.g. the invitation card once answered. */
  z.object({ type: z.literal("update"), card: CardSchema, ref: MessageRefSchema }),
  /** Made by `renderDeferred` when it is sent, or dropped when no longer wanted (a meeting moved). */
  z.object({ type: z.literal("deferred"), deferred: DeferredCardSchema }),
]);
export type DeliveryPayload = z.infer<typeof DeliveryPayloadSchema>;

/** Every kind of message the outbox sends; the kind decides when a queued message is no longer wanted. */
export const DELIVERY_KINDS = [
  "survey-invitation",
  "survey-reminder",
  "card-update",
  "region-summary",
  "region-summary-texts",
  "meeting-reminder",
  "meeting-agenda",
  "escalation",
  "handover-briefing",
  "handover-task",
  "handover-notice",
  "handover-reminder",
] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

/**
 * The kinds that remind someone of something: they follow the quiet-hours rule, also when a retry or a late
 * worker would send them at night. A new reminder kind belongs here.
 */
export const REMINDER_KINDS = [
  "survey-reminder",
  "meeting-reminder",
  "meeting-agenda",
  "handover-reminder",
] as const satisfies readonly DeliveryKind[];
export const isReminderKind = (kind: string): boolean => (REMINDER_KINDS as readonly string[]).includes(kind);

/** A dead-lettered row's `last_error` starts with this when the person could not be reached at all. */
export const UNREACHABLE_PREFIX = "unreachable: ";
