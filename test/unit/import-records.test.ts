import { describe, expect, it } from "vitest";
import { importFormatOf, parseRecords } from "../../src/domain/import/records.js";
import {
  PERSON_COLUMN_ALIASES,
  PersonRowSchema,
  REGION_COLUMN_ALIASES,
  RegionRowSchema,
  validateRecords,
} from "../../src/domain/import/row-schemas.js";

describe("parseRecords", () => {
  it("reads comma- and semicolon-separated CSV with Dutch headers, a BOM and blank lines, keeping line numbers", () => {
    const commas = parseRecords(
      '\uFEFFNaam,Soort,Gemeenten\nRegio A,hlz,"Aalten, Berkelland"\n\nRegio B,wmo,Zeist\n',
      "csv",
      REGION_COLUMN_ALIASES,
    );
    expect(commas).toEqual({
      records: [
        { line: 2, values: { name: "Regio A", kind: "hlz", municipalities: "Aalten, Berkelland" } },
        { line: 4, values: { name: "Regio B", kind: "wmo", municipalities: "Zeist" } },
      ],
      errors: [],
      header: { line: 1, columns: ["name", "kind", "municipalities"] },
    });
    const semicolons = parseRecords("naam;gemeenten\r\nRegio C;Urk\r\n", "csv", REGION_COLUMN_ALIASES);
    expect(semicolons.records).toEqual([{ line: 2, values: { name: "Regio C", municipalities: "Urk" } }]);
  });

  it("reports a CSV row with more columns than the header, and an unclosed quote, by line", () => {
    expect(parseRecords("naam,gemeenten\nA,B,C\n", "csv", REGION_COLUMN_ALIASES).errors).toEqual([
      {
        line: 2,
        reason: "het CSV-bestand is niet leesbaar (het aantal kolommen klopt niet met de kopregel)",
      },
    ]);
    expect(parseRecords('naam,gemeenten\nA,B\nC,"D\n', "csv", REGION_COLUMN_ALIASES).errors[0]?.reason).toBe(
      "het CSV-bestand is niet leesbaar (een aanhalingsteken wordt niet gesloten)",
    );
  });

  it("reads a YAML list, giving each item the line it starts on", () => {
    const text =
      "# regio's\n- naam: Regio A\n  gemeenten: [Aalten]\n\n- name: Regio B\n  municipalities:\n    - Urk\n";
    expect(parseRecords(text, "yaml", REGION_COLUMN_ALIASES)).toEqual({
      records: [
        { line: 2, values: { name: "Regio A", municipalities: ["Aalten"] } },
        { line: 5, values: { name: "Regio B", municipalities: ["Urk"] } },
      ],
      errors: [],
    });
  });

  it("explains YAML that is not a list of items, or not YAML at all", () => {
    expect(parseRecords("naam: Regio A\n", "yaml", {}).errors).toEqual([
      { line: 1, reason: "verwacht een lijst van items (regels die beginnen met '- ')" },
    ]);
    expect(parseRecords("- naam: [open\n- x\n", "yaml", {}).errors[0]?.reason).toBe(
      "het YAML-bestand is niet leesbaar (syntaxfout)",
    );
    expect(parseRecords("- gewoon tekst\n", "yaml", {}).errors).toEqual([
      { line: 1, reason: "verwacht een item met velden (naam: waarde)" },
    ]);
    expect(parseRecords("", "yaml", {}).errors).toEqual([{ line: 1, reason: "het bestand is leeg" }]);
  });

  it("knows formats by file extension", () => {
    expect(["a.csv", "B.YAML", "c.yml", "d.xlsx"].map(importFormatOf)).toEqual([
      "csv",
      "yaml",
      "yaml",
      undefined,
    ]);
  });
});

