import { and, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWave } from "../../src/app/waves/create-wave.js";
import { openWave } from "../../src/app/waves/open-wave.js";
import type { RunningApp } from "../../src/app-runtime.js";
import {
  answerRevisions,
  invitations,
  localMessages,
  meetings,
  memberships,
  platformIdentities,
} from "../../src/db/schema.js";
import { nextWorkingDay, nonWorkingDay } from "../../src/domain/dutch-holidays.js";
import { openIsolatedTestDatabase, testDatabaseKind, useTestDatabase } from "../support/database.js";
import { createOrganisation, createPerson, createRegion, uniqueKey } from "../support/factories.js";
import { linkEveryoneLocally, localApi, localChannelOf, startLocalApp } from "../support/local-app.js";
import { startTeamsBed } from "../support/teams-bed.js";
import { completeVensterAnswers, teamsActionData } from "../support/venster-answers.js";

// Its own database: this file runs an outbox worker, which must only see this file's messages.
const database = useTestDatabase({ isolated: true });

const textOf = (value: unknown) => JSON.stringify(value);
/**
 * A working day ahead as the command grammar reads it (dd-mm-jjjj): planning on a weekend day or holiday
 * asks for confirmation first.
 */
const dutchDateInDays = (days: number) => {
  const day = nextWorkingDay(new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10));
  const [year, month, date] = day.split("-");
  return `${date}-${month}-${year}`;
};

