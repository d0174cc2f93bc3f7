import { randomBytes } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/db/client.js";
import {
  deliveries,
  handovers,
  memberships,
  organisations,
  platformIdentities,
} from "../../src/db/schema.js";
import { nextWorkingDay } from "../../src/domain/dutch-holidays.js";
import { useTestDatabase } from "../support/database.js";
import { createPerson, uniqueKey } from "../support/factories.js";
import {
  SIGNING_SECRET,
  TEAM_ID as SLACK_TEAM_ID,
  seedSlackRegion,
  startSlackBed,
} from "../support/slack-bed.js";
import { blockActionsPayload, postInteraction, postSlashCommand } from "../support/slack-requests.js";
import {
  adaptiveCardAction,
  channelMessage,
  newAadObjectId,
  personalConversation,
  TEAM_ID as TEAMS_TEAM_ID,
  TEAMS_TENANT_ID,
  type TeamsUser,
} from "../support/teams-activities.js";
import { meet, seedTeamsRegion, startTeamsBed } from "../support/teams-bed.js";

/*
 * The handover workflow of issue 5 (rule 5) end to end, once in Slack and once in Teams, through the real
 * HTTP paths: slash commands and block actions signed as Slack signs them, channel messages with <at>
 * mentions and Action.Execute invokes as Teams posts them; what the bot sends lands in the simulators, and
 * the outbox worker delivers the handover's cards.
 */

// Its own database: this file runs an outbox worker, which must only see this file's messages.
const database = useTestDatabase({ isolated: true });

const ZONE = "Europe/Amsterdam";
const today = () => DateTime.now().setZone(ZONE).startOf("day");
/**
 * The meeting the chair plans: a working day a fortnight ahead or a little more, so none of its reminders is
 * due during the test and planning does not first ask about a weekend day or holiday.
 */
const meetingDay = DateTime.fromISO(nextWorkingDay(today().plus({ days: 14 }).toISODate() as string), {
  zone: ZONE,
});
const dutchDay = (day: DateTime) => day.setLocale("nl-NL").toFormat("d MMMM yyyy");
/** How the cards write the meeting: "donderdag 21 januari 2027 om 14:00". */
const meetingMoment = `${meetingDay.setLocale("nl-NL").toFormat("cccc d MMMM yyyy")} om 14:00`;

const AGENDA_ITEM = "Wachtlijsten GGZ-jeugd";
const AGREEMENT = "Eén gezamenlijk preventieakkoord voor de regio";

/** Every string in a card (Block Kit or Adaptive Card) or a reply: what the person can read, plus ids. */
function strings(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === "object") return Object.values(value).flatMap(strings);
  return [];
}

type Button = { id: string; label: string; value: string };

/** A message the bot sent someone in their DM / personal chat. */
type Received = {
  strings: string[];
  text: string;
  buttons: Button[];
  /** Presses one of the message's buttons as its recipient; resolves with what the bot answered. */
  press(button: Button): Promise<string>;
};

type Who = { personId: string; name: string };

/** One platform's way to run the scenario; the scenario itself is the same for both. */
type Harness = {
  region: { id: string; name: string; slug: string };
  chairs: [Who, Who];
  predecessor: Who;
  successor: Who;
  insurer: Who;
  /** A contact person who does not chair, and the refusal they should get, in their language. */
  contact: Who & { refusal: (region: string, chairs: string[]) => string };
  /** Everyone else at the table, whom the briefing should list. */
  others: Who[];
  /** How the start command names the predecessor and the successor on this platform. */
  name(who: Who, how: "mention" | "email"): string;
  say(as: Who, text: string): Promise<string>;
  inbox(of: Who): Received[];
  drain(): Promise<void>;
  close(): Promise<void>;
};

type Scenario = {
  platform: "slack" | "teams";
  setup(database: Database): Promise<Harness>;
  /** How the leaving contact is named; the successor is always an @-mention. */
  predecessorBy: "mention" | "email";
  /** The handover day in days from today; undefined: the command leaves the date out (today). */
  handoverInDays: number | undefined;
};

