import type { Card } from "../domain/cards/card.js";
import type { Locale, Platform } from "../domain/vocabulary.js";

/**
 * The port every platform implements (Slack, Teams, local). Use cases and jobs talk to people and channels
 * through it and never see a platform type.
 */
export type MessageRef = { platform: Platform; workspaceId?: string } & Record<string, unknown>;

export type IdentityKey = { platform: Platform; workspaceId: string; userId: string };

export type PersonAddress = {
  personId: string;
  locale: Locale;
  preferredPlatform: Platform | null;
  /** Only identities the person can currently be reached on. */
  identities: (IdentityKey & { conversationReference?: unknown })[];
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
  /** Worth another try; `status`: the platform's HTTP status, when it answered (5xx slows its pace). */
  | { kind: "transient"; reason: string; status?: number }
  | { kind: "permanent"; reason: string }
  /** The person or channel cannot be reached this way; retrying will not help (`identity`: which way). */
  | { kind: "unreachable"; reason: string; identity?: IdentityKey };

export class DeliveryError extends Error {
  constructor(readonly failure: DeliveryFailure) {
    super(`delivery failed: ${failure.kind}${"reason" in failure ? ` (${failure.reason})` : ""}`);
    this.name = "DeliveryError";
  }
}

/**
 * The identity a message to this person goes to: their preferred platform, else the first of `platforms` they
 * can be reached on (a fixed order, not the order their identities happened to be linked or stored in).
 */
export function chooseIdentity(person: PersonAddress, platforms: readonly Platform[]) {
  const order = person.preferredPlatform
    ? [person.preferredPlatform, ...platforms.filter((p) => p !== person.preferredPlatform)]
    : platforms;
  for (const platform of order) {
    if (!platforms.includes(platform)) continue;
    const identity = person.identities.find((i) => i.platform === platform);
    if (identity) return identity;
  }
  return undefined;
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
    async sendToPerson(person, card) {
      const chosen = chooseIdentity(person, [...byPlatform.keys()]);
      if (!chosen) throw new DeliveryError({ kind: "unreachable", reason: "no platform identity" });
      // The platform messenger sends to the person's identity on its own platform: hand it only that one.
      try {
        return await pick(chosen.platform).sendToPerson({ ...person, identities: [chosen] }, card);
      } catch (error) {
        if (error instanceof DeliveryError && error.failure.kind === "unreachable") {
          const { platform, workspaceId, userId } = chosen;
          throw new DeliveryError({ ...error.failure, identity: { platform, workspaceId, userId } });
        }
        throw error;
      }
    },
    sendToChannel: (channel, card) => pick(channel.platform).sendToChannel(channel, card),
    updateMessage: (ref, card) => pick(ref.platform).updateMessage(ref, card),
  };
}
