import { and, asc, eq, inArray } from "drizzle-orm";
import { DateTime } from "luxon";
import { insertInChunks } from "../../db/insert-in-chunks.js";
import {
  agendaItems,
  agreements,
  channelBindings,
  escalations,
  handovers,
  meetings,
  memberships,
  organisations,
  people,
  regions,
  topicScopeEntries,
} from "../../db/schema.js";
import { nextWorkingDay } from "../../domain/dutch-holidays.js";
import type { CollaborationForm, Geography, Instrument, Theme } from "../../domain/vocabulary.js";
import type { AppContext } from "../context.js";
import { membershipActiveOn } from "../membership-active.js";
import { startHandover } from "../table/handovers.js";
import { planMeeting } from "../table/meetings.js";
import type { Random } from "./prng.js";
import { DEMO_REGIONS } from "./profiles.js";

type Region = { id: string; slug: string; name: string; chairId: string | null };

/** Agenda items by theme; a meeting takes three or four of them. */
const AGENDA: readonly { text: string; theme: Theme | null }[] = [
  { text: "Voortgang werkagenda: stand van zaken per thema", theme: null },
  { text: "Preventie: resultaten valpreventie bij thuiswonende ouderen", theme: "preventie" },
  { text: "Ouderenzorg: tekort aan plekken voor kortdurend verblijf", theme: "ouderen" },
  { text: "Dementie: casemanagement en ondersteuning van mantelzorgers", theme: "ouderen" },
  { text: "GGZ: afspraken over personen met verward gedrag", theme: "ggz" },
  { text: "GGZ: wachttijden en overbruggingszorg", theme: "ggz" },
  { text: "Jeugd 18-/18+: overgang naar volwassenenzorg", theme: "jeugd" },
  { text: "Samenwerking in de wijk: wijkverpleging en sociaal wijkteam", theme: "wijk" },
  { text: "Terugblik op de uitkomsten van het venster", theme: null },
  { text: "Mantelzorg: respijtzorg in de regio", theme: "ouderen" },
];

type AgreementSeed = {
  text: string;
  theme: Theme;
  instrument: Instrument;
  form: CollaborationForm;
  geography: Geography;
};
const AGREEMENTS: readonly AgreementSeed[] = [
  {
    text: "Gemeenten en zorgverzekeraar financieren samen een aanpak voor personen met verward gedrag.",
    theme: "ggz",
    instrument: "samenwerkingsdocument",
    form: "samenwerkingsafspraken",
    geography: "regionaal",
  },
  {
    text: "Eén aanspreekpunt per wijk voor wijkverpleging en sociaal team.",
    theme: "wijk",
    instrument: "werkwijze",
    form: "implementatie",
    geography: "gemeentelijk",
  },
  {
    text: "Gezamenlijke pilot dementievriendelijke wijk, evaluatie na een jaar.",
    theme: "ouderen",
    instrument: "werkwijze",
    form: "ontwikkelproject",
    geography: "regionaal",
  },
  {
    text: "Vaste overdrachtsafspraken bij de overgang van jeugdhulp naar volwassenen-GGZ.",
    theme: "jeugd",
    instrument: "beleid",
    form: "doorontwikkelen",
    geography: "regionaal",
  },
  {
    text: "Regionaal programma valpreventie voor thuiswonende ouderen.",
    theme: "preventie",
    instrument: "beleid",
    form: "implementatie",
    geography: "bovenregionaal",
  },
];

/** Requests for support (`hulpvraag`) the chairs sent to the national coordinators. */
const SUPPORT_REQUESTS = [
  {
    slug: "drechtsteden",
    text:
      "Het overleg loopt vast: contactpersonen wisselen steeds en besluiten blijven liggen. " +
      "Wij vragen een onafhankelijke procesbegeleider voor een half jaar.",
    daysAgo: 21,
  },
  {
    slug: "drechtsteden",
    text:
      "Graag een gesprek met VNG en ZN over afspraken rond personen met verward gedrag; " +
      "de GGZ-aanbieders sluiten niet aan.",
    daysAgo: 5,
  },
  {
    slug: "amsterdam",
    text: "Ondersteuning gevraagd bij de overgang jeugd 18-/18+: wie financiert de begeleiding na het 18e jaar?",
    daysAgo: 40,
  },
] as const;

