import { and, asc, eq, inArray } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Db } from "../../db/client.js";
import { insertInChunks } from "../../db/insert-in-chunks.js";
import {
  answerRevisions,
  invitations,
  memberships,
  organisations,
  people,
  regions,
  waves,
} from "../../db/schema.js";
import { calendarDateIn } from "../../domain/calendar-date.js";
import type { Answers } from "../../domain/survey/definition.js";
import { vensterDefinition } from "../../domain/survey/definitions/venster.js";
import { validateAnswers } from "../../domain/survey/validate-answers.js";
import { FINANCIER_TYPES } from "../../domain/vocabulary.js";
import { membershipActiveOn } from "../membership-active.js";
import { createWave } from "../waves/create-wave.js";
import { openWave } from "../waves/open-wave.js";
import type { Random } from "./prng.js";
import { DEMO_REGIONS, EXPLANATIONS, SUPPORT_NEEDS, VENSTER_PARTS } from "./profiles.js";

/** The demo person whose open invitation stays unanswered: the browser test answers it. */
export const UNANSWERED_DEMO_EMAIL = "sanne.dekker@utrecht.example";

type Clock = { now: Date; timeZone: string; random: Random };
type Invitation = { id: string; regionSlug: string; email: string };
type AnswerRow = typeof answerRevisions.$inferInsert;

/**
 * Three venster waves: two closed ones from January of the previous two years (inserted as they would have
 * ended: invitations for everyone at the table then, answers stored as revisions) and this year's wave,
 * opened through the real use case ten days ago so its invitations sit in the outbox as usual, with part of
 * the people having answered already.
 */
export async function seedDemoWaves(db: Db, clock: Clock) {
  const year = DateTime.fromJSDate(clock.now, { zone: clock.timeZone }).year;
  for (const [index, waveYear] of [year - 2, year - 1].entries()) {
    const opensAt = DateTime.fromObject(
      { year: waveYear, month: 1, day: 13, hour: 9 },
      { zone: clock.timeZone },
    );
    const closesAt = opensAt.plus({ weeks: 4 }).set({ hour: 17 });
    const wave = await createWave(db, {
      surveyKey: "venster",
      name: `Venster ${waveYear}`,
      opensAt: opensAt.toJSDate(),
      closesAt: closesAt.toJSDate(),
    });
    await db
      .update(waves)
      .set({ status: "closed", openedAt: opensAt.toJSDate(), closedAt: closesAt.toJSDate() })
      .where(eq(waves.id, wave.id));
    const invited = await inviteTableOf(db, wave.id, opensAt.toJSDate(), clock.timeZone);
    await insertInChunks(
      db,
      answerRevisions,
      answersFor(invited, index as 0 | 1, "closed", clock.random, {
        from: opensAt,
        until: closesAt.minus({ hours: 2 }),
      }),
    );
  }

  const now = DateTime.fromJSDate(clock.now, { zone: clock.timeZone });
  const opensAt = now.minus({ days: 10 }).set({ hour: 9, minute: 0, second: 0, millisecond: 0 });
  const wave = await createWave(db, {
    surveyKey: "venster",
    name: `Venster ${year}`,
    opensAt: opensAt.toJSDate(),
    closesAt: now.plus({ days: 25 }).set({ hour: 17, minute: 0, second: 0, millisecond: 0 }).toJSDate(),
  });
  await openWave(db, wave.id, { now: opensAt.toJSDate(), timeZone: clock.timeZone });
  const invited = await invitationsOf(db, wave.id);
  await insertInChunks(
    db,
    answerRevisions,
    answersFor(invited, 2, "open", clock.random, { from: opensAt, until: now.minus({ hours: 1 }) }),
  );
}