/** Reads until `done` holds: the outbox marks a row sent just after the platform accepted it. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const dutchRefusal = (region: string, chairs: string[]) =>
  `Alleen de voorzitter van ${region} kan overleggen, de agenda, afspraken, onderwerpen en overdrachten wijzigen. ${
    chairs.length > 1 ? `Voorzitters zijn ${chairs.join(" en ")}` : `Voorzitter is ${chairs[0]}`
  }.`;
const englishRefusal = (region: string, chairs: string[]) =>
  `Only the chair of ${region} can change meetings, the agenda, agreements, topics and handovers. ${
    chairs.length > 1 ? `The chairs are ${chairs.join(" and ")}` : `The chair is ${chairs[0]}`
  }.`;

/** The organisation a person sits at the table for (their first seat). */
async function seatOf(database: Database, personId: string) {
  const [seat] = await database.db
    .select({ organisationId: memberships.organisationId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.personId, personId));
  if (!seat) throw new Error(`no seat for ${personId}`);
  return seat;
}

/** A second chair for the same (secretariat) organisation as the first. */
async function addSecondChair(database: Database, regionId: string, firstChairId: string) {
  const { organisationId } = await seatOf(database, firstChairId);
  // "Tweede …" sorts after the seeded "Persoon …", in every collation.
  const person = await createPerson(database.db, { name: `Tweede voorzitter ${uniqueKey("p")}` });
  await database.db.insert(memberships).values({
    personId: person.id,
    organisationId,
    regionId,
    role: "ambtelijk",
    activeFrom: "2026-01-01",
    isChair: true,
  });
  return person;
}

