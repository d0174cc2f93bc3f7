import path from "node:path";
import { z } from "zod";

/**
 * The environment, parsed once at start-up. A bad value stops start-up with one line that names the
 * variable and what it expects; secret values are never echoed back.
 */

const SECRET_VARIABLES = new Set([
  "DATABASE_URL",
  "SLACK_SIGNING_SECRET",
  "SLACK_BOT_TOKEN",
  "MICROSOFT_APP_PASSWORD",
]);

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const booleanFlag = z
  .enum(["true", "false", "1", "0", "ja", "nee"], { error: "verwacht true of false" })
  .transform((v) => v === "true" || v === "1" || v === "ja");

const EnvironmentSchema = z.object({
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\/\S+$/, {
      error: "verwacht een PostgreSQL-URL (postgres://gebruiker@host:poort/database)",
    }),
  ),
  DATA_DIR: optional(z.string().min(1)),
  PORT: optional(
    z.coerce
      .number({ error: "verwacht een poortnummer van 1 tot en met 65535" })
      .int({ error: "verwacht een poortnummer van 1 tot en met 65535" })
      .min(1, { error: "verwacht een poortnummer van 1 tot en met 65535" })
      .max(65535, { error: "verwacht een poortnummer van 1 tot en met 65535" }),
  ),
  HOST: optional(z.string().min(1)),
  SLACK_SIGNING_SECRET: optional(
    z.string().min(16, { error: "verwacht het signing secret uit de Slack-app (Basic Information)" }),
  ),
  SLACK_BOT_TOKEN: optional(
    z.string().startsWith("xoxb-", { error: "verwacht een bot-token dat begint met xoxb-" }),
  ),
  SLACK_API_URL: optional(z.url({ error: "verwacht een URL, bijvoorbeeld https://slack.com/api/" })),
  MICROSOFT_APP_ID: optional(z.uuid({ error: "verwacht de app-id (een GUID) van de Azure Bot-registratie" })),
  MICROSOFT_APP_PASSWORD: optional(z.string().min(1)),
  MICROSOFT_APP_TENANT_ID: optional(
    z.uuid({ error: "verwacht de tenant-id (een GUID) van de Azure-tenant" }),
  ),
  TZ_DEFAULT: optional(
    z.string().refine(isTimeZone, { error: "verwacht een IANA-tijdzone, bijvoorbeeld Europe/Amsterdam" }),
  ),
  LOCALE_DEFAULT: optional(z.enum(["nl", "en"], { error: "verwacht nl of en" })),
  LOG_LEVEL: optional(
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
      error: "verwacht fatal, error, warn, info, debug, trace of silent",
    }),
  ),
  SEED_DEMO: optional(booleanFlag),
  PUBLIC_URL: optional(
    z.url({
      error: "verwacht de URL waarop Regiotafel bereikbaar is, bijvoorbeeld https://regiotafel.example.nl",
    }),
  ),
  ANONYMITY_THRESHOLD: optional(
    z.coerce
      .number()
      .int()
      .min(1, { error: "verwacht een geheel getal vanaf 1" })
      .max(100, { error: "verwacht een geheel getal vanaf 1" }),
  ),
  NATIONAL_COORDINATORS: optional(
    z
      .string()
      .transform((v) =>
        v
          .split(",")
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean),
      )
      .pipe(z.array(z.email({ error: "verwacht e-mailadressen, gescheiden door komma's" }))),
  ),
  MEETING_REMINDER_DAYS: optional(
    z
      .string()
      .regex(/^\s*\d{1,2}(\s*,\s*\d{1,2})*\s*$/, {
        error: "verwacht dagen vóór het overleg, bijvoorbeeld 7,1",
      })
      .transform((v) => v.split(",").map((d) => Number(d.trim()))),
  ),
  MEETING_AGENDA_DAYS: optional(
    z.coerce
      .number()
      .int()
      .min(0, { error: "verwacht een aantal dagen van 0 tot en met 30" })
      .max(30, { error: "verwacht een aantal dagen van 0 tot en met 30" }),
  ),
  VENSTER_OUTLIER_MARGIN: optional(
    z.coerce
      .number({ error: "verwacht een fractie groter dan 0 en kleiner dan 1, bijvoorbeeld 0.2" })
      .gt(0, { error: "verwacht een fractie groter dan 0 en kleiner dan 1, bijvoorbeeld 0.2" })
      .lt(1, { error: "verwacht een fractie groter dan 0 en kleiner dan 1, bijvoorbeeld 0.2" }),
  ),
  VENSTER_OUTLIER_MIN_RESPONDENTS: optional(
    z.coerce
      .number({ error: "verwacht een geheel getal vanaf 1" })
      .int({ error: "verwacht een geheel getal vanaf 1" })
      .min(1, { error: "verwacht een geheel getal vanaf 1" }),
  ),
  DELIVERY_MAX_ATTEMPTS: optional(
    z.coerce
      .number()
      .int()
      .min(1, { error: "verwacht een geheel getal van 1 tot en met 50" })
      .max(50, { error: "verwacht een geheel getal van 1 tot en met 50" }),
  ),
  OUTBOX_LEASE_SECONDS: optional(
    z.coerce
      .number({ error: "verwacht een geheel aantal seconden van 3 tot en met 600" })
      .int({ error: "verwacht een geheel aantal seconden van 3 tot en met 600" })
      .min(3, { error: "verwacht een geheel aantal seconden van 3 tot en met 600" })
      .max(600, { error: "verwacht een geheel aantal seconden van 3 tot en met 600" }),
  ),
});

