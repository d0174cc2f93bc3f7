import { pino } from "pino";

export type Logger = pino.Logger;

/**
 * `json`: one JSON object per line, for operators and their log collectors (production). `text`: the same
 * records as sentences for a person at a terminal (local mode), without the fields that only tools read.
 */
export type LogFormat = "json" | "text";

/**
 * Structured one-line JSON logs. Tokens, secrets and free-text answers never reach a log line: the
 * redact paths below are a second fence behind not logging them in the first place.
 */
export function createLogger(
  level: string,
  destination?: pino.DestinationStream,
  options: { format?: LogFormat } = {},
): Logger {
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
    options.format === "text" ? textDestination(destination ?? process.stdout) : destination,
  );
}

const LEVEL_PREFIX: Record<number, string> = { 40: "Waarschuwing: ", 50: "Fout: ", 60: "Fout: " };

/** Writes each record as its message, marked when it is a warning or an error, with the error's own message. */
function textDestination(out: { write(line: string): unknown }): pino.DestinationStream {
  return {
    write(line: string) {
      const record = JSON.parse(line) as { level?: number; msg?: unknown; err?: { message?: unknown } };
      const message = typeof record.msg === "string" ? record.msg : "";
      const cause = typeof record.err?.message === "string" ? record.err.message : undefined;
      const text = cause && !message.includes(cause) ? `${message} (${cause})` : message;
      out.write(`${LEVEL_PREFIX[record.level ?? 30] ?? ""}${text}\n`);
    },
  };
}
