import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWave } from "../../src/app/waves/create-wave.js";
import { openWave } from "../../src/app/waves/open-wave.js";
import type { RunningApp } from "../../src/app-runtime.js";
import { invitations, memberships } from "../../src/db/schema.js";
import { useTestDatabase } from "../support/database.js";
import { createOrganisation, createPerson, createRegion, uniqueKey } from "../support/factories.js";
import { linkEveryoneLocally, localApi, localChannelOf, startLocalApp } from "../support/local-app.js";
import { completeVensterAnswers, teamsActionData } from "../support/venster-answers.js";

// Its own database: this file runs an outbox worker, which must only see this file's messages.
const database = useTestDatabase({ isolated: true });

const textOf = (value: unknown) => JSON.stringify(value);
const EXPLANATION = "De wethouder van Oost komt nooit naar het overleg";
const SUPPORT = "Procesbegeleiding bij de inkoop";

describe("confidential answers on /local: `samenvatting` asked in the region's channel", () => {
  let app: RunningApp;
  let contact: Awaited<ReturnType<typeof createPerson>>;
  let chair: Awaited<ReturnType<typeof createPerson>>;
  let channel: string;

  beforeAll(async () => {
    const { db } = database.current;
    // A threshold of 1, so that one answer is enough to share the texts with the chair.
    app = await startLocalApp(database.current, { env: { ANONYMITY_THRESHOLD: "1" } });
    const region = await createRegion(db);
    const gemeente = await createOrganisation(db, { type: "gemeente", activeIn: [region.id] });
    const secretariaat = await createOrganisation(db, { type: "overig", activeIn: [region.id] });
    contact = await createPerson(db, { locale: "nl" });
    chair = await createPerson(db, { locale: "en" });
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
    channel = (await localChannelOf(db, region.slug)).id;
    const waveName = uniqueKey("Venster lokaal");
    await createWave(db, {
      surveyKey: "venster",
      name: waveName,
      opensAt: new Date(Date.now() - 3600_000),
      closesAt: new Date(Date.now() + 14 * 86_400_000),
    });
    await openWave(db, waveName, { now: app.ctx.now(), timeZone: app.ctx.timeZone });
    await app.worker?.drain(0);

    const api = localApi(app.url, contact.id);
    const [invitation] = await db.select().from(invitations).where(eq(invitations.personId, contact.id));
    if (!invitation) throw new Error("no invitation");
    const { messages } = await api.messages();
    const card = messages.find((m) => textOf(m.card).includes("survey_open"));
    if (!card) throw new Error("no invitation card");
    const answers = {
      ...completeVensterAnswers,
      agenda_toelichting: EXPLANATION,
      proces_ondersteuning_welke: SUPPORT,
    };
    const submitted = await api.act(card.id, "survey_submit", teamsActionData(answers, invitation.id));
    expect(textOf(submitted.body.card)).toContain("Ingevuld op");

    // A contact person (not a chair) asks for the interim summary in the region's channel.
    expect((await api.type("samenvatting", channel)).status).toBe(201);
    await app.worker?.drain(0);
  });
  afterAll(async () => {
    await app?.stop();
  });

  it("posts counts in the channel, which everyone at the table sees, and no text", async () => {
    const { messages } = await localApi(app.url, contact.id).messages();
    const inChannel = textOf(messages.filter((m) => m.conversation === channel));
    expect(inChannel).toContain("Respons: 1/1 (100%)");
    expect(inChannel).toContain("Proces — 1 antwoord: Anders 1");
    expect(inChannel).not.toContain(EXPLANATION);
    expect(inChannel).not.toContain(SUPPORT);
    // Nor in the contact person's own chat: the texts are for chairs.
    expect(textOf(messages)).not.toContain("Explanations for the chairs");
  });

  it("gives the chair the texts in their own chat, in their language, without the writer's name", async () => {
    const { messages } = await localApi(app.url, chair.id).messages();
    const own = messages.filter((m) => m.conversation === "dm");
    const texts = own.filter((m) => textOf(m.card).includes("Explanations for the chairs"));
    expect(texts).toHaveLength(1);
    const card = textOf(texts[0]?.card);
    expect(card).toContain(EXPLANATION);
    expect(card).toContain(SUPPORT);
    expect(card).toContain("interim");
    expect(card).not.toContain(contact.name);
  });
});
