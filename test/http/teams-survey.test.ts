import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWave } from "../../src/app/waves/create-wave.js";
import { openWave } from "../../src/app/waves/open-wave.js";
import {
  answerRevisions,
  deliveries,
  invitations,
  memberships,
  platformIdentities,
} from "../../src/db/schema.js";
import { useTestDatabase } from "../support/database.js";
import { createOrganisation, createPerson, createRegion, uniqueKey } from "../support/factories.js";
import {
  adaptiveCardAction,
  conversationUpdateBotAdded,
  installationUpdate,
  personalConversation,
  personalMessage,
  TEAMS_TENANT_ID,
} from "../support/teams-activities.js";
import { meet, seedTeamsRegion, startTeamsBed, type TeamsBed } from "../support/teams-bed.js";
import { completeVensterAnswers, teamsActionData } from "../support/venster-answers.js";

// Its own database: this file runs an outbox worker, which must only see this file's messages.
const database = useTestDatabase({ isolated: true });

type Card = {
  type: string;
  body: { type: string; text?: string; id?: string }[];
  actions?: unknown[];
  refresh?: unknown;
};
const cardOf = (activity: { attachments?: { content?: unknown }[] } | undefined) =>
  activity?.attachments?.[0]?.content as Card | undefined;
const textOf = (card: unknown) => JSON.stringify(card);
const invokeCard = (body: unknown) => (body as { value?: Card })?.value;

