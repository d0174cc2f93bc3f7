import { performance } from "node:perf_hooks";
import { eq, sql } from "drizzle-orm";
import { createWave } from "../src/app/waves/create-wave.js";
import { startApp } from "../src/app-runtime.js";
import { parseConfig } from "../src/config.js";
import { executeRows } from "../src/db/client.js";
import { waves } from "../src/db/schema.js";
import { createLogger } from "../src/logger.js";
import { withEmptyDatabase } from "../test/support/temporary-database.js";

/**
 * `/venster` for a wave with 30,000 answers over 31 regions, against one raw SQL aggregate over the same
 * rows (per region and part, the share of yes of the latest revisions), in the same run on PostgreSQL
 * (DATABASE_URL, or a throwaway database on 127.0.0.1:5432). Target: the page within 3× the aggregate.
 */
const REGIONS = 31;
const ANSWERED = 30_000;
const UNANSWERED = 3_000;
const ORGS_PER_TYPE = 10;
const WARM_UP = 5;
const RUNS = 30;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((x, y) => x - y);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;

async function time(work: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await work();
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return samples;
}

export async function benchVenster(serverUrl = "postgres://postgres@127.0.0.1:5432/postgres"): Promise<void> {
  await withEmptyDatabase(serverUrl, async (database) => {
    await database.migrate();
    const db = database.db;
    const seedStarted = performance.now();
    const wave = await createWave(db, {
      surveyKey: "venster",
      name: "Venster bench",
      opensAt: new Date("2027-01-11T08:00:00Z"),
      closesAt: new Date("2027-02-05T16:00:00Z"),
    });
    await db.update(waves).set({ status: "closed" }).where(eq(waves.id, wave.id));
    await db.execute(sql`
      insert into regions (slug, name, kind)
      select 'bench-regio-' || g, 'Benchregio ' || lpad(g::text, 2, '0'), 'zorgkantoorregio'
      from generate_series(1, ${REGIONS}) g`);
    await db.execute(sql`
      insert into organisations (slug, name, type)
      select 'bench-' || t.type || '-' || r.g || '-' || o.g, 'Bench ' || t.type || ' ' || r.g || '-' || o.g, t.type::organisation_type
      from generate_series(1, ${REGIONS}) r(g), generate_series(1, ${ORGS_PER_TYPE}) o(g),
        (values ('gemeente'), ('zorgverzekeraar'), ('zorgkantoor')) t(type)`);
    await db.execute(sql`
      insert into organisation_regions (organisation_id, region_id)
      select o.id, r.id from organisations o
      join regions r on r.slug = 'bench-regio-' || split_part(substring(o.slug from length('bench-') + 1), '-', 2)
      where o.slug like 'bench-%'`);
    const total = ANSWERED + UNANSWERED;
    await db.execute(sql`
      insert into people (email, name)
      select 'p' || g || '@bench.example', 'Persoon ' || g from generate_series(1, ${total}) g`);
    // Person g: region g % 31, type g % 3, organisation (g / 93) % 10; the first ANSWERED people answer.
    await db.execute(sql`
      insert into invitations (wave_id, person_id, region_id, organisation_id)
      select ${wave.id}, p.id, o_r.region_id, o_r.organisation_id
      from (select id, substring(email from 2 for position('@' in email) - 2)::int as g from people where email like '%@bench.example') p
      join regions r on r.slug = 'bench-regio-' || (p.g % ${REGIONS} + 1)
      join organisations o on o.slug = 'bench-' || (array['gemeente','zorgverzekeraar','zorgkantoor'])[p.g % 3 + 1]
        || '-' || (p.g % ${REGIONS} + 1) || '-' || ((p.g / 93) % ${ORGS_PER_TYPE} + 1)
      join organisation_regions o_r on o_r.organisation_id = o.id and o_r.region_id = r.id`);
    // Satisfaction varies by region (so some regions are outliers); one in ten has a second revision.
    await db.execute(sql`
      insert into answer_revisions (invitation_id, revision, answers, submitted_via)
      select i.id, 1, jsonb_build_object(
          'agenda_tevreden', random() < 0.3 + (g.n % 5) * 0.12, 'agenda_ondersteuning', random() < 0.2,
          'proces_tevreden', random() < 0.5, 'proces_ondersteuning', false,
          'resultaat_tevreden', random() < 0.2 + (g.n % 7) * 0.1, 'resultaat_ondersteuning', false),
        'slack'
      from invitations i
      join people p on p.id = i.person_id
      join (select id, split_part(slug, '-', 3)::int as n from regions where slug like 'bench-regio-%') g on g.id = i.region_id
      where i.wave_id = ${wave.id}
        and substring(p.email from 2 for position('@' in p.email) - 2)::int <= ${ANSWERED}`);
    await db.execute(sql`
      insert into answer_revisions (invitation_id, revision, answers, submitted_via)
      select invitation_id, 2, answers || '{"agenda_tevreden": true}'::jsonb, 'teams'
      from answer_revisions where revision = 1 and random() < 0.1`);
    await db.execute(sql`analyze`);
    const [counts] = await executeRows<{ invitations: number; answered: number }>(
      db,
      sql`select (select count(*)::int from invitations where wave_id = ${wave.id}) as invitations,
        (select count(distinct invitation_id)::int from answer_revisions) as answered`,
    );
    console.log(
      `[venster PostgreSQL] seeded ${counts?.invitations} invitations (${counts?.answered} answered) over ${REGIONS} regions in ${ms(performance.now() - seedStarted)}`,
    );

    const config = parseConfig({ LOG_LEVEL: "silent" });
    const app = await startApp(
      { ...config, http: { host: "127.0.0.1", port: 0 }, seedDemo: false },
      createLogger("silent"),
      { database, everyMinute: false },
    );
    try {
      const rawAggregate = sql`
        with latest as (
          select distinct on (r.invitation_id) r.invitation_id, r.answers
          from answer_revisions r join invitations i on i.id = r.invitation_id
          where i.wave_id = ${wave.id}
          order by r.invitation_id, r.revision desc
        )
        select i.region_id,
          avg(case when l.answers -> 'agenda_tevreden' = 'true'::jsonb then 1.0 else 0.0 end) filter (where l.answers ? 'agenda_tevreden') as agenda,
          avg(case when l.answers -> 'proces_tevreden' = 'true'::jsonb then 1.0 else 0.0 end) filter (where l.answers ? 'proces_tevreden') as proces,
          avg(case when l.answers -> 'resultaat_tevreden' = 'true'::jsonb then 1.0 else 0.0 end) filter (where l.answers ? 'resultaat_tevreden') as resultaat
        from invitations i left join latest l on l.invitation_id = i.id
        where i.wave_id = ${wave.id}
        group by i.region_id`;
      const url = `${app.url}/venster?wave=${encodeURIComponent(wave.name)}`;
      const check = await fetch(url);
      const body = await check.text();
      if (check.status !== 200 || !body.includes("Benchregio 31"))
        throw new Error(`/venster answered ${check.status}`);
      // Interleave the two so that both see the same machine load.
      const sqlSamples: number[] = [];
      const pageSamples: number[] = [];
      for (let round = 0; round < 3; round++) {
        sqlSamples.push(...(await time(() => executeRows(db, rawAggregate))));
        pageSamples.push(
          ...(await time(async () => {
            const res = await fetch(url);
            await res.text();
          })),
        );
      }
      const sqlMedian = percentile(sqlSamples, 50);
      const pageMedian = percentile(pageSamples, 50);
      console.log(
        `[venster PostgreSQL] raw SQL aggregate (latest revision, share of ja per region and part): median ${ms(sqlMedian)}, p95 ${ms(percentile(sqlSamples, 95))}`,
      );
      console.log(
        `[venster PostgreSQL] GET /venster over HTTP (${Math.round(body.length / 1024)} KiB HTML): median ${ms(pageMedian)}, p95 ${ms(percentile(pageSamples, 95))}`,
      );
      console.log(
        `[venster PostgreSQL] page / SQL (medians): ${(pageMedian / sqlMedian).toFixed(2)}× (target ≤ 3×)`,
      );
    } finally {
      await app.stop();
    }
  });
}
