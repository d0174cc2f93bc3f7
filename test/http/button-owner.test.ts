import { and, eq, inArray } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../src/app-runtime.js";
import type { Database } from "../../src/db/client.js";
import {
  agendaItems,
  auditLog,
  localMessages,
  meetings,
  memberships,
  platformIdentities,
} from "../../src/db/schema.js";
import { nextWorkingDay } from "../../src/domain/dutch-holidays.js";
import { useTestDatabase } from "../support/database.js";
import { createOrganisation, createPerson, createRegion, uniqueKey } from "../support/factories.js";
import { linkEveryoneLocally, localApi, localChannelOf, startLocalApp } from "../support/local-app.js";
import {
  SIGNING_SECRET,
  type SlackBed,
  seedSlackRegion,
  startSlackBed,
  TEAM_ID,
} from "../support/slack-bed.js";
import { blockActionsPayload, postInteraction, postSlashCommand } from "../support/slack-requests.js";

/*
 * Issue 12: a button acts only for the person it was meant for. The topic guard asks one chair; another chair
 * of the same table (who may change the agenda themselves) pressing that chair's button is refused politely,
 * and nothing changes. Slack through signed block_actions, /local through its JSON API.
 */

// Its own database: these apps run outbox workers, which must only see this file's messages.
const database = useTestDatabase({ isolated: true });

const ITEM = "Tarieven wijkverpleging 2028";
const REASON = "Mededingingsrecht: geen afspraken over prijzen";
/** A working day two weeks ahead: a meeting on a day off would first ask "Toch plannen?". */
const meetingDay = () =>
  DateTime.fromISO(
    nextWorkingDay(DateTime.now().setZone("Europe/Amsterdam").plus({ days: 14 }).toISODate() ?? ""),
  ).toFormat("dd-MM-yyyy");
const json = (value: unknown) => JSON.stringify(value);

async function agendaOf(db: Database["db"], regionId: string) {
  const rows = await db
    .select({ text: agendaItems.text })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(eq(meetings.regionId, regionId));
  return rows.map((r) => r.text);
}

/** The guard's decisions these people logged (the question itself is logged as "asked"). */
function guardDecisions(db: Database["db"], personIds: string[]) {
  return db
    .select({ action: auditLog.action, actor: auditLog.actorPersonId })
    .from(auditLog)
    .where(
      and(
        inArray(auditLog.actorPersonId, personIds),
        inArray(auditLog.action, ["agenda.guard.confirmed", "agenda.guard.declined"]),
      ),
    );
}

/** A second chair of the region, at the same organisation as the first. */
async function secondChairOf(db: Database["db"], firstChairId: string) {
  const [seat] = await db.select().from(memberships).where(eq(memberships.personId, firstChairId));
  if (!seat) throw new Error("the chair has no seat");
  const person = await createPerson(db, { name: `Tweede voorzitter ${uniqueKey("p")}` });
  await db.insert(memberships).values({
    personId: person.id,
    organisationId: seat.organisationId,
    regionId: seat.regionId,
    role: "ambtelijk",
    activeFrom: "2026-01-01",
    isChair: true,
  });
  return person;
}

