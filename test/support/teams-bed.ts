import { type RunningApp, startApp } from "../../src/app-runtime.js";
import { parseConfig } from "../../src/config.js";
import type { Database } from "../../src/db/client.js";
import { memberships } from "../../src/db/schema.js";
import { createLogger } from "../../src/logger.js";
import { createOrganisation, createPerson, createRegion } from "./factories.js";
import { SIGNING_SECRET } from "./slack-bed.js";
import { type SlackSimulator, startSlackSimulator } from "./slack-simulator.js";
import {
  type ActivityUser,
  conversationUpdateBotAdded,
  type InboundActivity,
  newAadObjectId,
  TEAMS_TENANT_ID,
  type TeamsUser,
} from "./teams-activities.js";
import { startTeamsConnector, type TeamsConnectorSimulator } from "./teams-connector.js";

export type TeamsBed = {
  connector: TeamsConnectorSimulator;
  /** Present when the bed also runs Slack (cross-platform tests). */
  slack: SlackSimulator | undefined;
  app: RunningApp;
  messagesUrl: string;
  /** POSTs an activity to /api/messages as Teams does; the body is the invoke response, when there is one. */
  post(
    activity: InboundActivity,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
};

/**
 * The real app (Teams AI, outbox, scheduler) on a free port, with Teams authentication off (as in local mode)
 * and every reply going to a Bot Connector simulator; optionally Slack too, against the Slack simulator.
 */
export async function startTeamsBed(
  database: Database,
  options: { withSlack?: boolean; now?: () => Date; env?: Record<string, string> } = {},
): Promise<TeamsBed> {
  const connector = await startTeamsConnector();
  const slack = options.withSlack ? await startSlackSimulator() : undefined;
  const config = parseConfig({
    LOG_LEVEL: "silent",
    ...(slack
      ? {
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_BOT_TOKEN: "xoxb-test-0000000000",
          SLACK_API_URL: slack.apiUrl,
        }
      : {}),
    ...options.env,
  });
  const app = await startApp(
    {
      ...config,
      teams: config.teams ?? { auth: undefined },
      http: { host: "127.0.0.1", port: 0 },
      seedDemo: false,
    },
    createLogger("silent"),
    // The tests run the scheduled work themselves (worker.drain, queueDueReminders, closeDueWaves).
    { database, everyMinute: false, ...(options.now ? { now: options.now } : {}) },
  );
  const messagesUrl = `${app.url}/api/messages`;
  return {
    connector,
    slack,
    app,
    messagesUrl,
    async post(activity, headers = {}) {
      const response = await fetch(messagesUrl, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(activity),
      });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : undefined };
    },
    async close() {
      await app.stop();
      await connector.close();
      await slack?.close();
    },
  };
}

/**
 * A region with a gemeente and a zorgverzekeraar contact person and a chair, each imported by e-mail only and
 * known to Teams (the connector) under that e-mail; `meet` makes them talk to the bot for the first time.
 */
export async function seedTeamsRegion(bed: TeamsBed, database: Database) {
  const { db } = database;
  const region = await createRegion(db);
  const gemeente = await createOrganisation(db, { type: "gemeente", activeIn: [region.id] });
  const verzekeraar = await createOrganisation(db, { type: "zorgverzekeraar", activeIn: [region.id] });
  const secretariaat = await createOrganisation(db, { type: "overig", activeIn: [region.id] });
  const member = async (
    organisationId: string,
    options: { isChair?: boolean; locale?: "nl" | "en" } = {},
  ) => {
    const person = await createPerson(db, { locale: options.locale ?? "nl" });
    await db.insert(memberships).values({
      personId: person.id,
      organisationId,
      regionId: region.id,
      role: "ambtelijk",
      activeFrom: "2026-01-01",
      isChair: options.isChair ?? false,
    });
    const user = bed.connector.registerUser({
      aadObjectId: newAadObjectId(),
      name: person.name,
      // Teams reports the UPN in its own case; matching ignores case.
      email: person.email.toUpperCase(),
      tenantId: TEAMS_TENANT_ID,
    });
    return { person, user };
  };
  return {
    region,
    gemeente: await member(gemeente.id),
    verzekeraar: await member(verzekeraar.id, { locale: "en" }),
    chair: await member(secretariaat.id, { isChair: true }),
  };
}

/** The user installs the app personally: Teams sends conversationUpdate with the bot added. */
export async function meet(bed: TeamsBed, user: TeamsUser | ActivityUser) {
  const response = await bed.post(
    conversationUpdateBotAdded(user, { scope: "personal" }, { serviceUrl: bed.connector.url }),
  );
  if (response.status >= 300) throw new Error(`conversationUpdate answered ${response.status}`);
}
