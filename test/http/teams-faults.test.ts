import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, count, eq, inArray, isNull, like } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeWave } from "../../src/app/waves/close-wave.js";
import { createWave } from "../../src/app/waves/create-wave.js";
import { openWave } from "../../src/app/waves/open-wave.js";
import { waveStatus } from "../../src/app/waves/wave-status.js";
import { toAdaptiveMarkdown } from "../../src/bot/cards/render-adaptive.js";
import { type Database, openPglite, openPostgres } from "../../src/db/client.js";
import {
  answerRevisions,
  deliveries,
  invitations,
  memberships,
  people,
  platformIdentities,
  processedRequests,
} from "../../src/db/schema.js";
import { HELP_TITLE } from "../../src/domain/commands/parse-command.js";
import { testDatabaseKind, useTestDatabase } from "../support/database.js";
import { createOrganisation, createPerson, createRegion, uniqueKey } from "../support/factories.js";
import { TEAM_ID as SLACK_TEAM_ID } from "../support/slack-bed.js";
import {
  adaptiveCardAction,
  channelMessage,
  installationUpdate,
  newAadObjectId,
  personalConversation,
  personalMessage,
  TEAMS_TENANT_ID,
  type TeamsUser,
} from "../support/teams-activities.js";
import { meet, startTeamsBed, type TeamsBed } from "../support/teams-bed.js";
import { type ConnectorActivity, type SentActivity, teamsFaults } from "../support/teams-connector.js";
import { completeVensterAnswers, teamsActionData } from "../support/venster-answers.js";

// Its own database: this file runs an outbox worker, which must only see this file's messages.
const database = useTestDatabase({ isolated: true });

type CardElement = { type: string; id?: string; text?: string; errorMessage?: string };
type AdaptiveCard = { type: string; body: CardElement[]; actions?: { verb?: string }[] };

const cardOf = (activity: ConnectorActivity | undefined) =>
  activity?.attachments?.[0]?.content as AdaptiveCard | undefined;
const invokeCard = (body: unknown) => (body as { value?: AdaptiveCard } | undefined)?.value;
const textOf = (value: unknown) => JSON.stringify(value) ?? "";
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type Invitee = {
  person: Awaited<ReturnType<typeof createPerson>>;
  user: TeamsUser;
  /** The bot's 1:1 chat with them. */
  conversationId: string;
};