describe("RegionRowSchema", () => {
  it("derives the slug from the name and defaults to a zorgkantoorregio", () => {
    const { rows } = validateRecords(
      [{ line: 2, values: { name: "Súdwest-Fryslân & Co", municipalities: "Sneek; Bolsward" } }],
      RegionRowSchema,
    );
    expect(rows).toEqual([
      {
        line: 2,
        row: {
          name: "Súdwest-Fryslân & Co",
          slug: "sudwest-fryslan-en-co",
          kind: "zorgkantoorregio",
          municipalities: ["Sneek", "Bolsward"],
        },
      },
    ]);
  });

  it.each([
    ["HLZ-regio", "hlz"],
    ["Wmo regio", "wmo"],
    ["zorgkantoor", "zorgkantoorregio"],
    ["Subregio", "subregio"],
  ])("reads the kind %s as %s", (kind, expected) => {
    const { rows } = validateRecords(
      [{ line: 1, values: { name: "X", kind, municipalities: "Y" } }],
      RegionRowSchema,
    );
    expect(rows[0]?.row.kind).toBe(expected);
  });
});

describe("PersonRowSchema", () => {
  const valid = {
    email: " Anne@Gemeente.Example ",
    name: "Anne",
    organisation: "Gemeente Utrecht",
    organisation_type: "Cliëntenorganisatie",
    region: "utrecht-stad",
    role: "Ambtelijk",
  };

  it("normalises e-mail, type, role and Dutch dates", () => {
    const { rows, errors } = validateRecords(
      [{ line: 2, values: { ...valid, chair: "Ja", active_from: "1-3-2025", active_until: "2027-12-31" } }],
      PersonRowSchema,
    );
    expect(errors).toEqual([]);
    expect(rows[0]?.row).toMatchObject({
      email: "anne@gemeente.example",
      organisation_type: "clientenorganisatie",
      role: "ambtelijk",
      chair: true,
      active_from: "2025-03-01",
      active_until: "2027-12-31",
      locale: "nl",
    });
  });

  it.each([
    [{ email: "anne" }, "e-mail is geen geldig e-mailadres"],
    [{ role: "wethouder" }, "rol moet een van deze zijn: bestuurlijk, ambtelijk"],
    [{ chair: "soms" }, "voorzitter moet ja of nee zijn"],
    [{ active_from: "31-02-2026" }, "actief_vanaf is geen geldige datum (gebruik 14-01-2027 of 2027-01-14)"],
    [{ active_from: "2026-05-01", active_until: "2026-04-01" }, "actief_tot ligt vóór actief_vanaf"],
    [{ slack_team_id: "T1" }, "slack_team_id en slack_user_id horen samen: vul beide in of geen van beide"],
    [{ teams_aad_object_id: "abc" }, "teams_tenant_id en teams_aad_object_id horen samen"],
    [{ locale: "fy" }, "taal moet een van deze zijn: nl, en"],
    [{ name: undefined }, "naam ontbreekt"],
    [{ organisation_type: undefined }, "organisatietype ontbreekt"],
    [{ favourite_colour: "blauw" }, "onbekend veld: favourite_colour"],
  ])("refuses %o: %s", (override, reason) => {
    const values = Object.fromEntries(
      Object.entries({ ...valid, ...override }).filter(([, v]) => v !== undefined),
    );
    const { rows, errors } = validateRecords([{ line: 9, values }], PersonRowSchema);
    expect(rows).toEqual([]);
    expect(errors[0]?.line).toBe(9);
    expect(errors[0]?.reason).toContain(reason);
  });

  it("accepts the Dutch column names of a spreadsheet", () => {
    const { records } = parseRecords(
      "E-mail;Naam;Organisatie;Organisatietype;Regio;Rol;Voorzitter;Actief vanaf;Taal\nb@x.example;Bert;Gemeente Zeist;gemeente;zuid-oost-utrecht;bestuurlijk;nee;01-01-2026;en\n",
      "csv",
      PERSON_COLUMN_ALIASES,
    );
    const { rows, errors } = validateRecords(records, PersonRowSchema);
    expect(errors).toEqual([]);
    expect(rows[0]?.row).toMatchObject({
      email: "b@x.example",
      chair: false,
      active_from: "2026-01-01",
      locale: "en",
    });
  });
});
