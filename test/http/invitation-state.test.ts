import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAnswer } from "../../src/app/survey/record-answer.js";
import { createWave } from "../../src/app/waves/create-wave.js";
import { openWave } from "../../src/app/waves/open-wave.js";
import type { RunningApp } from "../../src/app-runtime.js";
import type { LocalMessageView } from "../../src/bot/local/local-chat.js";
import { answerRevisions, invitations, memberships, people, waves } from "../../src/db/schema.js";
import { openIsolatedTestDatabase, useTestDatabase } from "../support/database.js";
import { createOrganisation, createPerson, createRegion, uniqueKey } from "../support/factories.js";
import { linkEveryoneLocally, localApi, startLocalApp } from "../support/local-app.js";
import { completeVensterAnswers, teamsActionData } from "../support/venster-answers.js";

/*
 * An invitation card shows the state of its invitation when it is delivered and whenever it is rendered again
 * (issue 12): someone who answered before their card arrived sees "ingevuld" and what they answered, never
 * "Invullen" (which reads as "your answer was lost").
 */

// Its own database: this file runs an outbox worker, which must only see this file's messages.
const database = useTestDatabase({ isolated: true });

const textOf = (value: unknown) => JSON.stringify(value);
/** The labels of the card's buttons. */
const buttonsOf = (card: unknown) =>
  ((card as { actions?: { title: string }[] } | null)?.actions ?? []).map((a) => a.title);
const invitationCardIn = (messages: LocalMessageView[]) =>
  messages.find((m) => m.author === "bot" && textOf(m.card).includes("survey_open"));

describe("the invitation card shows its current state", () => {
  let app: RunningApp;
  let answered: Awaited<ReturnType<typeof createPerson>>;
  let open: Awaited<ReturnType<typeof createPerson>>;
  let answeredInvitation: string;

  beforeAll(async () => {
    const { db } = database.current;
    app = await startLocalApp(database.current);
    const region = await createRegion(db);
    const gemeente = await createOrganisation(db, { type: "gemeente", activeIn: [region.id] });
    answered = await createPerson(db);
    open = await createPerson(db);
    await db.insert(memberships).values(
      [answered, open].map((person) => ({
        personId: person.id,
        organisationId: gemeente.id,
        regionId: region.id,
        role: "ambtelijk" as const,
        activeFrom: "2024-01-01",
      })),
    );
    await linkEveryoneLocally(app);
    const name = uniqueKey("Venster status");
    await createWave(db, {
      surveyKey: "venster",
      name,
      opensAt: new Date(Date.now() - 3600_000),
      closesAt: new Date(Date.now() + 14 * 86_400_000),
    });
    const ctx = app.ctx;
    await openWave(ctx.db, name, { now: ctx.now(), timeZone: ctx.timeZone });
    // One person answers (on another platform) before the worker has delivered their invitation.
    const [invitation] = await db.select().from(invitations).where(eq(invitations.personId, answered.id));
    answeredInvitation = invitation?.id ?? "";
    const result = await recordAnswer(db, {
      personId: answered.id,
      invitationId: answeredInvitation,
      raw: completeVensterAnswers,
      via: "teams",
      now: ctx.now(),
      timeZone: ctx.timeZone,
    });
    expect(result.ok).toBe(true);
    await app.worker?.drain(0);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("delivers the answered card, with a receipt of the answers, to someone who answered before it arrived", async () => {
    const card = invitationCardIn((await localApi(app.url, answered.id).messages()).messages)?.card;
    expect(textOf(card)).toContain("Ingevuld op");
    expect(buttonsOf(card)).toEqual(["Wijzigen"]);
    // The receipt: every answer given, under its question, in the person's language.
    const receipt = textOf(card);
    expect(receipt).toContain("Uw antwoorden");
    expect(receipt).toContain("Bent u tevreden over de samenwerking wat betreft de agenda?");
    expect(receipt).toContain("Welke ondersteuning is nodig?");
    expect(receipt).toContain("Procesbegeleiding bij de inkoop");
    // The citizen number was masked when stored; the receipt shows what was stored.
    expect(receipt).not.toContain("111222333");
  });

  it("delivers the open card to someone who has not answered", async () => {
    const card = invitationCardIn((await localApi(app.url, open.id).messages()).messages)?.card;
    expect(buttonsOf(card)).toEqual(["Invullen"]);
    expect(textOf(card)).not.toContain("Uw antwoorden");
  });

  it("renders the answered card with its receipt when the card asks for its current state", async () => {
    const api = localApi(app.url, open.id);
    const message = invitationCardIn((await api.messages()).messages);
    const [invitation] = await database.current.db
      .select()
      .from(invitations)
      .where(eq(invitations.personId, open.id));
    const saved = await api.act(
      message?.id ?? "",
      "survey_submit",
      teamsActionData({ ...completeVensterAnswers, agenda_toelichting: "Prima" }, invitation?.id ?? ""),
    );
    expect(textOf(saved.body.card)).toContain("Uw antwoorden");
    const shown = await api.act(message?.id ?? "", "survey_card", { value: invitation?.id ?? "" });
    expect(shown.status).toBe(200);
    expect(textOf(shown.body.card)).toContain("Ingevuld op");
    expect(textOf(shown.body.card)).toContain("Prima");
    expect(buttonsOf(shown.body.card)).toEqual(["Wijzigen"]);
  });
});

describe("the demo data after seeding", () => {
  let isolated: Awaited<ReturnType<typeof openIsolatedTestDatabase>>;
  let app: RunningApp;

  beforeAll(async () => {
    isolated = await openIsolatedTestDatabase();
    app = await startLocalApp(isolated.database, { seedDemo: true });
    await app.worker?.drain(0);
  }, 120_000);
  afterAll(async () => {
    await app?.stop();
    await isolated?.drop();
  });

  it("shows everyone who answered this year's wave the answered card, and the others Invullen", {
    timeout: 60_000,
  }, async () => {
    const { db } = isolated.database;
    const [wave] = await db.select().from(waves).where(eq(waves.status, "open"));
    const invited = await db
      .select({ personId: invitations.personId, invitationId: invitations.id, name: people.name })
      .from(invitations)
      .innerJoin(people, eq(people.id, invitations.personId))
      .where(eq(invitations.waveId, wave?.id ?? ""));
    const answeredIds = new Set(
      (
        await db
          .selectDistinct({ id: answerRevisions.invitationId })
          .from(answerRevisions)
          .where(
            and(
              inArray(
                answerRevisions.invitationId,
                invited.map((i) => i.invitationId),
              ),
            ),
          )
      ).map((r) => r.id),
    );
    expect(answeredIds.size).toBeGreaterThan(10);
    const seen = { answered: 0, open: 0 };
    for (const invitation of invited) {
      const { messages } = await localApi(app.url, invitation.personId).messages();
      const card = messages.find(
        (m) => m.author === "bot" && textOf(m.card).includes(invitation.invitationId),
      )?.card;
      if (answeredIds.has(invitation.invitationId)) {
        expect(buttonsOf(card), invitation.name).toEqual(["Wijzigen"]);
        expect(textOf(card), invitation.name).toContain("Uw antwoorden");
        seen.answered++;
      } else {
        expect(buttonsOf(card), invitation.name).toEqual(["Invullen"]);
        seen.open++;
      }
    }
    expect(seen.answered).toBe(answeredIds.size);
    expect(seen.open).toBeGreaterThan(0);
  });
});
