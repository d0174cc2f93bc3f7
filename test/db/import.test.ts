import { readFile } from "node:fs/promises";
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { importPeople } from "../../src/app/import-people.js";
import { importRegions } from "../../src/app/import-regions.js";
import { DEMO_REGIONS_FILE } from "../../src/app/seed-demo.js";
import type { Db } from "../../src/db/client.js";
import {
  auditLog,
  memberships,
  municipalities,
  organisationRegions,
  organisations,
  people,
  platformIdentities,
  regionMunicipalities,
  regions,
} from "../../src/db/schema.js";
import { ImportRejectedError } from "../../src/domain/errors.js";
import { useTestDatabase } from "../support/database.js";
import { createRegion, uniqueKey } from "../support/factories.js";

const database = useTestDatabase();
const today = "2026-11-23";

const csv = (name: string, text: string) => ({ name, text, format: "csv" as const });
const yaml = (name: string, text: string) => ({ name, text, format: "yaml" as const });

async function rejection(promise: Promise<unknown>): Promise<ImportRejectedError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRejectedError);
  return error as ImportRejectedError;
}

/** Everything the import wrote for these regions, in a stable order, to compare before and after. */
async function regionSnapshot(db: Db, slugs: string[]) {
  const rows = await db
    .select({
      slug: regions.slug,
      name: regions.name,
      kind: regions.kind,
      group: regions.groupName,
      note: regions.note,
    })
    .from(regions)
    .where(inArray(regions.slug, slugs))
    .orderBy(regions.slug);
  const links = await db
    .select({ slug: regions.slug, municipality: municipalities.name })
    .from(regionMunicipalities)
    .innerJoin(regions, eq(regions.id, regionMunicipalities.regionId))
    .innerJoin(municipalities, eq(municipalities.id, regionMunicipalities.municipalityId))
    .where(inArray(regions.slug, slugs))
    .orderBy(regions.slug, municipalities.name);
  return { rows, links };
}

async function peopleSnapshot(db: Db, emails: string[]) {
  const persons = await db.select().from(people).where(inArray(people.email, emails)).orderBy(people.email);
  const ids = persons.map((p) => p.id);
  if (!ids.length) return { persons, rows: [], identities: [] };
  const rows = await db
    .select({
      email: people.email,
      organisation: organisations.name,
      type: organisations.type,
      region: regions.slug,
      role: memberships.role,
      isChair: memberships.isChair,
      activeFrom: memberships.activeFrom,
      activeUntil: memberships.activeUntil,
    })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .innerJoin(regions, eq(regions.id, memberships.regionId))
    .where(inArray(memberships.personId, ids))
    .orderBy(people.email, regions.slug, memberships.role);
  const identities = await db
    .select()
    .from(platformIdentities)
    .where(inArray(platformIdentities.personId, ids))
    .orderBy(platformIdentities.userId);
  return { persons, rows, identities };
}

