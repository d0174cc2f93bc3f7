import { and, desc, eq, gte, inArray, lte, sql } from "drizzle-orm";
import { executeRows, type Queryable } from "../../db/client.js";
import {
  agendaItems,
  escalations,
  handovers,
  meetings,
  regions,
  surveyDefinitions,
  waves,
} from "../../db/schema.js";
import type {
  AggregateRow,
  PartsCounts,
  SupportNeedText,
  TrendInput,
} from "../../domain/venster/page-model.js";
import {
  partQuestions,
  VENSTER_PARTS,
  VENSTER_SURVEY_KEY,
  type VensterPart,
} from "../../domain/venster/parts.js";
import type { OrganisationType } from "../../domain/vocabulary.js";

/*
 * The venster's reads. Answers are aggregated in SQL (one grouped query per wave), never loaded into
 * JavaScript: the latest revision per invitation (`distinct on … order by revision desc`), then counts of
 * yes and no per part, grouped by region × organisation type. Raw SQL goes through `executeRows`, which
 * evens out PGlite's `{ rows }` and postgres.js's array; counts are cast to int so both drivers give numbers.
 */

export type VensterWave = {
  id: string;
  name: string;
  status: "draft" | "open" | "closed";
  opensAt: Date;
  closesAt: Date;
};

/** Open and closed waves of the venster survey, newest first (drafts have no invitations yet). */
export async function listVensterWaves(db: Queryable): Promise<VensterWave[]> {
  return db
    .select({
      id: waves.id,
      name: waves.name,
      status: waves.status,
      opensAt: waves.opensAt,
      closesAt: waves.closesAt,
    })
    .from(waves)
    .innerJoin(surveyDefinitions, eq(surveyDefinitions.id, waves.surveyDefinitionId))
    .where(and(eq(surveyDefinitions.key, VENSTER_SURVEY_KEY), inArray(waves.status, ["open", "closed"])))
    .orderBy(desc(waves.opensAt), waves.name);
}

/** The yes/no counts of every part, as `count(*) filter (…)` columns named `<part>_<yes|no|support_yes|support_no>`. */
function partCountColumns(alias: string, extraCondition?: ReturnType<typeof sql>) {
  const columns = VENSTER_PARTS.flatMap((part) => {
    const { satisfied, supportNeeded } = partQuestions(part);
    return [
      [`${part}_yes`, satisfied, "true"],
      [`${part}_no`, satisfied, "false"],
      [`${part}_support_yes`, supportNeeded, "true"],
      [`${part}_support_no`, supportNeeded, "false"],
    ] as const;
  }).map(
    ([name, question, value]) =>
      sql`count(*) filter (where ${extraCondition ? sql`${extraCondition} and ` : sql``}${sql.raw(
        `${alias}.answers -> '${question}' = '${value}'::jsonb`,
      )})::int as ${sql.raw(`"${name}"`)}`,
  );
  return sql.join(columns, sql`, `);
}

type CountColumns = Record<string, unknown>;

function partsFrom(row: CountColumns, prefix = ""): PartsCounts {
  const n = (name: string) => Number(row[`${prefix}${name}`] ?? 0);
  return Object.fromEntries(
    VENSTER_PARTS.map((part) => [
      part,
      {
        satisfied: { yes: n(`${part}_yes`), no: n(`${part}_no`) },
        support: { yes: n(`${part}_support_yes`), no: n(`${part}_support_no`) },
      },
    ]),
  ) as PartsCounts;
}

/** One grouped query: per region × organisation type of the wave, invited, answered and the part counts. */
export async function waveAggregate(
  db: Queryable,
  waveId: string,
  options: { regionId?: string } = {},
): Promise<AggregateRow[]> {
  const inRegion = options.regionId ? sql` and i.region_id = ${options.regionId}` : sql``;
  const rows = await executeRows<CountColumns>(
    db,
    sql`
      with latest as (
        select distinct on (r.invitation_id) r.invitation_id, r.answers
        from answer_revisions r
        join invitations i on i.id = r.invitation_id
        where i.wave_id = ${waveId}${inRegion}
        order by r.invitation_id, r.revision desc
      )
      select g.slug as region_slug, g.name as region_name, o.type as organisation_type,
        count(*)::int as invited, count(l.invitation_id)::int as answered,
        ${partCountColumns("l")}
      from invitations i
      join organisations o on o.id = i.organisation_id
      join regions g on g.id = i.region_id
      left join latest l on l.invitation_id = i.id
      where i.wave_id = ${waveId}${inRegion}
      group by g.slug, g.name, o.type`,
  );
  return rows.map((row) => ({
    regionSlug: String(row.region_slug),
    regionName: String(row.region_name),
    organisationType: row.organisation_type as OrganisationType,
    invited: Number(row.invited),
    answered: Number(row.answered),
    parts: partsFrom(row),
  }));
}

