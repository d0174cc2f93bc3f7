import { Command, CommanderError } from "commander";
import type { AppContext } from "../app/context.js";
import { ConfigError, parseConfig } from "../config.js";
import { type Database, openDatabase } from "../db/client.js";
import { calendarDateIn } from "../domain/calendar-date.js";
import { ImportRejectedError, RegiotafelError } from "../domain/errors.js";
import { UserFacingError } from "../domain/user-errors.js";
import { runImport } from "./run-import.js";
import { registerWaveCommands } from "./wave-commands.js";

/** Admin CLI: `npm run cli -- <command>`. Every answer is Dutch; exit code 1 on any refusal. */

const COMMANDER_MESSAGES: Record<string, string> = {
  "commander.unknownCommand": "onbekend commando",
  "commander.missingArgument": "er ontbreekt een argument",
  "commander.unknownOption": "onbekende optie",
  "commander.excessArguments": "te veel argumenten",
  "commander.missingMandatoryOptionValue": "er ontbreekt een verplichte optie",
};

async function withDatabase<T>(work: (database: Database, today: string) => Promise<T>): Promise<T> {
  const config = parseConfig(process.env);
  const database = await openDatabase(config.database);
  try {
    await database.migrate();
    return await work(database, calendarDateIn(config.timeZone, new Date()));
  } finally {
    await database.close();
  }
}

async function withContext<T>(work: (ctx: AppContext) => Promise<T>): Promise<T> {
  const config = parseConfig(process.env);
  return withDatabase((database) =>
    work({
      db: database.db,
      now: () => new Date(),
      timeZone: config.timeZone,
      locale: config.locale,
      publicUrl: config.publicUrl,
      nationalCoordinators: config.nationalCoordinators,
      anonymityThreshold: config.anonymityThreshold,
    }),
  );
}

const program = new Command("regiotafel")
  .description("Beheer van Regiotafel: database, import")
  .helpCommand("help [commando]", "toon hulp bij een commando")
  .helpOption("-h, --help", "toon deze hulp")
  // Commander's own error lines are English; we print a Dutch one instead (below).
  .configureOutput({ outputError: () => {} })
  .exitOverride();

program
  .command("migrate")
  .description("voer de databasemigraties uit")
  .action(() =>
    withDatabase(async (database) => {
      console.log(`Database bijgewerkt (${database.location}).`);
    }),
  );

const importCommand = program
  .command("import")
  .description("importeer regio's of contactpersonen (CSV of YAML)");
importCommand
  .command("regions")
  .alias("regios")
  .argument("<bestand>", "CSV- of YAML-bestand met regio's en hun gemeenten")
  .description("importeer regio's")
  .action((file: string) =>
    withDatabase(async ({ db }, today) => console.log(await runImport(db, "regions", file, today))),
  );
importCommand
  .command("people")
  .alias("personen")
  .argument("<bestand>", "CSV- of YAML-bestand met één regel per lidmaatschap")
  .description("importeer contactpersonen, organisaties en lidmaatschappen")
  .action((file: string) =>
    withDatabase(async ({ db }, today) => console.log(await runImport(db, "people", file, today))),
  );

registerWaveCommands(program, withContext);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.exitCode = 1;
  if (error instanceof ImportRejectedError) {
    console.error(error.message);
    console.error(
      `Niets uit ${error.fileName} is opgeslagen: verbeter de regels hierboven en importeer opnieuw.`,
    );
  } else if (error instanceof UserFacingError) {
    console.error(error.userMessage("nl"));
  } else if (error instanceof ConfigError || error instanceof RegiotafelError) {
    console.error(error.message);
  } else if (error instanceof CommanderError) {
    if (
      error.code === "commander.helpDisplayed" ||
      error.code === "commander.help" ||
      error.code === "commander.version"
    ) {
      process.exitCode = 0;
    } else if (COMMANDER_MESSAGES[error.code]) {
      console.error(`Fout: ${COMMANDER_MESSAGES[error.code]}. Gebruik --help voor de mogelijkheden.`);
    } else {
      console.error(`Fout: ${error.message}`);
    }
  } else {
    console.error(`Onverwachte fout: ${error instanceof Error ? error.message : String(error)}`);
  }
}