describe("import regions", () => {
  it("loads the HLZ regions of the 2015 report with every municipality in exactly one region", async () => {
    const { db } = database.current;
    const text = await readFile(DEMO_REGIONS_FILE, "utf8");
    const expected = parseYaml(text) as { slug: string; municipalities: string[] }[];
    await importRegions(db, yaml("hlz.yaml", text));

    const slugs = expected.map((r) => r.slug);
    const { rows, links } = await regionSnapshot(db, slugs);
    expect(rows).toHaveLength(expected.length);
    expect(rows.every((r) => r.kind === "hlz")).toBe(true);
    const linked = links.map((l) => l.municipality);
    expect(new Set(linked).size).toBe(linked.length);
    expect(linked.sort()).toEqual(expected.flatMap((r) => r.municipalities).sort());
    expect(links.filter((l) => l.slug === "achterhoek").map((l) => l.municipality)).toContain("Winterswijk");

    const again = await importRegions(db, yaml("hlz.yaml", text));
    expect(again).toEqual({ added: 0, changed: 0, unchanged: expected.length });
  });

  it("is idempotent: the same CSV twice changes nothing; a changed row is updated in place", async () => {
    const { db } = database.current;
    const [a, b, m1, m2, m3] = [
      uniqueKey("reg"),
      uniqueKey("reg"),
      uniqueKey("Gem"),
      uniqueKey("Gem"),
      uniqueKey("Gem"),
    ];
    const file = csv(
      `${a}.csv`,
      `slug;naam;soort;gemeenten\n${a};Regio ${a};hlz;${m1}, ${m2}\n${b};Regio ${b};zorgkantoorregio;${m3}\n`,
    );
    const audited = () =>
      db
        .select()
        .from(auditLog)
        .where(eq(auditLog.subjectId, `${a}.csv`));
    expect(await importRegions(db, file)).toEqual({ added: 2, changed: 0, unchanged: 0 });
    expect((await audited()).map((e) => [e.action, e.details])).toEqual([
      ["import.regions", { added: 2, changed: 0, unchanged: 0 }],
    ]);
    const before = await regionSnapshot(db, [a, b]);
    expect(before.links).toHaveLength(3);

    expect(await importRegions(db, file)).toEqual({ added: 0, changed: 0, unchanged: 2 });
    expect(await regionSnapshot(db, [a, b])).toEqual(before);
    expect(await audited()).toHaveLength(1);

    // m2 moves from region a to region b: both are in the file, so that is allowed.
    const moved = csv(
      "regios.csv",
      `slug;naam;soort;gemeenten\n${a};Regio ${a};hlz;${m1}\n${b};Regio ${b};hlz;${m3}|${m2}\n`,
    );
    expect(await importRegions(db, moved)).toEqual({ added: 0, changed: 2, unchanged: 0 });
    const after = await regionSnapshot(db, [a, b]);
    expect(after.links).toEqual(
      [
        { slug: a, municipality: m1 },
        { slug: b, municipality: m2 },
        { slug: b, municipality: m3 },
      ].sort((x, y) => (x.slug + x.municipality).localeCompare(y.slug + y.municipality)),
    );
    expect(after.rows.find((r) => r.slug === b)?.kind).toBe("hlz");
  });

  it("rejects the whole file when one row is invalid, naming file and line in Dutch", async () => {
    const { db } = database.current;
    const [a, b] = [uniqueKey("reg"), uniqueKey("reg")];
    const error = await rejection(
      importRegions(
        db,
        csv(
          "fout.csv",
          [
            "slug,name,kind,municipalities",
            `${a},Regio ${a},hlz,${uniqueKey("Gem")}`,
            `${b},Regio ${b},provincie,${uniqueKey("Gem")}`,
            `${uniqueKey("reg")},,hlz,`,
          ].join("\n"),
        ),
      ),
    );
    expect(error.message).toContain("fout.csv:3: soort moet een van deze zijn: zorgkantoorregio, wmo, hlz");
    expect(error.message).toContain("fout.csv:4: naam ontbreekt; gemeenten ontbreekt");
    expect(error.lineErrors.map((e) => e.line)).toEqual([3, 4]);
    expect((await regionSnapshot(db, [a, b])).rows).toEqual([]);
  });

  it("rolls back rows already written when a later row conflicts with the database", async () => {
    const { db } = database.current;
    const taken = uniqueKey("Gem");
    const owner = uniqueKey("reg");
    await importRegions(
      db,
      yaml(
        "eigen.yaml",
        `- slug: ${owner}\n  name: Regio ${owner}\n  kind: hlz\n  municipalities: [${taken}]\n`,
      ),
    );

    const [a, b] = [uniqueKey("reg"), uniqueKey("reg")];
    const fresh = uniqueKey("Gem");
    const error = await rejection(
      importRegions(
        db,
        yaml(
          "nieuw.yaml",
          `# twee regio's\n- slug: ${a}\n  name: Regio ${a}\n  kind: hlz\n  municipalities:\n    - ${fresh}\n- slug: ${b}\n  name: Regio ${b}\n  kind: hlz\n  municipalities:\n    - ${taken}\n`,
        ),
      ),
    );
    expect(error.message).toBe(`nieuw.yaml:7: gemeente ${taken} hoort al bij regio ${owner} (soort hlz)`);
    expect((await regionSnapshot(db, [a, b])).rows).toEqual([]);
    expect(await db.select().from(municipalities).where(eq(municipalities.name, fresh))).toEqual([]);
  });

  it("points at both lines when a file lists a municipality twice", async () => {
    const { db } = database.current;
    const twice = uniqueKey("Gem");
    const error = await rejection(
      importRegions(
        db,
        csv(
          "dubbel.csv",
          `name,municipalities\nRegio ${uniqueKey("x")},${twice}\nRegio ${uniqueKey("y")},${twice}\n`,
        ),
      ),
    );
    expect(error.message).toContain(`dubbel.csv:3: gemeente ${twice} staat ook op regel 2`);
  });
});

