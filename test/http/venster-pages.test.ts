import { parse } from "csv-parse/sync";
import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningApp, startApp } from "../../src/app-runtime.js";
import { parseConfig } from "../../src/config.js";
import { escalations } from "../../src/db/schema.js";
import { createLogger } from "../../src/logger.js";
import {
  allParts,
  type SeedRegion,
  seedRegions,
  seedVensterWave,
  times,
  vensterAnswers,
} from "../db/venster-fixtures.js";
import { openTestDatabase, useTestDatabase } from "../support/database.js";
import { createPerson } from "../support/factories.js";

/*
 * The venster through the real app: a wave with known answers in three regions, the pages and their CSV
 * files checked against that truth and against each other. Default rule: margin 20 points, 5 respondents;
 * anonymity threshold 3.
 *
 * Region A: 6 gemeenten, all satisfied with everything (one needs support with dementia care), and one of
 *   two zorgverzekeraars answered (satisfied): per-type shares withheld (1 < 3). 7 yes of 7.
 * Region B: 10 gemeenten, none satisfied; one first said yes, then no. 0 of 10.
 * Region C: 5 gemeenten invited, 3 answered yes: too few respondents to be an outlier. 3 of 3.
 * National: 10 yes of 20 = 50% per part. A (100%) is a positive outlier, B (0%) a negative one.
 */

type HtmlDocument = ReturnType<typeof parseHTML>["document"];

const database = useTestDatabase();
const DAY = 86_400_000;
let app: RunningApp;
let a: SeedRegion;
let b: SeedRegion;
let c: SeedRegion;
let waveName: string;
let olderWaveName: string;

const get = (path: string) => fetch(`${app.url}${path}`);
async function page(path: string) {
  const res = await get(path);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  const text = await res.text();
  return { text, document: parseHTML(text).document };
}
/** A CSV download as Excel of the page's language reads it: Dutch `;`-separated, English `,`-separated. */
async function csv(href: string): Promise<string[][]> {
  const res = await get(href);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="venster-.+\.csv"$/);
  return parse(await res.text(), { delimiter: href.includes("lang=en") ? "," : ";", bom: true });
}
/** The table's body rows as the texts of their cells (row header first); a percentage cell gives its value. */
function tableRows(document: HtmlDocument, id: string): string[][] {
  const table = document.querySelector(`table#${id}`);
  if (!table) throw new Error(`no table #${id}`);
  return [...table.querySelectorAll("tbody tr")].map((tr) =>
    [...tr.querySelectorAll("th, td")].map(
      (cell) => (cell.querySelector(".value") ?? cell).textContent?.trim() ?? "",
    ),
  );
}
const csvHref = (document: HtmlDocument, id: string) => {
  // The link follows the table's scroll box, or the paragraph that stands in for an empty table.
  const link =
    document.querySelector(`table#${id}`)?.closest(".table-scroll")?.nextElementSibling?.querySelector("a") ??
    document.querySelector(`#${id}`)?.nextElementSibling?.querySelector("a");
  const href = link?.getAttribute("href");
  if (!href) throw new Error(`no CSV link under #${id}`);
  return href;
};
/** A Dutch CSV fraction (decimal comma) as the page shows it. */
const percentOf = (fraction: string) =>
  fraction === "" ? "—" : `${Math.round(Number(fraction.replace(",", ".")) * 100)}%`;
const digits = (text: string) => Number(text.replace(/\D/g, ""));

