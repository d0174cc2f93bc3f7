import type { Db } from "../db/client.js";
import type { Locale } from "../domain/vocabulary.js";

/** What every use case may need besides its input: the database, the clock and the deployment's settings. */
export type AppContext = {
  db: Db;
  now: () => Date;
  timeZone: string;
  locale: Locale;
  /** Where people reach the venster pages, for links in cards. */
  publicUrl: string;
  /** Respondents per organisation type before a breakdown by type is shown. */
  anonymityThreshold: number;
  /** E-mail addresses of the national coordinators (who may bind the national channel). */
  nationalCoordinators: string[];
  /** Days before a meeting that contact persons are reminded (default 7 and 1) and the agenda is posted (2). */
  meetingReminders?: { personDays: number[]; channelAgendaDays: number };
  /** The venster's outlier rule (VENSTER_OUTLIER_*); the documented defaults (0.2 and 5) when absent. */
  venster?: { outlierMargin: number; outlierMinRespondents: number };
};
