import { suppressesBreakdown } from "../survey/summarise-region.js";
import { ORGANISATION_TYPES, type OrganisationType, type Theme } from "../vocabulary.js";
import { type OutlierDirection, type OutlierRule, outlierDirection } from "./outliers.js";
import { addCounts, shareOfYes, VENSTER_PARTS, type VensterPart, type YesNoCount } from "./parts.js";
import { classifyThemes, countThemes } from "./themes.js";

/*
 * Pure builders from the venster's SQL aggregates to what the pages (and their CSV files) show. Counts in,
 * counts and shares out; nothing here sees a person or a free text except the theme classifier.
 */

/** Per part: answers to `<part>_tevreden` and to `<part>_ondersteuning` (support needed). */
export type PartCounts = { satisfied: YesNoCount; support: YesNoCount };
export type PartsCounts = Record<VensterPart, PartCounts>;

/** One row of the wave aggregate: one region × organisation type. */
export type AggregateRow = {
  regionSlug: string;
  regionName: string;
  organisationType: OrganisationType;
  invited: number;
  answered: number;
  parts: PartsCounts;
};

/** Five bands of the diverging palette, low to high share of yes; "none" without respondents. */
export type ShareBand = "none" | "b0" | "b1" | "b2" | "b3" | "b4";

export function shareBand(share: number | undefined): ShareBand {
  if (share === undefined) return "none";
  const band = Math.min(4, Math.floor(Number((share * 5).toFixed(9))));
  return `b${Math.max(0, band)}` as ShareBand;
}

export type PartCell = YesNoCount & {
  share: number | undefined;
  band: ShareBand;
  outlier: OutlierDirection | undefined;
  /** Respondents who said support is needed for this part. */
  supportNeeded: number;
};

export type AreaRow = {
  invited: number;
  answered: number;
  /** answered / invited; undefined when nobody was invited. */
  responseRate: number | undefined;
  parts: Record<VensterPart, PartCell>;
};

export type RegionRow = AreaRow & { slug: string; name: string };

export type OutlierEntry = {
  regionSlug: string;
  regionName: string;
  part: VensterPart;
  direction: OutlierDirection;
  share: number;
  nationalShare: number;
  respondents: number;
};

export type OverviewModel = {
  national: AreaRow;
  regions: RegionRow[];
  outliers: OutlierEntry[];
};

const emptyParts = (): PartsCounts =>
  Object.fromEntries(
    VENSTER_PARTS.map((part) => [part, { satisfied: { yes: 0, no: 0 }, support: { yes: 0, no: 0 } }]),
  ) as PartsCounts;

type Totals = { invited: number; answered: number; parts: PartsCounts };

function addRow(total: Totals, row: Totals): void {
  total.invited += row.invited;
  total.answered += row.answered;
  for (const part of VENSTER_PARTS) {
    total.parts[part] = {
      satisfied: addCounts(total.parts[part].satisfied, row.parts[part].satisfied),
      support: addCounts(total.parts[part].support, row.parts[part].support),
    };
  }
}

const rate = (part: number, whole: number) => (whole === 0 ? undefined : part / whole);

function areaRow(totals: Totals, national: PartsCounts | undefined, rule: OutlierRule): AreaRow {
  const parts = Object.fromEntries(
    VENSTER_PARTS.map((part) => {
      const counts = totals.parts[part];
      const share = shareOfYes(counts.satisfied);
      const cell: PartCell = {
        ...counts.satisfied,
        share,
        band: shareBand(share),
        outlier: national ? outlierDirection(counts.satisfied, national[part].satisfied, rule) : undefined,
        supportNeeded: counts.support.yes,
      };
      return [part, cell];
    }),
  ) as Record<VensterPart, PartCell>;
  return {
    invited: totals.invited,
    answered: totals.answered,
    responseRate: rate(totals.answered, totals.invited),
    parts,
  };
}

const collator = new Intl.Collator("nl", { numeric: true });

/** The overview of one wave: the national totals, every region with invitations, and the outliers. */
export function buildOverview(rows: readonly AggregateRow[], rule: OutlierRule): OverviewModel {
  const national: Totals = { invited: 0, answered: 0, parts: emptyParts() };
  const byRegion = new Map<string, Totals & { name: string }>();
  for (const row of rows) {
    addRow(national, row);
    let region = byRegion.get(row.regionSlug);
    if (!region) {
      region = { name: row.regionName, invited: 0, answered: 0, parts: emptyParts() };
      byRegion.set(row.regionSlug, region);
    }
    addRow(region, row);
  }
  const regions = [...byRegion.entries()]
    .map(([slug, totals]) => ({ slug, name: totals.name, ...areaRow(totals, national.parts, rule) }))
    .sort((a, b) => collator.compare(a.name, b.name) || (a.slug < b.slug ? -1 : 1));
  const outliers = VENSTER_PARTS.flatMap((part) =>
    regions.flatMap((region): OutlierEntry[] => {
      const cell = region.parts[part];
      const nationalShare = shareOfYes(national.parts[part].satisfied);
      if (!cell.outlier || cell.share === undefined || nationalShare === undefined) return [];
      return [
        {
          regionSlug: region.slug,
          regionName: region.name,
          part,
          direction: cell.outlier,
          share: cell.share,
          nationalShare,
          respondents: cell.yes + cell.no,
        },
      ];
    }),
  );
  return { national: areaRow(national, undefined, rule), regions, outliers };
}

