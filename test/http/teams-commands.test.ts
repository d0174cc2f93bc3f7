import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeWave } from "../../src/app/waves/close-wave.js";
import { createWave } from "../../src/app/waves/create-wave.js";
import { openWave } from "../../src/app/waves/open-wave.js";
import {
  channelBindings,
  deliveries,
  invitations,
  meetings,
  platformConversations,
  platformIdentities,
} from "../../src/db/schema.js";
import { nonWorkingDay } from "../../src/domain/dutch-holidays.js";
import { useTestDatabase } from "../support/database.js";
import { uniqueKey } from "../support/factories.js";
import {
  type ActivityUser,
  adaptiveCardAction,
  channelMessage,
  conversationUpdateBotAdded,
  type InboundActivity,
  personalConversation,
  personalMessage,
  TEAM_ID,
  TEAMS_TENANT_ID,
} from "../support/teams-activities.js";
import { meet, seedTeamsRegion, startTeamsBed, type TeamsBed } from "../support/teams-bed.js";
import type { SentActivity } from "../support/teams-connector.js";
import { completeVensterAnswers, teamsActionData } from "../support/venster-answers.js";
import { adaptiveDisplay, asShown } from "../unit/cards/adaptive-display.js";

/** What Teams shows of a markdown text: placeholders like `<regio>` are escaped so that they show. */
const shown = (text: string | undefined) => asShown(adaptiveDisplay(text ?? "").text);

// Its own database: this file runs an outbox worker, which must only see this file's messages.
const database = useTestDatabase({ isolated: true });

/** A fresh channel of the test team, as Teams names them. */
const newChannelId = () => `19:${randomBytes(16).toString("hex")}@thread.tacv2`;
const textOf = (value: unknown) => JSON.stringify(value);

