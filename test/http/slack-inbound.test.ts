import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWave } from "../../src/app/waves/create-wave.js";
import { openWave } from "../../src/app/waves/open-wave.js";
import { answerRevisions, deliveries, invitations, platformIdentities } from "../../src/db/schema.js";
import { useTestDatabase } from "../support/database.js";
import { uniqueKey } from "../support/factories.js";
import {
  SIGNING_SECRET,
  type SlackBed,
  seedSlackRegion,
  startSlackBed,
  submitVensterModal,
  TEAM_ID,
} from "../support/slack-bed.js";
import {
  blockActionsPayload,
  eventCallbackEnvelope,
  postEvent,
  postInteraction,
  postSlashCommand,
  signSlackBody,
  urlVerificationEnvelope,
  viewSubmissionPayload,
} from "../support/slack-requests.js";
import {
  completeVensterAnswers,
  slackStateValues,
  vensterModalMetadata,
} from "../support/venster-answers.js";

/*
 * What /slack/events answers, read off the HTTP answer itself: a survey submission is stored before Slack is
 * told "thank you", a Slack identity comes back to life when its person talks to the bot, and requests that are
 * not Slack's (or are Slack's, malformed) get a 4xx at once, never a 500 or a 3-second wait.
 */

// Its own database: this file runs an outbox worker, which must only see this file's messages.
const database = useTestDatabase({ isolated: true });

type ModalAnswer = {
  response_action?: string;
  errors?: Record<string, string>;
  view?: { blocks?: { block_id?: string; text?: { text?: string } }[] };
};