/** The day itself, or the first working day after it: tables meet on working days, as in real life. */
const onWorkingDay = (day: DateTime): DateTime => {
  const date = nextWorkingDay(day.toISODate() as string);
  return day.set({
    year: Number(date.slice(0, 4)),
    month: Number(date.slice(5, 7)),
    day: Number(date.slice(8)),
  });
};

/**
 * What a table has done: past meetings with their agendas, agreements, a topic scope, handovers (one
 * completed, one open) and requests for support; and per region an upcoming meeting, planned through the use
 * case so its reminders are queued as in real use. With `localChannels`, each region gets its channel in the
 * local messenger (`regio-<slug>`), bound before the meetings so the agenda is posted there too.
 */
export async function seedDemoTable(ctx: AppContext, options: { random: Random; localChannels: boolean }) {
  const { db, timeZone } = ctx;
  const { random } = options;
  const now = DateTime.fromJSDate(ctx.now(), { zone: timeZone });
  const today = now.toISODate() as string;
  const tables = await demoRegions(ctx, today);

  if (options.localChannels) {
    await insertInChunks(
      db,
      channelBindings,
      tables.map((r) => ({
        purpose: "region" as const,
        regionId: r.id,
        platform: "local" as const,
        workspaceId: "local",
        channelId: `regio-${r.slug}`,
        createdByPersonId: r.chairId,
      })),
      { ignoreConflicts: true },
    );
  }

  const pastMeetings: (typeof meetings.$inferInsert)[] = [];
  for (const region of tables) {
    const profile = DEMO_REGIONS.find((p) => p.slug === region.slug);
    for (const monthsAgo of [7, 4, 1]) {
      const day = onWorkingDay(now.minus({ months: monthsAgo, days: random.int(0, 12) })).set({
        hour: 14,
        minute: 0,
        second: 0,
      });
      pastMeetings.push({
        regionId: region.id,
        startsAt: day.set({ millisecond: 0 }).toJSDate(),
        location: profile?.location ?? null,
        createdByPersonId: region.chairId,
        createdAt: day.minus({ weeks: 6 }).toJSDate(),
      });
    }
  }
  const storedPast = await insertInChunks(db, meetings, pastMeetings);
  const items: (typeof agendaItems.$inferInsert)[] = [];
  for (const meeting of storedPast) items.push(...agendaFor(meeting, random, random.int(3, 4)));

  for (const region of tables) {
    if (!region.chairId) continue;
    const profile = DEMO_REGIONS.find((p) => p.slug === region.slug);
    const date = onWorkingDay(now.plus({ days: random.int(6, 24) }));
    const meeting = await planMeeting(ctx, {
      regionId: region.id,
      personId: region.chairId,
      date: date.toISODate() as string,
      time: random.pick(["10:00", "13:30", "14:00", "15:30"]),
      location: profile?.location,
    });
    items.push(...agendaFor({ ...meeting, createdAt: now.toJSDate() }, random, random.int(2, 3)));
  }
  await insertInChunks(db, agendaItems, items);

  await insertInChunks(
    db,
    agreements,
    tables.flatMap((region) =>
      random
        .shuffle(AGREEMENTS)
        .slice(0, random.int(2, 3))
        .map((agreement, n) => ({
          regionId: region.id,
          ...agreement,
          agreedOn: now.minus({ months: 6 - 2 * n, days: random.int(0, 20) }).toISODate() as string,
          createdByPersonId: region.chairId,
        })),
    ),
  );

  const bySlug = (slug: string) => tables.find((r) => r.slug === slug);
  const scoped = [bySlug("eemland"), bySlug("zeeland")].filter((r) => r !== undefined);
  await insertInChunks(
    db,
    topicScopeEntries,
    scoped.flatMap((region) => [
      {
        regionId: region.id,
        topic: "preventie",
        theme: "preventie" as const,
        status: "forbidden" as const,
        reason:
          "Zorgverzekeraars maken geen gezamenlijke afspraken over preventie-inkoop (mededinging); " +
          "bespreken per verzekeraar.",
        decidedByPersonId: region.chairId,
        decidedAt: now.minus({ months: 8 }).toJSDate(),
      },
      {
        regionId: region.id,
        topic: "ouderenzorg",
        theme: "ouderen" as const,
        status: "allowed" as const,
        reason: "Kernthema van de werkagenda.",
        decidedByPersonId: region.chairId,
        decidedAt: now.minus({ months: 8 }).toJSDate(),
      },
    ]),
  );

  const asks = SUPPORT_REQUESTS.flatMap((ask) => {
    const region = bySlug(ask.slug);
    return region?.chairId ? [{ ...ask, region, chairId: region.chairId }] : [];
  });
  await insertInChunks(
    db,
    escalations,
    asks.map((a) => ({
      regionId: a.region.id,
      personId: a.chairId,
      text: a.text,
      createdAt: now.minus({ days: a.daysAgo }).toJSDate(),
    })),
  );

  const achterhoek = bySlug("achterhoek");
  if (achterhoek) await seedCompletedHandover(ctx, achterhoek, "Gemeente Winterswijk", now);
  const zuidOost = bySlug("zuid-oost-utrecht");
  if (zuidOost?.chairId) {
    const seat = await contactOf(ctx, zuidOost.id, "Gemeente Bunnik", today);
    if (seat) {
      const successor = await newPerson(ctx, "Lieke Verbeek", "lieke.verbeek@bunnik.example");
      await startHandover(ctx, {
        regionId: zuidOost.id,
        personId: zuidOost.chairId,
        predecessorId: seat.personId,
        successorId: successor,
        handoverOn: now.plus({ days: 14 }).toISODate() as string,
      });
    }
  }
}

