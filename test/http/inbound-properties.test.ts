import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADAPTIVE_CARD_VERBS } from "../../src/app/inbound/dispatch-turn.js";
import { createWave } from "../../src/app/waves/create-wave.js";
import { openWave } from "../../src/app/waves/open-wave.js";
import type { RunningApp } from "../../src/app-runtime.js";
import { invitations, platformIdentities } from "../../src/db/schema.js";
import { useTestDatabase } from "../support/database.js";
import { createContactPerson, uniqueKey } from "../support/factories.js";
import { linkEveryoneLocally, localApi, startLocalApp } from "../support/local-app.js";
import { SIGNING_SECRET, TEAM_ID } from "../support/slack-bed.js";
import {
  blockActionsPayload,
  eventCallbackEnvelope,
  signSlackBody,
  slashCommandFields,
  viewSubmissionPayload,
} from "../support/slack-requests.js";
import {
  adaptiveCardAction,
  newAadObjectId,
  personalConversation,
  personalMessage,
  type TeamsUser,
} from "../support/teams-activities.js";
import { meet, startTeamsBed, type TeamsBed } from "../support/teams-bed.js";
import {
  completeVensterAnswers,
  slackStateValues,
  vensterModalMetadata,
} from "../support/venster-answers.js";

/*
 * Properties of the three ways in (Slack's /slack/events, Teams' /api/messages, the /local API): whatever
 * arrives — random bytes, a valid request cut short, a valid request with one field replaced by any JSON
 * value — is answered with a 4xx or a polite 200, never a 5xx, and the server still answers a valid request
 * afterwards. Slack bodies are signed correctly, so they get past the signature to the parsing behind it.
 */

// Its own database: opening a wave invites every financier contact in it.
const database = useTestDatabase({ isolated: true });

const RUNS = 60;

/** A valid body cut at any point, or with one top-level field replaced by any JSON value, or noise. */
function mangled(valid: Record<string, unknown>, serialise: (value: unknown) => string) {
  const keys = Object.keys(valid);
  return fc.oneof(
    fc.nat({ max: serialise(valid).length }).map((cut) => serialise(valid).slice(0, cut)),
    fc
      .tuple(fc.constantFrom(...keys), fc.oneof(fc.jsonValue(), fc.constant(undefined)))
      .map(([key, value]) => serialise({ ...valid, [key]: value })),
    fc.jsonValue().map((value) => serialise(value)),
    fc.string({ unit: "binary", maxLength: 200 }),
  );
}

/** A nested field replaced: `path` of keys into the valid value. */
function nested(valid: Record<string, unknown>, paths: string[][], serialise: (value: unknown) => string) {
  return fc
    .tuple(fc.constantFrom(...paths), fc.oneof(fc.jsonValue(), fc.constant(null)))
    .map(([path, value]) => serialise(replaceAt(valid, path, value)));
}

function replaceAt(value: unknown, path: string[], replacement: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return replacement;
  const container = (typeof value === "object" && value !== null ? value : {}) as Record<string, unknown>;
  const copy = (Array.isArray(container) ? [...container] : { ...container }) as Record<string, unknown>;
  copy[head] = replaceAt(container[head], rest, replacement);
  return copy;
}

const form = (fields: unknown) => {
  try {
    return new URLSearchParams(fields as Record<string, string>).toString();
  } catch {
    return String(fields);
  }
};
const interaction = (payload: unknown) =>
  new URLSearchParams({ payload: JSON.stringify(payload) }).toString();