describe("import people", () => {
  async function twoRegions() {
    const utrecht = await createRegion(db());
    const eemland = await createRegion(db());
    return { utrecht, eemland };
  }
  const db = () => database.current.db;

  it("creates people, organisations active in their regions, memberships and identities; twice changes nothing", async () => {
    const { utrecht, eemland } = await twoRegions();
    const anne = `${uniqueKey("anne")}@gemeente.example`;
    const bert = `${uniqueKey("bert")}@zorgverzekeraar.example`;
    const team = uniqueKey("T");
    const gemeente = `Gemeente ${uniqueKey("g")}`;
    const verzekeraar = `Verzekeraar ${uniqueKey("z")}`;
    const file = csv(
      "mensen.csv",
      [
        "e-mail,naam,organisatie,organisatietype,regio,rol,voorzitter,actief_vanaf,slack_team_id,slack_user_id",
        `${anne.toUpperCase()},Anne de Vries,${gemeente},gemeente,${utrecht.slug},ambtelijk,ja,01-03-2025,${team},U01`,
        `${bert},Bert Jansen,${verzekeraar},zorgverzekeraar,${utrecht.slug},bestuurlijk,nee,,,`,
        `${bert},Bert Jansen,${verzekeraar},zorgverzekeraar,${eemland.name},bestuurlijk,,,,`,
      ].join("\n"),
    );
    expect(await importPeople(db(), file, { today })).toEqual({ added: 3, changed: 0, unchanged: 0 });

    const before = await peopleSnapshot(db(), [anne, bert]);
    expect(before.persons.map((p) => p.email)).toEqual([anne, bert]);
    expect(before.rows).toEqual(
      [
        {
          email: anne,
          organisation: gemeente,
          type: "gemeente",
          region: utrecht.slug,
          role: "ambtelijk",
          isChair: true,
          activeFrom: "2025-03-01",
          activeUntil: null,
        },
        {
          email: bert,
          organisation: verzekeraar,
          type: "zorgverzekeraar",
          region: utrecht.slug,
          role: "bestuurlijk",
          isChair: false,
          activeFrom: today,
          activeUntil: null,
        },
        {
          email: bert,
          organisation: verzekeraar,
          type: "zorgverzekeraar",
          region: eemland.slug,
          role: "bestuurlijk",
          isChair: false,
          activeFrom: today,
          activeUntil: null,
        },
      ].sort((x, y) => (x.email + x.region).localeCompare(y.email + y.region)),
    );
    expect(before.identities.map((i) => [i.platform, i.workspaceId, i.userId])).toEqual([
      ["slack", team, "U01"],
    ]);
    const [insurer] = await db().select().from(organisations).where(eq(organisations.name, verzekeraar));
    const activeIn = await db()
      .select()
      .from(organisationRegions)
      .where(eq(organisationRegions.organisationId, insurer?.id as string));
    expect(activeIn.map((r) => r.regionId).sort()).toEqual([utrecht.id, eemland.id].sort());

    // A later day: rows without a start date still mean the current membership, so nothing is added.
    expect(await importPeople(db(), file, { today: "2027-02-01" })).toEqual({
      added: 0,
      changed: 0,
      unchanged: 3,
    });
    expect(await peopleSnapshot(db(), [anne, bert])).toEqual(before);
  });

  it("updates a membership in place when the file ends it or changes the chair", async () => {
    const { utrecht } = await twoRegions();
    const email = `${uniqueKey("carla")}@gemeente.example`;
    const org = `Gemeente ${uniqueKey("g")}`;
    const row = (extra: string) =>
      yaml(
        "carla.yaml",
        `- email: ${email}\n  naam: Carla\n  organisatie: ${org}\n  organisatietype: gemeente\n  regio: ${utrecht.slug}\n  rol: ambtelijk\n${extra}`,
      );
    await importPeople(db(), row("  voorzitter: nee\n"), { today });
    expect(await importPeople(db(), row("  voorzitter: ja\n  actief_tot: 2027-06-30\n"), { today })).toEqual({
      added: 0,
      changed: 1,
      unchanged: 0,
    });
    const { rows } = await peopleSnapshot(db(), [email]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ isChair: true, activeUntil: "2027-06-30", activeFrom: today });
  });

  it("writes nothing when one row names a region that does not exist", async () => {
    const { utrecht } = await twoRegions();
    const emails = [`${uniqueKey("a")}@x.example`, `${uniqueKey("b")}@x.example`];
    const error = await rejection(
      importPeople(
        db(),
        csv(
          "mensen.csv",
          `email,name,organisation,organisation_type,region,role\n${emails[0]},A,Gemeente ${uniqueKey("g")},gemeente,${utrecht.slug},ambtelijk\n${emails[1]},B,Gemeente ${uniqueKey("g")},gemeente,atlantis,ambtelijk\n`,
        ),
        { today },
      ),
    );
    expect(error.message).toBe(
      'mensen.csv:3: regio "atlantis" bestaat niet (gebruik de slug of naam van een geïmporteerde regio)',
    );
    expect((await peopleSnapshot(db(), emails)).persons).toEqual([]);
  });

  it("reports every row error in one pass: an unknown region together with bad dates, on the same and other rows", async () => {
    const { utrecht } = await twoRegions();
    const org = `Gemeente ${uniqueKey("g")}`;
    const email = () => `${uniqueKey("p")}@x.example`;
    const header = "email,name,organisation,organisation_type,region,role,actief_vanaf,actief_tot";
    const error = await rejection(
      importPeople(
        db(),
        csv(
          "mensen.csv",
          [
            header,
            `${email()},A,${org},gemeente,atlantis,ambtelijk,31-02-2027,`,
            `${email()},B,${org},gemeente,${utrecht.slug},ambtelijk,morgen,`,
            `${email()},C,${org},gemeente,lemurië,ambtelijk,,`,
            `${email()},D,${org},gemeente,${utrecht.slug},ambtelijk,,`,
          ].join("\n"),
        ),
        { today },
      ),
    );
    const region = (name: string) =>
      `regio "${name}" bestaat niet (gebruik de slug of naam van een geïmporteerde regio)`;
    const badDate = "actief_vanaf is geen geldige datum (gebruik 14-01-2027 of 2027-01-14)";
    expect(error.lineErrors).toEqual([
      { line: 2, reason: `${badDate}; ${region("atlantis")}` },
      { line: 3, reason: badDate },
      { line: 4, reason: region("lemurië") },
    ]);
  });

  it("reports a missing column once, for the header, not on every row", async () => {
    const { utrecht } = await twoRegions();
    const org = `Gemeente ${uniqueKey("g")}`;
    const rows = [1, 2, 3].map(
      (n) => `${uniqueKey("p")}@x.example,Naam ${n},${org},${utrecht.slug},ambtelijk`,
    );
    const error = await rejection(
      importPeople(
        db(),
        csv(
          "mensen.csv",
          ["email,name,organisation,region,role", ...rows, `geen-adres,X,${org},atlantis,ambtelijk`].join(
            "\n",
          ),
        ),
        { today },
      ),
    );
    expect(error.lineErrors).toEqual([
      { line: 1, reason: "de kolom organisatietype ontbreekt in de kopregel" },
      {
        line: 5,
        reason:
          'e-mail is geen geldig e-mailadres; regio "atlantis" bestaat niet (gebruik de slug of naam van een geïmporteerde regio)',
      },
    ]);
  });

  it("reports every invalid row with its YAML line, in Dutch", async () => {
    const error = await rejection(
      importPeople(
        db(),
        yaml(
          "mensen.yaml",
          [
            "- email: goed@x.example",
            "  name: Goed",
            "  organisation: Gemeente Goed",
            "  organisation_type: gemeente",
            "  region: ergens",
            "  role: ambtelijk",
            "- email: geen-adres",
            "  name: Fout",
            "  organisation: Gemeente Fout",
            "  organisation_type: waterschap",
            "  region: ergens",
            "  role: ambtelijk",
            "  slack_team_id: T1",
            "  rol_extra: x",
          ].join("\n"),
        ),
        { today },
      ),
    );
    // Both rows name a region that does not exist; the second is wrong in other ways too, all in one line.
    const unknownRegion = 'regio "ergens" bestaat niet';
    expect(error.lineErrors.map((e) => e.line)).toEqual([1, 7]);
    expect(error.lineErrors[0]?.reason).toContain(unknownRegion);
    expect(error.lineErrors[1]?.reason).toContain("e-mail is geen geldig e-mailadres");
    expect(error.lineErrors[1]?.reason).toContain("organisatietype moet een van deze zijn");
    expect(error.lineErrors[1]?.reason).toContain("onbekend veld: rol_extra");
    expect(error.lineErrors[1]?.reason).toContain(unknownRegion);
  });

  it("refuses a Slack user that already belongs to someone else", async () => {
    const { utrecht } = await twoRegions();
    const team = uniqueKey("T");
    const first = `${uniqueKey("eerste")}@x.example`;
    const second = `${uniqueKey("tweede")}@x.example`;
    const org = `Gemeente ${uniqueKey("g")}`;
    const line = (email: string) => `${email},Naam,${org},gemeente,${utrecht.slug},ambtelijk,${team},U42`;
    const header = "email,name,organisation,organisation_type,region,role,slack_team_id,slack_user_id";
    await importPeople(db(), csv("een.csv", `${header}\n${line(first)}\n`), { today });
    const error = await rejection(
      importPeople(db(), csv("twee.csv", `${header}\n${line(second)}\n`), { today }),
    );
    expect(error.message).toBe(`twee.csv:2: Slack U42 hoort al bij ${first}`);
    expect((await peopleSnapshot(db(), [second])).persons).toEqual([]);
  });

  it("refuses an organisation described with another type than it has", async () => {
    const { utrecht } = await twoRegions();
    const org = `Zorgkantoor ${uniqueKey("z")}`;
    const header = "email,name,organisation,organisation_type,region,role";
    await importPeople(
      db(),
      csv("a.csv", `${header}\n${uniqueKey("a")}@x.example,A,${org},zorgkantoor,${utrecht.slug},ambtelijk\n`),
      {
        today,
      },
    );
    const email = `${uniqueKey("b")}@x.example`;
    const error = await rejection(
      importPeople(db(), csv("b.csv", `${header}\n${email},B,${org},gemeente,${utrecht.slug},ambtelijk\n`), {
        today,
      }),
    );
    expect(error.message).toBe(
      `b.csv:2: organisatie "${org}" bestaat al met type zorgkantoor, niet gemeente`,
    );
    const written = await db()
      .select()
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(and(eq(people.email, email)));
    expect(written).toEqual([]);
  });
});
