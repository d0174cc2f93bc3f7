import type { people } from "../db/schema.js";

/** A person the bot knows, as recognised from a platform user (see `recognisePlatformUser`). */
export type KnownPerson = typeof people.$inferSelect;
