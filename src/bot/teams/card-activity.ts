import { type Activity, ActivityTypes, CardFactory } from "botbuilder";

/**
 * A message holding one Adaptive Card. The card's plain text goes in `summary` (notifications, clients without
 * cards), not in `text`: Teams would show text above the card, so everything twice, and the Agents Playground
 * splits such a message in two and returns no id for it.
 */
export function adaptiveCardActivity(content: Record<string, unknown>, summary: string): Partial<Activity> {
  return { type: ActivityTypes.Message, attachments: [CardFactory.adaptiveCard(content)], summary };
}
