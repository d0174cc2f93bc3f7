import { startApp } from "./app-runtime.js";
import { ConfigError, parseConfig } from "./config.js";
import { RegiotafelError } from "./domain/errors.js";
import { createLogger } from "./logger.js";

const SHUTDOWN_DEADLINE_MS = 5000;

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}

// Local mode is someone at a terminal: sentences. Elsewhere operators collect the logs: JSON.
const logger = createLogger(config.logLevel, undefined, { format: config.localMode ? "text" : "json" });

try {
  const app = await startApp(config, logger);
  const platforms = [config.slack && "Slack", config.teams && "Teams"].filter(Boolean).join(" en ");
  logger.info(
    { url: app.url, database: app.database.location },
    config.localMode
      ? `Regiotafel draait in lokale modus: open ${app.url}/local (chat als demopersoon) of ${app.url}/venster (${app.database.location}; geen Slack- of Teams-gegevens ingesteld; Teams zonder authenticatie op ${app.url}/api/messages, voor de Agents Playground)`
      : `Regiotafel draait op ${app.url} voor ${platforms} (${app.database.location})`,
  );

  const shutdown = (signal: string) => {
    logger.info({ signal }, "afsluiten");
    setTimeout(() => {
      logger.error("afsluiten duurde langer dan 5 seconden; proces wordt beëindigd");
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "fout bij afsluiten");
        process.exit(1);
      },
    );
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
} catch (error) {
  // A refusal we foresaw (the port is taken, the data folder is in use) is one line that says what to do.
  if (error instanceof RegiotafelError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const line = `Regiotafel kon niet starten: ${error instanceof Error ? error.message : String(error)}`;
  if (config.localMode) {
    logger.debug({ err: error }, line);
    process.stderr.write(`${line}\n`);
  } else logger.fatal({ err: error }, line);
  process.exit(1);
}
