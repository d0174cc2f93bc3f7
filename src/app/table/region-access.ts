import { and, eq } from "drizzle-orm";
import { memberships, people, regions } from "../../db/schema.js";
import { calendarDateIn } from "../../domain/calendar-date.js";
import { UserFacingError } from "../../domain/user-errors.js";
import type { Locale } from "../../domain/vocabulary.js";
import { type ChannelRef, findBinding } from "../channels/bind-channel.js";
import type { AppContext } from "../context.js";
import { membershipActiveOn } from "../membership-active.js";

export type TableRole = "chair" | "member" | "none";
export type RegionAccess = { region: typeof regions.$inferSelect; role: TableRole };

/**
 * Which region a command is about, and what the person may do there: the region bound to the channel; in a
 * direct message the region they chair (or, for reading, the one region they sit at). Chairs change the
 * table's business, contact persons read it, anyone else is told who can.
 */
export async function regionForCommand(
  ctx: AppContext,
  input: { personId: string; channel: Omit<ChannelRef, "conversationReference"> },
): Promise<RegionAccess> {
  const seats = await activeSeats(ctx, input.personId);
  const binding = await findBinding(ctx.db, input.channel);
  if (binding?.purpose === "region" && binding.regionId) {
    const [region] = await ctx.db.select().from(regions).where(eq(regions.id, binding.regionId));
    if (!region) throw new NoRegionError();
    const seat = seats.filter((s) => s.regionId === region.id);
    return { region, role: seat.some((s) => s.isChair) ? "chair" : seat.length ? "member" : "none" };
  }
  const chaired = unique(seats.filter((s) => s.isChair));
  if (chaired.length === 1) return { region: chaired[0] as RegionRow, role: "chair" };
  if (chaired.length > 1) throw new AmbiguousRegionError(chaired.map((r) => r.name));
  const seated = unique(seats);
  if (seated.length === 1) return { region: seated[0] as RegionRow, role: "member" };
  if (seated.length > 1) throw new AmbiguousRegionError(seated.map((r) => r.name));
  throw new NoRegionError();
}

type RegionRow = typeof regions.$inferSelect;

function unique(seats: { region: RegionRow }[]): RegionRow[] {
  return [...new Map(seats.map((s) => [s.region.id, s.region])).values()];
}

async function activeSeats(ctx: AppContext, personId: string) {
  const today = calendarDateIn(ctx.timeZone, ctx.now());
  const rows = await ctx.db
    .select({ regionId: memberships.regionId, isChair: memberships.isChair, region: regions })
    .from(memberships)
    .innerJoin(regions, eq(regions.id, memberships.regionId))
    .where(and(eq(memberships.personId, personId), membershipActiveOn(today)));
  return rows;
}

/** Refuses someone who does not chair the region, naming the region and its chairs. */
export async function requireChairOf(ctx: AppContext, personId: string, regionId: string): Promise<void> {
  if (await isChairOfRegion(ctx, personId, regionId)) return;
  const [region] = await ctx.db.select({ name: regions.name }).from(regions).where(eq(regions.id, regionId));
  throw new NotChairError(region?.name ?? "", await chairsOf(ctx, regionId));
}

/** Whether the person chairs this region today. */
export async function isChairOfRegion(ctx: AppContext, personId: string, regionId: string): Promise<boolean> {
  const seats = await activeSeats(ctx, personId);
  return seats.some((s) => s.regionId === regionId && s.isChair);
}

/** The chairs of a region today, by name, to tell others who can do what they asked. */
export async function chairsOf(ctx: AppContext, regionId: string): Promise<string[]> {
  const today = calendarDateIn(ctx.timeZone, ctx.now());
  const rows = await ctx.db
    .selectDistinct({ name: people.name })
    .from(memberships)
    .innerJoin(people, eq(people.id, memberships.personId))
    .where(and(eq(memberships.regionId, regionId), eq(memberships.isChair, true), membershipActiveOn(today)))
    .orderBy(people.name);
  return rows.map((r) => r.name);
}

/** Chairs only; everyone else hears who the chairs are. */
export async function requireChair(ctx: AppContext, access: RegionAccess): Promise<void> {
  if (access.role !== "chair")
    throw new NotChairError(access.region.name, await chairsOf(ctx, access.region.id));
}

/** Chairs and contact persons of the region. */
export async function requireSeat(ctx: AppContext, access: RegionAccess): Promise<void> {
  if (access.role === "none")
    throw new NotAtTableError(access.region.name, await chairsOf(ctx, access.region.id));
}

const nameList = (names: string[], locale: Locale) =>
  names.length === 0
    ? ""
    : locale === "en"
      ? ` The chair${names.length > 1 ? "s are" : " is"} ${names.join(" and ")}.`
      : ` Voorzitter${names.length > 1 ? "s zijn" : " is"} ${names.join(" en ")}.`;

export class NotChairError extends UserFacingError {
  readonly code = "NOT_CHAIR";
  constructor(
    readonly regionName: string,
    readonly chairs: string[],
  ) {
    super("not the chair");
  }
  userMessage(locale: Locale) {
    return locale === "en"
      ? `Only the chair of ${this.regionName} can change meetings, the agenda, agreements, topics and handovers.${nameList(this.chairs, locale)}`
      : `Alleen de voorzitter van ${this.regionName} kan overleggen, de agenda, afspraken, onderwerpen en overdrachten wijzigen.${nameList(this.chairs, locale)}`;
  }
}

export class NotAtTableError extends UserFacingError {
  readonly code = "NOT_AT_TABLE";
  constructor(
    readonly regionName: string,
    readonly chairs: string[],
  ) {
    super("not at this table");
  }
  userMessage(locale: Locale) {
    return locale === "en"
      ? `Only the contact persons of ${this.regionName} can see this. Ask the chair if you should be one.${nameList(this.chairs, locale)}`
      : `Alleen de contactpersonen van ${this.regionName} kunnen dit zien. Vraag de voorzitter als u dat zou moeten zijn.${nameList(this.chairs, locale)}`;
  }
}

export class NoRegionError extends UserFacingError {
  readonly code = "NO_REGION";
  userMessage(locale: Locale) {
    return locale === "en"
      ? "I don't know which region you mean: use this command in your region's channel."
      : "Ik weet niet welke regio u bedoelt: gebruik dit commando in het kanaal van uw regio.";
  }
}

export class AmbiguousRegionError extends UserFacingError {
  readonly code = "AMBIGUOUS_REGION";
  constructor(readonly regionNames: string[]) {
    super("several regions");
  }
  userMessage(locale: Locale) {
    const names = this.regionNames.join(", ");
    return locale === "en"
      ? `You sit at several tables (${names}). Which region do you mean? Use the command in that region's channel.`
      : `U zit aan meerdere tafels (${names}). Welke regio bedoelt u? Gebruik het commando in het kanaal van die regio.`;
  }
}