describe("Slack requests in, answers out", () => {
  let bed: SlackBed;
  let seeded: Awaited<ReturnType<typeof seedSlackRegion>>;
  let invitationOf: (personId: string) => string;
  let waveName: string;

  beforeAll(async () => {
    bed = await startSlackBed(database.current);
    seeded = await seedSlackRegion(database.current, bed.sim);
    waveName = uniqueKey("Venster");
    await createWave(database.current.db, {
      surveyKey: "venster",
      name: waveName,
      opensAt: new Date(Date.now() - 3600_000),
      closesAt: new Date(Date.now() + 7 * 86_400_000),
    });
    const opened = await openWave(database.current.db, waveName, {
      now: new Date(),
      timeZone: "Europe/Amsterdam",
    });
    const mine = await database.current.db
      .select()
      .from(invitations)
      .where(eq(invitations.waveId, opened.wave.id));
    invitationOf = (personId) => {
      const found = mine.find((i) => i.personId === personId);
      if (!found) throw new Error(`no invitation for ${personId}`);
      return found.id;
    };
  });
  afterAll(async () => {
    await bed?.close();
  });

  const revisionsOf = (invitationId: string) =>
    database.current.db.select().from(answerRevisions).where(eq(answerRevisions.invitationId, invitationId));

  describe("a survey submission is stored before it is acknowledged", () => {
    it("answers a valid submission with the thank-you view in the HTTP answer, the revision already stored", async () => {
      const invitationId = invitationOf(seeded.gemeente.person.id);
      const response = await submitVensterModal(bed, {
        userId: seeded.gemeente.userId,
        invitationId,
        answers: completeVensterAnswers,
      });
      expect(response.status).toBe(200);
      const answer = (await response.json()) as ModalAnswer;
      // Read the moment the answer arrived: nothing is stored after the ack any more.
      const stored = await revisionsOf(invitationId);
      expect(answer.response_action).toBe("update");
      expect(JSON.stringify(answer.view)).toContain("Dank u wel! Uw antwoorden zijn opgeslagen");
      expect(JSON.stringify(answer)).not.toContain("worden opgeslagen…");
      expect(stored).toHaveLength(1);
      // The modal is not updated afterwards: the answer said it all.
      expect(bed.sim.callsTo("views.update")).toEqual([]);
    });

    it("refuses a text with U+0000 inline, in Dutch, and stores nothing", async () => {
      const invitationId = invitationOf(seeded.gemeente.person.id);
      const before = (await revisionsOf(invitationId)).length;
      const response = await submitVensterModal(bed, {
        userId: seeded.gemeente.userId,
        invitationId,
        answers: { ...completeVensterAnswers, agenda_toelichting: "Goed\u0000overleg" },
      });
      const answer = (await response.json()) as ModalAnswer;
      expect(answer.response_action).toBe("errors");
      expect(answer.errors?.agenda_toelichting).toContain("dit teken kan niet worden opgeslagen");
      expect(await revisionsOf(invitationId)).toHaveLength(before);
    });
  });

  describe("someone marked unreachable in Slack talks to the bot again", () => {
    it.each([
      ["a slash command", "command"],
      ["a button", "button"],
      ["a survey submission", "submit"],
    ] as const)(
      "%s makes their Slack identity reachable and sends the invitation given up on",
      async (_, how) => {
        const region = await seedSlackRegion(database.current, bed.sim);
        // As the outbox leaves it after Slack answered user_not_found (and they have no other platform).
        await database.current.db
          .update(platformIdentities)
          .set({ unreachableSince: new Date(), unreachableReason: "user_not_found" })
          .where(eq(platformIdentities.personId, region.gemeente.person.id));
        const name = uniqueKey("Venster");
        await createWave(database.current.db, {
          surveyKey: "venster",
          name,
          opensAt: new Date(Date.now() - 3600_000),
          closesAt: new Date(Date.now() + 7 * 86_400_000),
        });
        const opened = await openWave(database.current.db, name, {
          now: new Date(),
          timeZone: "Europe/Amsterdam",
        });
        const [invitation] = await database.current.db
          .select()
          .from(invitations)
          .where(
            and(eq(invitations.waveId, opened.wave.id), eq(invitations.personId, region.gemeente.person.id)),
          );
        const invitationId = invitation?.id ?? "";
        const identity = async () => {
          const [row] = await database.current.db
            .select()
            .from(platformIdentities)
            .where(
              and(
                eq(platformIdentities.personId, region.gemeente.person.id),
                eq(platformIdentities.platform, "slack"),
              ),
            );
          return row;
        };
        const delivery = async () => {
          const [row] = await database.current.db
            .select()
            .from(deliveries)
            .where(and(eq(deliveries.invitationId, invitationId), eq(deliveries.kind, "survey-invitation")));
          return row;
        };
        // Nobody to send it to: the outbox gives the invitation up as unreachable.
        await bed.app.worker?.drain(0);
        expect((await identity())?.unreachableSince).toBeInstanceOf(Date);
        expect(await delivery()).toMatchObject({
          status: "dead",
          lastError: "unreachable: no platform identity",
        });

        if (how === "command") {
          const response = await postSlashCommand(bed.eventsUrl, SIGNING_SECRET, {
            text: "help",
            user_id: region.gemeente.userId,
            team_id: TEAM_ID,
            channel_id: bed.sim.dmChannelFor(region.gemeente.userId, TEAM_ID),
          });
          expect(response.status).toBe(200);
        } else if (how === "submit") {
          const response = await submitVensterModal(bed, {
            userId: region.gemeente.userId,
            invitationId,
            answers: completeVensterAnswers,
          });
          expect(JSON.stringify(await response.json())).toContain("Dank u wel!");
        } else {
          const response = await postInteraction(
            bed.eventsUrl,
            SIGNING_SECRET,
            blockActionsPayload({
              userId: region.gemeente.userId,
              teamId: TEAM_ID,
              actionId: "survey_open",
              value: invitationId,
            }),
          );
          expect(response.status).toBe(200);
        }
        expect((await identity())?.unreachableSince).toBeNull();
        // The pipeline woke the outbox itself; a drain of ours may find the row already being sent.
        const deadline = Date.now() + 10_000;
        while ((await delivery())?.status !== "sent" && Date.now() < deadline) {
          await bed.app.worker?.drain(0);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        expect(await delivery()).toMatchObject({ status: "sent" });
      },
    );
  });

  describe("edges", () => {
    const signedPost = (body: string, contentType: string, timestampSeconds?: number) =>
      fetch(bed.eventsUrl, {
        method: "POST",
        headers: { "content-type": contentType, ...signSlackBody(SIGNING_SECRET, body, timestampSeconds) },
        body,
      });
    const timed = async (request: Promise<Response>) => {
      const started = Date.now();
      const response = await request;
      await response.text();
      return { status: response.status, ms: Date.now() - started };
    };

    it.each([
      ["10 minutes in the future", 600],
      ["10 minutes in the past", -600],
    ])("refuses a request signed %s with 401", async (_, offset) => {
      const response = await postSlashCommand(
        bed.eventsUrl,
        SIGNING_SECRET,
        {
          text: "help",
          user_id: seeded.gemeente.userId,
          team_id: TEAM_ID,
          channel_id: "C0EDGES0001",
        },
        { timestampSeconds: Math.floor(Date.now() / 1000) + offset },
      );
      expect(response.status).toBe(401);
    });

    it("accepts a timestamp within five minutes either way", async () => {
      for (const offset of [-240, 240]) {
        const response = await postSlashCommand(
          bed.eventsUrl,
          SIGNING_SECRET,
          { text: "help", user_id: seeded.gemeente.userId, team_id: TEAM_ID, channel_id: "C0EDGES0001" },
          { timestampSeconds: Math.floor(Date.now() / 1000) + offset },
        );
        expect(response.status).toBe(200);
      }
    });

    it.each([
      ["payload=null", "payload=null", "application/x-www-form-urlencoded"],
      ["payload that is not JSON", "payload=%7Bnope", "application/x-www-form-urlencoded"],
      ["payload=[]", "payload=%5B%5D", "application/x-www-form-urlencoded"],
      ["a JSON object that is no Slack request", "{}", "application/json"],
      ["JSON null", "null", "application/json"],
      ["an event without its event", '{"type":"event_callback","team_id":"T0SIM00001"}', "application/json"],
      ["a form that is no slash command", "foo=bar", "application/x-www-form-urlencoded"],
      ["plain text", "hallo", "text/plain"],
      ["an empty body", "", "application/json"],
    ])("answers a signed body that is not a Slack request (%s) with a 4xx at once", async (_, body, type) => {
      const { status, ms } = await timed(signedPost(body, type));
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
      expect(ms).toBeLessThan(1000);
    });

    it("answers a command with U+0000 politely, in Dutch", async () => {
      const response = await postSlashCommand(bed.eventsUrl, SIGNING_SECRET, {
        text: "agenda add Wacht\u0000lijsten",
        user_id: seeded.chair.userId,
        team_id: TEAM_ID,
        channel_id: "C0EDGES0002",
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as { text: string }).text).toContain(
        "dit teken kan niet worden opgeslagen",
      );
    });

    it("answers a block_actions payload with a stray `event` field (which Bolt would take for an event) with a 4xx or 200", async () => {
      const response = await postInteraction(
        bed.eventsUrl,
        SIGNING_SECRET,
        blockActionsPayload({
          userId: seeded.gemeente.userId,
          teamId: TEAM_ID,
          actionId: "survey_open",
          value: invitationOf(seeded.gemeente.person.id),
          overrides: { event: 5 },
        }),
      );
      expect(response.status).toBeLessThan(500);
    });

    it("acknowledges an event (the app listens for none), and refuses one whose event is malformed", async () => {
      const event = eventCallbackEnvelope({ teamId: TEAM_ID, event: { type: "message", channel: null } });
      expect((await postEvent(bed.eventsUrl, SIGNING_SECRET, event)).status).toBe(200);
      expect((await postEvent(bed.eventsUrl, SIGNING_SECRET, { ...event, event: null })).status).toBe(400);
    });

    it("answers the url_verification handshake with its challenge", async () => {
      const envelope = urlVerificationEnvelope("uitdaging-123");
      const response = await postEvent(bed.eventsUrl, SIGNING_SECRET, envelope);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain("uitdaging-123");
    });

    it("answers an interaction nobody listens for with a 404 at once", async () => {
      const { status, ms } = await timed(
        postInteraction(
          bed.eventsUrl,
          SIGNING_SECRET,
          blockActionsPayload({ userId: seeded.gemeente.userId, teamId: TEAM_ID, actionId: "iets_anders" }),
        ),
      );
      expect(status).toBe(404);
      expect(ms).toBeLessThan(1000);
    });

    it.each([
      ["actions of the wrong type", { actions: "survey_open" }],
      ["container of the wrong type", { container: 42 }],
      ["actions without an action id", { actions: [{ value: "x" }] }],
      ["channel: null (Bolt reads channel.id unguarded)", { channel: null }],
      ["response_urls: null, without a response_url", { response_url: undefined, response_urls: null }],
    ])("answers block_actions with %s with a 4xx", async (_, overrides) => {
      const response = await postInteraction(
        bed.eventsUrl,
        SIGNING_SECRET,
        blockActionsPayload({
          userId: seeded.gemeente.userId,
          teamId: TEAM_ID,
          actionId: "survey_open",
          value: invitationOf(seeded.gemeente.person.id),
          overrides,
        }),
      );
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
    });

    it("handles block_actions with team: null (an org-wide install) by the user's team", async () => {
      const before = bed.sim.callsTo("views.open").length;
      const response = await postInteraction(
        bed.eventsUrl,
        SIGNING_SECRET,
        blockActionsPayload({
          userId: seeded.verzekeraar.userId,
          teamId: TEAM_ID,
          actionId: "survey_open",
          value: invitationOf(seeded.verzekeraar.person.id),
          overrides: { team: null },
        }),
      );
      expect(response.status).toBe(200);
      await bed.sim.waitForCall("views.open", () => bed.sim.callsTo("views.open").length > before);
    });

    it.each([
      ["state: null", { state: null }],
      ["state.values of the wrong type", { state: { values: "x" } }],
      ["no private_metadata", { private_metadata: undefined }],
    ])("answers a view_submission with %s with a 4xx or a polite message, never a 500", async (_, broken) => {
      const payload = viewSubmissionPayload({
        userId: seeded.gemeente.userId,
        teamId: TEAM_ID,
        callbackId: "survey_submit",
        privateMetadata: vensterModalMetadata(invitationOf(seeded.gemeente.person.id)),
        values: slackStateValues(completeVensterAnswers),
      });
      const view = { ...(payload.view as Record<string, unknown>), ...broken };
      const response = await postInteraction(bed.eventsUrl, SIGNING_SECRET, { ...payload, view });
      expect(response.status).toBeLessThan(500);
      if (response.status === 200) expect(await response.text()).toMatch(/Vragenlijst|opnieuw/);
    });
  });
});
