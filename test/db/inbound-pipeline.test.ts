import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { AppContext } from "../../src/app/context.js";
import { handleTurn } from "../../src/app/inbound/handle-turn.js";
import type { InboundTurn } from "../../src/app/inbound/inbound-turn.js";
import { platformIdentities, processedRequests } from "../../src/db/schema.js";
import { asMarkup, toPlainText } from "../../src/domain/cards/markup.js";
import { createLogger } from "../../src/logger.js";
import { useTestDatabase } from "../support/database.js";
import { createPerson, uniqueKey } from "../support/factories.js";

/*
 * The inbound pipeline on the real database, without any platform: what a repeated request id does per kind,
 * what someone unknown hears, and that talking to the bot revives an identity marked unreachable.
 */

const database = useTestDatabase();

describe("the inbound pipeline", () => {
  const kick = vi.fn();
  let ctx: AppContext;
  let person: Awaited<ReturnType<typeof createPerson>>;
  let userId: string;

  beforeAll(async () => {
    ctx = {
      db: database.current.db,
      now: () => new Date(),
      timeZone: "Europe/Amsterdam",
      locale: "nl",
      publicUrl: "http://127.0.0.1:3978",
      anonymityThreshold: 3,
      nationalCoordinators: [],
    };
    person = await createPerson(ctx.db, { locale: "en" });
    userId = uniqueKey("U").toUpperCase();
    await ctx.db
      .insert(platformIdentities)
      .values({ personId: person.id, platform: "slack", workspaceId: "T0PIPE", userId });
  });

  const deps = () => ({ ctx, logger: createLogger("silent"), kick });
  const turn = (
    request: Pick<InboundTurn, "kind" | "data">,
    requestId: string | undefined = uniqueKey("r"),
  ) =>
    ({
      platform: "slack",
      workspace: "T0PIPE",
      user: userId,
      requestId,
      ...request,
    }) as InboundTurn;
  const help = {
    kind: "command",
    data: {
      text: "help",
      channel: { platform: "slack", workspaceId: "T0PIPE", channelId: "C0PIPE" },
      isWorkspaceAdmin: async () => false,
    },
  } as const;

  it("runs a command once: a repeated request id is answered with nothing", async () => {
    const requestId = uniqueKey("cmd");
    const first = await handleTurn(deps(), turn(help, requestId));
    expect(first).toMatchObject({ repeated: false, locale: "en", reply: { kind: "message" } });
    expect(first.reply.kind === "message" && toPlainText(asMarkup(first.reply.text))).toContain(
      "Regiotafel commands",
    );
    expect(await handleTurn(deps(), turn(help, requestId))).toEqual({
      repeated: true,
      locale: "nl",
      reply: { kind: "none" },
    });
  });

  it("runs a card action again, marked as repeated, and answers it again", async () => {
    const requestId = uniqueKey("btn");
    const action = {
      kind: "card-action",
      data: { action: "survey_open", value: "not-an-invitation" },
    } as const;
    const first = await handleTurn(deps(), turn(action, requestId));
    const again = await handleTurn(deps(), turn(action, requestId));
    expect(first).toMatchObject({ repeated: false, reply: { kind: "refusal", reason: "theirs" } });
    expect(again).toMatchObject({ repeated: true, reply: first.reply });
  });

  it("does not claim a form submit: recordAnswer recognises identical answers itself", async () => {
    const requestId = uniqueKey("form");
    await handleTurn(
      deps(),
      turn({ kind: "form-submit", data: { invitationId: crypto.randomUUID(), answers: {} } }, requestId),
    );
    const claimed = await ctx.db
      .select()
      .from(processedRequests)
      .where(and(eq(processedRequests.platform, "slack"), eq(processedRequests.requestId, requestId)));
    expect(claimed).toEqual([]);
  });

  it("tells someone unknown how to get registered, in the platform's language", async () => {
    const outcome = await handleTurn(deps(), { ...turn(help), user: "U0NOBODY", clientLocale: "en" });
    expect(outcome).toMatchObject({ locale: "en", reply: { kind: "refusal", reason: "unknown-user" } });
    expect(outcome.reply.kind === "refusal" && outcome.reply.text).toContain("I don't know you yet");
  });

  it("revives the sender's identity of that platform when it was marked unreachable", async () => {
    await ctx.db
      .update(platformIdentities)
      .set({ unreachableSince: new Date(), unreachableReason: "user_not_found" })
      .where(eq(platformIdentities.userId, userId));
    await handleTurn(deps(), turn(help));
    const [identity] = await ctx.db
      .select()
      .from(platformIdentities)
      .where(eq(platformIdentities.userId, userId));
    expect(identity).toMatchObject({ unreachableSince: null, unreachableReason: null });
  });

  it("answers a failure on our side with 'try again' and frees the request id for a redelivery", async () => {
    const requestId = uniqueKey("fail");
    const failing = {
      ...help,
      data: {
        ...help.data,
        text: "koppel ergens",
        isWorkspaceAdmin: async () => {
          throw new Error("Slack did not answer");
        },
      },
    };
    const outcome = await handleTurn(deps(), turn(failing, requestId));
    expect(outcome.reply).toMatchObject({ kind: "refusal", reason: "ours" });
    expect(outcome.reply.kind === "refusal" && outcome.reply.text).toContain("Please try again");
    const claimed = await ctx.db
      .select()
      .from(processedRequests)
      .where(eq(processedRequests.requestId, requestId));
    expect(claimed).toEqual([]);
  });
});