describe("the annual survey end to end in Teams", () => {
  let bed: TeamsBed;
  let seeded: Awaited<ReturnType<typeof seedTeamsRegion>>;
  let waveName: string;

  beforeAll(async () => {
    bed = await startTeamsBed(database.current);
    seeded = await seedTeamsRegion(bed, database.current);
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

  const invitationOf = async (personId: string) => {
    const [row] = await database.current.db
      .select()
      .from(invitations)
      .where(eq(invitations.personId, personId));
    if (!row) throw new Error("no invitation");
    return row;
  };

  it("links an imported person to their Teams account on first contact, by e-mail, and says hello", async () => {
    await meet(bed, seeded.gemeente.user);
    const identities = await database.current.db
      .select()
      .from(platformIdentities)
      .where(eq(platformIdentities.personId, seeded.gemeente.person.id));
    expect(identities).toMatchObject([
      { platform: "teams", workspaceId: TEAMS_TENANT_ID, userId: seeded.gemeente.user.aadObjectId },
    ]);
    const reference = identities[0]?.conversationReference as {
      conversation: { id: string };
      serviceUrl: string;
    };
    expect(reference.conversation.id).toBe(bed.connector.personalConversationId(seeded.gemeente.user));
    expect(reference.serviceUrl).toBe(bed.connector.url);
    const hello = bed.connector.sentTo(bed.connector.personalConversationId(seeded.gemeente.user));
    expect(textOf(cardOf(hello[0]?.activity))).toContain(`Hallo ${seeded.gemeente.person.name}`);
  });

  it("greets a person by name when Teams sends the installation and the 'bot added' activities at once", async () => {
    const { db } = database.current;
    const person = await createPerson(db);
    const user = bed.connector.registerUser({
      aadObjectId: crypto.randomUUID(),
      name: person.name,
      email: person.email,
    });
    const options = { serviceUrl: bed.connector.url };
    const answers = await Promise.all([
      bed.post(installationUpdate(user, "add", options)),
      bed.post(conversationUpdateBotAdded(user, { scope: "personal" }, options)),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    const sent = bed.connector.sentTo(bed.connector.personalConversationId(user));
    expect(sent).toHaveLength(1);
    expect(textOf(cardOf(sent[0]?.activity))).toContain(`Hallo ${person.name}`);
    const identities = await db
      .select()
      .from(platformIdentities)
      .where(eq(platformIdentities.personId, person.id));
    expect(identities).toHaveLength(1);
  });

  it("tells someone it does not know how to get registered, in a card", async () => {
    const stranger = bed.connector.registerUser({ aadObjectId: crypto.randomUUID(), name: "Onbekende" });
    const response = await bed.post(personalMessage(stranger, "help", { serviceUrl: bed.connector.url }));
    expect(response.status).toBe(200);
    const [reply] = bed.connector.sentTo(bed.connector.personalConversationId(stranger));
    expect(textOf(cardOf(reply?.activity))).toContain("Ik ken u nog niet");
  });

  it("sends the invitation proactively, answers it inline, and shows the answered card", async () => {
    await meet(bed, seeded.verzekeraar.user);
    const ctx = bed.app.ctx;
    await openWave(ctx.db, waveName, { now: ctx.now(), timeZone: ctx.timeZone });
    await bed.app.worker?.drain(0);

    const conversationId = bed.connector.personalConversationId(seeded.gemeente.user);
    const invitation = await invitationOf(seeded.gemeente.person.id);
    const sent = bed.connector
      .sentTo(conversationId)
      .find((s) => textOf(cardOf(s.activity)).includes(invitation.id));
    expect(sent).toBeDefined();
    const card = cardOf(sent?.activity);
    expect(card).toMatchObject({ type: "AdaptiveCard", version: "1.5" });
    // The card alone: its plain text is the notification summary, not a second copy above the card.
    expect(sent?.activity.text).toBeUndefined();
    expect(sent?.activity.summary).toContain(seeded.region.name);
    expect(card?.refresh).toMatchObject({
      action: { type: "Action.Execute", verb: "survey_card", data: { value: invitation.id } },
      userIds: [seeded.gemeente.user.teamsUserId],
    });
    expect(textOf(card)).toContain("Invullen");

    const conversation = personalConversation(seeded.gemeente.user);
    const opened = await bed.post(
      adaptiveCardAction(
        seeded.gemeente.user,
        { verb: "survey_open", data: { value: invitation.id } },
        { serviceUrl: bed.connector.url, replyToId: sent?.id ?? "", conversation },
      ),
    );
    expect(opened.status).toBe(200);
    const form = invokeCard(opened.body);
    expect(form?.body.filter((b) => b.id).map((b) => b.id)).toContain("agenda_tevreden");

    const incomplete = await bed.post(
      adaptiveCardAction(
        seeded.gemeente.user,
        { verb: "survey_submit", data: { invitationId: invitation.id, agenda_tevreden: "true" } },
        { serviceUrl: bed.connector.url, replyToId: sent?.id ?? "", conversation },
      ),
    );
    expect(textOf(invokeCard(incomplete.body))).toContain("Controleer deze 5 antwoorden");
    expect(
      await database.current.db
        .select()
        .from(answerRevisions)
        .where(eq(answerRevisions.invitationId, invitation.id)),
    ).toHaveLength(0);

    const submitted = await bed.post(
      adaptiveCardAction(
        seeded.gemeente.user,
        { verb: "survey_submit", data: teamsActionData(completeVensterAnswers, invitation.id) },
        { serviceUrl: bed.connector.url, replyToId: sent?.id ?? "", conversation },
      ),
    );
    expect(submitted.status).toBe(200);
    expect(textOf(invokeCard(submitted.body))).toContain("Ingevuld op");
    const revisions = await database.current.db
      .select()
      .from(answerRevisions)
      .where(eq(answerRevisions.invitationId, invitation.id));
    expect(revisions).toMatchObject([{ revision: 1, submittedVia: "teams" }]);
    // The person saw the answered card at once (the invoke's answer); the message itself is updated by the outbox.
    await bed.app.worker?.drain(0);
    expect(textOf(bed.connector.activity(conversationId, sent?.id ?? ""))).toContain("Ingevuld op");
  });

  it("answers an invalid submit with a card: a summary at the top, each error under its field, saying why the conditional question is required", async () => {
    const invitation = await invitationOf(seeded.gemeente.person.id);
    const conversationId = bed.connector.personalConversationId(seeded.gemeente.user);
    const sent = bed.connector
      .sentTo(conversationId)
      .find((s) => textOf(cardOf(s.activity)).includes(invitation.id));
    const { resultaat_tevreden: _left, ...withoutResult } = completeVensterAnswers;
    const answers = { ...withoutResult, proces_ondersteuning_welke: "" };
    const response = await bed.post(
      adaptiveCardAction(
        seeded.gemeente.user,
        { verb: "survey_submit", data: teamsActionData(answers, invitation.id) },
        {
          serviceUrl: bed.connector.url,
          replyToId: sent?.id ?? "",
          conversation: personalConversation(seeded.gemeente.user),
        },
      ),
    );
    expect(response.status).toBe(200);
    type Element = { type: string; id?: string; text?: string; style?: string; items?: Element[] };
    const card = invokeCard(response.body) as unknown as { body: Element[] };
    const why =
      "U antwoordde „ja” bij „Is er behoefte aan ondersteuning bij het proces?”: welke ondersteuning is nodig?";
    // The summary comes first, in the order of the form.
    const [summary] = card.body;
    expect(summary).toMatchObject({ type: "Container", id: "error-summary", style: "attention" });
    expect(summary?.items?.map((item) => item.text)).toEqual([
      "Controleer deze 2 antwoorden:",
      why,
      "Bent u tevreden over de samenwerking wat betreft het resultaat?: Kies ja of nee.",
    ]);
    // Each message sits right under its input, and is the input's own errorMessage.
    const at = (id: string) => card.body.findIndex((element) => element.id === id);
    expect(card.body[at("proces_ondersteuning_welke") + 1]).toMatchObject({
      id: "error-proces_ondersteuning_welke",
      text: why,
    });
    expect(card.body[at("proces_ondersteuning_welke")]).toMatchObject({ errorMessage: why });
    expect(card.body[at("resultaat_tevreden") + 1]).toMatchObject({
      id: "error-resultaat_tevreden",
      text: "Kies ja of nee.",
    });
    // What was sent is still there to correct.
    expect(card.body[at("proces_ondersteuning")]).toMatchObject({ value: "true" });
  });

  it("opens a 1:1 chat for someone imported with their Teams ids who never talked to the bot", async () => {
    const { db } = database.current;
    // The app is in a team of this tenant (so the bot knows the tenant's connector); the person never wrote.
    const installer = bed.connector.registerUser({ aadObjectId: crypto.randomUUID(), name: "Teameigenaar" });
    await bed.post(
      conversationUpdateBotAdded(installer, { scope: "team" }, { serviceUrl: bed.connector.url }),
    );
    const region = await createRegion(db);
    const zorgkantoor = await createOrganisation(db, { type: "zorgkantoor", activeIn: [region.id] });
    const person = await createPerson(db);
    await db.insert(memberships).values({
      personId: person.id,
      organisationId: zorgkantoor.id,
      regionId: region.id,
      role: "ambtelijk",
      activeFrom: "2026-01-01",
    });
    const user = bed.connector.registerUser({
      aadObjectId: crypto.randomUUID(),
      name: person.name,
      email: person.email,
    });
    await db.insert(platformIdentities).values({
      personId: person.id,
      platform: "teams",
      workspaceId: TEAMS_TENANT_ID,
      userId: user.aadObjectId,
    });
    const name = uniqueKey("Venster vooraf");
    await createWave(db, {
      surveyKey: "venster",
      name,
      opensAt: new Date(Date.now() - 3600_000),
      closesAt: new Date(Date.now() + 7 * 86_400_000),
    });
    const ctx = bed.app.ctx;
    await openWave(ctx.db, name, { now: ctx.now(), timeZone: ctx.timeZone });
    await bed.app.worker?.drain(0);

    const invitation = await invitationOf(person.id);
    const created = bed.connector.createdConversations();
    expect(created.some((c) => c.id === bed.connector.personalConversationId(user))).toBe(true);
    const cards = bed.connector
      .sentTo(bed.connector.personalConversationId(user))
      .filter((s) => textOf(cardOf(s.activity)).includes(invitation.id));
    expect(cards).toHaveLength(1);
    const [delivery] = await db.select().from(deliveries).where(eq(deliveries.invitationId, invitation.id));
    expect(delivery?.status).toBe("sent");
  });
});
