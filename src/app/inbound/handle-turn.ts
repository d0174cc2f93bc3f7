import { temporaryFailureMessage, UnknownUserError, UserFacingError } from "../../domain/user-errors.js";
import type { Locale } from "../../domain/vocabulary.js";
import type { Logger } from "../../logger.js";
import type { AppContext } from "../context.js";
import { claimRequest, releaseRequest } from "./claim-request.js";
import { dispatchTurn } from "./dispatch-turn.js";
import type { InboundOutcome, InboundReply, InboundTurn, TurnKind } from "./inbound-turn.js";
import { recogniseSender } from "./recognise-sender.js";

export type InboundDependencies = {
  ctx: AppContext;
  logger: Logger;
  /** Wake the outbox worker: something was queued that the person is waiting to see. */
  kick: () => void;
};

/**
 * What a repeated request id does, per kind. A command or a contact is not run again (it would post, queue or
 * greet twice). A card action runs again: its use cases are idempotent (confirmations carry a uuid) and a Teams
 * invoke must be answered again. A form submit is not even claimed: `recordAnswer` recognises identical answers
 * in the database (two at once collide on the revision key), so a redelivery or a double click stores nothing
 * twice and is thanked again.
 */
const ON_REPEAT: Record<TurnKind, "skip" | "run again" | "unclaimed"> = {
  command: "skip",
  contact: "skip",
  "card-action": "run again",
  "form-submit": "unclaimed",
};

const PLATFORM_NAMES = { slack: "Slack", teams: "Teams", local: "Lokale" } as const;

/**
 * The one way in: claim the request id, recognise the sender (reviving their identity), run the one use case,
 * and turn whatever went wrong into a reply in the person's language. Never throws: an adapter only renders.
 */
export async function handleTurn(deps: InboundDependencies, turn: InboundTurn): Promise<InboundOutcome> {
  const { ctx, logger } = deps;
  let locale: Locale = turn.clientLocale ?? ctx.locale;
  let repeated = false;
  let claimed: string | undefined;
  try {
    if (turn.requestId && ON_REPEAT[turn.kind] !== "unclaimed") {
      repeated = !(await claimRequest(ctx.db, turn.platform, turn.requestId));
      if (!repeated) claimed = turn.requestId;
      if (repeated) {
        logger.info(
          { platform: turn.platform, requestId: turn.requestId, kind: turn.kind },
          "herhaald verzoek",
        );
      }
      if (repeated && ON_REPEAT[turn.kind] === "skip") return { reply: { kind: "none" }, locale, repeated };
    }
    const sender = await recogniseSender(ctx, turn, deps.kick);
    if (sender) locale = sender.locale;
    const reply = await dispatchTurn(ctx, turn, sender, deps.kick);
    return { reply, locale, repeated };
  } catch (error) {
    if (error instanceof UserFacingError) return { reply: refusal(error, locale), locale, repeated };
    logger.error({ err: error, kind: turn.kind }, `${PLATFORM_NAMES[turn.platform]}-verzoek mislukt`);
    if (claimed) {
      const requestId = claimed;
      await releaseRequest(ctx.db, turn.platform, requestId).catch((releaseError: unknown) =>
        logger.warn({ err: releaseError, requestId }, "verzoek kon niet worden vrijgegeven"),
      );
    }
    return {
      reply: { kind: "refusal", reason: "ours", text: temporaryFailureMessage(locale) },
      locale,
      repeated,
    };
  }
}

function refusal(error: UserFacingError, locale: Locale): InboundReply {
  return {
    kind: "refusal",
    reason: error instanceof UnknownUserError ? "unknown-user" : "theirs",
    text: error.userMessage(locale),
  };
}