describe("local mode: the local messenger and the /local API", () => {
  let app: RunningApp;
  let region: Awaited<ReturnType<typeof createRegion>>;
  let contact: Awaited<ReturnType<typeof createPerson>>;
  let chair: Awaited<ReturnType<typeof createPerson>>;
  let waveName: string;

  beforeAll(async () => {
    const { db } = database.current;
    app = await startLocalApp(database.current);
    region = await createRegion(db);
    const gemeente = await createOrganisation(db, { type: "gemeente", activeIn: [region.id] });
    const secretariaat = await createOrganisation(db, { type: "overig", activeIn: [region.id] });
    contact = await createPerson(db);
    chair = await createPerson(db);
    await db.insert(memberships).values([
      {
        personId: contact.id,
        organisationId: gemeente.id,
        regionId: region.id,
        role: "ambtelijk",
        activeFrom: "2024-01-01",
      },
      {
        personId: chair.id,
        organisationId: secretariaat.id,
        regionId: region.id,
        role: "ambtelijk",
        activeFrom: "2024-01-01",
        isChair: true,
      },
    ]);
    await linkEveryoneLocally(app);
    waveName = uniqueKey("Venster lokaal");
    await createWave(db, {
      surveyKey: "venster",
      name: waveName,
      opensAt: new Date(Date.now() - 3600_000),
      closesAt: new Date(Date.now() + 14 * 86_400_000),
    });
  });
  afterAll(async () => {
    await app?.stop();
  });

  const invitationCardOf = async (personId: string) => {
    const { messages } = await localApi(app.url, personId).messages();
    const card = messages.find((m) => m.author === "bot" && textOf(m.card).includes("survey_open"));
    if (!card) throw new Error("no invitation card on /local");
    return card;
  };

  it("gives every person a local identity, once", async () => {
    await linkEveryoneLocally(app);
    const identities = await database.current.db
      .select()
      .from(platformIdentities)
      .where(eq(platformIdentities.personId, contact.id));
    expect(identities).toMatchObject([{ platform: "local", workspaceId: "local", userId: contact.id }]);
  });

  it("delivers the survey invitation to the local messenger when the worker runs", async () => {
    const ctx = app.ctx;
    await openWave(ctx.db, waveName, { now: ctx.now(), timeZone: ctx.timeZone });
    await app.worker?.drain(0);
    const card = await invitationCardOf(contact.id);
    expect(card).toMatchObject({ conversation: "dm", author: "bot" });
    expect(card.card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    expect(textOf(card.card)).toContain("Invullen");
    expect(textOf(card.card)).toContain(region.name);
    // The chair is no financier: no invitation for them.
    const chairs = await localApi(app.url, chair.id).messages();
    expect(chairs.messages.some((m) => textOf(m.card).includes("survey_open"))).toBe(false);
  });

  it("answers the survey through the card actions: errors inline, a double submit stored once, the card updated", async () => {
    const api = localApi(app.url, contact.id);
    const card = await invitationCardOf(contact.id);
    const [invitation] = await database.current.db
      .select()
      .from(invitations)
      .where(eq(invitations.personId, contact.id));
    if (!invitation) throw new Error("no invitation");

    const opened = await api.act(card.id, "survey_open", { value: invitation.id });
    expect(opened.status).toBe(200);
    expect(textOf(opened.body.card)).toContain("agenda_tevreden");

    const incomplete = await api.act(card.id, "survey_submit", {
      invitationId: invitation.id,
      agenda_tevreden: "true",
    });
    expect(incomplete.status).toBe(200);
    expect(textOf(incomplete.body.card)).toContain("Controleer deze 5 antwoorden");

    const data = teamsActionData(completeVensterAnswers, invitation.id);
    const requestId = crypto.randomUUID();
    // A double click: the same request twice at once, and once more as a new request with the same answers.
    const [first, again] = await Promise.all([
      api.act(card.id, "survey_submit", data, requestId),
      api.act(card.id, "survey_submit", data, requestId),
    ]);
    const third = await api.act(card.id, "survey_submit", data);
    for (const answer of [first, again, third]) {
      expect(answer.status).toBe(200);
      expect(textOf(answer.body.card)).toContain("Ingevuld op");
    }
    const revisions = await database.current.db
      .select()
      .from(answerRevisions)
      .where(eq(answerRevisions.invitationId, invitation.id));
    expect(revisions).toMatchObject([{ revision: 1, submittedVia: "local" }]);

    // The stored card becomes "ingevuld" once the outbox has run, with a new version for the page to notice.
    await app.worker?.drain(0);
    const changed = await api.messages(card.version);
    const updated = changed.messages.find((m) => m.id === card.id);
    expect(textOf(updated?.card)).toContain("Ingevuld op");
    expect(updated?.version).toBeGreaterThan(card.version);
  });

  it("runs a chair's commands typed in the region's local channel and stores the replies there", async () => {
    const { db } = database.current;
    const channel = await localChannelOf(db, region.slug);
    const api = localApi(app.url, chair.id);
    const planned = await api.type(`overleg plan ${dutchDateInDays(30)} 14:00 Stadhuis`, channel.id);
    expect(planned.status).toBe(201);
    const added = await api.type("agenda add Wachtlijsten jeugdzorg", channel.id);
    expect(added.status).toBe(201);
    const { messages } = await api.messages();
    const inChannel = messages.filter((m) => m.conversation === channel.id);
    expect(textOf(inChannel[1]?.card)).toContain("Stadhuis");
    expect(inChannel.map((m) => m.author)).toEqual(["person", "bot", "person", "bot"]);
    expect(inChannel[2]?.text).toBe("agenda add Wachtlijsten jeugdzorg");
    expect(textOf(inChannel[3]?.card)).toContain("Wachtlijsten jeugdzorg");
    // The contact person, in the same region, sees the channel too (and not the chair's private replies).
    const theirs = await localApi(app.url, contact.id).messages();
    const seen = theirs.messages.filter((m) => m.conversation === channel.id);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThanOrEqual(inChannel.length);
  });

  it("asks before planning on a Saturday, and plans once the chair presses Ja, plannen", async () => {
    const { db } = database.current;
    const channel = await localChannelOf(db, region.slug);
    const api = localApi(app.url, chair.id);
    let saturday = DateTime.now().setZone("Europe/Amsterdam").plus({ days: 40 });
    // A plain Saturday, not one that is also a holiday (the card would name the holiday).
    while (nonWorkingDay(saturday.toISODate() as string)?.name.nl !== "een zaterdag")
      saturday = saturday.plus({ days: 1 });
    const typed = await api.type(`overleg plan ${saturday.toFormat("dd-MM-yyyy")} 10:00`, channel.id);
    expect(typed.status).toBe(201);
    const { messages } = await api.messages();
    const question = messages.findLast((m) => m.author === "bot" && m.conversation === channel.id);
    const day = saturday.setLocale("nl-NL").toFormat("d MMMM yyyy");
    expect(textOf(question?.card)).toContain(`${day} is een zaterdag. Toch plannen?`);
    if (!question) throw new Error("no question");
    type Execute = { verb: string; title: string; data: Record<string, unknown> };
    const actions = (question.card as { actions?: Execute[] } | null)?.actions;
    expect(actions?.map((a) => a.title)).toEqual(["Ja, plannen", "Annuleren"]);
    const startsAt = saturday.set({ hour: 10, minute: 0, second: 0, millisecond: 0 }).toJSDate();
    const plannedOn = () =>
      db
        .select()
        .from(meetings)
        .where(and(eq(meetings.regionId, region.id), eq(meetings.startsAt, startsAt)));
    expect(await plannedOn()).toHaveLength(0);
    const [confirm] = actions ?? [];
    if (!confirm) throw new Error("no confirm button");
    const pressed = await api.act(question.id, confirm.verb, confirm.data);
    expect(pressed.status).toBe(200);
    expect(await plannedOn()).toHaveLength(1);
    // The answer takes the question's place in the card.
    expect(textOf(pressed.body.card)).toContain(`Overleg gepland op ${day} om 10:00`);
  });

  it("answers a line in the chat with the bot, and a resent line only once", async () => {
    const api = localApi(app.url, chair.id);
    const requestId = crypto.randomUUID();
    const first = await api.type("help", "dm", requestId);
    const again = await api.type("help", "dm", requestId);
    expect([first.status, again.status]).toEqual([201, 200]);
    const { messages } = await api.messages();
    const helpLines = messages.filter((m) => m.conversation === "dm" && m.text === "help");
    expect(helpLines).toHaveLength(1);
    const reply = messages[messages.indexOf(helpLines[0] as (typeof messages)[number]) + 1];
    expect(reply?.author).toBe("bot");
    expect(textOf(reply?.card)).toContain("agenda");
  });

  it("answers a line with U+0000 politely, and stores it with the replacement character", async () => {
    const api = localApi(app.url, contact.id);
    const typed = await api.type("hulpvraag meer\u0000tijd");
    expect(typed.status).toBe(201);
    const { messages } = await api.messages();
    const line = messages.findIndex((m) => m.text === "hulpvraag meer\ufffdtijd");
    expect(line).toBeGreaterThanOrEqual(0);
    expect(textOf(messages[line + 1]?.card)).toContain("dit teken kan niet worden opgeslagen");
  });

  it("escapes what people type: a line is stored and returned as text, never as markup", async () => {
    const api = localApi(app.url, contact.id);
    await api.type("<img src=x onerror=alert(1)>");
    const { messages } = await api.messages();
    expect(messages.some((m) => m.text === "<img src=x onerror=alert(1)>")).toBe(true);
    const page = await fetch(`${app.url}/local/${contact.id}`).then((r) => r.text());
    expect(page).not.toContain("<img src=x");
  });

  it("lists every person with their organisation, region and role, in Dutch or English", async () => {
    const nl = await fetch(`${app.url}/local`);
    expect(nl.status).toBe(200);
    const page = await nl.text();
    expect(page).toContain('<html lang="nl">');
    expect(page).toContain(`href="/local/${chair.id}"`);
    expect(page).toContain("voorzitter");
    const en = await fetch(`${app.url}/local?lang=en`).then((r) => r.text());
    expect(en).toContain('<html lang="en">');
    expect(en).toContain("chair");
    expect(nl.headers.get("content-security-policy")).toContain("script-src 'self'");
    const root = await fetch(`${app.url}/`, { redirect: "manual" });
    expect(root.headers.get("location")).toBe("/local");
  });

  it("serves the page's own assets and the renderers, and nothing else under /local/assets", async () => {
    const renderer = await fetch(`${app.url}/local/assets/adaptivecards.js`);
    expect(renderer.status).toBe(200);
    expect(renderer.headers.get("content-type")).toContain("text/javascript");
    expect(await renderer.text()).toContain("AdaptiveCard");
    for (const name of ["constructor", "__proto__", "..%2Fpackage.json", "nope.js"]) {
      expect((await fetch(`${app.url}/local/assets/${name}`)).status).toBe(404);
    }
  });

  it("tells about an unknown person politely, with a 404, in the page's language", async () => {
    const unknown = crypto.randomUUID();
    const page = await fetch(`${app.url}/local/${unknown}`);
    expect(page.status).toBe(404);
    expect(await page.text()).toContain("Persoon niet gevonden");
    const english = await fetch(`${app.url}/local/not-a-person?lang=en`);
    expect(english.status).toBe(404);
    expect(await english.text()).toContain("Person not found");
    const api = await localApi(app.url, unknown).type("help");
    expect(api.status).toBe(404);
    expect(api.body.error).toContain("kennen we niet");
  });

  it("refuses a malformed request, and a message that is not the person's", async () => {
    const bad = await fetch(`${app.url}/local/api/people/${contact.id}/actions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ requestId: "x", verb: "drop_tables" }),
    });
    expect(bad.status).toBe(400);
    const broken = await fetch(`${app.url}/local/api/people/${contact.id}/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(broken.status).toBe(400);
    const card = await invitationCardOf(contact.id);
    const other = await localApi(app.url, chair.id).act(card.id, "survey_open", {
      value: crypto.randomUUID(),
    });
    expect(textOf(other.body.card)).toContain("hoort niet bij u");
    const stored = await database.current.db
      .select()
      .from(localMessages)
      .where(eq(localMessages.id, card.id));
    expect(stored).toHaveLength(1);
  });
});

describe("local mode when the database is down", () => {
  it("answers 'try again' politely (503) and loses nothing", async () => {
    // A database of its own: start-up in local mode links everyone in it, and this one is closed under the app.
    const isolated = await openIsolatedTestDatabase();
    const own = isolated.database;
    const app = await startLocalApp(own);
    const person = await createPerson(own.db);
    await own.close();
    try {
      const page = await fetch(`${app.url}/local`);
      expect(page.status).toBe(503);
      expect(await page.text()).toContain("Probeer het over een paar minuten opnieuw");
      const api = await localApi(app.url, person.id).type("help");
      expect(api.status).toBe(503);
      expect(api.body.error).toContain("niets verloren");
    } finally {
      await app.stop();
      // Closed above already; on PostgreSQL the server's database is still to be dropped.
      if (testDatabaseKind === "postgres") await isolated.drop();
    }
  });
});

describe("outside local mode", () => {
  it("has no /local, and / does not lead there", async () => {
    const bed = await startTeamsBed(database.current, { withSlack: true });
    try {
      expect((await fetch(`${bed.app.url}/local`)).status).toBe(404);
      expect((await fetch(`${bed.app.url}/local/assets/local.js`)).status).toBe(404);
      const root = await fetch(`${bed.app.url}/`, { redirect: "manual" });
      expect(root.headers.get("location")).not.toBe("/local");
    } finally {
      await bed.close();
    }
  });
});
