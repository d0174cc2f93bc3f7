import { randomBytes } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWave } from "../../src/app/waves/create-wave.js";
import { openWave } from "../../src/app/waves/open-wave.js";
import {
  agendaItems,
  answerRevisions,
  auditLog,
  invitations,
  meetings,
  memberships,
} from "../../src/db/schema.js";
import { nextWorkingDay } from "../../src/domain/dutch-holidays.js";
import { useTestDatabase } from "../support/database.js";
import { createPerson, uniqueKey } from "../support/factories.js";
import {
  type ActivityUser,
  adaptiveCardAction,
  channelConversation,
  channelMessage,
  type InboundActivity,
  newAadObjectId,
  personalConversation,
  TEAM_ID,
  TEAMS_TENANT_ID,
  type TeamsUser,
} from "../support/teams-activities.js";
import { meet, seedTeamsRegion, startTeamsBed, type TeamsBed } from "../support/teams-bed.js";
import { type SentActivity, teamsFaults } from "../support/teams-connector.js";
import { completeVensterAnswers, teamsActionData } from "../support/venster-answers.js";

/*
 * Issue 12, "privacy of replies in Teams channels": what is meant for one person (the topic guard's question,
 * refusals, listings, help) reaches them in their personal chat with the bot, never as a reply in the channel
 * thread that everyone reads; the channel gets at most a neutral note. And a button acts only for the person
 * it was meant for, whoever else presses it.
 */

// Its own database: the app's outbox worker must only see this file's messages.
const database = useTestDatabase({ isolated: true });

const newChannelId = () => `19:${randomBytes(16).toString("hex")}@thread.tacv2`;
const json = (value: unknown) => JSON.stringify(value);
const ITEM = "Tarieven wijkverpleging 2028";
const REASON = "Mededingingsrecht: geen afspraken over prijzen";

/** The Action.Execute buttons of a sent card: verb and the value they carry. */
function buttonsOf(sent: SentActivity): { verb: string; value: string }[] {
  const found: { verb: string; value: string }[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return void node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const element = node as { type?: string; verb?: string; data?: { value?: unknown } };
    if (element.type === "Action.Execute" && element.verb)
      found.push({ verb: element.verb, value: String(element.data?.value ?? "") });
    Object.values(node).forEach(visit);
  };
  visit(sent.activity.attachments?.map((a) => a.content));
  return found;
}