async function demoRegions(ctx: AppContext, today: string): Promise<Region[]> {
  const slugs = DEMO_REGIONS.map((r) => r.slug);
  const found = await ctx.db
    .select({ id: regions.id, slug: regions.slug, name: regions.name })
    .from(regions)
    .where(inArray(regions.slug, slugs));
  const chairs = await ctx.db
    .select({ regionId: memberships.regionId, personId: memberships.personId })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.isChair, true), membershipActiveOn(today)))
    .orderBy(asc(people.email));
  return slugs.flatMap((slug) => {
    const region = found.find((r) => r.slug === slug);
    if (!region) return [];
    return [{ ...region, chairId: chairs.find((c) => c.regionId === region.id)?.personId ?? null }];
  });
}

function agendaFor(
  meeting: { id: string; createdByPersonId: string | null; createdAt: Date },
  random: Random,
  count: number,
) {
  const [first, ...rest] = AGENDA;
  const chosen = [first, ...random.shuffle(rest).slice(0, count - 1)].filter((item) => item !== undefined);
  return chosen.map((item, index) => ({
    meetingId: meeting.id,
    position: index + 1,
    text: item.text,
    theme: item.theme,
    createdByPersonId: meeting.createdByPersonId,
    createdAt: meeting.createdAt,
  }));
}

async function contactOf(ctx: AppContext, regionId: string, organisation: string, today: string) {
  const [seat] = await ctx.db
    .select({ membership: memberships, personId: memberships.personId })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(
      and(
        eq(memberships.regionId, regionId),
        eq(organisations.name, organisation),
        eq(memberships.role, "ambtelijk"),
        membershipActiveOn(today),
      ),
    )
    .limit(1);
  return seat;
}

async function newPerson(ctx: AppContext, name: string, email: string): Promise<string> {
  const [person] = await ctx.db.insert(people).values({ name, email }).returning({ id: people.id });
  return (person as { id: string }).id;
}

/**
 * A handover two months ago that went the whole way: the old contact's seat ended, the successor sits at the
 * table since, was introduced and briefed, and the chair marked it complete two weeks later.
 */
async function seedCompletedHandover(ctx: AppContext, region: Region, organisation: string, now: DateTime) {
  const seat = await contactOf(ctx, region.id, organisation, now.toISODate() as string);
  if (!seat) return;
  const handoverOn = now.minus({ days: 60 }).toISODate() as string;
  const successor = await newPerson(ctx, "Joris Hofman", "joris.hofman@winterswijk.example");
  await ctx.db
    .update(memberships)
    .set({ activeUntil: handoverOn })
    .where(eq(memberships.id, seat.membership.id));
  await ctx.db.insert(memberships).values({
    personId: successor,
    organisationId: seat.membership.organisationId,
    regionId: region.id,
    role: seat.membership.role,
    activeFrom: handoverOn,
  });
  await ctx.db.insert(handovers).values({
    regionId: region.id,
    organisationId: seat.membership.organisationId,
    predecessorPersonId: seat.personId,
    successorPersonId: successor,
    endingMembershipId: seat.membership.id,
    handoverOn,
    status: "completed",
    startedByPersonId: region.chairId,
    createdAt: now.minus({ days: 75 }).toJSDate(),
    completedAt: now.minus({ days: 46 }).toJSDate(),
  });
}
