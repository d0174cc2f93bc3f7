import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../../src/app-runtime.js";
import { parseConfig } from "../../src/config.js";
import { escalations } from "../../src/db/schema.js";
import { calendarDateIn } from "../../src/domain/calendar-date.js";
import { createLogger } from "../../src/logger.js";
import {
  allParts,
  type SeedRegion,
  seedRegions,
  seedVensterWave,
  times,
  vensterAnswers,
} from "../db/venster-fixtures.js";
import { useTestDatabase } from "../support/database.js";
import { createPerson, uniqueKey } from "../support/factories.js";

/*
 * The venster's CSV files as Excel reads them. Region X is named like a spreadsheet formula and is a positive
 * outlier (6 of 6 yes); region Y is a negative one (2 of 6 yes, one more invited). National: 8 of 12 = 0.6667.
 * The round's name starts with `+`. Y asked for help at 23:30 UTC, which is already the next day in Amsterdam.
 */

const database = useTestDatabase();
const DAY = 86_400_000;
const FORMULA = '=HYPERLINK("https://evil.example/login","klik")';
let app: RunningApp;
let x: SeedRegion;
let y: SeedRegion;
let waveName: string;
let helpAskedAt: Date;

const q = () => `?wave=${encodeURIComponent(waveName)}`;

async function download(path: string) {
  const res = await fetch(`${app.url}${path}`);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  // Keep the byte order mark that Excel needs (fetch's text() would drop it).
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
}
const parseCsv = (text: string, delimiter: ";" | ",") => parse(text, { delimiter, bom: true }) as string[][];
const rowOf = (rows: string[][], column: number, value: string) => {
  const row = rows.find((cells) => cells[column] === value);
  if (!row) throw new Error(`no row with ${value} in column ${column}: ${JSON.stringify(rows)}`);
  return row;
};

beforeAll(async () => {
  const db = database.current.db;
  [x, y] = (await seedRegions(db, [FORMULA, "Ypsilon"])) as [SeedRegion, SeedRegion];
  const now = Date.now();
  const wave = await seedVensterWave(db, {
    name: `+Venster ${uniqueKey("csv")}`,
    opensAt: new Date(now - 40 * DAY),
    closesAt: new Date(now - 10 * DAY),
    invitations: [
      {
        region: x,
        invitations: [
          { type: "gemeente", answers: vensterAnswers(allParts(true), { agenda: "Hulp bij dementie" }) },
          ...times(5, { type: "gemeente", answers: vensterAnswers(allParts(true)) }),
        ],
      },
      {
        region: y,
        invitations: [
          ...times(2, { type: "gemeente", answers: vensterAnswers(allParts(true)) }),
          ...times(4, { type: "gemeente", answers: vensterAnswers(allParts(false)) }),
          { type: "gemeente" },
        ],
      },
    ],
  });
  waveName = wave.name;
  const day = new Date(now - 20 * DAY);
  helpAskedAt = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 23, 30));
  await db.insert(escalations).values({
    regionId: y.id,
    personId: (await createPerson(db)).id,
    text: "Hulp bij verward gedrag",
    createdAt: helpAskedAt,
  });
  const config = parseConfig({ LOG_LEVEL: "silent" });
  app = await startApp(
    { ...config, http: { host: "127.0.0.1", port: 0 }, seedDemo: false },
    createLogger("silent"),
    { database: database.current, everyMinute: false },
  );
});
afterAll(async () => {
  await app?.stop();
});

describe("venster CSV in Dutch (Dutch Excel: `;` between cells, a decimal comma)", () => {
  it("writes shares with a decimal comma and counts as plain integers", async () => {
    const text = await download(`/venster/regios.csv${q()}`);
    const rows = parseCsv(text, ";");
    expect(rows[0]?.slice(0, 8)).toEqual([
      "Code",
      "Regio",
      "Uitgenodigd",
      "Geantwoord",
      "Respons",
      "Agenda ja",
      "Agenda nee",
      "Agenda aandeel ja",
    ]);
    const ypsilon = rowOf(rows, 0, y.slug);
    expect(ypsilon.slice(2, 8)).toEqual(["7", "6", "0,8571", "2", "4", "0,3333"]);
    const national = parseCsv(await download(`/venster/landelijk.csv${q()}`), ";");
    expect(national[1]?.slice(0, 6)).toEqual(["13", "12", "0,9231", "8", "4", "0,6667"]);
  });

  it("neutralises a region name that Excel would run as a formula, and the page still shows it as typed", async () => {
    const regios = await download(`/venster/regios.csv${q()}`);
    // The formula never starts a cell: not at the start of a line, nor after a separator, quoted or not.
    expect(regios).not.toMatch(/(^|[;\n]|")=HYPERLINK/);
    expect(rowOf(parseCsv(regios, ";"), 0, x.slug)[1]).toBe(`'${x.name}`);
    const outliers = parseCsv(await download(`/venster/uitschieters.csv${q()}`), ";");
    expect(rowOf(outliers, 0, x.slug)[1]).toBe(`'${x.name}`);

    const page = await (await fetch(`${app.url}/venster${q()}`)).text();
    expect(page).toContain(">=HYPERLINK(&quot;https://evil.example/login&quot;,&quot;klik&quot;)");
  });

  it("neutralises a round whose name starts with +", async () => {
    const trend = parseCsv(await download(`/venster/regio/${x.slug}/trend.csv${q()}`), ";");
    expect(trend.slice(1).filter((row) => row[0] === `'${waveName}`)).toHaveLength(3);
    expect(trend.some((row) => row[0] === waveName)).toBe(false);
  });

  it("gives the day of a hulpvraag as the calendar day in Amsterdam and its themes as their labels", async () => {
    const rows = parseCsv(await download(`/venster/hulpvragen.csv${q()}`), ";");
    expect(rows[0]).toEqual(["Datum", "Code", "Regio", "Thema's"]);
    const amsterdamDay = calendarDateIn("Europe/Amsterdam", helpAskedAt);
    expect(amsterdamDay).not.toBe(helpAskedAt.toISOString().slice(0, 10));
    expect(rowOf(rows, 1, y.slug)).toEqual([amsterdamDay, y.slug, y.name, "GGZ"]);

    const support = parseCsv(await download(`/venster/regio/${x.slug}/ondersteuning.csv${q()}`), ";");
    expect(rowOf(support, 0, "Ouderen")).toEqual(["Ouderen", "1", "0", "0"]);
    const themes = parseCsv(await download(`/venster/regio/${y.slug}/hulpvragen.csv${q()}`), ";");
    expect(rowOf(themes, 0, "GGZ")).toEqual(["GGZ", "1"]);
  });
});

describe("venster CSV in English (`,` between cells, a decimal point)", () => {
  it("writes shares with a point, themes and dates the same way, and neutralises formulas too", async () => {
    const regios = await download(`/venster/regios.csv${q()}&lang=en`);
    expect(regios.split("\r\n")[0]).toMatch(/^\uFEFFCode,Region,Invited,Answered,/);
    const rows = parseCsv(regios, ",");
    expect(rowOf(rows, 0, y.slug).slice(2, 8)).toEqual(["7", "6", "0.8571", "2", "4", "0.3333"]);
    expect(rowOf(rows, 0, x.slug)[1]).toBe(`'${x.name}`);

    const help = parseCsv(await download(`/venster/hulpvragen.csv${q()}&lang=en`), ",");
    expect(rowOf(help, 1, y.slug)).toEqual([
      calendarDateIn("Europe/Amsterdam", helpAskedAt),
      y.slug,
      y.name,
      "Mental health care (GGZ)",
    ]);
  });
});
