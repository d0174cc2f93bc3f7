import { and, asc, eq, inArray, like } from "drizzle-orm";
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
import type { Platform } from "../../src/domain/vocabulary.js";
import { useTestDatabase } from "../support/database.js";
import { createOrganisation, createPerson, createRegion, uniqueKey } from "../support/factories.js";
import { TEAM_ID as SLACK_TEAM_ID, type SlackBed, submitVensterModal } from "../support/slack-bed.js";
import {
  adaptiveCardAction,
  newAadObjectId,
  personalConversation,
  TEAMS_TENANT_ID,
  type TeamsUser,
} from "../support/teams-activities.js";
import { meet, startTeamsBed, type TeamsBed } from "../support/teams-bed.js";
import { completeVensterAnswers, teamsActionData } from "../support/venster-answers.js";

// Its own database: this file runs an outbox worker, which must only see this file's messages.
const database = useTestDatabase({ isolated: true });

// One instant for everything the app does, so that "answered on …" reads the same on both platforms.
const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);

type Answers = Record<string, boolean | string>;

/** No support needed anywhere, no explanations: the shortest complete answer. */
const noSupport: Answers = {
  agenda_tevreden: true,
  agenda_ondersteuning: false,
  proces_tevreden: true,
  proces_ondersteuning: false,
  resultaat_tevreden: false,
  resultaat_ondersteuning: false,
};

/**
 * Each scenario is run through Slack's modal and through Teams' inline card, for a fresh invitation each;
 * `stored` is what answer_revisions must hold afterwards, per revision.
 */
const scenarios: { name: string; submissions: Answers[]; stored: Record<string, unknown>[] }[] = [
  {
    name: "complete answers without explanations",
    submissions: [noSupport],
    stored: [noSupport],
  },
  {
    name: "a conditional support text, and citizen numbers that get masked",
    submissions: [
      {
        ...completeVensterAnswers,
        resultaat_ondersteuning: true,
        resultaat_ondersteuning_welke: "Hulp bij dossier 123456782, graag snel",
      },
    ],
    stored: [
      {
        ...completeVensterAnswers,
        agenda_toelichting: "Goede werkagenda; bel gerust [BSN verwijderd] voor vragen",
        resultaat_ondersteuning: true,
        resultaat_ondersteuning_welke: "Hulp bij dossier [BSN verwijderd], graag snel",
      },
    ],
  },
  {
    name: "a support text for a need answered with no, which is dropped",
    submissions: [
      { ...noSupport, agenda_ondersteuning_welke: "Toch iets?", proces_toelichting: "  Prima  " },
    ],
    stored: [{ ...noSupport, proces_toelichting: "Prima" }],
  },
  {
    name: "a first answer, then a changed one",
    submissions: [
      noSupport,
      {
        ...noSupport,
        agenda_tevreden: false,
        proces_ondersteuning: true,
        proces_ondersteuning_welke: "Een procesbegeleider",
      },
    ],
    stored: [
      noSupport,
      {
        ...noSupport,
        agenda_tevreden: false,
        proces_ondersteuning: true,
        proces_ondersteuning_welke: "Een procesbegeleider",
      },
    ],
  },
  {
    name: "the same answers submitted twice",
    submissions: [completeVensterAnswers, completeVensterAnswers],
    stored: [
      {
        ...completeVensterAnswers,
        agenda_toelichting: "Goede werkagenda; bel gerust [BSN verwijderd] voor vragen",
      },
    ],
  },
  {
    name: "the stored answers submitted again as the form shows them, mask included",
    submissions: [
      completeVensterAnswers,
      {
        ...completeVensterAnswers,
        agenda_toelichting: "Goede werkagenda; bel gerust [BSN verwijderd] voor vragen",
      },
    ],
    stored: [
      {
        ...completeVensterAnswers,
        agenda_toelichting: "Goede werkagenda; bel gerust [BSN verwijderd] voor vragen",
      },
    ],
  },
];

type Contact = {
  personId: string;
  slackUserId: string | undefined;
  teamsUser: TeamsUser | undefined;
};

