import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_OUTLIER_RULE,
  type OutlierRule,
  outlierDirection,
} from "../../src/domain/venster/outliers.js";

const rule: OutlierRule = { margin: 0.2, minRespondents: 5 };
const yn = (yes: number, no: number) => ({ yes, no });

describe("outlierDirection", () => {
  it("is documented with the defaults 20 percentage points and 5 respondents", () => {
    expect(DEFAULT_OUTLIER_RULE).toEqual({ margin: 0.2, minRespondents: 5 });
  });

  it("does not flag a region exactly at the margin, above or below", () => {
    // national 50%, region 70% and 30%: exactly 20 points apart.
    expect(outlierDirection(yn(7, 3), yn(50, 50), rule)).toBeUndefined();
    expect(outlierDirection(yn(3, 7), yn(50, 50), rule)).toBeUndefined();
  });

  it("flags a region just over the margin", () => {
    // 71% against 50%, 29% against 50%.
    expect(outlierDirection(yn(71, 29), yn(500, 500), rule)).toBe("higher");
    expect(outlierDirection(yn(29, 71), yn(500, 500), rule)).toBe("lower");
  });

  it("treats float noise at the margin as equal to it (0.9 − 0.7 is 0.20000000000000007)", () => {
    expect(0.9 - 0.7).toBeGreaterThan(0.2);
    expect(outlierDirection(yn(9, 1), yn(7, 3), rule)).toBeUndefined();
    expect(outlierDirection(yn(1, 9), yn(3, 7), { margin: 0.2, minRespondents: 1 })).toBeUndefined();
    // 0.1 + 0.2 style: margin 0.3 and shares 0.4 vs 0.1.
    expect(outlierDirection(yn(4, 6), yn(1, 9), { margin: 0.3, minRespondents: 1 })).toBeUndefined();
  });

  it("needs at least the minimum number of respondents in the region", () => {
    expect(outlierDirection(yn(4, 0), yn(10, 90), rule)).toBeUndefined();
    expect(outlierDirection(yn(5, 0), yn(10, 90), rule)).toBe("higher");
    expect(outlierDirection(yn(0, 4), yn(90, 10), rule)).toBeUndefined();
    expect(outlierDirection(yn(0, 5), yn(90, 10), rule)).toBe("lower");
  });

  it("never flags a region that is the whole nation", () => {
    expect(outlierDirection(yn(20, 0), yn(20, 0), rule)).toBeUndefined();
    expect(outlierDirection(yn(3, 17), yn(3, 17), rule)).toBeUndefined();
  });

  it("handles 0% and 100%", () => {
    expect(outlierDirection(yn(0, 10), yn(50, 50), rule)).toBe("lower");
    expect(outlierDirection(yn(10, 0), yn(50, 50), rule)).toBe("higher");
    expect(outlierDirection(yn(10, 0), yn(85, 15), rule)).toBeUndefined();
  });

  it("has no outliers without respondents, nationally or in the region", () => {
    expect(outlierDirection(yn(0, 0), yn(0, 0), rule)).toBeUndefined();
    expect(outlierDirection(yn(0, 0), yn(10, 0), { margin: 0.2, minRespondents: 1 })).toBeUndefined();
    expect(outlierDirection(yn(5, 0), yn(0, 0), rule)).toBeUndefined();
  });

  it("refuses a rule outside its range", () => {
    expect(() => outlierDirection(yn(1, 1), yn(1, 1), { margin: 0, minRespondents: 5 })).toThrow(RangeError);
    expect(() => outlierDirection(yn(1, 1), yn(1, 1), { margin: 1, minRespondents: 5 })).toThrow(RangeError);
    expect(() => outlierDirection(yn(1, 1), yn(1, 1), { margin: 0.2, minRespondents: 0 })).toThrow(
      RangeError,
    );
    expect(() => outlierDirection(yn(1, 1), yn(1, 1), { margin: 0.2, minRespondents: 2.5 })).toThrow(
      RangeError,
    );
  });

  const counts = fc.record({ yes: fc.nat(200), no: fc.nat(200) });
  const rules = fc.record({
    margin: fc.double({ min: 0.01, max: 0.99, noNaN: true }),
    minRespondents: fc.integer({ min: 1, max: 50 }),
  });

  it("is symmetric: swapping yes and no swaps higher and lower", () => {
    fc.assert(
      fc.property(counts, counts, rules, (region, national, r) => {
        const flipped = outlierDirection(
          { yes: region.no, no: region.yes },
          { yes: national.no, no: national.yes },
          r,
        );
        const direction = outlierDirection(region, national, r);
        expect(flipped).toBe(direction === "higher" ? "lower" : direction === "lower" ? "higher" : undefined);
      }),
    );
  });

  it("flags only regions with enough respondents whose share differs by more than the margin", () => {
    fc.assert(
      fc.property(counts, counts, rules, (region, national, r) => {
        const direction = outlierDirection(region, national, r);
        if (direction === undefined) return;
        const respondents = region.yes + region.no;
        expect(respondents).toBeGreaterThanOrEqual(r.minRespondents);
        const difference = region.yes / respondents - national.yes / (national.yes + national.no);
        expect(Math.abs(difference)).toBeGreaterThan(r.margin);
        expect(direction).toBe(difference > 0 ? "higher" : "lower");
      }),
    );
  });

  it("a wider margin never creates an outlier a narrower one did not", () => {
    fc.assert(
      fc.property(counts, counts, rules, fc.double({ min: 0, max: 0.5, noNaN: true }), (a, b, r, extra) => {
        const wider = { ...r, margin: Math.min(0.99, r.margin + extra) };
        if (outlierDirection(a, b, wider) !== undefined)
          expect(outlierDirection(a, b, r)).toBe(outlierDirection(a, b, wider));
      }),
    );
  });
});
