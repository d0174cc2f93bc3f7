import { and, gte, isNull, lte, or } from "drizzle-orm";
import { memberships } from "../db/schema.js";

/** A membership in force on a calendar day (YYYY-MM-DD): started, and not ended before it. */
export const membershipActiveOn = (day: string) =>
  and(
    lte(memberships.activeFrom, day),
    or(isNull(memberships.activeUntil), gte(memberships.activeUntil, day)),
  );