describe("in Slack, a button acts only for the person it was meant for", () => {
  let bed: SlackBed;
  let seeded: Awaited<ReturnType<typeof seedSlackRegion>>;
  let secondChairUserId: string;
  let chairs: string[];
  let guardValue: string;
  const channelId = `C${uniqueKey("c").replaceAll("-", "").toUpperCase()}`;

  beforeAll(async () => {
    bed = await startSlackBed(database.current);
    seeded = await seedSlackRegion(database.current, bed.sim);
    const second = await secondChairOf(database.current.db, seeded.chair.person.id);
    chairs = [seeded.chair.person.id, second.id];
    secondChairUserId = `U${uniqueKey("u").replaceAll("-", "").toUpperCase()}`;
    await database.current.db
      .insert(platformIdentities)
      .values({ personId: second.id, platform: "slack", workspaceId: TEAM_ID, userId: secondChairUserId });
    bed.sim.addUser({ id: secondChairUserId, teamId: TEAM_ID, email: second.email });
    for (const line of [
      `koppel ${seeded.region.slug}`,
      `overleg plan ${meetingDay()} 14:00`,
      `onderwerpen verbied tarieven ${REASON}`,
    ]) {
      expect((await command(seeded.chair.userId, line)).status).toBe(200);
    }
    const asked = await command(seeded.chair.userId, `agenda add ${ITEM}`);
    const body = (await asked.json()) as { response_type?: string; blocks?: unknown[] };
    expect(body.response_type).toBe("ephemeral");
    const button = findButton(body.blocks, "agenda_confirm");
    if (!button) throw new Error(`no confirm button in ${json(body)}`);
    guardValue = button;
  });
  afterAll(async () => {
    await bed?.close();
  });

  const command = (userId: string, text: string) =>
    postSlashCommand(bed.eventsUrl, SIGNING_SECRET, {
      text,
      user_id: userId,
      team_id: TEAM_ID,
      channel_id: channelId,
    });

  function findButton(blocks: unknown, actionId: string): string | undefined {
    if (Array.isArray(blocks)) {
      for (const block of blocks) {
        const found = findButton(block, actionId);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (!blocks || typeof blocks !== "object") return undefined;
    const element = blocks as { type?: string; action_id?: string; value?: string };
    if (element.type === "button" && element.action_id === actionId) return element.value;
    return findButton(Object.values(blocks), actionId);
  }

  /** Presses the guard's confirm as `userId`; what the bot then told them (ephemeral) or the channel. */
  async function press(userId: string) {
    const before = bed.sim.callsTo("chat.postEphemeral").length + bed.sim.callsTo("chat.postMessage").length;
    const response = await postInteraction(
      bed.eventsUrl,
      SIGNING_SECRET,
      blockActionsPayload({
        userId,
        teamId: TEAM_ID,
        actionId: "agenda_confirm",
        value: guardValue,
        channelId,
      }),
    );
    expect(response.status).toBe(200);
    const deadline = Date.now() + 5000;
    for (;;) {
      const calls = [...bed.sim.callsTo("chat.postEphemeral"), ...bed.sim.callsTo("chat.postMessage")];
      if (calls.length > before || Date.now() > deadline)
        return calls.sort((a, b) => a.at - b.at).slice(before);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it("refuses another chair pressing the first chair's button, privately and in Dutch; nothing changes", async () => {
    const answers = await press(secondChairUserId);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.method).toBe("chat.postEphemeral");
    expect(answers[0]?.args.user).toBe(secondChairUserId);
    expect(String(answers[0]?.args.text)).toContain("Deze knop is niet voor u bedoeld");
    expect(await agendaOf(database.current.db, seeded.region.id)).toEqual([]);
    expect(await guardDecisions(database.current.db, chairs)).toEqual([]);
  });

  it("lets the chair the question was for confirm it", async () => {
    const answers = await press(seeded.chair.userId);
    expect(json(answers.map((a) => a.args.text))).toContain("toegevoegd na bevestiging");
    expect(await agendaOf(database.current.db, seeded.region.id)).toEqual([ITEM]);
    expect(await guardDecisions(database.current.db, chairs)).toEqual([
      { action: "agenda.guard.confirmed", actor: seeded.chair.person.id },
    ]);
  });
});

describe("on /local, a button acts only for the person it was meant for", () => {
  let app: RunningApp;
  let region: Awaited<ReturnType<typeof createRegion>>;
  let chair: Awaited<ReturnType<typeof createPerson>>;
  let secondChair: Awaited<ReturnType<typeof createPerson>>;
  let channelBindingId: string;

  beforeAll(async () => {
    const { db } = database.current;
    app = await startLocalApp(database.current);
    region = await createRegion(db);
    const secretariaat = await createOrganisation(db, { type: "overig", activeIn: [region.id] });
    chair = await createPerson(db);
    await db.insert(memberships).values({
      personId: chair.id,
      organisationId: secretariaat.id,
      regionId: region.id,
      role: "ambtelijk",
      activeFrom: "2024-01-01",
      isChair: true,
    });
    secondChair = await secondChairOf(db, chair.id);
    await linkEveryoneLocally(app);
    channelBindingId = (await localChannelOf(db, region.slug)).id;
    const api = localApi(app.url, chair.id);
    for (const line of [
      `overleg plan ${meetingDay()} 14:00`,
      `onderwerpen verbied tarieven ${REASON}`,
      `agenda add ${ITEM}`,
    ]) {
      expect((await api.type(line, channelBindingId)).status).toBe(201);
    }
  });
  afterAll(async () => {
    await app?.stop();
  });

  /** The guard's question as stored for the channel: only the chair who asked can see it. */
  async function theQuestion() {
    const rows = await database.current.db
      .select()
      .from(localMessages)
      .where(and(eq(localMessages.channelBindingId, channelBindingId), eq(localMessages.author, "bot")));
    const question = rows.find((r) => json(r.card).includes("agenda_confirm"));
    if (!question) throw new Error("no topic guard question on /local");
    const confirm = (
      question.card as { blocks: { type: string; actions?: { id: string; value: string }[] }[] }
    ).blocks
      .flatMap((b) => b.actions ?? [])
      .find((a) => a.id === "agenda_confirm");
    if (!confirm) throw new Error("no confirm button");
    return { question, value: confirm.value };
  }

  it("refuses another chair who sends the first chair's button from a message they can see; nothing changes", async () => {
    const { question, value } = await theQuestion();
    expect(question.visibleToPersonId).toBe(chair.id);
    const api = localApi(app.url, secondChair.id);
    // A message of the channel the second chair does see: the bot's answer to "overleg plan".
    const { messages } = await api.messages();
    const visible = messages.find((m) => m.conversation === channelBindingId && m.author === "bot");
    if (!visible) throw new Error("the second chair sees nothing in the channel");
    const answer = await api.act(visible.id, "agenda_confirm", { value });
    expect(answer.status).toBe(200);
    expect(json(answer.body.card)).toContain("Deze knop is niet voor u bedoeld");
    expect(await agendaOf(database.current.db, region.id)).toEqual([]);
    expect(await guardDecisions(database.current.db, [chair.id, secondChair.id])).toEqual([]);
  });

  it("lets the chair the question was for confirm it", async () => {
    const { question, value } = await theQuestion();
    const answer = await localApi(app.url, chair.id).act(question.id, "agenda_confirm", { value });
    expect(answer.status).toBe(200);
    expect(json(answer.body.card)).toContain("toegevoegd na bevestiging");
    expect(await agendaOf(database.current.db, region.id)).toEqual([ITEM]);
    expect(await guardDecisions(database.current.db, [chair.id, secondChair.id])).toEqual([
      { action: "agenda.guard.confirmed", actor: chair.id },
    ]);
  });
});