/** The national part counts of a wave, summed over the aggregate rows. */
export function nationalParts(rows: readonly AggregateRow[]): PartsCounts {
  const total = partsFrom({});
  for (const row of rows) {
    for (const part of VENSTER_PARTS) {
      for (const key of ["satisfied", "support"] as const) {
        total[part][key].yes += row.parts[part][key].yes;
        total[part][key].no += row.parts[part][key].no;
      }
    }
  }
  return total;
}

export async function findRegionBySlug(db: Queryable, slug: string) {
  const [region] = await db
    .select({ id: regions.id, slug: regions.slug, name: regions.name })
    .from(regions)
    .where(eq(regions.slug, slug));
  return region;
}

/**
 * The region's trend: for every venster wave in which it had invitations, its own and the national counts
 * of satisfied yes/no per part. `waveList` gives the names and dates (and the order).
 */
export async function regionTrend(
  db: Queryable,
  regionId: string,
  waveList: readonly VensterWave[],
): Promise<TrendInput[]> {
  if (waveList.length === 0) return [];
  const ids = waveList.map((wave) => wave.id);
  const inRegion = sql`i.region_id = ${regionId}`;
  const rows = await executeRows<CountColumns>(
    db,
    sql`
      with latest as (
        select distinct on (r.invitation_id) r.invitation_id, r.answers
        from answer_revisions r
        join invitations i on i.id = r.invitation_id
        where i.wave_id in (${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )})
        order by r.invitation_id, r.revision desc
      )
      select i.wave_id, count(*) filter (where ${inRegion})::int as region_invited,
        ${partCountColumns("l", inRegion)}, ${nationalColumns()}
      from invitations i
      left join latest l on l.invitation_id = i.id
      where i.wave_id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})
      group by i.wave_id`,
  );
  const byWave = new Map(rows.map((row) => [String(row.wave_id), row]));
  return waveList.flatMap((wave): TrendInput[] => {
    const row = byWave.get(wave.id);
    if (!row || Number(row.region_invited) === 0) return [];
    const region = partsFrom(row);
    const national = partsFrom(row, "national_");
    const satisfied = (parts: PartsCounts) =>
      Object.fromEntries(VENSTER_PARTS.map((part) => [part, parts[part].satisfied])) as Record<
        VensterPart,
        { yes: number; no: number }
      >;
    return [
      {
        waveId: wave.id,
        waveName: wave.name,
        opensAt: wave.opensAt,
        region: satisfied(region),
        national: satisfied(national),
      },
    ];
  });
}

function nationalColumns() {
  return sql.join(
    VENSTER_PARTS.flatMap((part) => {
      const { satisfied } = partQuestions(part);
      return [
        sql.raw(
          `count(*) filter (where l.answers -> '${satisfied}' = 'true'::jsonb)::int as "national_${part}_yes"`,
        ),
        sql.raw(
          `count(*) filter (where l.answers -> '${satisfied}' = 'false'::jsonb)::int as "national_${part}_no"`,
        ),
      ];
    }),
    sql`, `,
  );
}

/**
 * The support-need texts of one region and wave (latest revisions of those who said support is needed), read
 * only to count themes: they are never shown or logged.
 */
export async function supportNeedTexts(
  db: Queryable,
  waveId: string,
  regionId: string,
): Promise<SupportNeedText[]> {
  const columns = sql.join(
    VENSTER_PARTS.map((part) => {
      const { supportNeeded, supportWhich } = partQuestions(part);
      return sql.raw(
        `case when l.answers -> '${supportNeeded}' = 'true'::jsonb then l.answers ->> '${supportWhich}' end as "${part}"`,
      );
    }),
    sql`, `,
  );
  const rows = await executeRows<Record<string, unknown>>(
    db,
    sql`
      select ${columns} from (
        select distinct on (r.invitation_id) r.answers
        from answer_revisions r
        join invitations i on i.id = r.invitation_id
        where i.wave_id = ${waveId} and i.region_id = ${regionId}
        order by r.invitation_id, r.revision desc
      ) l`,
  );
  return rows.flatMap((row) =>
    VENSTER_PARTS.flatMap((part) => {
      const text = row[part];
      return typeof text === "string" && text.trim() !== "" ? [{ part, text }] : [];
    }),
  );
}