describe("the same core behind Slack and Teams", () => {
  let bed: TeamsBed;
  let slackBed: SlackBed;
  let waveName: string;
  const region = { id: "", name: "" };
  let secondRegionId = "";
  /** One fresh contact per scenario and platform. */
  const contacts = new Map<string, Contact>();
  /** People with a Slack and a Teams identity, by what the test calls them. */
  const both = new Map<string, Contact>();

  const slack = () => {
    if (!bed.slack) throw new Error("the bed runs without Slack");
    return bed.slack;
  };

  beforeAll(async () => {
    bed = await startTeamsBed(database.current, { withSlack: true, now: () => new Date(NOW) });
    slackBed = { sim: slack(), app: bed.app, eventsUrl: `${bed.app.url}/slack/events`, close: bed.close };
    const { db } = database.current;
    const created = await createRegion(db);
    Object.assign(region, { id: created.id, name: created.name });
    secondRegionId = (await createRegion(db)).id;
    const gemeente = await createOrganisation(db, {
      type: "gemeente",
      activeIn: [region.id, secondRegionId],
    });

    const contact = async (
      options: {
        slack?: boolean;
        teams?: boolean;
        preferred?: Platform | null;
        teamsFirst?: boolean;
        regions?: string[];
      } = {},
    ): Promise<Contact> => {
      const person = await createPerson(db, { preferredPlatform: options.preferred ?? null });
      for (const regionId of options.regions ?? [region.id]) {
        await db.insert(memberships).values({
          personId: person.id,
          organisationId: gemeente.id,
          regionId,
          role: "ambtelijk",
          activeFrom: "2026-01-01",
        });
      }
      const result: Contact = { personId: person.id, slackUserId: undefined, teamsUser: undefined };
      const linkSlack = async () => {
        const userId = uniqueKey("U").toUpperCase().replaceAll("-", "");
        await db
          .insert(platformIdentities)
          .values({ personId: person.id, platform: "slack", workspaceId: SLACK_TEAM_ID, userId });
        slack().addUser({ id: userId, teamId: SLACK_TEAM_ID, email: person.email });
        result.slackUserId = userId;
      };
      const linkTeams = async () => {
        const user = bed.connector.registerUser({
          aadObjectId: newAadObjectId(),
          name: person.name,
          email: person.email,
          tenantId: TEAMS_TENANT_ID,
        });
        // First contact links them by e-mail and stores their 1:1 chat.
        await meet(bed, user);
        result.teamsUser = user;
      };
      if (options.teamsFirst && options.teams) await linkTeams();
      if (options.slack) await linkSlack();
      if (!options.teamsFirst && options.teams) await linkTeams();
      return result;
    };

    for (const scenario of scenarios) {
      contacts.set(`${scenario.name}|slack`, await contact({ slack: true }));
      contacts.set(`${scenario.name}|teams`, await contact({ teams: true }));
    }
    both.set(
      "prefers teams",
      await contact({ slack: true, teams: true, preferred: "teams", regions: [region.id, secondRegionId] }),
    );
    both.set(
      "prefers slack",
      await contact({ slack: true, teams: true, preferred: "slack", teamsFirst: true }),
    );
    both.set("no preference, Slack linked first", await contact({ slack: true, teams: true }));
    both.set(
      "no preference, Teams linked first",
      await contact({ slack: true, teams: true, teamsFirst: true }),
    );

    waveName = uniqueKey("Venster 2027");
    await createWave(db, {
      surveyKey: "venster",
      name: waveName,
      opensAt: new Date(NOW.getTime() - 3600_000),
      closesAt: new Date(NOW.getTime() + 14 * 86_400_000),
    });
    await openWave(db, waveName, { now: NOW, timeZone: bed.app.ctx.timeZone });
    await bed.app.worker?.drain(0);
    const unsent = await db
      .select({ status: deliveries.status, error: deliveries.lastError })
      .from(deliveries)
      .where(eq(deliveries.kind, "survey-invitation"));
    expect(unsent.filter((d) => d.status !== "sent")).toEqual([]);
  });
  afterAll(async () => {
    await bed?.close();
  });

  const invitationsOf = (personId: string) =>
    database.current.db
      .select()
      .from(invitations)
      .where(eq(invitations.personId, personId))
      .orderBy(asc(invitations.regionId));

  /** The invitation in the shared region and where its card was sent (the outbox's message reference). */
  async function invitationIn(personId: string, regionId = region.id) {
    const [row] = await database.current.db
      .select({ invitation: invitations, ref: deliveries.messageRef, status: deliveries.status })
      .from(invitations)
      .innerJoin(deliveries, eq(deliveries.invitationId, invitations.id))
      .where(
        and(
          eq(invitations.personId, personId),
          eq(invitations.regionId, regionId),
          eq(deliveries.kind, "survey-invitation"),
        ),
      );
    if (!row) throw new Error("no invitation sent");
    return {
      id: row.invitation.id,
      ref: row.ref as { platform: Platform; channel?: string; ts?: string; activityId?: string },
    };
  }

  /** Answers through Slack's real path: the signed view_submission of the modal, stored before the ack. */
  async function answerOnSlack(userId: string, invitationId: string, answers: Answers) {
    const viewId = uniqueKey("V").toUpperCase().replaceAll("-", "");
    const response = await submitVensterModal(slackBed, { userId, invitationId, answers, viewId });
    expect(response.status).toBe(200);
    const answer = await response.json();
    expect(answer).toMatchObject({ response_action: "update" });
    // The answer is stored (or found to be a duplicate) before Slack is told so.
    expect(JSON.stringify(answer)).toContain("Dank u wel! Uw antwoorden zijn opgeslagen");
  }

  /** Answers through Teams' real path: the Action.Execute invoke of the inline form, on the sent card. */
  async function answerOnTeams(user: TeamsUser, invitationId: string, cardId: string, answers: Answers) {
    const response = await bed.post(
      adaptiveCardAction(
        user,
        { verb: "survey_submit", data: teamsActionData(answers, invitationId) },
        { serviceUrl: bed.connector.url, replyToId: cardId, conversation: personalConversation(user) },
      ),
    );
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toContain("Ingevuld op");
  }

  /** The card updates queued for an invitation's answers, once the outbox has sent them all. */
  async function cardUpdatesFor(invitationId: string) {
    await bed.app.worker?.drain(0);
    const read = () =>
      database.current.db
        .select()
        .from(deliveries)
        .where(like(deliveries.idempotencyKey, `answered:${invitationId}:%`))
        .orderBy(asc(deliveries.idempotencyKey));
    const deadline = Date.now() + 5000;
    let rows = await read();
    // A kick from the handler may be sending them right now; the row says sent once the platform accepted.
    while (rows.some((r) => r.status !== "sent") && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      rows = await read();
    }
    return rows;
  }

  const revisionsOf = (invitationId: string) =>
    database.current.db
      .select()
      .from(answerRevisions)
      .where(eq(answerRevisions.invitationId, invitationId))
      .orderBy(asc(answerRevisions.revision));

  /** Runs one scenario on one platform; returns the rows without ids, timestamps and the platform. */
  async function runScenario(platform: Platform, scenario: (typeof scenarios)[number]) {
    const contact = contacts.get(`${scenario.name}|${platform}`);
    if (!contact) throw new Error("no contact for this scenario");
    const invitation = await invitationIn(contact.personId);
    expect(invitation.ref.platform).toBe(platform);
    for (const answers of scenario.submissions) {
      if (platform === "slack") await answerOnSlack(contact.slackUserId ?? "", invitation.id, answers);
      else if (contact.teamsUser)
        await answerOnTeams(contact.teamsUser, invitation.id, invitation.ref.activityId ?? "", answers);
    }
    const revisions = await revisionsOf(invitation.id);
    expect(revisions.map((r) => r.submittedVia)).toEqual(revisions.map(() => platform));
    const updates = await cardUpdatesFor(invitation.id);
    for (const update of updates) {
      // Every update goes to the invitation card the outbox sent, on its platform.
      expect((update.payload as { ref: unknown }).ref).toEqual(invitation.ref);
    }
    // The person sees the answered card on their platform.
    if (platform === "slack") {
      const [card, ...more] = slack().messages(invitation.ref.channel);
      expect(more).toEqual([]);
      expect(card?.text).toContain("Ingevuld op");
      expect(
        slack()
          .callsTo("chat.update")
          .filter((c) => c.args.channel === invitation.ref.channel),
      ).toHaveLength(revisions.length);
    } else {
      const conversationId = bed.connector.personalConversationId(contact.teamsUser as TeamsUser);
      const card = bed.connector.activity(conversationId, invitation.ref.activityId ?? "");
      expect(JSON.stringify(card)).toContain("Ingevuld op");
      expect(JSON.stringify(card)).toContain("Wijzigen");
    }
    const neutral = (value: unknown) =>
      JSON.parse(JSON.stringify(value).replaceAll(invitation.id, "<invitation>"));
    return {
      revisions: revisions.map((r) => ({ revision: r.revision, answers: r.answers })),
      cardUpdates: updates.map((u) =>
        neutral({
          idempotencyKey: u.idempotencyKey,
          kind: u.kind,
          status: u.status,
          personIsTheContact: u.personId === contact.personId,
          card: (u.payload as { card: unknown }).card,
        }),
      ),
    };
  }

  it.each(scenarios)("$name: Slack and Teams store the same rows", async (scenario) => {
    const onSlack = await runScenario("slack", scenario);
    const onTeams = await runScenario("teams", scenario);
    expect(onSlack.revisions).toEqual(scenario.stored.map((answers, i) => ({ revision: i + 1, answers })));
    expect(onSlack.cardUpdates).toHaveLength(scenario.stored.length);
    expect(onSlack.cardUpdates[0]).toMatchObject({
      kind: "card-update",
      status: "sent",
      personIsTheContact: true,
    });
    expect(JSON.stringify(onSlack.cardUpdates.at(-1))).toContain("Ingevuld op");
    expect(onTeams).toEqual(onSlack);
  });

  describe("someone on both platforms", () => {
    /** Where their invitations went: one per region, each sent once, all on `platform` and none elsewhere. */
    async function expectInvitedOnlyOn(who: string, platform: Platform, regionIds: string[]) {
      const person = both.get(who);
      if (!person?.slackUserId || !person.teamsUser) throw new Error(`no person who ${who}`);
      const rows = await invitationsOf(person.personId);
      expect(rows.map((r) => r.regionId).sort()).toEqual([...regionIds].sort());

      const sent = await database.current.db
        .select()
        .from(deliveries)
        .where(
          and(
            inArray(
              deliveries.invitationId,
              rows.map((r) => r.id),
            ),
            eq(deliveries.kind, "survey-invitation"),
          ),
        );
      expect(sent).toHaveLength(rows.length);
      expect(sent.map((d) => [d.status, (d.messageRef as { platform: string }).platform])).toEqual(
        rows.map(() => ["sent", platform]),
      );
      const slackCards = slack()
        .messages(slack().dmChannelFor(person.slackUserId, SLACK_TEAM_ID))
        .filter((m) => rows.some((r) => JSON.stringify(m.blocks).includes(r.id)));
      const teamsCards = bed.connector
        .sentTo(bed.connector.personalConversationId(person.teamsUser))
        .filter((s) => rows.some((r) => JSON.stringify(s.activity).includes(r.id)));
      expect(slackCards).toHaveLength(platform === "slack" ? rows.length : 0);
      expect(teamsCards).toHaveLength(platform === "teams" ? rows.length : 0);
    }

    it.each([
      { who: "prefers teams", platform: "teams" as const, regions: 2 },
      { who: "prefers slack", platform: "slack" as const, regions: 1 },
      // No preference: the first platform the router has that reaches them (Slack comes first).
      { who: "no preference, Slack linked first", platform: "slack" as const, regions: 1 },
    ])("gets one invitation per region, only on $platform ($who)", async ({ who, platform, regions }) => {
      await expectInvitedOnlyOn(who, platform, [region.id, secondRegionId].slice(0, regions));
    });

    // Without a preference the router's platform order decides (Slack, then Teams), not the order in which
    // the identities were linked or happen to come out of the database.
    it("gets the same platform without a preference whichever identity was linked first", async () => {
      await expectInvitedOnlyOn("no preference, Teams linked first", "slack", [region.id]);
    });

    it("counts an answer from either platform for the same invitation and updates the card where it was sent", async () => {
      const person = both.get("prefers teams");
      if (!person?.slackUserId || !person.teamsUser) throw new Error("no person who prefers teams");
      const invitation = await invitationIn(person.personId);
      expect(invitation.ref.platform).toBe("teams");
      const dm = slack().dmChannelFor(person.slackUserId, SLACK_TEAM_ID);
      const conversationId = bed.connector.personalConversationId(person.teamsUser);

      await answerOnSlack(person.slackUserId, invitation.id, noSupport);
      const changed = { ...noSupport, resultaat_tevreden: true };
      await answerOnTeams(person.teamsUser, invitation.id, invitation.ref.activityId ?? "", changed);

      const revisions = await revisionsOf(invitation.id);
      expect(revisions.map((r) => [r.revision, r.submittedVia, r.answers])).toEqual([
        [1, "slack", noSupport],
        [2, "teams", changed],
      ]);
      const updates = await cardUpdatesFor(invitation.id);
      expect(updates.map((u) => [u.idempotencyKey, u.status])).toEqual([
        [`answered:${invitation.id}:1`, "sent"],
        [`answered:${invitation.id}:2`, "sent"],
      ]);
      for (const update of updates) expect((update.payload as { ref: unknown }).ref).toEqual(invitation.ref);

      // The card lives in Teams: it shows the answer there; Slack got neither a card nor an update.
      const card = JSON.stringify(bed.connector.activity(conversationId, invitation.ref.activityId ?? ""));
      expect(card).toContain("Ingevuld op");
      expect(card).toContain("Wijzigen");
      expect(slack().messages(dm)).toEqual([]);
      expect(
        slack()
          .callsTo("chat.update")
          .filter((c) => c.args.channel === dm),
      ).toEqual([]);
      // Only the invitation of this region was answered; the second region's stays open.
      const other = await invitationIn(person.personId, secondRegionId);
      expect(await revisionsOf(other.id)).toEqual([]);
    });
  });
});
