import { generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { AppCredentials } from "botframework-connector";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { type RunningApp, startApp } from "../../src/app-runtime.js";
import type { TeamsAuth } from "../../src/bot/teams/teams-app.js";
import { parseConfig } from "../../src/config.js";
import { platformConversations, platformIdentities, processedRequests } from "../../src/db/schema.js";
import { createLogger } from "../../src/logger.js";
import { useTestDatabase } from "../support/database.js";
import { createPerson } from "../support/factories.js";
import {
  BOT_APP_ID,
  channelMessage,
  type InboundActivity,
  newAadObjectId,
  TEAM_ID,
  TEAMS_TENANT_ID,
  type TeamsUser,
} from "../support/teams-activities.js";
import { startTeamsConnector, type TeamsConnectorSimulator } from "../support/teams-connector.js";

/*
 * Bot Framework authentication at POST /api/messages, with MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD set:
 * a request without a valid token is refused and changes nothing; a token the Bot Framework would issue is
 * accepted.
 *
 * Nothing here may reach outside this machine, and botbuilder fetches signing keys from
 * login.botframework.com (Entra for Emulator-shaped tokens) and outbound tokens from login.microsoftonline.com.
 * Every socket this process opens is therefore checked: anything but loopback is refused before DNS and
 * recorded, and each test asserts that nothing was. Two apps run on the same database:
 * - `production`: the configuration exactly as parseConfig builds it. It only gets requests that botbuilder
 *   refuses before looking up any key (read from botframework-connector 4.23's auth code): no Authorization
 *   header (empty header: 401 at once), a bearer value that is not a JWT, and a JWT whose issuer is not the
 *   Bot Framework's (JwtTokenExtractor.hasAllowedIssuer answers null before any key look-up; a token with an
 *   Emulator/Entra issuer or a skill's shape WOULD fetch Entra's keys, so none is sent).
 * - `localKeys`: the same, with `openIdMetadataUrl` pointing at a local OpenID document whose JWKS holds a key
 *   of ours (as login.botframework.com publishes Microsoft's, endorsed for msteams). Tokens signed with it are
 *   checked for real: issuer, audience (our app id), service URL, expiry, signature.
 * The bot's own calls to the connector need a token from Entra; the accepted case seeds botbuilder's token
 * cache (AppCredentials.cache, private) so that the simulator sees that token and Entra is never asked.
 */

// Its own database: this app runs a real outbox worker, which must not deliver other files' messages.
const database = useTestDatabase({ isolated: true });

const APP_ID = BOT_APP_ID;
const BOT_FRAMEWORK_ISSUER = "https://api.botframework.com";
/** The scope of the bot's own tokens for the connector (AuthenticationConstants.ToChannelFromBotOAuthScope). */
const CONNECTOR_SCOPE = "https://api.botframework.com";
const SIGNING_KEY_ID = "regiotafel-test-signing-key";
/** What the bot sends to the connector once "Entra" has given it a token (seeded, see above). */
const OUTBOUND_TOKEN = `outbound-${randomBytes(8).toString("hex")}`;

// ---- No outside address: every socket this test process opens is checked (before any DNS look-up). ----

const LOOPBACK = new Set(["127.0.0.1", "::1", "localhost"]);
const outsideAttempts: string[] = [];
const originalConnect = net.Socket.prototype.connect;

/** Where Socket#connect is asked to go: a host, or undefined for a local (Unix) socket path. */
function destinationOf(args: unknown[]): string | undefined {
  // net.connect passes its normalised arguments as one array.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === "object" && first !== null) {
    const options = first as { host?: string; path?: string };
    return options.path ? undefined : (options.host ?? "localhost");
  }
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    return typeof args[1] === "string" ? args[1] : "localhost";
  }
  return undefined;
}

function refuseOutsideConnections() {
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const destination = destinationOf(args);
    if (destination !== undefined && !LOOPBACK.has(destination)) {
      outsideAttempts.push(destination);
      process.nextTick(() => this.destroy(new Error(`test: no connections outside (${destination})`)));
      return this;
    }
    return originalConnect.apply(this, args as Parameters<typeof originalConnect>);
  } as typeof originalConnect;
}

