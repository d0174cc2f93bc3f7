import { describe, expect, it } from "vitest";
import { DEFAULT_OUTLIER_RULE } from "../../src/domain/venster/outliers.js";
import {
  type AggregateRow,
  buildOrganisationTypeTable,
  buildOverview,
  buildTrend,
  countSupportThemes,
  listEscalations,
  shareBand,
} from "../../src/domain/venster/page-model.js";
import type { OrganisationType } from "../../src/domain/vocabulary.js";

const rule = DEFAULT_OUTLIER_RULE;

/** A row where `yes` of `answered` are satisfied with every part and `support` need support. */
function row(
  regionSlug: string,
  organisationType: OrganisationType,
  invited: number,
  answered: number,
  yes: number,
  support = 0,
): AggregateRow {
  const part = () => ({
    satisfied: { yes, no: answered - yes },
    support: { yes: support, no: answered - support },
  });
  return {
    regionSlug,
    regionName: `Regio ${regionSlug}`,
    organisationType,
    invited,
    answered,
    parts: { agenda: part(), proces: part(), resultaat: part() },
  };
}

describe("buildOverview", () => {
  it("adds up regions and the nation, and flags outliers against the national share", () => {
    const model = buildOverview(
      [
        row("a", "gemeente", 10, 10, 10),
        row("a", "zorgverzekeraar", 2, 0, 0),
        row("b", "gemeente", 10, 10, 5, 3),
        row("c", "gemeente", 10, 10, 0),
        row("d", "gemeente", 4, 4, 0),
      ],
      rule,
    );
    expect(model.national).toMatchObject({ invited: 36, answered: 34 });
    expect(model.national.parts.agenda).toMatchObject({ yes: 15, no: 19, supportNeeded: 3 });
    expect(model.regions.map((r) => r.slug)).toEqual(["a", "b", "c", "d"]);
    const [a, b, c, d] = model.regions;
    expect(a?.responseRate).toBeCloseTo(10 / 12);
    expect(a?.parts.agenda).toMatchObject({ share: 1, band: "b4", outlier: "higher" });
    expect(b?.parts.agenda).toMatchObject({ share: 0.5, band: "b2", outlier: undefined });
    expect(c?.parts.agenda).toMatchObject({ share: 0, band: "b0", outlier: "lower" });
    // Four respondents: below the minimum of five.
    expect(d?.parts.agenda).toMatchObject({ share: 0, outlier: undefined });
    expect(model.outliers).toHaveLength(6);
    expect(model.outliers[0]).toMatchObject({ regionSlug: "a", part: "agenda", direction: "higher" });
  });

  it("is empty without rows", () => {
    const model = buildOverview([], rule);
    expect(model.regions).toEqual([]);
    expect(model.outliers).toEqual([]);
    expect(model.national.responseRate).toBeUndefined();
    expect(model.national.parts.proces.share).toBeUndefined();
  });
});

describe("shareBand", () => {
  it("puts shares in five bands, the edges in the upper band", () => {
    expect([undefined, 0, 0.199, 0.2, 0.6, 0.8, 1].map(shareBand)).toEqual([
      "none",
      "b0",
      "b0",
      "b1",
      "b3",
      "b4",
      "b4",
    ]);
  });
});

