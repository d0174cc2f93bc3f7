import { shareOfYes, type YesNoCount } from "./parts.js";

/**
 * The venster's outlier rule. The seeds: positive and negative outliers are the reason to talk to a region
 * (share a best practice, or ask whether support is needed). For one part of the survey, a region is an
 * outlier when
 *   1. at least `minRespondents` people in the region answered that part's satisfaction question, and
 *   2. the region's share of "ja" differs from the national share (every respondent of the wave to that
 *      part, the region included) by strictly more than `margin` (0.2 = 20 percentage points).
 * Above the national share it is a positive outlier ("higher"), below a negative one ("lower"). Without a
 * national share (nobody answered the part) there are no outliers.
 *
 * Shares are ratios of small integers computed in binary floating point, so 0.9 − 0.7 comes out as
 * 0.20000000000000007. A difference within `FLOAT_TOLERANCE` of the margin counts as equal to it (not an
 * outlier): the rule is about counts people can check by hand, not about rounding noise.
 */
export type OutlierRule = { margin: number; minRespondents: number };
export type OutlierDirection = "higher" | "lower";

export const DEFAULT_OUTLIER_RULE: OutlierRule = { margin: 0.2, minRespondents: 5 };

const FLOAT_TOLERANCE = 1e-9;

export function assertOutlierRule(rule: OutlierRule): void {
  if (!(rule.margin > 0 && rule.margin < 1))
    throw new RangeError(`outlier margin must be > 0 and < 1, got ${rule.margin}`);
  if (!Number.isInteger(rule.minRespondents) || rule.minRespondents < 1)
    throw new RangeError(`outlier minRespondents must be an integer >= 1, got ${rule.minRespondents}`);
}

export function outlierDirection(
  region: YesNoCount,
  national: YesNoCount,
  rule: OutlierRule,
): OutlierDirection | undefined {
  assertOutlierRule(rule);
  if (region.yes + region.no < rule.minRespondents) return undefined;
  const regionShare = shareOfYes(region);
  const nationalShare = shareOfYes(national);
  if (regionShare === undefined || nationalShare === undefined) return undefined;
  const difference = regionShare - nationalShare;
  if (Math.abs(difference) <= rule.margin + FLOAT_TOLERANCE) return undefined;
  return difference > 0 ? "higher" : "lower";
}
