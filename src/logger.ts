import { pino } from "pino";

export type Logger = pino.Logger;

/**
 * Structured one-line JSON logs. Tokens, secrets and free-text answers never reach a log line: the
 * redact paths below are a second fence behind not logging them in the first place.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: "regiotafel" },
      redact: {
        paths: [
          "*.token",
          "*.botToken",
          "*.signingSecret",
          "*.appPassword",
          "*.password",
          "*.answers",
          "*.text",
        ],
        censor: "[verborgen]",
      },
    },
    destination,
  );
}