beforeAll(async () => {
  const db = database.current.db;
  [a, b, c] = (await seedRegions(db, ["Aa-regio", "Bb-regio", "Cc-regio"])) as [
    SeedRegion,
    SeedRegion,
    SeedRegion,
  ];
  const now = Date.now();
  const older = await seedVensterWave(db, {
    opensAt: new Date(now - 400 * DAY),
    closesAt: new Date(now - 370 * DAY),
    invitations: [
      { region: a, invitations: times(4, { type: "gemeente", answers: vensterAnswers(allParts(false)) }) },
    ],
  });
  olderWaveName = older.name;
  const wave = await seedVensterWave(db, {
    opensAt: new Date(now - 40 * DAY),
    closesAt: new Date(now - 10 * DAY),
    invitations: [
      {
        region: a,
        invitations: [
          {
            type: "gemeente",
            answers: vensterAnswers(allParts(true), { resultaat: "Hulp bij dementie en mantelzorg" }),
          },
          ...times(5, { type: "gemeente", answers: vensterAnswers(allParts(true)) }),
          { type: "zorgverzekeraar", answers: vensterAnswers(allParts(true)) },
          { type: "zorgverzekeraar" },
        ],
      },
      {
        region: b,
        invitations: [
          ...times(9, { type: "gemeente", answers: vensterAnswers(allParts(false)) }),
          { type: "gemeente", answers: [vensterAnswers(allParts(true)), vensterAnswers(allParts(false))] },
        ],
      },
      {
        region: c,
        invitations: [
          ...times(3, { type: "gemeente", answers: vensterAnswers(allParts(true)) }),
          ...times(2, { type: "gemeente" }),
        ],
      },
    ],
  });
  waveName = wave.name;
  const person = await createPerson(db);
  await db.insert(escalations).values({
    regionId: b.id,
    personId: person.id,
    text: "Geheime tekst over verward gedrag",
    createdAt: new Date(now - 20 * DAY),
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

const q = () => `?wave=${encodeURIComponent(waveName)}`;

describe("/venster", () => {
  it("shows every region's response and shares, the outliers, and the hulpvraag without its text", async () => {
    const { text, document } = await page(`/venster${q()}`);
    expect(document.documentElement.getAttribute("lang")).toBe("nl");
    expect(document.querySelectorAll("h1")).toHaveLength(1);
    expect(document.querySelector("a.skip")?.getAttribute("href")).toBe("#inhoud");
    expect(document.querySelector("label[for=wave]")?.textContent).toBe("Ronde");
    expect(document.querySelector(`select#wave option[selected]`)?.getAttribute("value")).toBe(waveName);

    const rows = tableRows(document, "regios");
    const byName = new Map(rows.map((row) => [row[0], row]));
    expect(byName.get(a.name)).toEqual([a.name, "8", "7", "88%", "100%", "100%", "100%"]);
    expect(byName.get(b.name)).toEqual([b.name, "10", "10", "100%", "0%", "0%", "0%"]);
    expect(byName.get(c.name)).toEqual([c.name, "5", "3", "60%", "100%", "100%", "100%"]);
    const regionA = document.querySelector(`tr[data-region="${a.slug}"]`);
    expect(regionA?.querySelector("td.b4 .marker")?.textContent).toBe("▲ hoger dan landelijk");
    expect(document.querySelector(`tr[data-region="${b.slug}"] td.b0 .marker`)?.textContent).toBe(
      "▼ lager dan landelijk",
    );
    expect(document.querySelector(`tr[data-region="${c.slug}"] .marker`)).toBeNull();
    expect(regionA?.querySelector("a")?.getAttribute("href")).toBe(`/venster/regio/${a.slug}${q()}`);

    expect(tableRows(document, "landelijk")[0]).toEqual([
      "23",
      "20",
      "87%",
      "50%",
      "0",
      "50%",
      "0",
      "50%",
      "1",
    ]);
    const outliers = tableRows(document, "uitschieters");
    expect(outliers).toHaveLength(6);
    expect(outliers[0]).toEqual([a.name, "Agenda", "▲ hoger dan landelijk", "100%", "50%", "7"]);
    expect(text).toContain("meer dan 20 procentpunt");

    // Other test files may add hulpvragen of their own regions to a shared database: look at ours only.
    const ours = (name: string | undefined) => [a.name, b.name, c.name].includes(name as string);
    expect(tableRows(document, "hulpvragen").filter((row) => ours(row[1]))).toEqual([
      [expect.any(String), b.name, "GGZ"],
    ]);
    expect(text).not.toContain("Geheime tekst");

    const figure = document.querySelector("figure");
    expect(figure?.querySelector("figcaption")?.textContent).toContain("Aandeel ja per onderdeel per regio");
    const svg = figure?.querySelector("svg");
    expect(svg?.getAttribute("role")).toBe("img");
    expect(svg?.getAttribute("aria-label")).toContain(waveName);
    expect(text).not.toContain("<script");
  });

  it("lays the page out for a phone too: tables in named scroll boxes, each chart drawn wide and narrow", async () => {
    const { document } = await page(`/venster${q()}`);
    const tables = [...document.querySelectorAll("main table")];
    expect(tables.length).toBe(4);
    for (const table of tables) {
      const box = table.parentElement;
      expect(box?.getAttribute("class")).toBe("table-scroll");
      expect(box?.getAttribute("role")).toBe("region");
      expect(box?.getAttribute("tabindex")).toBe("0");
      const caption = table.querySelector("caption");
      expect(caption?.id).toBe(box?.getAttribute("aria-labelledby"));
    }
    const chart = document.querySelector("figure .chart");
    const variants = [...(chart?.children ?? [])].map((variant) => ({
      class: variant.getAttribute("class"),
      width: variant.querySelector("svg")?.getAttribute("width"),
      name: variant.querySelector("svg")?.getAttribute("aria-label"),
    }));
    const name = document.querySelector("figure figcaption")?.textContent;
    expect(variants).toEqual([
      { class: "wide", width: "900", name },
      { class: "narrow", width: "320", name },
    ]);
    // Only the chart itself is named: ARIA prohibits names on Plot's role-less mark groups.
    expect(document.querySelectorAll("figure svg [aria-label]")).toHaveLength(0);
  });

  it("round-trips every CSV of the overview to the page's numbers and the seeded truth", async () => {
    const { document } = await page(`/venster${q()}`);
    const regions = await csv(csvHref(document, "regios"));
    expect(regions[0]?.slice(0, 10)).toEqual([
      "Code",
      "Regio",
      "Uitgenodigd",
      "Geantwoord",
      "Respons",
      "Agenda ja",
      "Agenda nee",
      "Agenda aandeel ja",
      "Agenda uitschieter",
      "Agenda ondersteuning nodig",
    ]);
    const pageRows = new Map(tableRows(document, "regios").map((row) => [row[0], row]));
    for (const row of regions.slice(1)) {
      const [slug, name, invited, answered, rate, ...parts] = row as string[];
      const shown = pageRows.get(name as string) as string[];
      expect(digits(shown[1] as string)).toBe(Number(invited));
      expect(digits(shown[2] as string)).toBe(Number(answered));
      expect(shown[3]).toBe(percentOf(rate as string));
      for (let p = 0; p < 3; p++) expect(shown[4 + p]).toBe(percentOf(parts[p * 5 + 2] as string));
      if (slug === a.slug) expect(parts.slice(0, 5)).toEqual(["7", "0", "1,0000", "hoger", "0"]);
      if (slug === b.slug) expect(parts.slice(10, 15)).toEqual(["0", "10", "0,0000", "lager", "0"]);
      if (slug === c.slug) expect(parts.slice(0, 5)).toEqual(["3", "0", "1,0000", "", "0"]);
    }
    expect(regions).toHaveLength(4);

    const national = await csv(csvHref(document, "landelijk"));
    expect(national[1]?.slice(0, 8)).toEqual(["23", "20", "0,8696", "10", "10", "0,5000", "", "0"]);
    expect(national[1]?.[17]).toBe("1");

    const outliers = await csv(csvHref(document, "uitschieters"));
    expect(outliers.slice(1).map((row) => [row[0], row[2], row[3], row[4], row[6]])).toEqual(
      expect.arrayContaining([
        [a.slug, "Agenda", "hoger", "1,0000", "7"],
        [b.slug, "Resultaat", "lager", "0,0000", "10"],
      ]),
    );
    expect(outliers).toHaveLength(7);

    const hulpvragen = await csv(csvHref(document, "hulpvragen"));
    expect(
      hulpvragen
        .slice(1)
        .map((row) => row.slice(1))
        .filter((row) => [a.slug, b.slug, c.slug].includes(row[0] as string)),
    ).toEqual([[b.slug, b.name, "GGZ"]]);
  });

  it("speaks English with ?lang=en, headers of its CSV included", async () => {
    const { document } = await page(`/venster${q()}&lang=en`);
    expect(document.documentElement.getAttribute("lang")).toBe("en");
    expect(document.querySelector(`tr[data-region="${a.slug}"] .marker`)?.textContent).toBe(
      "▲ higher than national",
    );
    const href = csvHref(document, "regios");
    expect(href).toContain("lang=en");
    expect((await csv(href))[0]?.slice(0, 3)).toEqual(["Code", "Region", "Invited"]);
    expect(document.querySelector(`tr[data-region="${a.slug}"] a`)?.getAttribute("href")).toContain(
      "lang=en",
    );
  });

  it("answers 404 with a polite page for an unknown wave or region", async () => {
    const wave = await get("/venster?wave=Bestaat%20niet");
    expect(wave.status).toBe(404);
    expect(await wave.text()).toContain("Deze venster-ronde bestaat niet");
    const region = await get("/venster/regio/bestaat-niet?lang=en");
    expect(region.status).toBe(404);
    const text = await region.text();
    expect(text).toContain('<html lang="en">');
    expect(text).toContain("This region does not exist");
    expect((await get(`/venster/regio/${a.slug}/geheim.csv`)).status).toBe(404);
    // Names that every JavaScript object has are unknown tables too, not a server error.
    expect((await get(`/venster/regio/${a.slug}/constructor.csv`)).status).toBe(404);
    expect((await get("/venster/toString.csv")).status).toBe(404);
  });
});

describe("/venster/regio/<slug>", () => {
  it("withholds the per-type shares below the anonymity threshold and shows trend, themes and activity", async () => {
    const { text, document } = await page(`/venster/regio/${a.slug}${q()}`);
    expect(document.querySelectorAll("h1")).toHaveLength(1);
    expect(document.querySelector("h1")?.textContent).toBe(`${a.name}: ${waveName}`);
    const types = tableRows(document, "organisaties");
    expect(types).toEqual([
      ["Gemeenten", "6", "6", "100%", "afgeschermd", "afgeschermd", "afgeschermd"],
      ["Zorgverzekeraars", "2", "1", "50%", "afgeschermd", "afgeschermd", "afgeschermd"],
      ["Totaal", "8", "7", "88%", "100%", "100%", "100%"],
    ]);
    expect(text).toContain("minstens 3 respondenten");
    expect(document.querySelector("#afgeschermd")).not.toBeNull();

    const trend = tableRows(document, "trend");
    expect(trend.map((row) => [row[0], row[1], row[3]])).toEqual([
      [olderWaveName, "Agenda", "0%"],
      [olderWaveName, "Proces", "0%"],
      [olderWaveName, "Resultaat", "0%"],
      [waveName, "Agenda", "100%"],
      [waveName, "Proces", "100%"],
      [waveName, "Resultaat", "100%"],
    ]);
    const trendFigure = [...document.querySelectorAll("figure")].find((f) => f.querySelector("svg"));
    expect(trendFigure?.querySelector("svg")?.getAttribute("role")).toBe("img");

    const support = new Map(tableRows(document, "ondersteuning").map((row) => [row[0], row.slice(1)]));
    expect(support.get("Ouderen")).toEqual(["0", "0", "1"]);
    expect(text).not.toContain("dementie en mantelzorg");

    const csvTypes = await csv(csvHref(document, "organisaties"));
    expect(csvTypes.slice(1)).toEqual([
      ["Gemeenten", "6", "6", "1,0000", "", "", "afgeschermd", "", "", "afgeschermd", "", "", "afgeschermd"],
      [
        "Zorgverzekeraars",
        "2",
        "1",
        "0,5000",
        "",
        "",
        "afgeschermd",
        "",
        "",
        "afgeschermd",
        "",
        "",
        "afgeschermd",
      ],
      ["Totaal", "8", "7", "0,8750", "7", "0", "1,0000", "7", "0", "1,0000", "7", "0", "1,0000"],
    ]);
    const csvTrend = await csv(csvHref(document, "trend"));
    expect(csvTrend.slice(1).map((row) => percentOf(row[3] as string))).toEqual(trend.map((row) => row[3]));
    const csvSupport = await csv(csvHref(document, "ondersteuning"));
    expect(csvSupport.find((row) => row[0] === "Ouderen")).toEqual(["Ouderen", "0", "0", "1"]);
    for (const id of ["hulpvragen-themas", "activiteit"]) {
      const rows = await csv(csvHref(document, id));
      expect(rows.slice(1).map((row) => row[1])).toEqual(tableRows(document, id).map((row) => row[1]));
    }
  });

  it("shows the shares per type when every type that answered reaches the threshold", async () => {
    const { document } = await page(`/venster/regio/${b.slug}${q()}`);
    expect(tableRows(document, "organisaties")[0]).toEqual([
      "Gemeenten",
      "10",
      "10",
      "100%",
      "0%",
      "0%",
      "0%",
    ]);
    expect(document.querySelector("#afgeschermd")).toBeNull();
    expect(tableRows(document, "hulpvragen-themas").find((row) => row[0] === "GGZ")).toEqual(["GGZ", "1"]);
  });
});

describe("when the database is down", () => {
  it("answers 503 with a page that says so", async () => {
    const own = await openTestDatabase();
    const config = parseConfig({ LOG_LEVEL: "silent" });
    const broken = await startApp(
      { ...config, http: { host: "127.0.0.1", port: 0 }, seedDemo: false },
      createLogger("silent"),
      { database: own, everyMinute: false },
    );
    try {
      await own.close();
      const res = await fetch(`${broken.url}/venster`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain("De database is op dit moment niet bereikbaar");
    } finally {
      await broken.stop().catch(() => {});
    }
  });
});