// From the moment this file loads, before the database or any app is opened.
refuseOutsideConnections();

// ---- A local OpenID configuration with our signing key, and tokens signed like the Bot Framework's. ----

const signingKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
const strangerKey = generateKeyPairSync("rsa", { modulusLength: 2048 });

type OpenIdServer = { url: string; requests: string[]; close(): Promise<void> };

async function startOpenIdServer(): Promise<OpenIdServer> {
  const requests: string[] = [];
  const jwk = signingKey.publicKey.export({ format: "jwk" });
  let base = "";
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const json = (body: unknown) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.url === "/v1/.well-known/openidconfiguration") {
      return json({
        issuer: BOT_FRAMEWORK_ISSUER,
        authorization_endpoint: "https://invalid.example/",
        jwks_uri: `${base}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ["RS256"],
        token_endpoint_auth_methods_supported: ["private_key_jwt"],
      });
    }
    if (req.url === "/v1/.well-known/keys") {
      return json({
        keys: [
          { kty: "RSA", use: "sig", kid: SIGNING_KEY_ID, n: jwk.n, e: jwk.e, endorsements: ["msteams"] },
        ],
      });
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: `${base}/v1/.well-known/openidconfiguration`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** An RS256 JWT, signed with `key` and naming `kid` as its key. */
function jwt(claims: Record<string, unknown>, key: KeyObject, kid = SIGNING_KEY_ID): string {
  const input = `${base64url({ alg: "RS256", typ: "JWT", kid, x5t: kid })}.${base64url(claims)}`;
  return `${input}.${sign("sha256", Buffer.from(input), key).toString("base64url")}`;
}

/** The claims of a token the Bot Framework sends with a Teams activity for this bot. */
function channelClaims(serviceUrl: string, overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    iss: BOT_FRAMEWORK_ISSUER,
    aud: APP_ID,
    serviceurl: serviceUrl,
    nbf: now - 60,
    iat: now - 60,
    exp: now + 3600,
    ...overrides,
  };
}

// ---- The apps under test. ----

type Bed = { app: RunningApp; messagesUrl: string };

async function startAuthenticatedApp(openIdMetadataUrl?: string): Promise<Bed> {
  const config = parseConfig({
    LOG_LEVEL: "silent",
    MICROSOFT_APP_ID: APP_ID,
    MICROSOFT_APP_PASSWORD: "not-a-real-secret",
  });
  const parsedAuth = config.teams?.auth;
  if (!parsedAuth) throw new Error("parseConfig should turn Teams authentication on");
  const auth: TeamsAuth = openIdMetadataUrl ? { ...parsedAuth, openIdMetadataUrl } : parsedAuth;
  const app = await startApp(
    { ...config, teams: { auth }, http: { host: "127.0.0.1", port: 0 }, seedDemo: false },
    createLogger("silent"),
    { database: database.current, everyMinute: false },
  );
  // app.url says "localhost"; the test only ever talks to 127.0.0.1.
  const port = new URL(app.url).port;
  return { app, messagesUrl: `http://127.0.0.1:${port}/api/messages` };
}

describe("Teams authentication (MICROSOFT_APP_ID set)", () => {
  let connector: TeamsConnectorSimulator;
  let openId: OpenIdServer;
  let production: Bed;
  let localKeys: Bed;
  const tokenCache = (AppCredentials as unknown as { cache: Map<string, unknown> }).cache;
  const tokenCacheKey = `${APP_ID}${CONNECTOR_SCOPE}-cache`;

  beforeAll(async () => {
    // botbuilder logs every refused request with console.error.
    vi.spyOn(console, "error").mockImplementation(() => {});
    connector = await startTeamsConnector();
    openId = await startOpenIdServer();
    production = await startAuthenticatedApp();
    localKeys = await startAuthenticatedApp(openId.url);
  });
  afterAll(async () => {
    tokenCache.delete(tokenCacheKey);
    await production?.app.stop();
    await localKeys?.app.stop();
    await openId?.close();
    await connector?.close();
    net.Socket.prototype.connect = originalConnect;
    vi.restoreAllMocks();
  });

  /**
   * A person imported by e-mail, known to Teams under that e-mail, writing "help" in a fresh team channel:
   * let through, this links their identity, stores the channel, records the activity id and replies.
   */
  async function newcomerInChannel(): Promise<{ user: TeamsUser; activity: InboundActivity }> {
    const person = await createPerson(database.current.db);
    const user = connector.registerUser({
      aadObjectId: newAadObjectId(),
      name: person.name,
      email: person.email,
      tenantId: TEAMS_TENANT_ID,
    });
    const channelId = `19:${randomBytes(16).toString("hex")}@thread.tacv2`;
    const activity = channelMessage(user, "help", { serviceUrl: connector.url, channelId, teamId: TEAM_ID });
    return { user, activity };
  }

  async function post(bed: Bed, activity: InboundActivity, authorization?: string) {
    const response = await fetch(bed.messagesUrl, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(authorization !== undefined ? { authorization } : {}),
      },
      body: JSON.stringify(activity),
    });
    await response.text();
    return response.status;
  }

  /** Everything the activity would have changed, had it been let through. */
  async function effectsOf(user: TeamsUser, activity: InboundActivity) {
    const { db } = database.current;
    const channelId = (activity.channelData.channel as { id: string }).id;
    return {
      processed: await db
        .select()
        .from(processedRequests)
        .where(
          and(
            eq(processedRequests.platform, "teams"),
            eq(processedRequests.requestId, `${activity.conversation.id}|${activity.id}`),
          ),
        ),
      identities: await db
        .select()
        .from(platformIdentities)
        .where(
          and(eq(platformIdentities.platform, "teams"), eq(platformIdentities.userId, user.aadObjectId)),
        ),
      conversations: await db
        .select()
        .from(platformConversations)
        .where(
          and(
            eq(platformConversations.platform, "teams"),
            eq(platformConversations.conversationId, channelId),
          ),
        ),
    };
  }

  async function expectRefusedWithoutEffect(
    bed: () => Bed,
    authorization: ((activity: InboundActivity) => string) | undefined,
    status: number,
  ) {
    const { user, activity } = await newcomerInChannel();
    const connectorCalls = connector.calls.length;
    expect(await post(bed(), activity, authorization?.(activity))).toBe(status);
    expect(await effectsOf(user, activity)).toEqual({ processed: [], identities: [], conversations: [] });
    expect(connector.calls.slice(connectorCalls)).toEqual([]);
    expect(outsideAttempts).toEqual([]);
  }

  const beds = [
    ["as configured from the environment", () => production],
    ["with signing keys from a local OpenID document", () => localKeys],
  ] as const;

  describe.each(beds)("refused before any key is looked up, %s", (_name, bed) => {
    it("no Authorization header: 401, nothing changes", async () => {
      await expectRefusedWithoutEffect(bed, undefined, 401);
    });

    it("a bearer value that is not a JWT: 401, nothing changes", async () => {
      await expectRefusedWithoutEffect(bed, () => "Bearer not.a-token", 401);
    });

    it("a well-formed JWT signed by a key of our own, from the wrong issuer: 401, nothing changes", async () => {
      await expectRefusedWithoutEffect(
        bed,
        (activity) =>
          `Bearer ${jwt(channelClaims(activity.serviceUrl, { iss: "https://issuer.invalid/" }), signingKey.privateKey)}`,
        401,
      );
    });

    it("a bearer token under another scheme name: 401, nothing changes", async () => {
      await expectRefusedWithoutEffect(
        bed,
        (activity) => `Basic ${jwt(channelClaims(activity.serviceUrl), signingKey.privateKey)}`,
        401,
      );
    });
  });

  describe("tokens checked against the published keys", () => {
    it("the right issuer, but a key that is not published: 401, nothing changes", async () => {
      await expectRefusedWithoutEffect(
        () => localKeys,
        (activity) =>
          `Bearer ${jwt(channelClaims(activity.serviceUrl), strangerKey.privateKey, "someone-elses-key")}`,
        401,
      );
    });

    it("for another bot (audience is another app id): 401, nothing changes", async () => {
      await expectRefusedWithoutEffect(
        () => localKeys,
        (activity) =>
          `Bearer ${jwt(channelClaims(activity.serviceUrl, { aud: crypto.randomUUID() }), signingKey.privateKey)}`,
        401,
      );
    });

    it("issued for another service URL (replies would go elsewhere): 401, nothing changes", async () => {
      await expectRefusedWithoutEffect(
        () => localKeys,
        () => `Bearer ${jwt(channelClaims("https://smba.trafficmanager.net/emea/"), signingKey.privateKey)}`,
        401,
      );
    });

    it("expired: 401, nothing changes", async () => {
      const past = Math.floor(Date.now() / 1000) - 7200;
      await expectRefusedWithoutEffect(
        () => localKeys,
        (activity) =>
          `Bearer ${jwt(channelClaims(activity.serviceUrl, { nbf: past - 3600, iat: past - 3600, exp: past }), signingKey.privateKey)}`,
        401,
      );
    });

    it("naming the published key but signed by another (forged): 401, nothing changes", async () => {
      // jsonwebtoken's "invalid signature" is not botbuilder's AuthenticationError; our adapter maps it to 401.
      await expectRefusedWithoutEffect(
        () => localKeys,
        (activity) => `Bearer ${jwt(channelClaims(activity.serviceUrl), strangerKey.privateKey)}`,
        401,
      );
    });

    it("a token as the Bot Framework issues it is accepted: the activity is handled and answered", async () => {
      // What Entra would have given the bot for calling the connector (see the comment at the top).
      tokenCache.set(tokenCacheKey, {
        accessToken: OUTBOUND_TOKEN,
        expiresOn: new Date(Date.now() + 3600_000),
      });
      const { user, activity } = await newcomerInChannel();
      const token = jwt(channelClaims(activity.serviceUrl), signingKey.privateKey);
      const connectorCalls = connector.calls.length;

      expect(await post(localKeys, activity, `Bearer ${token}`)).toBe(200);

      const effects = await effectsOf(user, activity);
      expect(effects.processed).toHaveLength(1);
      expect(effects.identities).toMatchObject([{ workspaceId: TEAMS_TENANT_ID, userId: user.aadObjectId }]);
      expect(effects.conversations).toMatchObject([{ workspaceId: TEAMS_TENANT_ID, scope: "channel" }]);
      // Help is for the one who asked: it goes to their personal chat, the thread gets a note.
      const reply = await connector.waitForSent((s) => s.replyToActivityId === activity.id);
      expect(reply.activity.text).toContain("privébericht");
      const help = connector.sentTo(connector.personalConversationId(user));
      expect(help.map((s) => s.activity.text ?? "").join("\n")).toContain("Regiotafel-commando's");
      // The member look-up (their e-mail), opening the personal chat, the answer there and the note in the
      // thread all carried the bot's own token.
      const calls = connector.calls.slice(connectorCalls);
      // (botbuilder posts in a conversation it created as a reply to that conversation's id.)
      expect(calls.map((c) => c.route)[0]).toBe("getConversationMember");
      expect(calls.slice(1).map((c) => [c.route, c.conversationId])).toEqual([
        ["createConversation", connector.personalConversationId(user)],
        ["replyToActivity", connector.personalConversationId(user)],
        ["replyToActivity", activity.conversation.id],
      ]);
      expect(calls.every((c) => c.authorization === `Bearer ${OUTBOUND_TOKEN}`)).toBe(true);
      // The keys came from the local document, and nothing else was asked for outside.
      expect(openId.requests).toContain("/v1/.well-known/keys");
      expect(outsideAttempts).toEqual([]);
    });
  });
});