type Environment = z.infer<typeof EnvironmentSchema>;

export type Locale = "nl" | "en";

export type Config = {
  /** No chat platform credentials: the embedded default that `npm start` runs on a fresh machine. */
  localMode: boolean;
  database: { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string };
  http: { host: string; port: number };
  slack: { signingSecret: string; botToken: string; apiUrl: string | undefined } | undefined;
  /**
   * Teams at /api/messages: with Bot Framework authentication when an app id is set; in local mode without
   * it (for the Microsoft 365 Agents Playground); otherwise off.
   */
  teams:
    | { auth: { appId: string; appPassword: string; tenantId: string | undefined } | undefined }
    | undefined;
  timeZone: string;
  locale: Locale;
  logLevel: string;
  seedDemo: boolean;
  /** Base URL for links in cards (the venster pages). */
  publicUrl: string;
  /** Respondents per organisation type before summaries break results down by type. */
  anonymityThreshold: number;
  /** Failed sends (other than rate limits) before a message is dead-lettered. */
  deliveryMaxAttempts: number;
  /** How long an outbox claim lasts without renewal: how soon a replica that died has its messages taken over. */
  outboxLeaseMs: number;
  /** E-mail addresses of the national coordinators: they bind the channel where `hulpvraag` arrives. */
  nationalCoordinators: string[];
  /** Days before a meeting that contact persons are reminded, and that the agenda goes to the channel. */
  meetingReminders: { personDays: number[]; channelAgendaDays: number };
  /** The venster's outlier rule: a part's share of yes differs from the national one by more than the margin. */
  venster: { outlierMargin: number; outlierMinRespondents: number };
};

export class ConfigError extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(
    readonly variable: string,
    readonly expected: string,
  ) {
    super(`Ongeldige configuratie: ${variable} ${expected}.`);
    this.name = "ConfigError";
  }
}

function describeValue(variable: string, value: unknown): string {
  if (SECRET_VARIABLES.has(variable) || typeof value !== "string") return "";
  return ` (nu: "${value.length > 60 ? `${value.slice(0, 60)}…` : value}")`;
}

function requireBoth(env: Environment, a: keyof Environment, b: keyof Environment) {
  if (env[a] !== undefined && env[b] === undefined) {
    throw new ConfigError(b, `ontbreekt: verplicht zodra ${a} is gezet`);
  }
}

export function parseConfig(source: NodeJS.ProcessEnv, cwd = process.cwd()): Config {
  const parsed = EnvironmentSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? "?");
    throw new ConfigError(
      variable,
      `${issue?.message ?? "is ongeldig"}${describeValue(variable, source[variable])}`,
    );
  }
  const env = parsed.data;
  requireBoth(env, "SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN");
  requireBoth(env, "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET");
  requireBoth(env, "MICROSOFT_APP_ID", "MICROSOFT_APP_PASSWORD");

  const slack =
    env.SLACK_SIGNING_SECRET && env.SLACK_BOT_TOKEN
      ? { signingSecret: env.SLACK_SIGNING_SECRET, botToken: env.SLACK_BOT_TOKEN, apiUrl: env.SLACK_API_URL }
      : undefined;
  const teamsAuth =
    env.MICROSOFT_APP_ID && env.MICROSOFT_APP_PASSWORD
      ? {
          appId: env.MICROSOFT_APP_ID,
          appPassword: env.MICROSOFT_APP_PASSWORD,
          tenantId: env.MICROSOFT_APP_TENANT_ID,
        }
      : undefined;
  const localMode = slack === undefined && teamsAuth === undefined;
  const teams = teamsAuth || localMode ? { auth: teamsAuth } : undefined;

  return {
    localMode,
    database: env.DATABASE_URL
      ? { kind: "postgres", url: env.DATABASE_URL }
      : { kind: "pglite", dataDir: path.resolve(cwd, env.DATA_DIR ?? "data") },
    // Local mode has no authentication in front of it, so it only listens on this machine.
    http: { host: env.HOST ?? (localMode ? "127.0.0.1" : "0.0.0.0"), port: env.PORT ?? 3978 },
    slack,
    teams,
    timeZone: env.TZ_DEFAULT ?? "Europe/Amsterdam",
    locale: env.LOCALE_DEFAULT ?? "nl",
    logLevel: env.LOG_LEVEL ?? "info",
    seedDemo: env.SEED_DEMO ?? localMode,
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${env.PORT ?? 3978}`,
    anonymityThreshold: env.ANONYMITY_THRESHOLD ?? 3,
    deliveryMaxAttempts: env.DELIVERY_MAX_ATTEMPTS ?? 5,
    outboxLeaseMs: (env.OUTBOX_LEASE_SECONDS ?? 30) * 1000,
    nationalCoordinators: env.NATIONAL_COORDINATORS ?? [],
    meetingReminders: {
      personDays: env.MEETING_REMINDER_DAYS ?? [7, 1],
      channelAgendaDays: env.MEETING_AGENDA_DAYS ?? 2,
    },
    venster: {
      outlierMargin: env.VENSTER_OUTLIER_MARGIN ?? 0.2,
      outlierMinRespondents: env.VENSTER_OUTLIER_MIN_RESPONDENTS ?? 5,
    },
  };
}