/** Reads until `done` holds: the outbox marks a row sent just after the connector accepted it. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("chat commands in Teams", () => {
  let bed: TeamsBed;
  let seeded: Awaited<ReturnType<typeof seedTeamsRegion>>;
  let waveName: string;
  /** The channel the chair binds to the region in these tests. */
  const boundChannelId = newChannelId();

  beforeAll(async () => {
    bed = await startTeamsBed(database.current);
    seeded = await seedTeamsRegion(bed, database.current);
    // The gemeente and verzekeraar contacts installed the app; the chair only ever talks to it in a channel.
    await meet(bed, seeded.gemeente.user);
    await meet(bed, seeded.verzekeraar.user);
    waveName = uniqueKey("Venster 2027");
    await createWave(database.current.db, {
      surveyKey: "venster",
      name: waveName,
      opensAt: new Date(Date.now() - 3600_000),
      closesAt: new Date(Date.now() + 14 * 86_400_000),
    });
  });
  afterAll(async () => {
    await bed?.close();
  });

  /** Posts a message activity as Teams does and returns the bot's reply to it (in the same conversation). */
  async function say(activity: InboundActivity): Promise<SentActivity> {
    const response = await bed.post(activity);
    expect(response.status).toBe(200);
    return bed.connector.waitForSent(
      (s) => s.replyToActivityId === activity.id && s.conversationId === activity.conversation.id,
    );
  }
  const inPersonalChat = (user: ActivityUser, text: string) =>
    say(personalMessage(user, text, { serviceUrl: bed.connector.url }));
  const inChannel = (user: ActivityUser, text: string, channelId: string, threadRootId?: string) =>
    say(
      channelMessage(user, text, {
        serviceUrl: bed.connector.url,
        channelId,
        teamId: TEAM_ID,
        ...(threadRootId ? { threadRootId } : {}),
      }),
    );

  /**
   * A line in a channel whose answer is for the one who typed it: the answer arrives in their personal chat,
   * the channel thread gets only the neutral note. Returns the private answer.
   */
  async function privatelyInChannel(
    user: ActivityUser,
    text: string,
    channelId: string,
  ): Promise<SentActivity> {
    const activity = channelMessage(user, text, {
      serviceUrl: bed.connector.url,
      channelId,
      teamId: TEAM_ID,
    });
    const before = bed.connector.sent().length;
    const note = await say(activity);
    expect(note.activity.text).toBe("Ik heb u mijn antwoord in een privébericht gestuurd.");
    const personal = bed.connector
      .sent()
      .slice(before)
      .filter((s) => s.conversationId === bed.connector.personalConversationId(user.teamsUserId));
    expect(personal).toHaveLength(1);
    return personal[0] as SentActivity;
  }

  const bindingOf = async (channelId: string) =>
    database.current.db
      .select()
      .from(channelBindings)
      .where(and(eq(channelBindings.platform, "teams"), eq(channelBindings.channelId, channelId)));

  /**
   * What the bot posted to a channel itself, as a new message: to the channel's conversation, not to the thread
   * of a message ("…;messageid=…"), which is where replies to commands go.
   */
  const postedIn = (channelId: string) => bed.connector.sent().filter((s) => s.conversationId === channelId);

  it("answers help in a personal chat in Dutch, with a contact person's commands of the shared grammar", async () => {
    const reply = await inPersonalChat(seeded.gemeente.user, "help");
    expect(reply.activity.type).toBe("message");
    expect(reply.activity.text).toContain("Regiotafel-commando's");
    expect(shown(reply.activity.text)).toContain("hulpvraag «tekst»");
    expect(shown(reply.activity.text)).toContain("agenda [n]");
    // Chairs' commands are not a contact person's.
    expect(shown(reply.activity.text)).not.toContain("agenda toevoegen");
    expect(shown(reply.activity.text)).not.toContain("koppel");
    expect(shown(reply.activity.text)).not.toContain("support «text»");
    expect(shown(reply.activity.text).split(/\n+/).length).toBeLessThanOrEqual(15);
  });

  it("answers a chair's help in a channel with the chair's commands, placeholders as typed", async () => {
    const reply = await privatelyInChannel(seeded.chair.user, "help", newChannelId());
    expect(shown(reply.activity.text)).toContain("koppel «regio»");
    expect(shown(reply.activity.text)).toContain("agenda toevoegen");
    expect(shown(reply.activity.text)).not.toMatch(/&lt;|&gt;/);
  });

  it("answers `help agenda` with the details of the agenda commands", async () => {
    const reply = await inPersonalChat(seeded.gemeente.user, "help agenda");
    expect(shown(reply.activity.text)).toContain("agenda toevoegen «tekst» [#thema]");
    expect(shown(reply.activity.text)).toContain("; alleen de voorzitter.");
    expect(shown(reply.activity.text)).toContain(
      "Bijvoorbeeld: agenda toevoegen Wachtlijsten jeugdzorg #jeugd",
    );
  });

  it("answers an English-speaking person in English, also for the Dutch word", async () => {
    const reply = await inPersonalChat(seeded.verzekeraar.user, "hulp");
    expect(reply.activity.text).toContain("Regiotafel commands");
    expect(shown(reply.activity.text)).toContain("support «text»");
    expect(reply.activity.text).not.toContain("koppel");
  });

  it("answers an unknown command with the closest command and one line, and changes nothing", async () => {
    const channelId = newChannelId();
    const reply = await privatelyInChannel(seeded.gemeente.user, "vergadering morgen", channelId);
    // Two lines (Teams' markdown shows a line break as a blank line), not the whole help.
    expect(shown(reply.activity.text).split(/\n+/)).toEqual([
      'Het commando "vergadering" ken ik niet.',
      "Typ help voor de commando's die u kunt gebruiken.",
    ]);
    const typo = await privatelyInChannel(seeded.gemeente.user, "agnda toevoegen Wachtlijsten", channelId);
    expect(shown(typo.activity.text)).toContain(
      'Het commando "agnda" ken ik niet. Bedoelt u agenda toevoegen?',
    );
    expect(shown(typo.activity.text)).not.toContain("Regiotafel-commando's");
    expect(await bindingOf(channelId)).toEqual([]);
  });

  it("answers `koppel` without a region with its usage, the placeholder shown as typed", async () => {
    const reply = await privatelyInChannel(seeded.chair.user, "koppel", newChannelId());
    expect(shown(reply.activity.text)).toContain("Gebruik: koppel «regio»");
  });

  it("explains how to bind when `samenvatting` is asked in a channel that is not bound", async () => {
    const channelId = newChannelId();
    const reply = await privatelyInChannel(seeded.chair.user, "samenvatting", channelId);
    expect(reply.activity.text).toContain("Dit kanaal is nog niet aan een regio gekoppeld");
    expect(shown(reply.activity.text)).toContain("koppel «regio»");
    const summaries = await database.current.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.kind, "region-summary"));
    expect(summaries).toEqual([]);
  });

  it("refuses a channel binding by someone who is not the region's chair, politely and in Dutch", async () => {
    const reply = await privatelyInChannel(
      seeded.gemeente.user,
      `koppel ${seeded.region.slug}`,
      boundChannelId,
    );
    expect(reply.activity.text).toContain(`Alleen de voorzitter van ${seeded.region.name}`);
    expect(await bindingOf(boundChannelId)).toEqual([]);
  });

  it("binds the channel for the chair (linked by e-mail from the channel) and stores how to post there", async () => {
    const message = channelMessage(seeded.chair.user, `koppel ${seeded.region.slug}`, {
      serviceUrl: bed.connector.url,
      channelId: boundChannelId,
      teamId: TEAM_ID,
    });
    // The thread a message starts is the channel id plus ";messageid=…"; the binding is the channel's.
    expect(message.conversation.id).toBe(`${boundChannelId};messageid=${message.id}`);
    const reply = await say(message);
    expect(reply.activity.text).toContain(`Dit kanaal is nu het kanaal van regio **${seeded.region.name}**`);

    const [binding, ...others] = await bindingOf(boundChannelId);
    expect(others).toEqual([]);
    expect(binding).toMatchObject({
      purpose: "region",
      regionId: seeded.region.id,
      platform: "teams",
      workspaceId: TEAMS_TENANT_ID,
      channelId: boundChannelId,
      createdByPersonId: seeded.chair.person.id,
    });
    const reference = binding?.conversationReference as {
      serviceUrl: string;
      conversation: { id: string };
      bot: { id: string };
      activityId?: string;
    };
    expect(reference.serviceUrl).toBe(bed.connector.url);
    expect(reference.conversation.id).toBe(boundChannelId);
    expect(reference.activityId).toBeUndefined();

    // The chair never installed the app personally: the channel message linked them by e-mail.
    const identities = await database.current.db
      .select()
      .from(platformIdentities)
      .where(eq(platformIdentities.personId, seeded.chair.person.id));
    expect(identities).toMatchObject([
      { platform: "teams", workspaceId: TEAMS_TENANT_ID, userId: seeded.chair.user.aadObjectId },
    ]);
    // What it keeps is where the tenant's connector is, to open a 1:1 chat later; not the channel.
    const kept = identities[0]?.conversationReference as { serviceUrl: string; conversation?: unknown };
    expect(kept.serviceUrl).toBe(bed.connector.url);
    expect(kept.conversation).toBeUndefined();
  });

  it("asks before planning on a Saturday, and plans once the chair presses Ja, plannen on the card", async () => {
    let saturday = DateTime.now().setZone("Europe/Amsterdam").plus({ days: 40 });
    while (nonWorkingDay(saturday.toISODate() as string)?.name.nl !== "een zaterdag")
      saturday = saturday.plus({ days: 1 });
    // The question is the chair's alone: it arrives in their personal chat.
    const question = await privatelyInChannel(
      seeded.chair.user,
      `overleg plan ${saturday.toFormat("dd-MM-yyyy")} 10:00`,
      boundChannelId,
    );
    const day = saturday.setLocale("nl-NL").toFormat("d MMMM yyyy");
    expect(textOf(question.activity)).toContain(`${day} is een zaterdag. Toch plannen?`);
    type Execute = { verb: string; title: string; data: Record<string, unknown> };
    const card = question.activity.attachments?.[0]?.content as { actions?: Execute[] } | undefined;
    const confirm = card?.actions?.find((a) => a.title === "Ja, plannen");
    if (!confirm) throw new Error("no Ja, plannen button");
    const startsAt = saturday.set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toJSDate();
    const planned = () =>
      database.current.db
        .select()
        .from(meetings)
        .where(and(eq(meetings.regionId, seeded.region.id), eq(meetings.startsAt, startsAt)));
    expect(await planned()).toHaveLength(0);
    const pressed = await bed.post(
      adaptiveCardAction(
        seeded.chair.user,
        { verb: confirm.verb, data: confirm.data },
        {
          serviceUrl: bed.connector.url,
          replyToId: question.id,
          conversation: personalConversation(seeded.chair.user),
        },
      ),
    );
    expect(pressed.status).toBe(200);
    expect(textOf(pressed.body)).toContain(`Overleg gepland op ${day} om 10:00`);
    expect(await planned()).toHaveLength(1);
  });

  it("accepts the English alias and the region's full name, also in a reply in a thread", async () => {
    const channelId = newChannelId();
    const reply = await inChannel(
      seeded.chair.user,
      `bind ${seeded.region.name.toUpperCase()}`,
      channelId,
      "1700000000000",
    );
    expect(reply.conversationId).toBe(`${channelId};messageid=1700000000000`);
    expect(reply.activity.text).toContain(`Dit kanaal is nu het kanaal van regio **${seeded.region.name}**`);
    expect(await bindingOf(channelId)).toMatchObject([{ regionId: seeded.region.id }]);
  });

  it("says there is nothing to summarise yet when the region has had no survey round", async () => {
    const reply = await privatelyInChannel(seeded.gemeente.user, "samenvatting", boundChannelId);
    expect(reply.activity.text).toContain("Er is nog geen vragenlijstronde voor deze regio");
    expect(postedIn(boundChannelId)).toEqual([]);
  });

  it("queues the interim summary on `samenvatting` in the bound channel; the outbox posts it there", async () => {
    const ctx = bed.app.ctx;
    await openWave(ctx.db, waveName, { now: ctx.now(), timeZone: ctx.timeZone });
    await bed.app.worker?.drain(0);
    // The gemeente answers inline in Teams, so the summary has something to count.
    const [invitation] = await database.current.db
      .select()
      .from(invitations)
      .where(eq(invitations.personId, seeded.gemeente.person.id));
    if (!invitation) throw new Error("no invitation for the gemeente");
    const [sent] = await database.current.db
      .select({ ref: deliveries.messageRef })
      .from(deliveries)
      .where(and(eq(deliveries.invitationId, invitation.id), eq(deliveries.kind, "survey-invitation")));
    const cardId = (sent?.ref as { activityId?: string } | undefined)?.activityId ?? "";
    const submitted = await bed.post(
      adaptiveCardAction(
        seeded.gemeente.user,
        { verb: "survey_submit", data: teamsActionData(completeVensterAnswers, invitation.id) },
        {
          serviceUrl: bed.connector.url,
          replyToId: cardId,
          conversation: personalConversation(seeded.gemeente.user),
        },
      ),
    );
    expect(textOf(submitted.body)).toContain("Ingevuld op");

    const request = channelMessage(seeded.gemeente.user, "samenvatting", {
      serviceUrl: bed.connector.url,
      channelId: boundChannelId,
      teamId: TEAM_ID,
    });
    const before = bed.connector.sent().length;
    // The acknowledgement is the asker's (privately, a note in the thread); the summary is the channel's.
    expect((await say(request)).activity.text).toBe("Ik heb u mijn antwoord in een privébericht gestuurd.");
    const [ack] = bed.connector
      .sent()
      .slice(before)
      .filter(
        (s) => s.conversationId === bed.connector.personalConversationId(seeded.gemeente.user.teamsUserId),
      );
    expect(ack?.activity.text).toContain("De samenvatting wordt in dit kanaal geplaatst.");
    // Teams redelivers an activity it thinks was slow: the same request queues nothing more.
    expect((await bed.post(request)).status).toBe(200);
    const posted = await bed.connector.waitForSent((s) => s.conversationId === boundChannelId);
    const card = textOf(posted.activity.attachments?.[0]?.content);
    expect(posted.activity.attachments?.[0]?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    expect(card).toContain(`Venster op het samenwerkingsproces — ${seeded.region.name}`);
    expect(card).toContain("tussenstand");
    expect(card).toContain("Respons: 1/2 (50%)");
    // Support needs as counts per theme; the text itself goes only to the chairs.
    expect(card).toContain("Proces — 1 antwoord: Anders 1");
    expect(card).not.toContain("Procesbegeleiding bij de inkoop");
    expect(card).not.toContain(seeded.gemeente.person.name);
    expect(card).not.toContain("Goede werkagenda");
    const rows = await eventually(
      () => database.current.db.select().from(deliveries).where(eq(deliveries.kind, "region-summary")),
      (found) => found.every((r) => r.status === "sent"),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: "sent",
      messageRef: { platform: "teams", activityId: posted.id },
    });
    expect(postedIn(boundChannelId)).toHaveLength(1);
  });

  it("posts the final summary to the bound Teams channel by itself when the wave closes", async () => {
    const before = postedIn(boundChannelId).length;
    await closeWave(bed.app.ctx, waveName);
    await bed.app.worker?.drain(0);
    const posted = await bed.connector.waitForSent(
      (s) => s.conversationId === boundChannelId && textOf(s.activity).includes("(gesloten)"),
    );
    expect(postedIn(boundChannelId)).toHaveLength(before + 1);
    const card = textOf(posted.activity.attachments?.[0]?.content);
    expect(card).toContain(`Ronde ${waveName} (gesloten)`);
    expect(card).toContain("Respons: 1/2 (50%)");
  });

  it("remembers a team the bot is added to, for posting there later", async () => {
    const teamId = newChannelId();
    const response = await bed.post(
      conversationUpdateBotAdded(
        seeded.chair.user,
        { scope: "team", teamId, teamName: "Regiotafel Oost" },
        { serviceUrl: bed.connector.url },
      ),
    );
    expect(response.status).toBeLessThan(300);
    const rows = await database.current.db
      .select()
      .from(platformConversations)
      .where(eq(platformConversations.conversationId, teamId));
    expect(rows).toMatchObject([
      { platform: "teams", workspaceId: TEAMS_TENANT_ID, scope: "channel", removedAt: null },
    ]);
    const reference = rows[0]?.reference as { serviceUrl: string; conversation: { id: string } };
    expect(reference.serviceUrl).toBe(bed.connector.url);
    expect(reference.conversation.id).toBe(teamId);
    // Adding the bot to a team says nothing there; a welcome is only for a personal chat.
    expect(bed.connector.sent().filter((s) => s.conversationId.startsWith(teamId))).toEqual([]);

    // The same conversation seen again (every channel message passes here) is not written again.
    await bed.post(
      conversationUpdateBotAdded(
        seeded.chair.user,
        { scope: "team", teamId, teamName: "Regiotafel Oost" },
        { serviceUrl: bed.connector.url },
      ),
    );
    const again = await database.current.db
      .select()
      .from(platformConversations)
      .where(eq(platformConversations.conversationId, teamId));
    expect(again.map((r) => r.updatedAt)).toEqual(rows.map((r) => r.updatedAt));
  });
});