/** One invitation per financier contact at a table on the day the wave opened (as openWave does). */
async function inviteTableOf(db: Db, waveId: string, opensAt: Date, timeZone: string) {
  const audience = await db
    .select({
      personId: memberships.personId,
      regionId: memberships.regionId,
      organisationId: memberships.organisationId,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(
      and(
        inArray(organisations.type, [...FINANCIER_TYPES]),
        membershipActiveOn(calendarDateIn(timeZone, opensAt)),
      ),
    )
    .orderBy(asc(memberships.activeFrom));
  const unique = [...new Map(audience.map((a) => [`${a.personId}|${a.regionId}`, a])).values()];
  await insertInChunks(
    db,
    invitations,
    unique.map((a) => ({ waveId, ...a, createdAt: opensAt })),
  );
  return invitationsOf(db, waveId);
}

/** In a stable order (not by random ids), so the same day gives the same answers. */
async function invitationsOf(db: Db, waveId: string): Promise<Invitation[]> {
  const rows = await db
    .select({ id: invitations.id, regionSlug: regions.slug, email: people.email })
    .from(invitations)
    .innerJoin(regions, eq(regions.id, invitations.regionId))
    .innerJoin(people, eq(people.id, invitations.personId))
    .where(eq(invitations.waveId, waveId));
  return rows.sort((a, b) => a.regionSlug.localeCompare(b.regionSlug) || a.email.localeCompare(b.email));
}

/**
 * Who answered and what. Per region and part, exactly round(share × respondents) say "ja" (not a coin per
 * person), so the outliers and trends the profiles describe are what the venster shows.
 */
function answersFor(
  invited: Invitation[],
  waveIndex: 0 | 1 | 2,
  kind: "closed" | "open",
  random: Random,
  period: { from: DateTime; until: DateTime },
): AnswerRow[] {
  const rows: AnswerRow[] = [];
  for (const profile of DEMO_REGIONS) {
    const candidates = invited.filter(
      (i) => i.regionSlug === profile.slug && !(kind === "open" && i.email === UNANSWERED_DEMO_EMAIL),
    );
    const rate = profile.answerRate[kind];
    const respondents = random.shuffle(candidates).slice(0, Math.round(rate * candidates.length));
    const answers = new Map(respondents.map((r) => [r.id, {} as Record<string, unknown>]));
    for (const part of VENSTER_PARTS) {
      const yes = Math.round(profile.shares[part][waveIndex] * respondents.length);
      random.shuffle(respondents).forEach((respondent, position) => {
        const raw = answers.get(respondent.id) as Record<string, unknown>;
        const satisfied = position < yes;
        raw[`${part}_tevreden`] = satisfied;
        if (random.chance(0.2)) {
          raw[`${part}_toelichting`] = random.pick(EXPLANATIONS[part][satisfied ? "ja" : "nee"]);
        }
        const needsSupport = random.chance(satisfied ? 0.04 : 0.3);
        raw[`${part}_ondersteuning`] = needsSupport;
        if (needsSupport) raw[`${part}_ondersteuning_welke`] = random.pick(SUPPORT_NEEDS[part]);
      });
    }
    const span = period.until.toMillis() - period.from.toMillis();
    for (const respondent of respondents) {
      const final = valid(answers.get(respondent.id) as Record<string, unknown>);
      const at = period.from.toMillis() + Math.floor(random.next() * span);
      const via = random.chance(0.6) ? ("teams" as const) : ("slack" as const);
      // Now and then someone answers quickly and corrects it a little later: two revisions, the last counts.
      if (random.chance(0.06)) {
        const first = valid({ ...stripTexts(final), agenda_tevreden: !final.agenda_tevreden });
        rows.push({
          invitationId: respondent.id,
          revision: 1,
          answers: first,
          submittedVia: via,
          submittedAt: new Date(at),
        });
        rows.push({
          invitationId: respondent.id,
          revision: 2,
          answers: final,
          submittedVia: via,
          submittedAt: new Date(Math.min(at + 3 * 3600_000, period.until.toMillis())),
        });
      } else {
        rows.push({
          invitationId: respondent.id,
          revision: 1,
          answers: final,
          submittedVia: via,
          submittedAt: new Date(at),
        });
      }
    }
  }
  return rows;
}

/** Every demo answer goes through the same validation as a submitted card. */
function valid(raw: Record<string, unknown>): Answers {
  const result = validateAnswers(vensterDefinition, raw);
  if (!result.ok) throw new Error(`demo answers invalid: ${JSON.stringify(result.errors)}`);
  return result.answers;
}

const stripTexts = (answers: Answers): Record<string, unknown> =>
  Object.fromEntries(Object.entries(answers).filter(([key]) => !key.endsWith("_toelichting")));