describe("Teams faults", () => {
  let bed: TeamsBed;
  const db = () => database.current.db;

  beforeAll(async () => {
    bed = await startTeamsBed(database.current, { withSlack: true });
  });
  afterAll(async () => {
    await bed?.close();
  });
  // A wave invites every active contact person in the database: each test's wave only its own people.
  afterEach(async () => {
    await db().update(memberships).set({ activeUntil: "2026-01-01" }).where(isNull(memberships.activeUntil));
  });

  /** Contact persons of gemeenten in a fresh region, known to Teams under their e-mail; `meet`: chatted 1:1. */
  async function seedInvitees(locales: ("nl" | "en")[], options: { meet?: boolean } = {}) {
    const region = await createRegion(db());
    const invitees: Invitee[] = [];
    for (const locale of locales) {
      const organisation = await createOrganisation(db(), { type: "gemeente", activeIn: [region.id] });
      const person = await createPerson(db(), { locale });
      await db().insert(memberships).values({
        personId: person.id,
        organisationId: organisation.id,
        regionId: region.id,
        role: "ambtelijk",
        activeFrom: "2026-01-01",
      });
      const user = bed.connector.registerUser({
        aadObjectId: newAadObjectId(),
        name: person.name,
        email: person.email,
        tenantId: TEAMS_TENANT_ID,
      });
      if (options.meet !== false) await meet(bed, user);
      invitees.push({ person, user, conversationId: bed.connector.personalConversationId(user) });
    }
    return invitees;
  }

  /** A venster wave, opened now: one invitation (and one outbox row) per invitee. */
  async function openSurvey() {
    const name = uniqueKey("Venster");
    await createWave(db(), {
      surveyKey: "venster",
      name,
      opensAt: new Date(Date.now() - 3600_000),
      closesAt: new Date(Date.now() + 7 * 86_400_000),
    });
    const opened = await openWave(db(), name, { now: new Date(), timeZone: "Europe/Amsterdam" });
    const mine = await db().select().from(invitations).where(eq(invitations.waveId, opened.wave.id));
    const invitationOf = (personId: string) => {
      const found = mine.find((i) => i.personId === personId);
      if (!found) throw new Error(`no invitation for ${personId}`);
      return found.id;
    };
    return { name, invitations: mine, invitationOf };
  }

  /**
   * Runs the outbox until nothing is pending or being sent: a drain the app started by itself (after a
   * message or an answer) may hold a row while ours finds nothing to claim.
   */
  async function settle() {
    const deadline = Date.now() + 25_000;
    for (;;) {
      await bed.app.worker?.drain();
      const [busy] = await db()
        .select({ n: count() })
        .from(deliveries)
        .where(inArray(deliveries.status, ["pending", "sending"]));
      if (!busy?.n) return;
      if (Date.now() > deadline) throw new Error(`${busy.n} deliveries still pending`);
      await sleep(50);
    }
  }

  const invitationCardsIn = (conversationId: string, invitationId: string): SentActivity[] =>
    bed.connector.sentTo(conversationId).filter((s) => textOf(cardOf(s.activity)).includes(invitationId));

  const invitationDelivery = async (invitationId: string) => {
    const [row] = await db()
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.invitationId, invitationId), eq(deliveries.kind, "survey-invitation")));
    if (!row) throw new Error(`no delivery for ${invitationId}`);
    return row;
  };

  const teamsIdentityOf = async (personId: string) => {
    const [row] = await db()
      .select()
      .from(platformIdentities)
      .where(and(eq(platformIdentities.personId, personId), eq(platformIdentities.platform, "teams")));
    if (!row) throw new Error(`no Teams identity for ${personId}`);
    return row;
  };

  const revisionsOf = (invitationId: string) =>
    db().select().from(answerRevisions).where(eq(answerRevisions.invitationId, invitationId));

  const callsTo = (conversationId: string) =>
    bed.connector.calls.filter((c) => c.conversationId === conversationId);

  /** A button on the invitation card the person received (its message id is the invoke's replyToId). */
  const press = (
    invitee: Invitee,
    invitationId: string,
    action: { verb: string; data: Record<string, unknown> },
    options: { id?: string } = {},
  ) => {
    const [card] = invitationCardsIn(invitee.conversationId, invitationId);
    if (!card) throw new Error(`no invitation card for ${invitationId}`);
    return bed.post(
      adaptiveCardAction(invitee.user, action, {
        serviceUrl: bed.connector.url,
        replyToId: card.id,
        conversation: personalConversation(invitee.user),
        ...(options.id ? { id: options.id } : {}),
      }),
    );
  };
  const submit = (
    invitee: Invitee,
    invitationId: string,
    data: Record<string, unknown>,
    options: { id?: string } = {},
  ) => press(invitee, invitationId, { verb: "survey_submit", data }, options);

  it("delays but never duplicates or drops an invitation while the connector answers 429 again and again", async () => {
    const invitees = await seedInvitees(["nl", "nl", "en", "nl", "en"]);
    const throttledBefore = bed.connector.throttledCount();
    // Each send is refused up to four times in a row (botbuilder's client retries three 429s itself), so
    // the refusals reach the outbox too.
    bed.connector.failNext(20, teamsFaults.tooManyRequests(1), {
      route: ["sendToConversation", "replyToActivity"],
    });
    const { invitations: mine, invitationOf } = await openSurvey();
    const round = await bed.app.worker?.drain();
    await settle();

    expect(bed.connector.throttledCount() - throttledBefore).toBe(20);
    // 20 refusals over 5 sends: at least one send got four in a row and went back to the outbox.
    expect(round?.retried).toBeGreaterThanOrEqual(1);
    for (const invitee of invitees) {
      expect(invitationCardsIn(invitee.conversationId, invitationOf(invitee.person.id))).toHaveLength(1);
    }
    const rows = await db()
      .select()
      .from(deliveries)
      .where(
        inArray(
          deliveries.invitationId,
          mine.map((i) => i.id),
        ),
      );
    // A 429 is the platform's pace, not a failed attempt: every row was sent on its first counted attempt.
    expect(rows.map((r) => [r.status, r.attempts])).toEqual(invitees.map(() => ["sent", 1]));
  });

  it("retries a card update Teams refuses with 412 until the card shows that the round closed", async () => {
    const [invitee] = await seedInvitees(["nl"]);
    if (!invitee) throw new Error("seeding failed");
    const { name, invitationOf } = await openSurvey();
    const invitationId = invitationOf(invitee.person.id);
    await settle();
    const [card] = invitationCardsIn(invitee.conversationId, invitationId);

    bed.connector.failNext(1, teamsFaults.preconditionFailed(), {
      route: "updateActivity",
      conversationId: invitee.conversationId,
    });
    await closeWave(bed.app.ctx, name);
    await settle();

    const updates = callsTo(invitee.conversationId).filter((c) => c.route === "updateActivity");
    expect(updates.map((c) => c.status)).toEqual([412, 200]);
    expect(textOf(bed.connector.activity(invitee.conversationId, card?.id ?? ""))).toContain(
      "Deze ronde is gesloten",
    );
    const [update] = await db()
      .select()
      .from(deliveries)
      .where(eq(deliveries.idempotencyKey, `closed:${invitationId}`));
    expect(update).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("retries 412, 502 and 504 as transient and delivers each invitation exactly once", async () => {
    const [precondition, badGateway, timeout] = await seedInvitees(["nl", "nl", "en"]);
    if (!precondition || !badGateway || !timeout) throw new Error("seeding failed");
    // 412 is never retried by botbuilder's client; 5xx three times: four in a row reach the outbox.
    bed.connector.failNext(1, teamsFaults.preconditionFailed(), {
      conversationId: precondition.conversationId,
    });
    bed.connector.failNext(4, teamsFaults.badGateway(), { conversationId: badGateway.conversationId });
    bed.connector.failNext(4, teamsFaults.gatewayTimeout(), { conversationId: timeout.conversationId });
    const { invitationOf } = await openSurvey();
    await settle();

    for (const [invitee, status, refusals] of [
      [precondition, 412, 1],
      [badGateway, 502, 4],
      [timeout, 504, 4],
    ] as const) {
      const invitationId = invitationOf(invitee.person.id);
      expect(invitationCardsIn(invitee.conversationId, invitationId)).toHaveLength(1);
      expect(callsTo(invitee.conversationId).filter((c) => c.status === status)).toHaveLength(refusals);
      // Sent on the outbox's second attempt: the failure was taken as worth another try.
      expect(await invitationDelivery(invitationId)).toMatchObject({
        status: "sent",
        attempts: 2,
        lastError: null,
      });
    }
  }, 45_000);

  it.each([
    ["ConversationBlockedByUser", teamsFaults.conversationBlockedByUser()],
    ["BotDisabledByAdmin", teamsFaults.botDisabledByAdmin()],
  ])("sends the invitation through Slack when Teams answers 403 %s", async (code, fault) => {
    const [invitee] = await seedInvitees(["nl"]);
    if (!invitee || !bed.slack) throw new Error("seeding failed");
    const slackUserId = uniqueKey("U").toUpperCase().replaceAll("-", "");
    await db().insert(platformIdentities).values({
      personId: invitee.person.id,
      platform: "slack",
      workspaceId: SLACK_TEAM_ID,
      userId: slackUserId,
    });
    bed.slack.addUser({ id: slackUserId, teamId: SLACK_TEAM_ID, email: invitee.person.email });
    await db().update(people).set({ preferredPlatform: "teams" }).where(eq(people.id, invitee.person.id));
    bed.connector.failNext(1, fault, { conversationId: invitee.conversationId });
    const teamsCallsBefore = callsTo(invitee.conversationId).length;

    const { name, invitationOf } = await openSurvey();
    const invitationId = invitationOf(invitee.person.id);
    await settle();

    expect((await teamsIdentityOf(invitee.person.id)).unreachableSince).toBeInstanceOf(Date);
    expect((await teamsIdentityOf(invitee.person.id)).unreachableReason).toContain(code);
    const inSlack = bed.slack
      .messages(bed.slack.dmChannelFor(slackUserId, SLACK_TEAM_ID))
      .filter((m) => textOf(m.blocks).includes(invitationId));
    expect(inSlack).toHaveLength(1);
    expect(invitationCardsIn(invitee.conversationId, invitationId)).toEqual([]);
    // The refused send was the only call for them; the delivery went on in Slack.
    expect(callsTo(invitee.conversationId).slice(teamsCallsBefore)).toMatchObject([{ status: 403 }]);
    expect(await invitationDelivery(invitationId)).toMatchObject({
      status: "sent",
      messageRef: { platform: "slack" },
    });
    const status = await waveStatus(db(), name);
    expect(status.rows.reduce((n, r) => n + r.unreachable, 0)).toBeGreaterThanOrEqual(1);
    expect(status.rows.reduce((n, r) => n + r.delivered, 0)).toBe(1);

    // Later messages for them go to Slack too (here: the card saying the round closed); Teams is not asked.
    const callsBefore = callsTo(invitee.conversationId).length;
    await closeWave(bed.app.ctx, name);
    await settle();
    expect(callsTo(invitee.conversationId)).toHaveLength(callsBefore);
    const [updated] = bed.slack
      .messages(bed.slack.dmChannelFor(slackUserId, SLACK_TEAM_ID))
      .filter((m) => m.ts === inSlack[0]?.ts);
    expect(textOf(updated?.blocks)).toContain("Deze ronde is gesloten");
  });

  it("dead-letters the invitation of someone only on Teams who blocked the bot, and revives it when they write again", async () => {
    const [invitee] = await seedInvitees(["nl"]);
    if (!invitee) throw new Error("seeding failed");
    bed.connector.failNext(1, teamsFaults.conversationBlockedByUser(), {
      conversationId: invitee.conversationId,
    });
    const { name, invitationOf } = await openSurvey();
    const invitationId = invitationOf(invitee.person.id);
    await settle();

    const dead = await invitationDelivery(invitationId);
    expect(dead.status).toBe("dead");
    expect(dead.lastError).toMatch(/^unreachable: .*ConversationBlockedByUser/);
    expect((await teamsIdentityOf(invitee.person.id)).unreachableSince).toBeInstanceOf(Date);
    const [row] = (await waveStatus(db(), name)).rows;
    expect(row).toMatchObject({ invited: 1, delivered: 0, undeliverable: 1, unreachable: 1 });

    // They unblock the bot and say something in the 1:1 chat.
    const response = await bed.post(
      personalMessage(invitee.user, "hallo", { serviceUrl: bed.connector.url }),
    );
    expect(response.status).toBe(200);
    expect((await teamsIdentityOf(invitee.person.id)).unreachableSince).toBeNull();
    await settle();

    expect(invitationCardsIn(invitee.conversationId, invitationId)).toHaveLength(1);
    expect(await invitationDelivery(invitationId)).toMatchObject({ status: "sent", lastError: null });
    const [after] = (await waveStatus(db(), name)).rows;
    expect(after).toMatchObject({ invited: 1, delivered: 1, undeliverable: 0, unreachable: 0 });
  });

  it("answers a message Teams redelivers (same activity id) once", async () => {
    const [invitee] = await seedInvitees(["nl"]);
    if (!invitee) throw new Error("seeding failed");
    const before = bed.connector.sentTo(invitee.conversationId).length;
    const message = personalMessage(invitee.user, "help", { serviceUrl: bed.connector.url });
    expect((await bed.post(message)).status).toBe(200);
    expect((await bed.post(message)).status).toBe(200);
    const replies = bed.connector.sentTo(invitee.conversationId).slice(before);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.activity.text).toContain(toAdaptiveMarkdown(HELP_TITLE.nl));
    const seen = await db()
      .select()
      .from(processedRequests)
      .where(like(processedRequests.requestId, `%|${message.id}`));
    expect(seen).toHaveLength(1);
  });

  it("stores a submission Teams redelivers (same activity id) once, and answers both with the card", async () => {
    const [invitee] = await seedInvitees(["nl"]);
    if (!invitee) throw new Error("seeding failed");
    const { invitationOf } = await openSurvey();
    const invitationId = invitationOf(invitee.person.id);
    await settle();

    const data = teamsActionData(completeVensterAnswers, invitationId);
    const id = String(Date.now());
    const first = await submit(invitee, invitationId, data, { id });
    const again = await submit(invitee, invitationId, data, { id });
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(await revisionsOf(invitationId)).toHaveLength(1);
    for (const answer of [first, again]) {
      const card = invokeCard(answer.body);
      expect(card?.type).toBe("AdaptiveCard");
      // Both say it was answered: the redelivery is not an error for the person.
      expect(textOf(card)).toContain("Ingevuld op");
    }
  });

  // Teams AI replaces the card message inside the invoke for any card with a refresh (once a handler returned
  // one); when Teams refused that update the invoke failed with 501 although the answer was stored.
  it("confirms a stored answer even when Teams refuses to update the card message", async () => {
    const [invitee] = await seedInvitees(["nl"]);
    if (!invitee) throw new Error("seeding failed");
    const { invitationOf } = await openSurvey();
    const invitationId = invitationOf(invitee.person.id);
    await settle();
    const data = teamsActionData(completeVensterAnswers, invitationId);
    expect((await submit(invitee, invitationId, data)).status).toBe(200);
    await settle();

    const updatesBefore = callsTo(invitee.conversationId).filter((c) => c.route === "updateActivity").length;
    bed.connector.failNext(1, teamsFaults.preconditionFailed(), {
      route: "updateActivity",
      conversationId: invitee.conversationId,
    });
    const changed = await submit(invitee, invitationId, { ...data, agenda_tevreden: "false" });
    expect(changed.status).toBe(200);
    expect(textOf(invokeCard(changed.body))).toContain("Ingevuld op");
    expect(await revisionsOf(invitationId)).toHaveLength(2);

    // The card message itself is the outbox's to update, and it tries again.
    await settle();
    const updates = callsTo(invitee.conversationId)
      .filter((c) => c.route === "updateActivity")
      .slice(updatesBefore);
    expect(updates.map((c) => c.status)).toEqual([412, 200]);
    const [card] = invitationCardsIn(invitee.conversationId, invitationId);
    expect(textOf(bed.connector.activity(invitee.conversationId, card?.id ?? ""))).toContain("Ingevuld op");
  });

  it.each([
    [
      "nl",
      { agenda_tevreden: "misschien" },
      "agenda_tevreden",
      "Kies ja of nee.",
      "Controleer dit antwoord:",
    ],
    [
      "en",
      { agenda_tevreden: "misschien" },
      "agenda_tevreden",
      "Please choose yes or no.",
      "Please check this answer:",
    ],
    [
      "nl",
      { agenda_toelichting: 42 },
      "agenda_toelichting",
      "Dit antwoord konden we niet verwerken. Probeert u het nog eens?",
      "Controleer dit antwoord:",
    ],
    [
      "en",
      { proces_tevreden: { value: "true" } },
      "proces_tevreden",
      "We could not process this answer. Would you please try again?",
      "Please check this answer:",
    ],
  ] as const)(
    "refuses malformed card data (%s, %j) with the field's error and stores nothing",
    async (locale, malformed, field, error, notice) => {
      const [invitee] = await seedInvitees([locale]);
      if (!invitee) throw new Error("seeding failed");
      const { invitationOf } = await openSurvey();
      const invitationId = invitationOf(invitee.person.id);
      await settle();

      const response = await submit(invitee, invitationId, {
        ...teamsActionData(completeVensterAnswers, invitationId),
        ...malformed,
      });
      expect(response.status).toBe(200);
      const card = invokeCard(response.body);
      const input = card?.body.find((b) => b.id === field);
      expect(input?.errorMessage).toBe(error);
      // Shown as text under the input too (Teams shows errorMessage only for its own checks).
      const below = card?.body[(card?.body.indexOf(input as CardElement) ?? -2) + 1];
      expect(below).toMatchObject({ type: "TextBlock", text: error });
      expect(textOf(card)).toContain(notice);
      // Only the malformed field is marked (every input has an errorMessage for Teams' own checks).
      expect(card?.body.filter((b) => b.id?.startsWith("error-")).map((b) => b.id)).toEqual([
        "error-summary",
        `error-${field}`,
      ]);
      expect(await revisionsOf(invitationId)).toEqual([]);
    },
  );

  it("refuses a submission after the wave closed, politely, and a refresh shows the closed card", async () => {
    const [dutch, english] = await seedInvitees(["nl", "en"]);
    if (!dutch || !english) throw new Error("seeding failed");
    const { name, invitationOf } = await openSurvey();
    await settle();
    await closeWave(bed.app.ctx, name);
    await settle();

    for (const [invitee, closedText, cardText] of [
      [dutch, "Helaas, deze ronde is gesloten", "Deze ronde is gesloten; invullen kan niet meer."],
      [english, "Sorry, this round has closed", "This round has closed; answers are no longer accepted."],
    ] as const) {
      const invitationId = invitationOf(invitee.person.id);
      const refused = await submit(
        invitee,
        invitationId,
        teamsActionData(completeVensterAnswers, invitationId),
      );
      expect(refused.status).toBe(200);
      expect(textOf(invokeCard(refused.body))).toContain(closedText);
      expect(await revisionsOf(invitationId)).toEqual([]);

      const refreshed = await press(invitee, invitationId, {
        verb: "survey_card",
        data: { value: invitationId },
      });
      expect(refreshed.status).toBe(200);
      const card = invokeCard(refreshed.body);
      expect(textOf(card)).toContain(cardText);
      // No button to open the form any more.
      expect(card?.actions ?? []).toEqual([]);
    }
  });

  it("opens a 1:1 chat (createConversation) for someone known only from a team channel", async () => {
    const [invitee] = await seedInvitees(["nl"], { meet: false });
    if (!invitee) throw new Error("seeding failed");
    const mentioned = await bed.post(channelMessage(invitee.user, "help", { serviceUrl: bed.connector.url }));
    expect(mentioned.status).toBe(200);
    expect(await teamsIdentityOf(invitee.person.id)).toMatchObject({ userId: invitee.user.aadObjectId });
    // The answer to `help` is theirs alone: it opened the 1:1 chat already, and nothing else is in it yet.
    expect(bed.connector.sentTo(invitee.conversationId)).toHaveLength(1);

    const { invitationOf } = await openSurvey();
    const invitationId = invitationOf(invitee.person.id);
    await settle();

    // The outbox opens it again from what it stored, and Teams answers with the same chat.
    const created = bed.connector.createdConversations().filter((c) => c.id === invitee.conversationId);
    expect(created.map((c) => c.existing)).toEqual([false, true]);
    expect(invitationCardsIn(invitee.conversationId, invitationId)).toHaveLength(1);
    expect(await invitationDelivery(invitationId)).toMatchObject({
      status: "sent",
      messageRef: { reference: { conversation: { id: invitee.conversationId } } },
    });
  });

  it("marks someone unreachable when they remove the app, and reachable again when they add it back", async () => {
    const [invitee] = await seedInvitees(["nl"]);
    if (!invitee) throw new Error("seeding failed");
    const removed = await bed.post(
      installationUpdate(invitee.user, "remove", { serviceUrl: bed.connector.url }),
    );
    expect(removed.status).toBeLessThan(300);
    const identity = await teamsIdentityOf(invitee.person.id);
    expect(identity.unreachableSince).toBeInstanceOf(Date);

    // Nothing is sent to a removed app: the invitation waits, undeliverable.
    const callsBefore = callsTo(invitee.conversationId).length;
    const { invitationOf } = await openSurvey();
    const invitationId = invitationOf(invitee.person.id);
    await settle();
    expect(callsTo(invitee.conversationId)).toHaveLength(callsBefore);
    expect((await invitationDelivery(invitationId)).lastError).toMatch(/^unreachable: /);

    const added = await bed.post(installationUpdate(invitee.user, "add", { serviceUrl: bed.connector.url }));
    expect(added.status).toBeLessThan(300);
    expect((await teamsIdentityOf(invitee.person.id)).unreachableSince).toBeNull();
    await settle();
    expect(invitationCardsIn(invitee.conversationId, invitationId)).toHaveLength(1);
    expect(await invitationDelivery(invitationId)).toMatchObject({ status: "sent" });
  });
});

