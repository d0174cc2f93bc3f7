import { parseHTML } from "linkedom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningApp } from "../../src/app-runtime.js";
import { type Database, openPglite } from "../../src/db/client.js";
import { startLocalApp } from "../support/local-app.js";

/*
 * What a new user meets first on /local, with the demo data as `npm start` seeds it: the "Begin hier" box with
 * three things to try, and a search over the people list that works without JavaScript (a GET form).
 */
let database: Database;
let app: RunningApp;

beforeAll(async () => {
  database = await openPglite(undefined);
  app = await startLocalApp(database, { seedDemo: true });
}, 120_000);
afterAll(async () => {
  await app?.stop();
  await database?.close();
});

async function pickerAt(query = "") {
  const response = await fetch(`${app.url}/local${query}`);
  expect(response.status).toBe(200);
  const { document } = parseHTML(await response.text());
  return document;
}
type Page = ReturnType<typeof parseHTML>["document"];
const rowNames = (document: Page) =>
  [...document.querySelectorAll("table.people tbody tr:not([hidden]) th a")].map((a) =>
    a.textContent?.trim(),
  );
const idOf = async (name: string) => {
  const document = await pickerAt();
  const link = [...document.querySelectorAll("table.people a")].find((a) => a.textContent?.trim() === name);
  return link?.getAttribute("href")?.replace("/local/", "");
};

describe("/local: Begin hier", () => {
  it("opens with a Begin hier box: Sanne Dekker's open survey, Ingrid Vermeulen's agenda toevoegen, the venster", async () => {
    const document = await pickerAt();
    const box = document.querySelector("section.start");
    expect(box?.getAttribute("aria-labelledby")).toBe("begin-hier");
    expect(document.getElementById("begin-hier")?.textContent).toBe("Begin hier");
    const items = [...(box?.querySelectorAll("li") ?? [])];
    expect(items).toHaveLength(3);
    const [sanne, ingrid, venster] = items;
    expect(sanne?.querySelector("a")?.getAttribute("href")).toBe(`/local/${await idOf("Sanne Dekker")}`);
    expect(sanne?.textContent).toContain("Sanne Dekker");
    expect(sanne?.textContent).toContain("open vragenlijst");
    expect(ingrid?.querySelector("a")?.getAttribute("href")).toBe(`/local/${await idOf("Ingrid Vermeulen")}`);
    expect(ingrid?.textContent).toContain("#regio-utrecht-stad");
    expect(ingrid?.querySelector("code")?.textContent).toMatch(/^agenda toevoegen /);
    expect(venster?.querySelector("a")?.getAttribute("href")).toBe("/venster");
    // The box comes before the list, so it is the first thing read after the heading.
    expect(document.body.innerHTML.indexOf("begin-hier")).toBeLessThan(
      document.body.innerHTML.indexOf("people"),
    );
  });

  it("speaks English with ?lang=en, and keeps the language in its links", async () => {
    const document = await pickerAt("?lang=en");
    expect(document.getElementById("begin-hier")?.textContent).toBe("Start here");
    const links = [...(document.querySelectorAll("section.start a") ?? [])].map((a) =>
      a.getAttribute("href"),
    );
    expect(links.every((href) => href?.endsWith("?lang=en"))).toBe(true);
    expect(document.querySelector("section.start")?.textContent).toContain("open survey");
  });
});

describe("/local: the search field over the people list", () => {
  it("is a labelled search form that works without JavaScript", async () => {
    const document = await pickerAt();
    const form = document.querySelector('form[role="search"]');
    expect(form?.getAttribute("method")).toBe("get");
    expect(form?.getAttribute("action")).toBe("/local");
    const input = form?.querySelector('input[type="search"]');
    expect(input?.getAttribute("name")).toBe("q");
    const label = form?.querySelector(`label[for="${input?.getAttribute("id")}"]`);
    expect(label?.textContent).toBe("Zoek een persoon");
    expect(form?.querySelector("button")?.textContent).toBe("Zoeken");
    expect(rowNames(document).length).toBeGreaterThan(50);
  });

  it("filters by name, organisation, region or role, ignoring case and accents, and says how many it found", async () => {
    const byName = await pickerAt("?q=vermeulen");
    expect(rowNames(byName)).toEqual(["Ingrid Vermeulen"]);
    expect(byName.querySelector('input[type="search"]')?.getAttribute("value")).toBe("vermeulen");
    expect(byName.querySelector("#people-count")?.textContent).toBe("1 persoon gevonden");

    const byOrganisation = await pickerAt(`?q=${encodeURIComponent("gemeente UTRECHT")}`);
    expect(rowNames(byOrganisation)).toEqual(expect.arrayContaining(["Sanne Dekker", "Martijn Bakker"]));
    expect(rowNames(byOrganisation)).not.toContain("Ingrid Vermeulen");

    const byRole = await pickerAt("?q=voorzitter");
    expect(rowNames(byRole)).toContain("Ingrid Vermeulen");
    expect(rowNames(byRole)).not.toContain("Sanne Dekker");

    const withoutAccent = await pickerAt("?q=fatima%20el");
    const withAccent = await pickerAt(`?q=${encodeURIComponent("FÁTIMA el")}`);
    expect(rowNames(withoutAccent)).toEqual(["Fatima El Amrani"]);
    expect(rowNames(withAccent)).toEqual(["Fatima El Amrani"]);
  });

  it("says so when nobody matches, shows what was typed as text, and keeps the language", async () => {
    const document = await pickerAt(`?q=${encodeURIComponent("<b>niemand</b>")}`);
    expect(rowNames(document)).toEqual([]);
    expect(document.querySelector("#people-count")?.textContent).toBe(
      'Niemand gevonden voor "<b>niemand</b>".',
    );
    expect(document.querySelector("#people-count b")).toBeNull();
    const english = await pickerAt("?lang=en&q=vermeulen");
    expect(english.querySelector("#people-count")?.textContent).toBe("1 person found");
    expect(english.querySelector('form[role="search"] input[name="lang"]')?.getAttribute("value")).toBe("en");
  });
});
