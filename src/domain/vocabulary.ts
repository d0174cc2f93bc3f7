/** The closed lists of the domain. The database enums are generated from these, so both always agree. */

export const REGION_KINDS = ["zorgkantoorregio", "wmo", "hlz", "subregio", "overig"] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

export const ORGANISATION_TYPES = [
  "gemeente",
  "zorgverzekeraar",
  "zorgkantoor",
  "zorgaanbieder",
  "clientenorganisatie",
  "overig",
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/** The financiers: they answer the annual venster survey (DOMAIN.md). */
export const FINANCIER_TYPES: readonly OrganisationType[] = ["gemeente", "zorgverzekeraar", "zorgkantoor"];

export const MEMBERSHIP_ROLES = ["bestuurlijk", "ambtelijk"] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const PLATFORMS = ["slack", "teams", "local"] as const;
export type Platform = (typeof PLATFORMS)[number];

export const LOCALES = ["nl", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** The samenwerkingskaart axes (seeds 003): theme, instrument, form/intensity, geography. */
export const THEMES = ["preventie", "ggz", "ouderen", "wijk", "jeugd", "anders"] as const;
export type Theme = (typeof THEMES)[number];
export const INSTRUMENTS = [
  "werkwijze",
  "beleid",
  "inkoop",
  "collectieve_zorg_minima",
  "samenwerkingsdocument",
] as const;
export type Instrument = (typeof INSTRUMENTS)[number];
export const COLLABORATION_FORMS = [
  "ontwikkelproject",
  "doorontwikkelen",
  "implementatie",
  "samenwerkingsafspraken",
] as const;
export type CollaborationForm = (typeof COLLABORATION_FORMS)[number];
export const GEOGRAPHIES = ["gemeentelijk", "regionaal", "bovenregionaal"] as const;
export type Geography = (typeof GEOGRAPHIES)[number];
