import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.js";

const cwd = "/srv/regiotafel";
const slack = {
  SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
  SLACK_BOT_TOKEN: "xoxb-123-456-abc",
};
const teams = {
  MICROSOFT_APP_ID: "00000000-0000-4000-8000-000000000001",
  MICROSOFT_APP_PASSWORD: "geheim-wachtwoord",
};

function failure(env: NodeJS.ProcessEnv): ConfigError {
  try {
    parseConfig(env, cwd);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error("parseConfig accepted a bad environment");
}

describe("parseConfig", () => {
  it("runs the embedded default with no environment at all", () => {
    expect(parseConfig({}, cwd)).toEqual({
      localMode: true,
      database: { kind: "pglite", dataDir: "/srv/regiotafel/data" },
      http: { host: "127.0.0.1", port: 3978 },
      slack: undefined,
      // Teams without authentication, for the Agents Playground on this machine.
      teams: { auth: undefined },
      timeZone: "Europe/Amsterdam",
      locale: "nl",
      logLevel: "info",
      seedDemo: true,
      publicUrl: "http://localhost:3978",
      anonymityThreshold: 3,
      deliveryMaxAttempts: 5,
      outboxLeaseMs: 30_000,
      nationalCoordinators: [],
      meetingReminders: { personDays: [7, 1], channelAgendaDays: 2 },
      venster: { outlierMargin: 0.2, outlierMinRespondents: 5 },
    });
  });

  it("uses PostgreSQL, the platforms and every override when they are set", () => {
    const config = parseConfig(
      {
        DATABASE_URL: "postgres://regiotafel@db.internal:5432/regiotafel",
        PORT: "8080",
        ...slack,
        SLACK_API_URL: "http://127.0.0.1:4010/api/",
        ...teams,
        MICROSOFT_APP_TENANT_ID: "00000000-0000-4000-8000-0000000000aa",
        TZ_DEFAULT: "Europe/Brussels",
        LOCALE_DEFAULT: "en",
        LOG_LEVEL: "warn",
      },
      cwd,
    );
    expect(config).toMatchObject({
      localMode: false,
      database: { kind: "postgres", url: "postgres://regiotafel@db.internal:5432/regiotafel" },
      http: { host: "0.0.0.0", port: 8080 },
      slack: {
        signingSecret: slack.SLACK_SIGNING_SECRET,
        botToken: slack.SLACK_BOT_TOKEN,
        apiUrl: "http://127.0.0.1:4010/api/",
      },
      teams: {
        auth: {
          appId: teams.MICROSOFT_APP_ID,
          appPassword: teams.MICROSOFT_APP_PASSWORD,
          tenantId: "00000000-0000-4000-8000-0000000000aa",
        },
      },
      timeZone: "Europe/Brussels",
      locale: "en",
      logLevel: "warn",
      seedDemo: false,
    });
  });

  it("serves Teams without authentication only in local mode", () => {
    expect(parseConfig(slack, cwd).teams).toBeUndefined();
    expect(parseConfig(teams, cwd).teams?.auth?.appId).toBe(teams.MICROSOFT_APP_ID);
  });

  it("reads the meeting reminder days, and refuses what is not a list of days", () => {
    expect(
      parseConfig({ MEETING_REMINDER_DAYS: "14, 3,1", MEETING_AGENDA_DAYS: "3" }, cwd).meetingReminders,
    ).toEqual({
      personDays: [14, 3, 1],
      channelAgendaDays: 3,
    });
    expect(() => parseConfig({ MEETING_REMINDER_DAYS: "een week" }, cwd)).toThrow(
      /MEETING_REMINDER_DAYS verwacht dagen/,
    );
  });

  it("reads the venster outlier rule, and refuses a margin outside 0..1 or a non-integer minimum", () => {
    expect(
      parseConfig({ VENSTER_OUTLIER_MARGIN: "0.15", VENSTER_OUTLIER_MIN_RESPONDENTS: "3" }, cwd).venster,
    ).toEqual({ outlierMargin: 0.15, outlierMinRespondents: 3 });
    for (const margin of ["0", "1", "20", "-0.1", "twintig"]) {
      expect(() => parseConfig({ VENSTER_OUTLIER_MARGIN: margin }, cwd)).toThrow(
        /VENSTER_OUTLIER_MARGIN verwacht een fractie groter dan 0 en kleiner dan 1/,
      );
    }
    for (const minimum of ["0", "2.5", "vijf"]) {
      expect(() => parseConfig({ VENSTER_OUTLIER_MIN_RESPONDENTS: minimum }, cwd)).toThrow(
        /VENSTER_OUTLIER_MIN_RESPONDENTS verwacht een geheel getal vanaf 1/,
      );
    }
  });

  it("reads the outbox lease in seconds, and refuses one too short to renew or too long to wait for", () => {
    expect(parseConfig({ OUTBOX_LEASE_SECONDS: "12" }, cwd).outboxLeaseMs).toBe(12_000);
    for (const seconds of ["2", "601", "7.5", "lang"]) {
      expect(() => parseConfig({ OUTBOX_LEASE_SECONDS: seconds }, cwd)).toThrow(
        /OUTBOX_LEASE_SECONDS verwacht een geheel aantal seconden van 3 tot en met 600/,
      );
    }
  });

  it("treats an empty variable as unset", () => {
    expect(parseConfig({ PORT: "", DATABASE_URL: "", DATA_DIR: "" }, cwd).http.port).toBe(3978);
  });

  it.each([
    [
      { PORT: "abc" },
      'Ongeldige configuratie: PORT verwacht een poortnummer van 1 tot en met 65535 (nu: "abc").',
    ],
    [
      { PORT: "70000" },
      'Ongeldige configuratie: PORT verwacht een poortnummer van 1 tot en met 65535 (nu: "70000").',
    ],
    [
      { PORT: "80.5" },
      'Ongeldige configuratie: PORT verwacht een poortnummer van 1 tot en met 65535 (nu: "80.5").',
    ],
    [
      { DATABASE_URL: "mysql://root@localhost/test" },
      "Ongeldige configuratie: DATABASE_URL verwacht een PostgreSQL-URL (postgres://gebruiker@host:poort/database).",
    ],
    [
      { TZ_DEFAULT: "Europe/Utrecht" },
      'Ongeldige configuratie: TZ_DEFAULT verwacht een IANA-tijdzone, bijvoorbeeld Europe/Amsterdam (nu: "Europe/Utrecht").',
    ],
    [{ LOCALE_DEFAULT: "de" }, 'Ongeldige configuratie: LOCALE_DEFAULT verwacht nl of en (nu: "de").'],
    [
      { LOG_LEVEL: "loud" },
      'Ongeldige configuratie: LOG_LEVEL verwacht fatal, error, warn, info, debug, trace of silent (nu: "loud").',
    ],
    [
      { SEED_DEMO: "misschien" },
      'Ongeldige configuratie: SEED_DEMO verwacht true of false (nu: "misschien").',
    ],
    [
      { SLACK_API_URL: "slack api" },
      'Ongeldige configuratie: SLACK_API_URL verwacht een URL, bijvoorbeeld https://slack.com/api/ (nu: "slack api").',
    ],
    [
      { ...teams, MICROSOFT_APP_ID: "mijn-bot" },
      'Ongeldige configuratie: MICROSOFT_APP_ID verwacht de app-id (een GUID) van de Azure Bot-registratie (nu: "mijn-bot").',
    ],
    [
      { ...teams, MICROSOFT_APP_TENANT_ID: "contoso" },
      'Ongeldige configuratie: MICROSOFT_APP_TENANT_ID verwacht de tenant-id (een GUID) van de Azure-tenant (nu: "contoso").',
    ],
    [
      { MICROSOFT_APP_ID: teams.MICROSOFT_APP_ID },
      "Ongeldige configuratie: MICROSOFT_APP_PASSWORD ontbreekt: verplicht zodra MICROSOFT_APP_ID is gezet.",
    ],
    [
      { SLACK_SIGNING_SECRET: slack.SLACK_SIGNING_SECRET },
      "Ongeldige configuratie: SLACK_BOT_TOKEN ontbreekt: verplicht zodra SLACK_SIGNING_SECRET is gezet.",
    ],
    [
      { SLACK_BOT_TOKEN: slack.SLACK_BOT_TOKEN },
      "Ongeldige configuratie: SLACK_SIGNING_SECRET ontbreekt: verplicht zodra SLACK_BOT_TOKEN is gezet.",
    ],
  ])("refuses %o with one clear line", (env, message) => {
    const error = failure(env);
    expect(error.message).toBe(message);
    expect(error.message).not.toContain("\n");
  });

  it("names a bad secret without repeating its value", () => {
    const token = "xoxp-user-token-that-must-not-leak";
    const error = failure({ ...slack, SLACK_BOT_TOKEN: token });
    expect(error.message).toBe(
      "Ongeldige configuratie: SLACK_BOT_TOKEN verwacht een bot-token dat begint met xoxb-.",
    );
    expect(error.variable).toBe("SLACK_BOT_TOKEN");
    const short = failure({ ...slack, SLACK_SIGNING_SECRET: "kort" });
    expect(short.message).not.toContain("kort");
    const url = failure({ DATABASE_URL: "mysql://root:hunter2@db/x" });
    expect(url.message).not.toContain("hunter2");
  });
});