describe("buildOrganisationTypeTable (anonymity threshold)", () => {
  const options = { anonymityThreshold: 3, rule };

  it("shows the shares per type when every type that answered has exactly the threshold", () => {
    const table = buildOrganisationTypeTable(
      [row("a", "gemeente", 5, 3, 2), row("a", "zorgkantoor", 3, 3, 3)],
      undefined,
      options,
    );
    expect(table.suppressedParts).toEqual([]);
    expect(table.types.map((t) => t.organisationType)).toEqual(["gemeente", "zorgkantoor"]);
    expect(table.types[0]?.parts.agenda).toMatchObject({ yes: 2, no: 1 });
    expect(table.total).toMatchObject({ invited: 8, answered: 6 });
  });

  it("withholds every type's shares when one type has one respondent below the threshold", () => {
    const table = buildOrganisationTypeTable(
      [row("a", "gemeente", 5, 5, 2), row("a", "zorgverzekeraar", 4, 2, 2)],
      undefined,
      options,
    );
    expect(table.suppressedParts).toEqual(["agenda", "proces", "resultaat"]);
    expect(table.types.every((t) => t.parts.agenda === "suppressed")).toBe(true);
    // Invited and answered per type stay visible; the total stays too.
    expect(table.types[1]).toMatchObject({ invited: 4, answered: 2 });
    expect(table.total.parts.agenda).toMatchObject({ yes: 4, no: 3 });
  });

  it("ignores a type with invitations but no answers", () => {
    const table = buildOrganisationTypeTable(
      [row("a", "gemeente", 5, 4, 4), row("a", "zorgkantoor", 2, 0, 0)],
      undefined,
      options,
    );
    expect(table.suppressedParts).toEqual([]);
    expect(table.types[1]).toMatchObject({ organisationType: "zorgkantoor", answered: 0 });
    expect(table.types[1]?.parts.agenda).toBeUndefined();
  });

  it("with threshold 1 shows every type that answered", () => {
    const table = buildOrganisationTypeTable(
      [row("a", "gemeente", 1, 1, 1), row("a", "zorgkantoor", 1, 1, 0)],
      undefined,
      { anonymityThreshold: 1, rule },
    );
    expect(table.suppressedParts).toEqual([]);
    expect(table.types[1]?.parts.resultaat).toMatchObject({ share: 0 });
  });

  it("refuses a threshold below 1", () => {
    expect(() => buildOrganisationTypeTable([], undefined, { anonymityThreshold: 0, rule })).toThrow(
      RangeError,
    );
  });
});

describe("trend, support themes and escalations", () => {
  it("orders the trend by opening date", () => {
    const counts = (yes: number, no: number) => ({
      agenda: { yes, no },
      proces: { yes, no },
      resultaat: { yes, no },
    });
    const trend = buildTrend([
      {
        waveId: "2",
        waveName: "2021",
        opensAt: new Date("2021-01-10"),
        region: counts(1, 1),
        national: counts(3, 1),
      },
      {
        waveId: "1",
        waveName: "2020",
        opensAt: new Date("2020-01-10"),
        region: counts(0, 0),
        national: counts(1, 0),
      },
    ]);
    expect(trend.map((p) => p.waveName)).toEqual(["2020", "2020", "2020", "2021", "2021", "2021"]);
    expect(trend[0]).toMatchObject({ part: "agenda", respondents: 0, share: undefined, nationalShare: 1 });
    expect(trend[3]).toMatchObject({ share: 0.5, nationalShare: 0.75 });
  });

  it("counts support needs per part and theme", () => {
    const counts = countSupportThemes([
      { part: "agenda", text: "dementie" },
      { part: "agenda", text: "inkoop" },
      { part: "proces", text: "verward gedrag" },
    ]);
    expect(counts.agenda).toMatchObject({ ouderen: 1, anders: 1, ggz: 0 });
    expect(counts.proces.ggz).toBe(1);
    expect(Object.values(counts.resultaat).every((n) => n === 0)).toBe(true);
  });

  it("lists escalations newest first, with themes and without their text", () => {
    const listed = listEscalations([
      { regionSlug: "a", regionName: "A", createdAt: new Date("2027-01-01"), text: "Hulp bij jeugdzorg" },
      { regionSlug: "b", regionName: "B", createdAt: new Date("2027-02-01"), text: "Geheim plan" },
    ]);
    expect(listed).toEqual([
      { regionSlug: "b", regionName: "B", createdAt: new Date("2027-02-01"), themes: ["anders"] },
      { regionSlug: "a", regionName: "A", createdAt: new Date("2027-01-01"), themes: ["jeugd"] },
    ]);
  });
});