describe("Teams while the database is down", () => {
  // Its own database, because this test takes it away.
  let folder: string;
  let serverDatabase: string | undefined;
  let bed: TeamsBed;
  let database: Database;
  const reopen = async () => {
    if (serverDatabase) {
      const url = new URL(process.env.DATABASE_URL as string);
      url.pathname = `/${serverDatabase}`;
      return openPostgres(url.toString());
    }
    return openPglite(folder);
  };
  const admin = () => postgres(process.env.DATABASE_URL as string, { max: 1, onnotice: () => {} });

  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "regiotafel-teams-down-"));
    if (testDatabaseKind === "postgres") {
      serverDatabase = `regiotafel_teams_down_${process.pid}_${Date.now()}`;
      const sql = admin();
      await sql.unsafe(`create database ${serverDatabase}`);
      await sql.end();
    }
    database = await reopen();
    await database.migrate();
    bed = await startTeamsBed(database);
  });
  afterAll(async () => {
    await bed?.close();
    await database.close().catch(() => {});
    if (serverDatabase) {
      const sql = admin();
      await sql.unsafe(`drop database if exists ${serverDatabase} with (force)`);
      await sql.end();
    }
    await rm(folder, { recursive: true, force: true });
  });

  it("answers a submission with a Dutch 'try again' card and writes nothing", async () => {
    const region = await createRegion(database.db);
    const organisation = await createOrganisation(database.db, { type: "gemeente", activeIn: [region.id] });
    const person = await createPerson(database.db);
    await database.db.insert(memberships).values({
      personId: person.id,
      organisationId: organisation.id,
      regionId: region.id,
      role: "ambtelijk",
      activeFrom: "2026-01-01",
    });
    const user = bed.connector.registerUser({
      aadObjectId: newAadObjectId(),
      name: person.name,
      email: person.email,
    });
    await meet(bed, user);
    const name = uniqueKey("Venster");
    await createWave(database.db, {
      surveyKey: "venster",
      name,
      opensAt: new Date(Date.now() - 3600_000),
      closesAt: new Date(Date.now() + 7 * 86_400_000),
    });
    await openWave(database.db, name, { now: new Date(), timeZone: "Europe/Amsterdam" });
    const [invitation] = await database.db
      .select()
      .from(invitations)
      .where(eq(invitations.personId, person.id));
    const invitationId = invitation?.id as string;

    if (serverDatabase) {
      const sql = admin();
      await sql.unsafe(`alter database ${serverDatabase} allow_connections false`);
      await sql.unsafe(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${serverDatabase}'`,
      );
      await sql.end();
    } else {
      await database.close();
    }

    const response = await bed.post(
      adaptiveCardAction(
        user,
        { verb: "survey_submit", data: teamsActionData(completeVensterAnswers, invitationId) },
        { serviceUrl: bed.connector.url, replyToId: "1", conversation: personalConversation(user) },
      ),
    );
    expect(response.status).toBe(200);
    expect(textOf(invokeCard(response.body))).toContain(
      "Er ging bij ons iets mis en er is niets opgeslagen. Probeer het over een paar minuten opnieuw.",
    );

    if (serverDatabase) {
      const sql = admin();
      await sql.unsafe(`alter database ${serverDatabase} allow_connections true`);
      await sql.end();
    }
    const back = await reopen();
    try {
      expect(
        await back.db.select().from(answerRevisions).where(eq(answerRevisions.invitationId, invitationId)),
      ).toEqual([]);
    } finally {
      await back.close();
    }
  });
});
