import {
  COLLABORATION_FORMS,
  type CollaborationForm,
  GEOGRAPHIES,
  type Geography,
  INSTRUMENTS,
  type Instrument,
  THEMES,
  type Theme,
} from "../vocabulary.js";

/**
 * Labels in typed commands: every word starting with `#` is one (theme, and for agreements instrument, form
 * and geography), in the vocabulary's spelling or a friendly alias, in either language.
 */

type Texts = { nl: string; en: string };

const SLACK_CHANNEL_LABEL = /^<#[A-Z0-9]+\|([^>]+)>$/;

export type Axis = "theme" | "instrument" | "form" | "geography";
export type Labels = {
  theme?: Theme;
  instrument?: Instrument;
  form?: CollaborationForm;
  geography?: Geography;
};

export const AXIS_NAMES: Record<Axis, Texts> = {
  theme: { nl: "Thema", en: "Theme" },
  instrument: { nl: "Instrument", en: "Instrument" },
  form: { nl: "Vorm", en: "Form" },
  geography: { nl: "Geografie", en: "Geography" },
};

const AXIS_VALUES: Record<Axis, readonly string[]> = {
  theme: THEMES,
  instrument: INSTRUMENTS,
  form: COLLABORATION_FORMS,
  geography: GEOGRAPHIES,
};

/** Friendly spellings of the vocabulary's values, written as canonical tags (see `canonicalTag`). */
const LABEL_ALIASES: Record<Axis, Record<string, readonly string[]>> = {
  theme: {
    preventie: ["prevention"],
    ggz: ["geestelijke-gezondheidszorg", "mental-health", "mentalhealth"],
    ouderen: ["ouderenzorg", "elderly", "elderly-care", "older-people"],
    wijk: [
      "effectief-samenwerken-in-de-wijk",
      "samenwerken-in-de-wijk",
      "wijkgericht",
      "neighbourhood",
      "neighborhood",
    ],
    jeugd: ["jeugd18-", "jeugd-18-", "jeugd18+", "jeugd-18+", "jeugd-18-/18+", "18-", "18+", "youth"],
    anders: ["overig", "other"],
  },
  instrument: {
    werkwijze: ["way-of-working", "method"],
    beleid: ["policy"],
    inkoop: ["procurement", "purchasing"],
    collectieve_zorg_minima: ["collectievezorgminima", "minima", "collective-insurance"],
    samenwerkingsdocument: ["convenant", "covenant", "collaboration-document"],
  },
  form: {
    ontwikkelproject: ["ontwikkelen", "pilot", "development-project"],
    doorontwikkelen: ["doorontwikkeling", "further-development"],
    implementatie: ["implementeren", "implementation"],
    samenwerkingsafspraken: ["samenwerkingsafspraak", "collaboration-agreements"],
  },
  geography: {
    gemeentelijk: ["lokaal", "local", "municipal"],
    regionaal: ["regional"],
    bovenregionaal: ["supraregionaal", "supra-regional", "supraregional"],
  },
};

/** How a value is written as a tag: `collectieve_zorg_minima` → `collectieve-zorg-minima`. */
export const tagOf = (value: string) => value.replaceAll("_", "-");

/** Lower case, without accents, `_` as `-`, without a trailing full stop or comma. */
function canonicalTag(tag: string): string {
  return tag
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replaceAll("_", "-")
    .replace(/[.,;:!?]+$/, "");
}

const LABELS: ReadonlyMap<string, { axis: Axis; value: string }> = new Map(
  (Object.keys(AXIS_VALUES) as Axis[]).flatMap((axis) =>
    AXIS_VALUES[axis].flatMap((value) =>
      [tagOf(value), ...(LABEL_ALIASES[axis][value] ?? [])].map((tag) => [tag, { axis, value }] as const),
    ),
  ),
);

export const isLabel = (token: string) =>
  (token.length > 1 && token.startsWith("#")) || SLACK_CHANNEL_LABEL.test(token);

/** `#ggz`, also when Slack sent it as a link to a channel called ggz (`<#C123|ggz>`). */
export function labelText(token: string): string {
  const channel = SLACK_CHANNEL_LABEL.exec(token);
  return channel ? `#${channel[1]}` : token;
}

export function labelOf(token: string): { axis: Axis; value: string } | undefined {
  return LABELS.get(canonicalTag(labelText(token).slice(1)));
}

export const axisList = (axis: Axis) => AXIS_VALUES[axis].map((v) => `#${tagOf(v)}`).join(" ");