describe("private replies in a Teams channel go to the person's personal chat", () => {
  let bed: TeamsBed;
  let seeded: Awaited<ReturnType<typeof seedTeamsRegion>>;
  let secondChair: TeamsUser;
  let chairs: string[];
  const channelId = newChannelId();

  beforeAll(async () => {
    bed = await startTeamsBed(database.current);
    seeded = await seedTeamsRegion(bed, database.current);
    // A second chair of the same table, who installed the app: a chair too, but not the one who asked.
    const [seat] = await database.current.db
      .select()
      .from(memberships)
      .where(eq(memberships.personId, seeded.chair.person.id));
    if (!seat) throw new Error("the chair has no seat");
    const person = await createPerson(database.current.db, { name: `Tweede voorzitter ${uniqueKey("p")}` });
    await database.current.db.insert(memberships).values({
      personId: person.id,
      organisationId: seat.organisationId,
      regionId: seat.regionId,
      role: "ambtelijk",
      activeFrom: "2026-01-01",
      isChair: true,
    });
    chairs = [seeded.chair.person.id, person.id];
    secondChair = bed.connector.registerUser({
      aadObjectId: newAadObjectId(),
      name: person.name,
      email: person.email,
      tenantId: TEAMS_TENANT_ID,
    });
    await meet(bed, secondChair);
    // The first chair never installed the app personally: they only talk to the bot in the channel.
    // A working day: a meeting on a day off would first ask "Toch plannen?", privately.
    const day = DateTime.fromISO(
      nextWorkingDay(DateTime.now().setZone("Europe/Amsterdam").plus({ days: 14 }).toISODate() ?? ""),
    ).toFormat("dd-MM-yyyy");
    for (const line of [
      `koppel ${seeded.region.slug}`,
      `overleg plan ${day} 14:00`,
      `onderwerpen verbied tarieven ${REASON}`,
    ]) {
      const { thread } = await say(seeded.chair.user, line);
      // What the table should know stays a reply in the channel.
      expect(thread.map((s) => json(s.activity)).join("\n")).not.toContain("privébericht");
    }
  });
  afterAll(async () => {
    await bed?.close();
  });

  /** The channel message posted as Teams does; what the bot then sent in its thread and in personal chats. */
  async function say(user: ActivityUser, text: string) {
    const activity = channelMessage(user, text, {
      serviceUrl: bed.connector.url,
      channelId,
      teamId: TEAM_ID,
    });
    const before = bed.connector.sent().length;
    const response = await bed.post(activity);
    expect(response.status).toBe(200);
    await bed.connector.waitForSent((s) => s.conversationId === activity.conversation.id);
    const after = bed.connector.sent().slice(before);
    return {
      activity,
      thread: after.filter((s) => s.conversationId === activity.conversation.id),
      personal: (of: ActivityUser) =>
        after.filter((s) => s.conversationId === bed.connector.personalConversationId(of.teamsUserId)),
    };
  }

  const agendaOfRegion = async () => {
    const rows = await database.current.db
      .select({ text: agendaItems.text })
      .from(agendaItems)
      .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
      .where(eq(meetings.regionId, seeded.region.id));
    return rows.map((r) => r.text);
  };
  /** The guard's decisions the two chairs logged (the question itself is logged too, as "asked"). */
  const guardDecisions = () =>
    database.current.db
      .select({ action: auditLog.action, actor: auditLog.actorPersonId })
      .from(auditLog)
      .where(
        and(
          inArray(auditLog.actorPersonId, chairs),
          inArray(auditLog.action, ["agenda.guard.confirmed", "agenda.guard.declined"]),
        ),
      );

  /** Presses a card button as `user`, in `conversation`; the invoke answer's readable text. */
  async function press(
    user: ActivityUser,
    button: { verb: string; value: string },
    where: { replyToId: string; conversation: InboundActivity["conversation"] },
  ) {
    const response = await bed.post(
      adaptiveCardAction(
        user,
        { verb: button.verb, data: { value: button.value } },
        { serviceUrl: bed.connector.url, ...where },
      ),
    );
    expect(response.status).toBe(200);
    return json(response.body);
  }

  let guard: SentActivity;
  let askedIn: InboundActivity;

  it("sends the topic guard's question to the chair's personal chat, and only a neutral note to the channel", async () => {
    const { activity, thread, personal } = await say(seeded.chair.user, `agenda add ${ITEM}`);
    askedIn = activity;
    // The bot opened the 1:1 chat with the chair at the activity's connector (Teams returns the existing one).
    const opened = bed.connector
      .createdConversations()
      .filter((c) => c.user.aadObjectId === seeded.chair.user.aadObjectId);
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.every((c) => c.tenantId === TEAMS_TENANT_ID)).toBe(true);

    const [question, ...more] = personal(seeded.chair.user);
    expect(more).toEqual([]);
    if (!question) throw new Error("no question in the chair's personal chat");
    expect(json(question.activity)).toContain(REASON);
    expect(json(question.activity)).toContain(ITEM);
    expect(buttonsOf(question).map((b) => b.verb)).toEqual(["agenda_confirm", "agenda_decline"]);
    guard = question;

    // In the channel: one short note, without the item, the reason or a button.
    expect(thread).toHaveLength(1);
    const note = json(thread[0]?.activity);
    expect(note).toContain("Ik heb u mijn antwoord in een privébericht gestuurd.");
    expect(note).not.toContain("Tarieven");
    expect(note).not.toContain("Mededingingsrecht");
    expect(note).not.toContain("Action.Execute");
    expect(await agendaOfRegion()).toEqual([]);
  });

  it("answers help in a channel privately too", async () => {
    const { thread, personal } = await say(seeded.gemeente.user, "help");
    expect(json(personal(seeded.gemeente.user))).toContain("Regiotafel-commando");
    expect(thread).toHaveLength(1);
    expect(json(thread[0]?.activity)).not.toContain("Regiotafel-commando");
  });

  it("refuses another chair who presses the first chair's button, politely, and changes nothing", async () => {
    const confirm = buttonsOf(guard).find((b) => b.verb === "agenda_confirm");
    if (!confirm) throw new Error("no confirm button");
    // As anyone in the channel could, when the question was a channel reply.
    const answer = await press(secondChair, confirm, {
      replyToId: guard.id,
      conversation: channelConversation(channelId, askedIn.id),
    });
    expect(answer).toContain("Deze knop is niet voor u bedoeld");
    expect(answer).not.toContain("toegevoegd");
    expect(await agendaOfRegion()).toEqual([]);
    expect(await guardDecisions()).toEqual([]);
  });

  it("lets the chair the question was for confirm it in their personal chat", async () => {
    const confirm = buttonsOf(guard).find((b) => b.verb === "agenda_confirm");
    if (!confirm) throw new Error("no confirm button");
    const answer = await press(seeded.chair.user, confirm, {
      replyToId: guard.id,
      conversation: personalConversation(seeded.chair.user),
    });
    expect(answer).toContain("toegevoegd na bevestiging");
    expect(await agendaOfRegion()).toEqual([ITEM]);
    expect(await guardDecisions()).toEqual([
      { action: "agenda.guard.confirmed", actor: seeded.chair.person.id },
    ]);
  });

  it("says so in the channel, without the answer, when Teams will not open a personal chat", async () => {
    bed.connector.failNext(1, teamsFaults.botNotInConversationRoster(), { route: "createConversation" });
    const { thread, personal } = await say(seeded.chair.user, "onderwerpen");
    expect(personal(seeded.chair.user)).toEqual([]);
    expect(thread).toHaveLength(1);
    const note = json(thread[0]?.activity);
    expect(note).toContain("Ik kon u geen privébericht sturen");
    expect(note).not.toContain("tarieven");
  });

  it("answers survey buttons only for the person invited: someone else's invitation is refused and nothing is stored", async () => {
    const { db } = database.current;
    const waveName = uniqueKey("Venster privé");
    await createWave(db, {
      surveyKey: "venster",
      name: waveName,
      opensAt: new Date(Date.now() - 3600_000),
      closesAt: new Date(Date.now() + 14 * 86_400_000),
    });
    await openWave(db, waveName, { now: new Date(), timeZone: "Europe/Amsterdam" });
    const [invitation] = await db
      .select()
      .from(invitations)
      .where(eq(invitations.personId, seeded.gemeente.person.id));
    if (!invitation) throw new Error("no invitation for the gemeente");
    // The insurer's contact presses the gemeente's buttons, with the gemeente's invitation in them.
    const where = { replyToId: "1700000000000", conversation: personalConversation(seeded.verzekeraar.user) };
    for (const [verb, data] of [
      ["survey_open", { value: invitation.id }],
      ["survey_card", { value: invitation.id }],
      ["survey_submit", teamsActionData(completeVensterAnswers, invitation.id)],
    ] as const) {
      const response = await bed.post(
        adaptiveCardAction(
          seeded.verzekeraar.user,
          { verb, data },
          { serviceUrl: bed.connector.url, ...where },
        ),
      );
      expect(response.status).toBe(200);
      expect(json(response.body)).toContain("This survey was not sent to you");
    }
    expect(
      await db.select().from(answerRevisions).where(eq(answerRevisions.invitationId, invitation.id)),
    ).toEqual([]);
  });
});