/**
 * Hulpvragen in a period (the twelve months up to the wave's closing, or up to now for a wave still open),
 * for the whole country or one region. The text is returned only to classify its theme.
 */
export async function escalationsBetween(
  db: Queryable,
  period: { from: Date; to: Date },
  options: { regionId?: string } = {},
) {
  return db
    .select({
      regionSlug: regions.slug,
      regionName: regions.name,
      createdAt: escalations.createdAt,
      text: escalations.text,
    })
    .from(escalations)
    .innerJoin(regions, eq(regions.id, escalations.regionId))
    .where(
      and(
        gte(escalations.createdAt, period.from),
        lte(escalations.createdAt, period.to),
        options.regionId ? eq(escalations.regionId, options.regionId) : undefined,
      ),
    )
    .orderBy(desc(escalations.createdAt));
}

export type RegionActivity = {
  meetingsHeld: number;
  meetingsPlanned: number;
  meetingsCancelled: number;
  agendaItems: number;
  handoversStarted: number;
  handoversCompleted: number;
  handoversOpen: number;
};

/**
 * Meeting and handover activity of a region around `now`: meetings held in the last twelve months, planned
 * ahead, cancelled (last twelve months or ahead), agenda items on those meetings; handovers started and
 * completed in the last twelve months, and open now.
 */
export async function regionActivity(db: Queryable, regionId: string, now: Date): Promise<RegionActivity> {
  const yearAgo = new Date(now);
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  // Instants inside raw fragments go in as ISO text: postgres.js (under drizzle) refuses Date parameters there.
  const at = sql`${now.toISOString()}::timestamptz`;
  const since = sql`${yearAgo.toISOString()}::timestamptz`;
  const [meetingCounts] = await db
    .select({
      held: sql<number>`count(*) filter (where ${meetings.status} = 'planned' and ${meetings.startsAt} <= ${at})`.mapWith(
        Number,
      ),
      planned:
        sql<number>`count(*) filter (where ${meetings.status} = 'planned' and ${meetings.startsAt} > ${at})`.mapWith(
          Number,
        ),
      cancelled: sql<number>`count(*) filter (where ${meetings.status} = 'cancelled')`.mapWith(Number),
    })
    .from(meetings)
    .where(and(eq(meetings.regionId, regionId), gte(meetings.startsAt, yearAgo)));
  const [items] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(agendaItems)
    .innerJoin(meetings, eq(meetings.id, agendaItems.meetingId))
    .where(
      and(
        eq(meetings.regionId, regionId),
        gte(meetings.startsAt, yearAgo),
        eq(meetings.status, "planned"),
        sql`${agendaItems.removedAt} is null`,
      ),
    );
  const [handoverCounts] = await db
    .select({
      started: sql<number>`count(*) filter (where ${handovers.createdAt} >= ${since})`.mapWith(Number),
      completed:
        sql<number>`count(*) filter (where ${handovers.status} = 'completed' and ${handovers.completedAt} >= ${since})`.mapWith(
          Number,
        ),
      open: sql<number>`count(*) filter (where ${handovers.status} not in ('completed', 'cancelled'))`.mapWith(
        Number,
      ),
    })
    .from(handovers)
    .where(eq(handovers.regionId, regionId));
  return {
    meetingsHeld: meetingCounts?.held ?? 0,
    meetingsPlanned: meetingCounts?.planned ?? 0,
    meetingsCancelled: meetingCounts?.cancelled ?? 0,
    agendaItems: items?.n ?? 0,
    handoversStarted: handoverCounts?.started ?? 0,
    handoversCompleted: handoverCounts?.completed ?? 0,
    handoversOpen: handoverCounts?.open ?? 0,
  };
}

/** The period whose hulpvragen a wave's pages list: the twelve months up to its closing (or now, if earlier). */
export function escalationPeriod(wave: Pick<VensterWave, "closesAt">, now: Date): { from: Date; to: Date } {
  const to = wave.closesAt < now ? wave.closesAt : now;
  const from = new Date(to);
  from.setUTCFullYear(from.getUTCFullYear() - 1);
  return { from, to };
}
