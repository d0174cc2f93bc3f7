import type { OutlierDirection } from "../../domain/venster/outliers.js";
import type { VensterPart } from "../../domain/venster/parts.js";
import type { Locale, OrganisationType, Theme } from "../../domain/vocabulary.js";

/** Every word the venster pages and their CSV headers show, Dutch first. */
type Texts = { nl: string; en: string };

export const PART_LABELS: Record<VensterPart, Texts> = {
  agenda: { nl: "Agenda", en: "Agenda" },
  proces: { nl: "Proces", en: "Process" },
  resultaat: { nl: "Resultaat", en: "Result" },
};

export const TYPE_LABELS: Record<OrganisationType, Texts> = {
  gemeente: { nl: "Gemeenten", en: "Municipalities" },
  zorgverzekeraar: { nl: "Zorgverzekeraars", en: "Health insurers" },
  zorgkantoor: { nl: "Zorgkantoren", en: "Care offices" },
  zorgaanbieder: { nl: "Zorgaanbieders", en: "Care providers" },
  clientenorganisatie: { nl: "Cliëntenorganisaties", en: "Client organisations" },
  overig: { nl: "Overig", en: "Other" },
};

export const THEME_LABELS: Record<Theme, Texts> = {
  preventie: { nl: "Preventie", en: "Prevention" },
  ggz: { nl: "GGZ", en: "Mental health care (GGZ)" },
  ouderen: { nl: "Ouderen", en: "Older people" },
  wijk: { nl: "Samenwerken in de wijk", en: "Collaboration in the neighbourhood" },
  jeugd: { nl: "Jeugd 18-/18+", en: "Youth 18-/18+" },
  anders: { nl: "Anders", en: "Other" },
};

export const OUTLIER_LABELS: Record<OutlierDirection, Texts> = {
  higher: { nl: "▲ hoger dan landelijk", en: "▲ higher than national" },
  lower: { nl: "▼ lager dan landelijk", en: "▼ lower than national" },
};

const T = {
  title: { nl: "Venster op het samenwerkingsproces", en: "Window on the collaboration process" },
  skip: { nl: "Naar de inhoud", en: "Skip to content" },
  otherLanguage: { nl: "English", en: "Nederlands" },
  waveLabel: { nl: "Ronde", en: "Round" },
  show: { nl: "Toon", en: "Show" },
  open: { nl: "open", en: "open" },
  closed: { nl: "gesloten", en: "closed" },
  national: { nl: "Landelijk", en: "National" },
  nationalTotals: { nl: "Landelijke totalen", en: "National totals" },
  regions: { nl: "Regio's", en: "Regions" },
  region: { nl: "Regio", en: "Region" },
  slug: { nl: "Code", en: "Code" },
  invited: { nl: "Uitgenodigd", en: "Invited" },
  answered: { nl: "Geantwoord", en: "Answered" },
  responseRate: { nl: "Respons", en: "Response rate" },
  shareYes: { nl: "aandeel ja", en: "share yes" },
  yes: { nl: "ja", en: "yes" },
  no: { nl: "nee", en: "no" },
  supportNeeded: { nl: "ondersteuning nodig", en: "support needed" },
  outlier: { nl: "uitschieter", en: "outlier" },
  outliers: { nl: "Uitschieters", en: "Outliers" },
  noOutliers: { nl: "Geen uitschieters in deze ronde.", en: "No outliers in this round." },
  direction: { nl: "Richting", en: "Direction" },
  part: { nl: "Onderdeel", en: "Part" },
  respondents: { nl: "Respondenten", en: "Respondents" },
  escalations: { nl: "Hulpvragen", en: "Requests for support (hulpvraag)" },
  noEscalations: { nl: "Geen hulpvragen in deze periode.", en: "No requests for support in this period." },
  date: { nl: "Datum", en: "Date" },
  themes: { nl: "Thema's", en: "Themes" },
  theme: { nl: "Thema", en: "Theme" },
  count: { nl: "Aantal", en: "Count" },
  downloadCsv: { nl: "Download als CSV", en: "Download as CSV" },
  legend: { nl: "Kleuren", en: "Colours" },
  organisationType: { nl: "Soort organisatie", en: "Organisation type" },
  total: { nl: "Totaal", en: "Total" },
  suppressed: { nl: "afgeschermd", en: "withheld" },
  trend: { nl: "Verloop over de rondes", en: "Trend across rounds" },
  wave: { nl: "Ronde", en: "Round" },
  share: { nl: "Aandeel ja", en: "Share yes" },
  nationalShare: { nl: "Landelijk aandeel ja", en: "National share yes" },
  support: { nl: "Ondersteuningsbehoefte per thema", en: "Support needs by theme" },
  activity: { nl: "Overleg en overdrachten", en: "Meetings and handovers" },
  activityWhat: { nl: "Wat", en: "What" },
  backToOverview: { nl: "Terug naar het landelijke overzicht", en: "Back to the national overview" },
  notFound: { nl: "Niet gevonden", en: "Not found" },
  unavailable: { nl: "Tijdelijk niet beschikbaar", en: "Temporarily unavailable" },
  error: { nl: "Er ging iets mis", en: "Something went wrong" },
  noWaves: { nl: "Nog geen venster-ronde", en: "No venster round yet" },
  chartTable: {
    nl: "De cijfers van deze grafiek staan in de tabel hieronder.",
    en: "The figures of this chart are in the table below.",
  },
} satisfies Record<string, Texts>;

export type TextKey = keyof typeof T;

export const t = (locale: Locale, key: TextKey): string => T[key][locale];
export const label = (locale: Locale, texts: Texts): string => texts[locale];