/** A part's share per organisation type, or "suppressed" by the anonymity rule, or undefined: nobody answered. */
export type TypePartCell = (YesNoCount & { share: number; band: ShareBand }) | "suppressed" | undefined;

export type OrganisationTypeRow = {
  organisationType: OrganisationType;
  invited: number;
  answered: number;
  responseRate: number | undefined;
  parts: Record<VensterPart, TypePartCell>;
};

export type OrganisationTypeTable = {
  total: AreaRow;
  types: OrganisationTypeRow[];
  /** Parts whose per-type shares are withheld: some type has respondents, but fewer than the threshold. */
  suppressedParts: VensterPart[];
};

/**
 * One region's results per organisation type. Invited and answered per type are always shown (they say
 * nothing about the answers); the shares of a part per type follow the anonymity rule of the region
 * summary (`suppressesBreakdown`): withheld for every type as soon as one type that answered the part has
 * fewer than `anonymityThreshold` respondents, since a single hidden type could be derived from the total.
 */
export function buildOrganisationTypeTable(
  rows: readonly AggregateRow[],
  national: PartsCounts | undefined,
  options: { anonymityThreshold: number; rule: OutlierRule },
): OrganisationTypeTable {
  const threshold = options.anonymityThreshold;
  if (!Number.isInteger(threshold) || threshold < 1)
    throw new RangeError(`anonymityThreshold must be an integer >= 1, got ${threshold}`);
  const byType = new Map<OrganisationType, Totals>();
  const total: Totals = { invited: 0, answered: 0, parts: emptyParts() };
  for (const row of rows) {
    let totals = byType.get(row.organisationType);
    if (!totals) {
      totals = { invited: 0, answered: 0, parts: emptyParts() };
      byType.set(row.organisationType, totals);
    }
    addRow(totals, row);
    addRow(total, row);
  }
  const listed = ORGANISATION_TYPES.filter((type) => byType.has(type));
  const suppressedParts = VENSTER_PARTS.filter((part) =>
    suppressesBreakdown(
      listed.map((type) => {
        const counts = byType.get(type)?.parts[part].satisfied ?? { yes: 0, no: 0 };
        return counts.yes + counts.no;
      }),
      threshold,
    ),
  );
  const types = listed.map((organisationType): OrganisationTypeRow => {
    const totals = byType.get(organisationType) as Totals;
    const parts = Object.fromEntries(
      VENSTER_PARTS.map((part): [VensterPart, TypePartCell] => {
        if (suppressedParts.includes(part)) return [part, "suppressed"];
        const counts = totals.parts[part].satisfied;
        const share = shareOfYes(counts);
        return [part, share === undefined ? undefined : { ...counts, share, band: shareBand(share) }];
      }),
    ) as Record<VensterPart, TypePartCell>;
    return {
      organisationType,
      invited: totals.invited,
      answered: totals.answered,
      responseRate: rate(totals.answered, totals.invited),
      parts,
    };
  });
  return { total: areaRow(total, national, options.rule), types, suppressedParts };
}

/** One venster wave in a region's trend: the region's and the nation's counts per part. */
export type TrendInput = {
  waveId: string;
  waveName: string;
  opensAt: Date;
  region: Record<VensterPart, YesNoCount>;
  national: Record<VensterPart, YesNoCount>;
};

export type TrendPoint = {
  waveId: string;
  waveName: string;
  opensAt: Date;
  part: VensterPart;
  respondents: number;
  share: number | undefined;
  nationalShare: number | undefined;
};

/** Per wave (oldest first) and part, the region's share of yes next to the national share. */
export function buildTrend(waves: readonly TrendInput[]): TrendPoint[] {
  return [...waves]
    .sort((a, b) => a.opensAt.getTime() - b.opensAt.getTime())
    .flatMap((wave) =>
      VENSTER_PARTS.map((part) => ({
        waveId: wave.waveId,
        waveName: wave.waveName,
        opensAt: wave.opensAt,
        part,
        respondents: wave.region[part].yes + wave.region[part].no,
        share: shareOfYes(wave.region[part]),
        nationalShare: shareOfYes(wave.national[part]),
      })),
    );
}

/** Support needs per part and theme, from the texts of those who said support is needed (never shown). */
export type SupportNeedText = { part: VensterPart; text: string };

export function countSupportThemes(
  needs: readonly SupportNeedText[],
): Record<VensterPart, Record<Theme, number>> {
  return Object.fromEntries(
    VENSTER_PARTS.map((part) => [
      part,
      countThemes(needs.filter((need) => need.part === part).map((need) => need.text)),
    ]),
  ) as Record<VensterPart, Record<Theme, number>>;
}

/** A hulpvraag as the venster lists it: where, when and which themes; never the text or who asked. */
export type EscalationEntry = { regionSlug: string; regionName: string; createdAt: Date; themes: Theme[] };

export function listEscalations(
  escalations: readonly { regionSlug: string; regionName: string; createdAt: Date; text: string }[],
): EscalationEntry[] {
  return escalations
    .map(({ regionSlug, regionName, createdAt, text }) => ({
      regionSlug,
      regionName,
      createdAt,
      themes: classifyThemes(text),
    }))
    .sort(
      (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || collator.compare(a.regionName, b.regionName),
    );
}

export function countEscalationThemes(escalations: readonly { text: string }[]): Record<Theme, number> {
  return countThemes(escalations.map((escalation) => escalation.text));
}
