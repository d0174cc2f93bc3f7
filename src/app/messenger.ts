import type { Card } from "../domain/cards/card.js";
import type { Locale, Platform } from "../domain/vocabulary.js";

/**
 * The port every platform implements (Slack, Teams, local). Use cases and jobs talk to people and channels
 * through it and never see a platform type.
 */
export type MessageRef = { platform: Platform } & Record<string, unknown>;

export type PersonAddress = {
  personId: string;
  locale: Locale;
  preferredPlatform: Platform | null;
  identities: { platform: Platform; workspaceId: string; userId: string }[];
};

export type ChannelAddress = {
  bindingId: string;
  platform: Platform;
  workspaceId: string;
  channelId: string;
  conversationReference: unknown;
};

export interface Messenger {
  /** The platforms this messenger can reach; the router picks the first that a person has an identity on. */
  readonly platforms: readonly Platform[];
  sendToPerson(person: PersonAddress, card: Card): Promise<MessageRef>;
  sendToChannel(channel: ChannelAddress, card: Card): Promise<MessageRef>;
  updateMessage(ref: MessageRef, card: Card): Promise<void>;
}

/** Why a send failed, which decides what the outbox does next. */
export type DeliveryFailure =
  | { kind: "rate_limited"; retryAfterMs: number }
  | { kind: "transient"; reason: string }
  | { kind: "permanent"; reason: string }
  | { kind: "unreachable"; reason: string };

export class DeliveryError extends Error {
  constructor(readonly failure: DeliveryFailure) {
    super(`delivery failed: ${failure.kind}${"reason" in failure ? ` (${failure.reason})` : ""}`);
    this.name = "DeliveryError";
  }
}

/** Routes each message to the messenger of the platform the person prefers, or the first they can be reached on. */
export function createRoutingMessenger(messengers: Messenger[]): Messenger {
  const byPlatform = new Map(messengers.flatMap((m) => m.platforms.map((p) => [p, m] as const)));
  const pick = (platform: Platform) => {
    const messenger = byPlatform.get(platform);
    if (!messenger)
      throw new DeliveryError({ kind: "unreachable", reason: `no ${platform} messenger configured` });
    return messenger;
  };
  return {
    platforms: [...byPlatform.keys()],
    sendToPerson(person, card) {
      const reachable = person.identities.filter((i) => byPlatform.has(i.platform));
      const chosen = reachable.find((i) => i.platform === person.preferredPlatform) ?? reachable[0];
      if (!chosen) throw new DeliveryError({ kind: "unreachable", reason: "no platform identity" });
      return pick(chosen.platform).sendToPerson(person, card);
    },
    sendToChannel: (channel, card) => pick(channel.platform).sendToChannel(channel, card),
    updateMessage: (ref, card) => pick(ref.platform).updateMessage(ref, card),
  };
}