async function setupSlack(database: Database): Promise<Harness> {
  const bed = await startSlackBed(database);
  const { sim } = bed;
  const seeded = await seedSlackRegion(database, sim);
  const slackUser = new Map<string, string>();
  const link = async (personId: string, email: string) => {
    const userId = `U${randomBytes(5).toString("hex").toUpperCase()}`;
    await database.db
      .insert(platformIdentities)
      .values({ personId, platform: "slack", workspaceId: SLACK_TEAM_ID, userId });
    sim.addUser({ id: userId, teamId: SLACK_TEAM_ID, email });
    return userId;
  };
  for (const m of [seeded.gemeente, seeded.verzekeraar, seeded.chair, seeded.aanbieder])
    slackUser.set(m.person.id, m.userId);
  const secondChair = await addSecondChair(database, seeded.region.id, seeded.chair.person.id);
  slackUser.set(secondChair.id, await link(secondChair.id, secondChair.email));
  // Imported as a contact person and known in the workspace, but without a seat yet.
  const successor = await createPerson(database.db, { name: `Opvolger ${uniqueKey("p")}` });
  slackUser.set(successor.id, await link(successor.id, successor.email));
  const emails = new Map([
    [seeded.gemeente.person.id, seeded.gemeente.person.email],
    [successor.id, successor.email],
  ]);

  const channelId = `C${randomBytes(5).toString("hex").toUpperCase()}`;
  const userIdOf = (who: Who) => {
    const id = slackUser.get(who.personId);
    if (!id) throw new Error(`${who.name} has no Slack user`);
    return id;
  };
  const who = (p: { id: string; name: string }): Who => ({ personId: p.id, name: p.name });

  return {
    region: seeded.region,
    chairs: [who(seeded.chair.person), who(secondChair)],
    predecessor: who(seeded.gemeente.person),
    successor: who(successor),
    insurer: who(seeded.verzekeraar.person),
    contact: { ...who(seeded.aanbieder.person), refusal: dutchRefusal },
    others: [seeded.chair.person, secondChair, seeded.verzekeraar.person, seeded.aanbieder.person].map(who),
    name(person, how) {
      if (how === "mention") {
        // Slack escapes mentions in a slash command's text as <@U…|name> (should_escape in the manifest).
        return `<@${userIdOf(person)}|${person.name.split(" ")[0]?.toLowerCase()}>`;
      }
      const email = emails.get(person.personId);
      // …and an e-mail address as a mailto link.
      return `<mailto:${email}|${email}>`;
    },
    async say(as, text) {
      const response = await postSlashCommand(bed.eventsUrl, SIGNING_SECRET, {
        text,
        user_id: userIdOf(as),
        team_id: SLACK_TEAM_ID,
        channel_id: channelId,
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { text?: string; blocks?: unknown[] };
      return [body.text ?? "", ...strings(body.blocks ?? [])].join("\n");
    },
    inbox(of) {
      const userId = userIdOf(of);
      const dm = sim.dmChannelFor(userId, SLACK_TEAM_ID);
      return sim.messages(dm).map((message) => {
        const all = [message.text ?? "", ...strings(message.blocks ?? [])];
        const buttons: Button[] = [];
        const visit = (value: unknown) => {
          if (Array.isArray(value)) return void value.forEach(visit);
          if (!value || typeof value !== "object") return;
          const element = value as {
            type?: string;
            action_id?: string;
            value?: string;
            text?: { text?: string };
          };
          if (element.type === "button" && element.action_id)
            buttons.push({
              id: element.action_id,
              label: element.text?.text ?? "",
              value: element.value ?? "",
            });
          Object.values(value).forEach(visit);
        };
        visit(message.blocks);
        return {
          strings: all,
          text: all.join("\n"),
          buttons,
          async press(button) {
            const before = sim.callsTo("chat.postEphemeral").length + sim.callsTo("chat.postMessage").length;
            const response = await postInteraction(
              bed.eventsUrl,
              SIGNING_SECRET,
              blockActionsPayload({
                userId,
                teamId: SLACK_TEAM_ID,
                actionId: button.id,
                value: button.value,
                channelId: dm,
                messageTs: message.ts,
              }),
            );
            expect(response.status).toBe(200);
            const answers = await eventually(
              async () => [...sim.callsTo("chat.postEphemeral"), ...sim.callsTo("chat.postMessage")],
              (calls) => calls.length > before,
            );
            const answer = answers.sort((a, b) => a.at - b.at).at(-1);
            return String(answer?.args.text ?? "");
          },
        };
      });
    },
    async drain() {
      await bed.app.worker?.drain(0);
    },
    close: () => bed.close(),
  };
}

async function setupTeams(database: Database): Promise<Harness> {
  const bed = await startTeamsBed(database);
  const { connector } = bed;
  const seeded = await seedTeamsRegion(bed, database);
  const teamsUser = new Map<string, TeamsUser>();
  for (const m of [seeded.gemeente, seeded.verzekeraar, seeded.chair]) teamsUser.set(m.person.id, m.user);
  // The gemeente and verzekeraar contacts installed the app; the chair only ever talks to it in the channel.
  await meet(bed, seeded.gemeente.user);
  await meet(bed, seeded.verzekeraar.user);
  const secondChair = await addSecondChair(database, seeded.region.id, seeded.chair.person.id);
  const secondChairUser = connector.registerUser({
    aadObjectId: newAadObjectId(),
    name: secondChair.name,
    email: secondChair.email,
    tenantId: TEAMS_TENANT_ID,
  });
  teamsUser.set(secondChair.id, secondChairUser);
  await meet(bed, secondChairUser);
  // Imported with their Teams ids (the AAD object id) but never in touch with the bot: the briefing has to
  // open a 1:1 chat with them.
  const successor = await createPerson(database.db, { name: `Opvolger ${uniqueKey("p")}` });
  const successorUser = connector.registerUser({
    aadObjectId: newAadObjectId(),
    name: successor.name,
    email: successor.email,
    tenantId: TEAMS_TENANT_ID,
  });
  await database.db.insert(platformIdentities).values({
    personId: successor.id,
    platform: "teams",
    workspaceId: TEAMS_TENANT_ID,
    userId: successorUser.aadObjectId,
  });
  teamsUser.set(successor.id, successorUser);
  const emails = new Map([
    [seeded.gemeente.person.id, seeded.gemeente.person.email],
    [successor.id, successor.email],
  ]);

  const channelId = `19:${randomBytes(16).toString("hex")}@thread.tacv2`;
  const userOf = (who: Who) => {
    const user = teamsUser.get(who.personId);
    if (!user) throw new Error(`${who.name} has no Teams user`);
    return user;
  };
  const who = (p: { id: string; name: string }): Who => ({ personId: p.id, name: p.name });
  const readable = (activity: { text?: string; attachments?: { content?: unknown }[] }) => [
    activity.text ?? "",
    ...strings((activity.attachments ?? []).map((a) => a.content)),
  ];

  return {
    region: seeded.region,
    chairs: [who(seeded.chair.person), who(secondChair)],
    predecessor: who(seeded.gemeente.person),
    successor: who(successor),
    insurer: who(seeded.verzekeraar.person),
    contact: { ...who(seeded.verzekeraar.person), refusal: englishRefusal },
    others: [seeded.chair.person, secondChair, seeded.verzekeraar.person].map(who),
    name(person, how) {
      // Teams writes a mention as <at>display name</at>, with a mention entity holding the Teams user id.
      return how === "mention" ? `<at>${userOf(person).name}</at>` : (emails.get(person.personId) ?? "");
    },
    async say(as, text) {
      const activity = channelMessage(userOf(as), text, {
        serviceUrl: connector.url,
        channelId,
        teamId: TEAMS_TEAM_ID,
      });
      const mentioned = [...teamsUser.values()].filter((u) => text.includes(`<at>${u.name}</at>`));
      activity.entities = [
        ...(activity.entities ?? []),
        ...mentioned.map((u) => ({
          type: "mention",
          mentioned: { id: u.teamsUserId, name: u.name },
          text: `<at>${u.name}</at>`,
        })),
      ];
      const before = connector.sent().length;
      const response = await bed.post(activity);
      expect(response.status).toBe(200);
      const reply = await connector.waitForSent(
        (s) => s.replyToActivityId === activity.id && s.conversationId === activity.conversation.id,
      );
      // An answer meant for the one who typed (a listing, a refusal) is in their personal chat; the thread
      // has only a note saying so. The person reads it there.
      const personal = connector
        .sent()
        .slice(before)
        .filter((s) => s.conversationId === connector.personalConversationId(userOf(as)));
      if (personal.length === 0) return readable(reply.activity).join("\n");
      expect(reply.activity.text).toMatch(/privébericht|private message/);
      expect(personal).toHaveLength(1);
      return readable((personal[0] as (typeof personal)[number]).activity).join("\n");
    },
    inbox(of) {
      const user = userOf(of);
      return connector.sentTo(connector.personalConversationId(user)).map((sent) => {
        const all = readable(sent.activity);
        const buttons: Button[] = [];
        const visit = (value: unknown) => {
          if (Array.isArray(value)) return void value.forEach(visit);
          if (!value || typeof value !== "object") return;
          const element = value as {
            type?: string;
            verb?: string;
            title?: string;
            data?: { value?: unknown };
          };
          if (element.type === "Action.Execute" && element.verb && element.title)
            buttons.push({
              id: element.verb,
              label: element.title,
              value: String(element.data?.value ?? ""),
            });
          Object.values(value).forEach(visit);
        };
        visit(sent.activity.attachments?.map((a) => a.content));
        return {
          strings: all,
          text: all.join("\n"),
          buttons,
          async press(button) {
            const response = await bed.post(
              adaptiveCardAction(
                user,
                { verb: button.id, data: { value: button.value } },
                {
                  serviceUrl: connector.url,
                  replyToId: sent.id,
                  conversation: personalConversation(user),
                },
              ),
            );
            expect(response.status).toBe(200);
            return strings(response.body).join("\n");
          },
        };
      });
    },
    async drain() {
      await bed.app.worker?.drain(0);
    },
    close: () => bed.close(),
  };
}

const scenarios: Scenario[] = [
  // Slack: the leaving contact by e-mail address, a handover day three days ahead.
  { platform: "slack", setup: setupSlack, predecessorBy: "email", handoverInDays: 3 },
  // Teams: both by @-mention, no date (today).
  { platform: "teams", setup: setupTeams, predecessorBy: "mention", handoverInDays: undefined },
];

describe.each(scenarios)("the handover flow end to end in $platform", (scenario) => {
  let h: Harness;
  const db = () => database.current.db;
  const handoverDay = today().plus({ days: scenario.handoverInDays ?? 0 });
  const handoverOn = handoverDay.toISODate() as string;

  beforeAll(async () => {
    h = await scenario.setup(database.current);
  });
  afterAll(async () => {
    await h?.close();
  });

  const handoverRows = () => db().select().from(handovers).where(eq(handovers.regionId, h.region.id));
  async function theHandover() {
    const rows = await handoverRows();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    if (!row) throw new Error("no handover");
    return row;
  }
  const messagesOf = (handoverId: string) =>
    db()
      .select()
      .from(deliveries)
      .where(like(deliveries.idempotencyKey, `handover:${handoverId}:%`));
  const organisation = async () => {
    const { organisationId } = await seatOf(database.current, h.predecessor.personId);
    const [row] = await db().select().from(organisations).where(eq(organisations.id, organisationId));
    if (!row) throw new Error("no organisation");
    return row;
  };
  /** What the bot sent someone about this handover (the Teams welcome card and the like left out). */
  const about = (who: Who) => h.inbox(who).filter((m) => m.text.includes(h.successor.name));

  it("1. the chair binds the region channel, plans a meeting, adds an agenda item and an agreement", async () => {
    const [chair] = h.chairs;
    expect(await h.say(chair, `koppel ${h.region.slug}`)).toContain(
      `Dit kanaal is nu het kanaal van regio ${scenario.platform === "teams" ? "**" : "*"}${h.region.name}`,
    );
    const planned = await h.say(chair, `overleg plan ${meetingDay.toFormat("dd-MM-yyyy")} 14:00 Stadhuis`);
    expect(planned).toContain("Overleg gepland op");
    expect(planned).toContain("(Stadhuis)");
    expect(await h.say(chair, `agenda add ${AGENDA_ITEM} #ggz`)).toContain(`Agendapunt 1 toegevoegd`);
    expect(await h.say(chair, `afspraak add ${AGREEMENT} #preventie`)).toContain(
      `Afspraak vastgelegd: ${AGREEMENT}`,
    );
  });

  it(`2. the chair starts the handover, naming the leaving contact (${scenario.predecessorBy}) and the successor (mention)`, async () => {
    const date = scenario.handoverInDays === undefined ? "" : ` ${handoverDay.toFormat("dd-MM-yyyy")}`;
    const reply = await h.say(
      h.chairs[0],
      `overdracht ${h.name(h.predecessor, scenario.predecessorBy)} ${h.name(h.successor, "mention")}${date}`,
    );
    expect(reply).toContain(
      `Overdracht gestart: ${h.successor.name} volgt ${h.predecessor.name} op per ${dutchDay(handoverDay)}.`,
    );
    const handover = await theHandover();
    expect(handover).toMatchObject({
      organisationId: (await organisation()).id,
      predecessorPersonId: h.predecessor.personId,
      successorPersonId: h.successor.personId,
      startedByPersonId: h.chairs[0].personId,
      handoverOn,
      status: "started",
    });
  });

  it("3. the outbox briefs the successor, tasks each chair, informs the insurer; the seats change hands", async () => {
    const handover = await theHandover();
    await h.drain();
    const rows = await eventually(
      () => messagesOf(handover.id),
      (found) => found.filter((r) => r.kind !== "handover-reminder").every((r) => r.status === "sent"),
    );
    const sent = rows.filter((r) => r.kind !== "handover-reminder");
    expect(sent.map((r) => [r.kind, r.personId, r.status]).sort()).toEqual(
      [
        ["handover-briefing", h.successor.personId, "sent"],
        ["handover-notice", h.insurer.personId, "sent"],
        ["handover-task", h.chairs[0].personId, "sent"],
        ["handover-task", h.chairs[1].personId, "sent"],
      ].sort(),
    );
    const org = await organisation();

    // The successor's briefing, in their DM / personal chat.
    const briefings = h.inbox(h.successor);
    expect(briefings).toHaveLength(1);
    const briefing = briefings[0] as Received;
    expect(briefing.text).toContain(`Welkom aan de regiotafel van ${h.region.name}`);
    expect(briefing.text).toContain(`Beste ${h.successor.name}`);
    expect(briefing.text).toContain(org.name);
    // Their organisation's role at the table.
    expect(briefing.text).toContain("Uw rol aan tafel");
    expect(briefing.text).toContain("De gemeente financiert ondersteuning uit de Wmo");
    expect(briefing.text).toContain(AGREEMENT);
    expect(briefing.text).toContain(AGENDA_ITEM);
    expect(briefing.text).toContain(meetingMoment);
    expect(briefing.text).toContain("Stadhuis");
    const contacts = briefing.strings.find((s) => s.includes("Andere contactpersonen"));
    if (!contacts) throw new Error(`no contact persons in the briefing:\n${briefing.text}`);
    for (const other of h.others) expect(contacts).toContain(other.name);
    expect(contacts).not.toContain(h.predecessor.name);
    expect(contacts).not.toContain(h.successor.name);
    expect(briefing.buttons).toEqual([]);

    // Each chair: the task with the "geïntroduceerd" button for this handover.
    for (const chair of h.chairs) {
      const tasks = about(chair);
      expect(tasks).toHaveLength(1);
      const task = tasks[0] as Received;
      expect(task.text).toContain("Taak: stel de nieuwe contactpersoon voor");
      expect(task.text).toContain(`Wilt u ${h.successor.name} voorstellen`);
      expect(task.text).toContain(h.predecessor.name);
      expect(task.text).toContain(meetingMoment);
      // The button is this chair's own: its value names the handover and the chair it was sent to.
      expect(task.buttons.map((b) => ({ ...b, value: JSON.parse(b.value) }))).toEqual([
        {
          id: "handover_introduced",
          label: "Geïntroduceerd",
          value: { handoverId: handover.id, for: chair.personId },
        },
      ]);
    }

    // The zorgverzekeraar's contact (English-speaking): the notice naming both people.
    const notices = about(h.insurer);
    expect(notices).toHaveLength(1);
    const notice = notices[0] as Received;
    expect(notice.text).toContain("Change of contact person");
    expect(notice.text).toContain(h.successor.name);
    expect(notice.text).toContain(h.predecessor.name);
    expect(notice.text).toContain(`${org.name} (Municipality)`);
    expect(notice.text).toContain(handoverDay.setLocale("en-GB").toFormat("d MMMM yyyy"));

    // Nobody else hears of it: not the predecessor, not the other contact persons.
    expect(about(h.predecessor)).toEqual([]);
    for (const other of h.others.filter(
      (o) => o.personId !== h.insurer.personId && !h.chairs.some((c) => c.personId === o.personId),
    ))
      expect(about(other)).toEqual([]);

    // The predecessor's seat ends on the handover day; the successor has one from then on.
    const seats = await db()
      .select()
      .from(memberships)
      .where(eq(memberships.regionId, h.region.id))
      .then((all) => all.filter((s) => [h.predecessor.personId, h.successor.personId].includes(s.personId)));
    expect(
      seats.map((s) => [s.personId, s.organisationId, s.activeFrom, s.activeUntil, s.isChair]).sort(),
    ).toEqual(
      [
        [h.predecessor.personId, org.id, "2026-01-01", handoverOn, false],
        [h.successor.personId, org.id, handoverOn, null, false],
      ].sort(),
    );
  });

  it("4. geïntroduceerd → introduced; `overdracht` lists it; `overdracht klaar 1` twice → briefed, completed", async () => {
    const handover = await theHandover();
    const status = async () => (await theHandover()).status;
    const [chair, secondChair] = h.chairs;
    const [task] = about(chair);
    const [button] = task?.buttons ?? [];
    if (!task || !button) throw new Error("no task card with a button");

    const answer = await task.press(button);
    expect(answer).toContain("Vastgelegd: de opvolger is aan tafel voorgesteld");
    expect(await status()).toBe("introduced");

    const list = await h.say(chair, "overdracht");
    expect(list).toContain(`Lopende overdrachten — ${h.region.name}`);
    expect(list).toContain(
      `1. ${h.predecessor.name} → ${h.successor.name} (${(await organisation()).name}), per ${dutchDay(handoverDay)}: voorgesteld aan tafel`,
    );

    expect(await h.say(chair, "overdracht klaar 1")).toContain("Overdracht 1: ingewerkt.");
    expect(await status()).toBe("briefed");
    // Until completed, the reminders to the chairs stay pending.
    expect(
      (await messagesOf(handover.id)).filter((r) => r.kind === "handover-reminder").map((r) => r.status),
    ).toEqual(Array(6).fill("pending"));

    expect(await h.say(chair, "overdracht klaar 1")).toContain("Overdracht 1: afgerond.");
    const completed = await theHandover();
    expect(completed.status).toBe("completed");
    expect(completed.completedAt).toBeInstanceOf(Date);

    const rows = await messagesOf(handover.id);
    const reminders = rows.filter((r) => r.kind === "handover-reminder");
    // Three reminders (after 7, 14 and 21 days) for each of the two chairs, all cancelled now.
    expect(reminders.map((r) => r.personId).sort()).toEqual(
      [...h.chairs, ...h.chairs, ...h.chairs].map((c) => c.personId).sort(),
    );
    expect(reminders.map((r) => r.status)).toEqual(Array(6).fill("cancelled"));
    expect(rows.filter((r) => r.kind !== "handover-reminder").every((r) => r.status === "sent")).toBe(true);

    // The other chair's task card still has its button: pressing it now does not reopen the handover.
    const [otherTask] = about(secondChair);
    const [otherButton] = otherTask?.buttons ?? [];
    if (!otherTask || !otherButton) throw new Error("no task card for the second chair");
    await otherTask.press(otherButton);
    expect(await status()).toBe("completed");

    expect(await h.say(chair, "overdracht")).toContain("Er lopen geen overdrachten.");
  });

  it("5. a contact person who does not chair is refused politely, with the chairs' names", async () => {
    const before = await db().select({ id: deliveries.id }).from(deliveries);
    const reply = await h.say(
      h.contact,
      `overdracht ${h.name(h.successor, "mention")} ${h.name(h.chairs[1], "mention")}`,
    );
    expect(reply).toContain(
      h.contact.refusal(
        h.region.name,
        h.chairs.map((c) => c.name),
      ),
    );
    // Nothing started, nothing queued, no seat changed.
    expect(await handoverRows()).toHaveLength(1);
    expect(await db().select({ id: deliveries.id }).from(deliveries)).toHaveLength(before.length);
    const chairSeats = await db()
      .select()
      .from(memberships)
      .where(and(eq(memberships.regionId, h.region.id), eq(memberships.personId, h.chairs[1].personId)));
    expect(chairSeats.map((s) => s.activeUntil)).toEqual([null]);
  });
});
