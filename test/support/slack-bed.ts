import { type RunningApp, startApp } from "../../src/app-runtime.js";
import { parseConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { memberships, platformIdentities } from "../../src/db/schema.js";
import { createLogger } from "../../src/logger.js";
import { createOrganisation, createPerson, createRegion, uniqueKey } from "./factories.js";
import { postInteraction, viewSubmissionPayload } from "./slack-requests.js";
import { type SlackSimulator, startSlackSimulator } from "./slack-simulator.js";
import { slackStateValues, vensterModalMetadata } from "./venster-answers.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const TEAM_ID = "T0SIM00001";

export type SlackBed = { sim: SlackSimulator; app: RunningApp; eventsUrl: string; close(): Promise<void> };

/** The real app (Bolt, outbox, scheduler) on a free port, talking to a Slack simulator, on the test database. */
export async function startSlackBed(
  database: Database,
  options: { env?: Record<string, string>; now?: () => Date } = {},
): Promise<SlackBed> {
  const sim = await startSlackSimulator();
  const config = parseConfig({
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: "xoxb-test-0000000000",
    SLACK_API_URL: sim.apiUrl,
    LOG_LEVEL: "silent",
    ...options.env,
  });
  const app = await startApp(
    { ...config, http: { host: "127.0.0.1", port: 0 }, seedDemo: false },
    createLogger("silent"),
    // The tests run the scheduled work themselves (worker.drain, queueDueReminders, closeDueWaves).
    { database, everyMinute: false, ...(options.now ? { now: options.now } : {}) },
  );
  return {
    sim,
    app,
    eventsUrl: `${app.url}/slack/events`,
    async close() {
      await app.stop();
      await sim.close();
    },
  };
}

/**
 * A region with a gemeente and a zorgverzekeraar, each with one Slack contact person, a chair (from an
 * "overig" organisation, so not surveyed), and a zorgaanbieder contact (not surveyed either).
 */
export async function seedSlackRegion(database: Database, sim: SlackSimulator) {
  const { db } = database;
  const region = await createRegion(db);
  const gemeente = await createOrganisation(db, { type: "gemeente", activeIn: [region.id] });
  const verzekeraar = await createOrganisation(db, { type: "zorgverzekeraar", activeIn: [region.id] });
  const secretariaat = await createOrganisation(db, { type: "overig", activeIn: [region.id] });
  const aanbieder = await createOrganisation(db, { type: "zorgaanbieder", activeIn: [region.id] });
  const member = async (
    organisationId: string,
    options: { isChair?: boolean; locale?: "nl" | "en" } = {},
  ) => {
    const person = await createPerson(db, { locale: options.locale ?? "nl" });
    const userId = uniqueKey("U").toUpperCase().replaceAll("-", "");
    await db
      .insert(platformIdentities)
      .values({ personId: person.id, platform: "slack", workspaceId: TEAM_ID, userId });
    await db.insert(memberships).values({
      personId: person.id,
      organisationId,
      regionId: region.id,
      role: "ambtelijk",
      activeFrom: "2026-01-01",
      isChair: options.isChair ?? false,
    });
    sim.addUser({ id: userId, teamId: TEAM_ID, email: person.email });
    return { person, userId };
  };
  return {
    region,
    gemeente: await member(gemeente.id),
    verzekeraar: await member(verzekeraar.id, { locale: "en" }),
    chair: await member(secretariaat.id, { isChair: true }),
    aanbieder: await member(aanbieder.id),
  };
}

/** A venster modal submitted by `userId`, signed as Slack signs it; `options` pass through (bad signature, retries). */
export function submitVensterModal(
  bed: SlackBed,
  submission: {
    userId: string;
    invitationId: string;
    answers: Record<string, boolean | string>;
    viewId?: string;
    locale?: "nl" | "en";
  },
  options?: Parameters<typeof postInteraction>[3],
): Promise<Response> {
  return postInteraction(
    bed.eventsUrl,
    SIGNING_SECRET,
    viewSubmissionPayload({
      userId: submission.userId,
      teamId: TEAM_ID,
      callbackId: "survey_submit",
      privateMetadata: vensterModalMetadata(submission.invitationId, submission.locale),
      values: slackStateValues(submission.answers),
      ...(submission.viewId ? { viewId: submission.viewId } : {}),
    }),
    options,
  );
}
