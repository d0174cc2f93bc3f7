import type { AppContext } from "../context.js";
import type { KnownPerson } from "../identify-person.js";
import { recognisePlatformUser, rememberPlatformConversation } from "../platform-contact.js";
import type { InboundTurn } from "./inbound-turn.js";

/**
 * Who sent this turn. A person imported by e-mail is linked to their platform identity on first contact (when
 * the platform can tell their e-mail address); talking to the bot also proves they can be reached on that
 * platform again, so an identity marked unreachable is revived with the invitations given up on. A shared
 * conversation the bot was spoken to in is remembered for posting there later.
 */
export async function recogniseSender(
  ctx: AppContext,
  turn: InboundTurn,
  kick: () => void,
): Promise<KnownPerson | undefined> {
  const at = ctx.now();
  const contact = turn.contact ?? {};
  if (contact.conversation) {
    await rememberPlatformConversation(ctx.db, {
      platform: turn.platform,
      workspaceId: turn.workspace,
      conversationId: contact.conversation.id,
      scope: contact.conversation.scope,
      reference: contact.conversation.reference,
      at,
    });
  }
  // Teams sends some activities without the user's AAD object id: nobody to recognise.
  if (!turn.user) return undefined;
  const recognised = await recognisePlatformUser(ctx.db, {
    identity: { platform: turn.platform, workspaceId: turn.workspace, userId: turn.user },
    conversationReference: contact.personalReference,
    fallbackReference: contact.fallbackReference,
    emails: contact.emails ?? (async () => []),
    now: at,
  });
  if (recognised?.revivedInvitations) kick();
  return recognised?.person;
}
