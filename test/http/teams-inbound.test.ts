import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "../support/database.js";
import { createContactPerson } from "../support/factories.js";
import {
  adaptiveCardAction,
  type InboundActivity,
  newAadObjectId,
  personalConversation,
  personalMessage,
  type TeamsUser,
} from "../support/teams-activities.js";
import { meet, startTeamsBed, type TeamsBed } from "../support/teams-bed.js";

/*
 * What /api/messages answers for activities that are not what Teams sends: checked with zod before botbuilder
 * and Teams AI see them, so a malformed body is a 400, never a 500, and the bot goes on answering.
 */

const database = useTestDatabase();

describe("Teams activities that are not what Teams sends", () => {
  let bed: TeamsBed;
  let user: TeamsUser;

  beforeAll(async () => {
    bed = await startTeamsBed(database.current);
    const { db } = database.current;
    const { person } = await createContactPerson(db);
    user = bed.connector.registerUser({
      aadObjectId: newAadObjectId(),
      name: person.name,
      email: person.email,
    });
    await meet(bed, user);
  });
  afterAll(async () => {
    await bed?.close();
  });

  const raw = (body: string, type = "application/json") =>
    fetch(bed.messagesUrl, { method: "POST", headers: { "content-type": type }, body });

  const invoke = (value: unknown, name = "adaptiveCard/action") => {
    const activity = adaptiveCardAction(
      user,
      { verb: "survey_open", data: { value: "x" } },
      { serviceUrl: bed.connector.url, replyToId: "1", conversation: personalConversation(user) },
    );
    return bed.post({ ...activity, name, value } as InboundActivity);
  };

  it.each([
    ["{}", "{}"],
    ["JSON null", "null"],
    ["a list", "[]"],
    ["broken JSON", "{nope"],
    [
      "an activity without a conversation",
      JSON.stringify({ type: "message", text: "help", from: { id: "x" } }),
    ],
    ["a message whose text is a number", JSON.stringify({ type: "message", text: 42 })],
  ])("answers %s with a 400", async (_, body) => {
    const response = await raw(body);
    expect(response.status).toBe(400);
  });

  it("answers a body that is not JSON with a 400", async () => {
    expect((await raw("type=message", "application/x-www-form-urlencoded")).status).toBe(400);
  });

  it.each([
    ["no value", undefined],
    ["a value without an action", { trigger: "manual" }],
    ["an action without a verb", { action: { type: "Action.Execute", data: {} } }],
    ["a verb that is not ours", { action: { type: "Action.Execute", verb: "drop_tables", data: {} } }],
    ["data that is not an object", { action: { type: "Action.Execute", verb: "survey_open", data: "x" } }],
  ])("answers an adaptiveCard/action invoke with %s with a 4xx", async (_, value) => {
    const response = await invoke(value);
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it("answers an invoke this bot does not handle with a 4xx, not 501", async () => {
    const response = await invoke({ query: "x" }, "composeExtension/query");
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it("answers a card action whose value is no invitation politely, with a card", async () => {
    const response = await invoke({
      action: { type: "Action.Execute", verb: "survey_open", data: { value: 7 } },
    });
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toContain("Deze vragenlijst is niet aan u gestuurd");
  });

  it("answers a message with U+0000 politely and goes on answering", async () => {
    const before = bed.connector.sentTo(bed.connector.personalConversationId(user)).length;
    const response = await bed.post(
      personalMessage(user, "agenda add Wacht\u0000lijst", { serviceUrl: bed.connector.url }),
    );
    expect(response.status).toBe(200);
    const [reply] = bed.connector.sentTo(bed.connector.personalConversationId(user)).slice(before);
    expect(reply?.activity.text).toContain("dit teken kan niet worden opgeslagen");
    expect((await bed.post(personalMessage(user, "help", { serviceUrl: bed.connector.url }))).status).toBe(
      200,
    );
  });
});
