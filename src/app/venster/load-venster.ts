import { RegiotafelError } from "../../domain/errors.js";
import { DEFAULT_OUTLIER_RULE, type OutlierRule } from "../../domain/venster/outliers.js";
import {
  buildOrganisationTypeTable,
  buildOverview,
  buildTrend,
  countEscalationThemes,
  countSupportThemes,
  type EscalationEntry,
  listEscalations,
  type OrganisationTypeTable,
  type OverviewModel,
  type TrendPoint,
} from "../../domain/venster/page-model.js";
import type { VensterPart } from "../../domain/venster/parts.js";
import type { Theme } from "../../domain/vocabulary.js";
import type { AppContext } from "../context.js";
import {
  escalationPeriod,
  escalationsBetween,
  findRegionBySlug,
  listVensterWaves,
  nationalParts,
  type RegionActivity,
  regionActivity,
  regionTrend,
  supportNeedTexts,
  type VensterWave,
  waveAggregate,
} from "./queries.js";

/** The wave or region asked for does not exist (or the wave is not a venster wave): the page answers 404. */
export class VensterNotFoundError extends RegiotafelError {
  readonly code = "VENSTER_NOT_FOUND";
  constructor(
    readonly what: "wave" | "region",
    readonly asked: string,
  ) {
    super(`${what === "wave" ? "Venster-ronde" : "Regio"} "${asked}" bestaat niet.`);
  }
}

export const outlierRuleOf = (ctx: Pick<AppContext, "venster">): OutlierRule =>
  ctx.venster
    ? { margin: ctx.venster.outlierMargin, minRespondents: ctx.venster.outlierMinRespondents }
    : DEFAULT_OUTLIER_RULE;

/** The wave by id or name among the venster waves; without one, the newest open or closed wave. */
export function chooseWave(list: readonly VensterWave[], asked: string | undefined): VensterWave | undefined {
  if (asked === undefined || asked === "") return list[0];
  const wave = list.find((candidate) => candidate.id === asked || candidate.name === asked);
  if (!wave) throw new VensterNotFoundError("wave", asked);
  return wave;
}

export type OverviewData =
  | { kind: "no-waves" }
  | {
      kind: "overview";
      waves: VensterWave[];
      wave: VensterWave;
      model: OverviewModel;
      rule: OutlierRule;
      escalations: EscalationEntry[];
      escalationPeriod: { from: Date; to: Date };
    };

export async function loadOverview(ctx: AppContext, asked: string | undefined): Promise<OverviewData> {
  const waves = await listVensterWaves(ctx.db);
  const wave = chooseWave(waves, asked);
  if (!wave) return { kind: "no-waves" };
  const rule = outlierRuleOf(ctx);
  const period = escalationPeriod(wave, ctx.now());
  const [rows, escalationRows] = await Promise.all([
    waveAggregate(ctx.db, wave.id),
    escalationsBetween(ctx.db, period),
  ]);
  return {
    kind: "overview",
    waves,
    wave,
    model: buildOverview(rows, rule),
    rule,
    escalations: listEscalations(escalationRows),
    escalationPeriod: period,
  };
}

export type RegionPageData = {
  waves: VensterWave[];
  wave: VensterWave;
  region: { slug: string; name: string };
  rule: OutlierRule;
  anonymityThreshold: number;
  organisationTypes: OrganisationTypeTable;
  trend: TrendPoint[];
  supportThemes: Record<VensterPart, Record<Theme, number>>;
  escalationThemes: Record<Theme, number>;
  escalationCount: number;
  escalationPeriod: { from: Date; to: Date };
  activity: RegionActivity;
};

/** Everything the region page shows; undefined when there is no venster wave yet. */
export async function loadRegionPage(
  ctx: AppContext,
  slug: string,
  asked: string | undefined,
): Promise<RegionPageData | undefined> {
  const region = await findRegionBySlug(ctx.db, slug);
  if (!region) throw new VensterNotFoundError("region", slug);
  const waves = await listVensterWaves(ctx.db);
  const wave = chooseWave(waves, asked);
  if (!wave) return undefined;
  const rule = outlierRuleOf(ctx);
  const now = ctx.now();
  const period = escalationPeriod(wave, now);
  // The national counts come from the whole wave's aggregate; the region's rows are a filter of it.
  const [all, trend, needs, escalationRows, activity] = await Promise.all([
    waveAggregate(ctx.db, wave.id),
    regionTrend(ctx.db, region.id, [...waves].reverse()),
    supportNeedTexts(ctx.db, wave.id, region.id),
    escalationsBetween(ctx.db, period, { regionId: region.id }),
    regionActivity(ctx.db, region.id, now),
  ]);
  return {
    waves,
    wave,
    region: { slug: region.slug, name: region.name },
    rule,
    anonymityThreshold: ctx.anonymityThreshold,
    organisationTypes: buildOrganisationTypeTable(
      all.filter((row) => row.regionSlug === region.slug),
      nationalParts(all),
      { anonymityThreshold: ctx.anonymityThreshold, rule },
    ),
    trend: buildTrend(trend),
    supportThemes: countSupportThemes(needs),
    escalationThemes: countEscalationThemes(escalationRows),
    escalationCount: escalationRows.length,
    escalationPeriod: period,
    activity,
  };
}
