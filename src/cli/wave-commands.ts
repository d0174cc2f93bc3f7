import type { Command } from "commander";
import { DateTime } from "luxon";
import type { AppContext } from "../app/context.js";
import { closeWave } from "../app/waves/close-wave.js";
import { createWave } from "../app/waves/create-wave.js";
import { openWave } from "../app/waves/open-wave.js";
import { waveStatus } from "../app/waves/wave-status.js";
import { formatDateTime } from "../domain/i18n.js";
import { CliError } from "./cli-error.js";

/** Reads "2027-01-14", "14-01-2027" or "2027-01-14 17:00" as local time in the deployment's zone. */
export function parseLocalDateTime(text: string, timeZone: string, defaultTime: string): Date {
  const formats = ["yyyy-MM-dd HH:mm", "d-M-yyyy HH:mm", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd", "d-M-yyyy"];
  for (const format of formats) {
    const parsed = DateTime.fromFormat(text.trim(), format, { zone: timeZone });
    if (parsed.isValid) {
      const withTime = format.includes("HH")
        ? parsed
        : DateTime.fromFormat(`${parsed.toFormat("yyyy-MM-dd")} ${defaultTime}`, "yyyy-MM-dd HH:mm", {
            zone: timeZone,
          });
      return withTime.toJSDate();
    }
  }
  throw new CliError(`"${text}" is geen datum; gebruik bijvoorbeeld 2027-01-14 of "14-01-2027 17:00".`);
}

export function registerWaveCommands(
  program: Command,
  withContext: <T>(work: (ctx: AppContext) => Promise<T>) => Promise<T>,
) {
  const wave = program
    .command("wave")
    .alias("ronde")
    .description("vragenlijstrondes: aanmaken, openen, sluiten, status");

  wave
    .command("create")
    .description("maak een ronde aan (nog niet verstuurd)")
    .requiredOption("--survey <sleutel>", "venster of evaluatie")
    .requiredOption("--name <naam>", 'bijvoorbeeld "Venster 2027"')
    .requiredOption("--opens <datum>", "openingsdatum (en tijd), bijvoorbeeld 2027-01-10")
    .requiredOption("--closes <datum>", "sluitingsdatum (en tijd), bijvoorbeeld 2027-02-10 17:00")
    .option("--reminders <dagen>", "herinneringen zoveel dagen voor sluiting, bijvoorbeeld 7,2", "7,2")
    .option("--max-reminders <n>", "hoogstens zoveel herinneringen per persoon", "2")
    .action(
      (o: {
        survey: string;
        name: string;
        opens: string;
        closes: string;
        reminders: string;
        maxReminders: string;
      }) =>
        withContext(async (ctx) => {
          const offsets = o.reminders.split(",").map((d) => Number(d.trim()));
          if (offsets.some((d) => !Number.isInteger(d) || d < 0))
            throw new CliError("--reminders verwacht hele dagen, bijvoorbeeld 7,2.");
          const created = await createWave(ctx.db, {
            surveyKey: o.survey,
            name: o.name,
            opensAt: parseLocalDateTime(o.opens, ctx.timeZone, "09:00"),
            closesAt: parseLocalDateTime(o.closes, ctx.timeZone, "17:00"),
            reminderOffsetsDays: offsets,
            maxReminders: Number(o.maxReminders),
          });
          console.log(
            `Ronde "${created.name}" aangemaakt: open ${formatDateTime(created.opensAt, "nl", ctx.timeZone)}, sluit ${formatDateTime(created.closesAt, "nl", ctx.timeZone)}. Verstuur met: wave open "${created.name}"`,
          );
        }),
    );

  wave
    .command("open")
    .argument("<naam>", "naam van de ronde")
    .description("open de ronde: iedere contactpersoon krijgt een uitnodiging")
    .action((name: string) =>
      withContext(async (ctx) => {
        const opened = await openWave(ctx.db, name, { now: ctx.now(), timeZone: ctx.timeZone });
        const reminders =
          opened.reminders.map((r) => formatDateTime(r, "nl", ctx.timeZone)).join("; ") || "geen";
        console.log(
          `Ronde "${name}" is open: ${opened.invitations} uitnodigingen klaargezet. Herinneringen: ${reminders}.`,
        );
      }),
    );

  wave
    .command("close")
    .argument("<naam>", "naam van de ronde")
    .description("sluit de ronde nu (gebeurt ook vanzelf op de sluitingstijd)")
    .action((name: string) =>
      withContext(async (ctx) => {
        const { closed } = await closeWave(ctx, name);
        console.log(
          closed
            ? `Ronde "${name}" is gesloten; de samenvattingen worden geplaatst.`
            : `Ronde "${name}" was al gesloten.`,
        );
      }),
    );

  wave
    .command("status")
    .argument("<naam>", "naam van de ronde")
    .description("uitgenodigd, afgeleverd, ingevuld, onbestelbaar en onbereikbaar per soort organisatie")
    .action((name: string) =>
      withContext(async (ctx) => {
        const status = await waveStatus(ctx.db, name);
        console.log(
          `Ronde "${status.wave.name}" (${status.wave.status}), sluit ${formatDateTime(status.wave.closesAt, "nl", ctx.timeZone)}`,
        );
        const header = ["soort", "uitgenodigd", "afgeleverd", "ingevuld", "onbestelbaar", "onbereikbaar"];
        const lines = status.rows.map((r) =>
          [r.organisationType, r.invited, r.delivered, r.answered, r.undeliverable, r.unreachable].map(
            String,
          ),
        );
        const total = [
          "totaal",
          ...[1, 2, 3, 4, 5].map((i) => String(lines.reduce((sum, l) => sum + Number(l[i]), 0))),
        ];
        const table = [header, ...lines, total];
        const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? "").length)));
        for (const row of table)
          console.log(
            row
              .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
              .join("  "),
          );
        if (status.pendingDeliveries)
          console.log(`Nog ${status.pendingDeliveries} berichten in de wachtrij.`);
      }),
    );
}
