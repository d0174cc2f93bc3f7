import { and, eq } from "drizzle-orm";
import { memberships } from "../../db/schema.js";
import { calendarDateIn } from "../../domain/calendar-date.js";
import type { HelpViewer, TableRole } from "../../domain/commands/help.js";
import { type ChannelRef, findBinding } from "../channels/bind-channel.js";
import type { AppContext } from "../context.js";
import type { KnownPerson } from "../identify-person.js";
import { membershipActiveOn } from "../membership-active.js";

/**
 * Who is asking for `help`, and where, so that the help lists what they can do there: in a region's channel
 * their seat at that table; elsewhere (a direct message) their highest seat at any table, because the table
 * commands there act on the region they chair or sit at.
 */
export async function helpViewerOf(
  ctx: AppContext,
  person: KnownPerson,
  channel: Omit<ChannelRef, "conversationReference">,
): Promise<HelpViewer> {
  const binding = await findBinding(ctx.db, channel);
  const regionId = binding?.purpose === "region" ? binding.regionId : null;
  const today = calendarDateIn(ctx.timeZone, ctx.now());
  const seats = await ctx.db
    .select({ regionId: memberships.regionId, isChair: memberships.isChair })
    .from(memberships)
    .where(and(eq(memberships.personId, person.id), membershipActiveOn(today)));
  const here = regionId ? seats.filter((s) => s.regionId === regionId) : seats;
  const role: TableRole = here.some((s) => s.isChair) ? "chair" : here.length > 0 ? "contact" : "none";
  return {
    role,
    coordinator: ctx.nationalCoordinators.includes(person.email.toLowerCase()),
    place: regionId ? "region-channel" : binding?.purpose === "national" ? "national-channel" : "elsewhere",
  };
}