describe("every way in answers anything with a 4xx or politely, and keeps serving", () => {
  let bed: TeamsBed;
  let slackUserId: string;
  let teamsUser: TeamsUser;
  let invitationId: string;

  beforeAll(async () => {
    bed = await startTeamsBed(database.current, { withSlack: true });
    const { db } = database.current;
    const { person } = await createContactPerson(db);
    slackUserId = uniqueKey("U").toUpperCase().replaceAll("-", "");
    await db
      .insert(platformIdentities)
      .values({ personId: person.id, platform: "slack", workspaceId: TEAM_ID, userId: slackUserId });
    bed.slack?.addUser({ id: slackUserId, teamId: TEAM_ID, email: person.email });
    teamsUser = bed.connector.registerUser({
      aadObjectId: newAadObjectId(),
      name: person.name,
      email: person.email,
    });
    await meet(bed, teamsUser);
    const name = uniqueKey("Venster");
    await createWave(db, {
      surveyKey: "venster",
      name,
      opensAt: new Date(Date.now() - 3600_000),
      closesAt: new Date(Date.now() + 7 * 86_400_000),
    });
    await openWave(db, name, { now: new Date(), timeZone: "Europe/Amsterdam" });
    const [invitation] = await db.select().from(invitations).where(eq(invitations.personId, person.id));
    invitationId = invitation?.id ?? "";
  });
  afterAll(async () => {
    await bed?.close();
  });

  describe("Slack: POST /slack/events, signed", () => {
    const post = async (body: string, contentType: string) => {
      const response = await fetch(`${bed.app.url}/slack/events`, {
        method: "POST",
        headers: { "content-type": contentType, ...signSlackBody(SIGNING_SECRET, body) },
        body,
      });
      return { status: response.status, text: await response.text() };
    };
    const command = () =>
      slashCommandFields({ text: "help", user_id: slackUserId, team_id: TEAM_ID, channel_id: "C0PROPERTY" });
    const button = () =>
      blockActionsPayload({
        userId: slackUserId,
        teamId: TEAM_ID,
        actionId: "survey_open",
        value: invitationId,
      });
    const submission = () =>
      viewSubmissionPayload({
        userId: slackUserId,
        teamId: TEAM_ID,
        callbackId: "survey_submit",
        privateMetadata: vensterModalMetadata(invitationId),
        values: slackStateValues(completeVensterAnswers),
      });

    const event = () =>
      eventCallbackEnvelope({
        teamId: TEAM_ID,
        event: { type: "message", channel: "C0PROPERTY", user: slackUserId },
      });

    const slackBodies = () =>
      fc.oneof(
        mangled(command(), form).map((body) => [body, "application/x-www-form-urlencoded"] as const),
        mangled(button(), interaction).map((body) => [body, "application/x-www-form-urlencoded"] as const),
        mangled(submission(), interaction).map(
          (body) => [body, "application/x-www-form-urlencoded"] as const,
        ),
        nested(
          button(),
          [
            ["actions"],
            ["actions", "0"],
            ["actions", "0", "value"],
            ["user"],
            ["team"],
            ["channel"],
            ["container"],
            // Fields Bolt itself reads; a stray `event` makes it take the body for an Events API delivery.
            ["event"],
            ["enterprise"],
            ["response_url"],
            ["response_urls"],
            ["function_data"],
          ],
          interaction,
        ).map((body) => [body, "application/x-www-form-urlencoded"] as const),
        nested(
          submission(),
          [
            ["view"],
            ["view", "state"],
            ["view", "state", "values"],
            ["view", "state", "values", "agenda_tevreden"],
            ["view", "state", "values", "agenda_toelichting", "value"],
            ["view", "private_metadata"],
            ["view", "app_installed_team_id"],
            ["user"],
            ["team"],
            ["response_urls"],
            ["enterprise"],
          ],
          interaction,
        ).map((body) => [body, "application/x-www-form-urlencoded"] as const),
        mangled(event(), JSON.stringify).map((body) => [body, "application/json"] as const),
        nested(
          event(),
          [["event"], ["event", "channel"], ["event", "item"], ["event", "user"]],
          JSON.stringify,
        ).map((body) => [body, "application/json"] as const),
        fc.jsonValue().map((value) => [JSON.stringify(value), "application/json"] as const),
        fc
          .tuple(
            fc.string({ unit: "binary", maxLength: 200 }),
            fc.constantFrom("application/json", "text/plain"),
          )
          .map(([body, type]) => [body, type] as const),
      );

    it("never answers 5xx", async () => {
      await fc.assert(
        fc.asyncProperty(slackBodies(), async ([body, contentType]) => {
          const { status } = await post(body, contentType);
          expect(status).toBeGreaterThanOrEqual(200);
          expect(status).toBeLessThan(500);
        }),
        { numRuns: RUNS * 2 },
      );
      const help = await post(new URLSearchParams(command()).toString(), "application/x-www-form-urlencoded");
      expect(help.status).toBe(200);
      expect(help.text).toContain("Regiotafel-commando's");
    });
  });

  describe("Teams: POST /api/messages", () => {
    const post = async (body: string) => {
      const response = await fetch(bed.messagesUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      await response.text();
      return response.status;
    };
    const message = () => personalMessage(teamsUser, "help", { serviceUrl: bed.connector.url });
    const action = (verb: string) =>
      adaptiveCardAction(
        teamsUser,
        { verb, data: { value: invitationId, invitationId } },
        { serviceUrl: bed.connector.url, replyToId: "1", conversation: personalConversation(teamsUser) },
      );

    const teamsBodies = () =>
      fc.oneof(
        mangled(message() as unknown as Record<string, unknown>, JSON.stringify),
        mangled(action("survey_submit") as unknown as Record<string, unknown>, JSON.stringify),
        nested(
          action("survey_submit") as unknown as Record<string, unknown>,
          [
            ["value"],
            ["value", "action"],
            ["value", "action", "data"],
            ["value", "action", "data", "agenda_tevreden"],
          ],
          JSON.stringify,
        ),
        nested(
          action("agenda_confirm") as unknown as Record<string, unknown>,
          [["value", "action", "data"], ["value", "action", "data", "value"], ["from"], ["conversation"]],
          JSON.stringify,
        ),
        fc
          .tuple(fc.constantFrom(...ADAPTIVE_CARD_VERBS), fc.dictionary(fc.string(), fc.jsonValue()))
          .map(([verb, data]) => {
            const activity = action(verb);
            return JSON.stringify({ ...activity, value: { action: { type: "Action.Execute", verb, data } } });
          }),
      );

    it("never answers 5xx", async () => {
      await fc.assert(
        fc.asyncProperty(teamsBodies(), async (body) => {
          const status = await post(body);
          expect(status).toBeGreaterThanOrEqual(200);
          expect(status).toBeLessThan(500);
        }),
        { numRuns: RUNS },
      );
      const before = bed.connector.sentTo(bed.connector.personalConversationId(teamsUser)).length;
      expect(await post(JSON.stringify(message()))).toBe(200);
      const replies = bed.connector.sentTo(bed.connector.personalConversationId(teamsUser)).slice(before);
      expect(replies.map((r) => r.activity.text).join()).toContain("Regiotafel-commando");
    });
  });
});

describe("/local: the page's JSON API", () => {
  let app: RunningApp;
  let personId: string;
  let cardId: string;
  let invitationId: string;

  beforeAll(async () => {
    const { db } = database.current;
    app = await startLocalApp(database.current);
    const { person } = await createContactPerson(db);
    personId = person.id;
    await linkEveryoneLocally(app);
    const name = uniqueKey("Venster lokaal");
    await createWave(db, {
      surveyKey: "venster",
      name,
      opensAt: new Date(Date.now() - 3600_000),
      closesAt: new Date(Date.now() + 7 * 86_400_000),
    });
    await openWave(db, name, { now: new Date(), timeZone: "Europe/Amsterdam" });
    await app.worker?.drain(0);
    const [invitation] = await db.select().from(invitations).where(eq(invitations.personId, personId));
    invitationId = invitation?.id ?? "";
    const { messages } = await localApi(app.url, personId).messages();
    cardId = messages.find((m) => JSON.stringify(m.card).includes(invitationId))?.id ?? "";
  });
  afterAll(async () => {
    await app?.stop();
  });

  const post = async (path: "messages" | "actions", body: string) => {
    const response = await fetch(`${app.url}/local/api/people/${personId}/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    await response.text();
    return response.status;
  };

  it("never answers 5xx", async () => {
    expect(cardId).not.toBe("");
    const line = { requestId: crypto.randomUUID(), conversation: "dm", text: "help" };
    const action = {
      requestId: crypto.randomUUID(),
      messageId: cardId,
      verb: "survey_submit",
      data: { invitationId, ...completeVensterAnswers },
    };
    const bodies = fc.oneof(
      mangled(line, JSON.stringify).map((body) => ["messages", body] as const),
      mangled(action, JSON.stringify).map((body) => ["actions", body] as const),
      fc
        .tuple(fc.constantFrom(...ADAPTIVE_CARD_VERBS), fc.dictionary(fc.string(), fc.jsonValue()))
        .map(
          ([verb, data]) =>
            ["actions", JSON.stringify({ ...action, requestId: crypto.randomUUID(), verb, data })] as const,
        ),
      fc
        .string({ unit: "binary", maxLength: 300 })
        .map(
          (text) => ["messages", JSON.stringify({ ...line, requestId: crypto.randomUUID(), text })] as const,
        ),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async ([path, body]) => {
        const status = await post(path, body);
        expect(status).toBeGreaterThanOrEqual(200);
        expect(status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    expect(await post("messages", JSON.stringify({ ...line, requestId: crypto.randomUUID() }))).toBe(201);
  });
});
